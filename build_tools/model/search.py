"""Which search index holds a page. The site generator indexes the source language's
pages; every other language has an index of its own (written after the build, see
safety/finish.py), so that a reader searches the pages of their language only. It holds
that language's real pages: not fallbacks, which only say that a page is missing, and not
pages whose front matter says `search: {exclude: true}`."""
from __future__ import annotations

from typing import Optional

from .page_map import PageMap


def own_index(pages: Optional[PageMap], src: str, meta: dict) -> Optional[str]:
    """The language whose own index holds the page, or None (the generator's or no index)."""
    record = pages.get(src) if pages is not None else None
    if record is None or record.fallback or record.lang == pages.settings.source_language:
        return None
    search = meta.get("search")
    if isinstance(search, dict) and search.get("exclude"):
        return None
    return record.lang
