"""The home page's block: the campaign it leads with, the countdown to the next theme day,
then cards of what is coming and what is new."""
from __future__ import annotations

from ..i18n.languages import Language
from ..media.stage import Media
from ..model.days import next_theme_day
from ..model.site import Entry, Site, sort_key
from .context import PageContext
from .environment import environment, html_block

# The key visual fills the phone's width, and about 60 % of the page on a desktop.
HERO_SIZES = "(min-width: 76.25em) 36rem, (min-width: 60em) 60vw, 100vw"


def render_home(site: Site, media: Media, lang: Language, sources: dict) -> str:
    page = PageContext(site, lang.src("index.md"), lang, sources, media)
    code = lang.code
    current = sorted(site.upcoming("campaign", code), key=sort_key)
    countdown = _countdown(site, page)
    # Every language leads with the source language's campaign; where it is not translated,
    # with its original text, marked as such (as fallback pages say it).
    source = page.source_language
    hero = lead_campaign(site, source.code, sorted(site.upcoming("campaign", source.code), key=sort_key), countdown)
    original = source if hero is not None and hero.version(code) is None else None
    recent = [] if current else [e for e in site.listed("campaign", code) if e is not hero][:3]
    upcoming_events = sorted(site.upcoming("event", code), key=sort_key)[:6]
    return html_block(environment(lang), "home.html.j2", page=page, hero=hero, hero_sizes=HERO_SIZES,
                      hero_state=_state(site, hero) if hero else "", original=original,
                      countdown=countdown, current=[e for e in current if e is not hero], recent=recent,
                      upcoming_events=upcoming_events, stories=site.listed("story", code)[:3],
                      news=site.listed("article", code)[:3])


def lead_campaign(site: Site, lang: str, current: list, countdown) -> Entry | None:
    """The campaign the home page leads with: the current or next one; between campaigns,
    the one of the next theme day; else the latest."""
    if current:
        return current[0]
    listed = site.listed("campaign", lang)
    if countdown and countdown["campaign"] in site.campaigns and site.campaigns[countdown["campaign"]] in listed:
        return site.campaigns[countdown["campaign"]]
    return listed[0] if listed else None


def _state(site: Site, campaign: Entry) -> str:
    """current, next or past: the home page says which, so that an old campaign never
    looks like news."""
    if not site.is_upcoming(campaign):
        return "past"
    return "current" if campaign.model.start <= site.today else "next"


def _countdown(site: Site, page: PageContext):
    """The next theme day and the days until it, as of the build's reference time; the
    page's script counts on from the same day where JavaScript runs."""
    found = next_theme_day(site.observances, site.today)
    if found is None:
        return None
    day, obs = found
    days = (day - site.today).days
    _ = page._
    # a theme day without a name in the page's language is named in the source language's
    own = page.lang in obs.name
    named = page.language if own else page.source_language
    return {"name": obs.title(named.code), "name_lang": "" if own else named.tag,
            "day": day.isoformat(), "date": page.language.format_day(day),
            "days": days, "campaign": obs.campaign,
            "unit": page.ngettext("day", "days", days), "one": page.ngettext("day", "days", 1),
            "other": page.ngettext("day", "days", 2), "today": _("Today"), "zone": page.language.timezone}
