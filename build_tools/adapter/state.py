"""What one build knows. The plugin makes a new BuildState in on_config, so nothing
outlives its build (a `mkdocs serve` keeps one plugin for all its rebuilds), except what a
--dirty rebuild must carry, given explicitly: the search entries of the pages it does not
render again, and the list of errors its pages showed."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from . import timings
from ..core.settings import Settings
from ..pipeline import Result
from ..safety.scan import KnownScripts


@dataclass
class BuildState:
    settings: Settings
    indexed: dict = field(default_factory=dict)  # language -> {url: IndexedPage}, in build order
    result: Optional[Result] = None
    navs: dict = field(default_factory=dict)  # language -> Navigation
    theme_languages: dict = field(default_factory=dict)  # language -> Material's interface language
    trusted: dict = field(default_factory=dict)  # page src path -> HTML fragments our templates made
    trusted_pages: dict = field(default_factory=dict)  # site path -> bytes of the editor app's own pages (admin.py)
    swapped: dict = field(default_factory=dict)  # page src path -> its fragments kept from Markdown (fragments.py)
    known: Optional[KnownScripts] = None  # the scripts the safety scan allows (read once, in on_nav)
    own_index: dict = field(default_factory=dict)  # page src path -> language whose index holds it
    source_search: Optional[dict] = None  # Material's search settings, for the source language's index
    page_errors: list = field(default_factory=list)  # hand-written pages' errors (raw-HTML policy)
    marks: timings.Marks = field(default_factory=timings.Marks)
    banner: str = ""  # the list of errors every page of a preview server shows
    previous_banner: Optional[str] = None  # a --dirty rebuild's: the previous build's list

    def carried(self) -> dict:
        """What a --dirty rebuild starts with: a copy of the search entries."""
        return {lang: dict(pages) for lang, pages in self.indexed.items()}
