"""With JavaScript off (old phones, data savers, strict settings) the site still reads and navigates."""
import pytest

from site_checks.browser import PHONE, visit
from site_checks.pages import PAGE_TYPES

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def page(open_context):
    return open_context(viewport=PHONE, javascript=False).new_page()


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_page_reads_without_javascript(page, name):
    result = visit(page, PAGE_TYPES[name], wait_until="load")
    assert result.status == 200 and result.failed == []
    assert page.evaluate("document.documentElement.classList.contains('no-js')")
    heading = page.locator("article h1").first
    assert heading.is_visible() and heading.inner_text().strip()
    assert page.locator(".cs-gov-footer").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_menu_and_links_lead_from_home_to_an_event_without_javascript(page):
    visit(page, "/", wait_until="load")
    # the menu opens with the theme's checkbox, no script needed
    page.locator("label.md-header__button[for=__drawer]").click()
    link = page.locator(".md-nav--primary a.md-nav__link", has_text="活动日程").first
    link.wait_for(state="visible")
    link.click()
    page.wait_for_url("**/events/")
    page.locator("a.cs-card__link", has_text="生态文学名家锡林郭勒行").click()
    page.wait_for_url("**/events/xilingol-writers-field-visit/")
    assert page.locator("article h1").inner_text() == "生态文学名家锡林郭勒行"
    # and on to the campaign it belongs to, and its second index page
    page.locator(".cs-kicker a").nth(1).click()
    page.wait_for_url("**/campaigns/2024-ecological-literature-week/")
    page.locator(".cs-kicker a").first.click()
    page.wait_for_url("**/campaigns/")
    page.locator(".cs-pagination a[rel=next]").click()
    page.wait_for_url("**/campaigns/page/2/")
    assert page.locator("li.cs-card").count() >= 1
