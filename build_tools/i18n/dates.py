"""Dates and ranges as each language writes them (CLDR data through Babel)."""
from __future__ import annotations

import re
from datetime import date, datetime, tzinfo
from functools import lru_cache

from babel import Locale
from babel.dates import format_date, format_interval, format_time, get_timezone_name, match_skeleton, parse_pattern

RANGE_SKELETON = "yMMMMd"  # year, month name in full, day: 10–12 August 2024
_FIELD = re.compile(r"'[^']*'|([A-Za-z])\1*")


def _day(value, tz: tzinfo) -> date:
    return value.astimezone(tz).date() if isinstance(value, datetime) else value


# Babel formats slowly and many items share their dates: remember each answer.
@lru_cache(maxsize=4096)
def format_day(value, locale: str, tz: tzinfo) -> str:
    return format_date(_day(value, tz), "long", locale=locale)


@lru_cache(maxsize=4096)
def format_range(start, end, locale: str, tz: tzinfo) -> str:
    """2024年8月10日至12日 / 10–12 August 2024; times in the site's zone, with its name."""
    first = _day(start, tz)
    last = _day(end, tz) if end is not None else first
    text = format_date(first, "long", locale=locale) if first == last else \
        date_interval(first, last, RANGE_SKELETON, locale)
    if isinstance(start, datetime):
        t0 = format_time(start.astimezone(tz), "HH:mm", locale=locale)
        if end is not None and first == last:
            t0 = f"{t0}–{format_time(end.astimezone(tz), 'HH:mm', locale=locale)}"
        text = f"{text} {t0}"
    return text


def format_moment(moment: datetime, locale: str, tz: tzinfo) -> str:
    """A moment as a day and a clock time in the zone: 2024年6月5日 09:30 / 5 June 2024 09:30."""
    local = moment.astimezone(tz)
    return f"{format_date(local.date(), 'long', locale=locale)} {format_time(local, 'HH:mm', locale=locale)}"


def zone_name(tz: tzinfo, locale: str) -> str:
    """CLDR's name of a zone in a language; its key where the locale's data has none."""
    try:
        return get_timezone_name(tz, locale=locale)
    except (KeyError, LookupError, ValueError):  # e.g. a locale whose territory names are missing
        return getattr(tz, "key", "") or str(tz)


def date_interval(first: date, last: date, skeleton: str, locale: str) -> str:
    """An interval of days with CLDR's interval patterns.

    Where the locale has no pattern for the skeleton, Babel takes the closest one
    (en_GB: yMMMd for yMMMMd) but leaves out the step of CLDR's matching that
    widens its fields to the requested width (UTS #35, "adjust field widths"), and
    prints "10–12 Aug 2024". This does that step for text fields (MMM → MMMM).
    """
    loc = Locale.parse(locale)
    formats = loc.interval_formats
    matched = skeleton if skeleton in formats else match_skeleton(skeleton, formats)
    if not matched:
        return format_interval(first, last, skeleton, locale=locale)
    parts = None
    for fld, differs in (("y", first.year != last.year), ("M", first.month != last.month), ("d", True)):
        if differs and fld in formats[matched]:
            parts = formats[matched][fld]
            break
    if parts is None:
        return format_interval(first, last, skeleton, locale=locale)
    wanted = _widths(skeleton)
    return "".join(parse_pattern(_widen(p, wanted)).apply(day, loc) for p, day in zip(parts, (first, last)))


def _widths(skeleton: str) -> dict:
    return {m.group(1): len(m.group(0)) for m in _FIELD.finditer(skeleton) if m.group(1)}


def _widen(pattern: str, wanted: dict) -> str:
    def repl(match):
        letter = match.group(1)
        width = wanted.get(letter)
        text = match.group(0)
        # Only text fields change width; numeric ones (M, MM, d) keep the locale's choice.
        if letter and width and width >= 3 and len(text) >= 3:
            return letter * width
        return text
    return _FIELD.sub(repl, pattern)
