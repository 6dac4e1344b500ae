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
    # The page script fetches a sitemap.xml beside every <link rel=alternate> (meant for links
    # to language roots, for a language selector we do not use: our switch links pages
    # directly). Feed links made it request feeds/sitemap.xml (404) on every page; the per-page
    # hreflang links hold site_url's host, another host in a preview. It takes no link now.
    Repair("assets/javascripts/bundle.*.min.js",
           'e.pipe(b(()=>M("link[rel=alternate]"))', "e.pipe(b(()=>[])",
           "language sitemaps fetched beside link[rel=alternate]"),
    # No code path of the shipped script may request another host (readers in mainland China,
    # no third-party requests): a ResizeObserver polyfill and Mermaid from unpkg.com, and the
    # repository facts from GitHub's or GitLab's API. Browsers without ResizeObserver go
    # without the features that need it; Mermaid is not shipped; we show no repository.
    Repair("assets/javascripts/bundle.*.min.js",
           'Ia=H(()=>typeof ResizeObserver=="undefined"?_t("https://unpkg.com/resize-observer-polyfill"):$(void 0))',
           "Ia=H(()=>$(void 0))", "ResizeObserver polyfill from unpkg.com"),
    Repair("assets/javascripts/bundle.*.min.js",
           'function as(){return typeof mermaid=="undefined"||mermaid instanceof Element?'
           '_t("https://unpkg.com/mermaid@11/dist/mermaid.min.js"):$(void 0)}',
           "function as(){return $(void 0)}", "Mermaid from unpkg.com"),
    Repair("assets/javascripts/bundle.*.min.js",
           "function Hi(e){let t=e.match(/^.+github", "function Hi(e){return y;let t=e.match(/^.+github",
           "repository facts from GitHub or GitLab"),
    # ...whose addresses then stay in dead code: removed, so that no host is named at all.
    Repair("assets/javascripts/bundle.*.min.js", "let r=`https://api.github.com/repos/${e}/${t}`;",
           "let r=`/${e}/${t}`;", "GitHub API address (repositories)"),
    Repair("assets/javascripts/bundle.*.min.js", "let r=`https://api.github.com/users/${e}`;",
           "let r=`/${e}`;", "GitHub API address (users)"),
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
