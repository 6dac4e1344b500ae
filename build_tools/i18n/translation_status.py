"""Translation status: which version of its source each translation was made from.

A translation file records `translated_from`, a fingerprint of the source's
translatable fields and body, written by `campaign translations --record` or
`campaign translate`, never by hand. When the source changes, the fingerprint no
longer matches and the translation is stale until someone updates and records it.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .docs_pages import DocsPage, load_docs_pages
from ..content.load import load_tree
from ..content.models import MODELS

FIELD = "translated_from"
TRANSLATED, MISSING, STALE, UNRECORDED, UNTRANSLATED = "translated", "missing", "stale", "unrecorded", "untranslated"
# States that `--strict` refuses: a translation that may not say what its source says.
OUTDATED = (STALE, UNRECORDED, UNTRANSLATED)
KINDS = ("campaign", "event", "story", "article", "page")


def fingerprint(fields: dict, body: str) -> str:
    """A short, stable hash of what a translator translates."""
    text = body.replace("\r\n", "\n").strip()
    data = json.dumps({"fields": fields, "body": text}, ensure_ascii=False, sort_keys=True,
                      default=str, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


def item_fields(doc) -> dict:
    """The translatable fields of a content file, as written."""
    return {k: doc.data[k] for k in MODELS[doc.kind].translatable if k in doc.data}


def state(source_print: str, own_print: str, recorded) -> str:
    if own_print == source_print:
        return UNTRANSLATED  # still the source's text, as `campaign translate` copied it
    if not isinstance(recorded, str) or not recorded.strip():
        return UNRECORDED
    return TRANSLATED if recorded.strip() == source_print else STALE


@dataclass(frozen=True)
class Unit:
    """One translatable thing: a content file or a hand-written page, in one language."""

    kind: str
    key: str  # the same for a source and its translations
    lang: str
    path: str  # as shown to editors
    abs_path: Path
    fields: dict
    body: str
    recorded: Optional[str] = None

    @property
    def print(self) -> str:
        return fingerprint(self.fields, self.body)


@dataclass(frozen=True)
class Status:
    lang: str
    kind: str
    source: str  # path of the source file
    translation: str  # path of the translation file (where it would be, when missing)
    state: str
    recorded: Optional[str] = None
    current: Optional[str] = None

    def as_dict(self) -> dict:
        return {"lang": self.lang, "kind": self.kind, "source": self.source, "translation": self.translation,
                "state": self.state, "recorded": self.recorded, "current": self.current}


def units(settings) -> list[Unit]:
    out = []
    for doc in load_tree(settings).documents:
        if doc.readable:
            out.append(Unit(doc.kind, doc.key, doc.lang, doc.path, doc.abs_path, item_fields(doc), doc.body,
                            doc.data.get(FIELD)))
    for page in load_docs_pages(settings):
        out.append(_page_unit(page))
    return out


def _page_unit(page: DocsPage) -> Unit:
    return Unit("page", page.neutral, page.lang, page.path, page.abs_path, page.fields(), page.body,
                page.meta.get(FIELD))


def statuses(settings, langs=None) -> list[Status]:
    """Every source × every other language: translated, missing or stale (sorted)."""
    source_lang = settings.source_language
    langs = [l for l in (langs or settings.languages) if l != source_lang]
    all_units = units(settings)
    by_key = {(u.kind, u.key, u.lang): u for u in all_units}
    out = []
    for src in all_units:
        if src.lang != source_lang:
            continue
        current = src.print
        for lang in langs:
            tr = by_key.get((src.kind, src.key, lang))
            if tr is None:
                out.append(Status(lang, src.kind, src.path, expected_path(settings, src, lang), MISSING, None, current))
            else:
                st = state(current, tr.print, tr.recorded)
                out.append(Status(lang, src.kind, src.path, tr.path, st, tr.recorded, current))
    return sorted(out, key=lambda s: (settings.languages.index(s.lang), KINDS.index(s.kind), s.source))


def expected_path(settings, unit: Unit, lang: str) -> str:
    """Where the translation of a source into `lang` lives."""
    if unit.kind == "page":
        docs = settings.rel(settings.docs_dir)
        return f"{docs}/{lang}/{unit.key}"
    suffix = f".{settings.source_language}.md"
    stem = unit.path[: -len(suffix)] if unit.path.endswith(suffix) else unit.path[: -len(".md")]
    return f"{stem}.{lang}.md"


def translations_of(settings, target: Path) -> list[Unit]:
    """The translation files a path names: itself, a source's translations, or those in a folder."""
    target = target.resolve()
    all_units = units(settings)
    found = []
    for u in all_units:
        if u.lang == settings.source_language:
            continue
        path = u.abs_path.resolve()
        if path == target or target in path.parents:
            found.append(u)
    if not found:  # a source file: every translation of it
        for src in all_units:
            if src.lang == settings.source_language and src.abs_path.resolve() == target:
                found = [u for u in all_units if u.lang != src.lang and (u.kind, u.key) == (src.kind, src.key)]
    return sorted(found, key=lambda u: u.path)


def source_of(settings, unit: Unit) -> Optional[Unit]:
    for u in units(settings):
        if u.lang == settings.source_language and (u.kind, u.key) == (unit.kind, unit.key):
            return u
    return None


def record(settings, unit: Unit) -> str:
    """Write the source's current fingerprint into a translation file; returns it."""
    source = source_of(settings, unit)
    if source is None:
        raise LookupError(f"{unit.path}: no source file")
    value = source.print
    raw = unit.abs_path.read_bytes().decode("utf-8")
    unit.abs_path.write_bytes(set_field(raw, FIELD, value).encode("utf-8"))
    return value


_DELIM = re.compile(r"^(---|\.\.\.)[ \t]*$")


def set_field(text: str, key: str, value: str) -> str:
    """Set one top-level field of a file's front matter, leaving every other line as it is."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom):]
    newline = "\r\n" if "\r\n" in body else "\n"
    lines = body.split(newline)
    line = f'{key}: "{value}"'
    if not lines or lines[0].strip() != "---":
        return bom + newline.join(["---", line, "---", *lines])
    for i in range(1, len(lines)):
        if _DELIM.match(lines[i]):
            end = i
            break
    else:
        raise ValueError("front matter is not closed with ---")
    pattern = re.compile(rf"^{re.escape(key)}\s*:")
    for i in range(1, end):
        if pattern.match(lines[i]):
            lines[i] = line
            return bom + newline.join(lines)
    lines.insert(end, line)
    return bom + newline.join(lines)
