"""The build's outputs as MkDocs files, next to the hand-written pages of docs/."""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from . import dirty_cache
from ..safety.paths import check_outputs


def add_outputs(settings, config, files, outputs, dirty: bool) -> dict:
    """Add every output to files; returns {path: HTML fragments our templates made}."""
    backed = {}
    if dirty:  # --dirty rebuilds a page whose source is newer than its HTML: see dirty_cache.py
        backed = dirty_cache.sync(dirty_cache.generated_folder(settings),
                                  {o.path: o.content for o in outputs if o.source is None})
        dirty_cache.forget_pages_with_blocks(files)
    trusted = {}
    for output in outputs:
        if output.source is not None or output.path in backed:
            path = output.source if output.source is not None else backed[output.path]
            file = File.generated(config, output.path, abs_src_path=path)
        else:
            file = File.generated(config, output.path, content=output.content)
        if output.is_page:
            file.inclusion = InclusionLevel.NOT_IN_NAV
        if files.get_file_from_path(output.path) is not None:
            raise PluginError(f"{output.path} is generated from campaigns/ and also exists in docs/")
        files.append(file)
        trusted[output.path] = output.trusted
    return trusted


def check_paths(config, files, outputs) -> None:
    wrong = check_outputs(Path(config.site_dir), [o.path for o in outputs], [f.dest_uri for f in files])
    if wrong:
        raise PluginError("unsafe output paths:\n" + "\n".join(wrong))
