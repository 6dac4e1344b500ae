"""An output of the build: a file of the site's source tree, made by a stage (pages, feeds,
calendars, images), with the fragments of it that our own templates made."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Output:
    path: str  # the path in the site's source tree, e.g. events/x.md
    content: Optional[bytes] = None
    source: Optional[str] = None  # or a file to copy as it is
    # HTML fragments of this page made by our templates (escaped there): the raw-HTML
    # policy applies to everything else on the page.
    trusted: tuple = ()

    @property
    def is_page(self) -> bool:
        return self.path.endswith(".md")
