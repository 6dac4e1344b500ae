"""What a template may ask about the page it renders: links, labels, dates, pictures."""
from __future__ import annotations

from typing import Optional

from markupsafe import Markup

from ..core import calendar_urls, urls
from ..i18n.languages import Language, language
from ..media import pictures
from ..media.stage import Media
from ..model.site import Entry, Site
from ..publish.jsonld import article_script, event_script
from .notices import item_notice

# A card's picture: a thumbnail beside the text on a phone, a third of the page on a desktop.
CARD_SIZES = "(min-width: 45em) 20rem, 7rem"


class PageContext:
    """What a template may ask about the page it renders: links, labels, dates."""

    def __init__(self, site: Site, src: str, lang: Language, sources: dict, media: Optional[Media] = None):
        self.site, self.src, self.language = site, src, lang
        self.media = media  # the published images, for cards' pictures
        self.lang = lang.code  # what entries and theme days are looked up by
        self.source_language = language(site.settings, site.settings.source_language)
        self.prefix = self.language.prefix
        self._sources = sources  # content path → page src, for links between items
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

    def feed_links(self, kind: str) -> list:
        """(format name, link) of the kind's feeds in this page's language."""
        if kind not in urls.FEED_KINDS or not self.site.settings.site_url:
            return []
        return [(name, self._link(urls.feed_src(kind, fmt, self.prefix)))
                for fmt, name in (("atom", "Atom"), ("json", "JSON Feed"))]

    def subscribe_href(self) -> str:
        return self._link(urls.page_url(calendar_urls.subscribe_src(self.prefix)))

    def _link(self, url: str) -> str:
        return urls.relative(self.src, url)

    # pictures
    def card_picture(self, entry: Entry) -> Markup:
        """An item's picture on a card (its cover, or a story's portrait), or nothing: the
        card then shows its placeholder."""
        m = self.model(entry)
        if getattr(m, "cover", None):
            return self.item_picture(entry, m.cover, m.cover_alt or m.title, sizes=CARD_SIZES)
        if getattr(m, "portrait", None):
            return self.item_picture(entry, m.portrait, m.portrait_alt or m.subject, sizes=CARD_SIZES)
        return Markup("")

    def item_picture(self, entry: Entry, target: str, alt: str, eager: bool = False, sizes: str = pictures.SIZES) -> Markup:
        """An image an item's fields name, as <picture>; nothing when it was not published."""
        version = entry.version(self.lang) or entry.item.source
        found = version.links.get(target) or entry.item.source.links.get(target)
        picture = self.media.picture(found[1]) if found and self.media is not None else None
        return pictures.picture_html(picture, self.src, alt, eager, sizes) if picture else Markup("")

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
        return item_notice(entry, self.site, self.language)

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
        """Names in a list, as the page's language separates them (A、B、C / A, B, C): the
        facts of an item are a list, not a sentence, so no "and"."""
        return self.language.join(values)

    def clauses(self, values) -> str:
        """Parts of one fact, such as a venue's name, city and address (A，B，C / A, B, C)."""
        return self.language.clauses(v for v in values if v)

    # calendars: the event's feed, its schema.org data, a campaign's calendar section
    def ics_href(self, entry: Entry) -> str:
        return self._link(calendar_urls.event_ics(entry.slug, self.prefix))

    # dates
    def when(self, model) -> str:
        tz = self.site.settings.tz
        if hasattr(model, "start"):
            return self.language.format_range(model.start, model.end, tz)
        return self.language.format_day(model.date, tz)


class ItemPage(PageContext):
    """An item's page: also its pictures, its poster, its schema.org data and the sections
    that later rooms render into it (the calendar's, wired by the pipeline)."""

    def __init__(self, site: Site, media: Media, src: str, lang: Language, sources: dict, version, sections=None):
        super().__init__(site, src, lang, sources, media)
        self._version = version
        self._sections = sections or {}

    portrait_sizes = pictures.PORTRAIT_SIZES

    def picture(self, entry: Entry, target: str, alt: str, eager: bool = False, sizes: str = pictures.SIZES) -> Markup:
        """A published image as <picture>; nothing when the image could not be published."""
        found = self._version.links.get(target) or entry.item.source.links.get(target)
        if not found:
            return Markup('<img src="{}" alt="{}">').format(target, alt)
        picture = self.media.picture(found[1])
        return pictures.picture_html(picture, self.src, alt, eager, sizes) if picture else Markup("")

    def poster(self, entry: Entry):
        """Links to an event's printable poster, {"pdf": url, "preview": url}, or None."""
        found = self.media.poster(self.lang, entry)
        return {ext: self._link(path) for ext, path in found.items()} if found else None

    def event_jsonld(self, entry: Entry) -> Markup:
        return event_script(self.site, self.media, entry, self.language)

    def article_jsonld(self, entry: Entry) -> Markup:
        return article_script(self.site, self.media, entry, self.language)

    def calendar_section(self, campaign: Entry) -> Markup:
        section = self._sections.get("calendar")
        return section(self, campaign) if section is not None else Markup("")
