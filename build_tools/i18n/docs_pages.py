"""Hand-written pages (docs/): which language each is in and what it is called.

A page's language is its first folder: docs/about.md is in the source language,
docs/en/about.md is its English translation (the URL mirrors the file: /en/about/).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import frontmatter
import yaml

from .languages import split

_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)
# Fields of a hand-written page that a translation translates (the body too).
TRANSLATABLE = ("title", "description")


@dataclass(frozen=True)
class DocsPage:
    src: str  # path inside docs/, e.g. en/about.md
    path: str  # as shown to editors, e.g. docs/en/about.md
    abs_path: Path
    lang: str
    neutral: str  # the path without its language folder, e.g. about.md
    meta: dict
    body: str

    @property
    def title(self) -> str:
        title = self.meta.get("title")
        if isinstance(title, str) and title.strip():
            return title.strip()
        found = _H1.search(self.body)
        return found.group(1) if found else Path(self.neutral).stem.replace("-", " ")

    def fields(self) -> dict:
        return {k: self.meta[k] for k in TRANSLATABLE if k in self.meta}


def load_docs_pages(settings) -> list[DocsPage]:
    root = settings.docs_dir
    if root is None or not root.is_dir():
        return []
    pages = []
    for path in sorted(root.rglob("*.md")):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts):
            continue
        src = rel.as_posix()
        lang, neutral = split(settings, src)
        text = path.read_text(encoding="utf-8", errors="replace").lstrip("\ufeff")
        try:
            post = frontmatter.loads(text)
            meta, body = dict(post.metadata), post.content
        except (yaml.YAMLError, ValueError):
            meta, body = {}, text  # MkDocs reports a broken page itself
        pages.append(DocsPage(src, settings.rel(path), path, lang, neutral, meta, body))
    return pages
