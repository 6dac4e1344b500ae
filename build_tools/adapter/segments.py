"""Chinese text cut into words for the search indexes (jieba), remembered by the text's hash
in the build cache (core/settings.cache_folder; safe to delete at any time).

Segmenting is the dearest part of indexing Chinese pages, and most sections are the same
from one build to the next. One file holds the cuts; its name is a hash of what decides
them (jieba's version and the dictionaries Material's `jieba_dict` options name, with their
sizes and modification times), so another dictionary never reads old cuts. A full build keeps
the texts it used; a --dirty build, which indexes only some pages, adds to what it found.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Optional

from ..core.settings import Settings, cache_folder

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
FOLDER = "search"


def cut(text: str) -> str:
    """Chinese runs cut into words, with zero-width spaces between them, as Material's
    plugin does, so that its search finds words inside Chinese sentences."""
    if not HAN.search(text):
        return text
    import jieba  # loaded only when a text is not in the cache: its dictionary takes a second
    return HAN.sub(lambda m: "\u200b" + "\u200b".join(jieba.cut(m.group(0))) + "\u200b", text).strip("\u200b")


def dictionaries(paths) -> list:
    """What identifies the dictionaries jieba was given: (path, size, mtime) of each."""
    found = []
    for path in paths:
        try:
            stat = os.stat(path)
            found.append([str(path), stat.st_size, stat.st_mtime_ns])
        except (OSError, TypeError, ValueError):
            found.append([str(path), None, None])
    return found


class Segments:
    """cut() through a cache of {text hash: cut text}, loaded once and saved after a build."""

    def __init__(self, settings: Settings, salt: list):
        from importlib.metadata import version
        self.settings, self.salt = settings, salt
        name = hashlib.sha256(json.dumps([version("jieba"), salt]).encode("utf-8")).hexdigest()[:16]
        self.path: Path = cache_folder(settings) / FOLDER / f"segments-{name}.json"
        self.known: dict = self._load()
        self.used: set = set()
        self.added = 0
        self.fresh: dict = {}  # {key: cut} made since begin(): what a worker sends back

    def _load(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def __call__(self, text: str) -> str:
        if not HAN.search(text):
            return text
        key = hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
        self.used.add(key)
        found = self.known.get(key)
        # A cut only adds zero-width spaces: anything else in the file is not used.
        if not isinstance(found, str) or found.replace("\u200b", "") != text.replace("\u200b", ""):
            found = self.known[key] = self.fresh[key] = cut(text)
            self.added += 1
        return found

    def begin(self) -> None:
        """In a worker (a forked copy): record what the calls after this make and use."""
        self.fresh, self.used = {}, set()

    def absorb(self, fresh: dict, used: set) -> None:
        """Take what a worker's calls made and used, as if they had been made here."""
        self.known.update(fresh)
        self.used |= used
        self.added += len(fresh)

    def save(self, partial: bool) -> Optional[Path]:
        """Write the cache if it changed: a full build keeps only what it used."""
        keep = self.known if partial else {k: v for k, v in self.known.items() if k in self.used}
        changed = self.added or len(keep) != len(self.known)
        self.known, self.used, self.added = keep, set(), 0
        if not changed:
            return None
        tmp = self.path.with_name(f".{self.path.name}.tmp{os.getpid()}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps(keep, ensure_ascii=False, sort_keys=True, separators=(",", ":")), encoding="utf-8")
            os.replace(tmp, self.path)  # never a half-written file, even if two builds run at once
        except OSError:  # a cache that cannot be written only makes the next build slower
            tmp.unlink(missing_ok=True)
            return None
        return self.path
