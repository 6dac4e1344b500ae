"""When content files changed: their git history, read with one `git log` for the whole folder.

Derive reads it once to compute the stamps (stamps.py) that calendar feeds take DTSTAMP,
LAST-MODIFIED and SEQUENCE from, so that a feed changes only when its events do. Without
git, or outside a repository, there is no history and stamps fall back to the build's
reference time. A file whose working copy differs from its last commit (an edit not yet
committed) gets one more version, dated at the reference time.
"""
from __future__ import annotations

import hashlib
import subprocess
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

_COMMIT = "\x01"
_TIMEOUT = 120  # seconds; a history that cannot be read in time is treated as absent


@dataclass(frozen=True)
class FileVersion:
    when: datetime  # commit time (UTC), or the reference time for an uncommitted edit
    blob: str  # git object id; "" for an uncommitted working copy


@dataclass
class History:
    root: Path  # the content folder; paths are relative to it, with / separators
    now: datetime
    log: dict = field(default_factory=dict)  # path -> [(datetime, blob)] oldest first
    _working: dict = field(default_factory=dict)  # path -> bytes of an uncommitted edit
    _versions: dict = field(default_factory=dict)  # path -> [FileVersion], computed once

    def versions(self, path: str) -> list[FileVersion]:
        """Every committed version of a file, oldest first, then its uncommitted edit if any."""
        if path not in self._versions:
            found = [FileVersion(when, blob) for when, blob in self.log.get(path, [])]
            data = self._read(path)
            if data is not None and (not found or _blob_id(data, len(found[-1].blob)) != found[-1].blob):
                self._working[path] = data
                found.append(FileVersion(self.now, ""))
            self._versions[path] = found
        return self._versions[path]

    def texts(self, paths) -> dict:
        """{(path, index of version): bytes} for every version of these files, read with one git call."""
        wanted = {}
        for path in paths:
            for index, version in enumerate(self.versions(path)):
                wanted[(path, index)] = version.blob
        blobs = _cat_blobs(self.root, sorted({b for b in wanted.values() if b}))
        out = {}
        for key, blob in wanted.items():
            data = blobs.get(blob) if blob else self._working.get(key[0])
            if data is not None:
                out[key] = data
        return out

    def _read(self, path: str) -> Optional[bytes]:
        try:
            return (self.root / path).read_bytes()
        except OSError:
            return None


def read(content_dir: Path, now: datetime) -> History:
    """The history of every file under content_dir (one `git log`), or an empty one."""
    history = History(content_dir, now)
    try:
        result = subprocess.run(
            ["git", "-c", "log.showSignature=false", "-c", "core.quotePath=false", "log", "-z", "--raw",
             "--no-abbrev", "-M", "--relative", "--topo-order", "--no-color", f"--format={_COMMIT}%H %ct",
             "--", "."],
            cwd=content_dir, capture_output=True, timeout=_TIMEOUT, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return history  # no git on this machine
    if result.returncode != 0:
        return history  # not a repository, no commits yet, or an unreadable one
    history.log = _parse_log(result.stdout.decode("utf-8", "surrogateescape"))
    return history


def _parse_log(text: str) -> dict:
    """`git log -z --raw` output (newest first) -> {path: [(datetime, blob)] oldest first}.

    Renames carry a file's earlier versions to its new path."""
    commits = []
    for chunk in text.split(_COMMIT)[1:]:
        tokens = chunk.split("\0")
        header = tokens[0].split()
        when = datetime.fromtimestamp(int(header[1]), tz=timezone.utc)
        changes = []
        i = 1
        while i < len(tokens):
            meta = tokens[i].lstrip("\n")
            if not meta.startswith(":"):
                i += 1
                continue
            parts = meta[1:].split()
            blob, status = parts[3], parts[4]
            if status[:1] in ("R", "C"):
                changes.append((status[0], tokens[i + 1], tokens[i + 2], blob))
                i += 3
            else:
                changes.append((status[0], tokens[i + 1], tokens[i + 1], blob))
                i += 2
        commits.append((when, changes))
    log: dict = {}
    for when, changes in reversed(commits):
        for status, old, new, blob in changes:
            if status == "D":
                log.pop(new, None)
                continue
            versions = log.pop(old, []) if status == "R" else log.get(new, [])
            if status == "C":
                versions = list(log.get(old, []))
            log[new] = versions + [(when, blob)]
    return log


def _cat_blobs(root: Path, blobs: list) -> dict:
    """{blob: bytes} for these object ids, read with one `git cat-file --batch`."""
    if not blobs:
        return {}
    try:
        result = subprocess.run(["git", "cat-file", "--batch"], cwd=root, input="".join(b + "\n" for b in blobs).encode(),
                                capture_output=True, timeout=_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError):
        return {}
    if result.returncode != 0:
        return {}
    out, data, pos = {}, result.stdout, 0
    while pos < len(data):
        end = data.index(b"\n", pos)
        header = data[pos:end].split()
        pos = end + 1
        if len(header) < 3 or header[1] == b"missing":
            continue
        size = int(header[2])
        out[header[0].decode()] = data[pos:pos + size]
        pos += size + 1
    return out


def _blob_id(data: bytes, length: int) -> str:
    """The object id git gives these bytes (SHA-1, or SHA-256 in repositories that use it)."""
    algorithm = hashlib.sha256 if length == 64 else hashlib.sha1
    return algorithm(b"blob %d\0" % len(data) + data).hexdigest()
