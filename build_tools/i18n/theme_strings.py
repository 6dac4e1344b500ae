"""Material's interface strings a reader sees, for a language Material has no strings for.

Material's `partials/languages/mn.html` is Mongolian in Cyrillic, the script of Mongolia; a
language like traditional Mongolian borrows another language's strings (`theme_language`)
and takes those listed here from our catalogue instead, so the search box, "skip to
content" and "back to top" are in its own script. The msgids are Material's English.
"""
from __future__ import annotations


def _(text: str) -> str:
    """Marks a msgid for extraction (pybabel); the catalogue translates it per language."""
    return text


# Material's key -> its English string.
THEME_STRINGS = {
    "action.skip": _("Skip to content"),
    "clipboard.copy": _("Copy to clipboard"),
    "clipboard.copied": _("Copied to clipboard"),
    "footer": _("Footer"),
    "footer.next": _("Next"),
    "footer.previous": _("Previous"),
    "header": _("Header"),
    "nav": _("Navigation"),
    "search": _("Search"),
    "search.placeholder": _("Search"),
    "search.share": _("Share"),
    "search.reset": _("Clear"),
    "search.result.initializer": _("Initializing search"),
    "search.result.placeholder": _("Type to start searching"),
    "search.result.none": _("No matching documents"),
    "search.result.one": _("1 matching document"),
    "search.result.other": _("# matching documents"),
    "search.result.more.one": _("1 more on this page"),
    "search.result.more.other": _("# more on this page"),
    "search.result.term.missing": _("Missing"),
    "select.language": _("Select language"),
    "tabs": _("Tabs"),
    "toc": _("Table of contents"),
    "top": _("Back to top"),
}


def theme_strings(lang) -> dict:
    """Material's strings from our catalogue, for a language that borrows another's
    (its theme_language is not itself); none for one Material speaks."""
    if lang.theme_language == lang.code:
        return {}
    return {key: lang.gettext(msgid) for key, msgid in THEME_STRINGS.items()}
