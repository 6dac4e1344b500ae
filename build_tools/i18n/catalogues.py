"""Interface strings of our templates, from gettext catalogues (Babel), per language."""
from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources
from io import BytesIO
from pathlib import Path
from typing import Optional

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

DOMAIN = "messages"


def builtin_catalogue(lang: str):
    """The package's own catalogue file of a language (a Traversable), or None."""
    po = resources.files(__package__).joinpath("locale", lang, "LC_MESSAGES", f"{DOMAIN}.po")
    return po if po.is_file() else None


def read_catalogue(lang: str, site_po: Optional[str] = None) -> Optional[Catalog]:
    """The built-in catalogue of a language, with a site's own catalogue laid over it."""
    catalog = None
    builtin = builtin_catalogue(lang)
    if builtin is not None:
        with builtin.open("rb") as handle:
            catalog = read_po(handle, locale=lang)
    if site_po:
        with Path(site_po).open("rb") as handle:
            site = read_po(handle, locale=lang)
        if catalog is None:
            catalog = site
        else:
            for message in site:
                if message.id and message.string:
                    # Catalog[...] = merges into a message it has and keeps the old string.
                    known = catalog.get(message.id, message.context)
                    if known is not None:
                        known.string = message.string
                    else:
                        catalog[message.id] = message
    return catalog


def stamp(site_po: Optional[str]) -> Optional[tuple]:
    """What identifies a version of a site catalogue: an edit changes it, so that a long
    `mkdocs serve` reads the edited file on its next build."""
    if not site_po:
        return None
    try:
        info = os.stat(site_po)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size)


def translations(lang: str, site_po: Optional[str] = None) -> NullTranslations:
    """The catalogue of a language; English msgids stand for themselves."""
    return _translations(lang, site_po, stamp(site_po))


# A few languages, each with at most a couple of versions of its site catalogue alive.
@lru_cache(maxsize=32)
def _translations(lang: str, site_po: Optional[str], _stamp) -> NullTranslations:
    catalog = read_catalogue(lang, site_po)
    if catalog is None:
        return NullTranslations()
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)


# A translator comment that Babel (`pybabel update`) and GNU msgmerge keep: no native reader
# has checked the string yet. Unlike the `fuzzy` flag it leaves the string in use (compilers
# drop fuzzy strings, and the page would fall back to English).
UNREVIEWED = "review: unreviewed"


def _pending(message) -> bool:
    return bool(message.id) and (message.fuzzy or any(c.strip() == UNREVIEWED for c in message.user_comments))


def unreviewed(lang: str, site_po: Optional[str] = None) -> list[tuple[str, str]]:
    """(catalogue, msgid) of every interface string of a language that no native reader has
    reviewed yet: marked `# review: unreviewed` (or fuzzy) where its translation comes from."""
    found = []
    site = None
    if site_po:
        with Path(site_po).open("rb") as handle:
            site = read_po(handle, locale=lang)
    builtin = builtin_catalogue(lang)
    if builtin is not None:
        with builtin.open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        for message in catalog:
            own = site.get(message.id, message.context) if site is not None else None
            if _pending(message) and not (own is not None and own.string):
                found.append((f"build_tools/i18n/locale/{lang}/LC_MESSAGES/{DOMAIN}.po", _first(message.id)))
    if site is not None:
        found += [(str(site_po), _first(m.id)) for m in site if _pending(m) and m.string]
    return found


def _first(msgid) -> str:
    return msgid[0] if isinstance(msgid, tuple) else msgid
