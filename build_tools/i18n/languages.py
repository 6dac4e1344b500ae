"""The site's languages: what each is called, where its pages live, how it writes.

Every language is configuration (`languages` and `language_options` of the plugin in
mkdocs.yml); nothing else in build_tools names a particular language. DEFAULTS holds
what CLDR does not say for the two languages the site started with; everything here is
overridable per language. Other modules ask `language(settings, code)` (or iterate
`Site.languages`) for a `Language` and use it for URLs, tags, interface strings, dates,
lists and the site's name, so that a new language needs no code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Optional
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError

from ..core import urls
from .catalogues import translations
from .descriptions import clip
from .dates import CldrDates, zone_name
from .mongolian import MONGOLIAN_DIGITS, WESTERN_DIGITS, MongolianDates

# What each language's configuration starts from (mkdocs.yml's language_options win).
# tag: the one BCP 47 tag of <html lang>, hreflang, JSON-LD, Atom and JSON Feed.
# zone_names: a zone as readers name it, where CLDR's name is not what they say.
DEFAULTS = {
    "zh": {"locale": "zh_Hans_CN", "tag": "zh-CN", "clause_separator": "，", "label_separator": "：",
           "sentence_separator": "", "note_pattern": "{0}（{1}）", "zone_names": {"Asia/Shanghai": "北京时间"},
           "description_length": 80},
    "en": {"locale": "en_GB", "tag": "en", "zone_names": {"Asia/Shanghai": "Beijing time, UTC+8"}},
}
# For any language: how its text is punctuated where CLDR has no pattern.
PUNCTUATION = {"clause_separator": ", ", "label_separator": ": ", "sentence_separator": " ",
               "note_pattern": "{0} ({1})"}
WRITING_MODES = ("horizontal-tb", "vertical-lr", "vertical-rl")
# Who writes a language's dates: CLDR through Babel, or our own writer for a script CLDR
# has no dates for (the default for a locale in that script; option `dates`).
DATE_WRITERS = ("cldr", "mongolian")
SCRIPT_WRITERS = {"Mong": "mongolian"}
DIGITS = {"western": WESTERN_DIGITS, "mongolian": MONGOLIAN_DIGITS}
# Search index settings for a language whose pages our indexer writes (Material's
# search worker reads them from the index file; see adapter/search_index.py).
SEARCH_DEFAULTS = {
    "lang": ["en"], "separator": r"[\s\u200b\-]+", "pipeline": ["stopWordFilter"],
    "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}},
}
_TAG = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")


@dataclass(frozen=True)
class Language:
    code: str  # as in file names (.en.md) and URLs (/en/)
    source: str  # the code of the site's source language
    locale: str  # CLDR locale for dates, lists and language names
    tag: str  # BCP 47: <html lang>, hreflang, JSON-LD inLanguage, Atom xml:lang, JSON Feed language
    og_locale: str  # Open Graph's form of the same (zh_CN, en_GB)
    name: str  # the language's name in itself, for the language switch
    theme_language: str  # Material's interface language (partials/languages/<x>.html)
    timezone: str = "Asia/Shanghai"  # the site's zone, in which this language shows times
    writing_mode: str = "horizontal-tb"
    direction: str = "ltr"
    site_name: str = ""
    site_description: str = ""
    catalogue: Optional[str] = None  # a site catalogue (.po) that adds to the built-in one
    list_separator: str = ", "  # between the items of a list (A、B、C)
    clause_separator: str = ", "  # between clauses of a sentence
    label_separator: str = ": "  # after a label (When: …)
    sentence_separator: str = " "  # between sentences (none in Chinese)
    note_pattern: str = "{0} ({1})"  # a text with a note after it: the time and its zone
    zone_names: tuple = ()  # (zone key, name readers use)
    description_length: int = 160  # characters of a page description that result pages show
    nav: tuple = ()  # (source nav label, label) for navigation sections
    search: tuple = field(default=())  # (key, value) for the search index configuration
    dates: str = "cldr"  # who writes its dates: one of DATE_WRITERS
    digits: str = "western"  # the digits our own date writer uses: one of DIGITS

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

    # interface strings: the site's catalogue over the built-in one
    @property
    def gettext(self):
        return translations(self.code, self.catalogue).gettext

    @property
    def ngettext(self):
        return translations(self.code, self.catalogue).ngettext

    # text
    def join(self, values) -> str:
        """Items of a list as this language separates them, without "and" (A、B、C / A, B, C)."""
        return self.list_separator.join(str(v) for v in values)

    def clauses(self, values) -> str:
        return self.clause_separator.join(str(v) for v in values)

    def label(self, label: str, value: str) -> str:
        return f"{label}{self.label_separator}{value}"

    # dates, in the site's zone unless told otherwise
    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def writer(self):
        """What writes this language's dates: CldrDates or MongolianDates."""
        return _writer(self.dates, self.locale, self.digits)

    def zone_name(self, tz=None) -> str:
        """The zone as readers name it: 北京时间, Beijing time, UTC+8; else CLDR's name."""
        tz = tz or self.tz
        own = dict(self.zone_names).get(getattr(tz, "key", "")) or self.writer.zone_name(tz)
        if own:
            return own
        return zone_name(tz, self.locale) if self.writer.cldr else getattr(tz, "key", "") or str(tz)

    def format_day(self, value, tz=None) -> str:
        return self.writer.format_day(value, tz or self.tz)

    # calendars: a month's name, a day of a month, weekdays in the order of its weeks
    @property
    def first_week_day(self) -> int:
        return self.writer.first_week_day

    def month_title(self, year: int, month: int) -> str:
        return self.writer.month_title(year, month)

    def month_label(self, year: int, month: int) -> str:
        return self.writer.month_label(year, month)

    def month_day(self, month: int, day: int) -> str:
        return self.writer.month_day(month, day)

    def weekday_headers(self, order) -> list[tuple[str, str]]:
        """(short, full) names of the weekdays in the given order (Monday is 0)."""
        return [(self.writer.weekday(d, short=True), self.writer.weekday(d)) for d in order]

    def format_range(self, start, end, tz=None) -> str:
        """Days as a range; a timed event's clock times with the zone's name:
        2027年6月7日 20:00至8日 02:00（北京时间） / 7 June 20:00 – 8 June 2027 02:00 (Beijing time, UTC+8)."""
        tz = tz or self.tz
        text = self.writer.format_range(start, end, tz)
        return self.note_pattern.format(text, self.zone_name(tz)) if isinstance(start, datetime) else text

    def format_moment(self, moment, tz=None) -> str:
        """2024年6月5日 09:30（北京时间） / 5 June 2024 09:30 (Beijing time, UTC+8)."""
        tz = tz or self.tz
        return self.note_pattern.format(self.writer.format_moment(moment, tz), self.zone_name(tz))

    def description(self, text: str) -> str:
        """A page description cut at a sentence or word within description_length."""
        return clip(text, self.description_length)

    def name_of(self, other: "Language") -> str:
        """The name of another language in this one (英语, Chinese)."""
        try:
            parsed = Locale.parse(other.locale)
            name = self.writer.language_name(parsed.language) or \
                (parsed.get_language_name(self.locale) if self.writer.cldr else None)
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
    site = (settings.site_name or "", settings.site_description or "")
    return _language(code, settings.source_language, _frozen(options), site, settings.timezone)


def languages(settings) -> list[Language]:
    """Every language of the site, the source language first."""
    return [language(settings, code) for code in settings.languages]


def split(settings, src: str) -> tuple[str, str]:
    """(language code, language-neutral path) of a page's source path."""
    return settings.split(src)


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


def og_locale(tag: str, parsed: Locale) -> str:
    """Open Graph's language_TERRITORY: the tag's region, else the locale's (zh-CN → zh_CN, en/en_GB → en_GB)."""
    parts = tag.split("-")
    region = next((p for p in parts[1:] if len(p) == 2 and p.isalpha()), None) or parsed.territory
    return f"{parts[0].lower()}_{region.upper()}" if region else parts[0].lower()


def _length(code: str, value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 20:
        raise ValueError(f"language {code}: description_length must be a whole number of at least 20, not {value!r}")
    return value


def _text(opts: dict, key: str) -> str:
    value = opts.get(key)
    return "" if value is None else str(value)


@lru_cache(maxsize=16)
def _writer(name: str, locale: str, digits: str):
    return MongolianDates(DIGITS[digits]) if name == "mongolian" else CldrDates(locale)


def _choice(code: str, key: str, value, choices) -> str:
    if value not in choices:
        raise ValueError(f"language {code}: {key} must be one of {', '.join(choices)}, not {value!r}")
    return value


@lru_cache(maxsize=64)
def _language(code: str, source: str, options: tuple, site: tuple, timezone: str) -> Language:
    own = dict(options)
    locale = str(own.get("locale") or DEFAULTS.get(code, {}).get("locale") or code)
    try:
        parsed = Locale.parse(locale)
    except (UnknownLocaleError, ValueError) as exc:
        raise ValueError(f"language {code}: unknown locale {locale!r}") from exc
    dates = _choice(code, "dates", own.get("dates") or SCRIPT_WRITERS.get(parsed.script or "", "cldr"), DATE_WRITERS)
    digits = _choice(code, "digits", own.get("digits") or "western", tuple(DIGITS))
    writer = _writer(dates, locale, digits)
    opts = {**PUNCTUATION, **writer.punctuation, **DEFAULTS.get(code, {}), **own}
    try:
        native = writer.language_name(parsed.language) or (parsed.get_language_name(locale) if writer.cldr else None)
        direction = "rtl" if parsed.character_order == "right-to-left" else "ltr"
        middle = str((parsed.list_patterns.get("standard") or {}).get("middle") or "{0}, {1}")
    except (UnknownLocaleError, ValueError) as exc:
        raise ValueError(f"language {code}: unknown locale {locale!r}") from exc
    mode = str(opts.get("writing_mode") or "horizontal-tb")
    if mode not in WRITING_MODES:
        raise ValueError(f"language {code}: writing_mode must be one of {', '.join(WRITING_MODES)}, not {mode!r}")
    # `hreflang` is the option's earlier name.
    tag = str(own.get("tag") or own.get("hreflang") or opts.get("tag") or code)
    if not _TAG.match(tag):
        raise ValueError(f"language {code}: tag must be a BCP 47 language tag such as zh-CN, not {tag!r}")
    for key in ("note_pattern",):
        try:
            _text(opts, key).format("", "")
        except (IndexError, KeyError, ValueError) as exc:
            raise ValueError(f"language {code}: {key} must hold {{0}} and {{1}}, not {opts[key]!r}") from exc
    nav = dict(opts.get("nav") or ())
    search = {**writer.search, **{k: _thawed(v) for k, v in dict(opts.get("search") or ()).items()}}
    zones = {str(k): str(v) for k, v in dict(opts.get("zone_names") or ()).items()}
    site_name, site_description = site
    return Language(
        code=code,
        source=source,
        locale=locale,
        tag=tag,
        og_locale=str(opts.get("og_locale") or og_locale(tag, parsed)),
        name=str(opts.get("name") or native or code),
        theme_language=str(opts.get("theme_language") or code),
        timezone=timezone,
        writing_mode=mode,
        direction=str(opts.get("direction") or direction),
        # A language without its own name for the site is given the source language's.
        site_name=str(opts.get("site_name") or site_name),
        site_description=str(opts.get("site_description") or site_description),
        catalogue=opts.get("catalogue"),
        list_separator=str(opts.get("list_separator") or middle.replace("{0}", "").replace("{1}", "")),
        clause_separator=_text(opts, "clause_separator"),
        label_separator=_text(opts, "label_separator"),
        sentence_separator=_text(opts, "sentence_separator"),
        description_length=_length(code, opts.get("description_length", 160)),
        note_pattern=_text(opts, "note_pattern"),
        zone_names=tuple(sorted(zones.items())),
        nav=tuple(sorted((str(k), str(v)) for k, v in nav.items())),
        search=tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in search.items())),
        dates=dates,
        digits=digits,
    )
