"""Interface strings of our templates, from gettext catalogues (Babel), per language."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from io import BytesIO

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

DOMAIN = "messages"


@lru_cache(maxsize=None)
def translations(lang: str) -> NullTranslations:
    """The catalogue of a language; English msgids stand for themselves."""
    po = resources.files(__package__).joinpath("locale", lang, "LC_MESSAGES", f"{DOMAIN}.po")
    if not po.is_file():
        return NullTranslations()
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)
