"""The demo site as the public gets it: complete, reachable and self-contained."""
import re
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from build_tools.core.config import load_settings
from build_tools.content.load import load_tree
from build_tools.core.urls import KIND_FOLDER
from conftest import ROOT
from htmlsite import CSS_URL, html_files, is_external, loaded_urls, parse, reachable


def _source_items():
    settings = load_settings(ROOT / "mkdocs.yml")
    docs = load_tree(settings).documents
    return [d for d in docs if d.lang == settings.source_language]


def test_demo_has_the_documented_campaigns():
    slugs = {d.slug: d for d in _source_items() if d.kind == "campaign"}
    kinds = {d.data["kind"] for d in slugs.values()}
    assert {"environment-day", "literature-week", "forum", "training", "volunteer-service"} <= kinds
    week = next(d for d in slugs.values() if d.data["kind"] == "literature-week")
    assert (str(week.data["start"]), str(week.data["end"])) == ("2024-08-10", "2024-08-12")


def test_every_item_has_a_page_reachable_from_the_home_page(demo_site: Path):
    pages = reachable(demo_site)
    missing = []
    for doc in _source_items():
        page = demo_site / KIND_FOLDER[doc.kind] / doc.slug / "index.html"
        if page not in pages:
            missing.append(doc.path)
    assert missing == []


def test_item_page_shows_the_content(demo_site: Path):
    page = parse(demo_site / "campaigns" / "2024-ecological-literature-week" / "index.html")
    assert page.xpath("//h1")[0].text_content() == "2024年内蒙古生态文学周"
    facts = page.xpath("string(//dl[@class='cs-facts'])")
    assert "2024年8月10日至12日" in facts


def test_no_page_loads_anything_from_another_host(demo_site: Path):
    offenders = []
    for path in html_files(demo_site):
        for url in loaded_urls(parse(path)):
            if is_external(url):
                offenders.append(f"{path.relative_to(demo_site)}: {url}")
    for css in demo_site.rglob("*.css"):
        for a, b in CSS_URL.findall(css.read_text(encoding="utf-8", errors="replace")):
            if is_external(a or b):
                offenders.append(f"{css.relative_to(demo_site)}: {a or b}")
    assert offenders == []


def test_footer_shows_the_government_site_fields(demo_site: Path):
    footer = parse(demo_site / "index.html").xpath("string(//*[contains(@class,'cs-gov-footer')])")
    for text in ("主办单位：内蒙古自治区生态环境厅", "网站标识码", "ICP备", "公网安备"):
        assert text in footer


def test_navigation_holds_sections_only(demo_site: Path):
    nav_links = parse(demo_site / "index.html").xpath("//nav[contains(@class,'md-tabs')]//a")
    assert [a.text_content().strip() for a in nav_links] == ["首页", "宣传活动", "活动日程", "日历", "榜样故事", "新闻动态", "关于我们", "联系我们"]


def test_lists_of_names_are_separated_as_each_language_writes_them(demo_site: Path):
    # The organisers of a campaign are a list, not a sentence: 、 in Chinese, no "and"/和.
    page = "campaigns/2024-ecological-civilization-thought-forum/index.html"
    zh = (demo_site / page).read_text("utf-8")
    assert "<dd>生态环境部、内蒙古自治区党委、内蒙古自治区人民政府</dd>" in zh
    en = (demo_site / "en" / page).read_text("utf-8")
    assert "<dd>Ministry of Ecology and Environment, Party Committee of Inner Mongolia Autonomous Region, " in en


def test_no_chinese_page_puts_an_ascii_comma_between_chinese_words(demo_site: Path):
    cjk = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef], ?[\u3400-\u9fff]")
    found = []
    for path in html_files(demo_site):
        rel = path.relative_to(demo_site).as_posix()
        if rel.startswith("en/"):
            continue
        tree = LexborHTMLParser(path.read_text("utf-8"))
        for node in tree.css("script, style"):
            node.decompose()
        text = tree.body.text(separator="\n") if tree.body else ""
        found += [(rel, m.group()) for m in cjk.finditer(text)]
    assert found == []
