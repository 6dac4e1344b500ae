"""Linked files published as they are (a PDF, a spreadsheet...): every file a body or a field
links to that is not an image; images go through the images stage instead."""
from __future__ import annotations

from ..core import urls
from ..core.output import Output
from ..model.site import Site


def linked_files(site: Site, images: set) -> list[Output]:
    """The copies of linked files; `images` are the content paths the images stage owns."""
    files = {}
    for entry in site.entries:
        for version in (entry.item.source, *entry.item.translations.values()):
            for kind, path in version.links.values():
                if kind == "file" and path not in images:
                    files[urls.media_src(path)] = str(site.settings.content_dir / path)
    return [Output(path, source=source) for path, source in sorted(files.items())]
