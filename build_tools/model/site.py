"""Derive: the whole site model, built once from every validated item before rendering.

A Site is complete when derive returns: entries in order, theme days and the git stamps
of every content file. Nothing is added to it later (the images stage makes its own Media)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Optional

from ..content import publication
from ..content.theme_days import Observance
from ..core.settings import Settings
from ..core.workers import run as run_in_workers
from ..content.validate import Item
from ..i18n.languages import Language, languages
from .days import last_day
from .stamps import Stamps, read as read_stamps


@dataclass
class Entry:
    """An item as the site shows it: its data and its publication state."""

    item: Item
    state: str
    listed: bool

    @property
    def kind(self) -> str:
        return self.item.kind

    @property
    def slug(self) -> str:
        return self.item.slug

    @property
    def model(self):
        return self.item.source.model

    def version(self, lang: str):
        """The item in one language, or None where it is not translated."""
        return self.item.version(lang)

    def model_in(self, lang: str):
        """The item's fields in a language, or the source's where it is not translated."""
        version = self.item.version(lang)
        return (version or self.item.source).model


@dataclass(frozen=True)
class Site:
    settings: Settings
    now: datetime
    mode: str
    entries: list[Entry]
    by_kind: dict  # kind -> [Entry] in display order
    campaigns: dict  # slug -> Entry
    children: dict  # (campaign slug, kind) -> [Entry]
    observances: list[Observance]  # theme days
    stamps: Stamps  # when each content file and theme day changed (git history)

    @property
    def languages(self) -> list[Language]:
        """The languages that get pages (the source language first)."""
        return languages(self.settings)

    def per_language(self, make, serial: bool = False) -> list:
        """What make(site, language) returns, for every language in turn, in one list; the
        languages are made side by side in workers (core/workers.py) where there are cores,
        unless `serial` (make keeps something in this process, as a preview server's memo)."""
        shared = {"site": self, "make": make, "languages": self.languages}
        jobs = [(index,) for index in range(len(shared["languages"]))]
        done = run_in_workers(_language_job, jobs, shared, workers=1 if serial else None)
        return [out for outs in done for out in outs]

    @property
    def today(self) -> date:
        return publication.today(self.now, self.settings.tz)

    def listed(self, kind: str, lang: Optional[str] = None) -> list[Entry]:
        """Listed entries of a kind; with `lang`, only those that exist in that language."""
        return [e for e in self.by_kind.get(kind, []) if e.listed and (lang is None or e.version(lang))]

    def only_in_source(self, kind: str, lang: str) -> int:
        """How many listed entries of a kind have no translation into `lang`."""
        return sum(1 for e in self.by_kind.get(kind, []) if e.listed and not e.version(lang))

    def campaign_of(self, entry: Entry):
        return self.campaigns.get(entry.item.campaign)

    def is_upcoming(self, entry: Entry) -> bool:
        """The one rule for upcoming and past: an event or campaign is upcoming until its
        last day (days.last_day) is over."""
        return last_day(entry.model, self.settings.tz) >= self.today

    def upcoming(self, kind: str, lang: Optional[str] = None) -> list[Entry]:
        return [e for e in self.listed(kind, lang) if self.is_upcoming(e)]


def sort_key(entry: Entry):
    model = entry.model
    when = getattr(model, "start", None) or getattr(model, "date", None)
    day = when.date() if isinstance(when, datetime) else when
    return (day or date.min, entry.slug)


def derive(settings: Settings, items: list[Item], observances: list[Observance], now: datetime, mode: str,
           stamps: Optional[Stamps] = None) -> Site:
    """`stamps`: those of a Site derived from the same content at the same moment in a mode
    that publishes at least these items (a preview's), so that git is read once per build."""
    tz = settings.tz
    entries = []
    for item in items:
        st = publication.state(item.source.model, now, tz)
        if publication.published(st, mode):
            entries.append(Entry(item, st, publication.listed(st, mode)))
    by_kind = {}
    for kind in ("campaign", "event", "story", "article"):
        of_kind = [e for e in entries if e.kind == kind]
        if kind == "story":
            # Stories have no date: newest campaign first, then by name.
            starts = {e.slug: sort_key(e)[0] for e in entries if e.kind == "campaign"}
            of_kind.sort(key=lambda e: (starts.get(e.item.campaign, date.min), e.slug), reverse=True)
        else:
            of_kind.sort(key=sort_key, reverse=True)
        by_kind[kind] = of_kind
    children: dict = {}
    for kind in ("event", "story", "article"):
        for entry in by_kind[kind]:
            children.setdefault((entry.item.campaign, kind), []).append(entry)
    for key, group in children.items():
        if key[1] == "event":  # a campaign's programme reads in time order
            group.sort(key=sort_key)
    if stamps is None:
        stamps = read_stamps(settings.content_dir, now, [e.item for e in entries], tz, settings.docs_dir)
    return Site(settings, now, mode, entries, by_kind, {e.slug: e for e in by_kind["campaign"]}, children,
                observances, stamps)


def _language_job(shared: dict, index: int) -> list:
    return shared["make"](shared["site"], shared["languages"][index])
