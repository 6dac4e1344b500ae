"""Vector posters: a layout's shapes, photo, text and QR code as one PDF page (fpdf2).

Text stays text: fpdf2 embeds a subset of each shipped font (through fontTools), so the
poster is small, prints sharp at any size and its words can be selected and searched.
Layout units are pixels at 300 dpi; a PDF measures in points (1/72 inch).
"""
from __future__ import annotations

from datetime import datetime, timezone
from io import BytesIO
from typing import Optional

import fpdf
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import TextMode
from PIL import Image, ImageColor

from .cache import Cache, key_of
from . import vertical
from .fonts import JOINING, FontStack
from .layouts import Line, Loaded, qr_modules

POINT = 72 / 300
# The PDF's creation date is fixed: a poster's bytes depend on its content only, so the
# cache and every build give the same file.
CREATED = datetime(2000, 1, 1, tzinfo=timezone.utc)
VERSION = fpdf.FPDF_VERSION


def sfnt_files(stack: FontStack, cache: Cache, needed=None) -> list[Optional[str]]:
    """Plain OpenType copies of the stack's WOFF2 fonts (those `needed`, by index; None for
    the others), made once into the cache: fpdf2 reads fonts with fontTools, which unpacks
    a WOFF2 in Python (6 s for the fallback font), and would do it for every poster."""
    out: list[Optional[str]] = []
    for index, (path, digest) in enumerate(zip(stack.paths, stack.hashes)):
        if needed is not None and index not in needed:
            out.append(None)
            continue
        key = key_of("sfnt", digest)
        entry = cache.get("fonts", key)
        if entry is None:
            font = TTFont(path)
            font.flavor = None
            buf = BytesIO()
            font.save(buf)
            name = "font.otf" if "CFF " in font else "font.ttf"  # fpdf2 goes by the ending
            entry = cache.put("fonts", key, {name: buf.getvalue()}, {})
        out.append(str(entry.path(next(iter(entry.files)))))
    return out


def fonts_used(stack: FontStack, texts) -> set:
    """The indexes of the stack's fonts that draw some character of texts."""
    return {index for text in texts for index, _part in stack.runs(text)}


def _rgb(colour: str) -> tuple:
    return ImageColor.getrgb(colour)[:3]


def page(loaded: Loaded, lines: list[Line], fonts: list[str], qr_matrix=None, photo: Optional[str] = None,
         title: str = "", lang: str = "") -> bytes:
    """The PDF; `photo` is a JPEG or PNG file that covers the layout's photo box."""
    layout, stack = loaded.layout, loaded.stack
    pdf = FPDF(unit="pt", format=(layout.size[0] * POINT, layout.size[1] * POINT))
    pdf.set_creation_date(CREATED)
    pdf.set_title(title)
    if lang:
        pdf.set_lang(lang)
    pdf.set_auto_page_break(False)
    pdf.set_margin(0)
    used = fonts_used(stack, (line.text for line in lines))
    for i, file in enumerate(fonts):
        if i in used:  # reading a font costs more than drawing the page
            pdf.add_font(f"f{i}", fname=file)
    pdf.add_page()

    def rect(box, colour):
        x, y, w, h = box
        pdf.set_fill_color(*_rgb(colour))
        pdf.rect(x * POINT, y * POINT, w * POINT, h * POINT, style="F")

    rect((0, 0, *layout.size), layout.background)
    for shape in layout.shapes:
        rect(shape.box, shape.fill)
    if layout.photo is not None:
        if photo is None:
            rect(layout.photo.box, layout.photo.fill)
        else:
            _cover(pdf, layout.photo.box, photo)
    for shape in layout.overlays:
        rgba = ImageColor.getrgb(shape.fill)
        with pdf.local_context(fill_opacity=(rgba[3] if len(rgba) == 4 else 255) / 255):
            rect(shape.box, shape.fill)
    if layout.mark is not None and loaded.mark is not None:
        x, y, side = (v * POINT for v in layout.mark.box)
        pdf.image(BytesIO(loaded.mark), x=x, y=y, w=side, h=side)
    for line in lines:
        _text(pdf, stack, line)
    if layout.qr is not None and qr_matrix is not None:
        x0, y0, side = layout.qr.box
        rect((x0, y0, side, side), layout.qr.background)
        module, runs = qr_modules(layout.qr, qr_matrix)
        for left, top, width in runs:
            rect((left, top, width, module), layout.qr.colour)
    return bytes(pdf.output())


def _cover(pdf: FPDF, box, photo: str) -> None:
    """The photo scaled to cover the box, cut evenly at the sides that overflow."""
    x, y, w, h = (v * POINT for v in box)
    with Image.open(photo) as image:  # reads the header only
        width, height = image.size
    ratio = max(w / width, h / height)
    pw, ph = width * ratio, height * ratio
    with pdf.rect_clip(x, y, w, h):
        pdf.image(photo, x=x + (w - pw) / 2, y=y + (h - ph) / 2, w=pw, h=ph)


def _text(pdf: FPDF, stack: FontStack, line: Line) -> None:
    x = line.x * POINT
    size = line.size * POINT
    pdf.set_fill_color(*_rgb(line.colour))
    pdf.set_text_color(*_rgb(line.colour))  # fpdf2 fills text with this, not the fill colour
    pdf.set_draw_color(*_rgb(line.colour))
    if line.column:
        _vertical(pdf, stack, line)
        return
    for index, part in stack.runs(line.text):
        _pen(pdf, index, line)
        if JOINING.search(part):
            x += _shaped(pdf, x, line.baseline * POINT, part, size)
        else:
            pdf.text(x, line.baseline * POINT, part)
            x += pdf.get_string_width(part)


def _pen(pdf: FPDF, index: int, line: Line) -> None:
    pdf.set_font(f"f{index}", size=line.size * POINT)
    # Fallback fonts have one weight: an outline makes them as bold as the first, as on cards.
    if index > 0:
        pdf.text_mode = TextMode.FILL_STROKE
        pdf.set_line_width(2 * max(1, line.size // 36) * POINT)
    else:
        pdf.text_mode = TextMode.FILL


def _vertical(pdf: FPDF, stack: FontStack, line: Line) -> None:
    """A vertical line, placed as on the preview: sideways runs turned clockwise."""
    for index, part, up, x, y in vertical.place(stack, line.x, line.baseline, line.column, line.text, line.size):
        _pen(pdf, index, line)
        if up:
            pdf.text(x * POINT, y * POINT, part)
            continue
        with pdf.rotation(-90, x * POINT, y * POINT):
            _shaped(pdf, x * POINT, y * POINT, part, line.size * POINT)


def _shaped(pdf: FPDF, x: float, baseline: float, text: str, size: float) -> float:
    """Text through HarfBuzz, its letters in their joined forms; its advance. fpdf2 shapes
    only in cells, whose baseline lies 0.8 of the font size below the top of a cell as high
    as the size."""
    pdf.set_text_shaping(True)
    margin, pdf.c_margin = pdf.c_margin, 0
    pdf.set_xy(x, baseline - 0.8 * size)
    pdf.cell(h=size, text=text)
    advance = pdf.get_string_width(text)
    pdf.c_margin = margin
    pdf.set_text_shaping(False)
    return advance
