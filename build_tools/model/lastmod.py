"""When each page last changed, for the sitemap's `lastmod`: from the git stamps of what the
page shows, never from the build's date (the site is rebuilt daily; a date that moves every
day teaches search engines to ignore it).

- an item's page: its file and the translation shown (`Stamps.item`); a campaign's page also
  lists its events, stories and news, so their changes count too;
- a hand-written page: its file; one that embeds generated blocks (the home page) also the
  items it can list;
- a list of a kind: the items of that kind in the language; a list with none yet, the
  creation of the items it counts as existing only in the source language;
- calendar pages: the events they show, in the language or in the source where they have
  no translation (a month page: those with a day in that month) and, for the agenda and
  the subscribe page, the theme days;
- anything else has no `lastmod`: an absent date is honest, a wrong one is not.
"""
from __future__ import annotations

from datetime import date
from typing import Optional

from ..core import calendar_urls, urls
from .days import event_days, months
from .stamps import Stamp


# The start of render/blocks' marker: a hand-written page with one shows generated lists.
MARKER_START = "<!-- campaigns:"


def page_dates(site, pmap, docs) -> dict:
    """{page src: date} for the real pages of the page map that have a known source."""
    tz = site.settings.tz
    stamps = site.stamps
    marked = {page.src for page in docs if MARKER_START in page.body}
    docs_srcs = {page.src for page in docs}

    def day(stamps_list) -> Optional[date]:
        found = [s.modified for s in stamps_list]
        return max(found).astimezone(tz).date() if found else None

    known: dict = {}  # (entry, language) -> stamp: list pages ask for the same entries again and again

    def stamp(entry, lang):
        key = (id(entry), lang)
        if key not in known:
            known[key] = stamps.item(entry.item, lang)
        return known[key]

    def shown(entries, lang):
        return [stamp(e, lang) for e in entries if e.version(lang)]

    lists: dict = {}  # (kind, language) -> the stamps of what its list pages show, alike on each page

    items = {urls.item_src(e.kind, e.slug): e for e in site.entries}
    out = {}
    for src, record in pmap.pages.items():
        if record.fallback:
            continue
        lang, neutral = record.lang, record.neutral
        found = None
        if src in docs_srcs:
            found = [stamps.doc(src)]
            if src in marked:
                found += shown([e for e in site.entries if e.listed], lang)
        elif neutral in items:
            entry = items[neutral]
            found = [stamps.item(entry.item, lang)]
            if entry.kind == "campaign":
                for kind in ("event", "story", "article"):
                    found += shown(site.children.get((entry.slug, kind), []), lang)
        elif neutral.split("/", 1)[0] in _KINDS:
            kind = _KINDS[neutral.split("/", 1)[0]]
            # a list with nothing in its language yet says how many exist in the source: that
            # count changes when one is created, not when its text is edited
            if (kind, lang) not in lists:
                lists[kind, lang] = shown(site.listed(kind, lang), lang) or \
                    [Stamp(s.created, s.created) for s in (stamp(e, lang) for e in site.listed(kind))]
            found = lists[kind, lang]
        elif neutral.startswith(calendar_urls.FOLDER + "/"):
            found = _calendar(site, neutral, lang, stamp)
        when = day(found or [])
        if when is not None:
            out[src] = when
    return out


_KINDS = {folder: kind for kind, folder in urls.KIND_FOLDER.items()}


def _calendar(site, neutral: str, lang: str, stamp) -> list:
    """stamp(entry, lang): an event's stamp, taken once for all the calendar pages."""
    events = site.listed("event")
    month = neutral[len(calendar_urls.FOLDER) + 1:-len(".md")]
    if neutral in (calendar_urls.agenda_src(), calendar_urls.subscribe_src()):
        return [stamp(e, lang) for e in events] + [site.stamps.observance(o.slug) for o in site.observances]
    in_month = [e for e in events if month in {f"{y:04d}-{m:02d}" for y, m in months(*event_days(e.model, site.settings.tz))}]
    return [stamp(e, lang) for e in in_month]
