"""The site's languages: what each is called, where its pages live, how it writes.

Every language is configuration (`languages` and `language_options` of the plugin in
mkdocs.yml); nothing here names a particular language except the defaults for the two
the site started with. Other modules ask `language(settings, code)` for a `Language`
and use it for URLs, interface strings and dates, so that a new language needs no code.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from babel import Locale, UnknownLocaleError

from ..core import urls
from .dates import format_day, format_range
from .catalogues import translations

# Defaults for languages the configuration does not describe.
DEFAULTS = {
    "zh": {"locale": "zh_Hans_CN", "hreflang": "zh-Hans"},
    "en": {"locale": "en_GB", "hreflang": "en"},
}
WRITING_MODES = ("horizontal-tb", "vertical-lr", "vertical-rl")
# Search index settings for a language whose pages our indexer writes (Material's
# search worker reads them from the index file; see search_index.py).
SEARCH_DEFAULTS = {
    "lang": ["en"], "separator": r"[\s\u200b\-]+", "pipeline": ["stopWordFilter"],
    "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}},
}


@dataclass(frozen=True)
class Language:
    code: str  # as in file names (.en.md) and URLs (/en/)
    source: str  # the code of the site's source language
    locale: str  # CLDR locale for dates and language names
    hreflang: str  # BCP 47 tag for <html lang> and hreflang
    name: str  # the language's name in itself, for the language switch
    theme_language: str  # Material's interface language (partials/languages/<x>.html)
    writing_mode: str = "horizontal-tb"
    direction: str = "ltr"
    site_name: str = ""
    site_description: str = ""
    catalogue: Optional[str] = None  # a site catalogue (.po) that adds to the built-in one
    nav: tuple = ()  # (source nav label, label) for navigation sections
    search: tuple = field(default=())  # (key, value) for the search index configuration

    @property
    def is_source(self) -> bool:
        return self.code == self.source

    @property
    def prefix(self) -> str:
        """Where this language's pages live in the site: "" or "en/"."""
        return urls.lang_prefix(self.code, self.source)

    def src(self, path: str) -> str:
        """The source path of a page in this language, from its language-neutral path."""
        return f"{self.prefix}{path}"

    def url(self, path: str) -> str:
        """The URL (relative to the site root) of a page in this language."""
        return urls.page_url(self.src(path))

    @property
    def gettext(self):
        return translations(self.code, self.catalogue).gettext

    @property
    def ngettext(self):
        return translations(self.code, self.catalogue).ngettext

    def format_day(self, value, tz) -> str:
        return format_day(value, self.locale, tz)

    def format_range(self, start, end, tz) -> str:
        return format_range(start, end, self.locale, tz)

    def name_of(self, other: "Language") -> str:
        """The name of another language in this one (英语, Chinese)."""
        try:
            name = Locale.parse(other.locale).get_language_name(self.locale)
        except (UnknownLocaleError, ValueError):
            name = None
        return name or other.name

    def nav_label(self, label: str) -> Optional[str]:
        return dict(self.nav).get(label)

    def search_config(self) -> dict:
        own = {k: list(v) if isinstance(v, tuple) else v for k, v in self.search}
        return {**SEARCH_DEFAULTS, **own}


def language(settings, code: str) -> Language:
    """The Language of a configured language code."""
    if code not in settings.languages:
        raise KeyError(f"{code!r} is not one of the site's languages {settings.languages}")
    options = dict(settings.language_options.get(code) or {})
    if options.get("catalogue"):
        options["catalogue"] = str((settings.root / str(options["catalogue"])).resolve())
    return _language(code, settings.source_language, _frozen(options))


def languages(settings) -> list[Language]:
    """Every language of the site, the source language first."""
    return [language(settings, code) for code in settings.languages]


def split(settings, src: str) -> tuple[str, str]:
    """(language code, language-neutral path) of a page's source path."""
    head, _, rest = src.partition("/")
    if rest and head in settings.languages and head != settings.source_language:
        return head, rest
    return settings.source_language, src


def _frozen(value):
    if isinstance(value, dict):
        return tuple(sorted((str(k), _frozen(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value


def _thawed(value):
    if isinstance(value, tuple):
        return [_thawed(v) for v in value]
    return value


@lru_cache(maxsize=None)
def _language(code: str, source: str, options: tuple) -> Language:
    opts = {**DEFAULTS.get(code, {}), **dict(options)}
    locale = str(opts.get("locale") or code)
    try:
        parsed = Locale.parse(locale)
        native = parsed.get_language_name(locale)
        direction = "rtl" if parsed.character_order == "right-to-left" else "ltr"
    except (UnknownLocaleError, ValueError) as exc:
        raise ValueError(f"language {code}: unknown locale {locale!r}") from exc
    mode = str(opts.get("writing_mode") or "horizontal-tb")
    if mode not in WRITING_MODES:
        raise ValueError(f"language {code}: writing_mode must be one of {', '.join(WRITING_MODES)}, not {mode!r}")
    nav = dict(opts.get("nav") or ())
    search = {k: _thawed(v) for k, v in dict(opts.get("search") or ()).items()}
    return Language(
        code=code,
        source=source,
        locale=locale,
        hreflang=str(opts.get("hreflang") or code),
        name=str(opts.get("name") or native or code),
        theme_language=str(opts.get("theme_language") or code),
        writing_mode=mode,
        direction=str(opts.get("direction") or direction),
        site_name=str(opts.get("site_name") or ""),
        site_description=str(opts.get("site_description") or ""),
        catalogue=opts.get("catalogue"),
        nav=tuple(sorted((str(k), str(v)) for k, v in nav.items())),
        search=tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in search.items())),
    )
