"""Render: the site model → generated pages (Markdown with HTML blocks) and files.

Values from content are escaped by Jinja's autoescape; editors' Markdown bodies go
into the page as Markdown, with their links pointed at the generated pages.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import yaml
from babel.lists import format_list
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from . import pictures, urls
from .dates import format_day, format_range
from .i18n import translations
from .languages import language
from .load import KIND_FOLDERS
from .notices import item_notice
from .references import rewrite, split_target, unlink
from .safejson import script_json
from .site import Entry, Site, sort_key

LOCALES = {"zh": "zh_Hans_CN", "en": "en_GB"}  # defaults; the configured locale is languages.language(...).locale
_BLANK = re.compile(r"\n\s*\n+")


@dataclass(frozen=True)
class Output:
    path: str  # the path in the site's source tree, e.g. events/x.md
    content: Optional[bytes] = None
    source: Optional[str] = None  # or a file to copy as it is
    # HTML fragments of this page made by our templates (escaped there): the raw-HTML
    # policy applies to everything else on the page.
    trusted: tuple = ()

    @property
    def is_page(self) -> bool:
        return self.path.endswith(".md")


def environment(lang: str, catalogue=None) -> Environment:
    return _environment(lang, catalogue)


def site_environment(site: Site, lang: str) -> Environment:
    """The template environment of a language, with the site's own catalogue if it has one."""
    return _environment(lang, language(site.settings, lang).catalogue)


@lru_cache(maxsize=None)
def _environment(lang: str, catalogue) -> Environment:
    env = Environment(
        loader=PackageLoader(__package__, "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations(lang, catalogue), newstyle=True)
    env.filters["script_json"] = script_json  # the only way to print data into a <script>
    return env


class PageContext:
    """What a template may ask about the page it renders: links, labels, dates."""

    def __init__(self, site: Site, src: str, lang: str, sources: dict, version=None):
        self.site, self.src, self.lang = site, src, lang
        self.language = language(site.settings, lang)
        self.source_language = language(site.settings, site.settings.source_language)
        self.prefix = self.language.prefix
        self._sources = sources  # content path → page src, for links between items
        self._version = version
        self._ = self.language.gettext
        self.ngettext = self.language.ngettext

    def model(self, entry: Entry):
        """The fields of an item in this page's language (the source's where untranslated)."""
        return entry.model_in(self.lang)

    # links
    def href(self, entry: Entry) -> str:
        return self._link(urls.page_url(urls.item_src(entry.kind, entry.slug, self.prefix)))

    def index_href(self, kind: str, number: int = 1) -> str:
        return self._link(urls.page_url(urls.index_src(kind, number, self.prefix)))

    def source_href(self, src: str) -> str:
        """A link to a page in the source language, by its language-neutral source path."""
        return self._link(self.source_language.url(src))

    def only_in_source_label(self, count: int) -> str:
        return self.ngettext(
            "%(num)d more item is only in %(language)s", "%(num)d more items are only in %(language)s", count,
        ) % {"num": count, "language": self.language.name_of(self.source_language)}

    def image(self, path: str) -> str:
        found = self._version.links.get(path) if self._version else None
        if not found:
            return path
        return self._link(urls.media_src(found[1]))

    def feed_links(self, kind: str) -> list:
        """(format name, link) of the kind's feeds in this page's language."""
        if kind not in urls.FEED_KINDS or not self.site.settings.site_url:
            return []
        return [(name, self._link(urls.feed_src(kind, fmt, self.prefix)))
                for fmt, name in (("atom", "Atom"), ("json", "JSON Feed"))]

    def picture(self, entry: Entry, target: str, alt: str, eager: bool = False) -> Markup:
        """A published image as <picture>; nothing when the image could not be published."""
        media = self.site.media
        found = (self._version.links.get(target) if self._version else None) or entry.item.source.links.get(target)
        if media is None or not found:
            return Markup('<img src="{}" alt="{}">').format(self.image(target), alt)
        picture = media.picture(found[1])
        return pictures.picture_html(picture, self.src, alt, eager) if picture else Markup("")

    def poster(self, entry: Entry):
        """Links to an event's printable poster, {"pdf": url, "png": url}, or None."""
        found = self.site.media.poster(self.lang, entry) if self.site.media is not None else None
        return {ext: self._link(path) for ext, path in found.items()} if found else None

    def _link(self, url: str) -> str:
        return urls.relative(self.src, url)

    # labels
    def kind_label(self, kind: str) -> str:
        return {"campaign": self._("Campaigns"), "event": self._("Events"),
                "story": self._("Stories"), "article": self._("News")}[kind]

    def status_label(self, status: str) -> str:
        return {"scheduled": self._("Scheduled"), "postponed": self._("Postponed"),
                "cancelled": self._("Cancelled"), "held": self._("Held")}[status]

    def state_label(self, state: str) -> str:
        """Publication state on cards; only previews list items that are not live."""
        return {"draft": self._("Draft"), "scheduled": self._("Not yet published"),
                "expired": self._("Expired")}.get(state, "")

    def notice(self, entry: Entry):
        return item_notice(entry, self.site, self.lang)

    def subject_label(self, subject_type: str) -> str:
        return {"person": self._("person"), "team": self._("team"), "project": self._("project")}[subject_type]

    def count_label(self, total: int) -> str:
        return self.ngettext("%(num)d item", "%(num)d items", total) % {"num": total}

    def page_label(self, number: int, pages: int) -> str:
        return self._("page %(number)d of %(pages)d") % {"number": number, "pages": pages}

    def campaign_title(self, entry: Entry) -> str:
        campaign = self.site.campaign_of(entry)
        return campaign.model_in(self.lang).title if campaign and entry.kind != "campaign" else ""

    def children(self, campaign: Entry, kind: str) -> list:
        return [e for e in self.site.children.get((campaign.slug, kind), []) if e.listed and e.version(self.lang)]

    def children_only_in_source(self, campaign: Entry, kind: str) -> int:
        return sum(1 for e in self.site.children.get((campaign.slug, kind), []) if e.listed and not e.version(self.lang))

    def join(self, values) -> str:
        """A list as the page's language writes one (A、B和C / A, B and C)."""
        return format_list(list(values), style="standard", locale=self.language.locale)

    # calendars: the event's feed, its schema.org data, a campaign's calendar section
    def ics_href(self, entry: Entry) -> str:
        from .calendar_urls import event_ics
        return self._link(event_ics(entry.slug, self.prefix))

    def event_jsonld(self, entry: Entry) -> Markup:
        from .jsonld import event_script
        return event_script(self.site, entry, self.lang)

    def calendar_section(self, campaign: Entry) -> Markup:
        from .calendar_pages import campaign_section  # it builds on this module
        return campaign_section(self, campaign)

    # dates
    def when(self, model) -> str:
        locale, tz = self.language.locale, self.site.settings.tz
        if hasattr(model, "start"):
            return format_range(model.start, model.end, locale, tz)
        return format_day(model.date, locale, tz)


def render_site(site: Site, generators=()) -> tuple[list[Output], dict]:
    """Every generated output, and the blocks that hand-written pages embed.

    `generators` are functions site -> [Output] for the other outputs (calendars,
    feeds, images...); each handles the languages itself.
    """
    outputs: list[Output] = []
    blocks: dict = {}
    for lang in site.languages:
        sources = _page_sources(site, lang)
        for entry in site.entries:
            if entry.item.version(lang) is not None:
                outputs.append(render_item(site, entry, lang, sources))
        for kind in urls.KIND_FOLDER:
            outputs.extend(render_index(site, kind, lang, sources))
        blocks[_block_name("home", lang, site)] = render_home(site, lang, sources)
    outputs.extend(media_outputs(site))
    for generate in generators:
        outputs.extend(generate(site))
    return _one_per_path(outputs), blocks


def _page_sources(site: Site, lang: str) -> dict:
    """Content file path → the generated page's source path, for links in bodies."""
    prefix = urls.lang_prefix(lang, site.settings.source_language)
    sources = {}
    for e in site.entries:
        version = e.item.version(lang)
        if version is not None:
            sources[version.doc.path] = urls.item_src(e.kind, e.slug, prefix)
        sources.setdefault(e.item.source.doc.path, urls.item_src(e.kind, e.slug, prefix))
    return sources


def _block_name(name: str, lang: str, site: Site) -> str:
    return name if lang == site.settings.source_language else f"{name}.{lang}"


def _one_per_path(outputs: list[Output]) -> list[Output]:
    """Sorted outputs; two outputs at one path is a bug, never a silent overwrite."""
    by_path: dict[str, Output] = {}
    for output in outputs:
        if output.path in by_path:
            raise ValueError(f"two generated outputs at {output.path}")
        by_path[output.path] = output
    return [by_path[p] for p in sorted(by_path)]


def render_item(site: Site, entry: Entry, lang: str, sources: dict) -> Output:
    version = entry.item.version(lang)
    src = urls.item_src(entry.kind, entry.slug, urls.lang_prefix(lang, site.settings.source_language))
    page = PageContext(site, src, lang, sources, version)
    env = site_environment(site, lang)
    model = version.model
    campaign = site.campaign_of(entry) if entry.kind != "campaign" else None
    related = ""
    if entry.kind == "campaign":
        _ = page._
        sections = [("event", _("Programme")), ("story", _("Stories")), ("article", _("News"))]
        related = Markup(_html(env, "campaign_sections.html.j2", page=page, entry=entry, sections=sections,
                               source_src=urls.item_src(entry.kind, entry.slug)))
    common = {"page": page, "entry": entry, "m": model, "campaign": campaign}
    header = _html(env, "item_header.html.j2", **common)
    footer = _html(env, "item_footer.html.j2", related=related, **common)
    body = _body(version, src, sources, urls.lang_prefix(lang, site.settings.source_language), site.media)
    card = site.media.card(lang, entry) if site.media is not None else None
    text = f"{_front_matter(model.title, model.summary, {'card': card} if card else None)}{header}\n\n{body}\n\n{footer}\n"
    return Output(src, text.encode("utf-8"), trusted=(header, footer))


def render_index(site: Site, kind: str, lang: str, sources: dict) -> list[Output]:
    env = site_environment(site, lang)
    entries = site.listed(kind, lang)
    only_in_source = site.only_in_source(kind, lang)
    size = site.settings.page_size
    pages = max(1, math.ceil(len(entries) / size))
    title_page = PageContext(site, "", lang, sources)
    title = title_page.kind_label(kind)
    outputs = []
    for number in range(1, pages + 1):
        chunk = entries[(number - 1) * size: number * size]
        src = urls.index_src(kind, number, urls.lang_prefix(lang, site.settings.source_language))
        page = PageContext(site, src, lang, sources)
        groups = _groups(site, kind, chunk, page)
        html = _html(env, "index.html.j2", page=page, title=title, kind=kind, groups=groups,
                     total=len(entries), number=number, pages=pages, only_in_source=only_in_source,
                     source_src=urls.index_src(kind))
        shown = title if number == 1 else f"{title} ({number})"
        # Lists repeat the items' summaries: searching them would only double the index.
        card = site.media.card(lang) if site.media is not None else None
        meta = _front_matter(shown, None, {"search": {"exclude": True}, **({"card": card} if card else {})})
        outputs.append(Output(src, f"{meta}{html}\n".encode("utf-8"), trusted=(html,)))
    return outputs


def _groups(site: Site, kind: str, chunk: list, page: PageContext) -> list:
    if kind != "event":
        return [("", chunk)] if chunk else []
    upcoming = sorted((e for e in chunk if site.last_day(e) >= site.today), key=sort_key)
    past = [e for e in chunk if site.last_day(e) < site.today]
    groups = []
    if upcoming:
        groups.append((page._("Upcoming"), upcoming))
    if past:
        groups.append((page._("Past"), past))
    return groups


def render_home(site: Site, lang: str, sources: dict) -> str:
    page = PageContext(site, language(site.settings, lang).src("index.md"), lang, sources)
    current = sorted(site.upcoming("campaign", lang), key=sort_key)
    recent = [] if current else site.listed("campaign", lang)[:4]
    upcoming_events = sorted(site.upcoming("event", lang), key=sort_key)[:6]
    return _html(site_environment(site, lang), "home.html.j2", page=page, current=current, recent=recent,
                 upcoming_events=upcoming_events, stories=site.listed("story", lang)[:4],
                 news=site.listed("article", lang)[:5])


def media_outputs(site: Site) -> list[Output]:
    """Linked files published as they are; images go through the images stage instead."""
    handled = site.media.handled if site.media is not None else set()
    files = {}
    for entry in site.entries:
        for version in (entry.item.source, *entry.item.translations.values()):
            for kind, path in version.links.values():
                if kind == "file" and path not in handled:
                    files[urls.media_src(path)] = str(site.settings.content_dir / path)
    return [Output(path, source=source) for path, source in sorted(files.items())]


def _body(version, src: str, sources: dict, prefix: str = "", media=None) -> str:
    body = version.doc.body
    if media is not None:  # images shown in the body become <picture>s of the published variants
        body = pictures.inline_pictures(body, version.links, src, media.pictures)
    mapping, unpublished = {}, []
    for target, (kind, path) in version.links.items():
        _path, fragment = split_target(target)
        if kind == "page":
            to = sources.get(path)
        elif media is not None and path in media.handled:  # a link to an image: its largest published copy
            picture = media.picture(path)
            to, fragment = (picture.largest.path if picture else None), ""
        else:
            to = urls.media_src(path)
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


def _front_matter(title: str, description: Optional[str], extra: Optional[dict] = None) -> str:
    meta = {"title": title, **(extra or {})}
    if description:
        meta["description"] = description
    # libyaml's emitter when present: the pure-Python one was a tenth of the render stage.
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return "---\n" + yaml.dump(meta, Dumper=dumper, allow_unicode=True, sort_keys=True, width=10_000) + "---\n\n"


def _html(env: Environment, name: str, **context) -> str:
    """Render an HTML fragment as one Markdown HTML block: no blank lines inside."""
    html = env.get_template(name).render(**context)
    return _BLANK.sub("\n", html).strip()
