"""`campaign build`: the same commit gives the same bytes, a failed build keeps the old site,
and CI gets a summary."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import copy_project

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
