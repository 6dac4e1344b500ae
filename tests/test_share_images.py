"""Share cards and posters: Chinese text that is really drawn (never a box) and stays on the
card, share metadata in every page's head, and a poster whose QR code opens the event."""
import re
import shutil
import subprocess
from pathlib import Path

from PIL import Image, ImageChops

from build_tools.media import cards

from build_tools.media import layouts

from build_tools.media import posters
from build_tools.core.config import load_settings
from build_tools.i18n.languages import language
from build_tools.media.fonts import FontStack
from build_tools.pipeline import build, check
from conftest import ROOT, copy_project
from htmlsite import parse

EVENT = "xilingol-writers-field-visit"
# 39 common characters and one (U+4DAE) that only the second font has: 40 in all.
TITLE_40 = "内蒙古自治区生态环境厅联合锡林郭勒盟举办草原生态保护与绿色发展志愿服务宣传教育" [:39] + "䶮"


def _chinese():
    settings = load_settings(ROOT / "mkdocs.yml")
    return language(settings, settings.source_language)


def _card_layout():
    loaded, problems = layouts.load(load_settings(ROOT / "mkdocs.yml"), cards.LAYOUT)
    assert problems == [] and loaded is not None
    return loaded


def _drawn(stack: FontStack, index: int, ch: str, size: int = 64):
    """The ink of one character in one font, as a black-and-white image."""
    font = stack.font(index, size)
    image = Image.new("L", (size * 2, size * 2), 0)
    from PIL import ImageDraw
    ImageDraw.Draw(image).text((size // 2, size // 2), ch, font=font, fill=255)
    return image


def test_a_card_for_a_40_character_title_draws_every_character_inside_the_card():
    loaded = _card_layout()
    stack = loaded.stack
    assert len(TITLE_40) == 40
    # every character is in the character map of a shipped font, one of them only in the fallback
    fonts_used = [stack.index(ch) for ch in TITLE_40]
    assert None not in fonts_used and stack.missing(TITLE_40) == []
    assert fonts_used.count(1) == 1 and fonts_used[-1] == 1
    # and what the font draws for it is a glyph, not the font's "missing" box
    for ch, index in zip(TITLE_40, fonts_used):
        notdef = _drawn(stack, index, "\U0010fffd")
        assert ImageChops.difference(_drawn(stack, index, ch), notdef).getbbox() is not None, ch
    values = {"title": TITLE_40, "when": "2024年8月10日至12日 · 锡林郭勒盟", "context": "2024年内蒙古生态文学周",
              "site": "内蒙古生态环境宣传教育"}
    title_box = next(t for t in loaded.layout.texts if t.field == "title")
    _size, lines = layouts.fit(stack, title_box, TITLE_40)
    assert "".join(lines) == TITLE_40  # the whole title, nothing cut
    image, drawn = cards.render(loaded, values, _chinese())
    assert image.size == (1200, 630)
    assert {field for field, _box in drawn} == {"title", "when", "context", "site"}
    for field, (left, top, right, bottom) in drawn:
        assert 0 <= left and 0 <= top and right <= 1200 and bottom <= 630, (field, (left, top, right, bottom))
        x, y, w, h = next(t for t in loaded.layout.texts if t.field == field).box
        assert x <= left and right <= x + w and y - 4 <= top and bottom <= y + h, (field, (left, top, right, bottom))


def test_a_too_long_title_is_cut_with_an_ellipsis_inside_its_box():
    loaded = _card_layout()
    title_box = next(t for t in loaded.layout.texts if t.field == "title")
    long_title = TITLE_40 * 3
    size, lines = layouts.fit(loaded.stack, title_box, long_title)
    assert size == title_box.min_size and len(lines) == title_box.max_lines and lines[-1].endswith("…")
    assert all(loaded.stack.width(line, size) <= title_box.box[2] for line in lines)


def test_english_titles_break_between_words():
    loaded = _card_layout()
    title_box = next(t for t in loaded.layout.texts if t.field == "title")
    title = "Writers of ecological literature visit the Xilingol grasslands for the 2024 Literature Week"
    _size, lines = layouts.fit(loaded.stack, title_box, title)
    assert " ".join(lines) == title and len(lines) > 1


def test_a_character_no_font_has_is_named_by_the_check_and_the_page_shares_the_site_card(tmp_path):
    project = copy_project(tmp_path / "p", with_content=False)
    folder = project / "campaigns" / "glyphs"
    folder.mkdir(parents=True)
    (folder / "index.zh.md").write_text(
        "---\ntitle: 植树节🌳志愿活动\nsummary: 摘要。\nkind: other\nyear: 2024\nstart: 2024-03-12\n---\n正文。\n",
        encoding="utf-8")
    settings = load_settings(project / "mkdocs.yml")
    [found] = [p for p in check(settings) if p.code == "glyph_missing"]
    assert (found.path, found.line, found.field, found.severity) == ("campaigns/glyphs/index.zh.md", 2, "title", "warning")
    assert "🌳 (U+1F333)" in found.text("zh")
    result = build(settings)
    assert result.problems == []  # the build goes on: a strict build fails on any warning
    page = next(o for o in result.outputs if o.path == "campaigns/glyphs.md").content.decode("utf-8")
    assert "card: assets/cards/site.jpg" in page
    assert not any(o.path == "assets/cards/campaigns/glyphs.jpg" for o in result.outputs)


def test_every_page_head_has_share_metadata_with_its_card(demo_site: Path):
    site_url = load_settings(ROOT / "mkdocs.yml").site_url
    page = parse(demo_site / "events" / EVENT / "index.html")

    def meta(attr, name):
        return page.xpath(f"//head/meta[@{attr}='{name}']/@content")

    assert meta("property", "og:image") == [f"{site_url}assets/cards/events/{EVENT}.jpg"]
    assert meta("property", "og:title") == [page.xpath("string(//h1)")]
    assert meta("property", "og:description") == meta("name", "description")
    assert meta("name", "twitter:card") == ["summary_large_image"]
    with Image.open(demo_site / "assets" / "cards" / "events" / f"{EVENT}.jpg") as card:
        assert card.size == (1200, 630)
    home = parse(demo_site / "index.html")
    assert home.xpath("//head/meta[@property='og:image']/@content") == [f"{site_url}assets/cards/site.jpg"]
    assert (demo_site / "assets" / "cards" / "site.jpg").is_file()


def test_event_poster_is_a4_and_its_qr_code_opens_the_event_page(demo_site: Path):
    zbarimg = shutil.which("zbarimg")
    assert zbarimg, "zbarimg is missing: run scripts/setup --test (Debian package zbar-tools)"
    address = f"{load_settings(ROOT / 'mkdocs.yml').site_url}events/{EVENT}/"
    png = demo_site / "assets" / "posters" / "events" / f"{EVENT}.png"
    decoded = subprocess.run([zbarimg, "--quiet", "--raw", str(png)], capture_output=True, text=True, timeout=60)
    assert decoded.stdout.strip() == address, decoded.stderr
    with Image.open(png) as poster:
        assert poster.size == (2480, 3508) and round(poster.info["dpi"][0]) == 300
    pdf = (png.with_suffix(".pdf")).read_bytes()
    assert pdf.startswith(b"%PDF")
    box = [float(x) for x in re.search(rb"/MediaBox \[\s*([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)\s*\]", pdf).groups()]
    assert box[:2] == [0, 0] and abs(box[2] - 595.3) < 1 and abs(box[3] - 841.9) < 1  # A4 in points
    assert b"CreationDate" not in pdf  # no build time inside: the same bytes every build
    # the event page links to both
    links = parse(demo_site / "events" / EVENT / "index.html").xpath("//dd[@class='cs-poster']//a/@href")
    assert sorted(Path(link).name for link in links) == [f"{EVENT}.pdf", f"{EVENT}.png"]
    for link in links:
        assert (demo_site / "events" / EVENT / link).resolve().is_file()


def test_english_pages_get_english_cards_and_posters(demo_site: Path):
    site_url = load_settings(ROOT / "mkdocs.yml").site_url
    page = parse(demo_site / "en" / "events" / EVENT / "index.html")
    assert page.xpath("//head/meta[@property='og:image']/@content") == [f"{site_url}assets/cards/en/events/{EVENT}.jpg"]
    png = demo_site / "assets" / "posters" / "en" / "events" / f"{EVENT}.png"
    decoded = subprocess.run([shutil.which("zbarimg") or "zbarimg", "--quiet", "--raw", str(png)],
                             capture_output=True, text=True, timeout=60)
    assert decoded.stdout.strip() == f"{site_url}en/events/{EVENT}/"
    assert "Printable poster" in page.xpath("string(//dd[@class='cs-poster'])")


def test_poster_text_stays_on_the_page():
    settings = load_settings(ROOT / "mkdocs.yml")
    loaded, problems = layouts.load(settings, posters.LAYOUT)
    assert problems == []
    values = {"campaign": "2024年内蒙古生态文学周", "title": TITLE_40, "status": "已延期", "when": "2024年8月10日至12日",
              "where": "锡林郭勒盟锡林浩特市 锡林郭勒盟会展中心一楼多功能厅（锡林大街与团结路交叉口东北角）",
              "organizer": "内蒙古自治区生态环境厅、锡林郭勒盟行政公署、内蒙古自治区作家协会",
              "summary": TITLE_40 * 2, "scan": "扫码查看活动详情", "address": "example.org/events/x/",
              "site": "内蒙古生态环境宣传教育", "url": "https://example.org/events/x/"}
    files = posters.draw(loaded, values, _chinese())
    assert files == posters.draw(loaded, values, _chinese())  # the same bytes every time
    import segno
    _image, drawn = posters.render_with_qr(loaded, values, _chinese(), segno.make(values["url"]).matrix)
    for field, (left, top, right, bottom) in drawn:
        assert 0 <= left and 0 <= top and right <= 2480 and bottom <= 3508, field


def test_shipped_fonts_are_small_and_licensed():
    fonts = ROOT / "assets" / "fonts"
    shipped = sorted(fonts.glob("*.woff2"))
    assert [f.name for f in shipped] == ["DroidSansFallbackFull.woff2", "NotoSansSC-Bold-GB2312.woff2"]
    assert sum(f.stat().st_size for f in shipped) < 5 * 1024 * 1024
    readme = (fonts / "README.md").read_text(encoding="utf-8")
    for licence in ("OFL-NotoSansCJK.txt", "LICENSE-DroidSansFallback.txt"):
        assert licence in readme and (fonts / licence).stat().st_size > 1000
