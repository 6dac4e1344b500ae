"""A `serve` rebuild reuses what the builds before it rendered (calendar text by the values
it is written from, item pages whose inputs did not change): after each kind of edit, the served site must be byte for byte the
site a fresh build of the edited content makes."""
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from benchmarks.synthetic import write_events
from conftest import copy_project

EVENTS = "campaigns/synthetic-campaign-00000/events"


def _build(project: Path, site: Path, dirty: bool):
    """dirty: a rebuild as `mkdocs serve --dirty` makes it (the plugin kept); else a fresh
    build by a new plugin, in the preview mode a server uses."""
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=dirty)
    build(config, dirty=dirty)
    return config.plugins["campaigns"]


def _fresh(project: Path, site: Path, monkeypatch):
    with monkeypatch.context() as patch:  # MkDocs keeps one plugin per process for `serve`
        patch.setattr(MkDocsConfig.plugins, "plugin_cache", {})
        return _build(project, site, dirty=False)


def _files(site: Path) -> dict:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


EDITS = [
    ("body text", lambda p: _edit(p / EVENTS / "e00000.zh.md", "\n---\n", "\n---\n编辑补充的一段正文。\n\n")),
    ("a title that lists and calendars show", lambda p: _edit(p / EVENTS / "e00002.zh.md", "title: 第0期活动之2",
                                                            "title: 改过的标题")),
    ("a date that moves the event to another month",
     lambda p: _edit(p / EVENTS / "e00004.zh.md", "start: 2024-03-06", "start: 2024-05-20")),
    ("a new file", lambda p: (p / EVENTS / "e00009.zh.md").write_text(
        "---\ntitle: 新增活动\nsummary: 新增的活动。\nstart: 2024-04-10\n---\n新增活动的正文。\n", encoding="utf-8")),
    ("a deleted file", lambda p: (p / EVENTS / "e00002.en.md").unlink()),
]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A project served from its first build on, and the plugin that serves it."""
    folder = tmp_path_factory.mktemp("reuse")
    project = copy_project(folder / "p", with_content=False)
    write_events(project / "campaigns", 6, campaigns=2, chars=200)
    plugin = _build(project, folder / "served", dirty=True)
    return project, folder, plugin


@pytest.mark.parametrize("number", range(len(EDITS)), ids=[name for name, _ in EDITS])
def test_after_an_edit_the_served_site_is_a_fresh_build_of_it(served, number, monkeypatch):
    project, folder, plugin = served
    name, edit = EDITS[number]
    before = _files(folder / "served")
    edit(project)
    assert _build(project, folder / "served", dirty=True) is plugin  # the same server's next rebuild
    served_now = _files(folder / "served")
    _fresh(project, folder / f"fresh-{number}", monkeypatch)
    fresh = _files(folder / f"fresh-{number}")
    assert sorted(set(served_now) ^ set(fresh)) == []
    assert [p for p in fresh if served_now[p] != fresh[p]] == []
    assert served_now != before  # the edit reached the site
    # The rebuild reused calendar text: most of the event components came from the build before.
    memo = plugin.kept["ics"]
    assert memo.now and sum(k in memo.before for k in memo.now) > len(memo.now) // 2
    pages = plugin.kept["pages"]
    reused = sum(key in pages.before for key in pages.now)
    if name == "body text":  # only the edited event's pages (its two languages) were made again
        assert reused == len(pages.now) - 2
    else:  # what every item page may show changed: each was made again
        assert reused == 0
