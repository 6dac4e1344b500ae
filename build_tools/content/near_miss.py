"""The existing file an editor probably meant, for a path that does not exist.

`cover: winter.jpg` when the photo lies one folder up, `Winter.JPG`, `winter.png`, or a
slug with one letter wrong: the message asks 是不是 …？ with the path written from the
editor's own file. difflib ranks names by similarity; nothing is changed for them.
"""
from __future__ import annotations

import difflib
import posixpath
from typing import Iterable, Optional


def nearest(wanted: str, existing: Iterable[str], base: str) -> Optional[str]:
    """The path (relative to the folder `base`) of the existing file closest to `wanted`
    (both relative to the content folder), or None when nothing is close."""
    existing = sorted(existing)
    name = posixpath.basename(wanted)
    stem = posixpath.splitext(name)[0].casefold()

    def shown(path: str) -> str:
        return posixpath.relpath(path, base or ".")

    def closest(paths: list[str]) -> Optional[str]:  # the same name: the one fewest folders away
        return min(paths, key=lambda p: (shown(p).count("/"), p)) if paths else None

    same = closest([p for p in existing if posixpath.basename(p).casefold() == name.casefold()])
    if same is None:
        same = closest([p for p in existing if posixpath.splitext(posixpath.basename(p))[0].casefold() == stem])
    if same is None:
        names = {posixpath.basename(p).casefold(): p for p in reversed(existing)}
        close = difflib.get_close_matches(name.casefold(), list(names), n=1, cutoff=0.8)
        if close:
            same = closest([p for p in existing if posixpath.basename(p).casefold() == close[0]])
    return shown(same) if same and same != wanted else None
