"""Feeds as feed readers get them: well-formed, absolute URLs, correct dates, listed items only."""
import json
from datetime import datetime, timezone
from pathlib import Path

import feedparser
from lxml import etree

from build_tools.publish.feeds import clean
from htmlsite import page_of, parse
from publishing_site import DRAFT, EXPIRED, LIVE, SCHEDULED, preview_site, production_site  # noqa: F401

SITE_URL = "https://example.org/"
FEEDS = {"news": "feeds/news", "events": "feeds/events"}


def _atom(site: Path, name: str):
    data = (site / f"{FEEDS[name]}.xml").read_bytes()
    etree.fromstring(data)  # raises on anything not well-formed XML
    feed = feedparser.parse(data)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def _json(site: Path, name: str) -> dict:
    return json.loads((site / f"{FEEDS[name]}.json").read_text(encoding="utf-8"))


def _page_for(site: Path, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    return page_of(site, "/" + url[len(SITE_URL):])


def test_atom_feeds_are_well_formed_and_point_at_real_pages(production_site: Path):
    for name in FEEDS:
        feed = _atom(production_site, name)
        assert feed.version == "atom10"
        assert feed.feed.language == "zh-CN"  # the one tag of the language, as in <html lang>
        assert feed.entries, name
        for entry in feed.entries:
            page = _page_for(production_site, entry.link)
            assert page is not None, entry.link
            # (the page may keep control characters that a feed must drop)
            assert clean(parse(page).xpath("string(//h1)")) == entry.title
        self_link = [l.href for l in feed.feed.links if l.rel == "self"]
        assert self_link == [f"{SITE_URL}{FEEDS[name]}.xml"]


def test_json_feeds_follow_json_feed_1_1(production_site: Path):
    for name in FEEDS:
        feed = _json(production_site, name)
        assert feed["version"] == "https://jsonfeed.org/version/1.1"
        assert feed["feed_url"] == f"{SITE_URL}{FEEDS[name]}.json"
        assert feed["home_page_url"] == f"{SITE_URL}{name}/"
        assert feed["items"]
        for item in feed["items"]:
            assert _page_for(production_site, item["url"]) is not None
            assert item["id"] == item["url"]
            assert item["content_text"]
            datetime.fromisoformat(item["date_published"])  # RFC 3339 with offset
            if "image" in item:
                assert (production_site / item["image"][len(SITE_URL):]).is_file()


def test_entry_dates_are_the_days_in_the_site_time_zone(production_site: Path):
    feed = _atom(production_site, "news")
    live = next(e for e in feed.entries if e.link.endswith(f"/news/{LIVE['slug']}/"))
    # date: 2024-11-10 means that day in Beijing, i.e. 16:00 UTC the day before
    assert live.published == "2024-11-10T00:00:00+08:00"
    assert datetime(*live.published_parsed[:6], tzinfo=timezone.utc) == datetime(2024, 11, 9, 16, tzinfo=timezone.utc)
    assert _json(production_site, "news")["items"][0]["date_published"].endswith("+08:00")
    events = _atom(production_site, "events")
    forum = next(e for e in events.entries if "/events/ecological-literature-week-2024/" in e.link)
    assert forum.summary.startswith("2024年8月10日至12日")


def test_characters_xml_forbids_are_dropped(production_site: Path):
    feed = _atom(production_site, "news")
    live = next(e for e in feed.entries if e.link.endswith(f"/news/{LIVE['slug']}/"))
    assert live.title == "现行报道丁"
    assert live.summary == "一篇已发布的报道。"
    item = next(i for i in _json(production_site, "news")["items"] if i["url"].endswith(f"/{LIVE['slug']}/"))
    assert item["title"] == "现行报道丁"


def test_feeds_list_what_lists_show(production_site: Path, preview_site: Path):
    def slugs(site, name):
        atom = {e.link.rstrip("/").rsplit("/", 1)[-1] for e in _atom(site, name).entries}
        json_feed = {i["url"].rstrip("/").rsplit("/", 1)[-1] for i in _json(site, name)["items"]}
        assert atom == json_feed
        return atom

    production = slugs(production_site, "news") | slugs(production_site, "events")
    preview = slugs(preview_site, "news") | slugs(preview_site, "events")
    unpublished = {DRAFT["slug"], SCHEDULED["slug"], EXPIRED["slug"]}
    assert production & unpublished == set()
    assert unpublished <= preview
    assert LIVE["slug"] in production


def test_pages_announce_the_feeds_and_index_pages_link_them(production_site: Path):
    home = parse(production_site / "index.html")
    types = sorted(home.xpath("//head/link[@rel='alternate']/@type"))
    assert types == ["application/atom+xml", "application/atom+xml", "application/feed+json", "application/feed+json"]
    for href in home.xpath("//head/link[@rel='alternate'][@type]/@href"):  # feeds; hreflang links have no type
        assert (production_site / href).is_file(), href
    news = parse(production_site / "news" / "index.html")
    links = news.xpath("//p[@class='cs-feeds']/a/@href")
    assert [(production_site / "news" / h).resolve() for h in links] == [
        (production_site / "feeds" / "news.xml").resolve(), (production_site / "feeds" / "news.json").resolve()]
    # the 404 page, served at any depth, links the feeds from the site root
    assert "/feeds/news.xml" in parse(production_site / "404.html").xpath("//head/link[@rel='alternate']/@href")
