"""iCalendar feeds (RFC 5545), per language: all events, each campaign, each event, theme days.

Written with the icalendar library, which escapes text and folds lines at 75
octets without splitting a UTF-8 character. Nothing here reads a clock: UIDs come
from slugs and the site's host (the same in every build and language), DTSTAMP,
LAST-MODIFIED and SEQUENCE from the stamps derive computed from the sources' git
history (model/stamps.py): nothing here runs git or reads old revisions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from icalendar import Calendar, Event, Timezone, vDuration, vText

from ..core import calendar_urls
from ..core.memo import Memo

from ..model.days import event_days
from ..i18n.descriptions import one_line
from ..i18n.languages import Language
from ..content.theme_days import Observance
from ..core.output import Output
from ..model.site import Entry, Site
from ..model.stamps import Stamp
from ..publish.feeds import marked_title
from ..core.urls import page_url

# Event status -> STATUS. "held" is a confirmed event that took place.
STATUS = {"scheduled": "CONFIRMED", "held": "CONFIRMED", "postponed": "TENTATIVE", "cancelled": "CANCELLED"}
REFRESH = timedelta(hours=12)  # how often subscribed clients should fetch again
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # RFC 5545 TEXT allows no control characters but tab
_END = b"END:VCALENDAR\r\n"


def outputs(site: Site, memo: Memo | None = None) -> list[Output]:
    """Every feed of every language (a pipeline generator); memo: a preview server's."""
    kept, memo = memo is not None, memo or Memo()
    memo.turn()
    return site.per_language(lambda s, lang: language_feeds(s, lang, memo), serial=kept)


def language_feeds(site: Site, lang: Language, memo: Memo | None = None) -> list[Output]:
    memo = memo or Memo()
    prefix = lang.prefix
    _ = lang.gettext
    name = lang.site_name
    # Each event is written once and the same lines go into every feed that lists it.
    listed = sorted(site.listed("event"), key=lambda e: (event_days(e.model, site.settings.tz), e.slug))
    pieces = {e.slug: _piece(memo, _event_fields(site, e, lang, site.stamps.item(e.item, lang.code)))
              for e in listed}
    out = []
    if listed:
        out.append(_feed(site, lang, calendar_urls.all_events_ics(prefix), f"{name} · {_('Events')}",
                         [pieces[e.slug] for e in listed], memo))
    for campaign in site.by_kind.get("campaign", []):
        own = [pieces[e.slug] for e in listed if e.item.campaign == campaign.slug]
        if own:
            title = _model(campaign, lang.code).title
            out.append(_feed(site, lang, calendar_urls.campaign_ics(campaign.slug, prefix), f"{title} · {name}", own,
                             memo))
    for entry in listed:  # an expired event keeps its page, but leaves every feed
        out.append(_feed(site, lang, calendar_urls.event_ics(entry.slug, prefix), _model(entry, lang.code).title,
                         [pieces[entry.slug]], memo))
    if site.observances:
        first_year = _first_year(site, site.observances)
        components = []
        for obs in site.observances:
            stamp = site.stamps.observance(obs.slug)
            components.extend(_Piece.of(e) for e in _theme_day(site, obs, lang, stamp, first_year))
        out.append(_feed(site, lang, calendar_urls.theme_days_ics(prefix), f"{name} · {_('Theme days')}", components,
                         memo))
    return out


@dataclass(frozen=True)
class _Piece:
    """A component as the library wrote it, and the years its times need a VTIMEZONE for."""

    ical: bytes
    years: tuple

    @classmethod
    def of(cls, component) -> "_Piece":
        times = [component.decoded(name) for name in ("DTSTART", "DTEND") if name in component]
        return cls(component.to_ical(), tuple(t.year for t in times if isinstance(t, datetime)))


# --- components ------------------------------------------------------------------------

def _model(entry: Entry, lang: str):
    version = entry.item.version(lang)
    return (version or entry.item.source).model


def _text(value: str) -> str:
    """Text as RFC 5545 allows it: line breaks as \\n (escaped by the library), no control characters."""
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def _one_line(value: str) -> str:
    """A calendar's name is one line, whatever the title it comes from."""
    return one_line(_text(value))


def _uid(site: Site, kind: str, slug: str) -> str:
    return f"{kind}-{slug}@{calendar_urls.host(site.settings.site_url)}"


def _piece(memo: Memo, fields: tuple) -> _Piece:
    def make():
        event = Event()
        for name, value in fields:
            event.add(name, list(value) if isinstance(value, tuple) else value)
        return _Piece.of(event)
    return memo.get(repr(("event", fields)), make)


def _event_fields(site: Site, entry: Entry, lang: Language, stamp: Stamp) -> tuple:
    """The VEVENT's properties in order, as (name, value): all it is written from."""
    model = _model(entry, lang.code)
    tz = site.settings.tz
    url = calendar_urls.absolute(site.settings.site_url, calendar_urls.item_url(site, entry, lang.code))
    summary = marked_title(lang, model.title, model.status)
    fields = [("uid", _uid(site, "event", entry.slug)), ("dtstamp", stamp.modified), ("created", stamp.created),
              ("last-modified", stamp.modified), ("sequence", stamp.sequence), ("summary", _text(summary))]
    if model.all_day:
        first, last = event_days(model, tz)
        fields += [("dtstart", first), ("dtend", last + timedelta(days=1))]  # DTEND of a whole-day event is exclusive
    else:
        fields.append(("dtstart", model.start.astimezone(tz)))
        if model.end is not None:
            fields.append(("dtend", model.end.astimezone(tz)))
    fields.append(("status", STATUS[model.status]))
    location = _location(site, entry, lang)
    if location:
        fields.append(("location", _text(location)))
    description = "\n\n".join(p for p in (model.summary, url) if p)
    fields.append(("description", _text(description)))
    if url:
        fields.append(("url", url))
    campaign = site.campaign_of(entry)
    if campaign is not None:
        fields.append(("categories", (_text(_model(campaign, lang.code).title),)))
    return tuple(fields)


def _location(site: Site, entry: Entry, lang: Language) -> str:
    """The venue as written (name, city, address), or the campaign's regions."""
    venue = _model(entry, lang.code).venue
    parts = [p for p in (venue.name, venue.city, venue.address) if p] if venue else []
    if not parts:
        campaign = site.campaign_of(entry)
        parts = list(_model(campaign, lang.code).regions) if campaign is not None else []
    return ", ".join(parts)


def _theme_day(site: Site, obs: Observance, lang: Language, stamp: Stamp, first_year: int) -> list[Event]:
    """A yearly theme day is one recurring event; a moving one is one event per year."""
    _ = lang.gettext
    campaign = site.campaigns.get(obs.campaign) if obs.campaign else None
    page = calendar_urls.item_url(site, campaign, lang.code) if campaign is not None \
        else page_url(calendar_urls.agenda_src(lang.prefix))
    url = calendar_urls.absolute(site.settings.site_url, page)
    if obs.month_day:
        month, day = obs.month_day
        occurrences = [("", date(first_year, month, day), True)]
    else:
        occurrences = [(f"-{d.year}", d, False) for d in obs.dates]
    out = []
    for suffix, day, yearly in occurrences:
        event = Event()
        event.add("uid", _uid(site, "theme-day", obs.slug + suffix))
        event.add("dtstamp", stamp.modified)
        event.add("created", stamp.created)
        event.add("last-modified", stamp.modified)
        event.add("sequence", stamp.sequence)
        event.add("summary", _text(obs.title(lang.code)))
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        if yearly:
            event.add("rrule", {"freq": "yearly"})
        event.add("status", "CONFIRMED")
        event.add("transp", "TRANSPARENT")  # a theme day does not make anyone busy
        event.add("categories", [_("Theme days")])
        if url:
            event.add("url", url)
        out.append(event)
    return out


def _first_year(site: Site, observances: list[Observance]) -> int:
    """The year yearly theme days start from: the site's first campaign or event year.

    Taken from content, not from the clock, so that the feed stays the same."""
    years = [e.model.year for e in site.by_kind.get("campaign", [])]
    years += [event_days(e.model, site.settings.tz)[0].year for e in site.by_kind.get("event", [])]
    years += [d.year for o in observances for d in o.dates]
    return min(years) if years else 2000


# --- the calendar ----------------------------------------------------------------------

def _feed(site: Site, lang: Language, path: str, name: str, pieces: list, memo: Memo) -> Output:
    years = [y for piece in pieces for y in piece.years]
    head = _head(memo, lang.code, name, site.settings.timezone,
                 calendar_urls.absolute(site.settings.site_url, path), (min(years), max(years)) if years else None)
    return Output(path, head + b"".join(p.ical for p in pieces) + _END)


def _head(memo: Memo, code: str, name: str, tzid: str, source: str, years) -> bytes:
    """The calendar's properties and time zone, up to where its events go."""
    def make():
        cal = Calendar()
        cal.add("prodid", f"-//campaign-site//calendar//{code.upper()}")
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        # The library escapes only the TEXT properties it knows; NAME (RFC 7986) and
        # X-WR-CALNAME are TEXT too, so they are escaped as such (`,` `;` `\`).
        cal.add("name", vText(_one_line(name)))
        cal.add("x-wr-calname", vText(_one_line(name)))
        cal.add("x-wr-timezone", tzid)
        cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", vDuration(REFRESH))
        if source:
            cal.add("source", source, parameters={"VALUE": "URI"})
        if years:
            cal.add_component(_vtimezone(tzid, *years))
        head = cal.to_ical()
        assert head.endswith(_END)
        return head[: -len(_END)]
    return memo.get(repr(("head", code, name, tzid, source, years)), make)


@lru_cache(maxsize=64)
def _vtimezone(tzid: str, first_year: int, last_year: int) -> Timezone:
    """The VTIMEZONE for the years a feed uses (the library computes it from tzdata)."""
    return Timezone.from_tzid(tzid, first_date=date(first_year, 1, 1), last_date=date(last_year + 1, 1, 1))
