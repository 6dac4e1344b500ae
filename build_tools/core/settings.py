"""Site settings the core needs, independent of any site generator."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional
from zoneinfo import ZoneInfo

from .options import default

CACHE_ENV = "CAMPAIGN_CACHE_DIR"
CACHE_FOLDER = ".cache"


@dataclass(frozen=True)
class Settings:
    root: Path  # the project folder; problem paths are relative to it
    content_dir: Path  # absolute path of campaigns/
    languages: tuple[str, ...] = default("languages")  # the first is the source language
    timezone: str = default("timezone")
    page_size: int = default("page_size")
    site_url: str = ""
    site_name: str = ""
    site_description: str = ""
    share_cards: bool = default("share_cards")  # a share card (og:image) per page
    posters: bool = default("posters")  # a printable poster per event
    extra: dict = field(default_factory=dict, compare=False, hash=False)
    # Per-language options (name, locale, tag, site_name, ...): see i18n/languages.py.
    language_options: dict = field(default_factory=dict, compare=False, hash=False)
    docs_dir: Optional[Path] = None  # hand-written pages, for their translations and fallbacks
    # Python-Markdown extensions of the site, to check bodies as the build renders them.
    markdown_extensions: tuple[str, ...] = ("toc", "tables", "fenced_code", "attr_list")
    # Hosts that images, video and frames in bodies may load from (https only).
    embed_hosts: tuple[str, ...] = default("embed_hosts")

    @property
    def source_language(self) -> str:
        return self.languages[0]

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def split(self, src: str) -> tuple[str, str]:
        """(language code, language-neutral path) of a page's path in docs/ (`en/index.md`)."""
        head, _, rest = src.partition("/")
        if rest and head in self.languages and head != self.source_language:
            return head, rest
        return self.source_language, src

    def rel(self, path: Path) -> str:
        """A path as shown to editors: relative to the project, with / separators."""
        if path.is_absolute() and ".." not in path.parts:
            try:  # the common case, without a file system call per path
                return path.relative_to(self.root).as_posix()
            except ValueError:
                pass
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


def cache_folder(settings: Settings) -> Path:
    """The build cache (images and generated files): <project>/.cache, or CAMPAIGN_CACHE_DIR
    (a cache kept outside the checkout, as CI can). Everything in it is safe to delete."""
    folder = os.environ.get(CACHE_ENV, "").strip()
    return Path(folder) if folder else settings.root / CACHE_FOLDER
