"""Where the calendar pages and iCalendar feeds live, per language (prefix "" or "en/")."""
from __future__ import annotations

from urllib.parse import urlsplit

from . import urls

FOLDER = "calendar"


def agenda_src(prefix: str = "") -> str:
    return f"{prefix}{FOLDER}/index.md"


def month_src(year: int, month: int, prefix: str = "") -> str:
    return f"{prefix}{FOLDER}/{year:04d}-{month:02d}.md"


def subscribe_src(prefix: str = "") -> str:
    return f"{prefix}{FOLDER}/subscribe.md"


def all_events_ics(prefix: str = "") -> str:
    return f"{prefix}{FOLDER}/events.ics"


def theme_days_ics(prefix: str = "") -> str:
    return f"{prefix}{FOLDER}/theme-days.ics"


def campaign_ics(slug: str, prefix: str = "") -> str:
    return f"{prefix}{FOLDER}/campaigns/{slug}.ics"


def event_ics(slug: str, prefix: str = "") -> str:
    return f"{prefix}{FOLDER}/events/{slug}.ics"


def item_url(site, entry, lang: str) -> str:
    """The URL (from the site root) of an item's page in a language, or of the
    source-language page when the item has no version in that language."""
    if entry.item.version(lang) is None:
        lang = site.settings.source_language
    prefix = urls.lang_prefix(lang, site.settings.source_language)
    return urls.page_url(urls.item_src(entry.kind, entry.slug, prefix))


def absolute(site_url: str, url: str) -> str:
    """An absolute URL from the site's address, or "" when the site has none."""
    if not site_url:
        return ""
    return site_url.rstrip("/") + "/" + url.lstrip("/")


def host(site_url: str) -> str:
    """The site's host name, the domain part of calendar UIDs."""
    return urlsplit(site_url).hostname or "campaign-site.invalid"
