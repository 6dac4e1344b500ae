"""Generated blocks in hand-written pages. A page holds a marker such as
`<!-- campaigns:home -->`; the build replaces it with the block of that name in the page's
language (`home.en`), else with the source language's (`home`), and puts the page's notice
(an outdated translation, say) on top. Only the page configured for a block gets it
(core/blocks.py); a marker elsewhere stays a comment, which the raw-HTML policy reports."""
from __future__ import annotations

from ..core.blocks import MARKER, MARKER_START, allowed


def block_name(name: str, lang) -> str:
    """The name of a block in a language (a `Language`): `home`, `home.en`."""
    return name if lang.is_source else f"{name}.{lang.code}"


def has_markers(text: str) -> bool:
    return MARKER_START in text


def fill(markdown: str, lang: str, blocks: dict, notice: str = "", page: str = "") -> tuple[str, list[str]]:
    """The page's Markdown with its blocks and notice, and the HTML put in: our templates
    made it, so the raw-HTML policy trusts it (see safety/html_policy.py). `page` is the
    page's language-neutral path in docs/ (`index.md` for `en/index.md`)."""
    inserted = []
    for name, html in blocks.items():
        base = name[: -len(lang) - 1] if name.endswith(f".{lang}") else name
        marker = MARKER.format(name=base)
        if not allowed(base, page):
            continue
        if marker in markdown and (name.endswith(f".{lang}") or f"{base}.{lang}" not in blocks):
            markdown = markdown.replace(marker, html)
            inserted.append(html)
    if notice:
        markdown = f"{notice}\n\n{markdown}"
        inserted.append(notice)
    return markdown, inserted
