"""Text on generated images: a stack of shipped fonts, where the first font that has a
character draws it, line breaking for Chinese and English, and coverage checks.

Coverage comes from each font's character map (fontTools), so a character no font has
is known before anything is drawn: it is reported, never drawn as a box.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path
from typing import Optional

from fontTools.ttLib import TTFont
from PIL import ImageDraw, ImageFont

# Characters that must not begin or end a line (Chinese and Western punctuation).
NO_START = set("，。、；：？！）」』》〉】〕〗”’…—～%·,.;:?!)]}>")
NO_END = set("（「『《〈【〔〖“‘([{<")
ELLIPSIS = "…"
# A word is not broken: Latin, and Mongolian (its suffixes bound by U+202F, its joiners).
_WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F'’\-_/.@:&+#]+|[\u1800-\u18AF\u202F\u200C\u200D]+|\s+|.", re.S)
_SPACE = re.compile(r"[^\S\u202F]+")  # white space but the narrow no-break space
# Scripts whose letters take their form from their neighbours (Mongolian): drawn through
# HarfBuzz (Pillow's raqm layout), and their joiners and vowel separator are kept.
JOINING = re.compile("[\u1800-\u18AF\U00011660-\U0001167F]")
JOINERS = "\u180e\u200c\u200d"


def ignorable(ch: str) -> bool:
    """Characters that draw nothing by themselves (joiners, variation selectors, controls)."""
    return (unicodedata.category(ch) in ("Cf", "Cc") and ch != "\n") or "\ufe00" <= ch <= "\ufe0f"


MEASURE = 200  # text is measured at this size and scaled: advances are linear without hinting


class FontStack:
    def __init__(self, paths: list[Path], cache=None):
        self.paths = [Path(p) for p in paths]
        self._fonts: dict = {}
        self.hashes = [hashlib.sha256(p.read_bytes()).hexdigest() for p in self.paths]
        self._cmaps = [_cmap(p, h, cache) for p, h in zip(self.paths, self.hashes)]
        self.fingerprint = hashlib.sha256("".join(self.hashes).encode()).hexdigest()

    def index(self, ch: str) -> Optional[int]:
        code = ord(ch)
        for i, cmap in enumerate(self._cmaps):
            if code in cmap:
                return i
        return None

    def missing(self, text: str) -> list[str]:
        """Characters of text that no font of the stack has, each once, in order."""
        return [ch for ch in dict.fromkeys(text) if not ch.isspace() and not ignorable(ch) and self.index(ch) is None]

    def font(self, index: int, size: int, shaped: bool = False) -> ImageFont.FreeTypeFont:
        key = (index, size, shaped)
        if key not in self._fonts:
            # The basic layout for Chinese: no shaping is needed, and it is the same everywhere.
            engine = ImageFont.Layout.RAQM if shaped else ImageFont.Layout.BASIC
            self._fonts[key] = ImageFont.truetype(str(self.paths[index]), size, layout_engine=engine)
        return self._fonts[key]

    def run_font(self, index: int, part: str, size: int) -> ImageFont.FreeTypeFont:
        """The font that draws a run: shaped where its letters join."""
        return self.font(index, size, bool(JOINING.search(part)))

    def runs(self, text: str) -> list[tuple[int, str]]:
        """Text cut where the drawing font changes; spaces go with the run before them."""
        runs: list[tuple[int, str]] = []
        for ch in text:
            if ignorable(ch):
                if ch in JOINERS and runs and JOINING.search(runs[-1][1]):
                    runs[-1] = (runs[-1][0], runs[-1][1] + ch)  # they change the next letter's form
                continue
            index = self.index(ch)
            if index is None:
                index = runs[-1][0] if runs and ch.isspace() else 0
            if runs and (runs[-1][0] == index or ch.isspace()):
                runs[-1] = (runs[-1][0], runs[-1][1] + ch)
            else:
                runs.append((index, ch))
        return runs

    def width(self, text: str, size: int) -> float:
        """The advance of text at size; 1 % generous, as it is scaled from MEASURE."""
        return 1.01 * size / MEASURE * sum(self.run_font(i, part, MEASURE).getlength(part) for i, part in self.runs(text))

    def draw(self, draw: ImageDraw.ImageDraw, x: float, baseline: float, text: str, size: int, fill) -> list:
        """Draw text with its left end at x on the baseline; the ink boxes drawn."""
        boxes = []
        for index, part in self.runs(text):
            font = self.run_font(index, part, size)
            # Fallback fonts have one weight: a thin outline makes them as bold as the first.
            stroke = max(1, size // 36) if index > 0 else 0
            draw.text((x, baseline), part, font=font, fill=fill, anchor="ls", stroke_width=stroke, stroke_fill=fill)
            box = draw.textbbox((x, baseline), part, font=font, anchor="ls", stroke_width=stroke)
            if box[2] > box[0]:
                boxes.append(box)
            x += font.getlength(part)
        return boxes


def _cmap(path: Path, digest: str, cache) -> frozenset:
    """The characters a font has; read once per font file (reading a WOFF2 takes a while)."""
    entry = cache.get("fonts", digest) if cache is not None else None
    if entry is not None:
        return frozenset(entry.meta["cmap"])
    codes = sorted(TTFont(path, lazy=True).getBestCmap())
    if cache is not None:
        cache.put("fonts", digest, {}, {"cmap": codes})
    return frozenset(codes)


def wrap(stack: FontStack, text: str, size: int, width: float) -> list[str]:
    """Lines no wider than width, breaking between Chinese characters or at spaces,
    never starting a line with closing punctuation nor ending one with an opening one."""
    tokens = _WORD.findall(_SPACE.sub(" ", text).strip())
    lines: list[list[str]] = [[]]
    for token in tokens:
        line = lines[-1]
        if token.isspace():
            if line:
                line.append(" ")
            continue
        if not line or stack.width("".join(line) + token, size) <= width:
            line.append(token)
            continue
        carried: list[str] = []
        while line and line[-1] == " ":
            line.pop()
        # Keep punctuation with its neighbour: carry the last token down with it.
        if token[0] in NO_START and len(line) > 1:
            carried.append(line.pop())
        while len(line) > 1 and line[-1][-1] in NO_END:
            carried.insert(0, line.pop())
        lines.append(carried + [token])
    result = []
    for line in lines:
        joined = "".join(line).strip()
        if joined:
            result.extend(_split_long(stack, joined, size, width))
    return result


def _split_long(stack: FontStack, line: str, size: int, width: float) -> list[str]:
    """A single word wider than the box (a long URL) is cut by characters."""
    if stack.width(line, size) <= width:
        return [line]
    out, current = [], ""
    for ch in line:
        if current and stack.width(current + ch, size) > width:
            out.append(current)
            current = ch.lstrip()
        else:
            current += ch
    if current:
        out.append(current)
    return out


def shrink(size: int, smallest: int, across: float, line_height: float, max_lines: int, lay, cut):
    """The largest size from `size` down to `smallest` at which lay(size, rows) gives no
    more lines than fit `across` (at most max_lines); at the smallest, the last line is cut
    with cut(line, size). Horizontal boxes and vertical columns shrink alike."""
    while True:
        rows = min(max_lines, max(1, int(across // (size * line_height))))
        lines = lay(size, rows)
        if len(lines) <= rows or size <= smallest:
            break
        size = max(smallest, size - 2)
    if len(lines) > rows:
        lines = lines[:rows]
        lines[-1] = cut(lines[-1], size)
    return size, lines


def shorten(stack: FontStack, line: str, size: int, width: float) -> str:
    """The line cut to fit width with an ellipsis at its end."""
    while line and stack.width(line.rstrip() + ELLIPSIS, size) > width:
        line = line[:-1]
    return line.rstrip() + ELLIPSIS
