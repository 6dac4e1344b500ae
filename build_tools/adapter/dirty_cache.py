"""Generated files for incremental (`--dirty`) builds, in the build cache (see
core/settings.cache_folder; safe to delete at any time). A file is rewritten only when its
bytes change, so its modification time says when its content last changed, which is what
a site generator compares with the page it built from it.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..core.settings import Settings, cache_folder
from ..render.blocks import has_markers


def generated_folder(settings: Settings) -> Path:
    """One folder per project: a cache kept outside the checkout may serve several."""
    project = hashlib.sha256(str(settings.root.resolve()).encode("utf-8")).hexdigest()[:16]
    return cache_folder(settings) / "generated" / project


def forget_pages_with_blocks(files) -> None:
    """Hand-written pages that embed generated blocks change with content that is not
    in their file: remove their HTML so that a --dirty build writes them again."""
    for file in files.documentation_pages():
        if file.abs_src_path and has_markers(file.content_string):
            Path(file.abs_dest_path).unlink(missing_ok=True)


def forget_all_pages(files) -> None:
    """Every page shows the list of errors: when it changes, a --dirty build writes them all."""
    for file in files.documentation_pages():
        Path(file.abs_dest_path).unlink(missing_ok=True)


def forget_changed_contexts(files, pages, before: dict) -> dict:
    """A page's HTML also shows what the page map says of it (language switch, alternates,
    notice), which another file's edit can change while the page's own source stays the
    same: such a page's HTML is removed so that a --dirty build writes it again. Returns
    {src: what the page map said} for the next build."""
    now = {}
    for file in files.documentation_pages():
        info = pages.page_languages(file.src_uri) if pages is not None else None
        said = repr({k: v for k, v in info.items() if k != "lang"}) if info is not None else ""
        now[file.src_uri] = said
        if before.get(file.src_uri, said) != said:
            Path(file.abs_dest_path).unlink(missing_ok=True)
    return now


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write data unless the file already holds exactly these bytes; True if written."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)  # never a half-written file, even if two builds run at once
    return True


def sync(folder: Path, files: dict[str, bytes]) -> dict[str, str]:
    """Mirror {relative path: bytes} into folder; returns {relative path: absolute path}.

    Unchanged files keep their modification time; files no longer produced are removed.
    """
    written = {}
    for rel, data in files.items():
        target = folder / rel
        write_if_changed(target, data)
        written[rel] = str(target)
    if folder.is_dir():
        keep = {Path(p) for p in written.values()}
        for path in sorted(folder.rglob("*"), reverse=True):
            if path.is_file() and path not in keep:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return written
