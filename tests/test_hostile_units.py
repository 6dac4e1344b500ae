"""The pieces of the hostile-input defences, one behaviour at a time (in-process, fast)."""
import json
import os
from pathlib import Path

import material
import pytest

from build_tools.safety.html_policy import clean_page, policy
from build_tools.content.load import load_tree
from build_tools.pipeline import check
from build_tools.safety.script_json import script_json
from build_tools.safety.paths import check_outputs, collisions
from build_tools.core.settings import Settings
from build_tools.safety.scan import known_scripts, scan_markup, scan_site
from build_tools.safety.text import clean, xml_safe

THEME = Path(material.__file__).parent / "templates"
EVENT = "---\ntitle: {title}\nsummary: 摘要\nstart: 2024-06-05\n---\n{body}\n"


def _settings(root: Path, **extra) -> Settings:
    (root / "campaigns").mkdir(parents=True, exist_ok=True)
    return Settings(root=root, content_dir=root / "campaigns", **extra)


def _event(root: Path, title: str, body: str = "正文。", name: str = "ev") -> Path:
    camp = root / "campaigns" / "c"
    (camp / "events").mkdir(parents=True, exist_ok=True)
    (camp / "index.zh.md").write_text("---\ntitle: 活动\nsummary: 摘要\nkind: forum\nyear: 2024\nstart: 2024-06-05\n---\n", encoding="utf-8")
    path = camp / "events" / f"{name}.zh.md"
    path.write_bytes(EVENT.format(title=title, body=body).encode("utf-8"))
    return path


# text

def test_text_is_nfc_without_controls_or_stray_zero_width_characters():
    text, issues = clean("Cafe\u0301\x0b 环\u200b境\ufeff 日\r\n")
    assert text == "Café 环境 日\n" and issues == []


def test_joiners_stay_in_emoji_and_mongolian_and_go_between_chinese_characters():
    family = "\U0001F468\u200d\U0001F469\u200d\U0001F467"
    mongolian = "\u182d\u200d\u1823\u180b"
    text, _ = clean(f"{family} {mongolian} 生\u200d态")
    assert text == f"{family} {mongolian} 生态"


def test_bidi_controls_are_refused_with_their_line_in_the_file_and_in_escapes(tmp_path):
    settings = _settings(tmp_path)
    _event(tmp_path, "正常", body="第一行\n第二行 \u202e反转", name="raw")
    _event(tmp_path, '"转义\\u2066"', name="escaped")
    found = {(p.path.rsplit("/", 1)[1], p.line, p.field, p.code) for p in check(settings)}
    assert ("raw.zh.md", 7, "", "bidi_control") in found
    assert ("escaped.zh.md", 2, "title", "bidi_control") in found


def test_a_vertical_tab_pasted_into_a_title_is_removed_and_xml_safe_strips_what_xml_forbids(tmp_path):
    settings = _settings(tmp_path)
    _event(tmp_path, '"标题\\v结束\\r\\n第二行"')
    docs = load_tree(settings).documents
    assert [d.data["title"] for d in docs if d.kind == "event"] == ["标题结束\n第二行"]
    assert xml_safe("a\x0bb\x00c\ufffed\te") == "abcd\te"


# paths

def test_two_files_that_differ_only_by_case_or_normalisation_are_one_url():
    assert collisions(["a/Photo.jpg", "a/photo.jpg", "b/cafe\u0301.png", "b/caf\u00e9.png", "c/x.png"]) == [
        ("a/photo.jpg", "a/Photo.jpg"), ("b/caf\u00e9.png", "b/cafe\u0301.png")]


def test_generated_paths_outside_the_output_folder_are_refused(tmp_path):
    wrong = check_outputs(tmp_path, ["events/ok.md", "../escape.md", "/etc/x.md", "a/\x00.md", "Events/OK.md"],
                          ["events/ok/index.html", "Events/OK/index.html"])
    assert [w.split(":")[0] for w in wrong] == ["../escape.md", "/etc/x.md", "a/<U+0000>.md", "events/ok/index.html / Events/OK/index.html"]


def test_index_md_and_index_zh_md_are_the_same_page_and_an_error(tmp_path):
    settings = _settings(tmp_path)
    _event(tmp_path, "活动")
    (tmp_path / "campaigns" / "c" / "index.md").write_text(
        "---\ntitle: 另一个\nsummary: 摘要\nkind: forum\nyear: 2024\nstart: 2024-06-05\n---\n", encoding="utf-8")
    dup = [p for p in check(settings) if p.code == "duplicate_slug"]
    assert [(p.path, dict(p.params)["other"]) for p in dup] == [("campaigns/c/index.zh.md", "campaigns/c/index.md")]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_symbolic_link_in_the_content_is_refused_and_its_target_never_read(tmp_path):
    settings = _settings(tmp_path)
    _event(tmp_path, "活动", body="![图](secret.png)")
    secret = tmp_path / "outside.png"
    secret.write_text("secret", encoding="utf-8")
    os.symlink(secret, tmp_path / "campaigns" / "c" / "events" / "secret.png")
    tree = load_tree(settings)
    assert "c/events/secret.png" not in tree.files
    assert [(p.path, p.code) for p in tree.problems] == [("campaigns/c/events/secret.png", "symlink_refused")]


# raw HTML

def test_what_editors_need_passes_the_policy_unchanged():
    html = ('<table>\n<thead>\n<tr>\n<th style="text-align: center;">项目</th>\n</tr>\n</thead>\n'
            '<tbody>\n<tr>\n<td colspan="2">内容</td>\n</tr>\n</tbody>\n</table>\n'
            '<figure><img alt="草原" src="../media/x.jpg"><figcaption>说明</figcaption></figure>\n'
            '<h2 id="jie-shao">介绍</h2>\n<p><a href="https://www.mee.gov.cn/">生态环境部</a> '
            '<a href="mailto:a@b.cn">邮件</a></p>\n<details><summary>更多</summary><p>文字</p></details>')
    assert policy().findings(html) == []
    assert policy().clean(html).replace(' style="text-align:center"', ' style="text-align: center;"') == html


def test_video_and_frames_load_only_from_allowed_hosts_over_https():
    rules = policy(("player.bilibili.com",))
    html = ('<iframe src="https://player.bilibili.com/player.html?bvid=1"></iframe>'
            '<iframe src="http://player.bilibili.com/x"></iframe>'
            '<video src="https://cdn.example.com/v.mp4" controls></video><img src="https://example.com/a.png">')
    cleaned = rules.clean(html)
    assert cleaned.count('src="https://player.bilibili.com/player.html?bvid=1"') == 1
    assert "http://player" not in cleaned and "cdn.example.com" not in cleaned and "example.com/a.png" not in cleaned
    assert [(f.code, f.value) for f in rules.findings(html)] == [
        ("html_host_removed", "player.bilibili.com"), ("html_host_removed", "cdn.example.com"),
        ("html_host_removed", "example.com")]


def test_our_fragments_are_kept_as_they_are_and_the_rest_of_the_page_is_cleaned():
    ours = '<header class="cs-item"><script type="application/ld+json">{"a":1}</script></header>'
    page = f'{ours}\n<p onclick="x()">正文<script>alert(1)</script></p>\n{ours}'
    cleaned, found = clean_page(page, (ours,))
    assert cleaned == f"{ours}\n<p>正文</p>\n{ours}"
    assert [(f.code, f.tag, f.name) for f in found] == [("html_attribute_removed", "p", "onclick"), ("html_tag_removed", "script", "")]


# the scan

@pytest.fixture(scope="module")
def known():
    return known_scripts([THEME])


def test_the_scan_accepts_the_theme_scripts_at_any_depth_and_data_blocks(known):
    page = ('<script>__md_scope=new URL("../..",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
            '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
            '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}</script>'
            '<script src="../../assets/javascripts/bundle.a5f9d56c.min.js"></script>'
            f'<script type="application/ld+json">{script_json({"name": "</script><!--"})}</script>')
    assert scan_markup("events/x/index.html", page, known) == []


@pytest.mark.parametrize("html, code", [
    ("<script>alert(1)</script>", "scan_script"),
    ('<script>__md_scope=new URL("");alert(1);//",location)</script>', "scan_script"),
    ('<script src="https://cdn.example.com/x.js"></script>', "scan_script"),
    ('<script src="../media/c/evil.js"></script>', "scan_script"),
    ('<script type="application/ld+json"><!--<script></script>', "scan_script"),
    ("<svg><script>alert(1)</script></svg>", "scan_script"),
    ("<img src=x onerror=alert(1)>", "scan_event_handler"),
    ("<!--><img src=x OnError=alert(1)>-->", "scan_event_handler"),
    ('<a href=" java\tscript:alert(1)">x</a>', "scan_url"),
    ('<a href="&#106;avascript:alert(1)">x</a>', "scan_url"),
    ('<iframe src="data:text/html,<script>alert(1)</script>"></iframe>', "scan_url"),
    ('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', "scan_url"),
    ('<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', "scan_url"),
    ('<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', "scan_element"),
    ('<object data="x.swf"></object>', "scan_element"),
    ('<base href="https://evil.example/">', "scan_element"),
])
def test_the_scan_finds_what_runs_script(known, html, code):
    found = scan_markup("events/x/index.html", f"<html><body><p>文字</p>{html}</body></html>", known)
    assert code in [p.code for p in found], found


def test_the_scan_checks_xml_search_index_and_links_out_of_the_folder(tmp_path, known):
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    (site / "sitemap.xml").write_text("<urlset><url><loc>a\x0bb</loc></url></urlset>", encoding="utf-8")
    (site / "search" / "search_index.json").write_text(
        json.dumps({"docs": [{"location": "x/", "title": "<img src=x onerror=alert(1)>", "text": ""}]}), encoding="utf-8")
    (site / "leak.txt").symlink_to("/etc/hostname")
    found = sorted((p.path, p.code) for p in scan_site(site, known))
    assert found == [("leak.txt", "scan_outside"), ("search/search_index.json", "scan_event_handler"),
                     ("sitemap.xml", "scan_xml")]


def test_script_json_cannot_end_its_script_element():
    text = script_json({"t": "</script><!--<script>", "s": "\u2028&"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"t": "</script><!--<script>", "s": "\u2028&"}


def test_campaign_check_warns_about_removed_html_and_fails_on_it_with_strict(tmp_path):
    import subprocess
    import sys

    from hostile_site import new_site, write

    project = new_site(tmp_path / "p")
    write(project / "campaigns" / "hostile" / "news" / "a.zh.md",
          "---\ntitle: 新闻\nsummary: 摘要\ndate: 2024-06-06\n---\n第一段。\n\n<script>alert(1)</script>\n")
    run = lambda *args: subprocess.run([sys.executable, "-m", "build_tools.cli", "check", *args],
                                       cwd=project, capture_output=True, text=True)
    plain, strict = run(), run("--strict")
    line = "campaigns/hostile/news/a.zh.md:8: body: 警告: 正文中的 HTML 标签 <script> 不在允许范围内"
    assert plain.returncode == 0 and line in plain.stdout
    assert strict.returncode == 1 and line in strict.stdout
