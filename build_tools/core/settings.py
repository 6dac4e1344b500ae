"""Site settings the core needs, independent of any site generator."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Settings:
    root: Path  # the project folder; problem paths are relative to it
    content_dir: Path  # absolute path of campaigns/
    languages: tuple[str, ...] = ("zh", "en")  # the first is the source language
    timezone: str = "Asia/Shanghai"
    page_size: int = 20
    site_url: str = ""
    site_name: str = ""
    site_description: str = ""
    share_cards: bool = True  # a share card (og:image) per page
    posters: bool = True  # a printable poster per event
    extra: dict = field(default_factory=dict, compare=False, hash=False)
    # Per-language options (name, locale, hreflang, site_name, ...): see languages.py.
    language_options: dict = field(default_factory=dict, compare=False, hash=False)
    docs_dir: Optional[Path] = None  # hand-written pages, for their translations and fallbacks
    # Python-Markdown extensions of the site, to check bodies as the build renders them.
    markdown_extensions: tuple[str, ...] = ("toc", "tables", "fenced_code", "attr_list")
    # Hosts that images, video and frames in bodies may load from (https only).
    embed_hosts: tuple[str, ...] = ()

    @property
    def source_language(self) -> str:
        return self.languages[0]

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

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
