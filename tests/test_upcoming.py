"""One rule for upcoming and past: an event is upcoming until the last day it covers is over,
and the days it covers follow the calendar's midnight rule (a timed event that ends at 00:00
does not cover the day that starts then). The home page, the events list, the calendar
agenda and the month grid agree."""
import dataclasses
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from lxml import html

from build_tools.core.config import load_settings
from build_tools.pipeline import build
from conftest import copy_project

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2031, 5, 2, 10, 0, tzinfo=TZ)  # the reference time: 2 May, mid-morning

CAMPAIGN = """---
title: 午夜规则
summary: 检查即将举行与已结束的活动。
kind: forum
year: 2031
start: 2031-04-01
end: 2031-06-30
---
"""
EVENT = """---
title: 活动：{title}
summary: 检查午夜规则。
start: {start}
end: {end}
---
"""
TRANSLATION = """---
title: {title}
summary: Checks the midnight rule.
---
"""
# slug -> (English title, start, end): the evening before the reference day, once ending at
# midnight and once half an hour after it, and two events that are plainly past and upcoming.
EVENTS = {
    "ends-at-midnight": ("Ends at midnight", "2031-05-01T19:00:00+08:00", "2031-05-02T00:00:00+08:00"),
    "ends-after-midnight": ("Ends after midnight", "2031-05-01T19:00:00+08:00", "2031-05-02T00:30:00+08:00"),
    "last-week": ("Last week", "2031-04-24T09:00:00+08:00", "2031-04-24T11:00:00+08:00"),
    "next-week": ("Next week", "2031-05-09T09:00:00+08:00", "2031-05-09T11:00:00+08:00"),
}
UPCOMING = ["Ends after midnight", "Next week"]  # in time order
PAST = ["Ends at midnight", "Last week"]  # newest first


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("upcoming") / "p", with_content=False)
    camp = root / "campaigns" / "midnight"
    (camp / "events").mkdir(parents=True)
    (camp / "index.zh.md").write_text(CAMPAIGN, encoding="utf-8")
    for slug, (title, start, end) in EVENTS.items():
        (camp / "events" / f"{slug}.zh.md").write_text(EVENT.format(title=title, start=start, end=end), encoding="utf-8")
        (camp / "events" / f"{slug}.en.md").write_text(TRANSLATION.format(title=title), encoding="utf-8")
    built = build(load_settings(root / "mkdocs.yml"), now=NOW)
    assert built.errors == []
    return built


def _page(result, path: str):
    text = next(o for o in result.outputs if o.path == path).content.decode()
    return html.fromstring(text.split("---\n", 2)[2])


def _titles(node, path: str) -> list[str]:
    return [t.text_content().strip() for t in node.xpath(path)]


def test_home_shows_only_events_whose_last_day_is_not_over(result):
    home = html.fromstring(result.blocks["home.en"])
    assert _titles(home, "//section[h2[@id='cs-home-events']]//span[@class='cs-card__title']") == UPCOMING


def test_the_events_list_splits_upcoming_and_past_by_the_same_rule(result):
    page = _page(result, "en/events/index.md")
    groups = {h.text_content(): _titles(h, "following-sibling::ul[1]//span[@class='cs-card__title']")
              for h in page.xpath("//h2")}
    assert groups == {"Upcoming": UPCOMING, "Past": PAST}


@pytest.mark.parametrize("path, prefix", [("en/calendar/index.md", ""), ("calendar/index.md", "活动：")])
def test_the_calendar_agenda_agrees_in_every_language(result, path, prefix):
    agenda = _page(result, path)
    upcoming = _titles(agenda, "//section[h2[@id='cs-cal-upcoming']]//a[@class='cs-cal-title']")
    past = _titles(agenda, "//section[h2[@id='cs-cal-past']]//a[@class='cs-cal-title']")
    assert upcoming == [prefix + t for t in UPCOMING]
    assert past == [prefix + t for t in PAST]


def test_the_month_shows_today_with_the_event_that_runs_past_midnight_only(result):
    month = _page(result, "en/calendar/2031-05.md")
    today = month.xpath("//table[@class='cs-cal-grid']//td[@aria-current='date']")
    assert [td.xpath("string(time/@datetime)") for td in today] == ["2031-05-02"]
    assert _titles(today[0], ".//li/a") == ["Ends after midnight"]
    evening = month.xpath("//table[@class='cs-cal-grid']//td[time/@datetime='2031-05-01']")[0]
    assert sorted(_titles(evening, ".//li/a")) == ["Ends after midnight", "Ends at midnight"]


def test_posters_are_made_for_the_events_that_are_not_over(result):
    """The same rule decides which events get a printable poster (in each language)."""
    made = sorted(o.path for o in result.outputs if o.path.startswith("assets/posters/") and o.path.endswith(".pdf"))
    slugs = [slug for slug, (title, _s, _e) in EVENTS.items() if title in UPCOMING]
    assert made == sorted(f"assets/posters/{prefix}events/{slug}.pdf" for slug in slugs for prefix in ("", "en/"))


def test_front_matter_asks_for_a_poster_after_the_event_or_for_none(tmp_path):
    root = copy_project(tmp_path / "p", with_content=False)
    camp = root / "campaigns" / "midnight"
    (camp / "events").mkdir(parents=True)
    (camp / "index.zh.md").write_text(CAMPAIGN, encoding="utf-8")
    for slug, start, asked in (("past-asked", "2031-04-24T09:00:00+08:00", "true"),
                               ("next-declined", "2031-05-09T09:00:00+08:00", "false")):
        text = EVENT.format(title=slug, start=start, end=start).removesuffix("---\n") + f"poster: {asked}\n---\n"
        (camp / "events" / f"{slug}.zh.md").write_text(text, encoding="utf-8")
    settings = dataclasses.replace(load_settings(root / "mkdocs.yml"), share_cards=False)
    built = build(settings, now=NOW)
    assert built.errors == []
    made = sorted(o.path for o in built.outputs if o.path.startswith("assets/posters/"))
    assert made == ["assets/posters/events/past-asked.pdf", "assets/posters/events/past-asked.webp"]
