"""Share cards and posters: Chinese text that is really drawn (never a box) and stays on the
card, share metadata in every page's head, and a vector poster whose QR code opens the event."""
import re
import shutil
import subprocess
from pathlib import Path

from PIL import Image, ImageChops, ImageOps, ImageStat

from build_tools.media import cards

from build_tools.media import layouts

from build_tools.core import workers
from build_tools.media import pdf, posters
from build_tools.media.cache import Cache
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
    assert (found.path, found.line, found.field, found.severity) == ("campaigns/glyphs/index.zh.md", 2, "title", "notice")
    assert "🌳 (U+1F333)" in found.text("zh")
    assert found.human().endswith(": title: 提示: " + found.text())
    result = build(settings, stop_on_errors=True, strict=True)
    assert result.problems == [found]  # the build runs the check: the same notice; even a strict build goes on
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


def _difference(a: Image.Image, b: Image.Image, box) -> float:
    """Mean difference of two images' pixels in a box, compared at a coarse scale (0 to 255)."""
    small = [im.convert("RGB").crop(box).resize((48, 12), Image.Resampling.BOX) for im in (a, b)]
    return sum(ImageStat.Stat(ImageChops.difference(*small)).mean) / 3


def test_the_share_card_of_an_item_with_a_cover_shows_that_cover(demo_site: Path):
    """The event's cover fills the card (cover-fit, centred, not stretched) above the title's
    band; a story without a cover gets the designed card, not someone else's photo."""
    cover = ROOT / "campaigns" / "2024-ecological-literature-week" / "xilingol-grassland-photo.jpg"
    with Image.open(cover) as photo:  # as people see it: the file says it was taken turned on its side
        upright = ImageOps.exif_transpose(photo).convert("RGB")
    expected = ImageOps.fit(upright, (1200, 630), Image.Resampling.LANCZOS)
    top = (0, 120, 1200, 380)  # between the site's mark and the title's band
    with Image.open(demo_site / "assets" / "cards" / "events" / f"{EVENT}.jpg") as card:
        assert card.size == (1200, 630)
        assert _difference(card, expected, top) < 3
        stretched = upright.resize((1200, 630))
        assert _difference(card, stretched, top) > _difference(card, expected, top)
        band = card.convert("L").crop((0, 400, 1200, 630))
        assert ImageStat.Stat(band).mean[0] < 80  # dark under the white title
    with Image.open(demo_site / "assets" / "cards" / "stories" / "example-volunteer-profile.jpg") as plain:
        assert _difference(plain, expected, top) > 40


def _tool(name: str) -> str:
    found = shutil.which(name)
    assert found, f"{name} is missing: run scripts/setup --test (Debian packages zbar-tools, poppler-utils)"
    return found


def _qr_of_pdf(pdf: Path, tmp_path: Path) -> str:
    """What a phone reads from the printed poster: the page rasterised, then scanned."""
    subprocess.run([_tool("pdftoppm"), "-r", "150", "-png", "-singlefile", str(pdf), str(tmp_path / "page")],
                   check=True, timeout=60)
    found = subprocess.run([_tool("zbarimg"), "--quiet", "--raw", str(tmp_path / "page.png")],
                           capture_output=True, text=True, timeout=60)
    return found.stdout.strip()


def _fonts_of(pdf: Path) -> list[list[str]]:
    """pdffonts' rows: name, type, encoding, emb, sub, uni, object, generation."""
    out = subprocess.run([_tool("pdffonts"), str(pdf)], capture_output=True, text=True, check=True, timeout=60).stdout
    return [line.split() for line in out.splitlines()[2:]]


def _text_of(pdf: Path) -> str:
    return subprocess.run([_tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True,
                          timeout=60).stdout


def test_event_poster_is_a_vector_a4_pdf_whose_qr_code_opens_the_event_page(demo_site: Path, tmp_path):
    address = f"{load_settings(ROOT / 'mkdocs.yml').site_url}events/{EVENT}/"
    pdf = demo_site / "assets" / "posters" / "events" / f"{EVENT}.pdf"
    assert _qr_of_pdf(pdf, tmp_path) == address
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    box = [float(x) for x in re.search(rb"/MediaBox \[\s*([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)\s*\]", data).groups()]
    assert box[:2] == [0, 0] and abs(box[2] - 595.3) < 1 and abs(box[3] - 841.9) < 1  # A4 in points
    # text, not a picture of it: the title and the place can be selected and searched
    text = _text_of(pdf)
    assert "生态文学名家锡林郭勒行" in text and "锡林郭勒盟" in text
    # every font is embedded, and only the characters used (a subset)
    fonts = _fonts_of(pdf)
    assert fonts and all(row[-5:-3] == ["yes", "yes"] for row in fonts), fonts
    assert b"CreationDate (D:20000101000000Z)" in data  # a fixed date: no build time inside
    # the event page links to the PDF through its preview
    links = parse(demo_site / "events" / EVENT / "index.html").xpath("//p[@class='cs-poster']//a/@href")
    previews = parse(demo_site / "events" / EVENT / "index.html").xpath("//p[@class='cs-poster']//img/@src")
    assert [Path(link).name for link in links] == [f"{EVENT}.pdf"]
    assert [Path(src).name for src in previews] == [f"{EVENT}.webp"]
    for link in links + previews:
        assert (demo_site / "events" / EVENT / link).resolve().is_file()
    with Image.open(demo_site / "events" / EVENT / previews[0]) as preview:
        assert preview.format == "WEBP" and preview.size == (600, 849)


def test_english_pages_get_english_cards_and_posters(demo_site: Path, tmp_path):
    site_url = load_settings(ROOT / "mkdocs.yml").site_url
    page = parse(demo_site / "en" / "events" / EVENT / "index.html")
    assert page.xpath("//head/meta[@property='og:image']/@content") == [f"{site_url}assets/cards/en/events/{EVENT}.jpg"]
    pdf = demo_site / "assets" / "posters" / "en" / "events" / f"{EVENT}.pdf"
    assert _qr_of_pdf(pdf, tmp_path) == f"{site_url}en/events/{EVENT}/"
    assert "Well-Known Writers" in _text_of(pdf)
    assert "Printable poster" in page.xpath("string(//a[contains(@class, 'cs-poster-pdf')])")


def test_past_events_get_a_poster_only_when_their_front_matter_asks(demo_site: Path):
    """All demo events are over at the demo's reference time; one asks for a poster."""
    made = sorted(p.name for p in (demo_site / "assets" / "posters" / "events").iterdir())
    assert made == [f"{EVENT}.pdf", f"{EVENT}.webp"]
    past = parse(demo_site / "events" / "environment-day-2024" / "index.html")
    assert past.xpath("//*[contains(@class, 'cs-poster')]") == [] and "海报" not in past.xpath("string(//dl)")


POSTER_VALUES = {"campaign": "2024年内蒙古生态文学周", "title": TITLE_40, "status": "已延期", "when": "2024年8月10日至12日",
                 "where": "锡林郭勒盟锡林浩特市，锡林郭勒盟会展中心一楼多功能厅（锡林大街与团结路交叉口东北角）",
                 "organizer": "内蒙古自治区生态环境厅、锡林郭勒盟行政公署、内蒙古自治区作家协会",
                 "summary": TITLE_40 * 2, "scan": "扫码查看活动详情",
                 "address": "sthjt.nmg.gov.cn/campaign/events/xilingol-grassland-writers-field-visit-2024/",
                 "site": "内蒙古生态环境宣传教育", "url": "https://example.org/events/x/"}


def _poster_shared(tmp_path):
    settings = load_settings(ROOT / "mkdocs.yml")
    cache = Cache(tmp_path / "cache")
    loaded, problems = layouts.load(settings, posters.LAYOUT, cache)
    assert problems == []
    return {"poster": loaded, "fonts": pdf.sfnt_files(loaded.stack, cache)}


def test_poster_text_stays_on_the_page_and_the_address_never_breaks_inside_a_word(tmp_path):
    shared = _poster_shared(tmp_path)
    loaded, zh = shared["poster"], _chinese()
    names = cards.labels(loaded, zh)
    files = posters.draw(shared, POSTER_VALUES, names, zh.label_separator, zh.tag, None)
    assert len(files["poster.pdf"]) < 200_000  # a vector page; the raster one was 650 KB and more
    (tmp_path / "poster.pdf").write_bytes(files["poster.pdf"])
    text = _text_of(tmp_path / "poster.pdf")
    assert "".join(text.split()).count(TITLE_40) == 1 and "时间：2024年8月10日至12日" in text
    import segno
    _image, drawn = layouts.draw(loaded, POSTER_VALUES, names, zh.label_separator, segno.make(POSTER_VALUES["url"]).matrix)
    for field, (left, top, right, bottom) in drawn:
        assert 0 <= left and 0 <= top and right <= 2480 and bottom <= 3508, field
    # the address breaks only after "/", so each line can be typed as it is
    lines = [line.text for line in layouts.plan(loaded, POSTER_VALUES, names, "：") if line.field == "address"]
    assert "".join(lines) == POSTER_VALUES["address"] and len(lines) > 1
    assert all(line.endswith("/") for line in lines)


def test_cards_and_posters_drawn_by_a_pool_are_the_bytes_of_a_serial_run(tmp_path):
    shared = _poster_shared(tmp_path)
    shared["card"] = _card_layout()
    zh = _chinese()
    jobs = [({**POSTER_VALUES, "title": TITLE_40[:n]}, cards.labels(shared["poster"], zh), "：", zh.tag, None)
            for n in range(4, 4 + cards.IMAGES_SERIAL_BELOW)]
    serial = workers.run(posters.draw, jobs, shared, workers=1)
    assert workers.run(posters.draw, jobs, shared, workers=2) == serial
    assert len({files["poster.pdf"] for files in serial}) == len(jobs)
    card_jobs = [({"title": TITLE_40[:n], "when": "2024年8月10日", "context": "", "site": "x"}, {}, "：")
                 for n in range(4, 4 + cards.IMAGES_SERIAL_BELOW)]
    assert workers.run(cards.draw_card, card_jobs, shared, workers=2) == workers.run(cards.draw_card, card_jobs, shared, workers=1)


def test_shipped_fonts_are_small_and_licensed():
    fonts = ROOT / "assets" / "fonts"
    shipped = sorted(fonts.glob("*.woff2"))
    assert [f.name for f in shipped] == ["DroidSansFallbackFull.woff2", "NotoSansMongolian-Regular.woff2",
                                         "NotoSansSC-Bold-GB2312.woff2"]
    assert sum(f.stat().st_size for f in shipped) < 5 * 1024 * 1024
    readme = (fonts / "README.md").read_text(encoding="utf-8")
    for licence in ("OFL-NotoSansCJK.txt", "LICENSE-DroidSansFallback.txt", "OFL-NotoSansMongolian.txt"):
        assert licence in readme and (fonts / licence).stat().st_size > 1000
