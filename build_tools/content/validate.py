"""Documents → typed models, collecting every problem with its file, line and field."""
from __future__ import annotations

import difflib
import re
import posixpath
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from types import SimpleNamespace
from typing import Annotated, Optional

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import PydanticCustomError

from ..safety.body_check import check_body
from .load import ContentTree, Document
from ..core.messages import catalogue
from .models import MODELS, Common
from .date_forms import with_offset
from .near_miss import nearest
from .site_pages import SitePages
from ..core.problems import WARNING, Problem, problem
from .body_links import find_references, resolve, split_target
from ..safety.paths import scriptable
from ..core.printable import codepoint
from ..core.settings import Settings
from ..core.workers import run as run_in_workers
from ..core.urls import KIND_FOLDER

# Recorded by `campaign translate` in translation files, never written by hand.
TRANSLATION_META = ("translated_from",)


@dataclass
class Version:
    """One language of one item: its document, its model and its resolved references."""

    doc: Document
    model: Common
    links: dict = field(default_factory=dict)  # target as written -> content path or file


@dataclass
class Item:
    kind: str
    slug: str
    campaign: str
    source: Version
    translations: dict = field(default_factory=dict)  # lang -> Version

    def version(self, lang: str) -> Optional[Version]:
        return self.source if lang == self.source.doc.lang else self.translations.get(lang)


def validate_tree(settings: Settings, tree: ContentTree) -> tuple[list[Item], list[Problem]]:
    problems: list[Problem] = list(tree.problems)
    sources = [d for d in tree.documents if d.lang == settings.source_language]
    translations = [d for d in tree.documents if d.lang != settings.source_language]
    items: dict[str, Item] = {}
    for doc in sources:
        if not doc.readable:
            continue
        model, found = validate_data(settings, doc, doc.data, MODELS[doc.kind])
        problems.extend(found)
        if model is not None and not doc.refused:
            items[doc.key] = Item(doc.kind, doc.slug, doc.campaign, Version(doc, model))
    by_key = {d.key: d for d in sources}
    by_path = {d.path: d for d in sources}
    for doc in translations:
        source_doc = by_key.get(doc.key)
        if source_doc is None:
            expected = f"{settings.rel(settings.content_dir)}/{doc.key}.{settings.source_language}.md"
            problems.append(problem(doc.path, 1, "", "translation_without_source", source=expected))
            continue
        if not (doc.readable and source_doc.readable):
            continue
        model, found = _validate_translation(settings, doc, source_doc)
        problems.extend(found)
        if model is not None and doc.key in items and not doc.refused:
            items[doc.key].translations[doc.lang] = Version(doc, model)
    duplicates = _duplicate_urls(sources)
    problems.extend(duplicates)
    # The second file at a URL has no page (the first keeps it): a preview goes on serving.
    for found in duplicates:
        items.pop(by_path[found.path].key, None)
    links: dict[str, dict] = {}
    site = SitePages(settings, sources)
    # Computed once: per document, this set made validation quadratic in the number of files.
    content_paths = {d.path for d in tree.documents}
    prefix = settings.rel(settings.content_dir) + "/"
    bodies = []
    for doc in tree.documents:
        links[doc.path], found = _check_references(tree, doc, content_paths, prefix, site)
        problems.extend(found)
        if not doc.refused:  # over a limit: never rendered, not even by the check
            bodies.append((doc.path, doc.body, doc.body_line))
    # Each body is rendered to be checked: over all cores (core/workers.py).
    shared = {"extensions": settings.markdown_extensions, "embed_hosts": settings.embed_hosts}
    for found in run_in_workers(_body_job, bodies, shared, serial_below=BODIES_SERIAL_BELOW):
        problems.extend(found)
    for item in items.values():
        item.source.links = links[item.source.doc.path]
        for version in item.translations.values():
            # A translation's cover and portrait are the source's (structural fields): so are
            # their files; its own links come first.
            version.links = {**item.source.links, **links[version.doc.path]}
    return sorted(items.values(), key=lambda i: (i.kind, i.slug)), problems


BODIES_SERIAL_BELOW = 100  # fewer bodies are checked faster than workers start


def _body_job(shared: dict, path: str, body: str, line: int) -> list[Problem]:
    return check_body(path, body, line, shared["extensions"], shared["embed_hosts"])


def loose_documents(settings: Settings, tree: ContentTree, items: list[Item]) -> list[tuple]:
    """Readable documents that have no valid model (front matter with errors, a second file
    at one URL), each with its resolved links: what is still checked about them."""
    modelled = {v.doc.path for i in items for v in (i.source, *i.translations.values())}
    content_paths = {d.path for d in tree.documents}
    prefix = settings.rel(settings.content_dir) + "/"
    site = SitePages(settings, [d for d in tree.documents if d.lang == settings.source_language])
    return [(d, _check_references(tree, d, content_paths, prefix, site)[0])
            for d in tree.documents if d.readable and d.path not in modelled]


def validate_data(settings: Settings, doc: Document, data: dict, model_cls, line_doc=None):
    """Validate data against a model; problems point into line_doc (or doc)."""
    problems: list[Problem] = []
    try:
        model = model_cls.model_validate(data)
    except ValidationError as exc:
        model = None
        problems.extend(_from_pydantic(exc, doc, model_cls, line_doc))
        # The rules between fields run on the fields that are valid on their own,
        # so that "end before start" shows in the same run as a missing title.
        if all(e["loc"] for e in exc.errors()):
            try:
                model_cls.check_relations(_valid_fields(model_cls, data))
            except PydanticCustomError as rule:
                err = {"type": rule.type, "loc": (), "msg": rule.message(), "ctx": rule.context}
                problems.extend(_from_pydantic(_Errors([err]), doc, model_cls, line_doc))
    if model is not None:
        model, warnings = _localise(settings, doc, model)
        problems.extend(warnings)
    problems = [_with_offset(settings, p) for p in problems]
    # A field whose YAML was already reported is not reported a second time.
    reported = (line_doc or doc).yaml_fields
    return model, [p for p in problems if not _under(p.field, reported)]


def _with_offset(settings: Settings, found: Problem) -> Problem:
    """A time shown as the fix of a refused value carries the site's offset, as the guide asks."""
    params = dict(found.params)
    if found.code != "invalid_datetime_fix":
        return found
    params["fixed"] = with_offset(params["fixed"], settings.tz)
    return problem(found.path, found.line, found.field, found.code, found.severity, **params)


def _under(fld: str, fields: set) -> bool:
    return any(fld == f or fld.startswith(f + ".") for f in fields)


def _valid_fields(model_cls, data: dict) -> SimpleNamespace:
    values = {}
    for name, info in model_cls.model_fields.items():
        if name in data:
            try:
                values[name] = _adapter(model_cls, name).validate_python(data[name])
            except ValidationError:
                pass
        elif not info.is_required():
            values[name] = info.default
    return SimpleNamespace(**values)


@lru_cache(maxsize=None)
def _adapter(model_cls, name: str) -> TypeAdapter:
    info = model_cls.model_fields[name]
    annotation = Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
    return TypeAdapter(annotation)


class _Errors:
    def __init__(self, errors):
        self._errors = errors

    def errors(self):
        return self._errors


def _validate_translation(settings: Settings, doc: Document, source: Document):
    model_cls = MODELS[doc.kind]
    problems = []
    allowed = set(model_cls.translatable) | set(TRANSLATION_META)
    own = {}
    for key, value in doc.data.items():
        if key in allowed:
            own[key] = value
        elif key in model_cls.model_fields:
            problems.append(problem(doc.path, doc.line(key), key, "translation_field", key=key, source=source.path))
        else:
            code, params = _unknown(key, key, sorted(allowed))
            problems.append(problem(doc.path, doc.line(key), key, code, **params))
    merged = _merge(source.data, {k: v for k, v in own.items() if k not in TRANSLATION_META})
    model, found = validate_data(settings, doc, merged, model_cls)
    # Structural mistakes belong to the source and are reported there already.
    problems.extend(p for p in found if p.field.split(".")[0] in own)
    return model, problems


def _merge(source: dict, translation: dict) -> dict:
    merged = dict(source)
    for key, value in translation.items():
        base = source.get(key)
        if isinstance(base, dict) and isinstance(value, dict):
            merged[key] = {**base, **value}
        elif key == "honors" and isinstance(base, list) and isinstance(value, list):
            merged[key] = [
                {**b, **v} if isinstance(b, dict) and isinstance(v, dict) else v
                for b, v in zip(base, value)
            ] + base[len(value):]
        else:
            merged[key] = value
    return merged


def _from_pydantic(exc, doc: Document, model_cls, line_doc=None) -> list[Problem]:
    line_doc = line_doc or doc
    known = catalogue()
    out = []
    for err in exc.errors():
        loc = [str(x) for x in err["loc"]]
        ctx = dict(err.get("ctx") or {})
        fld = ctx.pop("field", None) or ".".join(loc)
        near = ctx.pop("near", None)
        kind = err["type"]
        line = line_doc.line(fld) if fld in line_doc.lines or not near else line_doc.line(near)
        if kind == "missing":
            code, params = "missing", {"key": fld}
            line = line_doc.line(".".join(loc[:-1])) if len(loc) > 1 else 1
        elif err.get("input", "") is None:  # `summary:` with nothing after it
            code, params = "empty_text", {}
        elif kind == "extra_forbidden":
            code, params = _unknown(fld, loc[-1], _fields_at(model_cls, loc[:-1]))
        elif kind == "literal_error":
            code = "invalid_choice"
            choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
            params = {"got": str(err.get("input")), "choices": ", ".join(choices)}
        elif kind in ("model_type", "dict_type", "model_attributes_type"):
            code, params = "wrong_type_mapping", {"got": _short(err.get("input"))}
        elif kind == "list_type":
            code, params = "wrong_type_list", {"got": _short(err.get("input"))}
        elif kind in known:
            code, params = kind, {k: str(v) for k, v in ctx.items()}
        else:
            code, params = "invalid_value", {"detail": err.get("msg", kind)}
        out.append(problem(line_doc.path, line, fld, code, **params))
    return out


def _short(value) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _fields_at(model_cls, loc: list[str]) -> list[str]:
    current = model_cls
    for part in loc:
        if part.isdigit():
            continue
        info = current.model_fields.get(part) if isinstance(current, type) else None
        if info is None:
            return []
        current = nested_model(info.annotation)
        if current is None:
            return []
    return list(current.model_fields)


def nested_model(annotation):
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = nested_model(arg)
        if found is not None:
            return found
    return None


def _unknown(fld: str, name: str, names) -> tuple[str, dict]:
    # A soft hyphen or joiner pasted from Word hides in a name: show it, or the message
    # would suggest the very name the editor sees.
    shown = "".join(f"<{codepoint(c)}>" if unicodedata.category(c) == "Cf" else c for c in fld)
    close = difflib.get_close_matches(name, list(names), n=1, cutoff=0.6)
    if close:
        return "unknown_field_suggest", {"key": shown, "suggestion": close[0]}
    return "unknown_field", {"key": shown, "fields": ", ".join(names)}


def _localise(settings: Settings, doc: Document, model: Common):
    """Times written without an offset are read in the site's time zone, with a notice."""
    updates, warnings = {}, []
    for name in ("start", "end", "publish_at", "expires_at"):
        value = getattr(model, name, None)
        if isinstance(value, datetime) and value.tzinfo is None:
            updates[name] = value.replace(tzinfo=settings.tz)
            example = updates[name].isoformat()
            warnings.append(problem(doc.path, doc.line(name), name, "naive_time", WARNING, tz=settings.timezone, example=example))
    return (model.model_copy(update=updates) if updates else model), warnings


def _duplicate_urls(sources: list[Document]) -> list[Problem]:
    seen: dict[str, Document] = {}
    out = []
    for doc in sorted(sources, key=lambda d: d.path):
        url = f"{KIND_FOLDER[doc.kind]}/{doc.slug}/"
        other = seen.get(url)
        if other is None:
            seen[url] = doc
        else:
            out.append(problem(doc.path, 1, "", "duplicate_slug", url="/" + url, other=other.path, slug=doc.slug))
    return out


def _check_references(tree: ContentTree, doc: Document, content_paths: set, prefix: str, site: "SitePages"):
    """Resolve every local link and image of a document: {target: (kind, path)}."""
    base = posixpath.dirname(posixpath.relpath(doc.path, prefix.rstrip("/")))
    links: dict = {}
    out = []
    for name in ("cover", "portrait"):
        target = doc.data.get(name)
        if isinstance(target, str) and target.strip():
            code = _resolve_one(tree, content_paths, prefix, base, target.strip(), "image", links)
            if code:
                out.append(_missing(doc.path, doc.line(name), name, code, target, tree, content_paths, prefix, base))
    for ref in find_references("" if doc.refused else doc.body):
        if not ref.local:
            found = site.link(ref.target, links) if ref.kind == "link" else None
            if found:
                out.append(problem(doc.path, doc.body_line + ref.line - 1, "body", found[0], **found[1]))
            continue
        code = _resolve_one(tree, content_paths, prefix, base, ref.target, ref.kind, links)
        if code:
            line = doc.body_line + ref.line - 1
            out.append(_missing(doc.path, line, "body", code, ref.target, tree, content_paths, prefix, base))
    return links, out


def _missing(path, line, fld, code, target, tree, content_paths, prefix, base) -> Problem:
    """The problem of a path that does not resolve, asking 是不是 …？ when a file is close."""
    if code in ("image_missing", "link_missing"):
        wanted = resolve(base, split_target(target)[0].strip())
        pages = [p[len(prefix):] for p in content_paths if p.startswith(prefix)]
        guess = nearest(wanted, pages if wanted.endswith(".md") else tree.files, base)
        if guess:
            return problem(path, line, fld, code + "_suggest", target=target, suggestion=guess)
    return problem(path, line, fld, code, target=target)


def _resolve_one(tree, content_paths, prefix, base, target, kind, links) -> Optional[str]:
    path, _fragment = split_target(target)
    resolved = resolve(base, path)
    if resolved.startswith("..") or resolved.startswith("/"):
        return "path_outside"
    if kind == "image" and resolved.endswith(".md"):
        return "not_an_image"  # it would publish as a link to a page: the cover or image vanishes
    if resolved.endswith(".md"):
        if prefix + resolved in content_paths:
            links[target] = ("page", prefix + resolved)
            return None
        return "link_missing" if kind == "link" else "image_missing"
    if resolved in tree.files:
        if scriptable(resolved):  # a browser would run it as a page of the site
            return "media_type_refused"
        links[target] = ("file", resolved)
        return None
    return "image_missing" if kind == "image" else "link_missing"
