"""Repairs of the theme's own markup, applied to every finished HTML page.

Material for MkDocs prints a few things that the Nu HTML Checker or axe-core
reject. Rather than copying its templates to change one attribute, each repair
here is a narrow rewrite of the exact markup; a repair that stops matching
(after a theme upgrade) is caught by the browser and validity tests.
"""
from __future__ import annotations

import re

# `autocomplete` is not allowed on checkboxes (the drawer and search toggles).
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')
# The search dialog has no accessible name; it gets the search field's own label.
_SEARCH_DIALOG = re.compile(r'<div class="md-search" data-md-component="search" role="dialog">')
_SEARCH_LABEL = re.compile(r'<input\b[^>]*\bclass="md-search__input"[^>]*\baria-label="([^"]*)"')
# A label must point at a control: pages outside the navigation get the table of
# contents' label but not the checkbox it toggles.
_LABEL_FOR = re.compile(r'(<label\b[^>]*?)\s+for="([^"]*)"')
_ID = re.compile(r'\sid="([^"]*)"')


def repair(html: str) -> str:
    html = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    label = _SEARCH_LABEL.search(html)
    if label:
        html = _SEARCH_DIALOG.sub(
            f'<div class="md-search" data-md-component="search" role="dialog" aria-label="{label.group(1)}">', html, count=1)
    ids = set(_ID.findall(html))
    return _LABEL_FOR.sub(lambda m: m.group(0) if m.group(2) in ids else m.group(1), html)
