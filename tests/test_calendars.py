"""Calendars as people use them: month grids and the agenda in the browser, feeds in a
real calendar client (khal), schema.org data as search engines read it."""
import json
import re
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from calendar_site import (LONG_CHINESE, SCRIPT_TITLE, TRICKY_TITLE, TRICKY_VENUE, make_calendar_project,
                           site_times)
from conftest import mkdocs_build
from htmlsite import parse, reachable

KHAL = Path(sys.executable).with_name("khal")
REQUIRED_EVENT = ("UID", "DTSTAMP", "DTSTART", "SUMMARY", "SEQUENCE", "LAST-MODIFIED", "STATUS", "URL")


@pytest.fixture(scope="module")
def calendar_site(tmp_path_factory) -> Path:
    project = make_calendar_project(tmp_path_factory.mktemp("calendar") / "project")
    out = project.parent / "site"
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr
    return out


def _cell(page, day: str):
    cells = page.xpath(f"//table[@class='cs-cal-grid']//td[time/@datetime='{day}']")
    assert len(cells) == 1, day
    return cells[0]


def _cell_titles(page, day: str) -> list[str]:
    return [a.text_content() for a in _cell(page, day).xpath(".//li/a")]


# --- pages -----------------------------------------------------------------------------

def test_month_view_is_a_table_with_headers_and_multi_day_events_on_every_day(demo_site: Path):
    page = parse(demo_site / "calendar" / "2024-08" / "index.html")
    grid = page.xpath("//table[@class='cs-cal-grid']")[0]
    # the page's heading names the grid: the month is written once, not again in a caption
    [heading] = page.xpath("//article//h1")
    assert heading.text_content() == "2024年8月" == grid.get("aria-label")
    assert grid.xpath("caption") == []
    assert len(re.findall(r"2024年8月(?!\d)", page.xpath("string(//article)"))) == 1
    headers = [th.text_content() for th in grid.xpath("thead/tr/th[@scope='col']")]
    assert headers == ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
    week = "2024内蒙古生态文学周"
    for day in ("2024-08-10", "2024-08-11", "2024-08-12"):
        assert week in _cell_titles(page, day)
    for day in ("2024-08-09", "2024-08-13"):
        assert week not in _cell_titles(page, day)
    # 1 August 2024 was a Thursday: the first row starts with three empty cells
    first_row = grid.xpath("tbody/tr[1]/td")
    assert [td.get("class") for td in first_row[:4]] == ["cs-cal-pad"] * 3 + ["cs-cal-day"]
    # the grid is in the HTML itself: the page carries no script of its own
    assert page.xpath("//article//script") == []


def test_a_campaigns_days_carry_its_band_in_one_lane_named_where_it_starts(demo_site: Path):
    page = parse(demo_site / "calendar" / "2024-08" / "index.html")
    week = "2024年内蒙古生态文学周"  # a campaign of 10 to 12 August 2024
    key = [li.xpath("string(a)") for li in page.xpath("//ul[@class='cs-cal-key']/li")]
    assert week in key and "2024年8月10日至12日" in page.xpath(f"string(//ul[@class='cs-cal-key']/li[a='{week}'])")
    lane = key.index(week)

    def band(day):
        spans = _cell(page, day).xpath("span[contains(@class, 'cs-cal-span')]")
        assert len(spans) == len(key) or not spans, day  # every lane in every cell that has one
        return spans[lane].get("class").split() if spans else []

    assert "cs-cal-span--none" in band("2024-08-09") and "cs-cal-span--none" in band("2024-08-13")
    first, middle, last = band("2024-08-10"), band("2024-08-11"), band("2024-08-12")
    assert "cs-cal-span--start" in first and "cs-cal-span--none" not in middle and "cs-cal-span--end" in last
    # its name is written where the band starts (10 August, a Saturday) and where it runs on
    # into a new week (12 August, a Monday)
    names = {day: _cell(page, day).xpath(f"string(span[contains(@class, 'cs-cal-span')][{lane + 1}])")
             for day in ("2024-08-10", "2024-08-11", "2024-08-12")}
    assert names == {"2024-08-10": week, "2024-08-11": "", "2024-08-12": week}


def test_month_pages_link_to_the_previous_and_next_months_that_have_events(calendar_site: Path):
    def nav(month):
        page = parse(calendar_site / "calendar" / month / "index.html")
        return {rel: page.xpath(f"//nav[@class='cs-cal-nav']/a[@rel='{rel}']/@href") for rel in ("prev", "next")}

    assert nav("2023-08") == {"prev": [], "next": ["../2024-06/"]}  # the months between have no events
    assert nav("2024-08") == {"prev": ["../2024-07/"], "next": ["../2024-09/"]}
    assert nav("2024-09") == {"prev": ["../2024-08/"], "next": []}
    assert not (calendar_site / "calendar" / "2024-05").exists()


def test_theme_days_show_in_the_grid_and_link_to_their_campaign(demo_site: Path):
    august = parse(demo_site / "calendar" / "2024-08" / "index.html")
    theme = _cell(august, "2024-08-15").xpath(".//li[@class='cs-cal-theme']")[0]
    assert theme.text_content() == "全国生态日"
    assert theme.xpath("a/@href") == ["../../campaigns/2024-national-ecology-day/"]
    june = parse(demo_site / "calendar" / "2024-06" / "index.html")
    assert _cell(june, "2024-06-05").xpath(".//li[@class='cs-cal-theme']/a/@href") == ["../../campaigns/2024-environment-day/"]
    oceans = _cell(june, "2024-06-08").xpath(".//li[@class='cs-cal-theme']")[0]
    assert oceans.text_content() == "世界海洋日" and oceans.xpath("a") == []  # no campaign, no link
    agenda = parse(demo_site / "calendar" / "index.html")
    rows = {tr.xpath("string(th)"): tr.xpath("string(td)") for tr in agenda.xpath("//table[@class='cs-cal-themes']/tbody/tr")}
    assert rows["全国低碳日"] == "2023年7月12日、2024年5月15日"
    assert rows["植树节"] == "每年3月12日"
    assert len(rows) == 10


def test_cancelled_and_postponed_events_stay_visible_and_marked(calendar_site: Path):
    page = parse(calendar_site / "calendar" / "2024-09" / "index.html")
    cancelled = _cell(page, "2024-09-10").xpath(".//li[contains(@class,'cs-cal-event--cancelled')]")[0]
    assert "取消的会议" in cancelled.text_content() and "已取消" in cancelled.text_content()
    for day in ("2024-09-12", "2024-09-13"):
        postponed = _cell(page, day).xpath(".//li[contains(@class,'cs-cal-event--postponed')]")[0]
        assert "延期的论坛" in postponed.text_content() and "已延期" in postponed.text_content()
    agenda = parse(calendar_site / "calendar" / "index.html").xpath("string(//section[h2[@id='cs-cal-past']])")
    assert "取消的会议已取消" in re.sub(r"\s+", "", agenda)


def test_agenda_lists_upcoming_then_past_by_year(tmp_path: Path):
    from build_tools.core.config import load_settings
    from build_tools.pipeline import build

    project = make_calendar_project(tmp_path / "p")
    result = build(load_settings(project / "mkdocs.yml"), now=datetime(2024, 8, 11, 4, tzinfo=ZoneInfo("UTC")))
    agenda = next(o for o in result.outputs if o.path == "calendar/index.md").content.decode()
    doc = parse_fragment(agenda)
    upcoming = [a.text_content() for a in doc.xpath("//section[h2[@id='cs-cal-upcoming']]//a[@class='cs-cal-title']")]
    # the Literature Week is on its second day: still upcoming; then the rest in time order
    assert upcoming[:3] == ["2024内蒙古生态文学周", "生态文学名家锡林郭勒行", "2024年全国生态日"]
    assert upcoming[3] == "夜间座谈会"
    past = doc.xpath("//section[h2[@id='cs-cal-past']]")[0]
    assert [h.text_content() for h in past.xpath("h3")] == ["2024", "2023"]
    assert [a.text_content() for a in past.xpath("ul[2]//a[@class='cs-cal-title']")] == ["2023年中国生态文学论坛"]
    first_past = [a.text_content() for a in past.xpath("ul[1]//a[@class='cs-cal-title']")]
    assert first_past[0] == "全区旗县（市、区）党委书记生态文明建设和生态环境保护专题培训班"  # newest first


def parse_fragment(markdown: str):
    from lxml import html

    return html.fromstring(markdown.split("---\n", 2)[2])


def test_campaign_pages_have_a_calendar_section(demo_site: Path):
    page_path = demo_site / "campaigns" / "2024-ecological-literature-week" / "index.html"
    page = parse(page_path)
    section = page.xpath("//section[@aria-labelledby='cs-calendar']")[0]
    assert page.xpath("//h2[@id='cs-calendar']")[0].text_content() == "日历"
    assert section.xpath("table/caption/a/@href") == ["../../calendar/2024-08/"]
    assert "生态文学名家锡林郭勒行" in _cell_titles(section, "2024-08-11")
    feed = section.xpath(".//a[contains(@href,'.ics')]/@href")[0]
    cal = Calendar.from_ical((page_path.parent / feed).resolve().read_bytes())
    assert {str(e["UID"]) for e in cal.walk("VEVENT")} == {
        "event-ecological-literature-week-2024@example.org", "event-xilingol-writers-field-visit@example.org"}


def test_every_demo_campaign_page_has_a_calendar_section_with_its_theme_days(demo_site: Path):
    pages = sorted((demo_site / "campaigns").glob("*/index.html"))
    assert len(pages) == 7
    for path in pages:
        assert parse(path).xpath("//h2[@id='cs-calendar']/following-sibling::section[@aria-labelledby='cs-calendar']"), path
    volunteers = parse(demo_site / "campaigns" / "2024-ecological-volunteer-service" / "index.html")
    rows = volunteers.xpath("//section[@aria-labelledby='cs-calendar']//li[contains(@class,'cs-cal-row--theme')]")
    assert [re.sub(r"\s+", " ", r.text_content().strip()) for r in rows] == ["每年3月5日 “3·5”学雷锋日", "每年12月5日 国际志愿者日"]


def test_calendar_is_one_navigation_entry_and_reaches_every_month(demo_site: Path):
    tabs = [a.text_content().strip() for a in parse(demo_site / "index.html").xpath("//nav[contains(@class,'md-tabs')]//a")]
    assert tabs.count("日历") == 1
    pages = reachable(demo_site)
    for month in ("2023-08", "2024-06", "2024-07", "2024-08"):
        assert demo_site / "calendar" / month / "index.html" in pages
    assert demo_site / "calendar" / "subscribe" / "index.html" in pages


def test_subscribe_page_gives_the_feed_addresses_and_the_steps(demo_site: Path):
    page = parse(demo_site / "calendar" / "subscribe" / "index.html")
    headings = [h.text_content() for h in page.xpath("//article//h2")]
    assert {"iPhone 和 iPad", "安卓手机", "Outlook"} <= set(headings)
    rows = page.xpath("//table[@class='cs-cal-feeds']/tbody/tr")
    names = [r.xpath("string(th)") for r in rows]
    assert names[:2] == ["全部活动", "主题日"]
    first = rows[0]
    assert first.xpath("string(td/code)") == "https://example.org/calendar/events.ics"
    assert first.xpath("td/a/@href") == ["webcal://example.org/calendar/events.ics", "../events.ics"]
    for row in rows:  # every download link serves a feed
        href = row.xpath("td/a/@href")[-1]
        assert (demo_site / "calendar" / "subscribe" / href).resolve().is_file()


# --- feeds -----------------------------------------------------------------------------

def _feeds(site: Path) -> list[Path]:
    return sorted(site.rglob("*.ics"))


@pytest.mark.parametrize("which", ["demo_site", "calendar_site"])
def test_every_feed_parses_and_has_its_required_properties(which, request):
    site = request.getfixturevalue(which)
    feeds = _feeds(site)
    assert len(feeds) > 10
    for path in feeds:
        raw = path.read_bytes()
        cal = Calendar.from_ical(raw)
        assert [c.errors for c in cal.walk() if c.errors] == [], path
        assert str(cal["VERSION"]) == "2.0" and str(cal["PRODID"]), path
        tzids = {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")}
        events = cal.walk("VEVENT")
        assert events, path
        for event in events:
            missing = [name for name in REQUIRED_EVENT if name not in event]
            assert missing == [], (path, event.get("UID"))
            assert event.decoded("DTSTAMP").utcoffset() == timedelta(0)
            assert str(event["STATUS"]) in ("CONFIRMED", "TENTATIVE", "CANCELLED")
            assert str(event["URL"]).startswith("https://example.org/")
            start, end = event.decoded("DTSTART"), event.decoded("DTEND", None)
            if isinstance(start, datetime):
                assert event["DTSTART"].params["TZID"] in tzids  # every zone used is defined
            else:
                assert end is not None and not isinstance(end, datetime) and end > start  # exclusive end
        assert raw.endswith(b"END:VCALENDAR\r\n") and b"\n" not in raw.replace(b"\r\n", b"")


def test_whole_day_and_timed_events_are_written_as_rfc_5545_asks(calendar_site: Path):
    raw = (calendar_site / "calendar" / "events.ics").read_bytes().decode("utf-8")
    week = _vevent(raw, "event-ecological-literature-week-2024")
    assert "DTSTART;VALUE=DATE:20240810\r\n" in week and "DTEND;VALUE=DATE:20240813\r\n" in week
    talk = _vevent(raw, "event-evening-talk")
    assert "DTSTART;TZID=Asia/Shanghai:20240903T193000\r\n" in talk
    assert "DTEND;TZID=Asia/Shanghai:20240903T210000\r\n" in talk
    utc = _vevent(raw, "event-utc-written-talk")  # written in UTC, published in the site's zone
    assert "DTSTART;TZID=Asia/Shanghai:20240904T090000\r\n" in utc
    zone = raw[raw.index("BEGIN:VTIMEZONE"):raw.index("END:VTIMEZONE")]
    assert "TZID:Asia/Shanghai" in zone and "TZOFFSETTO:+0800" in zone
    cancelled, postponed = _vevent(raw, "event-cancelled-meeting"), _vevent(raw, "event-postponed-forum")
    assert "STATUS:CANCELLED" in cancelled and "SUMMARY:[已取消] 取消的会议" in cancelled
    assert "STATUS:TENTATIVE" in postponed and "SUMMARY:[已延期] 延期的论坛" in postponed
    assert "LOCATION:内蒙古党校\\, 呼和浩特市" in talk


def _vevent(raw: str, uid: str) -> str:
    unfolded = raw.replace("\r\n ", "")
    for block in unfolded.split("BEGIN:VEVENT")[1:]:
        if f"UID:{uid}@" in block:
            return block.split("END:VEVENT")[0]
    raise AssertionError(uid)


def test_separators_line_breaks_and_long_chinese_text_survive_a_parse(calendar_site: Path):
    raw = (calendar_site / "calendar" / "events" / "tricky-text.ics").read_bytes()
    event = Calendar.from_ical(raw).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == TRICKY_TITLE
    assert str(event["LOCATION"]) == f"{TRICKY_VENUE}, {LONG_CHINESE}"
    assert str(event["DESCRIPTION"]).startswith("摘要里也有逗号, 分号; 和反斜杠 \\\n\n")
    lines = raw.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert sum(1 for line in lines if line.startswith(b" ")) > 5  # long lines were folded
    for line in lines:
        line.decode("utf-8")  # no line ends inside a character


def test_theme_days_repeat_yearly_where_the_day_is_fixed(demo_site: Path):
    cal = Calendar.from_ical((demo_site / "calendar" / "theme-days.ics").read_bytes())
    events = {str(e["UID"]).split("@")[0]: e for e in cal.walk("VEVENT")}
    day = events["theme-day-national-ecology-day"]
    assert day["RRULE"].to_ical() == b"FREQ=YEARLY"
    assert (day.decoded("DTSTART").month, day.decoded("DTSTART").day) == (8, 15)
    assert str(day["URL"]) == "https://example.org/campaigns/2024-national-ecology-day/"
    assert str(day["TRANSP"]) == "TRANSPARENT"
    low_carbon = sorted(k for k in events if k.startswith("theme-day-national-low-carbon-day"))
    assert low_carbon == ["theme-day-national-low-carbon-day-2023", "theme-day-national-low-carbon-day-2024"]
    assert events["theme-day-national-low-carbon-day-2024"].decoded("DTSTART") == date(2024, 5, 15)
    assert "RRULE" not in events["theme-day-national-low-carbon-day-2024"]


def test_every_event_page_has_an_add_to_calendar_link_to_its_own_feed(demo_site: Path):
    pages = sorted((demo_site / "events").glob("*/index.html"))
    assert len(pages) == 7
    for path in pages:
        links = parse(path).xpath("//a[contains(@class, 'cs-add-calendar')]/@href")
        assert len(links) == 1, path
        cal = Calendar.from_ical((path.parent / links[0]).resolve().read_bytes())
        assert [str(e["UID"]) for e in cal.walk("VEVENT")] == [f"event-{path.parent.name}@example.org"]


def test_feeds_for_each_language_share_uids_and_use_translations(tmp_path: Path):
    from build_tools.core.config import load_settings
    from build_tools.pipeline import build

    project = make_calendar_project(tmp_path / "p")
    outputs = {o.path: o.content for o in build(load_settings(project / "mkdocs.yml")).outputs if o.content}
    zh, en = (Calendar.from_ical(outputs[p]) for p in ("calendar/events.ics", "en/calendar/events.ics"))
    zh_events = {str(e["UID"]): e for e in zh.walk("VEVENT")}
    en_events = {str(e["UID"]): e for e in en.walk("VEVENT")}
    assert zh_events.keys() == en_events.keys()
    uid = "event-ecological-literature-week-2024@example.org"
    assert str(zh_events[uid]["SUMMARY"]) == "2024内蒙古生态文学周"
    assert "Literature Week" in str(en_events[uid]["SUMMARY"])
    assert str(en_events[uid]["URL"]) == "https://example.org/en/events/ecological-literature-week-2024/"
    # an event without an English version keeps its Chinese text and page
    talk = en_events["event-evening-talk@example.org"]
    assert str(talk["SUMMARY"]) == "夜间座谈会" and str(talk["URL"]) == "https://example.org/events/evening-talk/"
    for path in ("en/calendar/index.md", "en/calendar/2024-08.md", "en/calendar/subscribe.md",
                 "en/calendar/theme-days.ics", "en/calendar/events/evening-talk.ics"):
        assert path in outputs
    august = outputs["en/calendar/2024-08.md"].decode()
    assert "<abbr title=\"Monday\">Mon</abbr>" in august and ">National Ecology Day</a>" in august
    assert 'href="../../events/ecological-literature-week-2024/"' in august  # the English page
    september = outputs["en/calendar/2024-09.md"].decode()
    assert 'href="../../../events/evening-talk/"' in september  # no English version: the Chinese page
    assert "<h2 id=\"cs-sub-iphone\">iPhone and iPad</h2>" in outputs["en/calendar/subscribe.md"].decode()


# --- a real calendar client ------------------------------------------------------------

def _khal(tmp: Path, zone: str, feed: Path, first: str, last: str) -> list[tuple[str, str, str, str]]:
    """Import a feed into a fresh khal set to a time zone; (day shown, uid, start, end) per line."""
    tmp.mkdir(parents=True)
    (tmp / "vdir").mkdir()
    config = tmp / "config"
    config.write_text(f"""[calendars]
[[site]]
path = {tmp / "vdir"}
type = calendar
[locale]
default_timezone = {zone}
local_timezone = {zone}
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
[default]
default_calendar = site
[sqlite]
path = {tmp / "khal.db"}
""", encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp), "LANG": "C.UTF-8", "TZ": zone}
    run = lambda *args: subprocess.run([str(KHAL), "-c", str(config), *args], capture_output=True, text=True,
                                       env=env, timeout=120, check=True).stdout  # noqa: E731
    run("import", "--batch", str(feed))
    out = run("list", first, last, "--day-format", "DAY {date}", "--format", "{uid}|{start}|{end}")
    rows, day = [], None
    for line in out.splitlines():
        if line.startswith("DAY "):
            day = line[4:]
        elif line.strip():
            uid, start, end = line.split("|")
            rows.append((day, uid, start, end))
    return rows


@pytest.mark.parametrize("zone", ["America/New_York", "Asia/Shanghai"])
def test_khal_shows_events_at_the_times_and_on_the_days_the_site_does(calendar_site: Path, tmp_path: Path, zone: str):
    rows = _khal(tmp_path / "khal", zone, calendar_site / "calendar" / "events.ics", "2024-06-01", "2024-09-30")
    week = sorted(day for day, uid, _s, _e in rows if uid == "event-ecological-literature-week-2024@example.org")
    assert week == ["2024-08-10", "2024-08-11", "2024-08-12"]
    local = ZoneInfo(zone)
    for slug in ("evening-talk", "utc-written-talk"):
        page = parse(calendar_site / "events" / slug / "index.html")
        site_start, site_end = site_times(page.xpath("string(//dl[@class='cs-facts']/dd[1])"))
        shown = [(s, e) for _d, uid, s, e in rows if uid == f"event-{slug}@example.org"]
        assert len(set(shown)) == 1, shown
        start, end = (datetime.strptime(v, "%Y-%m-%d %H:%M").replace(tzinfo=local) for v in shown[0])
        assert (start, end) == (site_start, site_end)
    if zone == "America/New_York":  # 19:30 in Hohhot is 07:30 the same morning in New York
        assert ("2024-09-03 07:30", "2024-09-03 09:00") in [(s, e) for _d, u, s, e in rows if "evening-talk" in u]


def test_khal_repeats_fixed_theme_days_every_year(demo_site: Path, tmp_path: Path):
    rows = _khal(tmp_path / "khal", "America/New_York", demo_site / "calendar" / "theme-days.ics", "2027-08-14", "2027-08-16")
    assert [(day, uid) for day, uid, _s, _e in rows] == [("2027-08-15", "theme-day-national-ecology-day@example.org")]


# --- schema.org ------------------------------------------------------------------------

def _jsonld(path: Path) -> list:
    return [json.loads(s.text) for s in parse(path).xpath("//script[@type='application/ld+json']")]


@pytest.mark.parametrize("which", ["demo_site", "calendar_site"])
def test_every_event_page_carries_schema_org_event_data(which, request):
    site = request.getfixturevalue(which)
    pages = sorted((site / "events").glob("*/index.html"))
    for path in pages:
        found = _jsonld(path)
        assert len(found) == 1, path
        data = found[0]
        assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
        assert data["name"] == parse(path).xpath("//h1")[0].text_content()
        assert data["description"]
        assert data["url"] == f"https://example.org/events/{path.parent.name}/"
        assert data["eventStatus"].startswith("https://schema.org/Event")
        # a place has a name only when there is a venue; a region alone is an address
        assert data["location"]["@type"] == "Place"
        assert data["location"]["address"]["@type"] == "PostalAddress"
        address = data["location"]["address"]
        assert address["addressCountry"] == "CN" and address["addressRegion"]
        assert data["location"].get("name", "x") != address["addressRegion"]
        assert data["organizer"] and all(o["@type"] == "Organization" and o["name"] for o in data["organizer"])
        for key in ("startDate", "endDate"):
            value = data[key]
            if "T" in value:  # a time always carries its offset
                assert datetime.fromisoformat(value).utcoffset() is not None, (path, value)
            else:
                date.fromisoformat(value)
    if which == "demo_site":
        visit = _jsonld(site / "events" / "xilingol-writers-field-visit" / "index.html")[0]
        # the published copy of the cover (960 wide, without metadata), never the original
        [image] = visit["image"]
        published = re.fullmatch(r"https://example\.org/(media/2024-ecological-literature-week/"
                                 r"xilingol-grassland-photo\.[0-9a-f]{10}\.960\.jpg)", image)
        assert published and (site / published.group(1)).is_file(), image
        assert (visit["startDate"], visit["endDate"]) == ("2024-08-10", "2024-08-12")
    else:
        talk = _jsonld(site / "events" / "evening-talk" / "index.html")[0]
        assert (talk["startDate"], talk["endDate"]) == ("2024-09-03T19:30:00+08:00", "2024-09-03T21:00:00+08:00")
        assert talk["location"]["address"]["addressLocality"] == "呼和浩特市"
        cancelled = _jsonld(site / "events" / "cancelled-meeting" / "index.html")[0]
        assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"
        postponed = _jsonld(site / "events" / "postponed-forum" / "index.html")[0]
        assert postponed["eventStatus"] == "https://schema.org/EventPostponed"


def test_a_title_with_a_script_end_tag_does_not_end_the_script_element(calendar_site: Path):
    path = calendar_site / "events" / "script-title" / "index.html"
    page = parse(path)
    scripts = page.xpath("//article//script")
    assert [s.get("type") for s in scripts] == ["application/ld+json"]  # no script element injected
    assert json.loads(scripts[0].text)["name"] == SCRIPT_TITLE
    raw = path.read_text(encoding="utf-8")
    body = raw[raw.index('<script type="application/ld+json">'):]
    body = body[len('<script type="application/ld+json">'):body.index("</script>")]
    assert "<" not in body and ">" not in body
    assert page.xpath("//h1")[0].text_content() == SCRIPT_TITLE


def _ical_js_names(feed: Path) -> list[str]:
    """NAME and X-WR-CALNAME as ical.js (an independent RFC 5545 parser) reads them, told
    that both are TEXT (RFC 7986; it reads unknown properties raw)."""
    script = ("import ICAL from 'ical.js'; import {readFileSync} from 'node:fs';"
              "for (const p of ['name', 'x-wr-calname']) ICAL.design.icalendar.property[p] = {defaultType: 'text'};"
              "const cal = new ICAL.Component(ICAL.parse(readFileSync(process.argv[1], 'utf8')));"
              "console.log(JSON.stringify(['name', 'x-wr-calname'].map(p => cal.getFirstPropertyValue(p))));")
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(["node", "--input-type=module", "-e", script, str(feed)], cwd=root,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_calendar_names_escape_commas_semicolons_and_backslashes(calendar_site: Path):
    # The event's own feed is named after its title, which holds `,` `;` `\` and a line break.
    feed = calendar_site / "calendar" / "events" / "tricky-text.ics"
    raw = feed.read_bytes().decode("utf-8").replace("\r\n ", "")
    name = " ".join(TRICKY_TITLE.split())
    head = raw.split("BEGIN:VEVENT")[0]
    for prop in ("NAME", "X-WR-CALNAME"):
        line = next(line for line in head.split("\r\n") if line.startswith(prop + ":"))
        assert line == prop + ":" + name.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
        # icalendar types NAME as unknown: its TEXT parser reads the value as a SUMMARY.
        value = line.split(":", 1)[1]
        event = Calendar.from_ical(f"BEGIN:VEVENT\r\nSUMMARY:{value}\r\nEND:VEVENT\r\n")
        assert event.decoded("SUMMARY") == name
    assert _ical_js_names(feed) == [name, name]


NAME_VARIANTS = ["逗号, 分号; 反斜杠 \\ 结束", "a,b,c", "\\;\\,\\\\", "行一\n行二,行三", "结尾反斜杠\\", "全角，；不转义"]


def test_calendar_names_round_trip_for_every_separator(tmp_path: Path):
    from build_tools.core.settings import Settings
    from build_tools.pipeline import build

    camp = tmp_path / "campaigns" / "c"
    (camp / "events").mkdir(parents=True)
    (camp / "index.zh.md").write_text("---\ntitle: 活动\nsummary: s\nkind: forum\nyear: 2024\nstart: 2024-06-05\n---\n",
                                      encoding="utf-8")
    for n, title in enumerate(NAME_VARIANTS):
        quoted = title.replace("\\", "\\\\").replace("\n", "\\n")
        (camp / "events" / f"e{n}.zh.md").write_text(
            f'---\ntitle: "{quoted}"\nsummary: s\nstart: 2024-06-0{n + 1}\n---\n', encoding="utf-8")
    outputs = {o.path: o.content for o in build(Settings(root=tmp_path, content_dir=tmp_path / "campaigns")).outputs}
    for n, title in enumerate(NAME_VARIANTS):
        feed = tmp_path / f"e{n}.ics"
        feed.write_bytes(outputs[f"calendar/events/e{n}.ics"])
        name = " ".join(title.split())
        head = feed.read_bytes().decode("utf-8").replace("\r\n ", "").split("BEGIN:VEVENT")[0]
        for prop in ("NAME", "X-WR-CALNAME"):
            value = next(line for line in head.split("\r\n") if line.startswith(prop + ":")).split(":", 1)[1]
            event = Calendar.from_ical(f"BEGIN:VEVENT\r\nSUMMARY:{value}\r\nEND:VEVENT\r\n")
            assert event.decoded("SUMMARY") == name, prop
        assert _ical_js_names(feed) == [name, name]


def test_a_venue_reads_as_one_chinese_phrase(calendar_site):
    # name and city of the place, joined as Chinese joins clauses, never with an ASCII comma
    page = (calendar_site / "events" / "evening-talk" / "index.html").read_text("utf-8")
    assert '<dd class="cs-facts__where">内蒙古党校，呼和浩特市</dd>' in page
    assert "内蒙古党校, " not in page
