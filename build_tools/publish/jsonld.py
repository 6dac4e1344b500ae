"""schema.org data as JSON-LD, for search engines and the apps that read pages: Event on
event pages, NewsArticle on news and Article on stories.

The script element is written so that no value can end it: every <, > and & in the
JSON is written as a \\u escape, which JSON parsers read back as the same character.
"""
from __future__ import annotations

import re
from datetime import datetime

from markupsafe import Markup

from ..core import calendar_urls

from ..i18n.languages import Language, language
from ..model.days import event_days
from ..safety.script_json import script_json
from ..media.stage import Media
from ..model.site import Entry, Site
from .feeds import entry_dates

STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "held": "https://schema.org/EventScheduled",
    "postponed": "https://schema.org/EventPostponed",
    "cancelled": "https://schema.org/EventCancelled",
}
COUNTRY = "CN"
# Editors write several organisers in one field joined by 、 or a semicolon.
_ORGANIZER_SEPARATORS = re.compile(r"\s*[、;；]\s*")
ARTICLE_TYPES = {"article": "NewsArticle", "story": "Article"}


def event_data(site: Site, media: Media, entry: Entry, lang: Language) -> dict:
    version = entry.item.version(lang.code) or entry.item.source
    model = version.model
    tz = site.settings.tz
    campaign = site.campaign_of(entry)
    campaign_model = _model(campaign, lang.code) if campaign is not None else None
    site_url = site.settings.site_url
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": model.title,
        "description": model.summary,
        "startDate": _moment(model.start, tz, first=True, model=model),
        "endDate": _moment(model.end or model.start, tz, first=False, model=model),
        "eventStatus": STATUS[model.status],
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": _place(site, model, campaign_model, lang),
        "organizer": [_organization(site, name, lang) for name in _organizers(site, model, campaign_model, lang)],
        "inLanguage": language(site.settings, version.doc.lang).tag,  # the text's, which may be the source's
    }
    url = calendar_urls.absolute(site_url, calendar_urls.item_url(site, entry, lang.code))
    if url:
        data["url"] = url
    images = _images(site, media, version, model) or (
        _images(site, media, campaign.item.version(lang.code) or campaign.item.source, campaign_model)
        if campaign is not None else []) or _card(site, media, entry, lang)
    if images:
        data["image"] = images
    if model.registration:
        data["offers"] = {"@type": "Offer", "url": model.registration}
    return data


def article_data(site: Site, media: Media, entry: Entry, lang: Language) -> dict:
    """A news article (NewsArticle) or a story (Article): what Google reads of an article."""
    version = entry.item.version(lang.code) or entry.item.source
    model = version.model
    published, modified = entry_dates(site, entry, lang)
    source = getattr(model, "source", None)
    publisher = _organization(site, _government(site, "organizer", lang) or lang.site_name, lang)
    data = {
        "@context": "https://schema.org",
        "@type": ARTICLE_TYPES[entry.kind],
        "headline": model.title,
        "description": model.summary,
        "datePublished": published.isoformat(),
        "dateModified": modified.isoformat(),
        "author": [_organization(site, source, lang)] if source else [publisher],
        "publisher": publisher,
        "inLanguage": language(site.settings, version.doc.lang).tag,
    }
    url = calendar_urls.absolute(site.settings.site_url, calendar_urls.item_url(site, entry, lang.code))
    if url:
        data["url"] = data["mainEntityOfPage"] = url
    images = _images(site, media, version, model) or _card(site, media, entry, lang)
    if images:
        data["image"] = images
    return data


def event_script(site: Site, media: Media, entry: Entry, lang: Language) -> Markup:
    """The <script type="application/ld+json"> element of an event page."""
    return _script(event_data(site, media, entry, lang))


def article_script(site: Site, media: Media, entry: Entry, lang: Language) -> Markup:
    """The <script type="application/ld+json"> element of a news or story page."""
    return _script(article_data(site, media, entry, lang))


def _script(data: dict) -> Markup:
    return Markup('<script type="application/ld+json">') + script_json(data) + Markup("</script>")


def _model(entry: Entry, lang: str):
    return (entry.item.version(lang) or entry.item.source).model


def _moment(value, tz, first: bool, model) -> str:
    """A date for a whole-day event (it has no time and no offset), else the time with its offset."""
    if isinstance(value, datetime):
        return value.astimezone(tz).isoformat()
    start, last = event_days(model, tz)
    return (start if first else last).isoformat()


def _place(site: Site, model, campaign_model, lang: Language) -> dict:
    """The venue; without one, the place is only an address: the campaign's regions, else
    the site's region (a region is no venue, so it is not given as the place's name).
    The region of every address is the site's (`extra.government.region`)."""
    venue = model.venue
    address = {"@type": "PostalAddress", "addressCountry": COUNTRY}
    region = _government(site, "region", lang)
    if region:
        address["addressRegion"] = region
    if venue and (venue.name or venue.city or venue.address):
        if venue.address:
            address["streetAddress"] = venue.address
        if venue.city:
            address["addressLocality"] = venue.city
        return {"@type": "Place", "name": venue.name or venue.city or venue.address, "address": address}
    regions = list(campaign_model.regions) if campaign_model is not None else []
    if regions:
        address["addressLocality"] = lang.join(regions)
    return {"@type": "Place", "address": address}


def _organizers(site: Site, model, campaign_model, lang: Language) -> list[str]:
    if model.organizer:
        written = [model.organizer]
    elif campaign_model is not None and campaign_model.organizers:
        written = list(campaign_model.organizers)
    else:
        written = [_government(site, "organizer", lang)]
    return [name for text in written for name in _ORGANIZER_SEPARATORS.split(text) if name]


def _organization(site: Site, name: str, lang: Language) -> dict:
    """An organisation; the site's own (extra.government.organizer) with its address."""
    org = {"@type": "Organization", "name": name}
    own = {_government(site, "organizer", lang), _government(site, "organizer", None)}
    if name in own:
        url = _government(site, "organizer_url", None) or site.settings.site_url
        if url:
            org["url"] = url
    return org


def _government(site: Site, key: str, lang) -> str:
    """A field of extra.government in mkdocs.yml, in a language (organizer_en) or the source one (lang None)."""
    gov = site.settings.extra.get("government") or {}
    if lang is not None and not lang.is_source and gov.get(f"{key}_{lang.code}"):
        return str(gov[f"{key}_{lang.code}"])
    return str(gov.get(key) or "")


def _images(site: Site, media: Media, version, model) -> list[str]:
    if model is None or not getattr(model, "cover", None):
        return []
    found = version.links.get(model.cover)
    if not found or found[0] != "file":
        return []
    path = media.published(found[1])  # an image's published copy, never its original
    url = calendar_urls.absolute(site.settings.site_url, path) if path else None
    return [url] if url else []


def _card(site: Site, media: Media, entry: Entry, lang: Language) -> list[str]:
    """The page's share card, for a page without a cover."""
    card = media.card(lang.code, entry)
    url = calendar_urls.absolute(site.settings.site_url, card) if card else None
    return [url] if url else []
