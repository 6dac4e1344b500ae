"""Search indexes for the languages other than the source language.

Material's search plugin indexes the source language's pages into search/search_index.json
(our other-language pages carry `search.exclude`). This writes one index per other
language, in the same format, at <lang>/search/search_index.json; each language's pages
point Material's search at their own index (the adapter gives them that language's
root as the search base), so that a search returns pages in the reader's language
only and a reader downloads one language's index, not all of them.
"""
from __future__ import annotations

import json
import re
from html import escape
from dataclasses import dataclass
from html.parser import HTMLParser

from ..i18n.languages import languages

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
SKIPPED = {"script", "style", "template", "svg"}
_SPACE = re.compile(r"\s+")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


@dataclass(frozen=True)
class IndexedPage:
    url: str  # relative to the language's root, as the search base resolves it
    title: str
    html: str  # the rendered body of the page


def index_files(settings, indexed: dict) -> dict[str, bytes]:
    """{site path: index} for every language but the source; indexed: code -> {url: IndexedPage}."""
    return {f"{lang.prefix}search/search_index.json": build_index(lang.search_config(), list(indexed.get(lang.code, {}).values()))
            for lang in languages(settings)[1:]}


def build_index(config: dict, pages: list[IndexedPage]) -> bytes:
    """The index file: Material's format ({config, docs}), one doc per section."""
    docs = []
    for page in sorted(pages, key=lambda p: p.url):
        docs.extend(_sections(page))
    data = {"config": config, "docs": docs}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def _sections(page: IndexedPage) -> list[dict]:
    parser = _Sections()
    parser.feed(page.html)
    parser.close()
    out = []
    for number, (anchor, title, text) in enumerate(parser.sections):
        title, text = _clean(title), _clean(text)
        if number == 0 and not title:
            title = page.title
        if not (title or text):
            continue
        location = f"{page.url}#{anchor}" if anchor else page.url
        out.append({"location": location, "title": segment(title), "text": segment(text)})
    return out


def _clean(parts: list[str]) -> str:
    return _SPACE.sub(" ", "".join(parts)).strip()


def segment(text: str) -> str:
    """Chinese runs cut into words (jieba), with zero-width spaces between them, as
    Material's plugin does, so that its search finds words inside Chinese sentences."""
    if not _HAN.search(text):
        return text
    try:
        import jieba
    except ImportError:  # pragma: no cover - jieba is a dependency
        return text
    return _HAN.sub(lambda m: "\u200b" + "\u200b".join(jieba.cut(m.group(0))) + "\u200b", text).strip("\u200b")


class _Sections(HTMLParser):
    """Splits a page body into (anchor, title parts, text parts) at each heading."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sections: list = [("", [], [])]
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
        if tag in HEADINGS:
            self.sections.append((attrs.get("id") or "", [], []))
            self._heading = tag
        elif tag in BREAKS:
            self._add(" ")

    def handle_endtag(self, tag):
        if self._skip:
            if self._skip[-1] == tag:
                self._skip.pop()
            return
        if tag == self._heading:
            self._heading = None
        elif tag in BREAKS:
            self._add(" ")

    def handle_data(self, data):
        # Escaped, as in Material's index: its search shows results as HTML.
        if not self._skip:
            self._add(escape(data, quote=False))

    def _add(self, text: str) -> None:
        _anchor, title, body = self.sections[-1]
        (title if self._heading else body).append(text)


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
BREAKS = {"p", "li", "dt", "dd", "br", "div", "section", "tr", "td", "th", "figcaption", "blockquote"}
