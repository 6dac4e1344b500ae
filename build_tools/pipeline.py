"""The core pipeline: load → validate → derive → images → render. No MkDocs here.

Each stage hands the next a complete value and nothing flows back: derive returns the whole
Site (theme days and git stamps included), the images stage a complete Media, and render
gets both."""
from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Optional

from .calendar import ics
from .calendar import pages as calendar_pages
from .content.docs_checks import check_docs, check_docs_bodies, docs_files
from .content.load import ContentTree, load_tree
from .content.publication import PREVIEW, PRODUCTION, today
from .content.theme_days import load_observances
from .content.validate import loose_documents, validate_tree
from .core.clock import reference_time
from .core.memo import Memo
from .core.output import Output
from .core.problems import Problem, errors, failing, sort_unique
from .core.settings import Settings
from .media.checks import check_glyphs, check_images
from .media.stage import Media, prepare as prepare_media
from .model.page_map import PageMap, build_page_map
from .model.site import Site, derive
from .publish.feeds import feed_outputs, head_links
from .publish.robots import robots_outputs
from .render.fallbacks import render_fallback, render_notice
from .render.notices import build_globals
from .render.pages import render_site
from .render.problems import error_pages


def generators(media: Media, kept: Optional[dict] = None) -> tuple:
    """Outputs beyond the pages of items and index pages: each is site -> [Output].
    kept: what a preview server keeps across rebuilds (see build)."""
    memo = kept.setdefault("ics", Memo()) if kept is not None else None
    return (partial(feed_outputs, media=media), robots_outputs, calendar_pages.outputs,
            partial(ics.outputs, memo=memo))


# Parts of item pages that rooms after render make: name -> (page context, entry) -> Markup.
SECTIONS = {"calendar": calendar_pages.campaign_section}


@dataclass
class Result:
    problems: list[Problem]
    outputs: list[Output]
    blocks: dict  # name -> HTML for hand-written pages
    site: Optional[Site]  # None (and media, pages) when the check's errors stopped the build
    media: Optional[Media]
    pages: Optional[PageMap]  # every page in every language (see model/page_map.py)
    timings: dict = field(default_factory=dict)  # stage -> seconds, for the benchmark
    page_globals: dict = field(default_factory=dict)  # for every page template (preview banner)

    @property
    def errors(self) -> list[Problem]:
        return errors(self.problems)


@dataclass
class Checked:
    """What the check found, and the content it read: the build goes on from here."""
    problems: list[Problem]
    tree: ContentTree
    items: list
    observances: list
    preview: Site  # every item, as a preview shows them (what card glyphs are checked on)


def check(settings: Settings) -> list[Problem]:
    """Validate, without building (what `campaign check` runs); images are checked too."""
    return check_tree(settings)[0]


def check_tree(settings: Settings):
    """Problems and the loaded tree, for callers that also summarise the content."""
    checked = check_content(settings)
    problems = list(checked.problems)
    # The hand-written pages get the rules the build applies to them: names, front matter, HTML.
    rels = docs_files(settings.docs_dir)
    problems.extend(check_docs(settings, settings.docs_dir, rels))
    problems.extend(check_docs_bodies(settings, settings.docs_dir, rels))
    return sort_unique(problems), checked.tree


def check_content(settings: Settings, timings: Optional[dict] = None, now: Optional[datetime] = None,
                  parsed: Optional[dict] = None) -> Checked:
    """The one validation: `campaign check` runs it, and every build runs it first.
    parsed: the parsed files of the builds before, kept by a preview server (content/load.py)."""
    timings = {} if timings is None else timings
    now = now or reference_time()
    with _timed(timings, "load"):
        tree = load_tree(settings, parsed)
    with _timed(timings, "validate"):
        items, problems = validate_tree(settings, tree)
        observances, found = load_observances(settings, _campaign_slugs(tree), year=today(now, settings.tz).year)
        problems.extend(found)
        problems.extend(check_images(settings, items, loose_documents(settings, tree, items)))
    with _timed(timings, "derive"):
        preview = derive(settings, items, observances, now, PREVIEW)
    with _timed(timings, "validate"):
        problems.extend(check_glyphs(preview))
    return Checked(sort_unique(problems), tree, items, observances, preview)


def build(settings: Settings, now: Optional[datetime] = None, mode: str = PRODUCTION,
          parsed: Optional[dict] = None, stop_on_errors: bool = False, strict: bool = False,
          kept: Optional[dict] = None) -> Result:
    """Everything the site needs from campaigns/, after the whole check. With
    `stop_on_errors` (every build but a preview server's) errors end it there, before
    anything is rendered, and with `strict` warnings too: `Result.problems` are then
    exactly the check's. Otherwise valid
    items are rendered even when others have errors, so that a preview server keeps
    working; a build decides from `Result.errors` whether to stop. parsed: as for
    check_content; kept: a preview server's, across its rebuilds, for what render may reuse
    (calendar text by the values it is written from)."""
    now = now or reference_time()
    timings: dict = {}
    checked = check_content(settings, timings, now, parsed)
    problems = list(checked.problems)
    if stop_on_errors and failing(problems, strict):
        return Result(problems, [], {}, None, None, None, timings=timings)
    with _timed(timings, "derive"):
        site = checked.preview if mode == PREVIEW else \
            derive(settings, checked.items, checked.observances, now, mode, checked.preview.stamps)
    with _timed(timings, "images"):
        media = prepare_media(site)
        problems.extend(media.problems)
    with _timed(timings, "render"):
        pages_memo = kept.setdefault("pages", Memo()) if kept is not None else None
        outputs, blocks = render_site(site, media, generators(media, kept), SECTIONS, pages_memo)
        if mode == PREVIEW:  # a file with errors has a page that says so, not an old one or none
            outputs += error_pages(site, checked.tree.documents, problems, {o.path for o in outputs})
    with _timed(timings, "languages"):
        pages, fallbacks = build_page_map(site, outputs, partial(render_fallback, site), partial(render_notice, site))
        outputs = sorted(outputs + fallbacks, key=lambda o: o.path)
    return Result(sort_unique(problems), outputs, blocks, site, media, pages, timings=timings,
                  page_globals={**build_globals(site), "feed_links": head_links(site)})


def _campaign_slugs(tree) -> set:
    return {d.slug for d in tree.documents if d.kind == "campaign"}


@contextmanager
def _timed(timings: dict, stage: str):
    start = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - start
