"""Read the content tree: every Markdown file becomes a Document with its field lines."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import frontmatter

from ..core.problems import WARNING, Problem, problem
from ..safety.limits import MAX_BODY_BYTES, body_limits
from ..safety.paths import MAX_SLUG, collisions, inside
from ..core.settings import Settings
from ..core.printable import controls_in, printable
from ..safety.text import clean as clean_text
from .strict_yaml import MAX_BYTES as MAX_FRONT_MATTER_BYTES, parse_mapping

KIND_FOLDERS = {"events": "event", "stories": "story", "news": "article"}
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RESERVED_SLUGS = {"index", "page", "en", "media", "assets", "search", "feeds"}
LONG_SLUG = 60  # characters: a longer name breaks across lines on posters and in shared links
OBSERVANCES_FILE = "observances.yml"
# Front matter and body at their limits, with room for the lines around them (in UTF-8,
# NFC and removed controls can only shorten a file).
MAX_FILE_BYTES = MAX_FRONT_MATTER_BYTES + MAX_BODY_BYTES + 1024


@dataclass
class Document:
    path: str  # as shown to editors, e.g. campaigns/x/events/y.zh.md
    abs_path: Path
    kind: str  # campaign | event | story | article
    campaign: str  # the campaign folder's slug
    slug: str
    lang: str
    key: str  # translation key: the same for a source and its translations
    data: dict
    lines: dict  # dotted field -> line in the file
    body: str
    body_line: int  # line of the file where the body starts
    source_text: str = field(repr=False, default="")
    yaml_fields: set = field(default_factory=set)  # fields whose YAML was already reported
    readable: bool = True  # False: the front matter could not be read at all
    refused: bool = False  # True: the body is over a limit of safety/limits.py and never rendered

    def line(self, fld: str) -> int:
        """The line of a field, or of its nearest parent, or the first line."""
        parts = fld.split(".") if fld else []
        while parts:
            found = self.lines.get(".".join(parts))
            if found:
                return found
            parts.pop()
        return 1


@dataclass
class ContentTree:
    documents: list[Document]
    files: set[str]  # every non-Markdown file, relative to the content folder
    problems: list[Problem]


def load_tree(settings: Settings, memo: Optional[dict] = None) -> ContentTree:
    """memo, kept between the builds of one `serve`: {path: (what decides the result, result)};
    a file is parsed again when its bytes or the languages change."""
    documents, files, problems = [], set(), []
    root = settings.content_dir
    if not root.is_dir():
        return ContentTree([], set(), [])
    seen = []
    prefix = settings.rel(root) + "/"
    refused: list[str] = []  # folders reported once, their contents not again
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if any(rel.as_posix().startswith(folder + "/") for folder in refused):
            continue
        shown = printable(prefix + rel.as_posix())
        # A link could publish any file of the machine; a control character in a
        # name could start a new line, or a CI command, in the log that shows it.
        if path.is_symlink() or not inside(root, path):
            problems.append(problem(shown, 1, "", "symlink_refused"))
            continue
        # Nothing is skipped silently: a hidden file or folder is not published, so it is said.
        if controls_in(rel.name):
            problems.append(problem(shown, 1, "", "unsafe_file_name", chars=", ".join(controls_in(rel.name))))
        elif rel.name.startswith("."):
            problems.append(problem(shown, 1, "", "hidden_file", WARNING))
        if controls_in(rel.name) or rel.name.startswith("."):
            refused.append(rel.as_posix())
            continue
        if path.is_dir():
            continue
        seen.append(rel.as_posix())
        if path.suffix.lower() != ".md":
            files.add(rel.as_posix())
            continue
        doc, found = load_document(settings, path) if memo is None else _remembered(settings, path, memo)
        problems.extend(found)
        if doc is not None:
            documents.append(doc)
    for path, other in collisions(seen):
        problems.append(problem(prefix + path, 1, "", "path_collision", other=prefix + other))
    if memo is not None:  # files that are gone are forgotten
        for gone in set(memo) - {str(root / rel) for rel in seen}:
            del memo[gone]
    return ContentTree(documents, files, problems)


def _remembered(settings: Settings, path: Path, memo: dict):
    """load_document, or its result for the same bytes at the same place: keyed by the
    bytes, not the modification time, which two quick saves of the same size can share."""
    try:
        raw = path.read_bytes()
    except OSError:
        return load_document(settings, path)
    stamp = (hashlib.sha256(raw).digest(), str(settings.root), str(settings.content_dir),
             tuple(settings.languages), settings.source_language)
    known = memo.get(str(path))
    if known is None or known[0] != stamp:
        known = memo[str(path)] = (stamp, load_document(settings, path, raw))
    return known[1]


def classify(settings: Settings, path: Path):
    """(kind, campaign, slug, lang, key) from where a file lies, or a problem code."""
    rel = path.relative_to(settings.content_dir)
    name = rel.name[: -len(".md")]
    slug, _, lang = name.partition(".")
    lang = lang or settings.source_language
    parts = rel.parts
    if len(parts) == 2 and slug == "index":
        kind, campaign, slug = "campaign", parts[0], parts[0]
    elif len(parts) == 3 and parts[1] in KIND_FOLDERS:
        kind, campaign = KIND_FOLDERS[parts[1]], parts[0]
    else:
        return "unknown_location", {}
    if lang not in settings.languages:
        return "unknown_language", {"lang": lang, "languages": ", ".join(settings.languages)}
    if not SLUG_RE.match(slug) or not SLUG_RE.match(campaign):
        bad = campaign if not SLUG_RE.match(campaign) else slug
        return "invalid_slug", {"slug": bad}
    if slug in RESERVED_SLUGS:
        return "reserved_slug", {"slug": slug}
    for name in (campaign, slug):
        if len(name) > MAX_SLUG:
            return "slug_too_long", {"slug": name[:40] + "…", "length": len(name), "limit": MAX_SLUG}
    key = (rel.parent / (name.split(".")[0] if kind != "campaign" else "index")).as_posix()
    return None, {"kind": kind, "campaign": campaign, "slug": slug, "lang": lang, "key": key}


def load_document(settings: Settings, path: Path, data: Optional[bytes] = None):
    shown = settings.rel(path)
    code, info = classify(settings, path)
    if code:
        return None, [problem(shown, 1, "", code, **info)]
    long_name = []
    if len(info["slug"]) > LONG_SLUG:
        long_name = [problem(shown, 1, "", "slug_long", WARNING, slug=info["slug"], length=len(info["slug"]),
                             limit=LONG_SLUG)]
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:  # refused unread: normalising a huge text costs minutes too
        doc = Document(shown, path, data={}, lines={}, body="", body_line=1, readable=False, refused=True, **info)
        return doc, long_name + [problem(shown, 1, "", "body_too_large", size=size, limit=MAX_BODY_BYTES)]
    try:
        raw = (path.read_bytes() if data is None else data).decode("utf-8")
    except UnicodeDecodeError:
        return None, long_name + [problem(shown, 1, "", "not_utf8")]
    # NFC, without controls and stray zero-width characters; bidi controls are errors.
    text, text_issues = clean_text(raw)
    text_problems = long_name + [problem(shown, i.line, "", i.code, char=i.char) for i in text_issues]
    handler = frontmatter.YAMLHandler()
    lead = len(text) - len(text.lstrip())
    lead_lines = text[:lead].count("\n")
    stripped = text.strip()
    if not handler.detect(stripped):
        return None, text_problems + [problem(shown, 1, "", "no_front_matter")]
    try:
        fm_text, body = handler.split(stripped)
    except ValueError:
        return None, text_problems + [problem(shown, 1, "", "no_front_matter")]
    # Line numbers: count from the text python-frontmatter split, so that the
    # boundary regex's handling of blank lines cannot shift them.
    fm_start = stripped.index(fm_text, 3)
    offset = lead_lines + stripped[:fm_start].count("\n")
    parsed = parse_mapping(fm_text)
    problems = text_problems
    for issue in parsed.issues:
        params = dict(issue.params)
        if "line" in params:  # a YAML syntax error names its line in the file
            params["line"] = offset + params["line"]
        problems.append(problem(shown, offset + issue.line, issue.field, issue.code, issue.severity, **params))
    lines = {k: offset + v for k, v in parsed.lines.items()}
    body_start = len(stripped) - len(body)
    body_start += len(body) - len(body.lstrip("\n"))
    body_line = lead_lines + stripped[:body_start].count("\n") + 1
    body = body.strip("\n") + "\n" if body.strip() else ""
    # Before anything renders the body: check and build refuse the same bodies.
    refusals = body_limits(body)
    problems.extend(problem(shown, body_line + r.line - 1, "body", r.code, **r.params) for r in refusals)
    doc = Document(
        path=shown,
        abs_path=path,
        data=parsed.data,
        lines=lines,
        body=body,
        body_line=body_line,
        source_text=raw,
        yaml_fields={issue.field for issue in parsed.issues if issue.field and issue.severity == "error"},
        readable=parsed.readable,
        refused=bool(refusals),
        **info,
    )
    return doc, problems
