"""Links and images inside Markdown bodies, with their lines, and their rewriting."""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt

from ..core.urls import KIND_FOLDER


@dataclass(frozen=True)
class Reference:
    kind: str  # "image" or "link"
    target: str  # as written
    line: int  # 1-based line within the body
    alt: str = ""  # an image's alternative text
    local: bool = False  # a path of this site (see is_local), as a browser reads the written target


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark")


def find_references(body: str) -> list[Reference]:
    refs: list[Reference] = []
    if "](" not in body and "]:" not in body:
        return refs  # no inline link or image and no link definition: nothing to parse
    lines = body.split("\n")
    for token in _parser().parse(body):
        if token.type != "inline" or not token.children:
            continue
        first, last = token.map if token.map else (0, len(lines))
        block = "\n".join(lines[first:last])
        cursor = 0  # references come in order: each is looked for after the one before
        for child in token.children:
            if child.type not in ("image", "link_open"):
                continue
            written = child.attrGet("src" if child.type == "image" else "href") or ""
            target = unquote(written)
            at = _position(block, cursor, target, written)
            cursor = at + 1 if at >= 0 else cursor
            line = first + 1 + (block.count("\n", 0, at) if at >= 0 else 0)
            # A `%` the editor wrote makes no scheme for a browser (`java%73cript:x` is a path);
            # one markdown-it wrote for an entity or a tab (`jav&#x09;ascript:`) does not count.
            local = is_local(written) if written in block else is_local(_NOISE.sub("", target))
            if child.type == "image":
                refs.append(Reference("image", target, line, child.content or "", local))
            else:
                refs.append(Reference("link", target, line, local=local))
    return refs


def is_local(target: str) -> bool:
    """A relative path inside the site, as opposed to a URL, an anchor or a mail link."""
    parts = urlsplit(target)
    return bool(target) and not parts.scheme and not parts.netloc and not target.startswith(("#", "/"))


def site_path(target: str, site_url: str) -> Optional[str]:
    """The path inside the site of a URL of the site itself, as copied from the browser's
    address bar (`/events/x/`, or with the host of site_url), else None."""
    parts = urlsplit(target)
    if not parts.scheme and not parts.netloc and target.startswith("/"):
        path = parts.path
    else:
        site = urlsplit(site_url)
        if not (site.netloc and parts.scheme in ("http", "https") and parts.netloc.lower() == site.netloc.lower()):
            return None
        base = site.path.rstrip("/") + "/"
        if not (parts.path + "/").startswith(base):
            return None
        path = "/" + parts.path[len(base):]
    return unquote(path).lstrip("/")


def page_of(path: str, languages) -> Optional[tuple[str, str]]:
    """(URL folder, slug) of an item page's path in the site (`events/x/`, `en/events/x/`,
    `events/x/index.html`), else None. Every language's page of an item is the same page."""
    match = _ITEM_PAGE.match(path)
    if not match or (match["lang"] and match["lang"] not in languages):
        return None
    return match["folder"], match["slug"]


_ITEM_PAGE = re.compile(r"^(?:(?P<lang>[^/]+)/)?(?P<folder>" + "|".join(KIND_FOLDER.values())
                        + r")/(?P<slug>[^/]+)/?(?:index\.html)?$")


def split_target(target: str) -> tuple[str, str]:
    parts = urlsplit(target)
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    return unquote(parts.path), fragment


def resolve(base_dir: str, path: str) -> str:
    """A path relative to base_dir (inside the content folder), normalised; may start with '..'."""
    return posixpath.normpath(posixpath.join(base_dir, path)) if base_dir else posixpath.normpath(path)


def rewrite(body: str, mapping: dict[str, str]) -> str:
    """Replace link and image targets written as `](target` or `]: target`."""
    if not mapping:
        return body
    # One fixed pattern finds where targets start (a pattern built from each body's
    # targets cost a regular-expression compilation per page).
    targets = sorted(mapping, key=len, reverse=True)
    out, last = [], 0
    for lead in _LEAD.finditer(body):
        start = lead.end()
        if lead.start() < last:
            continue
        for target in targets:
            end = start + len(target)
            if body.startswith(target, start) and end < len(body) and (body[end].isspace() or body[end] in _AFTER):
                out += [body[last:start], mapping[target]]
                last = end
                break
    out.append(body[last:])
    return "".join(out)


_NOISE = re.compile(r"[\t\n\r]")  # what a browser removes from a URL before reading it
_LEAD = re.compile(r"\]\(\s*<?|\]:\s*<?")  # `](target` or `]: target`
_AFTER = ">)\"'"


def _position(block: str, start: int, *needles: str) -> int:
    """Where the first of needles (the target, decoded or as markdown-it wrote it) is found
    in block at or after start; -1 when neither is."""
    for needle in needles:
        at = block.find(needle, start) if needle else -1
        if at >= 0:
            return at
    return -1


def unlink(body: str, targets) -> str:
    """Inline links to these targets become their text: `[text](target "title")` → `text`.
    Used for links to items that this build does not publish (drafts, scheduled items)."""
    if not targets:
        return body
    alternatives = "|".join(re.escape(t) for t in sorted(targets, key=len, reverse=True))
    pattern = (r"(?<!!)\[((?:[^\[\]\\]|\\.|\[[^\]]*\])*)\]\(\s*<?(?:" + alternatives
               + r")>?(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
    return re.sub(pattern, r"\1", body)
