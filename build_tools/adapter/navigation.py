"""Per-language navigation: pages in another language than the source get the navigation
of mkdocs.yml with each page replaced by its version in their language."""
from __future__ import annotations

import logging

from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.nav import Link, Navigation, Section

from ..i18n.languages import languages, split
from .theme_context import escaped

log = logging.getLogger("mkdocs.plugins.campaigns")


def keep_out_of_nav(settings, files) -> None:
    """Pages in other languages are in their language's navigation, not in the one of mkdocs.yml."""
    for file in files.documentation_pages():
        if split(settings, file.src_uri)[0] != settings.source_language and file.inclusion.is_in_nav():
            file.inclusion = InclusionLevel.NOT_IN_NAV


def language_navs(settings, nav, files) -> dict:
    """language code -> Navigation, the source language's being MkDocs' own."""
    navs = {settings.source_language: nav}
    for lang in languages(settings)[1:]:
        navs[lang.code] = _language_nav(settings, nav, lang, files)
    return navs


def read_titles(navs: dict, config) -> None:
    """A --dirty build reads only the pages it writes again, and a navigation shows the
    titles of the others: without this, None. Their sources are read (not rendered), and
    their metadata escaped as on_page_markdown does for every page of a full build."""
    for nav in navs.values():
        for page in nav.pages:
            if page.markdown is None:
                page.read_source(config)
                page.meta.update({k: escaped(v) for k, v in page.meta.items()})


def _language_nav(settings, nav, lang, files) -> Navigation:
    def convert(item, parent=None):
        if item.is_page:
            neutral = split(settings, item.file.src_uri)[1]
            found = files.get_file_from_path(lang.src(neutral))
            new = found.page if found is not None and found.page is not None else item
        elif item.is_section:
            label = lang.nav_label(item.title)
            if label is None:
                log.warning("navigation section %r has no label for %s: add it under "
                            "plugins.campaigns.language_options.%s.nav", item.title, lang.code, lang.code)
            new = Section(label or item.title, [])
            new.children = [convert(child, new) for child in item.children]
        else:
            new = Link(item.title, item.url)
        new.parent = parent
        return new

    items = [convert(item) for item in nav.items]
    pages = []

    def collect(nodes):
        for node in nodes:
            if node.is_page:
                pages.append(node)
            elif node.is_section:
                collect(node.children)
    collect(items)
    for before, page, after in zip([None, *pages[:-1]], pages, [*pages[1:], None]):
        page.previous_page, page.next_page = before, after
    result = Navigation(items, pages)
    home = files.get_file_from_path(lang.src("index.md"))
    result.homepage = home.page if home is not None else None
    return result
