"""Warnings for HTML in editors' Markdown that the raw-HTML policy removes.

The body is rendered with Python-Markdown and the extensions of the site (the same
renderer MkDocs uses), so that what is reported is what the build removes, with
the line of the Markdown file where it was written.
"""
from __future__ import annotations

from functools import lru_cache

import markdown

from .htmlpolicy import Finding, policy
from .problems import WARNING, Problem, problem


@lru_cache(maxsize=4)
def _renderer(extensions: tuple) -> markdown.Markdown:
    try:
        return markdown.Markdown(extensions=list(extensions))
    except Exception:  # an extension this check cannot load: the build itself reports it
        return markdown.Markdown(extensions=["tables", "fenced_code", "attr_list"])


def findings(body: str, extensions: tuple, embed_hosts: tuple = ()) -> list[Finding]:
    md = _renderer(extensions)
    md.reset()
    return policy(embed_hosts).findings(md.convert(body))


def check_body(path: str, body: str, first_line: int, extensions: tuple, embed_hosts: tuple = ()) -> list[Problem]:
    """One warning per removal, at the line of the body where it was written."""
    lines = body.split("\n")
    cursor = 0
    out = []
    for found in findings(body, extensions, embed_hosts):
        at = locate(lines, found.needle, cursor)
        if at is not None:
            cursor = at
        line = first_line + (at if at is not None else cursor)
        out.append(problem(path, line, "body", found.code, WARNING, **found.params()))
    return out


def locate(lines: list[str], needle: str, start: int = 0):
    """The index of the first line at or after start (then from the top) holding needle."""
    if not needle:
        return None
    needle = needle.lower()
    for index in [*range(start, len(lines)), *range(0, start)]:
        if needle in lines[index].lower():
            return index
    return None
