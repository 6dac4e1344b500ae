"""The pathological corpus: small content files that cost Python-Markdown, PyYAML or the
image encoders minutes, memory or a crash, each with the limit that refuses it; and bodies
just inside the limits, which are published, to show what the limits let through.

Used by `scripts/benchmark-pathological` (times of `campaign check` and a build) and by
tests/test_limits.py (each refused by its structural limit; no timings asserted).
"""
from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Callable, Optional

from PIL import Image

CAMPAIGN = "---\ntitle: 测试活动\nsummary: 活动摘要。\nkind: forum\nyear: 2024\nstart: 2024-06-05\n---\n活动正文。\n"
EVENT_FRONT = "---\ntitle: 活动\nsummary: 摘要\nstart: 2024-06-05\n"
EVENT = "p/events/e.zh.md"  # inside campaigns/


@dataclass(frozen=True)
class Case:
    name: str
    write: Callable[[Path], None]  # writes the case's files into a content folder
    refused_by: Optional[str]  # the message code that refuses it; None: it is published
    line: int = 0  # the line of the refusal in the event file (0: not asserted)


def _event(body: str, front: str = "") -> Callable[[Path], None]:
    def write(content: Path) -> None:
        _write(content / "p/index.zh.md", CAMPAIGN)
        _write(content / EVENT, EVENT_FRONT + front + "---\n" + body)
    return write


def _image(size: tuple, fmt: str, orientation: int = 0) -> Callable[[Path], None]:
    def write(content: Path) -> None:
        _write(content / "p/index.zh.md", CAMPAIGN)
        _write(content / EVENT, EVENT_FRONT + f"cover: tall.{fmt}\ncover_alt: 长图\n---\n正文。\n")
        buf, exif = BytesIO(), Image.Exif()
        if orientation:
            exif[0x0112] = orientation
        Image.new("RGB", size, (90, 140, 90)).save(buf, "JPEG" if fmt == "jpg" else "PNG", exif=exif)
        (content / "p/events").mkdir(parents=True, exist_ok=True)
        (content / f"p/events/tall.{fmt}").write_bytes(buf.getvalue())
    return write


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


def _lists(depth: int, indent: int) -> str:
    return "".join(" " * (indent * i) + "- 项\n" for i in range(depth))


BODY = 6  # the line of the event file where the body starts (after EVENT_FRONT and ---)
CASES = [
    # Openers without closers: the renderer scans to the end of the paragraph for each.
    Case("brackets 20 KB (issue)", _event("[" * 20_000), "body_unclosed_markup", BODY),
    Case("brackets 60 KB (issue)", _event("[" * 60_000), "body_unclosed_markup", BODY),
    Case("brackets in 40 short paragraphs", _event("\n\n".join(["[" * 600] * 40)), "body_unclosed_markup", BODY),
    Case("brackets that never balance", _event("[[]" * 6000), "body_unclosed_markup", BODY),
    Case("images without ) 120 KB (issue)", _event("![a](x" * 20_000), "body_unclosed_markup", BODY),
    Case("links without )", _event("[a](" * 4_500), "body_unclosed_markup", BODY),
    Case("reference links without ]", _event("[a][" * 4_500), "body_unclosed_markup", BODY),
    Case("footnote-like [^", _event("[^" * 9_000), "body_unclosed_markup", BODY),
    Case("tags without >", _event("<a " * 6_000), "body_unclosed_markup", BODY),
    Case("autolinks without >", _event("<http://" * 2_400), "body_unclosed_markup", BODY),
    Case("code spans that never close", _event("``a`" * 4_500), "body_unclosed_markup", BODY),
    Case("attribute lists without }", _event("# 标题 " + "{: " * 6_000), "body_unclosed_markup", BODY),
    # Inline matches each rebuild the paragraph: long paragraphs are refused.
    Case("emphasis in one 200 KB paragraph", _event("*a* " * 50_000), "body_block_too_long", BODY),
    Case("line breaks in one paragraph", _event("a  \n" * 50_000), "body_block_too_long", BODY),
    Case("escapes in one paragraph", _event("\\[" * 50_000), "body_block_too_long", BODY),
    # Headings, rules and list items split their block; the rest is searched again each time.
    Case("4,000 headings without blank lines", _event("# 标题\n" * 4_000), "body_block_too_long", BODY),
    Case("3,000 underlined headings", _event("标题\n===\n" * 3_000), "body_block_too_long", BODY),
    Case("6,000 empty list items", _event("- \n" * 6_000), "body_block_too_long", BODY),
    Case("5,000 rules", _event("***\n" * 5_000), "body_block_too_long", BODY),
    Case("table of 10,000 rows", _event("a|b\n-|-\n" + "[x](y)|[z](w)\n" * 10_000), "body_block_too_long", BODY),
    Case("50 MB body (issue)", _event("文" * 17_000_000), "body_too_large", 1),
    Case("300 KB of short paragraphs", _event("生态文学。\n\n" * 18_000), "body_too_large", BODY),
    # Nesting: Python-Markdown recurses per level.
    Case("lists 200 deep", _event(_lists(200, 4)), "body_nesting_too_deep", BODY + 20),
    Case("lists 2,000 deep on one line", _event("- " * 2_000 + "x\n"), "body_nesting_too_deep", BODY),
    Case("quotes 5,000 deep", _event("> " * 5_000 + "x\n"), "body_nesting_too_deep", BODY),
    Case("numbered lists 3,000 deep", _event("1. " * 3_000 + "x\n"), "body_nesting_too_deep", BODY),
    Case("HTML 40,000 deep", _event("<div>" * 40_000 + "\n"), "html_nesting_too_deep", BODY),
    Case("HTML 1,000 deep over lines", _event("<section>\n" * 1_000), "html_nesting_too_deep", BODY + 100),
    # Front matter: the walker recursed (RecursionError); libyaml's composer crashed.
    Case("front matter 1,000 deep (issue)", _event("x\n", "tags: " + "[" * 1_000 + "]" * 1_000 + "\n"),
         "front_matter_too_deep", 5),
    Case("front matter 30,000 deep", _event("x\n", "tags: " + "[" * 30_000 + "]" * 30_000 + "\n"),
         "front_matter_too_deep", 5),
    Case("front matter mappings 20 deep",
         _event("x\n", "venue:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 20)) + "  " * 20 + "v: 1\n"),
         "front_matter_too_deep", 21),
    # Images beyond what WebP can write.
    Case("PNG 100 x 17,000 (issue)", _image((100, 17_000), "png"), "image_side_too_long", 5),
    Case("JPEG 17,000 x 100 turned upright by EXIF", _image((17_000, 100), "jpg", orientation=6), "image_side_too_long", 5),
    # Just inside the limits: published, and the worst the limits let through.
    Case("accepted: 700 unclosed brackets", _event("[" * 700 + "\n"), None),
    Case("accepted: 12 paragraphs of 19,000 characters of emphasis",
         _event("\n\n".join(["*a* " * 4_750] * 12) + "\n"), None),
    Case("accepted: lists 20 deep", _event(_lists(20, 4)), None),
    Case("accepted: two tables of 400 rows", _event("\n\n".join(["a|b\n-|-\n" + "[链接](https://example.org/)|项目名称\n" * 400] * 2)), None),
    Case("accepted: HTML 100 deep", _event("<div>" * 100 + "x" + "</div>" * 100 + "\n"), None),
    Case("accepted: PNG 1,600 x 16,000", _image((1_600, 16_000), "png"), None),
]
