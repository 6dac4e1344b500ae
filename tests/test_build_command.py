"""`campaign build`: the same commit gives the same bytes, a failed build keeps the old site,
and CI gets a summary."""
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import copy_project
from hostile_site import new_site

EPOCH = "1732406400"


def _campaign_build(project: Path, out: Path, *args, **env) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, **env}
    return subprocess.run([sys.executable, "-m", "build_tools.cli", "build", "-d", str(out), *args],
                          cwd=project, capture_output=True, text=True, env=full_env, timeout=600)


def _diff(a: Path, b: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["diff", "-r", str(a), str(b)], capture_output=True, text=True)


def test_two_builds_in_different_folders_and_locales_are_byte_identical(tmp_path):
    first = copy_project(tmp_path / "one" / "checkout")
    second = copy_project(tmp_path / "two" / "elsewhere" / "checkout")
    a = _campaign_build(first, first / "site", TZ="Asia/Shanghai", LANG="zh_CN.UTF-8", PYTHONHASHSEED="1")
    b = _campaign_build(second, second / "public", TZ="America/Los_Angeles", LANG="C", LC_ALL="C",
                        PYTHONHASHSEED="4242")
    assert a.returncode == 0, a.stderr
    assert b.returncode == 0, b.stderr
    # the outputs whose bytes usually differ are there to compare
    for name in ("sitemap.xml", "sitemap.xml.gz", "search/search_index.json", "feeds/news.xml", "robots.txt"):
        assert (first / "site" / name).is_file(), name
    diff = _diff(first / "site", second / "public")
    assert diff.returncode == 0 and diff.stdout == "", diff.stdout[:3000]
    # and no absolute path of either checkout leaked into the output
    for path in (first / "site").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".txt"):
            assert str(tmp_path) not in path.read_text(encoding="utf-8", errors="replace"), path


def test_a_failed_build_leaves_the_previous_site_untouched(tmp_path):
    project = copy_project(tmp_path / "p")
    out = project / "site"
    assert _campaign_build(project, out).returncode == 0
    (out / "marker.txt").write_text("the site as it was", encoding="utf-8")
    before = tmp_path / "before"
    shutil.copytree(out, before)

    bad = project / "campaigns" / "2024-environment-day" / "events" / "broken.zh.md"
    bad.write_text("---\ntitle: 缺少日期的活动\n---\n", encoding="utf-8")
    failed = _campaign_build(project, out)
    assert failed.returncode == 1
    assert "campaigns/2024-environment-day/events/broken.zh.md:1: start" in failed.stderr
    assert "保持不变" in failed.stderr
    assert _diff(before, out).stdout == ""
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []  # nothing left over

    bad.unlink()
    summary = tmp_path / "summary.md"
    rebuilt = _campaign_build(project, out, "--mode", "preview", "--summary", str(summary))
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert not (out / "marker.txt").exists()  # a successful build replaces the whole folder
    assert "Disallow: /" in (out / "robots.txt").read_text(encoding="ascii")
    assert oct(out.stat().st_mode & 0o777) == "0o755"
    # the CI job summary
    text = summary.read_text(encoding="utf-8")
    pages = len([p for p in out.rglob("*.html") if p.name != "404.html"])
    assert f"| 页面 Pages built | {pages} |" in text
    assert "| 模式 Mode | 预览 preview |" in text
    assert "| 参考时间 Reference time | 2024年11月24日 08:00（北京时间） |" in text
    assert "| 警告 Warnings | 0 |" in text


def _mkdocs_children(pid: int) -> list[int]:
    """Processes whose parent is pid and that run MkDocs (read from /proc, as `ps` does);
    a child still between fork and exec runs our own command line and is not one."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            command = (stat.parent / "cmdline").read_bytes().split(b"\0")
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid and b"mkdocs" in command:
            out.append(int(stat.parent.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")  # a zombie has ended; only its parent has not read its status


def _wait_for(condition, seconds: float = 60.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT], ids=["kill", "term", "int"])
def test_a_killed_build_takes_its_mkdocs_child_with_it_and_the_next_build_cleans_up(tmp_path, how):
    project = new_site(tmp_path / "p")
    out = project / "site"
    stale = project / ".site-new-leftover"  # what a build killed by an earlier version left
    (stale / "news").mkdir(parents=True)
    (stale / "news" / "index.html").write_text("stale", encoding="utf-8")
    (project / ".site-old-leftover").mkdir()
    build = subprocess.Popen([sys.executable, "-m", "build_tools.cli", "build", "-d", str(out)], cwd=project,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH})
    child = None
    try:
        assert _wait_for(lambda: _mkdocs_children(build.pid) and not stale.exists()), "no MkDocs child started"
        child = _mkdocs_children(build.pid)[0]
        os.kill(child, signal.SIGSTOP)  # held mid-build, however fast the machine
        assert not (project / ".site-old-leftover").exists()
        staging = [p for p in project.glob(".site-new-*")]
        assert len(staging) == 1
        build.send_signal(how)
        build.wait(timeout=60)
        assert _wait_for(lambda: not _alive(child), 30), "MkDocs outlived the build"
        if how != signal.SIGKILL:  # a build that could clean up did
            assert not staging[0].exists()
        assert not out.exists()
    finally:
        build.kill()
        if child is not None and _alive(child):  # a failed test leaves no stopped process behind
            os.kill(child, signal.SIGKILL)
        build.communicate(timeout=60)
    again = _campaign_build(project, out)
    assert again.returncode == 0, again.stderr
    assert (out / "campaigns" / "hostile" / "index.html").is_file()
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []


def test_the_build_log_prints_hostile_names_on_one_line_without_workflow_commands(tmp_path):
    project = new_site(tmp_path / "p")
    (project / "campaigns" / "hostile" / "x\n::error file=a::pwned\r##[add-mask]y.jpg").write_bytes(b"x")
    (project / "campaigns" / "hostile" / "dir\u2028::add-mask::z").mkdir()
    (project / "docs" / "p\n::warning::q.md").write_text("# 页\n", encoding="utf-8")
    done = _campaign_build(project, project / "site")
    assert done.returncode == 1
    lines = (done.stdout + done.stderr).split("\n")
    assert not [line for line in lines if line.lstrip().startswith("::") or "##[" in line]
    named = [line for line in lines if "<U+000A>" in line or "<U+2028>" in line]
    assert any("x<U+000A>::error file=a::pwned<U+000D>" in line for line in named), done.stderr
    assert any("dir<U+2028>::add-mask::z" in line for line in named), done.stderr
