"""Problems found in content: one record per mistake, with file, line and field."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from .messages import message
from .printable import printable

ERROR = "error"
WARNING = "warning"
# Said by the check and the build alike, and failing neither, even under --strict: something
# the build handles on its own (a share card drawn from the original language's text).
NOTICE = "notice"


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the project root, POSIX separators
    line: int
    field: str  # dotted field path, "" for the file as a whole
    code: str  # key into the message catalogue
    params: tuple = field(default=(), compare=False)
    severity: str = ERROR

    def text(self, lang: str = "zh") -> str:
        return message(self.code, lang, dict(self.params))

    def human(self, lang: str = "zh") -> str:
        """One line, whatever the path or the values quoted in the message hold."""
        where = f"{self.path}:{self.line}:"
        label = "" if self.severity == ERROR else message(f"{self.severity}_label", lang, {})
        fld = f" {self.field}:" if self.field else ""
        return printable(f"{where}{fld} {label}{self.text(lang)}")

    def github(self, lang: str = "zh") -> str:
        kind = self.severity  # GitHub's annotation commands: ::error, ::warning, ::notice
        title = self.field or self.path
        text = _gh_escape(self.text(lang))
        return (
            f"::{kind} file={_gh_prop(self.path)},line={self.line},"
            f"title={_gh_prop(title)}::{text}"
        )

    def as_dict(self, lang: str = "zh") -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "field": self.field,
            "severity": self.severity,
            "code": self.code,
            "message": self.text(lang),
        }


def problem(path: str, line: int, fld: str, code: str, severity: str = ERROR, /, **params) -> Problem:
    return Problem(path, max(int(line or 1), 1), fld, code, tuple(sorted(params.items())), severity)


def errors(problems) -> list[Problem]:
    return [p for p in problems if p.severity == ERROR]


def failing(problems, strict: bool = False) -> list[Problem]:
    """The problems that fail a check or a build: errors, and with --strict warnings too."""
    return [p for p in problems if p.severity == ERROR or (strict and p.severity == WARNING)]


def sort_unique(problems) -> list[Problem]:
    """Each mistake once, in file and line order."""
    return sorted(set(problems))


def format_problems(problems, fmt: str = "human", lang: str = "zh") -> str:
    problems = sort_unique(problems)
    if fmt == "json":
        return json.dumps([p.as_dict(lang) for p in problems], ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(p.github(lang) for p in problems)
    return "\n".join(p.human(lang) for p in problems)


def _gh_escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text: str) -> str:
    return _gh_escape(text).replace(":", "%3A").replace(",", "%2C")
