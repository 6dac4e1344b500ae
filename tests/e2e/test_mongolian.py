"""Mongolian pages in Chromium: vertical lines read by scrolling the content sideways, in the
font the site serves, which has every Mongolian letter the page shows. (The page types'
common checks, axe, the Nu HTML Checker, other hosts and page-level scrolling among them,
run on the mn-* types of site_checks/pages.py with every other page type.)"""
import io

import pytest
from fontTools.ttLib import TTFont

from site_checks.browser import DESKTOP, PHONE, visit
from site_checks.pages import PAGE_TYPES

pytestmark = pytest.mark.browser
FONT = "/assets/fonts/NotoSansMongolian-Regular.woff2"
MONGOLIAN = [name for name, path in PAGE_TYPES.items() if path.startswith("/mn/")]
# Every character of the page, as the browser holds it: text, attributes, the theme's script data.
PAGE_TEXT = "document.documentElement.outerHTML + document.title"


def is_mongolian(ch: str) -> bool:
    return "\u1800" <= ch <= "\u18af" or "\U00011660" <= ch <= "\U0001167f"


@pytest.fixture(scope="module")
def font_visits(open_context):
    """name → (page text, served font bytes or None, font requests): each Mongolian page
    type opened once on a phone in a fresh context, so that nothing comes from a cache."""
    found = {}

    def opened(name):
        if name not in found:
            context = open_context(viewport=PHONE)
            page = context.new_page()
            fonts = []
            page.on("response", lambda r: r.url.endswith(".woff2") and fonts.append(r))
            result = visit(page, PAGE_TYPES[name])
            assert result.status == 200
            page.evaluate("document.fonts.ready.then(() => true)")
            bodies = [r.body() for r in fonts if r.url.endswith(FONT) and r.status == 200]
            found[name] = (page.evaluate(PAGE_TEXT), bodies[0] if bodies else None, [r.url for r in fonts],
                           page.evaluate("[...document.fonts].map(f => [f.family, f.status])"))
            context.close()
        return found[name]

    return opened


def test_mongolian_page_types_are_checked():
    assert {"mn-home", "mn-event", "mn-calendar-month", "mn-calendar-agenda", "mn-calendar-subscribe"} <= set(MONGOLIAN)


@pytest.mark.parametrize("name", MONGOLIAN)
def test_the_font_comes_from_the_site_and_has_every_mongolian_letter_of_the_page(font_visits, site_url, name):
    text, font, requested, faces = font_visits(name)
    assert font is not None, f"no {FONT} among {requested}"
    assert all(url.startswith(site_url) for url in requested)
    assert ['"cs-mongolian"', "loaded"] in faces or ["cs-mongolian", "loaded"] in faces, faces
    letters = {ch for ch in text if is_mongolian(ch)}
    assert letters, "a Mongolian page without Mongolian text"
    has = set(TTFont(io.BytesIO(font)).getBestCmap())
    assert sorted(ch for ch in letters if ord(ch) not in has) == []


@pytest.mark.parametrize("path", ["/", "/en/", "/calendar/2024-08/"])
def test_chinese_and_english_pages_do_not_load_the_mongolian_font(open_context, path):
    context = open_context(viewport=PHONE)
    page = context.new_page()
    visit(page, path)
    asked = [url for url in context.guard.requested if "mongolian" in url.lower()]
    context.close()
    assert asked == []


def test_the_mongolian_text_is_drawn_with_the_served_font_not_a_system_font(open_context):
    """The machine may have a Mongolian font of its own: the glyphs must come from ours."""
    context = open_context(viewport=DESKTOP)
    page = context.new_page()
    visit(page, PAGE_TYPES["mn-home"])
    page.evaluate("document.fonts.ready.then(() => true)")
    cdp = context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    heading = cdp.send("DOM.querySelector", {"nodeId": root, "selector": ".cs-writing h1"})["nodeId"]
    used = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": heading})["fonts"]
    context.close()
    assert used and all(f["isCustomFont"] for f in used), used


@pytest.mark.parametrize("width", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("name", MONGOLIAN)
def test_the_content_is_written_in_vertical_lines(open_context, name, width):
    page = open_context(viewport=width).new_page()
    visit(page, PAGE_TYPES[name], wait_until="load")
    modes = page.evaluate("""() => {
        const box = document.querySelector('article .cs-writing');
        const h1 = box && box.querySelector('h1');
        return [box && getComputedStyle(box).writingMode, h1 && getComputedStyle(h1).writingMode,
                getComputedStyle(document.querySelector('.md-header')).writingMode];
    }""")
    page.context.close()
    assert modes == ["vertical-lr", "vertical-lr", "horizontal-tb"]


@pytest.mark.parametrize("name", ["mn-calendar-month", "mn-calendar-agenda", "mn-calendar-subscribe"])
def test_on_a_phone_the_content_scrolls_sideways_and_the_page_does_not(open_context, name):
    page = open_context(viewport=PHONE).new_page()
    visit(page, PAGE_TYPES[name], wait_until="load")
    seen = page.evaluate("""() => {
        const box = document.querySelector('article .cs-writing');
        const before = [box.scrollWidth, box.clientWidth, box.getBoundingClientRect().right];
        box.scrollLeft = box.scrollWidth;
        window.scrollTo(500, window.scrollY);
        return [...before, box.scrollLeft, window.scrollX, document.documentElement.scrollWidth];
    }""")
    page.context.close()
    scroll_width, client_width, right, scrolled, page_x, page_width = seen
    assert scroll_width > client_width  # more columns than fit: the box holds them
    assert right <= PHONE["width"] and scrolled > 0
    assert page_x == 0 and page_width <= PHONE["width"]


@pytest.mark.parametrize("width", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_month_grid_stays_horizontal_with_its_day_names_written_downwards(open_context, width):
    page = open_context(viewport=width).new_page()
    visit(page, PAGE_TYPES["mn-calendar-month"], wait_until="load")
    grid = page.evaluate("""() => {
        const table = document.querySelector('.cs-writing table.cs-cal-grid');
        const heads = [...table.querySelectorAll('thead th')];
        return {mode: getComputedStyle(table).writingMode,
                heads: heads.map(th => [getComputedStyle(th).writingMode, Math.round(th.getBoundingClientRect().top),
                                        th.getBoundingClientRect().left])};
    }""")
    page.context.close()
    assert grid["mode"] == "horizontal-tb"
    assert len(grid["heads"]) == 7
    assert {mode for mode, _top, _left in grid["heads"]} == {"vertical-lr"}
    assert len({top for _mode, top, _left in grid["heads"]}) == 1  # one row, Monday first on the left
    lefts = [left for _mode, _top, left in grid["heads"]]
    assert lefts == sorted(lefts)


def test_on_a_phone_the_menu_opens_and_its_links_lead_on(open_context):
    page = open_context(viewport=PHONE).new_page()
    visit(page, PAGE_TYPES["mn-event"], wait_until="load")
    page.click("label.md-header__button[for='__drawer']")
    link = page.locator(".md-sidebar--primary .md-nav__link[href]").first
    link.wait_for(state="visible")
    # the drawer slides in: measured once it stopped moving
    page.wait_for_function("e => e.getBoundingClientRect().left >= 0", arg=link.element_handle())
    page.wait_for_timeout(300)
    box = link.bounding_box()
    assert 0 <= box["x"] and box["x"] + box["width"] <= PHONE["width"]
    link.click()
    page.wait_for_load_state("load")
    assert "/mn/" in page.url
    footer = page.locator(".md-footer-meta").bounding_box()
    page.context.close()
    assert footer["width"] <= PHONE["width"]
