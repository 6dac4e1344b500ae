"""Moving around the site in Chromium: index pages and their pages, search, the keyboard,
languages, and the files pages link to (calendar entries, posters, share cards)."""
from urllib.parse import urlsplit

import pytest

from site_checks.browser import PHONE, visit
from site_checks.pages import INDEX_PAGES, PAGE_TYPES

pytestmark = pytest.mark.browser

# Pages of the Literature Week that a search for 生态文学 must find.
LITERATURE_WEEK = {"/campaigns/2024-ecological-literature-week/", "/events/ecological-literature-week-2024/"}


@pytest.mark.parametrize("kind", INDEX_PAGES)
def test_index_page_leads_to_its_second_page_and_back(desktop_page, kind):
    page = desktop_page
    assert visit(page, INDEX_PAGES[kind]).console_errors == []
    assert page.locator("li.cs-card").count() == 20
    page.locator(".cs-pagination a[rel=next]").click()
    page.wait_for_url(f"**{INDEX_PAGES[kind]}page/2/")
    assert page.locator("li.cs-card").count() >= 1
    assert page.locator(".cs-pagination [aria-current=page]").inner_text() == "2"
    page.locator(".cs-pagination a[rel=prev]").click()
    page.wait_for_url(f"**{INDEX_PAGES[kind]}")
    assert page.locator(".cs-pagination [aria-current=page]").inner_text() == "1"


def _search(page, query: str) -> set[str]:
    """Type a query into the site's search box; the paths of the results."""
    box = page.locator(".md-search__input")
    box.press_sequentially(query)
    # The theme searches on key-up; Chinese is typed through an input method, whose commit
    # key comes up after the characters are in the box.
    box.press("End")
    results = page.locator(".md-search-result__item > a")
    results.first.wait_for(state="visible", timeout=15_000)
    return set(results.evaluate_all("links => links.map(a => new URL(a.href).pathname)"))


def test_chinese_search_on_a_phone_finds_the_literature_week(open_context):
    page = open_context(viewport=PHONE).new_page()
    visit(page, "/")
    # On a phone the search box opens from the magnifier in the header.
    page.locator("label.md-header__button[for=__search]").click()
    assert LITERATURE_WEEK <= _search(page, "生态文学")


def test_chinese_search_on_a_desktop_finds_the_literature_week(desktop_page):
    visit(desktop_page, PAGE_TYPES["article"])
    found = _search(desktop_page, "生态文学")
    assert LITERATURE_WEEK <= found
    # the results are the site's pages, not everything
    assert "/about/" not in found


FOCUS_INDICATOR = """el => {
  el.getAnimations({subtree: false}).forEach(a => a.finish());  // the skip link fades in
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const r = el.getBoundingClientRect();
  return {outline, shadow: s.boxShadow !== 'none', visible: s.visibility !== 'hidden' && parseFloat(s.opacity) > 0
          && r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight,
          tag: el.tagName, text: (el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 30)};
}"""


@pytest.mark.parametrize("name", ["campaign", "event-index", "article"])
def test_skip_link_comes_first_and_leads_to_the_content(desktop_page, name):
    page = desktop_page
    visit(page, PAGE_TYPES[name])
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert "cs-skip" in skip.get_attribute("class").split()
    page.wait_for_function("getComputedStyle(document.activeElement).opacity === '1'")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#cs-content"
    page.keyboard.press("Tab")
    # the next stop is the first link of the content, past the header, tabs and sidebars
    assert page.evaluate("document.activeElement.closest('.md-content') !== null")
    assert page.evaluate("document.activeElement.closest('.md-content').contains(document.activeElement)")


@pytest.mark.parametrize("name", ["home", "campaign"])
def test_every_keyboard_stop_shows_where_the_focus_is(desktop_page, name):
    page = desktop_page
    visit(page, PAGE_TYPES[name])
    stops = []
    for _ in range(25):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body"):
            break  # past the last stop: the focus went to the browser
        stops.append(page.evaluate(f"({FOCUS_INDICATOR})(document.activeElement)"))
    hidden = [s for s in stops if not (s["outline"] or s["shadow"]) or not s["visible"]]
    assert hidden == []
    assert len({(s["tag"], s["text"]) for s in stops}) > 15  # the focus really moved


FETCH = """async url => {
  const r = await fetch(url);
  return {status: r.status, type: r.headers.get('content-type'), text: await r.text()};
}"""


def test_add_to_calendar_serves_the_events_ics(desktop_page):
    page = desktop_page
    visit(page, PAGE_TYPES["event"])
    link = page.locator("a.cs-add-calendar")
    assert link.is_visible()
    got = page.evaluate(FETCH, link.evaluate("a => a.href"))
    assert got["status"] == 200 and got["type"].startswith("text/calendar")
    text = got["text"].replace("\r\n ", "")  # unfold iCalendar lines
    assert text.startswith("BEGIN:VCALENDAR") and text.count("BEGIN:VEVENT") == 1
    assert "SUMMARY:生态文学名家锡林郭勒行" in text


def test_calendar_month_is_a_table_with_day_headers_and_links_to_events(desktop_page):
    page = desktop_page
    visit(page, PAGE_TYPES["calendar-month"])
    # named for assistive technology as the month; on screen the page's heading says it, once
    grid = page.get_by_role("table", name="2024年8月")
    assert grid.count() == 1 and "cs-cal-grid" in grid.get_attribute("class")
    assert page.locator("article").inner_text().count("2024年8月\n") == 1
    assert grid.locator("thead th[scope=col]").count() == 7
    grid.locator("a", has_text="生态文学名家锡林郭勒行").first.click()
    page.wait_for_url("**/events/xilingol-writers-field-visit/")


@pytest.mark.parametrize("start, target, lang", [
    ("/events/xilingol-writers-field-visit/", "/en/events/xilingol-writers-field-visit/", "en"),
    ("/en/events/xilingol-writers-field-visit/", "/events/xilingol-writers-field-visit/", "zh-CN"),
    ("/calendar/2024-08/", "/en/calendar/2024-08/", "en"),
    ("/news/two-lectures-two-talks-columns/", "/en/news/two-lectures-two-talks-columns/", "en"),
])
def test_language_switch_leads_to_the_same_page_in_the_other_language(desktop_page, start, target, lang):
    page = desktop_page
    visit(page, start)
    page.locator(".cs-language-switch button").click()
    page.locator(f".cs-language-switch a[hreflang={lang}]").click()
    page.wait_for_url(f"**{target}")
    assert page.evaluate("document.documentElement.lang").startswith(lang[:2])
    assert page.locator("article h1").first.is_visible()


def test_untranslated_page_in_english_says_so_and_links_to_the_original(desktop_page):
    page = desktop_page
    visit(page, PAGE_TYPES["en-untranslated"])
    assert page.locator(".cs-fallback").count() == 1
    original = page.locator(".cs-fallback a[href$='/news/two-lectures-two-talks-columns/']").first
    original.click()
    page.wait_for_url("**/news/two-lectures-two-talks-columns/")
    assert page.evaluate("location.pathname") == "/news/two-lectures-two-talks-columns/"


def test_english_search_finds_english_pages_only(open_context):
    page = open_context(viewport=PHONE).new_page()
    visit(page, "/en/")
    page.locator("label.md-header__button[for=__search]").click()
    found = _search(page, "Environment Day")
    assert {"/en/campaigns/2024-environment-day/", "/en/events/environment-day-2024/"} & found
    assert all(path.startswith("/en/") for path in found), found


IMAGE = """async url => {
  const r = await fetch(url);
  const type = r.headers.get('content-type');
  const bytes = new Uint8Array(await r.clone().arrayBuffer()).slice(0, 5);
  let size = null;
  if (type.startsWith('image/')) {
    const img = new Image();
    img.src = URL.createObjectURL(await r.blob());
    await img.decode();
    size = [img.naturalWidth, img.naturalHeight];
  }
  return {status: r.status, type, head: [...bytes], size};
}"""


@pytest.mark.parametrize("name", ["event", "en-event"])
def test_poster_links_serve_a_pdf_and_an_image(desktop_page, name):
    page = desktop_page
    visit(page, PAGE_TYPES[name])
    pdf = page.evaluate(IMAGE, page.locator(".cs-poster a[type='application/pdf']").evaluate("a => a.href"))
    assert pdf["status"] == 200 and pdf["type"] == "application/pdf" and bytes(pdf["head"]) == b"%PDF-"
    preview = page.evaluate(IMAGE, page.locator(".cs-poster a img").evaluate("img => img.src"))
    assert preview["status"] == 200 and preview["type"] == "image/webp"
    width, height = preview["size"]
    assert height > width >= 300  # a portrait page, sharp at the size it is shown


@pytest.mark.parametrize("name", ["event", "en-article", "home"])
def test_share_card_is_an_image_of_the_size_it_declares(desktop_page, name):
    page = desktop_page
    visit(page, PAGE_TYPES[name])
    meta = {m: page.locator(f"meta[property='og:image{m}']").get_attribute("content") for m in ("", ":width", ":height")}
    # og:image is absolute, on the published address; the same path is served here
    local = urlsplit(meta[""]).path
    card = page.evaluate(IMAGE, local)
    assert card["status"] == 200 and card["type"].startswith("image/")
    assert card["size"] == [int(meta[":width"]), int(meta[":height"])]
