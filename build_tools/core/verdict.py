"""Whether problems stop a build: one rule for every step that finds them.

Errors stop a build, so that a broken site is never published; a preview server (`mkdocs
serve`) reports them and keeps serving, so that an editor sees both the mistake and the
pages that are right. Warnings are reported and never stop anything.
"""
from __future__ import annotations

from dataclasses import dataclass

from .problems import ERROR, NOTICE, WARNING, errors, failing, format_problems

PREVIEW_SERVER = "serve"  # the command that keeps going


@dataclass(frozen=True)
class Verdict:
    stop: bool
    level: str  # ERROR, WARNING, NOTICE, or "" when there is nothing to report
    text: str


def verdict(problems, command: str, subject: str, serving: str = "", strict: bool = False) -> Verdict:
    """What a build run by `command` does with problems found by one of its steps:
    `subject` names what has them, `serving` what a preview server does about them.
    `strict` (`mkdocs build --strict`, `campaign check --strict`): warnings stop it too.
    Notices are said and stop nothing (the level NOTICE: MkDocs must not count them)."""
    report = format_problems(problems)
    count = len(errors(problems))
    stopping = failing(problems, strict)
    if command != PREVIEW_SERVER and stopping:
        return Verdict(True, ERROR, f"{subject} ({len(stopping)}):\n{report}")
    if count:
        return Verdict(False, ERROR, f"{subject} ({count}){'; ' + serving if serving else ''}:\n{report}")
    if any(p.severity == WARNING for p in problems):
        return Verdict(False, WARNING, report)
    return Verdict(False, NOTICE if report else "", report)
