"""`campaign build`: the site built into a temporary folder, then swapped in.

MkDocs empties its output folder before it writes, so a failed `mkdocs build -d site`
leaves no site at all. Here MkDocs writes beside the target and the result replaces
the target only when the build succeeded: a failed build leaves the previous site as
it was. MkDocs runs in a child process, so that the core never imports it; the child dies with
the build, and the next build removes what a killed one left beside the target.
"""
from __future__ import annotations

import ctypes
import fcntl
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from functools import partial
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..core.clock import reference_time
from ..core.printable import log_text
from ..i18n.languages import language
from ..content.publication import PREVIEW
from ..core.settings import Settings

PR_SET_PDEATHSIG = 1  # prctl(2): the signal a child gets when its parent dies


@dataclass
class BuildReport:
    ok: bool
    mode: str
    reference: str  # the reference time, as editors read it
    pages: int = 0
    warnings: list = field(default_factory=list)
    log: str = ""


def build_site(settings: Settings, config: Path, out: Path, mode: str, strict: bool = True,
               environ=None) -> BuildReport:
    environ = dict(os.environ if environ is None else environ)
    # One reference time for the whole build, ours and MkDocs' (sitemap dates, gzip
    # header): the run's time unless SOURCE_DATE_EPOCH pins it.
    now = reference_time(environ)
    environ["SOURCE_DATE_EPOCH"] = str(int(now.timestamp()))
    environ["CAMPAIGN_SITE_MODE"] = mode
    environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with _one_build_at_a_time(out):
        _remove_leftovers(out)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-new-", dir=out.parent))
        cmd = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(staging)]
        if strict:
            cmd.append("--strict")
        try:
            returncode, stderr = _run_child(cmd, config.parent, environ)
        except BaseException:  # interrupted (Ctrl+C, SIGTERM): the child is gone, so is its folder
            shutil.rmtree(staging, ignore_errors=True)
            raise
        log = log_text(stderr)  # the CI log: no line of it may be a workflow command
        report = BuildReport(returncode == 0, mode, language(settings, settings.source_language).format_moment(now), log=log)
        report.warnings = [line for line in log.splitlines() if line.startswith(("WARNING", "ERROR"))]
        if not report.ok:
            shutil.rmtree(staging, ignore_errors=True)
            return report
        report.pages = sum(1 for p in staging.rglob("*.html") if p.name != "404.html")
        _swap(staging, out)
        return report


@contextmanager
def _one_build_at_a_time(out: Path):
    """A lock on the folder that holds the output: a second build there waits, so that
    the leftovers one build removes are never another build's folders in use."""
    handle = os.open(out.parent, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing releases the lock


def _remove_leftovers(out: Path) -> None:
    """Folders of builds that were killed before they could clean up."""
    for kind in ("new", "old"):
        for folder in sorted(out.parent.glob(f".{out.name}-{kind}-*")):
            if folder.is_dir() and not folder.is_symlink():
                shutil.rmtree(folder, ignore_errors=True)


def _run_child(cmd: list, cwd: Path, environ: dict) -> tuple[int, str]:
    """Run MkDocs; it never outlives this process: it is killed when this process is
    interrupted, and (on Linux) the kernel ends it when this process dies."""
    previous = _terminate_as_exit()  # before the child starts: no moment without clean-up
    child = None
    try:
        child = subprocess.Popen(cmd, cwd=cwd, env=environ, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True, preexec_fn=partial(_die_with_parent, os.getpid()))
        _stdout, stderr = child.communicate()
        return child.returncode, stderr
    finally:
        if child is not None and child.poll() is None:
            child.kill()
            child.wait()
        for signum, handler in previous.items():
            if handler is not None:  # None: set outside Python, nothing to put back
                signal.signal(signum, handler)


def _die_with_parent(parent: int) -> None:  # runs in the child, before MkDocs starts
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the parent died before the line above: do not run at all
            os._exit(1)


def _terminate_as_exit() -> dict:
    """SIGTERM (a cancelled CI job) and SIGINT (Ctrl+C) end this process through its clean-up
    code. SIGINT is set here too: a process started in the background of a script inherits it
    ignored, and a build must still stop when asked. Returns the handlers it replaced."""
    if threading.current_thread() is not threading.main_thread():
        return {}

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    return {signum: signal.signal(signum, stop) for signum in (signal.SIGTERM, signal.SIGINT)}


def _swap(new: Path, out: Path) -> None:
    """Put the new folder at out; the old one, if any, is removed only afterwards."""
    old: Optional[Path] = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}-old-", dir=out.parent))
        os.rename(out, old / out.name)
    os.rename(new, out)
    os.chmod(out, 0o755)  # mkdtemp creates 0700; a web server must read the site
    if old is not None:
        shutil.rmtree(old)


def summary_markdown(report: BuildReport) -> str:
    """The job summary of a CI build (GitHub-flavoured Markdown, Chinese first)."""
    mode = "预览 preview" if report.mode == PREVIEW else "正式 production"
    lines = [
        "## 网站构建 Site build",
        "",
        "| | |",
        "|---|---|",
        f"| 结果 Result | {'成功 succeeded' if report.ok else '失败 failed'} |",
        f"| 模式 Mode | {mode} |",
        f"| 参考时间 Reference time | {report.reference} |",
        f"| 页面 Pages built | {report.pages} |",
        f"| 警告 Warnings | {len(report.warnings)} |",
        "",
    ]
    if report.warnings:
        lines += ["```text", *report.warnings, "```", ""]
    return "\n".join(lines) + "\n"
