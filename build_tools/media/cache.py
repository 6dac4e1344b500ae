"""A content-addressed cache for generated images (photos, share cards, posters).

An entry's key is a hash of everything that decides its bytes (the input's content and
the settings), so a changed input can never be served a stale entry: it has another key.
Entries are folders written to a temporary name and renamed into place, so a build that
stops half-way leaves no half entry. The whole folder is safe to delete.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

META = "meta.json"


def key_of(*parts) -> str:
    """A hash of the parts (bytes, or anything JSON can write), in order."""
    digest = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else json.dumps(part, sort_keys=True, ensure_ascii=False).encode()
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


@dataclass(frozen=True)
class Cached:
    folder: Path
    files: dict  # name -> size in bytes
    meta: dict

    def path(self, name: str) -> Path:
        return self.folder / name


@dataclass
class Cache:
    root: Path  # e.g. <project>/.cache
    stats: dict = field(default_factory=lambda: {"hit": 0, "miss": 0})

    def _folder(self, kind: str, key: str) -> Path:
        return self.root / kind / key[:2] / key

    def get(self, kind: str, key: str, expect=()) -> Optional[Cached]:
        """The entry if it is whole (and holds the files named in expect), else None."""
        folder = self._folder(kind, key)
        try:
            record = json.loads((folder / META).read_text(encoding="utf-8"))
            files = record["files"]
            intact = set(expect) <= set(files) and all((folder / name).stat().st_size == size for name, size in files.items())
        except (OSError, ValueError, KeyError, TypeError):
            intact = False
        if not intact:
            self.stats["miss"] += 1
            return None
        self.stats["hit"] += 1
        return Cached(folder, files, record.get("meta", {}))

    def put(self, kind: str, key: str, files: dict, meta: dict) -> Cached:
        folder = self._folder(kind, key)
        folder.parent.mkdir(parents=True, exist_ok=True)
        temp = folder.with_name(f"{key}.tmp{os.getpid()}")
        shutil.rmtree(temp, ignore_errors=True)
        temp.mkdir()
        for name, data in files.items():
            (temp / name).write_bytes(data)
        record = {"files": {name: len(data) for name, data in files.items()}, "meta": meta}
        (temp / META).write_text(json.dumps(record, sort_keys=True), encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)  # an entry found broken by get()
        try:
            os.replace(temp, folder)
        except OSError:  # another build wrote it meanwhile: same key, same bytes
            shutil.rmtree(temp, ignore_errors=True)
        return Cached(folder, record["files"], meta)
