"""`mkdocs serve` keeps one plugin for all its rebuilds: a rebuild starts from nothing but
what a --dirty rebuild must carry, so what the plugin holds does not grow with each build."""
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
