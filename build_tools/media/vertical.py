"""Vertical text on generated images, for languages that write in vertical lines
(traditional Mongolian: top to bottom, the lines following each other left to right).

Mongolian fonts draw their letters for horizontal lines, turned a quarter to the left
(the Unicode standard's horizontal presentation): a line is shaped horizontally by
HarfBuzz, so its letters take their joined forms, then turned 90° clockwise, which puts
the start of the word at the top. Chinese characters in such a line stand upright, one
under the other, as browsers draw them (`text-orientation: mixed`). Lines break at
spaces only: a narrow no-break space (U+202F) binds a suffix to its word.
"""
from __future__ import annotations

import re
import unicodedata

from PIL import Image, ImageDraw

from .fonts import MEASURE, FontStack, JOINING, shrink

_SPACES = re.compile(r"[ \t\n\u3000]+")
ELLIPSES = ("\u1801", "…")  # Mongolian ellipsis first, where the text and a font have it


def is_vertical(writing_mode: str) -> bool:
    return writing_mode.startswith("vertical")


def upright(ch: str) -> bool:
    """Characters that stand upright in a vertical line (Chinese, full-width forms)."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def pieces(stack: FontStack, text: str) -> list[tuple[int, str, bool]]:
    """(font index, text, upright) in order: the stack's runs, cut where orientation changes."""
    out: list[tuple[int, str, bool]] = []
    for index, part in stack.runs(text):
        for ch in part:
            up = upright(ch)
            if out and out[-1][0] == index and out[-1][2] == up:
                out[-1] = (index, out[-1][1] + ch, up)
            else:
                out.append((index, ch, up))
    return out


def length(stack: FontStack, text: str, size: int) -> float:
    """How far a vertical line of text reaches down at size; 1 % generous, as it is
    scaled from MEASURE."""
    total = 0.0
    for index, part, up in pieces(stack, text):
        total += MEASURE * len(part) if up else stack.run_font(index, part, MEASURE).getlength(part)
    return 1.01 * size / MEASURE * total


def columns(stack: FontStack, text: str, size: int, height: float, limit: int = 0) -> list[str]:
    """Lines no longer than height, broken at spaces; a word longer than the height alone
    is cut between characters (its joined forms change there, but nothing is lost). With a
    limit, stops once there are more lines than that (the rest would be cut anyway)."""
    lines: list[str] = []
    for word in _SPACES.split(text.strip()):
        if limit and len(lines) > limit:
            break
        if not word:
            continue
        if lines and length(stack, f"{lines[-1]} {word}", size) <= height:
            lines[-1] = f"{lines[-1]} {word}"
            continue
        while len(word) > 1 and not (limit and len(lines) > limit):
            cut = _longest_prefix(stack, word, size, height)
            if cut == len(word):
                break
            lines.append(word[:cut])
            word = word[cut:]
        lines.append(word)
    return lines


def _longest_prefix(stack: FontStack, word: str, size: int, height: float) -> int:
    """How many characters of word fit height (at least one): prefixes doubling until one
    does not fit, then bisection, so a long word costs a few measurements of short prefixes."""
    low, high = 1, 1
    while high < len(word) and length(stack, word[:high], size) <= height:
        low, high = high, min(2 * high, len(word))
    if length(stack, word[:high], size) <= height:
        return high
    while high - low > 1:  # word[:low] fits, word[:high] does not
        middle = (low + high) // 2
        if length(stack, word[:middle], size) <= height:
            low = middle
        else:
            high = middle
    return low


def shorten(stack: FontStack, line: str, size: int, height: float) -> str:
    """The line cut to fit height with an ellipsis at its end (Mongolian ᠁ in Mongolian text)."""
    mongolian = JOINING.search(line) and stack.index(ELLIPSES[0]) is not None
    mark = ELLIPSES[0] if mongolian else ELLIPSES[1]
    while line and length(stack, line.rstrip() + mark, size) > height:
        line = line[:-1]
    return line.rstrip() + mark


def fit(stack: FontStack, column, text: str) -> tuple[int, list[str]]:
    """The largest size from column.size down to column.min_size at which text fits the
    column box in column.max_lines lines; at the smallest, the last line is cut."""
    _x, _y, width, height = column.box
    return shrink(column.size, column.min_size or column.size, width, column.line_height, column.max_lines,
                  lambda size, rows: columns(stack, text, size, height, limit=rows),
                  lambda line, size: shorten(stack, line, size, height))


UPRIGHT_BASELINE = 0.88  # an upright character's baseline below its top, in sizes


def place(stack: FontStack, left: float, top: float, width: float, text: str, size: int) -> list[tuple]:
    """Where each piece of a vertical line goes: (font index, text, upright, x, y), x and y
    the pen's place on the baseline; a sideways piece is drawn from there, turned 90°
    clockwise about it, with its ink centred across the column. Raster and PDF drawings
    share it, so the preview shows the poster."""
    out = []
    y = top
    for index, part, up in pieces(stack, text):
        font = stack.run_font(index, part, MEASURE)
        scale = size / MEASURE
        if up:
            for ch in part:
                out.append((index, ch, True, left + (width - font.getlength(ch) * scale) / 2, y + size * UPRIGHT_BASELINE))
                y += size
            continue
        _l, ink_top, _r, ink_bottom = font.getbbox(part, anchor="ls")
        # Turned clockwise, what was above the baseline lies to its right.
        out.append((index, part, False, left + width / 2 + (ink_top + ink_bottom) * scale / 2, y))
        y += font.getlength(part) * scale
    return out


def draw(image: Image.Image, stack: FontStack, left: float, top: float, width: float, text: str,
         size: int, fill) -> list:
    """Draw one vertical line in the column [left, left + width) from top down; the ink boxes."""
    boxes = []
    pen = ImageDraw.Draw(image)
    for index, part, up, x, y in place(stack, left, top, width, text, size):
        font = stack.run_font(index, part, size)
        stroke = max(1, size // 36) if index > 0 else 0  # as on horizontal lines: fallbacks made bold
        if up:
            pen.text((x, y), part, font=font, fill=fill, anchor="ls", stroke_width=stroke, stroke_fill=fill)
            box = pen.textbbox((x, y), part, font=font, anchor="ls", stroke_width=stroke)
        else:
            box = _sideways(image, font, part, x, y, stroke, fill)
        if box is not None and box[2] > box[0]:
            boxes.append(box)
    return boxes


def _sideways(image: Image.Image, font, part: str, x: float, y: float, stroke: int, fill):
    """A shaped run drawn horizontally on a mask, turned 90° clockwise so that its pen's
    place on the baseline lands on (x, y); the ink box."""
    ink = font.getbbox(part, anchor="ls", stroke_width=stroke)  # relative to the pen on the baseline
    if ink[2] <= ink[0]:
        return None
    pad = stroke + 2
    left, top = min(ink[0], 0) - pad, ink[1] - pad
    mask = Image.new("L", (ink[2] - left + pad, ink[3] - top + pad), 0)
    ImageDraw.Draw(mask).text((-left, -top), part, font=font, fill=255, anchor="ls", stroke_width=stroke, stroke_fill=255)
    turned = mask.transpose(Image.Transpose.ROTATE_270)
    # Turned clockwise, a point (u, v) of the mask goes to (height - 1 - v, u): the pen at
    # (-left, -top) goes to (height - 1 + top, -left).
    dx, dy = round(x - (mask.height - 1 + top)), round(y + left)
    image.paste(Image.new(image.mode, turned.size, fill), (dx, dy), turned)
    return (round(x) - ink[3], round(y) + ink[0], round(x) - ink[1], round(y) + ink[2])
