"""The build cache (.cache/): incremental builds show every change and skip what did not change."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from benchmarks.synthetic import write_items
from build_tools.adapter import dirty_cache as cache
from build_tools.core.settings import Settings, cache_folder
from build_tools.media.stage import cache_for
from conftest import copy_project

EVENT = "campaigns/synthetic-campaign-00000/events/s00000-0.zh.md"
STORY = "campaigns/synthetic-campaign-00001/stories/s00001-1.zh.md"
UNTOUCHED = "news/s00000-2/index.html"


def _build(project: Path, site: Path, *flags, timings: Path = None, cache: Path = None) -> dict:
    env = {**os.environ}
    if cache:
        env["CAMPAIGN_CACHE_DIR"] = str(cache)
    if timings:
        env["CAMPAIGN_TIMINGS"] = str(timings)
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site), *flags]
    result = subprocess.run(cmd, cwd=project, capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stderr
    return json.loads(timings.read_text("utf-8")) if timings else {}


def _ask_for_a_poster(path: Path) -> None:
    """Synthetic events are long over: this one asks for its poster, so that there is one."""
    text = path.read_text("utf-8")
    path.write_text(text.replace("---\n", "---\nposter: true\n", 1), encoding="utf-8")


def _retitle(path: Path, old: str, new: str, extra: str = "") -> None:
    text = path.read_text("utf-8")
    assert f"title: {old}\n" in text
    path.write_text(text.replace(f"title: {old}\n", f"title: {new}\n") + extra, encoding="utf-8")


def test_dirty_builds_rebuild_every_page_a_change_reaches_and_only_those(tmp_path):
    project = copy_project(tmp_path / "p", with_content=False)
    write_items(project / "campaigns", 20)
    site = tmp_path / "site"
    first = _build(project, site, "--dirty", timings=tmp_path / "t1.json")
    assert set(first["ours"]) >= {"load", "validate", "derive", "render"}
    assert set(first["mkdocs"]) >= {"markdown", "pages"}
    untouched = site / UNTOUCHED
    before = (untouched.stat().st_mtime_ns, untouched.read_bytes())

    _retitle(project / EVENT, "第0期活动之0", "改过标题的活动", "\n\n新增的一段正文。\n")
    _retitle(project / STORY, "第1期志愿服务故事之1", "改过标题的故事")
    second = _build(project, site, "--dirty", timings=tmp_path / "t2.json")

    event_page = (site / "events/s00000-0/index.html").read_text("utf-8")
    assert "改过标题的活动" in event_page and "新增的一段正文。" in event_page
    # Pages that list the changed items are generated anew and rebuilt too.
    assert "改过标题的活动" in (site / "events/index.html").read_text("utf-8")
    assert "改过标题的活动" in (site / "campaigns/synthetic-campaign-00000/index.html").read_text("utf-8")
    assert "改过标题的故事" in (site / "index.html").read_text("utf-8")  # the home page's latest stories
    # A page nothing reached is left as it was.
    assert (untouched.stat().st_mtime_ns, untouched.read_bytes()) == before
    assert 0 < second["pages_rendered"] < first["pages_rendered"]


def test_the_cache_is_safe_to_delete_and_lives_in_one_folder(tmp_path):
    project = copy_project(tmp_path / "p", with_content=False)
    write_items(project / "campaigns", 10)
    _ask_for_a_poster(project / EVENT)
    sources = sorted(p.relative_to(project) for p in project.rglob("*"))
    site, folder = tmp_path / "site", tmp_path / "cache"
    _build(project, site, "--dirty", cache=folder)
    # CAMPAIGN_CACHE_DIR moves the whole cache: the project is left as it was.
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == sources
    assert any((folder / "generated").rglob("*.md")) and any((folder / "posters").rglob("meta.json"))

    shutil.rmtree(folder)
    _retitle(project / EVENT, "第0期活动之0", "删除缓存之后的标题")
    _build(project, site, "--dirty", cache=folder)
    assert "删除缓存之后的标题" in (site / "events/s00000-0/index.html").read_text("utf-8")
    # A full build after incremental ones gives the same page as a build from nothing.
    _build(project, site, cache=folder)
    fresh = tmp_path / "fresh"
    shutil.rmtree(folder)
    _build(project, fresh, cache=folder)
    for page in ("events/s00000-0/index.html", "events/index.html", "index.html", UNTOUCHED):
        assert (site / page).read_bytes() == (fresh / page).read_bytes(), page


def test_one_function_says_where_the_cache_is(tmp_path, monkeypatch):
    one, other = Settings(root=tmp_path / "a", content_dir=tmp_path / "a/c"), Settings(root=tmp_path / "b", content_dir=tmp_path / "b/c")
    monkeypatch.delenv("CAMPAIGN_CACHE_DIR", raising=False)
    assert cache_folder(one) == tmp_path / "a" / ".cache"
    assert cache_for(one).root == cache_folder(one)
    assert cache.generated_folder(one).is_relative_to(cache_folder(one))
    monkeypatch.setenv("CAMPAIGN_CACHE_DIR", str(tmp_path / "shared"))
    assert cache_for(one).root == cache_folder(one) == cache_folder(other) == tmp_path / "shared"
    # Images are shared by content; generated files are one project's.
    assert cache.generated_folder(one).is_relative_to(tmp_path / "shared")
    assert cache.generated_folder(one) != cache.generated_folder(other)


def test_sync_rewrites_only_changed_files_and_removes_the_rest(tmp_path):
    folder = tmp_path / "generated"
    cache.sync(folder, {"a.md": b"one", "b/c.md": b"two", "old.md": b"x"})
    kept = (folder / "a.md").stat().st_mtime_ns
    os.utime(folder / "b/c.md", ns=(0, 0))
    written = cache.sync(folder, {"a.md": b"one", "b/c.md": b"changed"})
    assert (folder / "a.md").stat().st_mtime_ns == kept
    assert (folder / "b/c.md").read_bytes() == b"changed" and (folder / "b/c.md").stat().st_mtime_ns > 0
    assert not (folder / "old.md").exists()
    assert written == {"a.md": str(folder / "a.md"), "b/c.md": str(folder / "b/c.md")}


def _files(folder: Path, skip: str = None) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not (skip and p.relative_to(folder).parts[0] == skip)}


def test_a_cache_restored_into_a_fresh_clone_is_used_and_builds_the_same_bytes(tmp_path):
    # As CI restores it: another checkout at another path, the cache copied in from a past run.
    first = copy_project(tmp_path / "first", with_content=False)
    write_items(first / "campaigns", 3)
    _ask_for_a_poster(first / EVENT)
    cold_cache = tmp_path / "cold-cache"
    _build(first, tmp_path / "cold", cache=cold_cache)
    clone = tmp_path / "clone"
    shutil.copytree(first, clone)
    restored = tmp_path / "restored-cache"
    shutil.copytree(cold_cache, restored)
    made = _files(restored, skip="generated")
    assert any(name.startswith("posters/") for name in made) and any(name.startswith("cards/") for name in made)
    _build(clone, tmp_path / "warm", cache=restored)
    assert _files(restored, skip="generated") == made  # every picture came from the cache
    assert _files(tmp_path / "warm") == _files(tmp_path / "cold")
