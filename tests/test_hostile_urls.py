"""URLs as browsers parse them, classes and ids editors may use, and markers outside their
page: the raw-HTML policy, the check and the post-build scan (in-process, fast)."""
import html
from pathlib import Path

import material
import pytest
from ada_url import URL
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st
from selectolax.lexbor import LexborHTMLParser

from build_tools.core.messages import message
from build_tools.core.problems import ERROR, WARNING
from build_tools.core.settings import Settings
from build_tools.pipeline import check
from build_tools.safety.body_check import findings
from build_tools.safety.html_policy import clean_page, policy
from build_tools.safety.scan import known_scripts, scan_markup

KNOWN = known_scripts([Path(material.__file__).parent / "templates"])
PAGE = "https://site.example/campaigns/c/"  # where a browser reads the page
# URLs that look like paths of this site and that browsers fetch from evil.example.
LOOKS_LOCAL = [
    "/\\evil.example/t.png", "\\\\evil.example/t.png", "///evil.example/t.png", "\\/evil.example/t.png",
    "/\t/evil.example/t.png", "/\n/evil.example/t.png", "\t//evil.example/t.png", " //evil.example/t.png",
    "//EVIL.example/t.png", "/\\/evil.example/t.png", "////evil.example/t.png", "\\\\\\evil.example/t.png",
    "HTTPS://evil.example/t.png", "ht\ttps://evil.example/t.png", "https\n://evil.example/t.png",
    "https:evil.example/t.png", "https:/\\evil.example/t.png", "https:\\\\evil.example/t.png",
    "\x01//evil.example/t.png", "//evil.example\\t.png", "//evil。example/t.png", "//%65vil.example/t.png",
    "//user@evil.example/t.png", "//evil.example:443/t.png",
]
# The same, written with HTML character references that the HTML parser decodes first.
ENTITY_ENCODED = ["/&#92;evil.example/t.png", "&#x5C;&#x5c;evil.example/t.png", "&sol;&sol;evil.example/t.png",
                  "/&Tab;/evil.example/t.png", "&#47;&#x2f;evil.example/t.png", "/&bsol;evil.example/t.png"]
LOCAL = ["x.png", "./x.png", "../media/x.jpg", "/assets/x.png", "media/a%20b.png", "x.png?v=1", "#top",
         "%2f%2fevil.example/t.png", "/%5cevil.example/t.png"]
# (tag, attribute) that make the browser fetch, with a template of the element.
FETCHING = {
    ("img", "src"): '<img alt="a" src="{}">',
    ("img", "srcset"): '<img alt="a" src="a.png" srcset="a.png 1x, {} 2x">',
    ("source", "src"): '<video controls><source src="{}"></video>',
    ("source", "srcset"): '<picture><source srcset="{} 1x"><img alt="a" src="a.png"></picture>',
    ("video", "src"): '<video controls src="{}"></video>',
    ("video", "poster"): '<video controls poster="{}" src="v.mp4"></video>',
    ("audio", "src"): '<audio controls src="{}"></audio>',
    ("track", "src"): '<video controls src="v.mp4"><track src="{}"></video>',
    ("iframe", "src"): '<iframe src="{}"></iframe>',
}


def _attr(url: str) -> str:
    return html.escape(url, quote=True)


def _fetched(markup: str) -> list[str]:
    """Every URL the browser would fetch from markup (src, srcset, poster)."""
    out = []
    for node in LexborHTMLParser(markup).root.traverse(include_text=False):
        for name, value in node.attributes.items():
            if name in ("src", "poster"):
                out.append(value or "")
            elif name == "srcset":
                out.extend(p.strip().split(" ")[0] for p in (value or "").split(",") if p.strip())
    return out


def _host(url: str) -> str:
    try:
        return URL(url, base=PAGE).hostname
    except ValueError:
        return ""


# the raw-HTML policy

@pytest.mark.parametrize("where", FETCHING)
@pytest.mark.parametrize("url", LOOKS_LOCAL, ids=repr)
def test_urls_that_look_local_but_load_another_host_are_removed(url, where):
    markup = FETCHING[where].format(_attr(url))
    rules = policy()
    cleaned = rules.clean(markup)
    assert all(_host(u) == "site.example" for u in _fetched(cleaned)), cleaned
    found = [(f.code, f.tag, f.name, f.value) for f in rules.findings(markup)]
    assert found == [("html_host_removed", *where, "evil.example")]


@pytest.mark.parametrize("url", ENTITY_ENCODED)
def test_character_references_are_decoded_before_the_url_is_judged(url):
    markup = f'<img alt="a" src="{url}"><iframe src="{url}"></iframe>'
    cleaned = policy().clean(markup)
    assert _fetched(cleaned) == []
    assert [f.code for f in policy().findings(markup)] == ["html_host_removed"] * 2


@pytest.mark.parametrize("url", LOCAL)
def test_paths_of_this_site_are_kept_as_written(url):
    markup = FETCHING[("img", "src")].format(_attr(url))
    assert policy().findings(markup) == []
    assert _fetched(policy().clean(markup)) == [url]


def test_an_allowed_host_must_be_named_exactly_and_over_https():
    rules = policy(("player.bilibili.com",))
    kept = ["https://player.bilibili.com/x", "HTTPS://Player.Bilibili.com/x", "https:\\\\player.bilibili.com/x",
            " https://player.bilibili.com/x\t"]
    refused = ["http://player.bilibili.com/x", "https://player.bilibili.com.evil.example/x",
               "https://evil.example\\@player.bilibili.com/x", "//player.bilibili.com/x"]
    for url in kept:
        assert rules.findings(f'<iframe src="{_attr(url)}"></iframe>') == [], url
    for url in refused:
        assert [f.code for f in rules.findings(f'<iframe src="{_attr(url)}"></iframe>')] == ["html_host_removed"], url


@pytest.mark.parametrize("url", ["java\tscript:alert(1)", " JaVaScRiPt:alert(1)", "java\nscript:alert(1)",
                                 "\x01javascript:alert(1)", "vbscript:x", "data:text/html,x", "jav&#x61;script:alert(1)",
                                 "javascript&colon;alert(1)", "&#106;avascript:alert(1)", "http://[bad"])
def test_links_keep_only_web_mail_and_phone_addresses_as_the_browser_reads_them(url):
    markup = f'<a href="{url}">x</a><form action="{url}"></form>'
    cleaned = policy().clean(markup)
    assert "href" not in cleaned and "action" not in cleaned
    assert "html_url_removed" in [f.code for f in policy().findings(markup)]


def test_attr_list_cannot_put_another_hosts_url_on_an_image():
    body = ('![图](https://example.org/a.png){: src="/\\evil.example/al.png" }\n\n'
            '![图](a.png){: srcset="//evil.example/b.png 2x" }\n\n'
            '[链接](a.html){: ping="//evil.example/p" }\n')
    found = [(f.code, f.tag, f.name, f.value) for f in findings(body, ("attr_list",))]
    assert found == [("html_host_removed", "img", "src", "evil.example"),
                     ("html_host_removed", "img", "srcset", "evil.example"),
                     ("html_attribute_removed", "a", "ping", "")]


PIECES = ["/", "\\", "\t", "\n", " ", "\x00", "\x0c", ":", ".", "@", "?", "#", "%2f", "%5C", "&#92;", "&#47;",
          "evil.example", "site.example", "http", "https", "HTTPS", "x.png", "..", "。"]


@hsettings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=8).map("".join),
       st.sampled_from(sorted(FETCHING)))
def test_whatever_the_policy_keeps_in_a_fetching_attribute_stays_on_the_pages_host(url, where):
    # written as an editor would (character references included), read back as the browser does
    markup = FETCHING[where].format(url.replace('"', "&quot;").replace("<", "&lt;"))
    for kept in _fetched(policy().clean(markup)):
        assert _host(kept) == "site.example", (url, kept)


# the post-build scan

@pytest.mark.parametrize("url", LOOKS_LOCAL[:12] + ["https://evil.example/t.png"], ids=repr)
def test_the_scan_refuses_what_loads_from_another_host(url):
    page = "".join(t.format(_attr(url)) for t in FETCHING.values())
    page += (f'<link rel="stylesheet" href="{_attr(url)}"><link rel="ICON preload" href="{_attr(url)}">'
             f'<script src="{_attr(url)}"></script><a href="x/" ping="{_attr(url)}">x</a>'
             f'<svg><image href="{_attr(url)}"/></svg><div style="background: url(\'{_attr(url)}\')"></div>')
    found = [p for p in scan_markup("campaigns/c/index.html", f"<html><body>{page}</body></html>", KNOWN)
             if p.code in ("scan_host", "scan_script")]
    hosts = [p for p in found if p.code == "scan_host"]
    # every fetching attribute above, each a line of its own problem
    assert len(hosts) == len(FETCHING) + 6, found
    assert all(p.severity == ERROR for p in hosts)


def test_the_scan_allows_this_sites_files_links_to_anywhere_and_embed_hosts():
    page = ('<img src="../../media/x.webp" srcset="../../media/x.webp 1x, /media/x2.webp 2x">'
            '<a href="https://evil.example/">link</a><a href="/\\evil.example/">link</a>'
            '<link rel="canonical" href="https://evil.example/"><link rel="stylesheet" href="../../assets/x.css">'
            '<iframe src="https://player.bilibili.com/x"></iframe>')
    rel = "campaigns/c/index.html"
    assert scan_markup(rel, page, KNOWN, ("player.bilibili.com",)) == []
    assert [p.code for p in scan_markup(rel, page, KNOWN)] == ["scan_host"]
    style = "<style>@import '//evil.example/x.css'; p { background: url(/\\evil.example/b.png) }</style>"
    assert [p.code for p in scan_markup(rel, style, KNOWN)] == ["scan_host", "scan_host"]


# classes, ids and markers

def test_classes_editors_may_use_stay_and_the_themes_and_templates_are_refused():
    allowed = '<div class="admonition note"><p class="admonition-title">注意</p></div>'
    assert policy().findings(allowed) == [] and policy().clean(allowed) == allowed
    for written in ("md-consent__inner", "md-dialog md-dialog--active", "cs-card", "md-banner", "Admonition"):
        markup = f'<div class="tip {written}">x</div>'
        found = policy().findings(markup)
        assert [(f.code, f.value, f.severity) for f in found] == [("html_class_refused", written, ERROR)]
        assert policy().clean(markup) == '<div class="tip">x</div>'
    # our templates' own markup in a generated page keeps its classes
    ours = '<ul class="cs-cards"><li class="cs-card cs-card--event"><a class="md-button md-button--primary">x</a></li></ul>'
    assert clean_page(ours, generated=True) == (ours, [])
    assert [f.code for f in clean_page(ours)[1]] == ["html_class_refused"] * 3


def test_ids_with_the_templates_or_the_themes_prefix_are_refused():
    for markup in ('<span id="cs-calendar">x</span>', '<h2 id="CS-event">x</h2>', '<div id="__config">x</div>'):
        found = policy().findings(markup)
        assert [(f.code, f.severity) for f in found] == [("html_id_reserved", ERROR)]
        assert "id=" not in policy().clean(markup)
    assert policy().findings('<h2 id="event">x</h2>') == []


EVENT = "---\ntitle: 活动\nsummary: 摘要\nstart: 2024-06-05\n---\n{body}\n"


def _checked(tmp_path: Path, body: str) -> list:
    camp = tmp_path / "campaigns" / "c"
    (camp / "events").mkdir(parents=True)
    (camp / "index.zh.md").write_text(
        "---\ntitle: 活动\nsummary: 摘要\nkind: forum\nyear: 2024\nstart: 2024-06-05\n---\n", encoding="utf-8")
    (camp / "events" / "ev.zh.md").write_text(EVENT.format(body=body), encoding="utf-8")
    found = check(Settings(root=tmp_path, content_dir=tmp_path / "campaigns"))
    return [(p.line, p.code, p.severity, dict(p.params)) for p in found if p.path.endswith("ev.zh.md")]


CLASSES_AND_IDS = """第一段。

## 登录 {: .md-consent__inner }

![图](missing.png){: .md-dialog #cs-x }

[链接](https://example.org){: .md-banner }

## cs-event

<span id="cs-calendar">日历</span>

<div class="admonition note">注意</div>

```
<div class="md-consent">代码里的文字</div>
```
"""


def test_the_check_refuses_editors_classes_and_template_ids_with_their_lines(tmp_path):
    found = [(line, code, severity, params.get("value")) for line, code, severity, params in _checked(tmp_path, CLASSES_AND_IDS)
             if code.startswith("html_")]
    assert found == [
        (8, "html_class_refused", ERROR, "md-consent__inner"),
        (10, "html_class_refused", ERROR, "md-dialog"),
        (10, "html_id_reserved", ERROR, "cs-x"),
        (12, "html_class_refused", ERROR, "md-banner"),
        (14, "html_id_reserved", ERROR, "cs-event"),
        (16, "html_id_reserved", ERROR, "cs-calendar"),
    ]
    text = message("html_class_refused", "zh", {"tag": "<h2>", "value": "md-consent__inner",
                                                 "allowed": "admonition admonition-title danger info note tip warning"})
    assert "md-consent__inner" in text and "admonition" in text


MARKERS = """第一段。

<!-- campaigns:home -->

<!--campaigns:home-->

文字 <!-- CAMPAIGNS:latest --> 文字

    <!-- campaigns:home -->

`<!-- campaigns:home -->`
"""


def test_a_marker_in_a_body_is_an_error_at_its_line_and_in_code_it_is_text(tmp_path):
    found = [(line, code, severity) for line, code, severity, _ in _checked(tmp_path, MARKERS)]
    assert found == [(8, "marker_misplaced", ERROR), (10, "marker_misplaced", ERROR), (12, "marker_misplaced", ERROR)]


def test_other_removals_stay_warnings(tmp_path):
    found = _checked(tmp_path, '<img alt="a" src="/\\evil.example/t.png">')
    assert [(line, code, severity, params["value"]) for line, code, severity, params in found] == [
        (6, "html_host_removed", WARNING, "evil.example")]
