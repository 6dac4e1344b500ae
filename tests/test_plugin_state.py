"""`mkdocs serve` keeps one plugin for all its rebuilds: a rebuild starts from nothing but
what a --dirty rebuild must carry, so what the plugin holds does not grow with each build."""
import os
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from benchmarks.synthetic import write_items
from conftest import copy_project


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("state") / "p", with_content=False)
    write_items(project / "campaigns", 3)
    return project


def _rebuild(project: Path, site: Path, dirty: bool):
    """One rebuild as `mkdocs serve` makes it: the configuration read again, the plugin kept."""
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=dirty)
    build(config, dirty=dirty)
    return config.plugins["campaigns"]


def _held(plugin) -> dict:
    state = plugin.state
    return {
        "trusted fragments": sum(len(fragments) for fragments in state.trusted.values()),
        "home page fragments": len(state.trusted["index.md"]),
        "theme languages": dict(state.theme_languages),
        "indexed pages": {lang: len(pages) for lang, pages in state.indexed.items()},
    }


def test_repeated_rebuilds_hold_what_one_build_holds(project, tmp_path):
    first = _rebuild(project, tmp_path / "site", dirty=False)
    once = _held(first)
    assert once["home page fragments"] >= 1 and once["indexed pages"]["en"] > 1
    second = _rebuild(project, tmp_path / "site", dirty=False)
    third = _rebuild(project, tmp_path / "site", dirty=False)
    assert second is first and third is first  # the same plugin, as in `mkdocs serve`
    assert _held(third) == once


def test_a_dirty_rebuild_keeps_the_search_entries_of_pages_it_does_not_render(project, tmp_path):
    site = tmp_path / "site"
    plugin = _rebuild(project, site, dirty=True)
    index = (site / "en/search/search_index.json").read_bytes()
    assert plugin.state.marks.pages_rendered > 0
    plugin = _rebuild(project, site, dirty=True)
    # Nothing changed: few pages are rendered again, and the English index is whole.
    assert plugin.state.marks.pages_rendered < len(plugin.state.result.pages.pages)
    assert (site / "en/search/search_index.json").read_bytes() == index


def test_a_serve_rebuild_parses_again_only_the_edited_file_and_shows_the_edit(tmp_path):
    project = copy_project(tmp_path / "p", with_content=False)
    write_items(project / "campaigns", 3)
    site = tmp_path / "site"
    plugin = _rebuild(project, site, dirty=True)
    before = dict(plugin.parsed)
    event = project / "campaigns/synthetic-campaign-00000/events/s00000-0.zh.md"
    assert str(event) in before
    # A quick save of the same size: the bytes decide, not the modification time.
    mtime = event.stat().st_mtime_ns
    event.write_text(event.read_text("utf-8").replace("title: 第0期活动之0\n", "title: 第0期活动之9\n"), encoding="utf-8")
    os.utime(event, ns=(mtime, mtime))
    plugin = _rebuild(project, site, dirty=True)
    assert "第0期活动之9" in (site / "events/s00000-0/index.html").read_text("utf-8")
    assert [path for path, entry in plugin.parsed.items() if entry is not before[path]] == [str(event)]
    # A file removed is forgotten, and its page is gone from the next build's pages.
    event.with_name("s00000-0.en.md").unlink()
    plugin = _rebuild(project, site, dirty=True)
    assert str(event.with_name("s00000-0.en.md")) not in plugin.parsed
    assert plugin.state.result.pages.get("en/events/s00000-0.md").fallback
