"""Feeds per language: Atom (feedgen) and JSON Feed 1.1, for news and for events.

A feed lists what lists show (`Site.listed`): in production no draft, no scheduled
and no expired item. URLs are absolute (feed readers have no base URL), dates carry
their offset, and the bytes depend only on the content and the reference time.
"""
from __future__ import annotations

import json
import re
from datetime import datetime

from feedgen.feed import FeedGenerator

from ..core import urls
from ..i18n.languages import Language
from ..content.publication import moment
from ..core.output import Output
from ..media.stage import Media
from ..model.site import Entry, Site

MAX_ENTRIES = 50
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
# Characters XML 1.0 does not allow (a feed with one is not well-formed), and lone surrogates.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(text) -> str:
    return _NOT_XML.sub("", str(text)) if text is not None else ""


def feed_outputs(site: Site, media: Media) -> list[Output]:
    """The feeds of every language; none without a published address to point to."""
    if not site.settings.site_url:
        return []
    outputs = []
    for lang in site.languages:
        for kind in urls.FEED_KINDS:
            feed = _Feed(site, kind, lang)
            outputs.append(Output(feed.path("atom"), feed.atom()))
            outputs.append(Output(feed.path("json"), feed.json_feed(media)))
    return outputs


# Event status -> how a title and a category mark it (the .ics SUMMARY carries the same mark).
STATUS_MARKS = {"postponed": "Postponed", "cancelled": "Cancelled"}


def marked_title(lang: Language, title: str, status) -> str:
    """A title with its event's status in front when the event will not happen as announced."""
    label = STATUS_MARKS.get(status)
    return f"[{lang.gettext(label)}] {title}" if label else title


def entry_dates(site: Site, entry: Entry, lang: Language) -> tuple[datetime, datetime]:
    """(published, updated) of an entry in a language's feed.

    Published: the publication moment when scheduled, else an article's date (a whole day
    meaning its first moment), else when the event was announced (its file's first commit).
    Updated: the last change of the file or of the translation shown (a new status moves
    it), never before publication. Neither is later than the reference time, so no entry
    is dated ahead of its feed; an event's own date is in the entry's text, not its dates."""
    model, tz = entry.model, site.settings.tz
    stamp = site.stamps.item(entry.item, lang.code)
    if model.publish_at is not None:
        published = moment(model.publish_at, tz)
    elif entry.kind == "article":
        published = moment(model.date, tz)
    else:
        published = stamp.created
    published = min(published, site.now).astimezone(tz)
    return published, min(max(published, stamp.modified), site.now).astimezone(tz)


class _Feed:
    def __init__(self, site: Site, kind: str, lang: Language):
        self.site, self.kind, self.language = site, kind, lang
        self.lang = lang.code
        self.prefix = lang.prefix
        self._ = lang.gettext
        self.entries = [e for e in site.listed(kind) if e.item.version(lang.code) is not None][:MAX_ENTRIES]
        self.dates = {id(e): entry_dates(site, e, lang) for e in self.entries}
        self.updated = max((updated for _p, updated in self.dates.values()), default=site.now)

    # addresses
    def path(self, fmt: str) -> str:
        return urls.feed_src(self.kind, fmt, self.prefix)

    def url(self, src_or_url: str) -> str:
        return urls.absolute(self.site.settings.site_url, src_or_url)

    def page_url(self, entry: Entry) -> str:
        return self.url(urls.page_url(urls.item_src(entry.kind, entry.slug, self.prefix)))

    def home_url(self) -> str:
        return self.url(urls.page_url(urls.index_src(self.kind, 1, self.prefix)))

    def image_url(self, entry: Entry, media: Media):
        version = entry.item.version(self.lang)
        found = version.links.get(version.model.cover) if version.model.cover else None
        path = media.published(found[1]) if found else None  # an image's published copy, never its original
        return self.url(path) if path else None

    # text
    def title(self) -> str:
        return feed_title(self.kind, self.language)

    def author(self) -> str:
        gov = self.site.settings.extra.get("government") or {}
        own = gov.get(f"organizer_{self.lang}") if not self.language.is_source else None
        return clean(own or gov.get("organizer") or self.language.site_name)

    def entry_title(self, entry: Entry) -> str:
        model = entry.item.version(self.lang).model
        return clean(marked_title(self.language, model.title, getattr(model, "status", None)))

    def categories(self, entry: Entry) -> list[str]:
        """The status of an event that will not happen as announced, then the tags."""
        model = entry.item.version(self.lang).model
        label = STATUS_MARKS.get(getattr(model, "status", None))
        return [clean(t) for t in ([self._(label)] if label else []) + list(model.tags)]

    def summary(self, entry: Entry) -> str:
        model = entry.item.version(self.lang).model
        if entry.kind != "event":
            return clean(model.summary)
        when = self.language.format_range(model.start, model.end, self.site.settings.tz)
        venue = model.venue
        where = " · ".join(v for v in ((venue.name, venue.city) if venue else ()) if v)
        return clean(" · ".join(p for p in (when, where) if p) + "\n" + model.summary)

    # formats
    def atom(self) -> bytes:
        fg = FeedGenerator()
        fg.id(self.url(self.path("atom")))
        fg.title(self.title())
        fg.author({"name": self.author()})
        fg.link(href=self.home_url(), rel="alternate")
        fg.link(href=self.url(self.path("atom")), rel="self")
        fg.language(self.language.tag)
        fg.generator("")  # no generator name and version: they would change the bytes on upgrades
        fg.updated(self.updated)
        for entry in self.entries:
            model = entry.item.version(self.lang).model
            fe = fg.add_entry(order="append")
            fe.id(self.page_url(entry))
            fe.title(self.entry_title(entry))
            fe.link(href=self.page_url(entry), rel="alternate")
            fe.summary(self.summary(entry))
            published, updated = self.dates[id(entry)]
            fe.published(published)
            fe.updated(updated)
            author = getattr(model, "source", None) or getattr(model, "organizer", None)
            if author:
                fe.author({"name": clean(author)})
            for term in self.categories(entry):
                fe.category(term=term)
        return fg.atom_str(pretty=True, encoding="UTF-8")

    def json_feed(self, media: Media) -> bytes:
        items = []
        for entry in self.entries:
            model = entry.item.version(self.lang).model
            item = {
                "id": self.page_url(entry),
                "url": self.page_url(entry),
                "title": self.entry_title(entry),
                "summary": clean(model.summary),
                "content_text": self.summary(entry),
                "date_published": self.dates[id(entry)][0].isoformat(),
                "date_modified": self.dates[id(entry)][1].isoformat(),
            }
            image = self.image_url(entry, media)
            if image:
                item["image"] = image
            tags = self.categories(entry)
            if tags:
                item["tags"] = tags
            items.append(item)
        feed = {
            "version": JSON_FEED_VERSION,
            "title": self.title(),
            "home_page_url": self.home_url(),
            "feed_url": self.url(self.path("json")),
            "language": self.language.tag,
            "authors": [{"name": self.author()}],
            "items": items,
        }
        return (json.dumps(feed, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def feed_title(kind: str, lang: Language) -> str:
    label = lang.gettext("News and reports") if kind == "article" else lang.gettext("Event announcements")
    return clean(f"{label} · {lang.site_name}")


def head_links(site: Site):
    """page URL -> the feeds the page announces in its head (feed autodiscovery), in the
    page's language. Every page's head asks: the links of each language are made once."""
    found = site.languages
    by_lang = {lang.code: [{"path": urls.feed_src(kind, fmt, lang.prefix), "type": mime, "title": feed_title(kind, lang)}
                           for kind in urls.FEED_KINDS for fmt, (_ext, mime) in urls.FEED_FORMATS.items()]
               for lang in found} if site.settings.site_url else {}

    def links(page_url: str) -> list[dict]:
        if not by_lang:
            return []
        lang = next((l for l in found if l.prefix and page_url.startswith(l.prefix)), found[0])
        return by_lang[lang.code]
    return links
