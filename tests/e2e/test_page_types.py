"""Every page type (site_checks/pages.py) opened in Chromium on a phone and on a desktop."""
import pytest

from site_checks import axe
from site_checks.browser import Guard, is_local, new_context, visit
from site_checks.pages import PAGE_TYPES
from site_checks.weight import BUDGET, CATEGORIES, kb

pytestmark = pytest.mark.browser
WIDTHS = ["phone", "desktop"]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_page_opens_without_errors(page_record, name, width):
    rec = page_record(name, width)
    assert rec.status == 200
    assert rec.errors == []


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_no_horizontal_scrolling_on_a_phone(page_record, name):
    rec = page_record(name, "phone")
    assert rec.client_width == 375
    assert rec.scroll_width <= rec.client_width


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_images_have_alt_text(page_record, name, width):
    assert page_record(name, width).images_without_alt == []


@pytest.mark.node
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_axe_finds_nothing_serious_or_critical(page_record, name, width):
    assert axe.describe(axe.blocking(page_record(name, width).axe)) == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_screenshot_is_kept(page_record, name, width):
    shot = page_record(name, width).screenshot
    assert shot.is_file() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_first_view_on_a_phone_is_within_budget(page_record, name):
    weight = page_record(name, "phone").weight
    shown = {c: kb(weight.bytes[c]) for c in CATEGORIES}
    assert weight.bytes["html"] > 0 and weight.bytes["css"] > 0, shown
    assert weight.total <= BUDGET, f"{kb(weight.total)} KB > {kb(BUDGET)} KB: {shown}"


def test_a_request_to_another_host_is_stopped_and_recorded(browser, site_url):
    """The guard every test relies on: it must catch what a page asks of another host."""
    guard = Guard()  # not the session's: this test makes such a request on purpose
    context = new_context(browser, site_url, guard=guard)
    try:
        page = context.new_page()
        visit(page, PAGE_TYPES["about"])
        page.evaluate("""() => { const img = document.createElement('img');
                                 img.src = 'https://cdn.example.invalid/tracker.png';
                                 document.body.append(img);
                                 return fetch('http://api.example.invalid/data').catch(() => null); }""")
        page.wait_for_function("[...document.images].some(i => i.complete && i.src.includes('example.invalid'))")
    finally:
        context.close()
    assert sorted(guard.blocked) == ["http://api.example.invalid/data", "https://cdn.example.invalid/tracker.png"]
    assert all(is_local(url) for url in guard.requested if url not in guard.blocked)
