"""What `campaign check` says about images: files that cannot be published, photos that
carry a GPS position, images without alternative text, and characters that share cards
and posters cannot draw."""
from __future__ import annotations

from collections import defaultdict

from . import cards

from . import layouts

from . import posters
from .cache import key_of
from .decode import ImageError, Spec, inspect
from .stage import cache_for, image_problems
from .pictures import document_uses, uses_of
from ..core.problems import WARNING, Problem, problem
from ..core.settings import Settings
from ..model.site import Site

ALT_HINTS = {"cover": "cover_alt: …", "body": "![图片内容](…)"}


def check_images(settings: Settings, items: list, loose=()) -> list[Problem]:
    """`loose`: (document, resolved links) of documents without a valid model (front matter
    with errors); their images are checked too, so that one run reports everything."""
    cache, spec = cache_for(settings), Spec()
    by_path = defaultdict(list)
    for item in items:
        for version in (item.source, *item.translations.values()):
            for use in uses_of(item, version):
                by_path[use.content_path].append(use)
    for doc, links in loose:
        for use in document_uses(doc, links):
            by_path[use.content_path].append(use)
    problems: list[Problem] = []
    for path, uses in sorted(by_path.items()):
        uses.sort(key=lambda u: (u.doc_path, u.line))
        data = (settings.content_dir / path).read_bytes()
        entry = cache.get("images", key_of("image", spec.fingerprint(), data))
        if entry is not None:  # built before: the cache knows it decodes, and what it carried
            gps = entry.meta["gps"]
        else:
            try:
                _width, _height, gps = inspect(data, spec)
            except ImageError as exc:
                problems.extend(image_problems(settings, exc, uses))
                continue
        shown = settings.rel(settings.content_dir / path)
        if gps:
            first = uses[0]
            problems.append(problem(first.doc_path, first.line, first.field, "image_gps", WARNING, image=shown))
        for use in uses:
            if use.as_image and use.alt is None:
                hint = ALT_HINTS.get(use.field, "portrait_alt: …")
                problems.append(problem(use.doc_path, use.line, use.field, "image_alt_missing", WARNING, image=shown, hint=hint))
    return problems


def check_glyphs(site: Site) -> list[Problem]:
    """Characters of card and poster text that no shipped font has (without drawing).
    A project without a card layout has no cards (the build says so): nothing to check."""
    if not (site.settings.root / cards.LAYOUT).is_file():
        return []
    loaded, problems = layouts.load(site.settings, cards.LAYOUT, cache_for(site.settings))
    if loaded is None:
        return problems
    for lang in site.languages:
        for entry in site.entries:
            if entry.item.version(lang.code) is None:
                continue
            vals = cards.values(site, entry, lang)
            if entry.kind == "event":
                vals.update(posters.values(site, entry, lang))
            problems.extend(cards.glyph_problems(entry, lang, cards.missing_glyphs(loaded, vals)))
    return problems
