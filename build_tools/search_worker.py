"""A repair of the theme's search worker, for Chinese queries.

Material's worker splits a run of Chinese characters in a query into the words its
index knows, but its loop never tries a word that ends the run, so 生态文学 is searched
as 生态 alone and every page about 生态 comes back. The built copy of the worker gets
the loop bound (and the matching check that drops a last one-character word) fixed.
When the theme changes (an upgrade), the pattern no longer matches and `repair`
says so; the browser tests check the search itself.
"""
from __future__ import annotations

from pathlib import Path

WORKERS = "assets/javascripts/workers/search.*.min.js"
REPAIRS = [
    ("for(let o=s+1;o<t.length;o++)t.slice(s,o)in e", "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e"),
    ("n[a]&&a<t.length-1&&(i[s++]=a)", "n[a]&&a<t.length&&(i[s++]=a)"),
]


def repair(site_dir: Path) -> list[str]:
    """Fix the worker(s) under site_dir in place; returns the workers that did not match."""
    unmatched = []
    for worker in sorted(Path(site_dir).glob(WORKERS)):
        code = worker.read_text(encoding="utf-8")
        fixed = code
        for wrong, right in REPAIRS:
            if fixed.count(wrong) == 1:
                fixed = fixed.replace(wrong, right)
            elif right not in fixed:
                unmatched.append(str(worker))
                break
        if fixed != code:
            worker.write_text(fixed, encoding="utf-8")
    return unmatched
