"""Every indexable page has its own <title> and description, short enough for result pages."""
from collections import defaultdict
from pathlib import Path

from build_tools.i18n.descriptions import clip
from htmlsite import parse

LIMITS = {"zh-CN": 80, "en": 160, "mn-Mong-CN": 160}  # characters a result page shows, per language


def _indexable(site: Path):
    for path in sorted(site.rglob("*.html")):  # 404.html too: search engines may show it
        doc = parse(path)
        if doc.xpath('//meta[@name="robots" and contains(@content, "noindex")]'):
            continue
        yield path, doc


def test_titles_and_descriptions_are_distinct_and_short(demo_site: Path):
    titles, descriptions = defaultdict(list), defaultdict(list)
    count = 0
    for path, doc in _indexable(demo_site):
        count += 1
        rel = str(path.relative_to(demo_site))
        titles[doc.findtext(".//title")].append(rel)
        (description,) = doc.xpath('//meta[@name="description"]/@content')
        descriptions[description].append(rel)
        lang = doc.get("lang")
        assert len(description) <= LIMITS[lang], (rel, len(description), description)
        assert doc.xpath('//meta[@property="og:description"]/@content') == [description]
    assert count > 80
    assert {t: p for t, p in titles.items() if len(p) > 1} == {}
    assert {d: p for d, p in descriptions.items() if len(p) > 1} == {}


def test_a_campaign_and_its_event_of_the_same_name_have_distinct_titles(demo_site: Path):
    campaign = parse(demo_site / "campaigns/2024-environment-day/index.html")
    event = parse(demo_site / "events/environment-day-2024/index.html")
    assert campaign.xpath("string(//h1)") == event.xpath("string(//h1)") == "2024年六五环境日"
    assert campaign.findtext(".//title").startswith("2024年六五环境日 - ")
    assert event.findtext(".//title").startswith("2024年六五环境日 · 活动 - ")
    en = parse(demo_site / "en/events/environment-day-2024/index.html")
    assert en.findtext(".//title").startswith("June 5 Environment Day 2024 · Event - ")


def test_descriptions_are_cut_at_a_sentence_or_a_word():
    two = "第一句话说明活动的主题和时间安排。" * 3 + "第二句话很长" * 20
    assert clip(two, 80) == "第一句话说明活动的主题和时间安排。" * 3  # the last whole sentence that fits
    words = "Jointly held in Hohhot by the Ministry of Ecology and Environment and the Party Committee " \
            "and Government of Inner Mongolia Autonomous Region, with 91 leaders taking part."
    cut = clip(words, 160)
    assert len(cut) <= 160 and cut.endswith(" leaders…")  # at a word, marked
    assert words.startswith(cut[:-1])
    assert clip("A price of 3.5 yuan. " + "word " * 40, 60).endswith("word…")  # 3.5 is no sentence end
    assert clip("  short\n text ", 80) == "short text"


def test_every_page_and_feed_names_the_site_in_its_own_language(demo_site: Path):
    import json

    from icalendar import Calendar

    names = {"zh-CN": "内蒙古生态环境宣传教育", "en": "Eco-Environmental Education in Inner Mongolia",
             "mn-Mong-CN": "ᠦᠪᠦᠷ ᠮᠣᠩᠭᠣᠯ\u202fᠤᠨ ᠡᠺᠣᠯᠣᠭᠢ ᠣᠷᠴᠢᠨ ᠲᠣᠭᠣᠷᠢᠨ\u202fᠤ ᠰᠤᠷᠲᠠᠯᠴᠢᠯᠠᠭ\u180eᠠ ᠰᠤᠷᠭᠠᠨ ᠬᠦᠮᠦᠵᠢᠯ"}
    locales = {"zh-CN": "zh_CN", "en": "en_GB", "mn-Mong-CN": "mn_CN"}
    for path in sorted(demo_site.rglob("*.html")):
        doc = parse(path)
        lang = doc.get("lang")
        assert doc.xpath('//meta[@property="og:locale"]/@content') == [locales[lang]], path
        for title in doc.xpath('//head/link[@rel="alternate"][@type]/@title'):  # feed links
            assert title.endswith(f" · {names[lang]}"), (path, title)
    for prefix, lang in (("", "zh-CN"), ("en/", "en"), ("mn/", "mn-Mong-CN")):
        for feed in ("news", "events"):
            xml = (demo_site / prefix / "feeds" / f"{feed}.xml").read_text(encoding="utf-8")
            assert f" · {names[lang]}</title>" in xml and f'xml:lang="{lang}"' in xml
            data = json.loads((demo_site / prefix / "feeds" / f"{feed}.json").read_text(encoding="utf-8"))
            assert data["title"].endswith(f" · {names[lang]}") and data["language"] == lang
        # the calendars of all events, of each campaign and of the theme days (one event's is named after it)
        for ics in sorted((demo_site / prefix / "calendar").rglob("*.ics")):
            if ics.parent.name != "events":
                assert names[lang] in str(Calendar.from_ical(ics.read_bytes())["X-WR-CALNAME"]), ics
