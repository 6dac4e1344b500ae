"""Paths that content can produce: inside their folders, one URL each, nothing a browser runs."""
from __future__ import annotations

import posixpath
import unicodedata
from pathlib import Path
from typing import Iterable, Optional

from ..core.printable import controls_in, printable

MAX_SLUG = 100  # characters; far below file-system limits, and still readable in a link
MAX_SEGMENT_BYTES = 255  # NAME_MAX of common file systems
# Files a browser opens as a document that can run script on the site's origin.
SCRIPTABLE_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".xht", ".shtml", ".svg", ".svgz",
                                 ".xml", ".xsl", ".xslt", ".js", ".mjs", ".swf", ".php"})


def url_key(path: str) -> str:
    """Two paths with the same key are one URL on a case-insensitive or normalising host."""
    return unicodedata.normalize("NFC", path).casefold()


def collisions(paths: Iterable[str]) -> list[tuple[str, str]]:
    """(path, earlier path) for every path that differs from an earlier one only by
    case or Unicode normalisation."""
    seen: dict[str, str] = {}
    out = []
    for path in sorted(paths):
        key = url_key(path)
        if key in seen and seen[key] != path:
            out.append((path, seen[key]))
        else:
            seen.setdefault(key, path)
    return out


def scriptable(path: str) -> bool:
    return posixpath.splitext(path.lower())[1] in SCRIPTABLE_SUFFIXES


def unsafe_output_path(path: str) -> Optional[str]:
    """Why a generated path could leave the output folder or break a file system, or None."""
    if not path or path.startswith("/") or "\\" in path or ":" in path.split("/")[0]:
        return "not a relative path"
    parts = path.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return "empty, '.' or '..' segment"
    if controls_in(path):
        return "control characters " + ", ".join(controls_in(path))
    if any(len(part.encode("utf-8")) > MAX_SEGMENT_BYTES for part in parts):
        return f"a name longer than {MAX_SEGMENT_BYTES} bytes"
    return None


def inside(root: Path, path: Path) -> bool:
    """Whether path, with every link followed, lies in root."""
    return Path(path).resolve().is_relative_to(Path(root).resolve())


def check_outputs(site_dir: Path, generated: Iterable[str], urls: Iterable[str]) -> list[str]:
    """What is wrong with the files a build is about to write (empty when nothing):
    generated paths that could leave the output folder, and URLs that are one URL
    on a case-insensitive or normalising host."""
    out = []
    root = Path(site_dir).resolve()
    for path in sorted(generated):
        reason = unsafe_output_path(path)
        if reason is None and not (Path(site_dir) / path).resolve().is_relative_to(root):
            reason = "outside the output folder"
        if reason:
            out.append(f"{printable(path)}: {reason}")
    for path, other in collisions(urls):
        out.append(f"{printable(path)} / {printable(other)}: one URL on a case-insensitive host")
    return out
