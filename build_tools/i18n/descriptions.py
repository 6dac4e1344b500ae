"""Page descriptions short enough for result pages: search engines cut a description at about
160 characters of Latin text and about 80 of Chinese, mid-word; we cut first, at a sentence
end, else at a word or clause boundary, and say so with "…"."""
from __future__ import annotations

import re

# Ends of sentences; a full stop counts only before a space (not in 3.5 or e.g.). ᠃ is the
# Mongolian full stop, ᠂ and ᠄ its comma and colon.
_SENTENCE_END = re.compile(r"[。！？!?…᠃](?=.)|\.(?=\s)|[。！？!?….᠃]$")
# White space but U+202F, which joins a Mongolian case suffix to its word.
_SPACES = re.compile(r"[^\S\u202f]+")
_BOUNDARY = re.compile(r"[^\S\u202f]|[，、；：,;:᠂᠄]")
ELLIPSIS = "…"


def one_line(text) -> str:
    """Text on one line, runs of white space as one space; NNBSP stays as written."""
    return _SPACES.sub(" ", str(text or "")).strip(" ")


def clip(text: str, limit: int) -> str:
    """`text` on one line, at most `limit` characters, cut where a reader would cut it."""
    text = one_line(text)
    if len(text) <= limit:
        return text
    room = text[:limit]
    ends = [m.end() for m in _SENTENCE_END.finditer(room)]
    if ends and ends[-1] >= limit // 2:
        return room[:ends[-1]].rstrip()
    room = text[:limit - len(ELLIPSIS)]
    bounds = [m.start() for m in _BOUNDARY.finditer(text[:limit - len(ELLIPSIS) + 1])]
    cut = bounds[-1] if bounds and bounds[-1] >= limit // 2 else len(room)
    return room[:cut].rstrip(" ，、；：,;:᠂᠄") + ELLIPSIS
