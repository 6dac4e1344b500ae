"""Warnings for HTML in editors' Markdown that the raw-HTML policy removes.

The body is rendered with Python-Markdown and the extensions of the site (the same
renderer MkDocs uses), so that what is reported is what the build removes, with
the line of the Markdown file where it was written.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown

from .html_policy import ERROR_CODES, Finding, policy
from ..core.problems import ERROR, WARNING, Problem, problem


@lru_cache(maxsize=4)
def _renderer(extensions: tuple) -> markdown.Markdown:
    try:
        return markdown.Markdown(extensions=list(extensions))
    except Exception:  # an extension this check cannot load: the build itself reports it
        return markdown.Markdown(extensions=["tables", "fenced_code", "attr_list"])


def findings(body: str, extensions: tuple, embed_hosts: tuple = ()) -> list[Finding]:
    return list(_findings(body, tuple(extensions), tuple(embed_hosts)))


# Rendering every body is most of the check; a preview server checks again after each edit,
# and the bodies not edited give the same findings.
@lru_cache(maxsize=20_000)
def _findings(body: str, extensions: tuple, embed_hosts: tuple) -> tuple:
    md = _renderer(extensions)
    md.reset()
    return tuple(policy(embed_hosts, extensions).findings(md.convert(body)))


def check_body(path: str, body: str, first_line: int, extensions: tuple, embed_hosts: tuple = ()) -> list[Problem]:
    """One warning per removal, at the line of the body where it was written."""
    return removals(path, body, first_line, findings(body, extensions, embed_hosts))


def removals(path: str, text: str, first_line: int, found: list[Finding]) -> list[Problem]:
    """One problem per line and kind of removal found in text (whose first line is first_line):
    a warning, or an error for what would mislead readers (html_policy.ERROR_CODES)."""
    return [problem(path, first_line + index, "body", code, ERROR if code in ERROR_CODES else WARNING, **params)
            for (index, code), params in locate_all(text.split("\n"), found)]


def locate_all(lines: list[str], found: list[Finding]) -> list:
    """((line index, code), params) per line and kind of removal; several removals of
    one kind on one line become one message naming each."""
    grouped: dict = {}
    # Entities decoded line by line (`jav&#x61;script:` is found as `javascript:`); the
    # line count stays, and each finding is looked for after the one before it.
    text = "\n".join(html.unescape(line) for line in lines).lower()
    cursor = 0
    for finding in found:
        at = _occurrence(text, finding, cursor)
        if at is None:  # not where it is expected: the first line that mentions it
            line = locate(lines, finding.needles, text.count("\n", 0, cursor))
            line = text.count("\n", 0, cursor) if line is None else line
        else:
            line = text.count("\n", 0, at)
            cursor = at + 1
        grouped.setdefault((line, finding.code), []).append(finding.params())
    out = []
    for key, all_params in grouped.items():
        merged = {}
        for params in all_params:
            for name, value in params.items():
                if value not in merged.setdefault(name, []):
                    merged[name].append(value)
        out.append((key, {name: "、".join(values) for name, values in merged.items()}))
    return out


# Where Markdown (not HTML) writes a URL or an attribute: a link or image target, a
# link definition, an autolink, an attribute list.
_MARKDOWN_LEAD = re.compile(r"(?:\]\(\s*<?|\]:\s*<?|<|\{[^}\n]*)$")


def _occurrence(text: str, finding: Finding, start: int):
    """The position at or after start where the finding was written: the first tag of its
    kind that holds its value, or the first place Markdown wrote the value, whichever
    comes first (so that a URL quoted in the text before the tag is not taken for it)."""
    needle = finding.needle.lower()
    opening = re.compile(rf"<{re.escape(finding.tag.lower())}(?![\w-])")
    in_tag = None
    for match in opening.finditer(text, start):
        end = text.find(">", match.end())
        if not needle or needle in text[match.start(): len(text) if end < 0 else end]:
            in_tag = match.start()
            break
    in_markdown = None
    at = text.find(needle, start) if needle else -1
    while at >= 0 and (in_tag is None or at < in_tag):
        if _MARKDOWN_LEAD.search(text[max(0, at - 200):at]):
            in_markdown = at
            break
        at = text.find(needle, at + 1)
    found = [p for p in (in_tag, in_markdown) if p is not None]
    return min(found) if found else None


def locate(lines: list[str], needles, start: int = 0):
    """The index of the first line at or after start (then from the top) holding the
    first needle found (needles: a string, or several to try in turn)."""
    for needle in (needles,) if isinstance(needles, str) else needles:
        needle = needle.lower()
        for index in [*range(start, len(lines)), *range(0, start)] if needle else ():
            if needle in lines[index].lower():
                return index
    return None
