"""The bilingual site as readers and search engines meet it: switches, alternates, search, English pages."""
import json
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

import jieba
from lxml import etree

from htmlsite import html_files, page_of, parse

SITE_URL = "https://example.org/"
HREFLANG = {"zh": "zh-CN", "en": "en", "mn": "mn-Mong-CN"}


def _pages(site: Path) -> list[Path]:
    """Every page a reader can open (not the 404 page)."""
    return [p for p in html_files(site) if p.name == "index.html"]


def _url_path(site: Path, page: Path) -> str:
    rel = page.relative_to(site).as_posix()
    return "/" + rel[: -len("index.html")]


def _follow(site: Path, page: Path, href: str) -> str:
    base = _url_path(site, page)
    joined = posixpath.normpath(posixpath.join(base, href))
    return joined + "/" if not joined.endswith("/") else joined


def _is_fallback(doc) -> bool:
    return doc.xpath("//meta[@name='robots']/@content") == ["noindex"] and bool(doc.xpath("//*[@class='cs-fallback']"))


def test_every_page_has_a_switch_that_leads_to_the_page_or_its_fallback(demo_site: Path):
    pages = _pages(demo_site)
    assert len(pages) > 60
    problems = []
    for page in pages:
        doc = parse(page)
        here = _url_path(demo_site, page)
        links = doc.xpath("//*[contains(@class,'cs-language-switch')]//a")
        langs = {a.get("hreflang"): a.get("href") for a in links}
        if set(langs) != set(HREFLANG.values()):
            problems.append(f"{here}: switch offers {sorted(langs)}")
            continue
        for hreflang, href in langs.items():
            target_url = _follow(demo_site, page, href)
            target = page_of(demo_site, target_url)
            if target is None:
                problems.append(f"{here}: switch to {hreflang} goes to {target_url}, which does not exist")
                continue
            other = parse(target)
            if other.get("lang") != hreflang:
                problems.append(f"{here}: switch to {hreflang} lands on a page in {other.get('lang')}")
            if target_url in ("/", "/en/", "/mn/") and here not in ("/", "/en/", "/mn/"):
                problems.append(f"{here}: switch to {hreflang} lands on the home page")
            # the way back leads to where the reader came from
            back = {a.get("hreflang"): a.get("href") for a in other.xpath("//*[contains(@class,'cs-language-switch')]//a")}
            if _follow(demo_site, target, back[doc.get("lang")]) != here:
                problems.append(f"{here}: the {hreflang} page's switch does not lead back")
    assert problems == []


def test_a_fallback_names_the_original_in_the_readers_language(demo_site: Path):
    page = demo_site / "en" / "news" / "two-lectures-two-talks-columns" / "index.html"
    doc = parse(page)
    assert doc.get("lang") == "en" and _is_fallback(doc)
    text = " ".join(doc.xpath("string(//*[@class='cs-fallback'])").split())
    assert "“双微”平台开设《两讲 两谈 两评》等专栏" in text
    assert "This page is not available in English yet" in text
    original = doc.xpath("//*[@class='cs-fallback']//a[@hreflang='zh-CN']/@href")[0]
    assert _follow(demo_site, page, original) == "/news/two-lectures-two-talks-columns/"
    # fallbacks are for readers, not for search: not in the English index, not in the sitemap
    index = json.loads((demo_site / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not any(d["location"].startswith("news/two-lectures") for d in index["docs"])
    assert "/en/news/two-lectures-two-talks-columns/" not in (demo_site / "sitemap.xml").read_text(encoding="utf-8")


def test_english_pages_speak_english(demo_site: Path):
    zh_tabs = parse(demo_site / "index.html").xpath("//nav[contains(@class,'md-tabs')]//a")
    for rel in ("en/index.html", "en/events/environment-day-2024/index.html", "en/about/index.html",
                "en/stories/zhongshu-zhixin/index.html"):
        doc = parse(demo_site / rel)
        assert doc.get("lang") == "en", rel
        tabs = [a.text_content().strip() for a in doc.xpath("//nav[contains(@class,'md-tabs')]//a")]
        # the same tabs as the Chinese pages, each in English
        assert len(tabs) == len(zh_tabs) and not [t for t in tabs if re.search(r"[\u4e00-\u9fff]", t)], (rel, tabs)
        assert {"Home", "Campaigns", "Events", "Stories", "News", "About us", "Contact us"} <= set(tabs), rel
        assert doc.xpath("//title")[0].text_content().endswith(" - Eco-Environmental Education in Inner Mongolia")
        footer = " ".join(doc.xpath("string(//*[contains(@class,'cs-gov-footer')])").split())
        assert footer.startswith("Run by: Department of Ecology and Environment of Inner Mongolia Autonomous Region"), rel
        assert "Website identification code" in footer
        assert doc.xpath("//input[@name='query']/@placeholder") == ["Search"]
    zh = parse(demo_site / "index.html")
    assert zh.get("lang") == "zh-CN"
    assert zh.xpath("//input[@name='query']/@placeholder") == ["搜索"]


def test_dates_follow_each_language(demo_site: Path):
    zh = parse(demo_site / "campaigns" / "2024-ecological-literature-week" / "index.html")
    en = parse(demo_site / "en" / "campaigns" / "2024-ecological-literature-week" / "index.html")
    assert "2024年8月10日至12日" in zh.xpath("string(//dl[@class='cs-facts'])")
    assert "10–12 August 2024" in en.xpath("string(//dl[@class='cs-facts'])")


def test_english_index_lists_translated_items_and_links_the_rest(demo_site: Path):
    page = demo_site / "en" / "events" / "index.html"
    doc = parse(page)
    cards = doc.xpath("//li[contains(@class,'cs-card')]")
    zh_cards = parse(demo_site / "events" / "index.html").xpath("//li[contains(@class,'cs-card')]")
    assert len(cards) == len(zh_cards) - 1  # the National Ecology Day event is not translated
    assert all(not re.search(r"[\u4e00-\u9fff]", c.xpath("string(.//*[@class='cs-card__title'])")) for c in cards)
    note = doc.xpath("//*[contains(@class,'cs-only-source')]//a")[0]
    assert note.text_content() == "1 more item is only in Chinese"
    assert _follow(demo_site, page, note.get("href")) == "/events/"


def test_a_stale_translation_shows_a_notice_only_when_stale(demo_site: Path):
    # every demo translation is recorded against its current source
    assert not any(parse(p).xpath("//*[contains(@class,'cs-translation-notice')]") for p in _pages(demo_site))


def test_heads_and_sitemap_list_every_version_with_hreflang(demo_site: Path):
    sitemap = etree.parse(str(demo_site / "sitemap.xml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    in_sitemap = {}
    for url in sitemap.xpath("//s:url", namespaces=ns):
        loc = url.xpath("s:loc/text()", namespaces=ns)[0]
        in_sitemap[loc] = {(l.get("hreflang"), l.get("href")) for l in url.xpath("x:link[@rel='alternate']", namespaces=ns)}
    checked = 0
    for page in _pages(demo_site):
        doc = parse(page)
        here = SITE_URL.rstrip("/") + _url_path(demo_site, page)
        alternates = {(l.get("hreflang"), l.get("href")) for l in doc.xpath("//head/link[@hreflang]")
                      if "alternate" in l.get("rel").split()}
        if _is_fallback(doc):
            assert here not in in_sitemap
            continue
        assert (doc.get("lang"), here) in alternates, here
        for hreflang, href in alternates:
            target = page_of(demo_site, urlsplit(href).path)
            assert target is not None and not _is_fallback(parse(target)), (here, href)
            if hreflang != "x-default":
                assert parse(target).get("lang") == hreflang, (here, href)
        default = [h for l, h in alternates if l == "x-default"]
        assert len(default) == 1 and "/en/" not in default[0], here
        assert in_sitemap[here] == alternates, here
        checked += 1
    assert checked == len(in_sitemap) > 50
    both = in_sitemap[SITE_URL + "events/environment-day-2024/"]
    assert ("en", SITE_URL + "en/events/environment-day-2024/") in both


def _search(index: dict, query: str) -> list[str]:
    """Locations whose title or text holds every word of the query, as Material's search
    matches them: the index's separator splits text; Chinese is matched word by word."""
    separator = re.compile(index["config"]["separator"])
    words = [w.lower() for part in query.split() for w in (jieba.cut(part) if re.search(r"[\u4e00-\u9fff]", part) else [part])]
    found = []
    for doc in index["docs"]:
        tokens = {t.lower() for t in separator.split(re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"])) if t}
        if all(any(t.startswith(w) for t in tokens) for w in words):
            found.append(doc["location"].split("#")[0])
    return sorted(set(found))


def test_each_language_searches_its_own_pages(demo_site: Path):
    zh = json.loads((demo_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    en = json.loads((demo_site / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not any(d["location"].startswith("en/") for d in zh["docs"])
    hits = _search(zh, "生态文学")
    for page in ("campaigns/2024-ecological-literature-week/", "events/ecological-literature-week-2024/",
                 "news/literature-week-xilingol-2024/"):
        assert page in hits
    english = _search(en, "Environment Day")
    assert "events/environment-day-2024/" in english and "campaigns/2024-environment-day/" in english
    # locations are relative to /en/, where English pages point Material's search
    for location in english:
        assert parse(page_of(demo_site, "/en/" + location)).get("lang") == "en"
    config = json.loads(parse(demo_site / "en" / "events" / "environment-day-2024" / "index.html")
                        .xpath("//script[@id='__config']/text()")[0])
    assert posixpath.normpath(posixpath.join("/en/events/environment-day-2024/", config["base"])) == "/en"
