"""When each content file, item and theme day was created and last changed, and how often an
event's time, place or status changed (iCalendar's SEQUENCE).

Computed once in derive from the folder's git history (model/history.py): one `git log`, and one
read of the old revisions that SEQUENCE and theme days need. Calendars read the result; so
can anything else that dates a page. Files git does not know are dated at the reference time.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

import frontmatter
from pydantic import TypeAdapter, ValidationError

from ..content.load import OBSERVANCES_FILE
from ..content.models import When
from ..content.strict_yaml import parse_list, parse_mapping
from ..content.validate import Item
from . import history

_WHEN = TypeAdapter(When)
# "held" is a scheduled event that took place: calendars show both as confirmed, so the
# change from one to the other is no new SEQUENCE.
_SHOWN_ALIKE = {"held": "scheduled"}


@dataclass(frozen=True)
class Stamp:
    """When something was first and last changed, and its SEQUENCE (0 but for events)."""

    created: datetime
    modified: datetime
    sequence: int = 0


@dataclass(frozen=True)
class Stamps:
    root: Path  # the content folder
    now: datetime  # the reference time: the stamp of what git does not know
    files: dict = field(default_factory=dict)  # content path (relative, / separators) -> Stamp
    observances: dict = field(default_factory=dict)  # theme day slug -> Stamp
    docs: dict = field(default_factory=dict)  # hand-written page (path inside docs/) -> Stamp
    # Feeds, calendars and sitemap dates ask for the same files' paths again and again.
    _paths: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def file(self, path: str) -> Stamp:
        """A content file's stamp, by its path relative to the content folder."""
        return self.files.get(path) or Stamp(self.now, self.now)

    def item(self, item: Item, lang: str) -> Stamp:
        """An item as shown in a language: created with its source, changed when the source
        or the translation shown changed; SEQUENCE follows the source."""
        source = self.file(self.path_of(item.source.doc))
        version = item.version(lang)
        if version is None or version is item.source:
            return source
        shown = self.file(self.path_of(version.doc))
        return Stamp(source.created, max(source.modified, shown.modified), source.sequence)

    def observance(self, slug: str) -> Stamp:
        return self.observances.get(slug) or Stamp(self.now, self.now)

    def doc(self, src: str) -> Stamp:
        """A hand-written page's stamp, by its path inside docs/."""
        return self.docs.get(src) or Stamp(self.now, self.now)

    def path_of(self, doc) -> str:
        found = self._paths.get(doc.abs_path)
        if found is None:
            found = self._paths[doc.abs_path] = _path(self.root, doc)
        return found


def read(content_dir: Path, now: datetime, items: list[Item], tz, docs_dir: Optional[Path] = None) -> Stamps:
    """The stamps of every version of these items, of the theme days file and of the
    hand-written pages under docs_dir."""
    log = history.read(content_dir, now)
    paths = {_path(content_dir, v.doc) for item in items for v in (item.source, *item.translations.values())}
    paths = sorted(paths | {OBSERVANCES_FILE})
    events = {_path(content_dir, i.source.doc) for i in items if i.kind == "event"}
    texts = log.texts(sorted(events) + [OBSERVANCES_FILE])
    files = {}
    for path in paths:
        versions = log.versions(path)
        if versions:
            keys = [_event_key(texts[(path, n)], tz) for n in range(len(versions)) if (path, n) in texts] \
                if path in events else []
            files[path] = Stamp(versions[0].when, _last_change(versions), _sequence(keys))
    parsed = [(v.when, _observance_entries(texts.get((OBSERVANCES_FILE, n))))
              for n, v in enumerate(log.versions(OBSERVANCES_FILE))]
    observances = {}
    for slug in sorted({slug for _when, entries in parsed for slug in entries}):
        stamp = _observance_stamp(slug, parsed)
        if stamp is not None:
            observances[slug] = stamp
    return Stamps(content_dir, now, files, observances, _docs_stamps(docs_dir, now))


def _docs_stamps(docs_dir: Optional[Path], now: datetime) -> dict:
    if docs_dir is None or not docs_dir.is_dir():
        return {}
    log = history.read(docs_dir, now)
    out = {}
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        versions = log.versions(rel)
        if versions:
            out[rel] = Stamp(versions[0].when, _last_change(versions))
    return out


def _path(root: Path, doc) -> str:
    return doc.abs_path.relative_to(root).as_posix()


def _last_change(versions: list) -> datetime:
    """When the file's content last changed (a rename alone is no change)."""
    when = versions[0].when
    for before, after in zip(versions, versions[1:]):
        if after.blob != before.blob:
            when = after.when
    return when


def _sequence(keys: list) -> int:
    """How many times the calendar-visible key changed; unreadable revisions (None) are skipped."""
    known = [k for k in keys if k is not None]
    return sum(1 for before, after in zip(known, known[1:]) if after != before)


def _observance_stamp(slug: str, parsed: list) -> Optional[Stamp]:
    """A theme day's first appearance, last change and the changes of its dates."""
    created = modified = None
    contents, timings = [], []
    for when, entries in parsed:
        entry = entries.get(slug)
        if entry is None:
            continue
        content = json.dumps(entry, default=str, sort_keys=True, ensure_ascii=False)
        if created is None:
            created = when
        if not contents or content != contents[-1]:
            modified = when
        contents.append(content)
        timings.append(json.dumps([entry.get("date"), entry.get("dates")], default=str, sort_keys=True))
    return Stamp(created, modified, _sequence(timings)) if created is not None else None


def _event_key(data: bytes, tz) -> Optional[str]:
    """What SEQUENCE follows: start, end, place and status as a calendar shows them."""
    fields = _front_matter(data)
    if fields is None:
        return None
    key = {name: _moment_key(fields.get(name), tz) for name in ("start", "end")}
    key["venue"] = fields.get("venue")
    status = fields.get("status") or "scheduled"
    key["status"] = _SHOWN_ALIKE.get(status, status) if isinstance(status, str) else status
    return json.dumps(key, default=str, sort_keys=True, ensure_ascii=False)


def _moment_key(value, tz):
    if value is None:
        return None
    try:
        value = _WHEN.validate_python(value)
    except ValidationError:
        return repr(value)
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=tz)).astimezone(timezone.utc).isoformat()
    return value.isoformat()


def _front_matter(data: bytes) -> Optional[dict]:
    try:
        text = data.decode("utf-8").lstrip("\ufeff").strip()
        fm_text, _body = frontmatter.YAMLHandler().split(text)
    except (UnicodeDecodeError, ValueError):
        return None
    parsed = parse_mapping(fm_text)
    return parsed.data if parsed.readable else None


def _observance_entries(data: Optional[bytes]) -> dict:
    if data is None:
        return {}
    try:
        parsed = parse_list(data.decode("utf-8").lstrip("\ufeff"))
    except UnicodeDecodeError:
        return {}
    return {e["slug"]: e for e in parsed.data if isinstance(e, dict) and isinstance(e.get("slug"), str)}
