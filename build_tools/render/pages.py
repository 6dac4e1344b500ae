"""Render: the site model → generated pages (Markdown with HTML blocks) and files.

Values from content are escaped by Jinja's autoescape; editors' Markdown bodies go
into the page as Markdown, with their links pointed at the generated pages.
"""
from __future__ import annotations

import math
from functools import partial
from typing import Optional


from ..content.body_links import rewrite, split_target, unlink
from ..content.load import KIND_FOLDERS
from ..core import urls
from ..core.memo import Memo
from ..core.output import Output
from ..i18n.languages import Language
from ..media import pictures
from ..media.stage import Media
from ..model.site import Entry, Site, sort_key
from . import reuse
from .blocks import block_name
from .context import ItemPage, PageContext
from .environment import environment, front_matter, html_block
from .campaign import sections as campaign_sections
from .home import render_home

# A campaign's key visual: the phone's width; beside the facts on a desktop.
BANNER_SIZES = "(min-width: 76.25em) 36rem, (min-width: 60em) 55vw, 100vw"


# Material's sidebars an item page does without, so that its text and facts get the width:
# the navigation sidebar is empty beside an item; an event's body seldom has headings.
WIDE = {"event": ("navigation", "toc"), "story": ("navigation",), "campaign": ("navigation",)}


def render_site(site: Site, media: Media, generators=(), sections=None,
                memo: Optional[Memo] = None) -> tuple[list[Output], dict]:
    """Every generated output (with the images stage's files), and the blocks that
    hand-written pages embed.

    `generators` are functions site -> [Output] for the other outputs (calendars,
    feeds...); each handles the languages itself. `sections` are the parts of item
    pages that later rooms render (name -> function(page context, entry) -> Markup).
    `memo`, a preview server's, keeps item pages across its rebuilds (see reuse.py);
    without it the languages are rendered side by side in workers.
    """
    outputs: list[Output] = []
    blocks: dict = {}
    reused = None
    if memo is not None:
        memo.turn()
        reused = (memo, reuse.fingerprint(site, media))
    # A preview server's memo is kept in this process: its languages are rendered in turn.
    done = site.per_language(lambda s, lang: [(lang, render_language(s, media, lang, sections, reused))],
                             serial=memo is not None)
    for lang, (pages, home) in done:
        outputs.extend(pages)
        blocks[block_name("home", lang)] = home
    outputs.extend(media.outputs)
    for generate in generators:
        outputs.extend(generate(site))
    return _one_per_path(outputs), blocks


def render_language(site: Site, media: Media, lang: Language, sections=None, reused=None) -> tuple[list[Output], str]:
    """A language's item and index pages, and its home block; reused: (memo, site
    fingerprint) of a preview server, whose item pages it may take from the build before."""
    outputs = []
    sources = _page_sources(site, lang)
    repeated = _repeated_titles(site, lang)
    for entry in site.entries:
        if entry.item.version(lang.code) is None:
            continue
        make = partial(render_item, site, media, entry, lang, sources, sections, repeated)
        if reused is None or entry.kind == "campaign":
            outputs.append(make())
        else:
            memo, site_print = reused
            outputs.append(memo.get(reuse.page_key(site_print, entry, lang.code), make))
    for kind in urls.KIND_FOLDER:
        outputs.extend(render_index(site, media, kind, lang, sources))
    return outputs, render_home(site, media, lang, sources)


def _page_sources(site: Site, lang: Language) -> dict:
    """Content file path → the generated page's source path, for links in bodies."""
    prefix = lang.prefix
    sources = {}
    for e in site.entries:
        version = e.item.version(lang.code)
        if version is not None:
            sources[version.doc.path] = urls.item_src(e.kind, e.slug, prefix)
        sources.setdefault(e.item.source.doc.path, urls.item_src(e.kind, e.slug, prefix))
    return sources


def _repeated_titles(site: Site, lang: Language) -> frozenset:
    """Titles that more than one item of the language has (a campaign and its main event)."""
    seen, repeated = set(), set()
    for entry in site.entries:
        version = entry.item.version(lang.code)
        if version is not None:
            title = version.model.title
            (repeated if title in seen else seen).add(title)
    return frozenset(repeated)


def page_title(page: PageContext, entry: Entry, title: str, repeated: frozenset) -> str:
    """The page's <title>: an item's title, with its kind where another item has the same
    title (search results and tabs would show two identical titles). Campaigns keep theirs."""
    if title not in repeated or entry.kind == "campaign":
        return title
    _ = page._
    return f"{title} · {({'event': _('Event'), 'story': _('Story'), 'article': _('News article')})[entry.kind]}"


def _one_per_path(outputs: list[Output]) -> list[Output]:
    """Sorted outputs; two outputs at one path is a bug, never a silent overwrite."""
    by_path: dict[str, Output] = {}
    for output in outputs:
        if output.path in by_path:
            raise ValueError(f"two generated outputs at {output.path}")
        by_path[output.path] = output
    return [by_path[p] for p in sorted(by_path)]


def render_item(site: Site, media: Media, entry: Entry, lang: Language, sources: dict, sections=None,
                repeated: frozenset = frozenset()) -> Output:
    version = entry.item.version(lang.code)
    src = urls.item_src(entry.kind, entry.slug, lang.prefix)
    page = ItemPage(site, media, src, lang, sources, version, sections)
    env = environment(lang)
    model = version.model
    campaign = site.campaign_of(entry) if entry.kind != "campaign" else None
    common = {"page": page, "entry": entry, "m": model, "campaign": campaign}
    related = ""
    if entry.kind == "campaign":
        header = html_block(env, "campaign_header.html.j2", banner_sizes=BANNER_SIZES, **common)
        parts = campaign_sections(env, page, entry, urls.item_src(entry.kind, entry.slug))
    else:
        header = html_block(env, "item_header.html.j2", **common)
        parts = []
    footer = html_block(env, "item_footer.html.j2", related=related, **common)
    body = _body(version, src, sources, lang.prefix, media)
    card = media.card(lang.code, entry)
    extra = {"card": card} if card else {}
    if entry.kind in WIDE:
        extra["hide"] = list(WIDE[entry.kind])
    meta = front_matter(page_title(page, entry, model.title, repeated), lang.description(model.summary),
                        extra or None)
    sections_md = "".join(f"{title}\n\n{html}\n\n" for (title, _made), html in parts)
    text = f"{meta}{header}\n\n{body}\n\n{sections_md}{footer}\n"
    trusted = (header, footer, *(piece for (_title, made), html in parts for piece in (made, html)))
    return Output(src, text.encode("utf-8"), trusted=trusted)


def render_index(site: Site, media: Media, kind: str, lang: Language, sources: dict) -> list[Output]:
    env = environment(lang)
    entries = site.listed(kind, lang.code)
    only_in_source = site.only_in_source(kind, lang.code)
    size = site.settings.page_size
    pages = max(1, math.ceil(len(entries) / size))
    title_page = PageContext(site, "", lang, sources)
    title = title_page.kind_label(kind)
    outputs = []
    for number in range(1, pages + 1):
        chunk = entries[(number - 1) * size: number * size]
        src = urls.index_src(kind, number, lang.prefix)
        page = PageContext(site, src, lang, sources, media)
        groups = _groups(site, kind, chunk, page)
        html = html_block(env, "index.html.j2", page=page, title=title, kind=kind, groups=groups,
                     total=len(entries), number=number, pages=pages, only_in_source=only_in_source,
                     source_src=urls.index_src(kind))
        shown = title if number == 1 else f"{title} ({number})"
        about = _index_description(page, kind, lang)
        # Lists repeat the items' summaries: searching them would only double the index.
        card = media.card(lang.code)
        meta = front_matter(shown, about if number == 1 else f"{about} ({number})",
                            {"search": {"exclude": True}, "hide": ["navigation", "toc"], **({"card": card} if card else {})})
        outputs.append(Output(src, f"{meta}{html}\n".encode("utf-8"), trusted=(html,)))
    return outputs


def _index_description(page: PageContext, kind: str, lang: Language) -> str:
    _ = page._
    text = {
        "campaign": _("Campaigns of %(site)s: themes, dates, organisers and regions."),
        "event": _("Events of %(site)s, upcoming and past: when, where, and a calendar to add them to."),
        "story": _("Stories of %(site)s: the people, teams and projects behind the campaigns."),
        "article": _("News of %(site)s: reports, policies and announcements."),
    }[kind]
    return lang.description(text % {"site": lang.site_name})


def _groups(site: Site, kind: str, chunk: list, page: PageContext) -> list:
    if kind != "event":
        return [("", chunk)] if chunk else []
    upcoming = sorted((e for e in chunk if site.is_upcoming(e)), key=sort_key)
    past = [e for e in chunk if not site.is_upcoming(e)]
    groups = []
    if upcoming:
        groups.append((page._("Upcoming"), upcoming))
    if past:
        groups.append((page._("Past"), past))
    return groups


def _body(version, src: str, sources: dict, prefix: str, media: Media) -> str:
    # Images shown in the body become <picture>s of the published variants.
    body = pictures.inline_pictures(version.doc.body, version.links, src, media.pictures)
    mapping, unpublished = {}, []
    for target, (kind, path) in version.links.items():
        _path, fragment = split_target(target)
        if kind == "page":
            to = sources.get(path)
        else:  # a file as it is, or an image's largest published copy (which has no fragments)
            to = media.published(path, largest=True)
            if path in media.handled:
                fragment = ""
        if to:
            mapping[target] = urls.md_relative(src, to) + fragment
        elif kind == "page":
            unpublished.append(target)
    # A link to a draft or scheduled item shows as its text until the item is published;
    # a reference-style definition points at the index page of the item's kind meanwhile.
    body = unlink(body, unpublished)
    for target in unpublished:
        mapping[target] = urls.md_relative(src, urls.index_src(_kind_of(version.links[target][1]), 1, prefix))
    return rewrite(body, mapping).strip()


def _kind_of(content_path: str) -> str:
    folder = content_path.split("/")[-2]
    return KIND_FOLDERS.get(folder, "campaign")
