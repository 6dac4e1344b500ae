"""Event, story and calendar pages as a reader sees them in Chromium: what is in the first
screen of a phone, how large a portrait is drawn, and where the agenda's titles start."""
import pytest

from site_checks.browser import PHONE, visit
from site_checks.pages import PAGE_TYPES

pytestmark = pytest.mark.browser

BOX = "sel => [...document.querySelectorAll(sel)].map(e => { const r = e.getBoundingClientRect();" \
      " return {x: r.x, y: r.y, width: r.width, height: r.height, bottom: r.bottom}; })"


@pytest.fixture(scope="module")
def phone_page(open_context):
    return open_context(viewport=PHONE).new_page()


@pytest.mark.parametrize("name", ["event", "en-event"])
def test_an_event_shows_when_and_where_and_its_actions_in_a_phones_first_screen(phone_page, name):
    visit(phone_page, PAGE_TYPES[name], wait_until="load")
    for selector in (".cs-facts__when", ".cs-facts__where", "a.cs-add-calendar"):
        [box] = phone_page.evaluate(BOX, selector)
        assert box["height"] > 0 and box["bottom"] <= PHONE["height"], (selector, box)
    assert phone_page.locator(".cs-facts__when").inner_text().strip()


def test_an_events_facts_stand_beside_its_text_on_a_desktop(desktop_page):
    visit(desktop_page, PAGE_TYPES["event"], wait_until="load")
    [facts] = desktop_page.evaluate(BOX, ".cs-event-facts")
    [summary] = desktop_page.evaluate(BOX, ".cs-summary")
    assert facts["x"] >= summary["x"] + summary["width"]  # to its right, not under it
    assert facts["y"] < summary["bottom"]


@pytest.mark.parametrize("name", ["story", "en-story"])
def test_a_portrait_stays_within_half_a_phone_screen_and_leaves_room_beside_it(phone_page, name):
    visit(phone_page, PAGE_TYPES[name], wait_until="load")
    [portrait] = phone_page.evaluate(BOX, ".cs-figure--portrait img")
    [column] = phone_page.evaluate(BOX, "article.md-content__inner")
    assert 0 < portrait["height"] <= PHONE["height"] / 2, portrait
    assert portrait["width"] < column["width"] * 0.8, (portrait, column)
    # the caption is a name: upright, never a slanted Chinese face
    style = phone_page.locator(".cs-figure--portrait figcaption").evaluate("e => getComputedStyle(e).fontStyle")
    assert style == "normal"


@pytest.mark.parametrize("page_name", ["phone", "desktop"])
def test_the_agendas_titles_start_at_one_x(request, page_name):
    page = request.getfixturevalue(f"{page_name}_page")
    visit(page, PAGE_TYPES["calendar-agenda"], wait_until="load")
    titles = page.evaluate(BOX, ".cs-cal-rows .cs-cal-title")
    dates = page.evaluate(BOX, ".cs-cal-rows .cs-cal-when")
    assert len(titles) >= 5 and len({round(b["x"]) for b in titles}) == 1, titles
    assert len({round(b["width"]) for b in dates}) == 1  # dates of different lengths, one column


def test_a_month_grid_marks_a_campaigns_days_without_scrolling_the_page(phone_page):
    visit(phone_page, PAGE_TYPES["calendar-month"], wait_until="load")
    bands = phone_page.evaluate(BOX, ".cs-cal-grid .cs-cal-span:not(.cs-cal-span--none)")
    assert bands and all(b["height"] > 0 for b in bands)
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
