"""Markers of generated blocks (`<!-- campaigns:home -->`) and the pages that may hold them.

A marker is replaced by markup our templates made, which the raw-HTML policy trusts; so
it is honoured only in the hand-written page configured for its block (in every language:
`index.md`, `en/index.md`). Anywhere else it is an editor's error (see safety/html_policy.py).
"""
from __future__ import annotations

import re

MARKER = "<!-- campaigns:{name} -->"
MARKER_START = MARKER.split("{", 1)[0]
# block name -> the hand-written page (language-neutral path inside docs/) that shows it
BLOCK_PAGES = {"home": "index.md"}
# What a browser's HTML parser reads as a marker: a comment whose text starts with it.
_COMMENT = re.compile(r"\s*campaigns:\s*([^\s]*)", re.I)


def marker_in_comment(comment: str):
    """The block name of a comment's text that is a marker (`campaigns:home`), else None."""
    match = _COMMENT.match(comment)
    return match.group(1) if match else None


def allowed(name: str, page: str) -> bool:
    """Whether the block `name` may be filled into `page` (a language-neutral docs path)."""
    return BLOCK_PAGES.get(name) == page
