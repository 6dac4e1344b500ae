"""What the public sees first, in the built demo: the home page's lead campaign and countdown,
cards with pictures, and campaign pages whose table of contents lists every section."""
from __future__ import annotations

import os
import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from htmlsite import parse

ROOT = Path(__file__).resolve().parent.parent
ZONE = ZoneInfo("Asia/Shanghai")  # mkdocs.yml: timezone


def next_theme_day(epoch: int, observances: Path) -> tuple[int, str, str]:
    """(days, zh name, en name) of the first theme day from the reference day on, read from
    the content file itself, not through the build's code."""
    today = datetime.fromtimestamp(epoch, ZONE).date()
    found = []
    for obs in yaml.safe_load(observances.read_text("utf-8")):
        if "date" in obs:
            month, day = (int(x) for x in obs["date"].split("-"))
            days = [date(today.year, month, day), date(today.year + 1, month, day)]
        else:
            days = [d if isinstance(d, date) else date.fromisoformat(d) for d in obs["dates"]]
        found += [(d, obs["name"]["zh"], obs["name"]["en"]) for d in days if d >= today]
    day, zh, en = min(found)
    return (day - today).days, zh, en


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text("utf-8").split("---\n", 2)[1])


def test_home_leads_with_a_campaign_visual_loaded_first_and_the_days_to_the_next_theme_day(demo_site: Path):
    days, zh_name, en_name = next_theme_day(int(os.environ["SOURCE_DATE_EPOCH"]), ROOT / "campaigns" / "observances.yml")
    # (no theme day has a Mongolian name: the Chinese one, marked as Chinese)
    for page, name in ((demo_site / "index.html", zh_name), (demo_site / "en" / "index.html", en_name),
                       (demo_site / "mn" / "index.html", zh_name)):
        doc = parse(page)
        hero = doc.xpath("//section[contains(@class,'cs-hero')]")[0]
        # the first thing in the content after the page's title
        assert doc.xpath("(//article//h1)[1]/following-sibling::*[1]/*[1]") == [hero]
        img = hero.xpath(".//img")[0]
        assert (img.get("loading"), img.get("fetchpriority")) == ("eager", "high")
        assert img.get("width") and img.get("height") and " 1600w" in img.get("srcset")
        # every other picture of the page waits until it is scrolled to
        assert all(i.get("loading") == "lazy" for i in doc.xpath("//article//img") if i is not img)
        box = hero.xpath(".//*[@data-cs-countdown]")[0]
        assert box.xpath("string(.//*[@class='cs-countdown__n'])") == str(days)
        assert box.xpath("string(.//*[@class='cs-countdown__name'])") == name
        actions = [a.get("href") for a in hero.xpath(".//a[contains(@class,'md-button')]")]
        assert [h.rstrip("/").rsplit("/", 1)[-1] for h in actions] == ["events", "subscribe"]
    # at the tests' reference time (November 2024) the volunteer service campaign of 2024 is on
    assert "2024-ecological-volunteer-service" in parse(demo_site / "index.html").xpath(
        "string(//section[contains(@class,'cs-hero')]//h2/a/@href)")


def test_a_home_page_leads_with_the_source_languages_campaign_in_its_original_words(demo_site: Path):
    # No campaign is translated into Mongolian: the Mongolian home leads with the Chinese home's
    # campaign, its title and picture marked as Chinese, linked to the Mongolian page that says
    # where the original is; dates, labels and actions are Mongolian.
    zh, mn = parse(demo_site / "index.html"), parse(demo_site / "mn" / "index.html")
    hero = mn.xpath("//section[contains(@class,'cs-hero')]")[0]
    title = hero.xpath(".//h2[@id='cs-home-lead']")[0]
    assert (title.get("lang"), title.text_content()) == ("zh-CN", zh.xpath("string(//h2[@id='cs-home-lead'])"))
    assert hero.xpath("./figure/@lang") == ["zh-CN"]
    assert hero.xpath(".//img/@src")[0] == "../" + zh.xpath("string(//section[contains(@class,'cs-hero')]//img/@src)")
    target = demo_site / "mn" / title.xpath("string(./a/@href)") / "index.html"
    assert "cs-fallback" in target.read_text("utf-8")
    note = hero.xpath("string(.//*[@class='cs-hero__original'])")
    assert "ᠣᠷᠴᠢᠭᠤᠯᠤᠭᠳᠠᠭ᠎ᠠ ᠦᠭᠡᠢ" in note and "ᠬᠢᠲᠠᠳ" in note  # not translated yet (Chinese)
    assert not zh.xpath("//*[@class='cs-hero__original']")
    dates = hero.xpath("string(.//*[@class='cs-hero__dates'])")
    assert "ᠰᠠᠷ᠎ᠠ" in dates and not re.search(r"[\u4e00-\u9fff]", dates)
    assert hero.xpath(".//*[@class='cs-countdown__name']/@lang") == ["zh-CN"]
    assert not zh.xpath("//*[@class='cs-countdown__name']/@lang")


def test_cards_show_the_items_picture_or_a_placeholder(demo_site: Path):
    checked = {"picture": 0, "placeholder": 0}
    for index, folder in (("campaigns/index.html", "."), ("stories/index.html", "stories"), ("index.html", None)):
        doc = parse(demo_site / index)
        cards = doc.xpath("//li[contains(@class,'cs-card')]")
        assert cards, index
        for card in cards:
            media = card.xpath("./*[contains(@class,'cs-card__media')]")
            assert len(media) == 1
            imgs = media[0].xpath(".//img")
            if imgs:
                assert imgs[0].get("width") and imgs[0].get("height") and imgs[0].get("loading") == "lazy"
                checked["picture"] += 1
            else:
                assert "cs-card__media--none" in media[0].get("class") and media[0].get("aria-hidden") == "true"
                checked["placeholder"] += 1
            if folder is None:
                continue
            # a picture exactly when the item's file names one
            slug = card.xpath("string(.//a[@class='cs-card__link']/@href)").rstrip("/").rsplit("/", 1)[-1]
            if folder == ".":
                source = ROOT / "campaigns" / slug / "index.zh.md"
            else:
                source = next((ROOT / "campaigns").glob(f"*/{folder}/{slug}.zh.md"))
            meta = front_matter(source)
            assert bool(imgs) == bool(meta.get("cover") or meta.get("portrait")), slug
    assert checked["picture"] and checked["placeholder"]


def test_a_campaign_page_lists_every_section_and_has_no_empty_sidebar(demo_site: Path):
    doc = parse(demo_site / "campaigns" / "2024-environment-day" / "index.html")
    toc = [a.get("href") for a in doc.xpath("//nav[contains(@class,'md-nav--secondary')]//a")]
    headings = ["#" + h.get("id") for h in doc.xpath("//article//h2")]
    assert toc == headings
    assert {"#cs-event", "#cs-story", "#cs-article", "#cs-calendar"} <= set(toc)
    assert doc.xpath("//div[contains(@class,'md-sidebar--primary')]/@hidden") == [""]
    # the banner: the key visual first, loaded first, and the facts beside it
    banner = doc.xpath("//header[contains(@class,'cs-banner')]")[0]
    assert banner.xpath("./figure//img/@fetchpriority") == ["high"]
    assert [dt.text for dt in banner.xpath(".//dl[@class='cs-facts']/dt")][0] == "时间"
    # the programme is a timeline of the campaign's events in time order
    starts = []
    for href in doc.xpath("//ul[contains(@class,'cs-cards--timeline')]//a[@class='cs-card__link']/@href"):
        slug = href.rstrip("/").rsplit("/", 1)[-1]
        starts.append(str(front_matter(next((ROOT / "campaigns").glob(f"*/events/{slug}.zh.md")))["start"]))
    assert starts and starts == sorted(starts)


def test_the_gallery_shows_the_items_images_not_those_shown_in_full(demo_site: Path):
    doc = parse(demo_site / "campaigns" / "2024-ecological-literature-week" / "index.html")
    tiles = doc.xpath("//ul[@class='cs-gallery']/li/a")
    names = [re.sub(r"\.[0-9a-f]{10}\.\d+\.jpg$", "", a.get("href")).rsplit("/", 1)[-1] for a in tiles]
    assert "xilingol-grassland-photo" in names and "grassland-horizon-cover" not in names
    assert len(names) == len(set(names))
    assert all(a.xpath(".//img/@alt")[0].strip() for a in tiles)


def test_campaign_sections_of_cards_stay_out_of_the_search_index(demo_site: Path):
    # Cards repeat what their items' own pages hold; the calendar section is searched as before.
    import json

    locations = {d["location"] for d in json.loads((demo_site / "search" / "search_index.json").read_text("utf-8"))["docs"]}
    page = "campaigns/2024-environment-day/"
    assert f"{page}#cs-calendar" in locations
    assert not {f"{page}#cs-{kind}" for kind in ("event", "story", "article", "gallery")} & locations


def _home(now: datetime):
    from lxml import html as lxml_html

    from build_tools.core.config import load_settings
    from build_tools.pipeline import build

    result = build(load_settings(ROOT / "mkdocs.yml"), now=now)
    return lxml_html.fromstring(result.blocks["home"])


def test_the_home_page_says_whether_its_campaign_is_current_next_or_past():
    # Between campaigns (November 2026) the home page leads with the campaign of the next
    # theme day, International Volunteer Day, and says that campaign is a past one.
    doc = _home(datetime(2026, 11, 18, 12, tzinfo=ZONE))
    assert doc.xpath("string(//h2[@id='cs-home-lead']/a/@href)").endswith("2024-ecological-volunteer-service/")
    assert doc.xpath("string(//*[@class='cs-hero__kicker'])") == "往期专题"
    assert doc.xpath("string(//*[@class='cs-countdown__n'])") == "17"
    # On June 5 2024 the volunteer service (all of 2024) is on, and the theme day is today.
    doc = _home(datetime(2024, 6, 5, 9, tzinfo=ZONE))
    assert doc.xpath("string(//*[@class='cs-hero__kicker'])") == "当前专题"
    assert doc.xpath("string(//*[@class='cs-countdown__name'])") == "六五环境日"
    assert doc.xpath("string(//*[@class='cs-countdown__n'])") == "就在今天"
