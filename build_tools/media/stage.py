"""The images stage of a build: every image content uses, the share cards and the posters,
made once (through the cache in .cache/) before pages are rendered, so that pages know
their images' sizes and a broken image is a problem in the same list as the others.

Its result, Media, is complete when the stage returns: render gets it from the pipeline
next to the Site, and it holds every file the build publishes under media/ (images, cards,
posters and linked files copied as they are)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Optional

from .cards import build_cards
from .cache import Cache, key_of
from .decode import ImageError, Processed, Spec, process
from .files import linked_files
from .pictures import Picture, Published, Use, published_name, uses_of
from .posters import build_posters
from ..core import urls
from ..core.problems import Problem, problem
from ..core.output import Output
from ..core.settings import Settings, cache_folder
from ..model.site import Entry, Site


@dataclass
class Media:
    pictures: dict = field(default_factory=dict)  # content path -> Picture
    handled: set = field(default_factory=set)  # content paths the image pipeline owns (never copied as they are)
    cards: dict = field(default_factory=dict)
    posters: dict = field(default_factory=dict)
    outputs: list = field(default_factory=list)  # every published image, card, poster and linked file
    problems: list = field(default_factory=list)
    cache_stats: dict = field(default_factory=dict)

    def picture(self, content_path: str) -> Optional[Picture]:
        return self.pictures.get(content_path)

    def published(self, content_path: str, largest: bool = False) -> Optional[str]:
        """Where a linked file is published: an image's default (or largest) copy, never its
        original; another file as it is. None for an image that could not be published."""
        if content_path not in self.handled:
            return urls.media_src(content_path)
        picture = self.pictures.get(content_path)
        return (picture.largest if largest else picture.default).path if picture else None

    def card(self, lang: str, entry: Optional[Entry] = None) -> Optional[str]:
        key = (lang, entry.kind, entry.slug) if entry is not None else (lang,)
        return self.cards.get(key) or self.cards.get((lang,))

    def poster(self, lang: str, entry: Entry) -> Optional[dict]:
        return self.posters.get((lang, entry.slug))


def cache_for(settings: Settings) -> Cache:
    return Cache(cache_folder(settings))


def site_uses(site: Site) -> list[Use]:
    uses = []
    for entry in site.entries:
        for lang in site.languages:
            version = entry.item.version(lang.code)
            if version is not None:
                uses.extend(uses_of(entry.item, version))
    return uses


def prepare(site: Site, spec: Spec = Spec()) -> Media:
    cache = cache_for(site.settings)
    media = Media()
    by_path = defaultdict(list)
    for use in site_uses(site):
        by_path[use.content_path].append(use)
    media.handled = set(by_path)
    fingerprint = spec.fingerprint()
    for path in sorted(by_path):
        data = (site.settings.content_dir / path).read_bytes()
        key = key_of("image", fingerprint, data)
        entry = cache.get("images", key)
        if entry is None:
            made = _make(data, spec)
            if isinstance(made, ImageError):
                media.problems.extend(image_problems(site.settings, made, by_path[path]))
                continue
            entry = _store(cache, key, made)
        media.pictures[path] = picture = _picture(path, key, entry)
        media.outputs.extend(Output(v.path, source=v.source) for v in picture.variants)
    stacks: dict = {}  # fonts read once for cards and posters
    media.cards, outputs, problems = build_cards(site, cache, stacks, media=media)
    media.outputs.extend(outputs)
    media.problems.extend(problems)
    media.posters, outputs, problems = build_posters(site, cache, stacks, media)
    media.outputs.extend(outputs)
    media.problems.extend(problems)
    media.outputs.extend(linked_files(site, media.handled))
    media.cache_stats = dict(cache.stats)
    return media


def _make(data: bytes, spec: Spec):
    """The processed image, or the problem with it."""
    try:
        return process(data, spec)
    except ImageError as exc:
        return exc


def _store(cache: Cache, key: str, done: Processed):
    files, variants = {}, []
    for v in done.variants:
        name = f"{v.width}.{v.format}"
        files[name] = v.data
        variants.append([v.width, v.height, v.format, name])
    meta = {"width": done.width, "height": done.height, "gps": done.gps, "variants": variants}
    return cache.put("images", key, files, meta)


def _picture(content_path: str, key: str, entry) -> Picture:
    meta = entry.meta
    picture = Picture(content_path, meta["width"], meta["height"], meta["gps"])
    for width, height, fmt, name in meta["variants"]:
        path = published_name(content_path, key, width, fmt)
        picture.variants.append(Published(path, str(entry.path(name)), width, height, fmt))
    return picture


def image_problems(settings: Settings, exc: ImageError, uses: list[Use]) -> list[Problem]:
    """The same broken image is reported at every page that uses it."""
    shown = settings.rel(settings.content_dir / uses[0].content_path)
    return [problem(u.doc_path, u.line, u.field, exc.code, image=shown, **exc.params) for u in uses]

