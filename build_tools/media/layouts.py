"""Layouts of generated images (share cards, posters) as data: a YAML file names the
canvas, the fonts, the shapes and the text boxes, each bound to a field by name.
This module reads such a file (with line numbers for its mistakes) and draws it.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from io import BytesIO
from typing import Literal, Optional

from PIL import Image, ImageColor, ImageDraw, ImageOps
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from . import vertical
from .fonts import FontStack, shorten, shrink, wrap
from .cache import key_of
from ..core.problems import Problem, problem
from ..core.settings import Settings
from ..content.strict_yaml import parse_mapping

Box = tuple[int, int, int, int]  # x, y, width, height in pixels from the top left


def _colour(value: str) -> str:
    ImageColor.getrgb(value)  # raises ValueError for what is not a colour
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Shape(_Strict):
    box: Box
    fill: str  # "#rrggbb", or "#rrggbbaa" to let what is under it show through
    _fill = field_validator("fill")(_colour)


class MarkBox(_Strict):
    file: str  # a PNG (with transparency) from the project root: the site's mark
    box: tuple[int, int, int]  # x, y, side


class Column(_Strict):
    """Where a text box's text goes in a language that writes in vertical lines: the box
    holds max_lines lines (columns) side by side, each as long as the box is high; or,
    with `lines: horizontal` (an address), horizontal lines moved out of the columns' way."""
    box: Box
    size: int = Field(gt=0)
    min_size: Optional[int] = Field(default=None, gt=0)
    max_lines: int = Field(default=1, gt=0)
    line_height: float = Field(default=1.25, gt=0)  # the distance between lines, in sizes
    lines: Literal["vertical", "horizontal"] = "vertical"
    colour: Optional[str] = None  # where the box's own colour would not show there
    _colour = field_validator("colour")(lambda v: v if v is None else _colour(v))


class TextBox(_Strict):
    field: str  # which value to write (the fields a layout may use are listed in its file)
    box: Box
    size: int = Field(gt=0)  # font size in pixels
    min_size: Optional[int] = Field(default=None, gt=0)  # shrink down to this before cutting
    max_lines: int = Field(default=1, gt=0)
    line_height: float = Field(default=1.25, gt=0)
    colour: str = "#000000"
    align: Literal["left", "center"] = "left"
    label: Optional[str] = None  # an interface string (msgid) written before the value
    # An address: lines break only after "/" or at spaces, and the text shrinks (below
    # min_size if it must) rather than being cut, so it can still be typed in.
    unbreakable: bool = False
    vertical: Optional[Column] = None  # in vertical writing (Mongolian); else drawn as above
    _colour = field_validator("colour")(_colour)


class PhotoBox(_Strict):
    box: Box  # the photo covers the box, cut evenly at its long sides
    fill: str  # drawn when the item has no photo
    _fill = field_validator("fill")(_colour)


class QRBox(_Strict):
    box: tuple[int, int, int]  # x, y, side (quiet zone included)
    colour: str = "#000000"
    background: str = "#ffffff"
    _c = field_validator("colour", "background")(_colour)


class Layout(_Strict):
    size: tuple[int, int]
    fonts: list[str] = Field(min_length=1)  # paths from the project root; the first font that has a character draws it
    background: str = "#ffffff"
    shapes: list[Shape] = []
    texts: list[TextBox] = []
    qr: Optional[QRBox] = None
    photo: Optional[PhotoBox] = None
    overlays: list[Shape] = []  # drawn over the photo (a band that keeps text legible on it)
    mark: Optional[MarkBox] = None
    _bg = field_validator("background")(_colour)


@dataclass
class Loaded:
    layout: Layout
    stack: FontStack
    fingerprint: str  # of the layout file, its fonts and its mark
    mark: Optional[bytes] = None  # the mark's PNG


def load(settings: Settings, rel: str, cache=None, stacks: Optional[dict] = None) -> tuple[Optional[Loaded], list[Problem]]:
    """Read a layout file (path from the project root) and its fonts; `stacks` shares
    font stacks between layouts that name the same fonts."""
    path = settings.root / rel
    if not path.is_file():
        return None, [problem(rel, 1, "", "layout_missing")]
    text = path.read_text(encoding="utf-8")
    parsed = parse_mapping(text)
    problems = [problem(rel, i.line, i.field, i.code, i.severity, **i.params) for i in parsed.issues]
    if problems:
        return None, problems
    try:
        layout = Layout.model_validate(parsed.data)
    except ValidationError as exc:
        out = []
        for err in exc.errors():
            fld = ".".join(str(x) for x in err["loc"])
            line = _line(parsed.lines, fld)
            out.append(problem(rel, line, fld, "layout_invalid", detail=err["msg"]))
        return None, out
    missing = [f for f in layout.fonts if not (settings.root / f).is_file()]
    if missing:
        return None, [problem(rel, _line(parsed.lines, "fonts"), "fonts", "font_missing", font=f) for f in missing]
    stacks = {} if stacks is None else stacks
    if tuple(layout.fonts) not in stacks:
        stacks[tuple(layout.fonts)] = FontStack([settings.root / f for f in layout.fonts], cache)
    stack = stacks[tuple(layout.fonts)]
    mark = None
    if layout.mark is not None:
        if not (settings.root / layout.mark.file).is_file():
            return None, [problem(rel, _line(parsed.lines, "mark.file"), "mark.file", "mark_missing", file=layout.mark.file)]
        mark = (settings.root / layout.mark.file).read_bytes()
    return Loaded(layout, stack, key_of(text, stack.fingerprint, *([mark] if mark else [])), mark), []


def _line(lines: dict, fld: str) -> int:
    parts = fld.split(".")
    while parts:
        if ".".join(parts) in lines:
            return lines[".".join(parts)]
        parts.pop()
    return 1


def fit(stack: FontStack, box: TextBox, text: str) -> tuple[int, list[str]]:
    """The largest size from box.size down to box.min_size at which text fits the box;
    at the smallest size, the last line is cut with an ellipsis."""
    if box.unbreakable:
        return _fit_whole(stack, box, text)
    _x, _y, width, height = box.box
    return shrink(box.size, box.min_size or box.size, height, box.line_height, box.max_lines,
                  lambda size, _rows: wrap(stack, text, size, width),
                  lambda line, size: shorten(stack, line, size, width))


def _fit_whole(stack: FontStack, box: TextBox, text: str) -> tuple[int, list[str]]:
    """Pieces that end after "/" or a space, packed into lines; never cut inside a piece."""
    _x, _y, width, height = box.box
    pieces = re.findall(r"[^/ ]*(?:/+| +|$)", text.strip())
    pieces = [p for p in pieces if p]
    size = box.size
    while True:
        lines = [""]
        for piece in pieces:
            if lines[-1] and stack.width(lines[-1] + piece.rstrip(), size) > width:
                lines.append("")
            lines[-1] += piece
        lines = [line.rstrip() for line in lines]
        rows = min(box.max_lines, max(1, int(height // (size * box.line_height))))
        fits = len(lines) <= rows and all(stack.width(line, size) <= width for line in lines)
        if fits or size <= 4:
            return size, lines
        size -= 2


@dataclass(frozen=True)
class Line:
    """One line of text where it is drawn, in layout units."""
    field: str
    x: float
    baseline: float
    text: str
    size: int
    colour: str
    column: float = 0  # a vertical line's column width (x is its left, baseline its top); 0: horizontal


def plan(loaded: Loaded, values: dict, labels: Optional[dict] = None, separator: str = ": ",
         writing_mode: str = "horizontal-tb") -> list[Line]:
    """Where every line of text goes; `labels` turns a box's label (an interface msgid)
    into the page's language. Raster and PDF drawings share it, so they break alike.
    In a vertical writing mode, boxes with a `vertical` column box are written there."""
    layout, stack = loaded.layout, loaded.stack
    lines = []
    for box in layout.texts:
        text = values.get(box.field) or ""
        if not text:
            continue
        if box.label:
            text = f"{(labels or {}).get(box.label, box.label)}{separator}{text}"
        if box.vertical is not None and vertical.is_vertical(writing_mode):
            if box.vertical.lines == "vertical":
                lines.extend(_columns(stack, box, text, writing_mode))
                continue
            moved = box.vertical.model_dump(exclude={"lines", "colour"})
            box = box.model_copy(update={**moved, "colour": box.vertical.colour or box.colour})
        size, rows = fit(stack, box, text)
        x0, y0, width, _h = box.box
        step = size * box.line_height
        for n, row in enumerate(rows):
            baseline = y0 + n * step + size * 0.92  # ascent of CJK faces is about 0.9 em
            x = x0 if box.align == "left" else x0 + (width - stack.width(row, size)) / 2
            lines.append(Line(box.field, x, baseline, row, size, box.colour))
    return lines


def _columns(stack: FontStack, box: TextBox, text: str, writing_mode: str) -> list[Line]:
    column = box.vertical
    size, rows = vertical.fit(stack, column, text)
    x0, y0, width, _h = column.box
    step = size * column.line_height
    right_to_left = writing_mode.endswith("rl")
    return [Line(box.field, x0 + width - (n + 1) * step if right_to_left else x0 + n * step, y0, row, size,
                 column.colour or box.colour, column=step) for n, row in enumerate(rows)]


@functools.lru_cache(maxsize=8)
def _sized_mark(png: bytes, side: int) -> Image.Image:
    """The mark at a size, made once per process: every card and poster pastes the same one
    (decoding and resampling it took a third of a card's drawing)."""
    with Image.open(BytesIO(png)) as mark:
        return mark.convert("RGBA").resize((side, side), Image.Resampling.LANCZOS)


def draw(loaded: Loaded, values: dict, labels: Optional[dict] = None, separator: str = ": ", qr_matrix=None,
         scale: float = 1.0, photo: Optional[Image.Image] = None,
         writing_mode: str = "horizontal-tb") -> tuple[Image.Image, list]:
    """The image, and the boxes drawn (field, (left, top, right, bottom)), for checks.
    `scale` draws a smaller copy (a preview); `photo` fills the layout's photo box."""
    layout, stack = loaded.layout, loaded.stack
    image = Image.new("RGB", (round(layout.size[0] * scale), round(layout.size[1] * scale)), layout.background)
    pen = ImageDraw.Draw(image)
    drawn = []

    def px(box):
        return [round(v * scale) for v in box]

    for shape in layout.shapes:
        _fill(image, pen, px(shape.box), shape.fill)
    if layout.photo is not None:
        x, y, w, h = px(layout.photo.box)
        if photo is None:
            pen.rectangle((x, y, x + w - 1, y + h - 1), fill=layout.photo.fill)
        else:  # cover-fit: scaled to fill the box, cut evenly at the sides that overflow, never stretched
            image.paste(ImageOps.fit(photo.convert("RGB"), (w, h), Image.Resampling.LANCZOS), (x, y))
    for shape in layout.overlays:
        _fill(image, pen, px(shape.box), shape.fill)
    if layout.mark is not None and loaded.mark is not None:
        x, y, side = layout.mark.box
        sized = _sized_mark(loaded.mark, round(side * scale))
        image.paste(sized, (round(x * scale), round(y * scale)), sized)
    for line in plan(loaded, values, labels, separator, writing_mode):
        size = max(1, round(line.size * scale))
        if line.column:
            inks = vertical.draw(image, stack, line.x * scale, line.baseline * scale, line.column * scale, line.text,
                                size, line.colour)
            drawn.extend((line.field, ink) for ink in inks)
            continue
        for ink in stack.draw(pen, line.x * scale, line.baseline * scale, line.text, size, line.colour):
            drawn.append((line.field, ink))
    if layout.qr is not None and qr_matrix is not None:
        drawn.append(("qr", _draw_qr(pen, layout.qr, qr_matrix, scale)))
    return image, drawn


def _fill(image: Image.Image, pen: ImageDraw.ImageDraw, box, colour: str) -> None:
    """A rectangle; one with an alpha value is blended over what is drawn under it."""
    x, y, w, h = box
    rgba = ImageColor.getrgb(colour)
    if len(rgba) == 3 or rgba[3] == 255:
        pen.rectangle((x, y, x + w - 1, y + h - 1), fill=rgba[:3])
        return
    region = image.crop((x, y, x + w, y + h))
    image.paste(Image.blend(region, Image.new("RGB", region.size, rgba[:3]), rgba[3] / 255), (x, y))


def qr_modules(qr: QRBox, matrix) -> tuple[int, list]:
    """The module size and the dark runs of each row, (left, top, width), with a quiet
    zone of four modules; whole units, so a scanner sees square modules."""
    rows = [list(r) for r in matrix]
    count = len(rows) + 8
    x0, y0, side = qr.box
    module = side // count
    inset = (side - module * count) // 2
    runs = []
    for r, row in enumerate(rows):
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                runs.append((x0 + inset + (start + 4) * module, y0 + inset + (r + 4) * module, (c - start) * module))
            else:
                c += 1
    return module, runs


def _draw_qr(pen: ImageDraw.ImageDraw, qr: QRBox, matrix, scale: float) -> tuple:
    x0, y0, side = qr.box
    pen.rectangle((round(x0 * scale), round(y0 * scale), round((x0 + side) * scale) - 1, round((y0 + side) * scale) - 1),
                  fill=qr.background)
    module, runs = qr_modules(qr, matrix)
    for left, top, width in runs:
        pen.rectangle((round(left * scale), round(top * scale), round((left + width) * scale) - 1,
                       round((top + module) * scale) - 1), fill=qr.colour)
    return (x0, y0, x0 + side, y0 + side)
