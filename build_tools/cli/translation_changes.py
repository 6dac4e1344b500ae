"""What changed in a source since its translation was recorded: fields and paragraphs.

A translation records only a fingerprint of its source (`translated_from`). The source
version it names is found in the git history of the source file (the version whose
fingerprint matches) and compared with the source as it is now, so a translator sees
which fields and which paragraphs to look at. Without git, or when that version was
never committed, we say we cannot tell rather than guess.
"""
from __future__ import annotations

import difflib
import re
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Optional

from ..content.load import load_document
from ..core.clock import reference_time
from ..i18n.docs_pages import load_docs_pages
from ..i18n.translation_status import Unit, fingerprint, item_fields, units
from ..model import history

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


@dataclass
class Changes:
    fields: list = field(default_factory=list)  # names of translatable fields that changed
    paragraphs: list = field(default_factory=list)  # (line in the source now, "changed" | "added")
    removed: list = field(default_factory=list)  # the start of each paragraph taken out

    def as_dict(self) -> dict:
        return {"fields": self.fields, "paragraphs": [{"line": n, "change": c} for n, c in self.paragraphs],
                "removed": self.removed}


def changes_since(settings, stale) -> dict:
    """{source path: Changes, or None when the recorded version cannot be found} for stale statuses."""
    wanted = {s.source: s.recorded for s in stale}
    if not wanted:
        return {}
    sources = {u.path: u for u in units(settings) if u.path in wanted and u.lang == settings.source_language}
    found, histories = {}, {}
    for path, recorded in sorted(wanted.items()):
        unit = sources.get(path)
        old = _recorded_version(settings, unit, recorded, histories) if unit else None
        found[path] = _compare(old, unit) if old else None
    return found


def _recorded_version(settings, unit: Unit, recorded: str, histories: dict) -> Optional[Unit]:
    root = settings.docs_dir if unit.kind == "page" else settings.content_dir
    if root not in histories:
        histories[root] = history.read(root, reference_time())  # only to mark uncommitted edits
    past = histories[root]
    rel = unit.abs_path.relative_to(root).as_posix()
    texts = past.texts([rel])
    for index in reversed(range(len(past.versions(rel)))):  # the newest match: the one recorded
        data = texts.get((rel, index))
        if data is None:
            continue
        old = _unit_from(settings, unit, rel, data)
        if old is not None and fingerprint(old.fields, old.body) == recorded.strip():
            return old
    return None


def _unit_from(settings, unit: Unit, rel: str, data: bytes) -> Optional[Unit]:
    """A past version of a source, read by the same code as the source itself."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        if unit.kind == "page":
            pages = load_docs_pages(replace(settings, docs_dir=Path(folder)))
            page = next((p for p in pages if p.neutral == unit.key and p.lang == unit.lang), None)
            return replace(unit, fields=page.fields(), body=page.body) if page else None
        doc, _problems = load_document(replace(settings, content_dir=Path(folder)), target)
        if doc is None or not doc.readable:
            return None
        return replace(unit, fields=item_fields(doc), body=doc.body)


def _compare(old: Unit, new: Unit) -> Changes:
    found = Changes()
    found.fields = sorted(k for k in set(old.fields) | set(new.fields) if old.fields.get(k) != new.fields.get(k))
    before, after = _paragraphs(old.body), _paragraphs(new.body)
    first_line = _body_line(new)
    matcher = difflib.SequenceMatcher(None, [p for p, _ in before], [p for p, _ in after], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "insert"):
            change = "changed" if tag == "replace" else "added"
            found.paragraphs.extend((first_line + after[j][1], change) for j in range(j1, j2))
            if tag == "replace" and i2 - i1 > j2 - j1:
                found.removed.extend(_start(before[i][0]) for i in range(i1 + j2 - j1, i2))
        elif tag == "delete":
            found.removed.extend(_start(before[i][0]) for i in range(i1, i2))
    return found


def _paragraphs(body: str) -> list:
    """[(paragraph, its line offset in the body)], blank-line separated."""
    out, offset = [], 0
    for chunk in _PARAGRAPH_BREAK.split(body):
        text = chunk.strip("\n")
        if text.strip():
            out.append((text.strip(), offset + len(chunk) - len(chunk.lstrip("\n"))))
        offset += chunk.count("\n") + 2
    return out


def _body_line(unit: Unit) -> int:
    """The line of the source file where its body (as loaded) starts."""
    text = unit.abs_path.read_text(encoding="utf-8", errors="replace")
    first = unit.body.strip("\n").split("\n", 1)[0]
    at = text.find(first) if first else -1
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


def _start(paragraph: str) -> str:
    line = paragraph.split("\n", 1)[0]
    return line if len(line) <= 30 else line[:29] + "…"
