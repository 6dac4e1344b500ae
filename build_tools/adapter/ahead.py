"""Work on each page done in worker processes while MkDocs renders the next pages (a full
`mkdocs build` on more than one core): the page's search entries, with its Chinese cut into
words, and the safety scan of its HTML. The last step of the build takes these results
instead of doing the work again, in the same order, so the site's bytes do not change; a
scan result counts only for a file that holds exactly the bytes that were scanned.
"""
from __future__ import annotations

from typing import Optional

from ..core.workers import Background, cores
from ..safety.scan import KnownScripts, digest, scan_markup
from .search_index import IndexedPage, page_sections
from .segments import Segments

# What the workers need, set here before they are forked (so never sent to them).
_inherited: dict = {}


def _search_job(page: IndexedPage) -> tuple:
    segments: Segments = _inherited["segments"]
    segments.begin()
    entries = page_sections(page, segments)
    return entries, segments.fresh, segments.used


def _scan_job(rel: str, html: str) -> list:
    return scan_markup(rel, html, _inherited["known"], _inherited["embed_hosts"])


class Ahead:
    def __init__(self, segments: Segments, known: KnownScripts, embed_hosts):
        _inherited.update(segments=segments, known=known, embed_hosts=tuple(embed_hosts))
        self.segments = segments
        self.background = Background(max(1, cores() - 1))  # this process renders meanwhile

    @staticmethod
    def start(segments: Segments, known: KnownScripts, embed_hosts) -> Optional["Ahead"]:
        """An Ahead, where workers can run beside this process; else None (the work waits for
        the last step)."""
        return Ahead(segments, known, embed_hosts) if Background.possible() else None

    def index(self, page: IndexedPage) -> None:
        self.background.submit(("search", page), _search_job, page)

    def scan(self, rel: str, html: str) -> None:
        data = html.encode("utf-8", errors="xmlcharrefreplace")  # as MkDocs writes a page
        self.background.submit(("scan", rel, digest(data)), _scan_job, rel, html)

    def finish(self) -> tuple[dict, dict]:
        """({IndexedPage: search entries}, {site path: (digest, scan problems)}); the cuts the
        workers made join the segments cache."""
        entries, scans = {}, {}
        for key, found in self.background.results().items():
            if key[0] == "search":
                entries[key[1]], fresh, used = found
                self.segments.absorb(fresh, used)
            else:
                scans[key[1]] = (key[2], found)
        return entries, scans

    def close(self) -> None:
        self.background.close()
