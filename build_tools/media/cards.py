"""Share cards: a 1200×630 image per page and language (and one for the site), drawn
from the layout in assets/layouts/card.yml with the shipped fonts."""
from __future__ import annotations

from io import BytesIO

import PIL
from PIL import Image
from typing import Optional

from . import layouts

from ..core import urls
from ..core.workers import run as run_in_workers
from .cache import Cache, key_of
from ..i18n.languages import Language
from ..core.problems import NOTICE, Problem, problem
from ..core.output import Output
from ..model.site import Entry, Site

LAYOUT = "assets/layouts/card.yml"
LAYOUT_PHOTO = "assets/layouts/card-photo.yml"  # an item with a cover photo
# Part of the cache key; "design" counts changes of how cards are drawn (2: the cover photo).
ENCODING = {"format": "JPEG", "quality": 90, "subsampling": 0, "optimize": False, "pillow": PIL.__version__, "design": 2}
IMAGES_SERIAL_BELOW = 8  # starting workers costs more than drawing a few images
PHOTO_WIDTH = 1200  # the smallest copy of a cover drawn on a card: sharp at the card's width
# Front matter fields a card's or poster's value comes from, for a problem's line.
SOURCES = {"title": "title", "when": "venue", "where": "venue", "organizer": "organizer", "summary": "summary"}


def card_src(lang: Language, site: Site, entry: Optional[Entry] = None) -> str:
    """Where a card is published: assets/cards/[<lang>/]<kind folder>/<slug>.jpg, or site.jpg."""
    prefix = lang.prefix
    if entry is None:
        return f"assets/cards/{prefix}site.jpg"
    return f"assets/cards/{prefix}{urls.KIND_FOLDER[entry.kind]}/{entry.slug}.jpg"


def identity(site: Site, lang: Language) -> str:
    """The site's name as a card shows it, in the card's language (else who runs it)."""
    return lang.site_name or organizer(site, lang) or organizer(site, lang, own=False)


def organizer(site: Site, lang: Language, own: bool = True) -> str:
    """extra.government.organizer_<code> of mkdocs.yml for a language, organizer for the source
    language (or for any, with own=False)."""
    gov = (site.settings.extra or {}).get("government") or {}
    key = "organizer" if lang.is_source or not own else f"organizer_{lang.code}"
    return str(gov.get(key) or "")


def values(site: Site, entry: Entry, lang: Language) -> dict:
    """The text of an item's card: title, when (date or place), context (the campaign) and site."""
    m = entry.item.version(lang.code).model
    speaks, tz = lang, site.settings.tz
    if entry.kind == "campaign":
        when = speaks.format_range(m.start, m.end, tz)
        context = m.theme or ""
    else:
        campaign = site.campaign_of(entry)
        version = campaign.item.version(lang.code) or campaign.item.source if campaign else None
        context = version.model.title if version else ""
        if entry.kind == "event":
            place = (m.venue.city or m.venue.name) if m.venue else None
            when = " · ".join(x for x in (speaks.format_range(m.start, m.end, tz), place) if x)
        elif entry.kind == "story":
            when = " · ".join(x for x in (m.subject, m.region) if x)
        else:
            when = " · ".join(x for x in (speaks.format_day(m.date, tz), m.source) if x)
    if entry.kind == "campaign" and m.regions:
        when = f"{when} · {lang.join(m.regions)}"
    return {"title": m.title, "when": when, "context": context, "site": identity(site, lang)}


def site_values(site: Site, lang: Language) -> dict:
    return {"title": identity(site, lang), "when": organizer(site, lang), "context": "", "site": site.settings.site_url}


def missing_glyphs(loaded: layouts.Loaded, vals: dict) -> dict:
    """field -> characters that no shipped font has."""
    found = {}
    for name, text in vals.items():
        missing = loaded.stack.missing(text or "")
        if missing:
            found[name] = missing
    return found


def glyph_problems(entry: Entry, lang: Language, gaps: dict) -> list[Problem]:
    doc = entry.item.version(lang.code).doc
    out = []
    for name, chars in sorted(gaps.items()):
        fld = SOURCES.get(name, "") if name != "when" or entry.kind == "event" else ""
        fld = fld if fld in doc.data else ""
        shown = " ".join(f"{c} (U+{ord(c):04X})" for c in chars)
        out.append(problem(doc.path, doc.line(fld) if fld else 1, fld, "glyph_missing", NOTICE, chars=shown))
    return out


def labels(loaded: layouts.Loaded, lang: Language) -> dict:
    """The layout's labels (interface msgids) in a language."""
    return {box.label: lang.gettext(box.label) for box in loaded.layout.texts if box.label}


def render(loaded: layouts.Loaded, vals: dict, lang: Language, qr_matrix=None):
    """The card (or poster) in a language: labels from its interface strings."""
    return layouts.draw(loaded, vals, labels(loaded, lang), lang.label_separator, qr_matrix=qr_matrix,
                        writing_mode=lang.writing_mode)


def cover_file(media, entry: Entry, width: int) -> Optional[str]:
    """The file of an item's cover photo (a JPEG or PNG copy at least `width` wide, else the
    largest), if it has one that was published."""
    model = entry.item.source.model
    cover = getattr(model, "cover", None)
    found = entry.item.source.links.get(cover) if cover else None
    picture = media.picture(found[1]) if media is not None and found and found[0] == "file" else None
    if picture is None:
        return None
    copies = picture.of("fallback")
    return next((v for v in copies if v.width >= width), copies[-1]).source


def draw_card(shared: dict, vals: dict, names: dict, separator: str, photo: Optional[str] = None,
              writing_mode: str = "horizontal-tb") -> bytes:
    """One card's JPEG (run in a worker process: see core/workers.py): over the item's cover photo
    when it has one."""
    if photo is None:
        image, _boxes = layouts.draw(shared["card"], vals, names, separator, writing_mode=writing_mode)
        return jpeg(image)
    with Image.open(photo) as picture:
        image, _boxes = layouts.draw(shared["card_photo"], vals, names, separator, photo=picture,
                                     writing_mode=writing_mode)
    return jpeg(image)


def jpeg(image) -> bytes:
    """Cards are JPEG: every sharing service takes it, and at this quality with full
    colour resolution text edges stay clean. Not `optimize`: its second pass made a card
    15 % smaller and took half the time of drawing one, and a card is fetched once per share."""
    buf = BytesIO()
    image.save(buf, "JPEG", quality=ENCODING["quality"], subsampling=ENCODING["subsampling"],
               optimize=ENCODING["optimize"])
    return buf.getvalue()


def build_cards(site: Site, cache: Cache, stacks: Optional[dict] = None,
                workers: Optional[int] = None, media=None) -> tuple[dict, list, list[Problem]]:
    """(cards: (lang, kind, slug) or (lang,) -> published path, outputs, problems).
    Cards not in the cache are drawn over `workers` processes (all cores by default); an
    item's card shows its cover photo when `media` has it published."""
    if not site.settings.share_cards:
        return {}, [], []
    loaded, problems = layouts.load(site.settings, LAYOUT, cache, stacks)
    with_photo, photo_problems = layouts.load(site.settings, LAYOUT_PHOTO, cache, stacks)
    if loaded is None or with_photo is None:
        return {}, [], problems + photo_problems
    cards, made, found, todo = {}, [], {}, {}

    def make(path: str, vals: dict, lang: Language, photo: Optional[str] = None) -> str:
        # the photo by its content address in the cache (folder and file name)
        design = [with_photo.fingerprint, photo.rsplit("/", 2)[-2:]] if photo else loaded.fingerprint
        key = key_of("card", ENCODING, design, lang.code, lang.writing_mode, vals)
        if key not in found and key not in todo:
            entry = cache.get("cards", key, expect=("card.jpg",))
            if entry is None:
                todo[key] = (vals, labels(loaded, lang), lang.label_separator, photo, lang.writing_mode)
            else:
                found[key] = entry
        made.append((path, key))
        return path

    # Never a box: a card whose text the fonts cannot draw is replaced by the same page's
    # card in the source language, else by the site's card (`campaign check` names the
    # characters). The source language comes first, so its cards are there to fall back on.
    source = site.settings.source_language
    for lang in site.languages:
        code = lang.code
        vals = site_values(site, lang)
        if missing_glyphs(loaded, vals) and not lang.is_source:
            cards[(code,)] = cards[(source,)]
        else:
            cards[(code,)] = make(card_src(lang, site), drawable(loaded, vals), lang)
        for entry in site.entries:
            if entry.item.version(code) is None:
                continue
            vals = values(site, entry, lang)
            key = (code, entry.kind, entry.slug)
            if missing_glyphs(loaded, vals):
                cards[key] = cards.get((source, entry.kind, entry.slug)) or cards[(code,)]
            else:
                cards[key] = make(card_src(lang, site, entry), vals, lang, cover_file(media, entry, PHOTO_WIDTH))
    drawn = run_in_workers(draw_card, list(todo.values()), {"card": loaded, "card_photo": with_photo}, workers, IMAGES_SERIAL_BELOW)
    for key, data in zip(todo, drawn):
        found[key] = cache.put("cards", key, {"card.jpg": data}, {})
    outputs = [Output(path, source=str(found[key].path("card.jpg"))) for path, key in made]
    return cards, outputs, problems


def drawable(loaded: layouts.Loaded, vals: dict) -> dict:
    """The site's own texts (from mkdocs.yml) without characters no font has."""
    return {k: "".join(c for c in v if c not in loaded.stack.missing(v)) for k, v in vals.items()}
