"""Every page in every language: which exist, which are fallbacks, where each one's switch goes.

Pages are matched across languages by their language-neutral path (events/x.md and
en/events/x.md). Where a page has no version in a language, that language gets a
fallback page at the same place, in the reader's language, naming the page and
linking to the original: a language switch or an edited URL never ends on a 404.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import Optional

import yaml

from ..core import urls
from ..i18n.docs_pages import load_docs_pages
from ..i18n.languages import Language, language, languages, split
from ..i18n.translation_status import FIELD, STALE, TRANSLATED, UNRECORDED, UNTRANSLATED, fingerprint, item_fields, state
from .lastmod import page_dates


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # titles of our own generated pages


@dataclass
class PageRecord:
    src: str  # path in the site's source tree, e.g. en/events/x.md
    lang: str
    neutral: str  # e.g. events/x.md
    title: str
    fallback: bool = False
    translation: str = TRANSLATED  # the translation state, for pages in another language than the source


@dataclass
class PageMap:
    settings: object
    pages: dict = field(default_factory=dict)  # src -> PageRecord
    by_neutral: dict = field(default_factory=dict)  # neutral -> {lang: PageRecord}
    notices: dict = field(default_factory=dict)  # src -> HTML shown at the top of the page
    lastmod: dict = field(default_factory=dict)  # src -> date the page's sources last changed (lastmod.py)

    def add(self, record: PageRecord) -> None:
        self.pages[record.src] = record
        self.by_neutral.setdefault(record.neutral, {})[record.lang] = record

    def get(self, src: str) -> Optional[PageRecord]:
        return self.pages.get(src)

    def versions(self, src: str) -> list[PageRecord]:
        """The real (not fallback) pages of the same page, in the configured language order."""
        record = self.pages.get(src)
        if record is None:
            return []
        found = self.by_neutral.get(record.neutral, {})
        return [found[c] for c in self.settings.languages if c in found and not found[c].fallback]

    def original(self, neutral: str) -> Optional[PageRecord]:
        """The page a fallback points to: the source language's, else the first that exists."""
        versions = self.by_neutral.get(neutral, {})
        for code in self.settings.languages:
            if code in versions and not versions[code].fallback:
                return versions[code]
        return None

    def page_languages(self, src: str) -> Optional[dict]:
        """What a page's head and language switch need (URLs relative to the page, except hreflang ones)."""
        record = self.pages.get(src)
        if record is None:
            return None
        lang = language(self.settings, record.lang)
        versions = self.by_neutral[record.neutral]
        switch = []
        for other in languages(self.settings):
            target = versions.get(other.code)
            if target is None:  # only pages the site does not know about
                continue
            switch.append({
                "code": other.code, "name": other.name, "hreflang": other.tag,
                "href": urls.relative(src, urls.page_url(target.src)),
                "current": other.code == record.lang, "fallback": target.fallback,
            })
        real = self.versions(src)
        alternates = [{"hreflang": language(self.settings, r.lang).tag, "href": self.absolute(r.src)} for r in real]
        if real:
            default = next((r for r in real if r.lang == self.settings.source_language), real[0])
            alternates.append({"hreflang": "x-default", "href": self.absolute(default.src)})
        return {
            "lang": lang,
            "fallback": record.fallback,
            "switch": switch,
            "alternates": alternates,
            "search_base": urls.relative(src, urls.page_url(lang.src("index.md"))),
            "notice": self.notices.get(src, ""),
        }

    def absolute(self, src: str) -> str:
        base = self.settings.site_url or "/"
        return base.rstrip("/") + "/" + urls.page_url(src)

    def sitemap(self) -> list[dict]:
        """Every real page with its alternates: what sitemap.xml lists (fallbacks are not indexed)."""
        entries = []
        for src in sorted(self.pages):
            record = self.pages[src]
            if record.fallback:
                continue
            info = self.page_languages(src)
            entries.append({"loc": self.absolute(src), "alternates": info["alternates"],
                            "lastmod": self.lastmod[src].isoformat() if src in self.lastmod else None})
        return entries


def build_page_map(site, outputs: list, render_fallback, render_notice) -> tuple[PageMap, list]:
    """The page map of a build, and the fallback pages it needs.

    `render_fallback(record, original, lang) -> Output` and `render_notice(record, original, lang) -> str`
    come from the renderer, so that this module decides only what exists where.
    """
    settings = site.settings
    pmap = PageMap(settings)
    docs = load_docs_pages(settings)
    for page in docs:
        pmap.add(PageRecord(page.src, page.lang, page.neutral, page.title))
    for output in outputs:
        if output.is_page and output.content is not None and output.path not in pmap.pages:
            lang, neutral = split(settings, output.path)
            pmap.add(PageRecord(output.path, lang, neutral, _title(output.content) or posixpath.basename(neutral)))
    _translation_states(site, pmap, docs)
    fallbacks = []
    for neutral in sorted(pmap.by_neutral):
        original = pmap.original(neutral)
        for lang in languages(settings):
            if lang.code in pmap.by_neutral[neutral]:
                continue
            record = PageRecord(lang.src(neutral), lang.code, neutral, original.title, fallback=True)
            fallbacks.append(render_fallback(record, original, lang))
            pmap.add(record)
    for src, record in pmap.pages.items():
        if record.translation in (STALE, UNRECORDED, UNTRANSLATED) and not record.fallback:
            original = pmap.by_neutral[record.neutral].get(settings.source_language)
            if original is not None:
                pmap.notices[src] = render_notice(record, original, language(settings, record.lang))
    pmap.lastmod = page_dates(site, pmap, docs)
    return pmap, fallbacks


def _title(content: bytes) -> str:
    text = content.decode("utf-8")
    if not text.startswith("---\n"):
        return ""
    end = text.find("\n---", 4)
    if end < 0:
        return ""
    try:
        meta = yaml.load(text[4:end], Loader=_LOADER) or {}
    except yaml.YAMLError:
        return ""
    title = meta.get("title") if isinstance(meta, dict) else None
    return str(title) if title else ""


def _translation_states(site, pmap: PageMap, docs: list) -> None:
    """Mark translated pages whose source changed since (stale) or whose state is unknown."""
    settings = site.settings
    for entry in site.entries:
        source = entry.item.source.doc
        source_print = fingerprint(item_fields(source), source.body)
        for code, version in entry.item.translations.items():
            if code not in settings.languages:
                continue
            src = language(settings, code).src(urls.item_src(entry.kind, entry.slug))
            record = pmap.get(src)
            if record is not None:
                doc = version.doc
                record.translation = state(source_print, fingerprint(item_fields(doc), doc.body), doc.data.get(FIELD))
    pages = {(p.lang, p.neutral): p for p in docs}
    for (code, neutral), page in pages.items():
        source = pages.get((settings.source_language, neutral))
        if code == settings.source_language or source is None:
            continue
        record = pmap.get(page.src)
        record.translation = state(fingerprint(source.fields(), source.body),
                                   fingerprint(page.fields(), page.body), page.meta.get(FIELD))


def language_of(settings, src: str) -> Language:
    return language(settings, split(settings, src)[0])
