"""One timed, one overnight, one cancelled and one postponed event: the page, the month
calendar, the feeds, the .ics and the JSON-LD say the same time and status of each."""
import json
import re
from datetime import date, datetime, timezone
from html import unescape
from pathlib import Path

import feedparser
import pytest
from icalendar import Calendar

from build_tools.core.config import load_settings
from build_tools.pipeline import build
from calendar_site import SHANGHAI, make_calendar_project
from test_published_validators import _moment as js_moment, ical_js

OVERNIGHT = """---
title: 星空夜观察
summary: 在草原上看一夜星空。
start: 2024-09-07T20:00:00+08:00
end: 2024-09-08T02:00:00+08:00
venue:
  name: 辉腾锡勒草原
  city: 乌兰察布市
---
"""
# slug -> (what a reader sees, start, end (ics DTEND), status mark, ics STATUS, schema.org status)
EXPECTED = {
    "evening-talk": ("2024年9月3日 19:30–21:00（北京时间）", datetime(2024, 9, 3, 19, 30, tzinfo=SHANGHAI),
                     datetime(2024, 9, 3, 21, tzinfo=SHANGHAI), "", "CONFIRMED", "EventScheduled"),
    "overnight-stars": ("2024年9月7日 20:00至8日 02:00（北京时间）", datetime(2024, 9, 7, 20, tzinfo=SHANGHAI),
                        datetime(2024, 9, 8, 2, tzinfo=SHANGHAI), "", "CONFIRMED", "EventScheduled"),
    "cancelled-meeting": ("2024年9月10日", date(2024, 9, 10), date(2024, 9, 11), "已取消", "CANCELLED", "EventCancelled"),
    "postponed-forum": ("2024年9月12日至13日", date(2024, 9, 12), date(2024, 9, 14), "已延期", "TENTATIVE",
                        "EventPostponed"),
}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict:
    root = make_calendar_project(tmp_path_factory.mktemp("agree") / "p")
    (root / "campaigns" / "calendar-test" / "events" / "overnight-stars.zh.md").write_text(OVERNIGHT, encoding="utf-8")
    result = build(load_settings(root / "mkdocs.yml"), now=datetime(2024, 8, 1, tzinfo=timezone.utc))
    assert result.errors == []
    return {o.path: o.content for o in result.outputs if o.content is not None}


def _text(markdown: bytes) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", markdown.decode("utf-8")))


def _jsonld(markdown: bytes) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', markdown.decode("utf-8"), re.S)
    return json.loads(found.group(1))


def _moment(value):
    return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_every_output_agrees_on_time_and_status(outputs, slug, tmp_path):
    when, start, end, mark, ics_status, ld_status = EXPECTED[slug]
    page = _text(outputs[f"events/{slug}.md"])
    assert when in page
    assert mark in page  # the page's status line
    assert when in _text(outputs["calendar/2024-09.md"])

    atom = feedparser.parse(outputs["feeds/events.xml"])
    entry = next(e for e in atom.entries if e.link.endswith(f"/events/{slug}/"))
    assert when in entry.summary
    assert entry.title.startswith(f"[{mark}] ") if mark else not entry.title.startswith("[")
    assert ([t.term for t in entry.get("tags", [])][:1] == [mark]) if mark else True
    item = next(i for i in json.loads(outputs["feeds/events.json"])["items"] if i["url"] == entry.link)
    assert (item["title"], when in item["content_text"]) == (entry.title, True)

    event = Calendar.from_ical(outputs[f"calendar/events/{slug}.ics"]).walk("VEVENT")[0]
    assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (start, end)
    assert str(event["STATUS"]) == ics_status
    assert str(event["SUMMARY"]).startswith(f"[{mark}] ") if mark else True
    ics = tmp_path / f"{slug}.ics"
    ics.write_bytes(outputs[f"calendar/events/{slug}.ics"])
    (js,) = ical_js([ics])[str(ics)]  # Mozilla's ical.js, with the file's VTIMEZONE
    assert (js["start"], js["end"], js["status"]) == (js_moment(start), js_moment(end), ics_status)

    data = _jsonld(outputs[f"events/{slug}.md"])
    ld_end = end if isinstance(end, datetime) else date.fromordinal(end.toordinal() - 1)  # JSON-LD: the last day
    assert (_moment(data["startDate"]), _moment(data["endDate"])) == (start, ld_end)
    assert data["eventStatus"] == f"https://schema.org/{ld_status}"


def test_times_read_as_each_language_writes_them():
    from build_tools.i18n.languages import language
    from conftest import ROOT

    settings = load_settings(ROOT / "mkdocs.yml")
    zh, en = language(settings, "zh"), language(settings, "en")  # en: CLDR's thin spaces around the dash
    night = (datetime(2027, 6, 7, 20, tzinfo=SHANGHAI), datetime(2027, 6, 8, 2, tzinfo=SHANGHAI))
    assert zh.format_range(*night) == "2027年6月7日 20:00至8日 02:00（北京时间）"
    assert en.format_range(*night) == "7 June 20:00\u2009–\u20098 June 2027 02:00 (Beijing time, UTC+8)"
    new_year = (datetime(2027, 12, 31, 22, tzinfo=SHANGHAI), datetime(2028, 1, 1, 1, tzinfo=SHANGHAI))
    assert zh.format_range(*new_year) == "2027年12月31日 22:00至2028年1月1日 01:00（北京时间）"
    assert en.format_range(*new_year) == "31 December 2027 22:00\u2009–\u20091 January 2028 01:00 (Beijing time, UTC+8)"
    # a time written in UTC is shown in the site's zone
    assert en.format_range(datetime(2027, 6, 7, 1, tzinfo=timezone.utc), None) == "7 June 2027 09:00 (Beijing time, UTC+8)"
    assert zh.format_range(date(2024, 8, 10), date(2024, 8, 12)) == "2024年8月10日至12日"  # whole days: no zone
