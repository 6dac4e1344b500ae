"""Printable posters: an A4 vector PDF per event and language (text, shapes, the event's
cover photo and a QR code to its page), and a small preview image of it for the event's
page, from the layout in assets/layouts/poster.yml.

An event gets a poster until it is over (`Site.is_upcoming`); its front matter can ask
for one after that (`poster: true`) or for none (`poster: false`)."""
from __future__ import annotations

from io import BytesIO
from typing import Optional

import PIL
import segno
from PIL import Image

from . import layouts, pdf

from ..core import urls
from .cards import IMAGES_SERIAL_BELOW, cover_file, identity, labels, missing_glyphs
from ..i18n.languages import Language
from ..core.workers import run as run_in_workers
from .cache import Cache, key_of
from ..core.problems import Problem
from ..core.output import Output
from ..model.site import Entry, Site

LAYOUT = "assets/layouts/poster.yml"
PREVIEW_WIDTH = 600  # pixels: the event page shows it at most 300 px wide, sharp on phones
PHOTO_WIDTH = 1200  # the smallest photo copy used: about 150 dpi across an A4 page
# Part of the cache key; "design" counts changes of how posters are drawn (2: text in its
# colour, Mongolian in shaped vertical lines).
ENCODING = {"pdf": pdf.VERSION, "preview": ["webp", PREVIEW_WIDTH, 80], "qr": "q", "pillow": PIL.__version__,
            "segno": segno.__version__, "design": 2}
FILES = ("poster.pdf", "preview.webp")


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


def wanted(site: Site, entry: Entry) -> bool:
    """An event has a poster while it is upcoming, unless its front matter says otherwise."""
    asked = getattr(entry.model, "poster", None)
    return site.is_upcoming(entry) if asked is None else asked


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
        "where": lang.clauses(x for x in ([m.venue.name, m.venue.city, m.venue.address] if m.venue else []) if x),
        "organizer": lang.join(organizers),
        "summary": m.summary,
        "scan": _("Scan the code for the event page"),
        "address": address.split("://", 1)[-1],
        "site": identity(site, lang),
        "url": address,
    }


def photo_of(site: Site, media, entry: Entry) -> Optional[str]:
    """The file of the event's cover photo to print (a JPEG or PNG copy), if it has one."""
    return cover_file(media, entry, PHOTO_WIDTH)


def build_posters(site: Site, cache: Cache, stacks: Optional[dict] = None, media=None,
                  workers: Optional[int] = None) -> tuple[dict, list, list[Problem]]:
    """(posters: (lang, slug) -> {"pdf": path, "preview": path}, outputs, problems).
    Without the site's address (site_url) there is nothing for a QR code to point at."""
    events = [e for e in site.entries if e.kind == "event" and wanted(site, e)]
    if not (site.settings.posters and events and site.settings.site_url.startswith(("https://", "http://"))):
        return {}, [], []
    loaded, problems = layouts.load(site.settings, LAYOUT, cache, stacks)
    if loaded is None:
        return {}, [], problems
    posters, made, found, todo = {}, [], {}, {}
    for lang in site.languages:  # the source language first
        for entry in events:
            if entry.item.version(lang.code) is None:
                continue
            vals = values(site, entry, lang)
            if missing_glyphs(loaded, vals):  # never a box: the source language's poster (check names the characters)
                if (site.settings.source_language, entry.slug) in posters:
                    posters[(lang.code, entry.slug)] = posters[(site.settings.source_language, entry.slug)]
                continue
            photo = photo_of(site, media, entry) if media is not None else None
            names = labels(loaded, lang)
            # Labels are drawn too: an edited catalogue makes a new poster; the photo by its content address.
            key = key_of("poster", ENCODING, loaded.fingerprint, lang.code, lang.writing_mode, drawn_labels(lang), vals,
                         photo and photo.rsplit("/", 2)[-2:])
            if key not in found and key not in todo:
                cached = cache.get("posters", key, expect=FILES)
                if cached is None:
                    todo[key] = (vals, names, lang.label_separator, lang.tag, photo, lang.writing_mode)
                else:
                    found[key] = cached
            paths = {"pdf": poster_src(lang, site, entry, "pdf"), "preview": poster_src(lang, site, entry, "webp")}
            made.append((paths, key))
            posters[(lang.code, entry.slug)] = paths
    drawn = [text for vals, names, separator, *_rest in todo.values() for text in (*vals.values(), *names.values(), separator)]
    needed = pdf.fonts_used(loaded.stack, drawn)
    shared = {"poster": loaded, "fonts": pdf.sfnt_files(loaded.stack, cache, needed)} if todo else {}
    for key, files in zip(todo, run_in_workers(draw, list(todo.values()), shared, workers, IMAGES_SERIAL_BELOW)):
        found[key] = cache.put("posters", key, files, {})
    outputs = [Output(paths[ext], source=str(found[key].path(name)))
               for paths, key in made for ext, name in (("pdf", FILES[0]), ("preview", FILES[1]))]
    return posters, outputs, problems


def drawn_labels(lang: Language) -> list:
    return [lang.label_separator, [lang.gettext(label) for label in LABELS]]


def draw(shared: dict, vals: dict, names: dict, separator: str, tag: str, photo: Optional[str],
         writing_mode: str = "horizontal-tb") -> dict:
    """{"poster.pdf": bytes, "preview.webp": bytes} (run in a worker process: see core/workers.py).
    Both are drawn from one plan of the text, so the preview shows the poster's lines."""
    loaded = shared["poster"]
    matrix = segno.make(vals["url"], error=ENCODING["qr"], micro=False).matrix
    lines = layouts.plan(loaded, vals, names, separator, writing_mode)
    document = pdf.page(loaded, lines, shared["fonts"], matrix, photo, vals["title"], tag)
    scale = PREVIEW_WIDTH / loaded.layout.size[0]
    picture = Image.open(photo) if photo else None
    try:
        image, _boxes = layouts.draw(loaded, vals, names, separator, matrix, scale=scale, photo=picture,
                                     writing_mode=writing_mode)
    finally:
        if picture is not None:
            picture.close()
    preview = BytesIO()
    image.save(preview, "WEBP", quality=ENCODING["preview"][2], method=4)
    return {"poster.pdf": document, "preview.webp": preview.getvalue()}
