"""axe-core, from node_modules, run inside the page: no network involved."""
from __future__ import annotations

from functools import lru_cache

from .tools import AXE_JS, require_file

BLOCKING = ("serious", "critical")
# WCAG 2.1 A and AA plus axe's best practices: what Lighthouse's accessibility score checks too.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@lru_cache(maxsize=1)
def _source() -> str:
    return require_file(AXE_JS, "axe-core").read_text(encoding="utf-8")


def run_axe(page) -> list[dict]:
    """Every violation on the page, as axe reports it (id, impact, help, nodes)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=_source())
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        TAGS)
    return result["violations"]


def blocking(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v.get("impact") in BLOCKING]


def describe(violations: list[dict]) -> list[str]:
    """One line per violation and element, for a readable failure."""
    lines = []
    for v in violations:
        for node in v["nodes"][:5]:
            lines.append(f"{v['impact']} {v['id']}: {v['help']} at {' '.join(map(str, node['target']))}")
    return lines
