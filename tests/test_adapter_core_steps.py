"""What the adapter hands to the core: blocks in hand-written pages, the fail-or-log rule,
which search index holds a page, and the last step of a build."""
import json
import os

from build_tools.core.problems import ERROR, NOTICE, WARNING, problem
from build_tools.core.verdict import verdict
from build_tools.render.blocks import fill, has_markers
from build_tools.safety.finish import finish
from build_tools.safety.scan import known_scripts

BLOCKS = {"home": "<div>首页</div>", "home.en": "<div>Home</div>", "other": "<div>最新</div>"}
BAD = problem("campaigns/x/index.zh.md", 3, "title", "yaml_key_type")
NOTE = problem("campaigns/x/index.zh.md", 4, "summary", "no_front_matter", WARNING)


def test_a_marker_takes_the_block_of_the_pages_language_only_in_the_page_configured_for_it():
    page = "# Welcome\n\n<!-- campaigns:home -->\n\n<!-- campaigns:other -->\n"
    assert has_markers(page) and not has_markers("# no markers")
    english, inserted = fill(page, "en", BLOCKS, page="index.md")
    assert "<div>Home</div>" in english and "首页" not in english
    # a block no page is configured for is never filled in
    assert "<!-- campaigns:other -->" in english and "最新" not in english
    assert inserted == [BLOCKS["home.en"]]
    chinese, _ = fill(page, "zh", BLOCKS, notice="<p>notice</p>", page="index.md")
    assert chinese.startswith("<p>notice</p>\n\n# Welcome") and "<div>首页</div>" in chinese
    # any other page, and a campaign's generated page (page ""), keeps the marker as it is
    for other in ("about.md", "campaigns/x/index.md", ""):
        kept, inserted = fill(page, "zh", BLOCKS, notice="<p>notice</p>", page=other)
        assert "<!-- campaigns:home -->" in kept and "首页" not in kept and inserted == ["<p>notice</p>"]


def test_errors_stop_a_build_and_a_preview_server_reports_them_and_keeps_serving():
    stop = verdict([BAD, NOTE], "build", "campaigns/ has problems", serving="left out")
    assert stop.stop and stop.level == ERROR and "(1)" in stop.text and "campaigns/x/index.zh.md:3" in stop.text
    served = verdict([BAD], "serve", "campaigns/ has problems", serving="left out")
    assert not served.stop and served.level == ERROR and "left out" in served.text
    warned = verdict([NOTE], "build", "campaigns/ has problems")
    assert not warned.stop and warned.level == WARNING and "campaigns/x/index.zh.md:4" in warned.text
    assert verdict([], "gh-deploy", "x") == verdict([], "serve", "x") and not verdict([], "build", "x").level


def test_strict_builds_stop_on_warnings_and_nothing_stops_on_a_notice():
    told = problem("campaigns/x/index.zh.md", 2, "title", "glyph_missing", NOTICE, chars="🌳")
    strict = verdict([NOTE, told], "build", "campaigns/ has problems", strict=True)
    assert strict.stop and "(1)" in strict.text and "提示: " in strict.text
    noticed = verdict([told], "build", "campaigns/ has problems", strict=True)
    assert not noticed.stop and noticed.level == NOTICE and "campaigns/x/index.zh.md:2: title: 提示: " in noticed.text


def test_the_last_step_writes_the_indexes_and_scans_them_too(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    hostile = {"docs": [{"location": "x/", "title": "<img src=x onerror=alert(1)>", "text": ""}]}
    clean = {"docs": [{"location": "y/", "title": "Forum", "text": "text"}]}
    found = finish(site, {"en/search/search_index.json": json.dumps(hostile).encode(),
                          "mn/search/search_index.json": json.dumps(clean).encode()}, known_scripts([]))
    assert json.loads((site / "mn/search/search_index.json").read_text("utf-8")) == clean
    assert [(p.path, p.code) for p in found] == [("en/search/search_index.json", "scan_event_handler")]


def test_each_language_has_its_own_index_of_its_real_pages(tmp_path):
    from build_tools.core.settings import Settings
    from build_tools.model.page_map import PageMap, PageRecord
    from build_tools.model.search import own_index

    pages = PageMap(Settings(root=tmp_path, content_dir=tmp_path / "campaigns"))
    pages.add(PageRecord("events/x.md", "zh", "events/x.md", "活动"))
    pages.add(PageRecord("en/events/x.md", "en", "events/x.md", "Event"))
    pages.add(PageRecord("en/news/y.md", "en", "news/y.md", "新闻", fallback=True))
    assert own_index(pages, "en/events/x.md", {}, "en", False) == "en"
    assert own_index(pages, "events/x.md", {}, "zh", True) == "zh"
    assert own_index(pages, "en/news/y.md", {}, "en", False) is None  # a fallback only says that a page is missing
    assert own_index(pages, "en/events/x.md", {"search": {"exclude": True}}, "en", False) is None
    assert own_index(pages, "en/unknown.md", {}, "en", False) is None and own_index(None, "en/events/x.md", {}, "en", False) is None
    # A hand-written page the page map does not know is searched in the source language.
    assert own_index(pages, "unknown.md", {}, "zh", True) == "zh" and own_index(None, "about.md", {}, "zh", True) == "zh"


def test_a_rebuild_into_the_same_folder_scans_every_rewritten_file_and_still_reports_the_old(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    bad, good = site / "a" / "index.html", site / "b.html"
    bad.write_text('<p onclick="x()">a</p>', encoding="utf-8")
    good.write_text("<p>clean page</p>", encoding="utf-8")
    memo = {}
    first = [(p.path, p.code) for p in finish(site, {}, known_scripts([]), memo=memo)]
    assert first == [("a/index.html", "scan_event_handler")]
    # Same size, its modification time set back: the write still moved the inode's change time.
    stat = good.stat()
    good.write_text("<p onload=x>a</p>", encoding="utf-8")
    os.utime(good, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert good.stat().st_size == stat.st_size
    again = [(p.path, p.code) for p in finish(site, {}, known_scripts([]), memo=memo)]
    assert again == [("a/index.html", "scan_event_handler"), ("b.html", "scan_event_handler")]
    bad.unlink()
    assert [p.path for p in finish(site, {}, known_scripts([]), memo=memo)] == ["b.html"]
