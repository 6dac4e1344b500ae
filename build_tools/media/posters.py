"""Printable posters: an A4 page per event and language (PNG at 300 dpi and PDF), from the
layout in assets/layouts/poster.yml, with a QR code to the event's page on the site."""
from __future__ import annotations

from io import BytesIO
from typing import Optional

import PIL
import segno

from . import layouts

from ..core import urls
from .cards import identity, missing_glyphs, render
from ..i18n.languages import Language
from .cache import Cache, key_of
from ..core.problems import Problem
from ..core.output import Output
from ..model.site import Entry, Site

LAYOUT = "assets/layouts/poster.yml"
DPI = 300
ENCODING = {"png": 1, "pdf_quality": 92, "dpi": DPI, "qr": "q", "pillow": PIL.__version__, "segno": segno.__version__}


def N_(msgid: str) -> str:
    """Marks interface strings that layouts use as labels, for the catalogue."""
    return msgid


LABELS = (N_("When"), N_("Where"), N_("Organiser"), N_("Scan the code for the event page"))


def poster_src(lang: Language, site: Site, entry: Entry, ext: str) -> str:
    return f"assets/posters/{lang.prefix}events/{entry.slug}.{ext}"


def page_address(site: Site, entry: Entry, lang: Language) -> str:
    """The absolute address of an item's page (what the QR code holds)."""
    prefix = lang.prefix
    base = site.settings.site_url.rstrip("/")
    return f"{base}/{urls.page_url(urls.item_src(entry.kind, entry.slug, prefix))}"


def values(site: Site, entry: Entry, lang: Language) -> dict:
    m = entry.item.version(lang.code).model
    speaks = lang
    _ = speaks.gettext
    campaign = site.campaign_of(entry)
    version = (campaign.item.version(lang.code) or campaign.item.source) if campaign else None
    organizers = [m.organizer] if m.organizer else (list(version.model.organizers) if version else [])
    status = {"cancelled": _("Cancelled"), "postponed": _("Postponed")}.get(m.status, "")
    address = page_address(site, entry, lang)
    return {
        "campaign": version.model.title if version else "",
        "title": m.title,
        "status": status,
        "when": speaks.format_range(m.start, m.end, site.settings.tz),
        "where": ", ".join(x for x in ([m.venue.name, m.venue.city, m.venue.address] if m.venue else []) if x),
        "organizer": lang.join(organizers),
        "summary": m.summary,
        "scan": _("Scan the code for the event page"),
        "address": address.split("://", 1)[-1],
        "site": identity(site, lang),
        "url": address,
    }


def build_posters(site: Site, cache: Cache, stacks: Optional[dict] = None) -> tuple[dict, list, list[Problem]]:
    """(posters: (lang, slug) -> {"png": path, "pdf": path}, outputs, problems).
    Without the site's address (site_url) there is nothing for a QR code to point at."""
    events = [e for e in site.entries if e.kind == "event"]
    if not (site.settings.posters and events and site.settings.site_url.startswith(("https://", "http://"))):
        return {}, [], []
    loaded, problems = layouts.load(site.settings, LAYOUT, cache, stacks)
    if loaded is None:
        return {}, [], problems
    posters, outputs = {}, []
    for lang in site.languages:  # the source language first
        for entry in events:
            if entry.item.version(lang.code) is None:
                continue
            vals = values(site, entry, lang)
            if missing_glyphs(loaded, vals):  # never a box: the source language's poster (check names the characters)
                if (site.settings.source_language, entry.slug) in posters:
                    posters[(lang.code, entry.slug)] = posters[(site.settings.source_language, entry.slug)]
                continue
            # Labels are drawn too: an edited catalogue makes a new poster.
            key = key_of("poster", ENCODING, loaded.fingerprint, lang.code, drawn_labels(lang), vals)
            cached = cache.get("posters", key, expect=("poster.png", "poster.pdf"))
            if cached is None:
                cached = cache.put("posters", key, draw(loaded, vals, lang), {})
            paths = {}
            for ext in ("png", "pdf"):
                paths[ext] = poster_src(lang, site, entry, ext)
                outputs.append(Output(paths[ext], source=str(cached.path(f"poster.{ext}"))))
            posters[(lang.code, entry.slug)] = paths
    return posters, outputs, problems


def drawn_labels(lang: Language) -> list:
    return [lang.label_separator, [lang.gettext(label) for label in LABELS]]


def draw(loaded: layouts.Loaded, vals: dict, lang: Language) -> dict:
    """{"poster.png": bytes, "poster.pdf": bytes}; the PDF is the same page at A4 size."""
    matrix = segno.make(vals["url"], error=ENCODING["qr"], micro=False).matrix
    image, _boxes = render_with_qr(loaded, vals, lang, matrix)
    png, pdf = BytesIO(), BytesIO()
    image.save(png, "PNG", dpi=(DPI, DPI), compress_level=ENCODING["png"])
    # No creation date: the same event gives the same bytes in every build.
    image.save(pdf, "PDF", resolution=DPI, quality=ENCODING["pdf_quality"], title=vals["title"],
               creationDate=None, modDate=None, producer=None)
    return {"poster.png": png.getvalue(), "poster.pdf": pdf.getvalue()}


def render_with_qr(loaded: layouts.Loaded, vals: dict, lang: Language, matrix):
    return render(loaded, vals, lang, qr_matrix=matrix)
