"""The search indexes, one per language, in the format Material's search worker reads.

Every page carries `search.exclude` for Material's search plugin, which therefore indexes
nothing (it still writes an empty index and keeps its search box and worker); this writes
each language's index from the rendered pages at <lang prefix>search/search_index.json,
the source language's at search/search_index.json with the plugin's own settings. Each
language's pages point Material's search at their own index (the adapter gives them that
language's root as the search base), so that a search returns pages in the reader's
language only and a reader downloads one language's index, not all of them. Chinese text
is cut into words by adapter/segments.py, which remembers the cuts between builds.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from typing import Callable, Optional

from .segments import cut
from ..i18n.languages import languages

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
SKIPPED = {"script", "style", "template", "svg"}
# Runs of white space become one space, except U+202F (NNBSP), which in Mongolian joins a
# case suffix to its word and decides the suffix's shape: it stays as written.
_SPACE = re.compile(r"[^\S\u202f]+")


@dataclass(frozen=True)
class IndexedPage:
    url: str  # relative to the language's root, as the search base resolves it
    title: str
    html: str  # the rendered body of the page
    tags: tuple = ()  # front matter `tags`, which Material's search weighs most
    boost: Optional[float] = None  # front matter `search.boost`


def index_files(settings, indexed: dict, source_config: Optional[dict],
                segment: Callable[[str], str] = cut, memo: Optional[dict] = None) -> dict[str, bytes]:
    """{site path: index} per language; indexed: code -> {url: IndexedPage}. The source
    language's index takes Material's search settings (source_config); without them (no
    search plugin) the source language has no index of ours. memo: {IndexedPage: entries}
    of the build before (a --dirty rebuild carries most pages unchanged), left holding
    this build's."""
    found, used = {}, {}
    for lang in languages(settings):
        config = lang.search_config() if not lang.is_source else source_config
        if config is not None:
            pages = list(indexed.get(lang.code, {}).values())
            found[f"{lang.prefix}search/search_index.json"] = build_index(config, pages, segment, memo, used)
    if memo is not None:
        memo.clear()
        memo.update(used)
    return found


def build_index(config: dict, pages: list[IndexedPage], segment: Callable[[str], str] = cut,
                memo: Optional[dict] = None, used: Optional[dict] = None) -> bytes:
    """The index file: Material's format ({config, docs}), one doc per section."""
    docs = []
    for page in sorted(pages, key=lambda p: p.url):
        found = memo.get(page) if memo is not None else None
        if found is None:
            found = page_sections(page, segment)
        if used is not None:
            used[page] = found
        docs.extend(found)
    data = {"config": config, "docs": docs}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def page_sections(page: IndexedPage, segment: Callable[[str], str]) -> list[dict]:
    """A page's entries in the index: one per section."""
    parser = _Sections()
    parser.feed(page.html)
    parser.close()
    sections = parser.sections
    if len(sections) > 1 and not _clean(sections[0][3]) and sections[1][0] == "h1":
        # The page's own heading, nothing before it: one section at the page's address, as in Material.
        sections = [("", "", sections[1][2], sections[1][3]), *sections[2:]]
    out = []
    for number, (_tag, anchor, title, text) in enumerate(sections):
        title, text = _clean(title), _clean(text)
        if number == 0 and not title:
            title = page.title
        if not (title or text):
            continue
        location = f"{page.url}#{anchor}" if anchor else page.url
        doc = {"location": location, "title": segment(title), "text": segment(text)}
        if page.tags:
            doc["tags"] = list(page.tags)
        if page.boost is not None:
            doc["boost"] = page.boost
        out.append(doc)
    return out


def _clean(parts: list[str]) -> str:
    return _SPACE.sub(" ", "".join(parts)).strip()


class _Sections(HTMLParser):
    """Splits a page body into (heading tag, anchor, title parts, text parts) at each heading
    that has an id (one can link to it); another heading's words join the section's text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sections: list = [("", "", [], [])]
        self._heading = None
        self._skip = []  # tags whose content is not indexed, innermost last

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self._skip:
            if tag not in VOID:
                self._skip.append(tag)
            return
        if tag in SKIPPED or "data-search-exclude" in attrs or "headerlink" in (attrs.get("class") or "").split():
            if tag not in VOID:
                self._skip.append(tag)
            return
        if tag in HEADINGS and attrs.get("id"):
            self.sections.append((tag, attrs["id"], [], []))
            self._heading = tag
        elif tag in BREAKS or tag in HEADINGS:
            self._add(" ")

    def handle_endtag(self, tag):
        if self._skip:
            if self._skip[-1] == tag:
                self._skip.pop()
            return
        if tag == self._heading:
            self._heading = None
        elif tag in BREAKS or tag in HEADINGS:
            self._add(" ")

    def handle_data(self, data):
        # Escaped, as in Material's index: its search shows results as HTML.
        if not self._skip:
            self._add(escape(data, quote=False))

    def _add(self, text: str) -> None:
        _tag, _anchor, title, body = self.sections[-1]
        (title if self._heading else body).append(text)


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
BREAKS = {"p", "li", "dt", "dd", "br", "div", "section", "tr", "td", "th", "figcaption", "blockquote"}
