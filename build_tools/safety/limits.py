"""Limits that refuse a Markdown body before anything renders it.

Python-Markdown (MkDocs' renderer) has quadratic cases: an opening `[`, `(`, `<`, `{` or
backtick run without its closer makes it scan to the end of the paragraph once per opener
(`"[" * 20000` takes minutes), and every inline match rebuilds the paragraph's text. Deeply
nested lists recurse until Python gives up; nh3 slows down on deeply nested HTML. The scan
here is linear and runs where every body is loaded (content/load.py, docs_checks.py), so
`campaign check` and the build refuse the same files, and a refused body is never rendered.
Measurements and the chosen numbers: DESIGN.md, "Limits before rendering".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# About 85,000 Chinese characters: far beyond any page of the site, small enough that the
# worst body the other limits let through renders in seconds.
MAX_BODY_BYTES = 256 * 1024
MAX_BLOCK_CHARS = 20_000  # one paragraph, list or table (text between blank lines)
# Headings, rules and list items split their block, and the renderer searches the rest of the
# block again at each split: lines × characters of each block, summed over the body.
MAX_BLOCK_WEIGHT = 20_000_000
MAX_SCAN = 500_000  # characters the renderer may scan looking for closers, in the whole body
MAX_NESTING = 20  # lists and quotes inside each other
MAX_HTML_DEPTH = 100  # HTML elements inside each other

CODES = ("body_too_large", "body_block_too_long", "body_unclosed_markup", "body_nesting_too_deep",
         "html_nesting_too_deep")

_CLOSER = {"[": "]", "(": ")", "<": ">", "{": "}"}
_TOKEN = re.compile(r"\\.|`+|[\[\]()<>{}]", re.S)
_BLANK = re.compile(r"[ \t]*")
_MARKERS = re.compile(r"(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))+")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^<>]*?(/?)>")
# Elements that never hold others, or that the HTML parser closes by itself at the next one.
_FLAT = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead",
         "tbody", "tfoot", "colgroup", "rt", "rp"}


@dataclass(frozen=True)
class Refusal:
    line: int  # 1-based, within the body
    code: str  # message code
    params: dict = field(default_factory=dict)


def body_limits(body: str) -> list[Refusal]:
    """Why this body must not be rendered (nothing: it may be). Linear in the body's length."""
    size = len(body.encode("utf-8"))
    if size > MAX_BODY_BYTES:
        return [Refusal(1, "body_too_large", {"size": size, "limit": MAX_BODY_BYTES})]
    lines = body.split("\n")
    found = [*_blocks(lines), *_nesting(lines), *_html_depth(body)]
    return sorted(found, key=lambda r: r.line)


def _blocks(lines: list[str]) -> list[Refusal]:
    out, total, worst = [], 0, None  # worst: (cost, line, char) of the costliest opener
    weight, heaviest = 0, None  # lines × characters of each block, summed; the heaviest block
    start = 0
    for index in range(len(lines) + 1):
        if index < len(lines) and not _BLANK.fullmatch(lines[index]):
            continue
        if index > start:
            block = "\n".join(lines[start:index])
            shape = {"lines": index - start, "length": len(block)}
            if len(block) > MAX_BLOCK_CHARS:
                out.append(Refusal(start + 1, "body_block_too_long", shape))
            weight += shape["lines"] * shape["length"]
            if heaviest is None or shape["lines"] * shape["length"] > heaviest[1]:
                heaviest = (start + 1, shape["lines"] * shape["length"], shape)
            cost, at, char = _scan_cost(block)
            total += cost
            if at is not None and (worst is None or cost > worst[0]):
                worst = (cost, start + 1 + block.count("\n", 0, at), char)
        start = index + 1
    if weight > MAX_BLOCK_WEIGHT and not out:
        out.append(Refusal(heaviest[0], "body_block_too_long", heaviest[2]))
    if total > MAX_SCAN and worst is not None:
        out.append(Refusal(worst[1], "body_unclosed_markup", {"char": worst[2], "cost": total, "limit": MAX_SCAN}))
    return out


def _scan_cost(block: str):
    """(characters scanned for closers, position and character of the first unclosed opener).
    Brackets pair by nesting, as the renderer counts them; an opener without a closer costs
    the rest of the block. Backtick runs pair in turn when all have one length; runs of
    several lengths can each make the renderer scan to the end (it loses its place in a
    longer run), so each costs the rest of the block."""
    end = len(block)
    cost = 0
    open_at: dict = {c: [] for c in _CLOSER}
    runs: list = []  # (position, length) of each backtick run
    for token in _TOKEN.finditer(block):
        text, pos = token.group(), token.start()
        if text[0] == "\\":
            continue
        if text[0] == "`":
            runs.append((pos, len(text)))
        elif text in _CLOSER:
            open_at[text].append(pos)
        else:
            stack = open_at["[({<"["])}>".index(text)]]
            if stack:
                cost += pos - stack.pop()
    unclosed = [p for stack in open_at.values() for p in stack]
    if len({n for _, n in runs}) > 1:
        unclosed += [p for p, _ in runs]
    else:
        cost += sum(runs[i + 1][0] - runs[i][0] for i in range(0, len(runs) - 1, 2))
        unclosed += [runs[-1][0]] if len(runs) % 2 else []
    cost += sum(end - p for p in unclosed)
    first = min(unclosed) if unclosed else None
    return cost, first, (block[first] if first is not None else "")


def _nesting(lines: list[str]) -> list[Refusal]:
    for index, line in enumerate(lines):
        prefix = _MARKERS.match(line)
        if not prefix:
            continue
        text = prefix.group()
        markers = sum(1 for c in text if c not in " \t")
        # a number marker counts once, however many digits it has
        markers -= sum(len(m) - 1 for m in re.findall(r"\d+[.)]", text))
        depth = markers + text.expandtabs(4).count(" ") // 4
        if depth > MAX_NESTING:
            return [Refusal(index + 1, "body_nesting_too_deep", {"depth": depth, "limit": MAX_NESTING})]
    return []


def _html_depth(body: str) -> list[Refusal]:
    if "<" not in body:
        return []
    depth = 0
    for tag in _TAG.finditer(body):
        closing, name, self_closing = tag.groups()
        name = name.lower()
        if name in _FLAT or self_closing:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        if depth > MAX_HTML_DEPTH:
            line = body.count("\n", 0, tag.start()) + 1
            return [Refusal(line, "html_nesting_too_deep", {"limit": MAX_HTML_DEPTH})]
    return []
