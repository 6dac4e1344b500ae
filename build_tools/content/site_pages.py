"""Links written as the site's own URLs (`/events/x/`, copied from the browser's address
bar): each names an item page, whose source file the link then points to."""
from __future__ import annotations

import difflib

from .body_links import page_of, site_path
from .load import Document
from ..core.settings import Settings
from ..core.urls import KIND_FOLDER


class SitePages:
    """The item pages of the site by URL: links written as site URLs (`/events/x/`, copied
    from the browser) are links to the page's source file, so that each language's page
    links to the same language's version."""

    def __init__(self, settings: Settings, sources: list[Document]):
        self.site_url, self.languages = settings.site_url, settings.languages
        self.pages: dict = {}
        for doc in sorted(sources, key=lambda d: d.path):  # the first at a URL has it
            self.pages.setdefault((KIND_FOLDER[doc.kind], doc.slug), doc.path)

    def link(self, target: str, links: dict):
        """None for a link that is not to an item page of this site (or is, and was
        resolved into `links`); else (code, params) of the problem, with the closest page
        of the same kind as a suggestion when one is close."""
        path = site_path(target, self.site_url)
        page = page_of(path, self.languages) if path is not None else None
        if page is None:
            return None
        found = self.pages.get(page)
        if found is not None:
            links[target] = ("page", found)
            return None
        slugs = sorted(slug for folder, slug in self.pages if folder == page[0])
        close = difflib.get_close_matches(page[1], slugs, n=1, cutoff=0.6)
        if not close:
            return "site_page_missing", {"target": target}
        # the address the editor meant, in the form they wrote it (language folder kept)
        lang = path.split("/", 1)[0] if path.split("/", 1)[0] in self.languages else ""
        suggestion = "/" + "/".join(part for part in (lang, page[0], close[0]) if part) + "/"
        return "site_page_missing_suggest", {"target": target, "suggestion": suggestion}
