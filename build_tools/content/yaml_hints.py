"""What an editor did when YAML could not be read, in their words, on their line.

PyYAML reports where it gave up (often the line after the mistake) in parser English.
Most failures on a Chinese keyboard are one of a few slips: a full-width colon `：`,
no space (or a full-width one) after `:`, a Tab or full-width spaces as indentation.
We look for those first, at or before the line where the parser stopped; otherwise
the parser's own problem is named in plain words.
"""
from __future__ import annotations

import re
from typing import Optional

_KEY = r"^[ ]*(?:-[ ]+)?([A-Za-z_][\w-]*)"
_TAB_INDENT = re.compile(r"^[ \u3000\u00a0]*\t")
_WIDE_INDENT = re.compile(r"^[ \t]*[\u3000\u00a0][\u3000\u00a0 \t]*(?:-[ ]+)?[A-Za-z_][\w-]*[ ]*[:：]")
_WIDE_COLON = re.compile(_KEY + r"[ \u3000]*：")
# `key:value`, or `key:` followed by a full-width or non-breaking space: YAML needs an ASCII space.
_NO_SPACE = re.compile(_KEY + r":(?=[^ \t\n/])")

# PyYAML's problems, as the start of its text -> our code, and whether the line
# where the scan started (context mark) is the editor's line rather than where it stopped.
_PROBLEMS = (
    ("could not find expected ':'", "yaml_missing_colon", True),
    ("mapping values are not allowed", "yaml_colon_in_value", False),
    ("found unexpected end of stream", "yaml_unclosed_quote", True),
    ("found a tab character", "yaml_tab", False),
    ("expected ',' or ']'", "yaml_unclosed_bracket", True),
    ("expected ',' or '}'", "yaml_unclosed_bracket", True),
)


def line_hint(line: str) -> Optional[tuple[str, dict]]:
    """(code, params) for a slip this one line shows, or None."""
    if _TAB_INDENT.match(line):
        return "yaml_tab", {}
    if _WIDE_INDENT.match(line):
        return "yaml_wide_indent", {}
    match = _WIDE_COLON.match(line)
    if match:
        return "yaml_fullwidth_colon", {"key": match.group(1)}
    match = _NO_SPACE.match(line)
    if match:
        return "yaml_colon_space", {"key": match.group(1)}
    return None


def explain(text: str, problem: str, line: int, context_line: Optional[int]) -> tuple[int, str, dict]:
    """(line, code, params) for a YAML text the parser refused at `line` (1-based)."""
    lines = text.split("\n")
    for number, content in enumerate(lines[:line], start=1):
        hint = line_hint(content)
        if hint:
            return number, hint[0], hint[1]
    for start, code, at_context in _PROBLEMS:
        if problem.startswith(start):
            where = context_line if at_context and context_line else line
            return where, code, {}
    return line, "yaml_syntax", {}


SYNTAX_CODES = frozenset({"yaml_syntax", "yaml_tab", "yaml_wide_indent", "yaml_fullwidth_colon", "yaml_colon_space",
                          "yaml_missing_colon", "yaml_colon_in_value", "yaml_unclosed_quote", "yaml_unclosed_bracket"})

# A whole value in these is quoted the Chinese way: YAML keeps the marks, and the page shows them.
# Only in headlines and sentences: a name or a slogan (subject, theme, venue name) is often
# quoted on purpose, and a warning there would fail every strict build.
QUOTE_FIELDS = frozenset({"title", "summary", "cover_alt", "portrait_alt"})
_WRAPPERS = {"“": "”", "「": "」", "『": "』", "‘": "’", "＂": "＂"}
_WIDE_BRACKETS = {"【": "】", "［": "］"}
_WIDE_COMMAS = "，、"


def value_hints(value: str, field: str, in_flow_list: bool) -> list[tuple[str, dict]]:
    """Warnings about a text value typed on a Chinese keyboard: (code, params)."""
    found = []
    text = value.strip()
    opening, closing = text[:1], text[-1:]
    inner = text[1:-1]
    quoted = field in QUOTE_FIELDS and len(text) > 1
    if quoted and _WRAPPERS.get(opening) == closing and opening not in inner and closing not in inner:
        found.append(("wrapped_in_quotes", {"value": text, "inner": inner}))
    elif len(text) > 1 and _WIDE_BRACKETS.get(opening) == closing and any(c in inner for c in _WIDE_COMMAS + ","):
        found.append(("wide_brackets", {"value": text}))
    elif in_flow_list and any(c in text for c in _WIDE_COMMAS):
        found.append(("wide_comma_in_list", {"value": text}))
    return found
