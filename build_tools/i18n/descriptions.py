"""Page descriptions short enough for result pages: search engines cut a description at about
160 characters of Latin text and about 80 of Chinese, mid-word; we cut first, at a sentence
end, else at a word or clause boundary, and say so with "…"."""
from __future__ import annotations

import re

# Ends of sentences; a full stop counts only before a space (not in 3.5 or e.g.).
_SENTENCE_END = re.compile(r"[。！？!?…](?=.)|\.(?=\s)|[。！？!?….]$")
_BOUNDARY = re.compile(r"[\s，、；：,;:]")
ELLIPSIS = "…"


def clip(text: str, limit: int) -> str:
    """`text` on one line, at most `limit` characters, cut where a reader would cut it."""
    text = " ".join(str(text or "").split())
    if len(text) <= limit:
        return text
    room = text[:limit]
    ends = [m.end() for m in _SENTENCE_END.finditer(room)]
    if ends and ends[-1] >= limit // 2:
        return room[:ends[-1]].rstrip()
    room = text[:limit - len(ELLIPSIS)]
    bounds = [m.start() for m in _BOUNDARY.finditer(text[:limit - len(ELLIPSIS) + 1])]
    cut = bounds[-1] if bounds and bounds[-1] >= limit // 2 else len(room)
    return room[:cut].rstrip(" ，、；：,;:") + ELLIPSIS
