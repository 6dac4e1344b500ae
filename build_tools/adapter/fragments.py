"""Our templates' HTML blocks kept out of Markdown's way. A generated page is mostly HTML
that our templates made (headers, facts, cards, structured data); Markdown would parse
every tag of it only to pass it through unchanged, which took a third of its time. Each
such block is swapped for a comment that names it by its hash before Markdown runs, and
put back, as it was, before the raw-HTML policy reads the page."""
from __future__ import annotations

import hashlib


def _placeholder(fragment: str) -> str:
    return f"<!--campaign-fragment:{hashlib.sha256(fragment.encode('utf-8')).hexdigest()[:24]}-->"


def swap(markdown: str, fragments) -> tuple[str, dict]:
    """The Markdown with each fragment that stands as a block of its own (whole lines)
    replaced by its placeholder, and {placeholder: fragment}."""
    swapped, markdown = {}, f"\n{markdown}\n"
    for fragment in sorted({f for f in fragments if f.startswith("<")}, key=len, reverse=True):
        block = f"\n{fragment}\n"
        if block in markdown:
            mark = _placeholder(fragment)
            markdown = markdown.replace(block, f"\n{mark}\n")
            swapped[mark] = fragment
    return markdown[1:-1], swapped


def restore(html: str, swapped: dict) -> str:
    for mark, fragment in swapped.items():
        html = html.replace(mark, fragment)
    return html
