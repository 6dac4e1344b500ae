"""Repairs of the theme's output: its HTML (html_fixes) and its scripts (theme_scripts)."""
import re
from pathlib import Path

from build_tools.adapter import html_repairs as html_fixes

from build_tools.adapter import script_repairs as theme_scripts

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


def _theme_scripts(root: Path, worker: str, bundle: str) -> tuple[Path, Path]:
    scripts = root / "assets" / "javascripts"
    (scripts / "workers").mkdir(parents=True)
    (scripts / "workers" / "search.1234abcd.min.js").write_text(worker, encoding="utf-8")
    (scripts / "bundle.5678ef90.min.js").write_text(bundle, encoding="utf-8")
    return scripts / "workers" / "search.1234abcd.min.js", scripts / "bundle.5678ef90.min.js"


BUGGY_WORKER = ("function fe(t,e){for(let s=0;s<t.length;s++)for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s);"
                "let a=o+n[o];n[a]&&a<t.length-1&&(i[s++]=a)}")
BUGGY_BUNDLE = ('function ui({document$:e}){e.pipe(b(()=>M("link[rel=alternate]")),m(r=>new URL(r.href)))}'
                'var cn=new T,Ia=H(()=>typeof ResizeObserver=="undefined"?_t("https://unpkg.com/resize-observer-polyfill"):'
                '$(void 0)).pipe(m(()=>new ResizeObserver(e=>e)));'
                'function as(){return typeof mermaid=="undefined"||mermaid instanceof Element?'
                '_t("https://unpkg.com/mermaid@11/dist/mermaid.min.js"):$(void 0)}'
                'function Ci(e,t){if(t){let r=`https://api.github.com/repos/${e}/${t}`;return ze(r)}'
                'else{let r=`https://api.github.com/users/${e}`;return ze(r)}}'
                'function Hi(e){let t=e.match(/^.+github\\.com\\/([^/]+)\\/?([^/]+)?/i);return y}')
# Where a script can name another host: a string that starts with an absolute or scheme-relative URL.
EXTERNAL = re.compile(r"""["'`](?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}""")


def test_theme_scripts_are_repaired_once(tmp_path):
    worker, bundle = _theme_scripts(tmp_path, BUGGY_WORKER, BUGGY_BUNDLE)
    assert theme_scripts.repair(tmp_path) == []
    fixed = worker.read_text(encoding="utf-8")
    assert "o<=t.length;o++)t.slice(s,o)in e" in fixed and "n[a]&&a<t.length&&" in fixed
    fixed_bundle = bundle.read_text(encoding="utf-8")
    assert 'M("link[rel=alternate]")' not in fixed_bundle and "b(()=>[])" in fixed_bundle
    assert "unpkg.com" not in fixed_bundle and "function Hi(e){return y;" in fixed_bundle
    assert theme_scripts.repair(tmp_path) == [] and worker.read_text(encoding="utf-8") == fixed


def test_a_changed_theme_script_is_reported(tmp_path):
    _theme_scripts(tmp_path, "function other(){}", BUGGY_BUNDLE)
    problems = theme_scripts.repair(tmp_path)
    assert len(problems) == 2 and all("search.1234abcd.min.js" in p for p in problems)
    _theme_scripts(tmp_path / "other", BUGGY_WORKER, "function other(){}")
    problems = theme_scripts.repair(tmp_path / "other")
    assert len(problems) == 6 and all("bundle.5678ef90.min.js" in p for p in problems)


def test_the_built_sites_scripts_are_repaired(demo_site: Path):
    for rule in theme_scripts.REPAIRS:
        [file] = demo_site.glob(rule.files)
        code = file.read_text(encoding="utf-8")
        assert rule.right in code and rule.wrong not in code, rule.why


def test_no_shipped_script_names_another_host(demo_site: Path):
    scripts = sorted((demo_site / "assets").rglob("*.js"))
    assert len(scripts) > 5
    found = {f"{p.relative_to(demo_site)}: {m.group(0)}" for p in scripts
             for m in EXTERNAL.finditer(p.read_text(encoding="utf-8"))}
    assert found == set()
    # the unrepaired theme did: the check would see it
    assert EXTERNAL.search(BUGGY_BUNDLE)


def test_hreflang_links_are_plain_rel_alternate(demo_site: Path):
    html = (demo_site / "events" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" hreflang="en" href="https://example.org/en/events/">' in html
    assert 'rel=" alternate"' not in html


def test_built_pages_carry_the_repairs(demo_site: Path):
    for page in (demo_site / "index.html", demo_site / "events" / "index.html", demo_site / "404.html"):
        html = page.read_text(encoding="utf-8")
        assert 'type="checkbox" id="__drawer" autocomplete' not in html
        assert 'role="dialog" aria-label="搜索"' in html
        assert '<a href="#cs-content" class="md-skip cs-skip">' in html and 'id="cs-content"' in html
