"""Known attacks, written as an editor or a pull request could, built with the real
`mkdocs build`: each is either refused with a message naming the file and line, or
published inert, and the published site passes the scan."""
import os
from pathlib import Path

from hostile_site import live_script, mkdocs, new_site, write
from htmlsite import parse

import material

from build_tools.core.messages import message
from build_tools.safety.scan import known_scripts, scan_site

THEME = Path(material.__file__).parent / "templates"
HOSTILE_CAMPAIGN = """---
title: 'x</script><script>alert("title")</script>'
summary: '"><img src=x onerror=alert("summary")> 摘要\x0b结束'
kind: forum
year: 2024
start: 2024-06-05
tags: ['<b onmouseover=alert("tag")>标签</b>']
organizers: ["javascript:alert('organizer')"]
---
正文开始 <script>alert("body")</script>

<img src="x.png" onerror="alert('img')">

<img/src=x onerror=alert('slash')>

[链接](javascript:alert('link'))

![图](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)

## 小标题 {: onclick="alert('attr_list')" }

<a href="  java&#x09;script:alert('tab')">tab</a>

<svg><script>alert('svg')</script></svg>

<iframe srcdoc="<script>alert('srcdoc')</script>"></iframe>

<form action="javascript:alert('form')"><button formaction="javascript:alert('b')">go</button></form>

<div class="admonition note">{"search": "data:text/javascript,alert('config')"}</div>

<!--><img src=x onerror=alert('comment')>-->

<noscript><p title="</noscript><img src=x onerror=alert('noscript')>"></p></noscript>

<table><tr><th align="left" style="text-align: left; background: url(javascript:alert('css'))">表头</th></tr></table>

正文结束
"""
CRLF_EVENT = """---
title: "活动\\r\\nBEGIN:VEVENT\\r\\nSUMMARY:伪造"
summary: "摘要\\u200b文字"
start: 2024-06-05
---
活动介绍。
"""
HANDWRITTEN = """---
title: 手写页面
---

# 手写 &lt;img src=x onerror=alert('h1')&gt;

<script>alert('docs')</script>

<a href="javascript:alert('docs-link')">链接</a>
"""


def _inert_site(tmp_path: Path) -> Path:
    project = new_site(tmp_path / "p", HOSTILE_CAMPAIGN)
    write(project / "campaigns" / "hostile" / "events" / "crlf.zh.md", CRLF_EVENT)
    write(project / "docs" / "hostile.md", HANDWRITTEN)
    return project


def test_payloads_in_content_are_published_inert_with_a_warning_for_each(tmp_path):
    project = _inert_site(tmp_path)
    out = tmp_path / "site"
    result = mkdocs(project, out)
    assert result.returncode == 0, result.stderr
    # nothing that runs script, read with another parser than the build's scan
    assert live_script(out) == []
    # and the build's own scan, with the theme's templates, passes on it too
    assert scan_site(out, known_scripts([THEME, project / "assets" / "theme"])) == []
    # what editors wrote is still there, as text
    camp = parse(out / "campaigns" / "hostile" / "index.html")
    assert camp.xpath("string(//h1)") == 'x</script><script>alert("title")</script>'
    assert camp.xpath("//title")[0].text_content().startswith('x</script>')
    assert camp.xpath("string(//p[@class='cs-summary'])") == '"><img src=x onerror=alert("summary")> 摘要结束'
    body = camp.xpath("string(//article)")
    assert "正文开始" in body and "正文结束" in body and "表头" in body
    # the table keeps its alignment, and loses the rest of the style
    assert camp.xpath("//article//th/@style") == ["text-align:left"]
    # the theme's own configuration is not shadowed by an editor's element
    assert camp.xpath("//*[@id='__config']")[0].tag == "script"
    # a title with CR LF is one line of text in the page, without CR
    event = parse(out / "events" / "crlf" / "index.html")
    assert event.xpath("string(//h1)") == "活动\nBEGIN:VEVENT\nSUMMARY:伪造"
    assert "\r" not in (out / "events" / "crlf" / "index.html").read_text(encoding="utf-8")
    assert "\u200b" not in event.xpath("string(//p[@class='cs-summary'])")
    # each removal is reported with the file and the line where it was written
    stderr = result.stderr
    for line, tags in ((10, "<script>"), (28, "<form>、<button>")):  # one message per line and kind
        text = message("html_tag_removed", "zh", {"tag": tags})
        assert f"campaigns/hostile/index.zh.md:{line}: body: 警告: {text}" in stderr
    assert "campaigns/hostile/index.zh.md:12: body: 警告: " + message(
        "html_attribute_removed", "zh", {"tag": "<img>", "attribute": "onerror"}) in stderr
    assert "campaigns/hostile/index.zh.md:16: body: 警告: " + message(
        "html_url_removed", "zh", {"tag": "<a>", "attribute": "href", "value": "javascript:alert("}) in stderr
    assert "campaigns/hostile/index.zh.md:20: body: 警告: " + message(
        "html_attribute_removed", "zh", {"tag": "<h2>", "attribute": "onclick"}) in stderr
    assert "docs/hostile.md:7: body: 警告: " + message("html_tag_removed", "zh", {"tag": "<script>"}) in stderr
    assert "Traceback" not in stderr


def test_in_strict_mode_a_removal_fails_the_build(tmp_path):
    project = _inert_site(tmp_path)
    result = mkdocs(project, tmp_path / "site", strict=True)
    assert result.returncode != 0
    assert "campaigns/hostile/index.zh.md:10: body: 警告: " + message("html_tag_removed", "zh", {"tag": "<script>"}) in result.stderr
    assert "Traceback" not in result.stderr


BILLION_LAUGHS = """---
title: 炸弹
summary: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
start: 2024-06-05
---
"""
PYTHON_TAG = """---
title: !!python/object/apply:os.system ["echo pwned"]
summary: 摘要
start: 2024-06-05
---
"""
BIDI_TITLE = """---
title: "文字\u202eabc"
summary: 摘要
start: 2024-06-05
---
"""
# What would mislead readers: the theme's and templates' ids and classes, and a marker.
THEME_PARTS = """---
title: 主题
summary: 摘要
start: 2024-06-05
---
<div id="__config">{"search": "data:text/javascript,alert('config')"}</div>

## cs-event

## 登录 {: .md-consent__inner }

<!-- campaigns:home -->
"""
ESCAPING_PATHS = """---
title: 路径
summary: 摘要
start: 2024-06-05
cover: ../../../../../../etc/passwd
---
见 [密码](../../../../../../etc/passwd) 和 ![泄露](leak.png) 与 [页面](../page.html)。
"""


def test_payloads_that_cannot_be_made_inert_are_refused_with_file_and_line(tmp_path):
    project = new_site(tmp_path / "p")
    camp = project / "campaigns" / "hostile"
    write(camp / "events" / "bomb.zh.md", BILLION_LAUGHS)
    write(camp / "events" / "tag.zh.md", PYTHON_TAG)
    write(camp / "events" / "huge.zh.md", "---\ntitle: 大\nsummary: " + "很" * 30_000 + "\nstart: 2024-06-05\n---\n")
    write(camp / "events" / "bidi.zh.md", BIDI_TITLE)
    write(camp / "events" / "paths.zh.md", ESCAPING_PATHS)
    write(camp / "events" / "theme.zh.md", THEME_PARTS)
    write(camp / "page.html", "<script>alert('media')</script>")
    os.symlink("/etc/passwd", camp / "events" / "leak.png")
    write(camp / "events" / "Evil..Name.zh.md", BIDI_TITLE.replace("\u202e", ""))
    write(camp / "events" / ("a" * 120 + ".zh.md"), BIDI_TITLE.replace("\u202e", ""))
    write(camp / "Photo.jpg", "x")
    write(camp / "photo.jpg", "x")
    write(camp / "index.md", "---\ntitle: 重复\n---\n")  # the same page as index.zh.md
    write(project / "docs" / "redirect.md", "---\ntemplate: redirect.html\nlocation: javascript:alert(1)\n---\n")
    write(project / "docs" / "a<b>.md", "# x\n")
    out = tmp_path / "site"
    result = mkdocs(project, out)
    assert result.returncode != 0
    err = result.stderr
    assert "Traceback" not in err
    expected = [
        # an alias is reported where its anchor is, without being expanded
        ("campaigns/hostile/events/bomb.zh.md:3: b.0:", "yaml_alias", {}),
        ("campaigns/hostile/events/tag.zh.md:2: title:", "yaml_tag", {"tag": "!!python/object/apply:os.system"}),
        ("campaigns/hostile/events/huge.zh.md:1:", "front_matter_too_large", None),
        ("campaigns/hostile/events/bidi.zh.md:2:", "bidi_control", {"char": "U+202E"}),
        ("campaigns/hostile/events/paths.zh.md:5: cover:", "path_outside", {"target": "../../../../../../etc/passwd"}),
        ("campaigns/hostile/events/theme.zh.md:6: body:", "html_id_reserved", None),
        ("campaigns/hostile/events/theme.zh.md:8: body:", "html_id_reserved", None),
        ("campaigns/hostile/events/theme.zh.md:10: body:", "html_class_refused", None),
        ("campaigns/hostile/events/theme.zh.md:12: body:", "marker_misplaced", {"value": "<!-- campaigns:home -->"}),
        ("campaigns/hostile/events/paths.zh.md:7: body:", "path_outside", {"target": "../../../../../../etc/passwd"}),
        ("campaigns/hostile/events/paths.zh.md:7: body:", "media_type_refused", None),
        ("campaigns/hostile/events/leak.png:1:", "symlink_refused", {}),
        ("campaigns/hostile/events/Evil..Name.zh.md:1:", "unknown_language", None),
        ("campaigns/hostile/events/" + "a" * 120 + ".zh.md:1:", "slug_too_long", None),
        ("campaigns/hostile/photo.jpg:1:", "path_collision", {"other": "campaigns/hostile/Photo.jpg"}),
        ("campaigns/hostile/index.zh.md:1:", "duplicate_slug", None),
        ("docs/redirect.md:2: template:", "page_meta_field", None),
        ("docs/redirect.md:3: location:", "page_meta_field", None),
        ("docs/a<b>.md:1:", "page_file_name", {"name": "a<b>.md"}),
    ]
    for where, code, params in expected:
        lines = [l for l in err.splitlines() if l.startswith(where)]
        assert lines, f"{where} {code} not in:\n{err}"
        if params is not None:
            assert any(message(code, "zh", params) in l for l in lines), (where, code, lines)
    # nothing was published
    assert not (out / "events").exists()
