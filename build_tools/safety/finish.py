"""The last step of a build, after the site generator wrote its pages: the files the build
adds then (the other languages' search indexes, made from the rendered pages; web fonts cut
to the pages' characters), and the safety scan of everything written, those files included."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..core.problems import Problem
from .paths import check_outputs
from .scan import SEARCH_INDEX, KnownScripts, scan_site


def finish(site_dir: Path, indexes: dict[str, bytes], known: KnownScripts, embed_hosts=(),
           files: Optional[dict[str, bytes]] = None, memo: Optional[dict] = None,
           trusted: Optional[dict] = None, ahead: Optional[dict] = None) -> list[Problem]:
    """Write the search indexes and other files ({site path: bytes}) and scan the site (whose
    pages may load media and frames from embed_hosts); the scan's problems. memo and trusted
    (the editor's own pages, skipped only as those exact bytes) and ahead (pages scanned as they
    were rendered): see scan_site."""
    site_dir = Path(site_dir)
    written = {**(files or {}), **indexes}
    wrong = check_outputs(site_dir, written, written)
    if wrong:  # paths come from language codes and constants: never expected
        raise ValueError("unsafe paths of files written after the pages: " + "; ".join(wrong))
    for rel, data in sorted(written.items()):
        target = site_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return scan_site(site_dir, known, (SEARCH_INDEX, *indexes), embed_hosts, memo, trusted, ahead)
