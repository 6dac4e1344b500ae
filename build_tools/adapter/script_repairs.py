"""Repairs of the theme's built JavaScript, for faults that only a browser shows.

Each repair is an exact rewrite of the minified code of the pinned Material release,
applied to the copy in the built site. When the theme changes (an upgrade), a pattern no
longer matches and `repair` names the file; the browser tests check the behaviour itself.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Repair:
    files: str  # glob under the site folder
    wrong: str
    right: str
    why: str


REPAIRS = [
    # The search worker splits a run of Chinese characters into the words its index knows,
    # but never tries a word that ends the run: 生态文学 was searched as 生态 alone.
    Repair("assets/javascripts/workers/search.*.min.js",
           "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e", "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e",
           "Chinese query: last word dropped"),
    Repair("assets/javascripts/workers/search.*.min.js",
           "n[a]&&a<t.length-1&&(i[s++]=a)", "n[a]&&a<t.length&&(i[s++]=a)",
           "Chinese query: last one-character word dropped"),
    # The page script takes every <link rel=alternate> for another language of the site and
    # fetches a sitemap.xml beside it; the feed links made it request feeds/sitemap.xml (404)
    # on every page. Languages are the alternates with hreflang.
    Repair("assets/javascripts/bundle.*.min.js",
           'M("link[rel=alternate]")', 'M("link[rel=alternate][hreflang]")',
           "feed links taken for language versions"),
]


def repair(site_dir: Path) -> list[str]:
    """Apply every repair in place; returns "file: why" for each that did not match."""
    unmatched = []
    for rule in REPAIRS:
        files = sorted(Path(site_dir).glob(rule.files))
        if not files:
            unmatched.append(f"{rule.files}: {rule.why}")
        for file in files:
            code = file.read_text(encoding="utf-8")
            if code.count(rule.wrong) == 1:
                file.write_text(code.replace(rule.wrong, rule.right), encoding="utf-8")
            elif rule.right not in code:
                unmatched.append(f"{file}: {rule.why}")
    return unmatched
