"""The Mongolian font the site serves: cut to the letters of the pages that load it, with
every glyph their shaping reaches, the same bytes every time, its licence beside it."""
import io
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont

from build_tools.media.cache import Cache
from build_tools.media.webfont import MONGOLIAN, cut, pages_text, web_fonts

ROOT = Path(__file__).resolve().parent.parent
SOURCE = (ROOT / MONGOLIAN.source).read_bytes()
# Initial, medial and final forms, a suffix after a narrow no-break space, the vowel separator.
WORDS = "ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ\u202fᠤᠨ ᠰᠤᠷᠲᠠᠯᠴᠢᠯᠠᠭ\u180eᠠ"
MONGOLIAN_LETTERS = [chr(c) for c in range(0x1800, 0x18B0)]


def cmap(data: bytes) -> set:
    return set(TTFont(io.BytesIO(data)).getBestCmap())


def drawn(font: bytes, text: str, layout=ImageFont.Layout.RAQM) -> bytes:
    face = ImageFont.truetype(io.BytesIO(font), 40, layout_engine=layout)
    image = Image.new("L", (900, 100), 0)
    ImageDraw.Draw(image).text((10, 70), text, font=face, fill=255, anchor="ls")
    return image.tobytes()


def test_the_cut_font_draws_joined_words_exactly_as_the_whole_font():
    small = cut(SOURCE, WORDS)
    assert drawn(small, WORDS) == drawn(SOURCE, WORDS)
    # Proof that the comparison sees shaping: letters in their isolated forms look different,
    assert drawn(small, WORDS, ImageFont.Layout.BASIC) != drawn(SOURCE, WORDS)
    # and so does a cut that keeps the characters but not the glyphs their forms need.
    font = TTFont(io.BytesIO(SOURCE))
    options = subset.Options()
    options.layout_features = []
    bare = subset.Subsetter(options)
    bare.populate(text=WORDS)
    bare.subset(font)
    out = io.BytesIO()
    font.save(out)
    assert drawn(out.getvalue(), WORDS) != drawn(SOURCE, WORDS)


def test_the_cut_holds_the_texts_characters_that_the_font_has_and_no_others():
    text = WORDS + "内蒙古 Inner Mongolia 2024"
    small = cut(SOURCE, text)
    assert cmap(small) == set(map(ord, text)) & cmap(SOURCE)
    assert ord("ᠮ") in cmap(small) and ord("ᠸ") not in cmap(small)
    assert small[:4] == b"wOF2" and len(small) < len(SOURCE) / 3


def test_the_same_text_gives_the_same_bytes_and_a_rebuild_reads_them_from_the_cache(tmp_path):
    cache = Cache(tmp_path / "cache")
    first = cut(SOURCE, WORDS, cache)
    assert cut(SOURCE, WORDS[::-1], cache) == first  # order does not matter, only which characters
    assert cache.stats == {"hit": 1, "miss": 1}
    assert cut(SOURCE, WORDS) == first
    assert cut(SOURCE, WORDS + "ᠸ") != first


def _page(path: Path, body: str, stylesheet: bool) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    link = '<link rel="stylesheet" href="../assets/stylesheets/mongolian.css">' if stylesheet else ""
    path.write_text(f"<!doctype html><html><head>{link}</head><body>{body}</body></html>", encoding="utf-8")


def test_the_site_font_has_the_letters_of_the_pages_that_load_it(tmp_path):
    site = tmp_path / "site"
    _page(site / "mn" / "index.html", "<p title=\"ᠪᠢᠴᠢᠭ\">ᠮᠣᠩᠭᠣᠯ &#x1838;</p>", stylesheet=True)
    _page(site / "index.html", "<p>ᠰᠤᠷᠭᠠᠨ 中文</p>", stylesheet=False)  # the language switch, say
    written = web_fonts(ROOT, site)
    assert sorted(written) == ["assets/fonts/NotoSansMongolian-Regular.woff2", "assets/fonts/OFL-NotoSansMongolian.txt"]
    letters = {chr(c) for c in cmap(written[MONGOLIAN.served])} & set(MONGOLIAN_LETTERS)
    assert letters == set("ᠮᠣᠩᠭᠯᠪᠢᠴ\u1838")  # text, attributes and character references
    assert b"SIL Open Font License" in written[MONGOLIAN.served_licence]


def test_no_page_loads_the_font_no_font_is_written(tmp_path):
    _page(tmp_path / "index.html", "<p>ᠮᠣᠩᠭᠣᠯ</p>", stylesheet=False)
    assert web_fonts(ROOT, tmp_path) == {}


def test_the_demo_serves_the_font_to_its_mongolian_pages_only(demo_site: Path):
    font = (demo_site / MONGOLIAN.served).read_bytes()
    assert (demo_site / MONGOLIAN.served_licence).read_bytes() == (ROOT / MONGOLIAN.licence).read_bytes()
    pages = sorted(demo_site.rglob("*.html"))
    linking = [p for p in pages if "assets/stylesheets/mongolian.css" in p.read_text(encoding="utf-8")]
    mongolian = [p for p in pages if p.relative_to(demo_site).parts[0] == "mn"]
    assert mongolian and linking == mongolian
    has = cmap(font)
    for page in mongolian:
        text = page.read_text(encoding="utf-8")
        assert {c for c in text if c in MONGOLIAN_LETTERS and ord(c) not in has} == set(), page
    assert font == cut(SOURCE, pages_text(demo_site, MONGOLIAN.stylesheet))
