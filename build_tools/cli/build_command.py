"""`campaign build`: the site built into a temporary folder, then swapped in.

MkDocs empties its output folder before it writes, so a failed `mkdocs build -d site`
leaves no site at all. Here MkDocs writes beside the target and the result replaces
the target only when the build succeeded: a failed build leaves the previous site as
it was. MkDocs runs in a child process, so that the core never imports it.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..core.clock import reference_time
from ..i18n.languages import language
from ..content.publication import PREVIEW
from ..core.settings import Settings


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
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-new-", dir=out.parent))
    cmd = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(staging)]
    if strict:
        cmd.append("--strict")
    done = subprocess.run(cmd, cwd=config.parent, env=environ, capture_output=True, text=True)
    report = BuildReport(done.returncode == 0, mode, language(settings, settings.source_language).format_moment(now), log=done.stderr)
    report.warnings = [line for line in done.stderr.splitlines() if line.startswith(("WARNING", "ERROR"))]
    if not report.ok:
        shutil.rmtree(staging, ignore_errors=True)
        return report
    report.pages = sum(1 for p in staging.rglob("*.html") if p.name != "404.html")
    _swap(staging, out)
    return report


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
