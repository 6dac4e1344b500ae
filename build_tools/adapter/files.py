"""The build's outputs as MkDocs files, next to the hand-written pages of docs/.

A file the build cache holds (an image, a card, a poster; in a --dirty build also a feed or
a calendar) is published by a hard link where the file system allows, else by a copy: the
same bytes without writing them again. A link shares its bytes with the cache entry, so
nothing may ever write into it: the name in the site is always removed before a file is
put there, and in a --dirty build, which keeps the site folder, a name that is still a
link is removed before MkDocs writes another file to it."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from . import dirty_cache
from ..core.settings import cache_folder
from ..safety.paths import check_outputs


class CachedFile(File):
    """A file published from the build cache: linked, not copied (see the module's doc)."""

    def is_modified(self) -> bool:
        try:
            src, dest = os.stat(self.abs_src_path), os.stat(self.abs_dest_path)
        except OSError:
            return True
        if (src.st_ino, src.st_dev) == (dest.st_ino, dest.st_dev):
            return False
        # A copy (no link across file systems) keeps the entry's size and modification time.
        return not (dest.st_nlink == 1 and (src.st_size, src.st_mtime_ns) == (dest.st_size, dest.st_mtime_ns))

    def copy_file(self, dirty: bool = False) -> None:
        if dirty and not self.is_modified():
            return
        publish(self.abs_src_path, self.abs_dest_path)


def publish(source: str, target: str) -> None:
    """Put source's bytes at target: a hard link, or a copy where no link can be made."""
    os.makedirs(os.path.dirname(target), exist_ok=True)
    try:
        os.unlink(target)  # never write through a link an earlier build made
    except FileNotFoundError:
        pass
    try:
        os.link(source, target)
    except OSError:  # another file system, or one without hard links
        shutil.copy2(source, target)


def unlink_shared(files) -> None:
    """Remove each name in the site that is a hard link and that a file other than a cached
    one will be written to (a --dirty build writes into the files it finds)."""
    for file in files:
        if isinstance(file, CachedFile):
            continue
        try:
            if os.stat(file.abs_dest_path).st_nlink > 1:
                os.unlink(file.abs_dest_path)
        except OSError:
            pass


def add_outputs(settings, config, files, outputs, dirty: bool) -> dict:
    """Add every output to files; returns {path: HTML fragments our templates made}."""
    backed = {}
    if dirty:  # --dirty rebuilds a page whose source is newer than its HTML: see dirty_cache.py
        backed = dirty_cache.sync(dirty_cache.generated_folder(settings),
                                  {o.path: o.content for o in outputs if o.source is None})
        dirty_cache.forget_pages_with_blocks(files)
    trusted = {}
    cache = cache_folder(settings).resolve()
    for output in outputs:
        if output.source is not None or output.path in backed:
            path = output.source if output.source is not None else backed[output.path]
            # Pages are rendered, not copied; a content file is never linked (the site is not a way into campaigns/).
            cached = not output.is_page and Path(path).resolve().is_relative_to(cache)
            file = (CachedFile if cached else File).generated(config, output.path, abs_src_path=path)
        else:
            file = File.generated(config, output.path, content=output.content)
        if output.is_page:
            file.inclusion = InclusionLevel.NOT_IN_NAV
        if files.get_file_from_path(output.path) is not None:
            raise PluginError(f"{output.path} is generated from campaigns/ and also exists in docs/")
        files.append(file)
        trusted[output.path] = output.trusted
    if dirty:
        unlink_shared(files)
    return trusted


def remove_stale(site_dir: Path, before: set, files) -> set:
    """A --dirty build keeps the site folder: what the build before generated from
    campaigns/ and this one does not (a deleted file's page or card) is removed, so that a
    preview server serves what a fresh build would. Returns this build's generated names."""
    now = {f.dest_uri for f in files if f.generated_by}
    kept = {f.dest_uri for f in files}
    for name in sorted(before - kept):
        (site_dir / name).unlink(missing_ok=True)
    return now


def check_paths(config, files, outputs) -> None:
    wrong = check_outputs(Path(config.site_dir), [o.path for o in outputs], [f.dest_uri for f in files])
    if wrong:
        raise PluginError("unsafe output paths:\n" + "\n".join(wrong))
