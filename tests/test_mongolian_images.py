"""Traditional Mongolian on share cards and posters: letters joined (HarfBuzz's shaped run,
not the isolated forms of the character map), in vertical lines read from the left."""
import re
import subprocess
import zlib
from io import BytesIO

import uharfbuzz as hb
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.ttLib import TTFont
from PIL import Image, ImageChops, ImageDraw, ImageFont

from build_tools.core.config import load_settings
from build_tools.i18n.languages import language
from build_tools.media import cards, layouts, pdf, posters
from build_tools.media.cache import Cache
from conftest import ROOT
from test_share_images import _text_of, _tool

ARTIFACTS = ROOT / "test-artifacts" / "screenshots"  # kept to be looked at, as the browser tests' are

FONT = ROOT / "assets" / "fonts" / "NotoSansMongolian-Regular.woff2"
TITLE = "ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ ᠦᠨ ᠰᠤᠷᠭᠠᠯ"  # "Mongolian script lesson"
WORD = "ᠮᠣᠩᠭᠣᠯ"
VALUES = {"campaign": "ᠡᠬᠡ ᠣᠷᠣᠨ ᠤ ᠪᠠᠶᠢᠭᠠᠯ", "title": TITLE, "status": "", "when": "᠒᠐᠒᠔ ᠣᠨ",
          "where": "ᠰᠢᠯᠢᠨ ᠭᠣᠤᠯ", "organizer": "ᠥᠪᠥᠷ ᠮᠣᠩᠭᠣᠯ", "summary": "", "scan": "ᠺᠣᠳ᠋ ᠢ ᠰᠢᠷᠪᠢᠵᠦ ᠦᠵᠡᠨ᠎ᠡ",
          "address": "example.org/mn/events/x/", "site": "内蒙古生态环境宣传教育", "url": "https://example.org/mn/events/x/"}


def _sfnt() -> bytes:
    font = TTFont(FONT)
    font.flavor = None
    buf = BytesIO()
    font.save(buf)
    return buf.getvalue()


def _shaped(text: str) -> list[int]:
    """HarfBuzz's glyph run for text in the shipped font (script and direction guessed)."""
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(hb.Font(hb.Face(hb.Blob(_sfnt()))), buf, {})
    return [g.codepoint for g in buf.glyph_infos]


def _nominal(text: str) -> list[int]:
    """The unshaped run: each character's glyph from the character map (isolated forms)."""
    font = TTFont(FONT)
    cmap, order = font.getBestCmap(), font.getGlyphOrder()
    return [order.index(cmap[ord(c)]) for c in text]


def _mongolian():
    settings = load_settings(ROOT / "mkdocs.yml")
    return settings, language(settings, "mn")


def test_harfbuzz_gives_every_letter_of_a_word_its_joined_form():
    shaped, nominal = _shaped(WORD), _nominal(WORD)
    assert len(shaped) == len(nominal) == len(WORD)
    # initial, medial and final forms: no letter of the word keeps its isolated glyph
    assert all(s != n for s, n in zip(shaped, nominal))
    assert shaped[1] == shaped[4] and nominal[1] == nominal[4]  # ᠣ twice, medial both times


def _turned(text: str, size: int, shaped: bool, stroke: int) -> Image.Image:
    """Text drawn horizontally by Pillow (raqm shapes; the basic layout draws each
    character's own glyph), turned 90° clockwise, cut to its ink: a mask."""
    engine = ImageFont.Layout.RAQM if shaped else ImageFont.Layout.BASIC
    font = ImageFont.truetype(str(FONT), size, layout_engine=engine)
    mask = Image.new("L", (int(font.getlength(text)) + 4 * size, 3 * size), 0)
    ImageDraw.Draw(mask).text((size, 2 * size), text, font=font, fill=255, anchor="ls", stroke_width=stroke,
                              stroke_fill=255)
    mask = mask.transpose(Image.Transpose.ROTATE_270)
    return mask.crop(mask.getbbox())


def _overlap(a: Image.Image, b: Image.Image) -> float:
    """Shared ink over all ink of two masks brought to one size (intersection over union)."""
    b = b.resize(a.size)
    a, b = (m.point(lambda v: 255 if v > 127 else 0) for m in (a, b))
    both = ImageChops.multiply(a, b).histogram()[255]
    either = ImageChops.lighter(a, b).histogram()[255]
    return both / either


def test_a_mongolian_card_shows_its_title_in_joined_vertical_lines_from_the_left(tmp_path):
    settings, mn = _mongolian()
    loaded, problems = layouts.load(settings, cards.LAYOUT, Cache(tmp_path / "cache"))
    assert problems == []
    values = {"title": TITLE, "when": "᠒᠐᠒᠔ ᠣᠨ", "context": "ᠡᠬᠡ ᠣᠷᠣᠨ", "site": "内蒙古生态环境宣传教育"}
    image, drawn = cards.render(loaded, values, mn)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    image.save(ARTIFACTS / "mn-share-card-1200x630.png")
    lines = [line for line in layouts.plan(loaded, values, {}, mn.label_separator, mn.writing_mode)
             if line.field == "title"]
    # vertical lines, the first at the left, together the whole title
    assert len(lines) > 1 and all(line.column for line in lines)
    assert [line.x for line in lines] == sorted(line.x for line in lines)
    assert " ".join(line.text for line in lines) == TITLE
    first = lines[0]
    assert first.text.split()[0] == WORD
    boxes = [box for field, box in drawn if field == "title"]
    left, top, right, bottom = boxes[0]
    assert bottom - top > 2 * (right - left)  # taller than wide: a vertical line
    # The card's first line against the same text shaped, and drawn letter by letter.
    ink = ImageChops.invert(image.crop((round(first.x), 20, round(first.x + first.column), 530)).convert("L"))
    ink = ink.point(lambda v: 255 if v > 140 else 0)
    ink = ink.crop(ink.getbbox())
    stroke = max(1, first.size // 36)
    joined, isolated = (_turned(first.text, first.size, shaped, stroke) for shaped in (True, False))
    assert _overlap(joined, isolated) < 0.6  # they do differ
    assert _overlap(ink, joined) > 0.8 and _overlap(ink, isolated) < 0.5
    # read from the top: the first word's ink sits at the top of the line
    word = _turned(WORD, first.size, True, stroke)
    top_word = ink.crop((0, 0, ink.width, word.height))
    assert _overlap(top_word, word) > 0.75 and _overlap(top_word, _turned(WORD, first.size, False, stroke)) < 0.5


def _objects(data: bytes) -> dict:
    return {int(m.group(1)): m.group(2) for m in re.finditer(rb"(\d+) 0 obj(.*?)endobj", data, re.S)}


def _stream(body: bytes) -> bytes:
    raw = body.split(b"stream", 1)[1].lstrip(b"\r\n").rsplit(b"endstream", 1)[0]
    return zlib.decompress(raw) if b"/FlateDecode" in body else raw


def _ref(body: bytes, key: bytes) -> int:
    return int(re.search(rb"/" + key + rb" (\d+) 0 R", body).group(1))


def _literal(raw: bytes) -> bytes:
    """A PDF literal string's bytes, escapes undone."""
    escapes = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
    return re.sub(rb"\\([0-7]{1,3}|.)", lambda m: bytes([int(m.group(1), 8)]) if m.group(1)[:1].isdigit()
                  else escapes.get(m.group(1), m.group(1)), raw, flags=re.S)


def _outline(glyphs, name: str) -> tuple:
    pen = DecomposingRecordingPen(glyphs)
    glyphs[name].draw(pen)
    return tuple(pen.value)


def _pdf_runs(data: bytes) -> list[list[tuple]]:
    """The glyph outlines of each text run the PDF shows in its Mongolian font."""
    objects = _objects(data)
    number = next(n for n, body in objects.items() if b"/Type0" in body and b"NotoSansMongolian" in body)
    name = re.search(rb"/(\w+) " + str(number).encode() + rb" 0 R", data).group(1)
    cid_font = objects[int(re.search(rb"/DescendantFonts \[\s*(\d+) 0 R", objects[number]).group(1))]
    to_gid = _stream(objects[_ref(cid_font, b"CIDToGIDMap")])
    embedded = TTFont(BytesIO(_stream(objects[_ref(objects[_ref(cid_font, b"FontDescriptor")], b"FontFile2")])))
    glyphs, order = embedded.getGlyphSet(), embedded.getGlyphOrder()
    content = b"".join(_stream(b) for b in objects.values() if b"stream" in b and b"/Filter" in b and b"FontFile" not in b
                       and b"CIDToGIDMap" not in b and b"/Subtype /Image" not in b)
    runs, current = [], None
    for token in re.finditer(rb"/(\w+) [\d.]+ Tf|\(((?:\\.|[^\\)])*)\) Tj", content, re.S):
        if token.group(1):
            current = token.group(1)
            continue
        if current != name:
            continue
        codes = _literal(token.group(2))
        cids = [int.from_bytes(codes[i:i + 2], "big") for i in range(0, len(codes), 2)]
        gids = [int.from_bytes(to_gid[2 * c:2 * c + 2], "big") for c in cids]
        runs.append([_outline(glyphs, order[g]) for g in gids])
    return runs


def test_a_mongolian_poster_embeds_the_joined_glyph_run_as_selectable_text(tmp_path):
    settings, mn = _mongolian()
    cache = Cache(tmp_path / "cache")
    loaded, problems = layouts.load(settings, posters.LAYOUT, cache)
    assert problems == []
    shared = {"poster": loaded, "fonts": pdf.sfnt_files(loaded.stack, cache)}
    files = posters.draw(shared, VALUES, cards.labels(loaded, mn), mn.label_separator, mn.tag, None, mn.writing_mode)
    data = files["poster.pdf"]
    shipped = TTFont(BytesIO(_sfnt()))
    glyphs, order = shipped.getGlyphSet(), shipped.getGlyphOrder()
    joined = [_outline(glyphs, order[g]) for g in _shaped(WORD)]
    isolated = [_outline(glyphs, order[g]) for g in _nominal(WORD)]
    runs = _pdf_runs(data)
    shown = [g for run in runs for g in run]

    def contains(seq, part):
        return any(seq[i:i + len(part)] == part for i in range(len(seq) - len(part) + 1))
    # the title's first word as HarfBuzz joins it, never as isolated letters
    assert joined != isolated
    assert contains(shown, joined) and not contains(shown, isolated)
    # embedded as a subset, and the text can be selected and searched
    (tmp_path / "poster.pdf").write_bytes(data)
    text = _text_of(tmp_path / "poster.pdf")
    assert WORD in text and "ᠰᠤᠷᠭᠠᠯ" in text
    assert re.search(rb"/BaseFont /[A-Z]{6}\+NotoSansMongolian", data)
    fonts = subprocess.run([_tool("pdffonts"), str(tmp_path / "poster.pdf")], capture_output=True, text=True,
                           check=True, timeout=60).stdout
    assert re.search(r"\+NotoSansMongolian +CID TrueType +Identity-H +yes +yes +yes", fonts)  # embedded, subset, ToUnicode
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run([_tool("pdftoppm"), "-r", "60", "-png", "-singlefile", str(tmp_path / "poster.pdf"),
                    str(ARTIFACTS / "mn-poster-page")], check=True, timeout=60)
    # text in its layout's colour: the site's name white on the green band, not black
    page = Image.open(ARTIFACTS / "mn-poster-page.png").convert("RGB")
    band = page.crop((0, round(page.height * 3300 / 3508), page.width, round(page.height * 3470 / 3508)))
    assert sum(band.convert("L").point(lambda v: 255 if v > 200 else 0).histogram()[255:]) > 100


def test_a_mongolian_word_in_a_chinese_card_title_stays_whole_and_joined(tmp_path):
    settings, _mn = _mongolian()
    zh = language(settings, "zh")
    loaded, _problems = layouts.load(settings, cards.LAYOUT, Cache(tmp_path / "cache"))
    word = "ᠮᠣᠩᠭᠣᠯ\u202fᠤᠨ"  # a suffix bound by the narrow no-break space
    title = "内蒙古草原生态文学周" * 2 + word + "草原生态文学周"
    values = {"title": title, "when": "", "context": "", "site": ""}
    assert cards.missing_glyphs(loaded, values) == {}  # drawn, not replaced by another card
    rows = [line.text for line in layouts.plan(loaded, values, {}, zh.label_separator, zh.writing_mode)
            if line.field == "title"]
    assert len(rows) > 1 and not any(line.column for line in layouts.plan(loaded, values))
    assert sum(word in row for row in rows) == 1 and "".join(rows) == title
    stack = loaded.stack
    index = stack.index(word[0])
    assert stack.run_font(index, word, 72).layout_engine == ImageFont.Layout.RAQM
    assert stack.width(word, 72) < 0.8 * sum(stack.font(index, 72).getlength(c) for c in word)  # joined forms are narrower


def test_vertical_lines_break_at_spaces_only_and_lose_nothing(tmp_path):
    from build_tools.media import vertical
    settings, _mn = _mongolian()
    loaded, _problems = layouts.load(settings, cards.LAYOUT, Cache(tmp_path / "cache"))
    stack = loaded.stack
    words = ["ᠮᠣᠩᠭᠣᠯ\u202fᠤᠨ", "ᠪᠢᠴᠢᠭ", "ᠰᠤᠷᠭᠠᠯ", "ᠡᠬᠡ", "ᠣᠷᠣᠨ"] * 3
    lines = vertical.columns(stack, " ".join(words), 64, 400)
    assert len(lines) > 1 and " ".join(lines) == " ".join(words)
    assert all(vertical.length(stack, line, 64) <= 400 for line in lines)
    assert all(line.split(" ")[0] in words for line in lines)  # never inside a word, nor at U+202F
    long_word = WORD * 40  # no space at all: cut between letters, every one kept
    pieces = vertical.columns(stack, long_word, 64, 400)
    assert "".join(pieces) == long_word and all(vertical.length(stack, p, 64) <= 400 for p in pieces)
    assert all(vertical.length(stack, p + n[0], 64) > 400 for p, n in zip(pieces, pieces[1:]))  # each as long as fits
