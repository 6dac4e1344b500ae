"""The demo's Mongolian pages (/mn/), as a reader, a calendar app and a feed reader get them."""
import json
import re
from pathlib import Path

import feedparser
from icalendar import Calendar

from htmlsite import html_files, parse

TAG = "mn-Mong-CN"
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
MONGOLIAN = re.compile(r"[\u1820-\u1878]")
SAMPLE = "news/children-wishes-music-album"
SITE_NAME = "ᠦᠪᠦᠷ ᠮᠣᠩᠭᠣᠯ\u202fᠤᠨ ᠡᠺᠣᠯᠣᠭᠢ"


def _visible(page) -> str:
    """The text a reader sees or hears: text nodes outside scripts and styles, and the
    attributes browsers show or read aloud."""
    for node in page.xpath("//script|//style"):
        node.getparent().remove(node)
    shown = page.xpath("//@title|//@alt|//@aria-label|//@placeholder|//@content")
    return page.text_content() + " ".join(shown)


def test_every_page_has_a_mongolian_page_in_mongolian_with_its_tag(demo_site: Path):
    zh = [p for p in html_files(demo_site) if p.name == "index.html" and p.relative_to(demo_site).parts[0] not in ("en", "mn")]
    assert len(zh) > 30
    for page in zh:
        twin = demo_site / "mn" / page.relative_to(demo_site)
        assert twin.is_file(), twin
    pages = [p for p in html_files(demo_site / "mn")]
    for path in pages:
        page = parse(path)
        assert page.get("lang") == TAG, path
        text = _visible(page)
        assert not CYRILLIC.search(text), (path, CYRILLIC.findall(text)[:5])
        assert MONGOLIAN.search(text), path
        assert page.xpath("//*[@class='cs-writing']/@data-writing-mode") == ["vertical-lr"], path
    # every page type: home, indexes, a campaign, an event, a story, the sample news item,
    # a fallback, month, agenda and subscribe pages, hand-written pages
    for url in ("", "campaigns/", "events/", "stories/", "news/", "campaigns/2024-environment-day/",
                "events/environment-day-2024/", "stories/green-mountains-guardians/", f"{SAMPLE}/",
                "calendar/", "calendar/2024-06/", "calendar/subscribe/", "about/", "contact/"):
        assert (demo_site / "mn" / url / "index.html") in pages, url


def test_the_home_page_search_and_switch_speak_mongolian(demo_site: Path):
    home = parse(demo_site / "mn" / "index.html")
    assert home.xpath("string(//h1)").startswith(SITE_NAME)
    assert home.xpath("//input[@data-md-component='search-query']/@placeholder") == ["ᠬᠠᠢᠬᠤ"]
    switch = {a.get("hreflang"): a.text_content().strip() for a in home.xpath("//*[contains(@class,'cs-language-switch')]//a")}
    assert switch[TAG] == "ᠮᠣᠩᠭᠣᠯ"
    config = json.loads(home.xpath("string(//script[@id='__config'])"))
    assert config["translations"]["search.result.placeholder"].startswith("ᠬᠠᠢᠬᠤ")
    index = json.loads((demo_site / "mn" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert [d for d in index["docs"] if d["location"].startswith(SAMPLE)]
    assert "\u202f" in index["config"]["separator"] or "\\u202f" in index["config"]["separator"]


def test_month_pages_fallbacks_and_the_sample_are_in_mongolian_script(demo_site: Path):
    month = parse(demo_site / "mn" / "calendar" / "2024-06" / "index.html")
    assert month.xpath("string(//h1)") == "2024 ᠣᠨ\u202fᠤ ᠵᠢᠷᠭᠤᠳᠤᠭᠠᠷ ᠰᠠᠷ\u180eᠠ"
    assert [th.text_content() for th in month.xpath("//table//thead//th")][0] == "ᠨᠢᠭᠡᠨ"
    assert "ᠵᠢᠷᠭᠤᠳᠤᠭᠠᠷ ᠰᠠᠷ\u180eᠠ\u202fᠶᠢᠨ 5" in month.xpath("string(//article)")
    fallback = parse(demo_site / "mn" / "events" / "environment-day-2024" / "index.html")
    said = fallback.xpath("string(//*[@class='cs-fallback'])")
    assert "ᠬᠢᠲᠠᠳ ᠬᠡᠯᠡ" in said  # "Chinese", in Mongolian
    original = fallback.xpath("//*[@class='cs-fallback']//a[@hreflang='zh-CN']/@href")
    assert original and (demo_site / "mn" / "events" / "environment-day-2024" / original[0] / "index.html").resolve() \
        == (demo_site / "events" / "environment-day-2024" / "index.html").resolve()
    sample = parse(demo_site / "mn" / SAMPLE / "index.html")
    assert "ᠵᠢᠱᠢᠶ᠎ᠡ ᠣᠷᠴᠢᠭᠤᠯᠭ᠎ᠠ" in sample.xpath("string(//article)")  # "sample translation", said on the page
    assert "2024 ᠣᠨ\u202fᠤ ᠨᠠᠢᠮᠠᠳᠤᠭᠠᠷ ᠰᠠᠷ\u180eᠠ\u202fᠶᠢᠨ 12" in sample.xpath("string(//article)")
    data = json.loads(sample.xpath("string(//script[@type='application/ld+json'])"))
    assert data["inLanguage"] == TAG
    assert f'hreflang="{TAG}"' in (demo_site / "sitemap.xml").read_text(encoding="utf-8")


def test_calendars_and_feeds_are_named_in_mongolian(demo_site: Path):
    events = Calendar.from_ical((demo_site / "mn" / "calendar" / "events.ics").read_bytes())
    assert str(events["X-WR-CALNAME"]) == f"{SITE_NAME} ᠣᠷᠴᠢᠨ ᠲᠣᠭᠣᠷᠢᠨ\u202fᠤ ᠰᠤᠷᠲᠠᠯᠴᠢᠯᠠᠭ\u180eᠠ ᠰᠤᠷᠭᠠᠨ ᠬᠦᠮᠦᠵᠢᠯ · ᠦᠢᠯᠡ ᠠᠵᠢᠯᠯᠠᠭ\u180eᠠ"
    themes = Calendar.from_ical((demo_site / "mn" / "calendar" / "theme-days.ics").read_bytes())
    assert str(themes["X-WR-CALNAME"]).endswith("ᠭᠣᠣᠯ ᠰᠡᠳᠦᠪ\u202fᠦᠨ ᠡᠳᠦᠷ")
    for cal in (events, themes):
        assert not CYRILLIC.search(cal.to_ical().decode("utf-8"))
    atom = feedparser.parse((demo_site / "mn" / "feeds" / "news.xml").read_bytes())
    assert atom.feed.language == TAG and atom.feed.title.startswith("ᠮᠡᠳᠡᠭᠡ ᠪᠠ ᠮᠡᠳᠡᠭᠦᠯᠦᠯ · ")
    assert [e.title for e in atom.entries] == [parse(demo_site / "mn" / SAMPLE / "index.html").xpath("string(//h1)")]
    assert "ᠬᠡᠭᠦᠬᠡᠳ\u202fᠦᠨ ᠬᠦᠰᠡᠯ" in atom.entries[0].summary  # NNBSP kept: it shapes the suffix
    feed = json.loads((demo_site / "mn" / "feeds" / "events.json").read_text(encoding="utf-8"))
    assert feed["language"] == TAG and feed["title"].startswith("ᠦᠢᠯᠡ ᠠᠵᠢᠯᠯᠠᠭ᠎ᠠ\u202fᠶᠢᠨ ᠮᠡᠳᠡᠭᠳᠡᠯ")
