"""Checks of the hand-written pages (docs/), which MkDocs reads itself.

MkDocs reads their front matter with PyYAML's YAML 1.1 (aliases, no size limit)
and swallows its errors, and Material prints some meta values into scripts and
attributes (`template: redirect.html` with `location:`). So these pages get our
strict YAML, a short list of fields, safe file names and the text rules.
"""
from __future__ import annotations

import re
from pathlib import Path

import frontmatter

from ..core.blocks import allowed, marker_in_comment
from ..core.problems import Problem, problem
from ..safety.limits import body_limits
from ..safety.paths import inside
from ..core.printable import printable
from ..safety.body_check import findings, removals
from ..safety.text import clean as clean_text
from .strict_yaml import parse_mapping

# translated_from: the source version a translation of a page was made from (campaign translations).
PAGE_FIELDS = ("title", "description", "hide", "search", "translated_from")
SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
SAFE_NAME_PATH = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(?:/[A-Za-z0-9][A-Za-z0-9._-]*)*$")


def check_file(shown: str, rel: str, path: Path) -> list[Problem]:
    """Problems of one file of docs/ (rel: its path inside docs/)."""
    bad = [part for part in rel.split("/") if not SAFE_NAME.match(part)]
    if bad:
        return [problem(printable(shown), 1, "", "page_file_name", name=printable(bad[0]))]
    if not rel.lower().endswith(".md"):
        return []
    try:
        raw = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return [problem(shown, 1, "", "not_utf8")]
    text, issues = clean_text(raw)
    out = [problem(shown, i.line, "", i.code, char=i.char) for i in issues]
    handler = frontmatter.YAMLHandler()
    stripped = text.lstrip()
    if not handler.detect(stripped):
        return out + _refusals(shown, text, text)
    try:
        fm_text, body = handler.split(stripped)
    except ValueError:
        return out + _refusals(shown, text, text)
    out += _refusals(shown, text, body)
    offset = text[: len(text) - len(stripped)].count("\n") + stripped[: stripped.index(fm_text, 3)].count("\n")
    parsed = parse_mapping(fm_text)
    for issue in parsed.issues:
        params = dict(issue.params)
        if "line" in params:
            params["line"] = offset + params["line"]
        out.append(problem(shown, offset + issue.line, issue.field, issue.code, issue.severity, **params))
    for key in parsed.data:
        if key not in PAGE_FIELDS:
            out.append(problem(shown, offset + parsed.lines.get(key, 1), key, "page_meta_field",
                               key=key, fields=", ".join(PAGE_FIELDS)))
    return out


def _refusals(shown: str, text: str, body: str) -> list[Problem]:
    """The body limits of campaign pages (safety/limits.py); body is the end of text."""
    first = text[: len(text) - len(body)].count("\n") + 1
    return [problem(shown, first + r.line - 1, "body", r.code, **r.params) for r in body_limits(body)]


def check_docs(settings, docs_dir: Path, rels) -> list[Problem]:
    """Every file of docs/: inside docs/ (no links), a safe name, and pages' front matter."""
    out = []
    for rel in sorted(rels):
        path = Path(docs_dir) / rel
        shown = settings.rel(Path(docs_dir)) + "/" + rel
        if path.is_symlink() or not inside(docs_dir, path):
            out.append(problem(printable(shown), 1, "", "symlink_refused"))
            continue
        out.extend(check_file(shown, rel, path))
    return out


def docs_files(docs_dir) -> list[str]:
    """The files of docs/ that MkDocs publishes (it leaves out hidden ones), inside docs/."""
    root = Path(docs_dir) if docs_dir else None
    if root is None or not root.is_dir():
        return []
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*")
                  if not any(part.startswith(".") for part in p.relative_to(root).parts)
                  and (p.is_file() or p.is_symlink()))


def check_docs_bodies(settings, docs_dir: Path, rels) -> list[Problem]:
    """What the raw-HTML policy removes from each page of docs/, at its line: the warnings
    a build gives for these pages, given by the check too."""
    out = []
    for rel in sorted(rels):
        path = Path(docs_dir) / rel
        if not rel.lower().endswith(".md") or not SAFE_NAME_PATH.match(rel) or path.is_symlink():
            continue
        try:
            text = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # reported by check_docs
        text, _issues = clean_text(text)
        body = _body(text)
        page = settings.split(rel)[1]
        # The build fills the markers of this page's blocks before the policy reads it.
        found = [f for f in findings(body, settings.markdown_extensions, settings.embed_hosts)
                 if not (f.code == "marker_misplaced" and allowed(marker_in_comment(f.value[5:]) or "", page))]
        out.extend(removals(settings.rel(Path(docs_dir)) + "/" + rel, text, 1, found))
    return out


def _body(text: str) -> str:
    """The page without its front matter (what MkDocs renders)."""
    handler = frontmatter.YAMLHandler()
    if not handler.detect(text.lstrip()):
        return text
    try:
        return handler.split(text.lstrip())[1]
    except ValueError:
        return text
