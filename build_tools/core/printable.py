"""Names and values made safe to print on one line of a terminal or a CI log.

A file name may hold a line break or another control character. Printed raw, it
starts a new line of the log, and on GitHub Actions a line starting with `::`
(`::error`, `::add-mask::`) is a command to the runner. Every plain-text line that
shows a path or an editor's value goes through `printable`.
"""
from __future__ import annotations

import re

# C0 (tab and line breaks included), DEL, C1, the Unicode line and paragraph
# separators, and the bidi controls that reorder a line as it is displayed.
# Surrogates are bytes of a name that is not UTF-8; U+FFFE/U+FFFF are not characters.
NAME_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
                           "\ud800-\udfff\ufffe\uffff]")
# A log line that the runner would read as a workflow command (v2 `::cmd::`, v1 `##[cmd]`).
_COMMAND = re.compile(r"^(\s*)::|##\[")


def codepoint(char: str) -> str:
    """How a character is named when it cannot be shown: U+000A."""
    return f"U+{ord(char):04X}"


def printable(text: str) -> str:
    """One line: every control character shown as its code, `<U+000A>`, and nothing the
    CI runner would read as a workflow command."""
    return _no_command(NAME_CONTROLS.sub(lambda m: f"<{codepoint(m.group())}>", str(text)))


def controls_in(text: str) -> list[str]:
    """The control characters of a name, as codes, once each and sorted."""
    return sorted({codepoint(c) for c in NAME_CONTROLS.findall(text)})


def log_text(text: str) -> str:
    """A log of several lines (another program's output): each line printable, tabs kept."""
    return "\n".join("\t".join(printable(part) for part in line.split("\t")) for line in text.split("\n"))


def _no_command(line: str) -> str:
    return _COMMAND.sub(lambda m: m.group().replace(":", "<U+003A>").replace("#", "<U+0023>"), line)
