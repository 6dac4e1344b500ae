"""Drafts, scheduled and expired items in production and preview builds, at a fixed
reference time (2024-11-24 08:00 Beijing): what every page, list, calendar and feed shows."""
from pathlib import Path

from htmlsite import html_files, parse
from publishing_site import (DRAFT, EXPIRED, LIVE, SCHEDULED, page, preview_site,  # noqa: F401 (fixtures)
                             production_site, site_texts)


def _mentions(site: Path, *needles: str) -> list[str]:
    return [f"{path.relative_to(site)}: {n}" for path, text in site_texts(site) for n in needles if n in text]


def test_production_leaves_drafts_and_scheduled_items_out_of_everything(production_site: Path):
    for item in (DRAFT, SCHEDULED):
        assert not page(production_site, item).exists()
        # not in any page, list, calendar, feed, sitemap, search index or robots.txt
        assert _mentions(production_site, item["title"], f"/{item['slug']}") == []


def test_production_keeps_the_expired_page_but_takes_it_out_of_lists(production_site: Path):
    own = page(production_site, EXPIRED)
    notice = parse(own).xpath("//div[contains(@class,'cs-notice--expired')]")
    assert len(notice) == 1
    assert "已过期" in notice[0].text_content()
    assert "2024年11月20日 00:00（北京时间）" in notice[0].text_content()
    # The title shows on its own page and in the search index (the page is still there),
    # and on its English and Mongolian pages, the fallbacks that name it and link to it...
    allowed = {own, production_site / "en" / own.relative_to(production_site),
               production_site / "mn" / own.relative_to(production_site),
               production_site / "search" / "search_index.json"}
    elsewhere = [m for path, text in site_texts(production_site) if path not in allowed
                 for m in [str(path.relative_to(production_site))] if EXPIRED["title"] in text]
    # ...and nowhere else: not in the event list, the home page's upcoming events, the campaign's
    # programme, the feeds or the calendars (the event's date is upcoming, so only expiry hides it).
    assert elsewhere == []


def test_production_links_to_unpublished_items_show_as_text(production_site: Path):
    live = parse(page(production_site, LIVE))
    body = live.xpath("string(//article)")
    assert "请关注论坛详情和通知全文。" in body
    hrefs = live.xpath("//article//a/@href")
    assert not [h for h in hrefs if SCHEDULED["slug"] in h or DRAFT["slug"] in h]
    # a reference-style link leads to the event list meanwhile
    assert live.xpath("//article//a[.='论坛日程']/@href") == ["../../events/"]


def test_production_pages_carry_no_preview_marks(production_site: Path):
    for path in html_files(production_site):
        doc = parse(path)
        # (a page saying that a page is not translated is never indexed, preview or not)
        fallback = bool(doc.xpath("//*[@class='cs-fallback']"))
        assert doc.xpath("//meta[@name='robots']/@content") == (["noindex"] if fallback else []), path
        assert doc.xpath("//*[contains(@class,'md-banner')]") == [], path
    robots = (production_site / "robots.txt").read_text(encoding="ascii")
    assert "Disallow: /\n" not in robots
    assert "Sitemap: https://example.org/sitemap.xml" in robots


def test_preview_shows_all_three_with_banners_saying_what_and_when(preview_site: Path):
    expected = {
        "draft": (DRAFT, "草稿：仅在预览中显示，不会发布"),
        "scheduled": (SCHEDULED, "定时发布：将于2024年12月1日 09:00（北京时间）公开"),
        "expired": (EXPIRED, "已过期：本内容于2024年11月20日 00:00（北京时间）到期"),
    }
    for state, (item, text) in expected.items():
        notices = parse(page(preview_site, item)).xpath(f"//div[contains(@class,'cs-notice--{state}')]")
        assert [n.text_content() for n in notices if text in n.text_content()], (state, text)
    # lists show them too, marked
    events = parse(preview_site / "events" / "index.html")
    cards = {c.xpath("string(.//a)"): c for c in events.xpath("//li[contains(@class,'cs-card')]")}
    assert cards[SCHEDULED["title"]].xpath(".//span[contains(@class,'cs-badge--scheduled')]")
    assert cards[EXPIRED["title"]].xpath(".//span[contains(@class,'cs-badge--expired')]")
    news = parse(preview_site / "news" / "index.html")
    assert DRAFT["title"] in news.xpath("string(//ul[@class='cs-cards'])")
    # and links to them are kept
    live = parse(page(preview_site, LIVE))
    assert live.xpath("//article//a[.='论坛详情']/@href") == ["../../events/future-forum/"]
    assert live.xpath("//article//a[.='论坛日程']/@href") == ["../../events/future-forum/"]


def test_every_preview_page_says_it_is_a_preview_and_asks_not_to_be_indexed(preview_site: Path):
    pages = html_files(preview_site)
    assert len(pages) > 30
    for path in pages:
        doc = parse(path)
        assert doc.xpath("//meta[@name='robots']/@content") == ["noindex, nofollow"], path
        banner = doc.xpath("string(//aside[contains(@class,'md-banner')])")
        assert "预览版本" in banner and "2024年11月24日 08:00（北京时间）" in banner, path
    assert (preview_site / "robots.txt").read_text(encoding="ascii") == "User-agent: *\nDisallow: /\n"
