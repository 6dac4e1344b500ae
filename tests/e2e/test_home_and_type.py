"""The public face in Chromium: the home page's first screen on a phone, dark headings,
Chinese without faux italic, a header that shows the whole site name."""
from datetime import timedelta

import pytest

from site_checks.browser import DESKTOP, PHONE, visit
from site_checks.checksite import reference_time
from site_checks.pages import PAGE_TYPES
from site_checks.tools import ROOT
from test_public_face import next_theme_day

pytestmark = pytest.mark.browser
OBSERVANCES = ROOT / "campaigns" / "observances.yml"
FIRST_SCREEN = """() => {
  const box = el => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom, r.width]; };
  const img = document.querySelector('.cs-hero img');
  const count = document.querySelector('[data-cs-countdown]');
  return {img: box(img), loaded: img.complete && img.naturalWidth > 0, count: box(count),
          visible: !count.hidden, days: count.querySelector('.cs-countdown__n').textContent,
          height: innerHeight, scroll: document.documentElement.scrollWidth - innerWidth,
          cards: [...document.querySelectorAll('.cs-card__media')].map(m => box(m))};
}"""


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no-script"])
@pytest.mark.parametrize("name", ["home", "en-home", "mn-home"])
def test_first_screen_of_the_home_page_holds_the_key_visual_and_the_countdown(open_context, name, javascript):
    # The Mongolian home has no campaign of its own: it leads with the Chinese one, and in
    # vertical lines the visual stands above the text, the countdown beside it.
    days, _zh, _en = next_theme_day(int(reference_time().timestamp()), OBSERVANCES)
    page = open_context(viewport=PHONE, javascript=javascript).new_page()
    visit(page, PAGE_TYPES[name], wait_until="load")
    shown = page.evaluate(FIRST_SCREEN)
    assert shown["height"] == 812 and shown["loaded"] and shown["visible"]
    assert shown["scroll"] <= 0, "the page scrolls sideways"
    vertical = name.startswith("mn-")
    for left, top, right, bottom, width in (shown["img"], shown["count"]):
        assert 0 <= left and right <= 375 and 0 <= top and bottom <= 812, shown
    assert shown["img"][4] > (200 if vertical else 300) and (vertical or shown["count"][4] > 300), shown
    assert shown["days"] == str(days)
    # a card's picture lying across vertical lines: about a quarter of the screen tall, not
    # stretched along the column
    sizes = [(round(w), round(b - t)) for _l, t, _r, b, w in shown["cards"]]
    assert sizes and all(w <= 343 and (150 <= h <= 260 if vertical else h <= 130) for w, h in sizes), sizes


def test_the_countdown_counts_on_in_the_browser(open_context):
    days, _zh, _en = next_theme_day(int(reference_time().timestamp()), OBSERVANCES)
    context = open_context(viewport=PHONE)
    context.clock.set_system_time(reference_time() + timedelta(days=days - 1))
    page = context.new_page()
    visit(page, PAGE_TYPES["home"], wait_until="load")
    assert page.evaluate(FIRST_SCREEN)["days"] == "1"
    context.clock.set_system_time(reference_time() + timedelta(days=days))
    page.reload()
    assert page.locator(".cs-countdown__n").text_content() == "就在今天"
    # once the day is over, a site not built since says nothing rather than something wrong
    context.clock.set_system_time(reference_time() + timedelta(days=days + 1))
    page.reload()
    assert page.locator("[data-cs-countdown]").is_hidden()


def _luminance(rgb) -> float:
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg, bg) -> float:
    """WCAG 2 contrast ratio; a translucent text colour is laid over its background first."""
    *rgb, alpha = fg
    shown = [alpha * f + (1 - alpha) * b for f, b in zip(rgb, bg)]
    light, dark = sorted((_luminance(shown), _luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


HEADING_COLOURS = """() => {
  const rgba = s => { const n = s.match(/[\\d.]+/g).map(Number); return [n[0], n[1], n[2], n.length > 3 ? n[3] : 1]; };
  const background = el => {
    for (; el; el = el.parentElement) {
      const c = rgba(getComputedStyle(el).backgroundColor);
      if (c[3] > 0) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  return [...document.querySelectorAll('article h1, article h2, article h3, article h4')]
    .filter(h => h.getClientRects().length)
    .map(h => [h.textContent.trim(), rgba(getComputedStyle(h).color), background(h)]);
}"""


@pytest.mark.parametrize("name", ["home", "campaign", "event", "story", "campaign-index", "calendar-agenda", "en-home"])
def test_headings_are_dark_enough(desktop_page, name):
    visit(desktop_page, PAGE_TYPES[name], wait_until="load")
    headings = desktop_page.evaluate(HEADING_COLOURS)
    assert headings
    low = [(text, round(contrast(fg, bg), 2)) for text, fg, bg in headings if contrast(fg, bg) < 7]
    assert low == []


def test_the_contrast_formula_agrees_with_known_values():
    assert round(contrast((0, 0, 0, 1), (255, 255, 255)), 1) == 21.0
    # the theme's former heading grey, rgba(0,0,0,.54) on white: 4.6:1
    assert round(contrast((0, 0, 0, 0.54), (255, 255, 255)), 1) == 4.6


STYLES = """() => {
  const article = document.querySelector('article');
  const probe = document.createElement('p');
  probe.innerHTML = '<em>生态</em><i>环境</i><figure><figcaption>图注</figcaption></figure>';
  article.append(probe);
  const out = [...probe.querySelectorAll('em, i, figcaption')].map(el => getComputedStyle(el).fontStyle);
  const em = getComputedStyle(probe.querySelector('em'));
  out.push(em.textEmphasisStyle || em.webkitTextEmphasisStyle);
  out.push(getComputedStyle(article).lineBreak);
  probe.remove();
  return out;
}"""


def test_chinese_is_never_slanted_and_breaks_lines_strictly(desktop_page):
    visit(desktop_page, PAGE_TYPES["story"], wait_until="load")
    assert desktop_page.evaluate(STYLES) == ["normal", "normal", "normal", "dot", "strict"]
    visit(desktop_page, PAGE_TYPES["en-story"], wait_until="load")
    assert desktop_page.evaluate(STYLES)[0] == "italic"


@pytest.mark.parametrize("name", ["home", "en-home"])
def test_a_phone_header_shows_the_whole_site_name(open_context, name):
    page = open_context(viewport=PHONE).new_page()
    visit(page, PAGE_TYPES[name], wait_until="load")
    cut = page.evaluate("""() => {
      const el = document.querySelector('.md-header__topic:first-child .md-ellipsis');
      const header = document.querySelector('.md-header').getBoundingClientRect();
      const r = el.getBoundingClientRect();
      return [el.scrollWidth > el.clientWidth, el.scrollHeight > el.clientHeight + 4,
              r.top >= header.top && r.bottom <= header.bottom, el.textContent.trim()];
    }""")
    # (a few pixels of the glyphs' own height may stick out of the line boxes; a cut
    # line would be a whole line, 15 px)
    assert cut[:3] == [False, False, True], cut


def test_cards_on_a_desktop_use_the_width(open_context):
    page = open_context(viewport=DESKTOP).new_page()
    visit(page, PAGE_TYPES["home"], wait_until="load")
    tops = page.evaluate("[...document.querySelectorAll('#cs-home-stories ~ ul .cs-card, "
                         "section[aria-labelledby=cs-home-stories] .cs-card')].map(c => c.getBoundingClientRect().top)")
    assert len(tops) >= 3 and len(set(tops[:3])) == 1  # three stories side by side, not one column
