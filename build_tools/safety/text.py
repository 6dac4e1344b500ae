"""Text as editors paste it, made safe to publish: NFC, no invisible controls.

Word processors and WeChat articles leave characters behind that readers never
see but that break XML feeds (U+000B), spoof the reading order of a line (bidi
controls) or split words for search (zero-width spaces). Mongolian and emoji use
some of these characters on purpose, so those uses are kept.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..core.printable import codepoint

# Embedding, override and isolate controls, and the bidi marks: refused.
BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
# Characters XML 1.0 forbids (C0 except tab/LF/CR, U+FFFE/U+FFFF), plus DEL and C1,
# which are never text: removed.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Zero-width characters with no meaning between Chinese or Latin letters.
_ZERO_WIDTH = "\u200b\u2060\ufeff"
_JOINERS = "\u200c\u200d"  # ZWNJ, ZWJ: kept inside emoji and joining scripts
_INVISIBLE = re.compile(f"[{_ZERO_WIDTH}{_JOINERS}]")


@dataclass(frozen=True)
class TextIssue:
    line: int  # 1-based line of the text
    code: str
    char: str  # e.g. "U+202E"


def clean(text: str) -> tuple[str, list[TextIssue]]:
    """NFC text without controls or stray zero-width characters; bidi controls are
    reported (and removed, so that the rest of the file can still be checked).
    Line breaks are kept, so line numbers stay valid."""
    issues = [
        TextIssue(text.count("\n", 0, m.start()) + 1, "bidi_control", codepoint(m.group()))
        for m in re.finditer(f"[{''.join(sorted(BIDI))}]", text)
    ]
    text = text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
    text = _CONTROL.sub("", text)
    if issues:
        text = "".join(c for c in text if c not in BIDI)
    text = _INVISIBLE.sub(lambda m: _keep_joiner(m), text)
    return unicodedata.normalize("NFC", text), issues


def _keep_joiner(match: re.Match) -> str:
    char = match.group()
    if char not in _JOINERS:
        return ""
    text, at = match.string, match.start()
    before = text[at - 1] if at > 0 else ""
    after = text[at + 1] if at + 1 < len(text) else ""
    return char if _joining(before) or _joining(after) else ""


def _joining(char: str) -> bool:
    """Characters next to which ZWJ/ZWNJ carry meaning: emoji and their modifiers,
    and letters of scripts that join (Mongolian, Arabic, Indic, ...)."""
    if not char:
        return False
    code = ord(char)
    if code >= 0x1F000 or 0x2300 <= code <= 0x2BFF or code in (0xFE0F, 0x20E3):
        return True  # emoji, pictographs, variation selector 16, keycap
    if 0x1800 <= code <= 0x18AF:
        return True  # Mongolian, including its free variation selectors
    if code < 0x0590 or 0x2E80 <= code <= 0xD7FF or 0xF900 <= code <= 0xFFEF:
        return False  # Latin, Greek, Cyrillic; CJK, kana, hangul, full-width forms
    return unicodedata.category(char)[0] in "LM"


def xml_safe(text: str) -> str:
    """Text that XML 1.0 accepts: for feeds, sitemaps and anything else in XML."""
    return _XML_FORBIDDEN.sub("", text)
