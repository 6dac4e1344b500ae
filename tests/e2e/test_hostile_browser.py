"""The adversarial corpus in Chromium: URLs that look local but name another host, in every
attribute that fetches, in a campaign body and in a hand-written page; theme classes,
template ids and a marker where they do not belong. Built with the real `mkdocs build`,
served on 127.0.0.1 and opened with every request intercepted: nothing leaves 127.0.0.1,
nothing inside the article is pinned over the page, no payload runs."""
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from hostile_site import mkdocs, new_site, write
from site_checks.browser import PHONE, Guard, new_context, visit
from site_checks.server import serve

import material

from build_tools.core.messages import message
from build_tools.safety.html_policy import EDITOR_CLASSES, RESERVED_IDS
from build_tools.safety.scan import known_scripts, scan_site

pytestmark = pytest.mark.browser

# Each line one variant; "{n}" makes every URL distinct, so a request names its line.
VARIANTS = [
    '/\\evil.example/{n}.png', '\\\\evil.example/{n}.png', '///evil.example/{n}.png', '/\t/evil.example/{n}.png',
    '\\/evil.example/{n}.png', '/&#92;evil.example/{n}.png', '&#x2F;&#x2F;evil.example/{n}.png',
    'HtTpS:\\\\evil.example/{n}.png', 'h&#x09;ttps://evil.example/{n}.png', ' //evil.example/{n}.png',
    '/&NewLine;/evil.example/{n}.png', '////evil.example/{n}.png', '//evil&#x3002;example/{n}.png',
]
ELEMENTS = [
    '<img alt="{n}" src="{url}">',
    '<img alt="{n}" src="a.png" srcset="a.png 1x, {url} 2x">',
    '<picture><source srcset="{url} 1x"><img alt="{n}" src="a.png"></picture>',
    '<video controls poster="{url}" src="v.mp4"></video>',
    '<video controls><source src="{url}"><track src="{url}"></video>',
    '<audio controls src="{url}"></audio>',
    '<iframe title="{n}" src="{url}"></iframe>',
]
EXTRA = """
<a href="/\\evil.example/link">链接只在点击时打开，不是加载</a>

<form action="/\\evil.example/form"><input name="x"><button formaction="//evil.example/b">提交</button></form>

<table><tr><th style="text-align: left; position: fixed; background: url(/\\evil.example/th.png)">表</th>
<td style="position: sticky; top: 0">格</td></tr></table>

<div class="admonition note"><p class="admonition-title">注意</p><p>编辑可以使用的提示框。</p></div>

<img src="x.png" alt="x" onerror="window.__ran.push('onerror')">

![图](</\\evil.example/md.png>){: .admonition title="t" }

![图](<//evil.example/md2.png>)
"""
CAMPAIGN = "---\ntitle: 对抗测试\nsummary: 摘要\nkind: forum\nyear: 2024\nstart: 2024-06-05\n---\n正文开始。\n\n{body}\n\n正文结束。\n"
# A hand-written page with what the check refuses: the build names each and fails, and
# even the page it wrote is inert.
REFUSED = """---
title: 对抗页面
---

# 对抗页面

## 会话已过期 {: .md-consent__inner }

<div class="md-dialog md-dialog--active" id="cs-event"><a href="https://evil.example/login">请重新登录</a></div>

<span id="__search">x</span>

<!-- campaigns:home -->

<div class="md-banner md-header cs-gov-footer">横幅</div>

![图](a.png){: src="/\\evil.example/attr.png" srcset="//evil.example/attr2.png 2x" }

[链接](index.md){: ping="//evil.example/ping" }

{body}
"""


def _corpus(tag: str) -> str:
    out, n = [], 0
    for element in ELEMENTS:
        for variant in VARIANTS:
            n += 1
            out.append(element.format(n=f"{tag}{n}", url=variant.format(n=f"{tag}{n}")))
    return "\n\n".join(out) + "\n" + EXTRA


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile-browser")
    project = new_site(root / "p", CAMPAIGN.format(body=_corpus("c")))
    write(project / "docs" / "hostile-urls.md", REFUSED.replace("{body}", _corpus("d")))
    out = root / "site"
    result = mkdocs(project, out)
    return project, out, result


@pytest.fixture(scope="module")
def base_url(hostile):
    with serve(hostile[1]) as base:
        yield base


def test_the_build_names_each_refused_class_id_and_marker_and_what_it_removed(hostile):
    project, out, result = hostile
    err = result.stderr
    assert result.returncode != 0 and "Traceback" not in err
    page = "docs/hostile-urls.md"
    for line, code, params in ((7, "html_class_refused", {"tag": "<h2>", "value": "md-consent__inner"}),
                               (9, "html_class_refused", {"tag": "<div>", "value": "md-dialog md-dialog--active"}),
                               (9, "html_id_reserved", {"tag": "<div>", "value": "cs-event"}),
                               (11, "html_id_reserved", {"tag": "<span>", "value": "__search"}),
                               (13, "marker_misplaced", {"value": "<!-- campaigns:home -->"}),
                               (15, "html_class_refused", {"tag": "<div>", "value": "md-banner md-header cs-gov-footer"})):
        params.update(allowed=" ".join(sorted(EDITOR_CLASSES)), prefixes=" ".join(RESERVED_IDS))
        assert f"{page}:{line}: body: {message(code, 'zh', params)}" in err, (line, code, err[-3000:])
    # every URL of the campaign body was removed with a warning at its own line
    assert "campaigns/hostile/index.zh.md:10: body: 警告: " in err
    # the site it wrote before failing passes the scan: no script and nothing from another host
    theme = Path(material.__file__).parent / "templates"
    assert scan_site(out, known_scripts([theme, project / "assets" / "theme"])) == []


def _open(browser, base_url, path: str):
    guard = Guard()
    context = new_context(browser, base_url, viewport=PHONE, guard=guard)
    context.add_init_script("window.__ran = []; for (const f of ['alert', 'confirm', 'prompt'])"
                            " window[f] = (m) => window.__ran.push(String(m));")
    page = context.new_page()
    result = visit(page, path)
    return context, page, guard, result


@pytest.mark.parametrize("path", ["/campaigns/hostile/", "/hostile-urls/"])
def test_the_corpus_in_chromium_requests_only_127_0_0_1_pins_nothing_and_runs_nothing(browser, base_url, hostile, path):
    context, page, guard, result = _open(browser, base_url, path)
    try:
        assert result.status == 200
        # the article loaded its own files (the local ones that exist or not), nothing else
        assert guard.blocked == [], guard.blocked
        assert all(url.startswith(base_url) or url.startswith("data:") for url in guard.requested)
        assert page.evaluate("window.__ran") == []
        pinned = page.evaluate(
            "[...document.querySelectorAll('article, article *')]"
            ".filter(e => ['fixed', 'sticky'].includes(getComputedStyle(e).position))"
            ".map(e => e.outerHTML.slice(0, 120))")
        assert pinned == []
        # what editors may use is still there; the theme's classes and ids are not
        assert page.locator("article .admonition.note .admonition-title").count() == 1
        assert page.locator("article .md-dialog, article .md-consent__inner, article .md-banner").count() == 0
        assert page.locator("article #cs-event, article #__search").count() == 0
        text = page.locator("article").inner_text()
        assert ("正文开始" in text and "正文结束" in text) if path.startswith("/campaigns/") else "请重新登录" in text
        # no block of the home page where no page is configured for it
        assert page.locator("article #cs-home-events, article .cs-home").count() == 0
    finally:
        context.close()


def test_chromium_itself_reads_these_urls_as_another_host(browser, base_url):
    """The control: unsanitised, the variants do leave 127.0.0.1, and the interception sees it."""
    guard = Guard()
    context = new_context(browser, base_url, viewport=PHONE, guard=guard)
    try:
        page = context.new_page()
        page.goto("/404.html")
        markup = "".join(f'<img alt="" src="{v.format(n=i)}">' for i, v in enumerate(VARIANTS))
        page.evaluate("html => { document.body.innerHTML = html; }", markup)
        page.wait_for_timeout(300)
        asked = sorted((urlsplit(u).hostname, urlsplit(u).path) for u in guard.blocked)
        assert asked == sorted(("evil.example", f"/{i}.png") for i in range(len(VARIANTS)))
    finally:
        context.close()
