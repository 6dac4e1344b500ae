"""Fonts the site serves to browsers: a shipped font cut to the characters of the pages that
load it, so that a phone without a font for the script still draws it, and downloads only
what the site's pages use.

Each web font names the stylesheet whose @font-face loads it (WEB_FONTS); the pages that
link that stylesheet are read after the site generator wrote them,
and the font keeps their characters and every glyph its layout features can reach from
them (fontTools' GSUB/GPOS closure), so that letters still take their joined forms.
"""
from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import fontTools
from fontTools import subset
from fontTools.ttLib import TTFont

from .cache import Cache, key_of

# fontTools.subset's options; with the font, the characters and fontTools' version, the cache key.
OPTIONS = {
    "layout_features": ["*"],  # positional forms, ligatures, vertical forms: all of them
    "name_IDs": ["*"],  # the copyright and licence entries stay in the font
    "name_languages": ["*"],
    "notdef_outline": True,
    "hinting": True,  # small text on desktop screens needs them; they add about half to the bytes
    "flavor": "woff2",
}


@dataclass(frozen=True)
class WebFont:
    source: str  # the shipped font, from the project root
    licence: str  # its licence, from the project root; served beside the font
    stylesheet: str  # the site path of the stylesheet whose @font-face loads it
    served: str  # the site path of the font

    @property
    def served_licence(self) -> str:
        return f"{self.served.rsplit('/', 1)[0]}/{Path(self.licence).name}"


MONGOLIAN = WebFont(
    source="assets/fonts/NotoSansMongolian-Regular.woff2",
    licence="assets/fonts/OFL-NotoSansMongolian.txt",
    stylesheet="assets/stylesheets/mongolian.css",
    served="assets/fonts/NotoSansMongolian-Regular.woff2",
)
WEB_FONTS = (MONGOLIAN,)


def web_fonts(root: Path, site_dir: Path, cache: Optional[Cache] = None, fonts=WEB_FONTS) -> dict[str, bytes]:
    """{site path: bytes} of each web font that some page of the built site loads, cut to
    those pages' characters, and of its licence. Nothing for a font no page loads."""
    out: dict[str, bytes] = {}
    for font in fonts:
        text = pages_text(Path(site_dir), font.stylesheet)
        if not text:
            continue
        source = (Path(root) / font.source).read_bytes()
        out[font.served] = cut(source, text, cache)
        out[font.served_licence] = (Path(root) / font.licence).read_bytes()
    return out


def pages_text(site_dir: Path, stylesheet: str) -> str:
    """Every character of the HTML pages that link the stylesheet (markup, attributes and
    the theme's script data included, so that text a script shows is covered too), each once."""
    link = re.compile(r"<link\b[^>]*\bhref=\"(?:[^\"]*/)?" + re.escape(stylesheet) + r"\"", re.I)
    found: set = set()
    for page in sorted(site_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8", errors="replace")
        if link.search(text):
            found.update(html.unescape(text))
    return "".join(sorted(found))


def cut(source: bytes, text: str, cache: Optional[Cache] = None) -> bytes:
    """The font (any format fontTools reads) as WOFF2 with the characters of text that it
    has, and every glyph its layout features reach from them; the same bytes for the same input."""
    font = TTFont(io.BytesIO(source), recalcTimestamp=False, recalcBBoxes=False)
    codes = sorted(set(map(ord, text)) & set(font.getBestCmap()))
    key = key_of(source, codes, fontTools.version, OPTIONS)
    entry = cache.get("webfonts", key, expect=("font.woff2",)) if cache is not None else None
    if entry is not None:
        return entry.path("font.woff2").read_bytes()
    subsetter = subset.Subsetter(subset.Options(**OPTIONS))
    subsetter.populate(unicodes=codes)
    subsetter.subset(font)
    font.flavor = "woff2"
    data = io.BytesIO()
    font.save(data)
    if cache is not None:
        cache.put("webfonts", key, {"font.woff2": data.getvalue()}, {"codes": len(codes)})
    return data.getvalue()
