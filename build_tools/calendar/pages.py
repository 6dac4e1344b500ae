"""Calendar pages, per language: the agenda, one month view per month with events, the
subscribe page, and the calendar section of campaign pages.

Month views are HTML tables rendered at build time, so they work without JavaScript.
An event shows on every day it covers; theme days show on their days and link to
their campaign. Events without a version in a language link to their source page.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Optional

from markupsafe import Markup

from ..core import calendar_urls

from ..core import urls
from ..model.days import days, event_days, months, weeks, weekday_order
from ..core.output import Output
from ..i18n.languages import Language
from ..render.context import PageContext
from ..render.environment import environment, front_matter, html_block
from ..model.site import Entry, Site


@dataclass
class Row:
    """An event as a calendar page shows it in one language."""

    entry: Entry
    model: object  # the version in the page's language, or the source
    first: date
    last: date

    @property
    def campaign_slug(self) -> str:
        return self.entry.item.campaign


@dataclass
class Cell:
    day: date
    events: list = field(default_factory=list)  # [Row]
    themes: list = field(default_factory=list)  # [Observance]
    today: bool = False
    spans: list = field(default_factory=list)  # [Span]: the campaigns that cover the day


@dataclass
class Span:
    """A campaign over one day of a grid: named where its band starts (its first day, or
    the first day of a week or month it runs on into), marked where it ends."""

    entry: Optional[Entry]  # None: another day's campaign has this lane, this day has none
    start: bool = False  # the band begins in this cell: the campaign's name is written here
    end: bool = False  # the campaign's last day
    length: int = 0  # where it starts: the cells the band covers in this week (its name's room)


@dataclass
class Month:
    year: int
    month: int
    title: str
    src: str  # the month page's source path
    weeks: list  # rows of seven Cell or None
    campaigns: list = field(default_factory=list)  # [Entry]: whose bands the grid shows, by lane


class CalendarPage(PageContext):
    """Links and labels of a calendar page (or of the calendar section of a campaign page)."""

    def href(self, entry: Entry) -> str:
        return self._link(calendar_urls.item_url(self.site, entry, self.lang))

    def src_href(self, src: str) -> str:
        return self._link(urls.page_url(src))

    def file_href(self, path: str) -> str:
        return self._link(path)

    def title_of(self, entry: Entry) -> str:
        return _model(entry, self.lang).title

    def model_of(self, entry: Entry):
        """An item's fields in the page's language, else the source's (calendars link to either)."""
        return _model(entry, self.lang)

    def weekday_headers(self) -> list[tuple[str, str]]:
        return self.language.weekday_headers(weekday_order(self.language.first_week_day))

    def month_title(self, year: int, month: int) -> str:
        return self.language.month_title(year, month)

    def month_label(self, year: int, month: int) -> str:
        return self.language.month_label(year, month)

    def theme_day_when(self, obs) -> str:
        if obs.month_day:
            day = self.language.month_day(*obs.month_day)
            return self._("every year on %(day)s") % {"day": day}
        return self.language.join(self.language.format_day(d) for d in obs.dates)

    def theme_href(self, obs) -> Optional[str]:
        campaign = self.site.campaigns.get(obs.campaign) if obs.campaign else None
        return self.href(campaign) if campaign is not None else None

    def when_day(self, day: date) -> str:
        return self.language.format_day(day)

    def place(self, row: Row) -> str:
        venue = row.model.venue
        return (venue.city or venue.name or "") if venue else ""


def outputs(site: Site) -> list[Output]:
    """Every calendar page of every language (a pipeline generator)."""
    return site.per_language(language_pages)


def language_pages(site: Site, lang: Language) -> list[Output]:
    prefix = lang.prefix
    rows = _rows(site, lang.code)
    month_keys = sorted({m for r in rows for m in months(r.first, r.last)})
    out = [_agenda(site, lang, prefix, rows, month_keys), _subscribe(site, lang, prefix)]
    for n, (year, month) in enumerate(month_keys):
        previous = month_keys[n - 1] if n > 0 else None
        following = month_keys[n + 1] if n + 1 < len(month_keys) else None
        out.append(_month_page(site, lang, prefix, rows, year, month, previous, following))
    return out


def campaign_section(context: PageContext, campaign: Entry) -> Markup:
    """The calendar section of a campaign page: its months as grids, its theme days, its feed."""
    site, lang = context.site, context.language
    prefix = lang.prefix
    page = CalendarPage(site, context.src, lang, {})
    rows = _rows(site, lang.code, [e for e in site.children.get((campaign.slug, "event"), []) if e.listed])
    themes = sorted((o for o in site.observances if o.campaign == campaign.slug), key=_in_year_order)
    if not rows and not themes:
        return Markup("")
    keys = sorted({m for r in rows for m in months(r.first, r.last)})
    grids = [_month(page, site, rows, y, m, prefix, only=campaign) for y, m in keys]
    campaigns = list({e.slug: e for g in grids for e in g.campaigns}.values())
    html = html_block(environment(lang), "calendar_section.html.j2", page=page, grids=grids, themes=themes,
                 campaigns=campaigns,
                 feed=calendar_urls.campaign_ics(campaign.slug, prefix) if rows else None,
                 subscribe=calendar_urls.subscribe_src(prefix))
    return Markup(html)


# --- data ----------------------------------------------------------------------------

def _model(entry: Entry, lang: str):
    version = entry.item.version(lang)
    return (version or entry.item.source).model


def _rows(site: Site, lang: str, entries=None) -> list[Row]:
    tz = site.settings.tz
    rows = []
    for entry in site.listed("event") if entries is None else entries:
        first, last = event_days(entry.model, tz)
        rows.append(Row(entry, _model(entry, lang), first, last))
    return sorted(rows, key=lambda r: (r.first, r.last, r.entry.slug))


def _month(page: CalendarPage, site: Site, rows: list[Row], year: int, month: int, prefix: str,
           only: Optional[Entry] = None) -> Month:
    """A month's grid; `only`: the one campaign whose band it shows (a campaign page's own)."""
    by_day = defaultdict(list)
    first, last = date(year, month, 1), _month_end(year, month)
    for row in rows:
        for day in days(max(row.first, first), min(row.last, last)):
            by_day[day].append(row)
    themes = defaultdict(list)
    for obs in site.observances:
        for day in obs.days_between(first, last):
            themes[day].append(obs)
    grid = [[Cell(d, by_day.get(d, []), themes.get(d, []), d == site.today) if d else None for d in week]
            for week in weeks(year, month, page.language.first_week_day)]
    lanes = _add_spans(grid, _campaign_days(site, first, last, only), first)
    return Month(year, month, page.month_title(year, month), calendar_urls.month_src(year, month, prefix), grid, lanes)


def _campaign_days(site: Site, first: date, last: date, only: Optional[Entry] = None) -> dict:
    """day -> [(campaign, (its first day, its last day))] for the listed campaigns (or `only`)
    that cover days between first and last."""
    tz = site.settings.tz
    covered = defaultdict(list)
    shown = [only] if only is not None else site.listed("campaign")
    spans = sorted((event_days(e.model, tz), e.slug, e) for e in shown)
    for (begins, ends), _slug, entry in spans:
        for day in days(max(begins, first), min(ends, last)):
            covered[day].append((entry, (begins, ends)))
    return covered


def _add_spans(grid: list, covered: dict, first: date) -> list[Entry]:
    """Each campaign of the month in its own lane (one row of every cell), so that its band
    runs straight across the week; returns the campaigns in the order of their lanes."""
    by_slug = {e.slug: e for day in sorted(covered) for e, _days in covered[day]}
    lanes = list(by_slug)
    for week in grid:
        for n, cell in enumerate(week):
            if cell is None:
                continue
            found = {e.slug: ends for e, (_begins, ends) in covered.get(cell.day, [])}
            for slug in lanes if found else []:
                if slug not in found:
                    cell.spans.append(Span(None))
                    continue
                entry = next(e for e, _d in covered[cell.day] if e.slug == slug)
                begins = cell.day == first or n == 0 or slug not in _slugs(covered, cell.day, -1)
                length = next((k for k in range(1, 7 - n) if slug not in _slugs(covered, cell.day, k)), 7 - n)
                cell.spans.append(Span(entry, begins, cell.day == found[slug], length if begins else 0))
    return list(by_slug.values())


def _slugs(covered: dict, day: date, offset: int) -> set:
    return {e.slug for e, _d in covered.get(day + timedelta(days=offset), [])}


def _in_year_order(obs):
    """Theme days in the order of the year (a moving one by its latest date)."""
    return obs.month_day or (obs.dates[-1].month, obs.dates[-1].day), obs.slug


def _month_end(year: int, month: int) -> date:
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


# --- pages ---------------------------------------------------------------------------

def _page(src: str, title: str, html: str, description: str) -> Output:
    # The whole page is our template's markup: the raw-HTML policy is for editors' bodies.
    return Output(src, f"{front_matter(title, description)}{html}\n".encode("utf-8"), trusted=(html,))


def _month_page(site, lang, prefix, rows, year, month, previous, following) -> Output:
    src = calendar_urls.month_src(year, month, prefix)
    page = CalendarPage(site, src, lang, {})
    grid = _month(page, site, rows, year, month, prefix)
    first, last = date(year, month, 1), _month_end(year, month)
    in_month = [r for r in rows if r.first <= last and r.last >= first]
    themes = sorted(((d, o) for o in site.observances for d in o.days_between(first, last)), key=lambda t: (t[0], t[1].slug))
    nav = {name: (calendar_urls.month_src(*key, prefix), page.month_title(*key)) if key else None
           for name, key in (("previous", previous), ("next", following))}
    html = html_block(environment(lang), "calendar_month.html.j2", page=page, grid=grid, rows=in_month, themes=themes,
                 campaigns=grid.campaigns,
                 nav=nav, agenda=calendar_urls.agenda_src(prefix), subscribe=calendar_urls.subscribe_src(prefix))
    about = page._("Events and theme days of %(site)s in %(month)s.") % {"site": lang.site_name, "month": grid.title}
    return _page(src, f"{grid.title} · {page._('Calendar')}", html, lang.description(about))


def _agenda(site, lang, prefix, rows, month_keys) -> Output:
    src = calendar_urls.agenda_src(prefix)
    page = CalendarPage(site, src, lang, {})
    upcoming = [r for r in rows if site.is_upcoming(r.entry)]
    past_by_year = defaultdict(list)
    for row in reversed([r for r in rows if not site.is_upcoming(r.entry)]):
        past_by_year[row.first.year].append(row)
    by_year = defaultdict(list)
    for year, month in month_keys:
        by_year[year].append((calendar_urls.month_src(year, month, prefix), page.month_label(year, month)))
    themes = sorted(site.observances, key=_in_year_order)
    html = html_block(environment(lang), "calendar_agenda.html.j2", page=page, upcoming=upcoming,
                 past=sorted(past_by_year.items(), reverse=True), months=sorted(by_year.items(), reverse=True),
                 themes=themes, subscribe=calendar_urls.subscribe_src(prefix),
                 theme_feed=calendar_urls.theme_days_ics(prefix),
                 feed=calendar_urls.all_events_ics(prefix) if rows else None)
    about = page._("Events and theme days of %(site)s, upcoming and past, month by month.") % {"site": lang.site_name}
    return _page(src, page._("Calendar"), html, lang.description(about))


def _subscribe(site: Site, lang: Language, prefix: str) -> Output:
    src = calendar_urls.subscribe_src(prefix)
    page = CalendarPage(site, src, lang, {})
    feeds = []
    if site.listed("event"):
        feeds.append((page._("All events"), calendar_urls.all_events_ics(prefix)))
    if site.observances:
        feeds.append((page._("Theme days"), calendar_urls.theme_days_ics(prefix)))
    listed = {e.item.campaign for e in site.listed("event")}
    for campaign in site.by_kind.get("campaign", []):
        if campaign.slug in listed:
            feeds.append((page.title_of(campaign), calendar_urls.campaign_ics(campaign.slug, prefix)))
    rows = [{"name": name, "href": page.file_href(path), **_addresses(site.settings.site_url, path)} for name, path in feeds]
    env = environment(lang)
    # A language may have a page of its own wording; the shared one speaks through the catalogue.
    name = f"calendar_subscribe.{lang.code}.html.j2"
    template = name if name in env.list_templates() else "calendar_subscribe.html.j2"
    html = html_block(env, template, page=page, feeds=rows, agenda=calendar_urls.agenda_src(prefix))
    about = page._("Subscribe to the calendars of %(site)s: all events, one campaign's events or the theme days, "
                   "in any calendar app.") % {"site": lang.site_name}
    return _page(src, page._("Subscribe to the calendar"), html, lang.description(about))


def _addresses(site_url: str, path: str) -> dict:
    """The feed's https address and its webcal:// twin, which phones open as a subscription."""
    https = calendar_urls.absolute(site_url, path)
    webcal = "webcal://" + https.split("://", 1)[1] if "://" in https else ""
    return {"url": https, "webcal": webcal}
