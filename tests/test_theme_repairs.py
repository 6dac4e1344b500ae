"""Repairs of the theme's output: its HTML (html_fixes) and its search worker (search_worker)."""
from pathlib import Path

from build_tools import html_fixes, search_worker

PAGE = """<html><body>
<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">
<div class="md-search" data-md-component="search" role="dialog">
<input type="text" class="md-search__input" name="query" aria-label="搜索" autocomplete="off">
</div>
<label class="md-nav__title" for="__toc">目录</label>
<label for="__drawer">菜单</label>
</body></html>"""


def test_checkboxes_lose_autocomplete_and_text_fields_keep_it():
    out = html_fixes.repair(PAGE)
    assert 'type="checkbox" id="__drawer">' in out
    assert 'aria-label="搜索" autocomplete="off">' in out


def test_search_dialog_is_named_like_its_field():
    out = html_fixes.repair(PAGE)
    assert '<div class="md-search" data-md-component="search" role="dialog" aria-label="搜索">' in out


def test_a_label_for_a_missing_control_loses_its_for_and_others_keep_it():
    out = html_fixes.repair(PAGE)
    assert '<label class="md-nav__title">目录</label>' in out
    assert '<label for="__drawer">菜单</label>' in out


def test_repair_is_idempotent():
    once = html_fixes.repair(PAGE)
    assert html_fixes.repair(once) == once


BUGGY_WORKER = ("function fe(t,e){for(let s=0;s<t.length;s++)for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s);"
                "let a=o+n[o];n[a]&&a<t.length-1&&(i[s++]=a)}")


def test_search_worker_gets_its_last_word_back(tmp_path):
    workers = tmp_path / "assets" / "javascripts" / "workers"
    workers.mkdir(parents=True)
    worker = workers / "search.1234abcd.min.js"
    worker.write_text(BUGGY_WORKER, encoding="utf-8")
    assert search_worker.repair(tmp_path) == []
    fixed = worker.read_text(encoding="utf-8")
    assert "o<=t.length;o++)t.slice(s,o)in e" in fixed and "n[a]&&a<t.length&&" in fixed
    assert search_worker.repair(tmp_path) == [] and worker.read_text(encoding="utf-8") == fixed


def test_a_changed_search_worker_is_reported(tmp_path):
    workers = tmp_path / "assets" / "javascripts" / "workers"
    workers.mkdir(parents=True)
    (workers / "search.ffff0000.min.js").write_text("function other(){}", encoding="utf-8")
    assert search_worker.repair(tmp_path) == [str(workers / "search.ffff0000.min.js")]


def test_the_built_sites_search_worker_is_repaired(demo_site: Path):
    [worker] = demo_site.glob(search_worker.WORKERS)
    code = worker.read_text(encoding="utf-8")
    assert all(right in code and wrong not in code for wrong, right in search_worker.REPAIRS)


def test_built_pages_carry_the_repairs(demo_site: Path):
    for page in (demo_site / "index.html", demo_site / "events" / "index.html", demo_site / "404.html"):
        html = page.read_text(encoding="utf-8")
        assert 'type="checkbox" id="__drawer" autocomplete' not in html
        assert 'role="dialog" aria-label="搜索"' in html
        assert '<a href="#cs-content" class="md-skip cs-skip">' in html and 'id="cs-content"' in html
