"""Which search index holds a page. Each language has an index of its own (written after
the build, see safety/finish.py), so that a reader searches the pages of their language
only. It holds that language's real pages: not fallbacks, which only say that a page is
missing, and not pages whose front matter says `search: {exclude: true}`. A page the page
map does not know (a hand-written page outside it) is in the source language's index if
it is in the source language."""
from __future__ import annotations

from typing import Optional

from .page_map import PageMap


def own_index(pages: Optional[PageMap], src: str, meta: dict, lang: str, is_source: bool) -> Optional[str]:
    """The language whose index holds the page (lang: the page's language), or None."""
    search = meta.get("search")
    if isinstance(search, dict) and search.get("exclude"):
        return None
    record = pages.get(src) if pages is not None else None
    if record is None:
        return lang if is_source else None
    return None if record.fallback else record.lang
