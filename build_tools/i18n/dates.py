"""Dates and ranges as each language writes them (CLDR data through Babel)."""
from __future__ import annotations

import re
from datetime import date, datetime, tzinfo
from functools import lru_cache

from babel import Locale
from babel.dates import (format_date, format_interval, format_skeleton, format_time, get_timezone_name,
                         match_skeleton, parse_pattern)

RANGE_SKELETON = "yMMMMd"  # year, month name in full, day: 10–12 August 2024
_FIELD = re.compile(r"'[^']*'|([A-Za-z])\1*")


def day_in(value, tz: tzinfo) -> date:
    """The day of a date, or of a moment in the zone."""
    return value.astimezone(tz).date() if isinstance(value, datetime) else value


# Babel formats slowly and many items share their dates: remember each answer.
@lru_cache(maxsize=4096)
def format_day(value, locale: str, tz: tzinfo) -> str:
    return format_date(day_in(value, tz), "long", locale=locale)


@lru_cache(maxsize=4096)
def format_range(start, end, locale: str, tz: tzinfo) -> str:
    """2024年8月10日至12日 / 10–12 August 2024; a timed event with its clock times in the
    zone: 2027年6月7日 20:00–22:00, and overnight 2027年6月7日 20:00至8日 02:00 /
    7 June 20:00 – 8 June 2027 02:00 (the zone's name is the Language's to add)."""
    first = day_in(start, tz)
    last = day_in(end, tz) if end is not None else first
    if not isinstance(start, datetime):
        return format_date(first, "long", locale=locale) if first == last else \
            date_interval(first, last, RANGE_SKELETON, locale)
    t0 = format_time(start.astimezone(tz), "HH:mm", locale=locale)
    if end is None:
        return f"{format_date(first, 'long', locale=locale)} {t0}"
    t1 = format_time(end.astimezone(tz), "HH:mm", locale=locale)
    if first == last:
        return f"{format_date(first, 'long', locale=locale)} {t0}–{t1}"
    return moment_interval(first, t0, last, t1, locale)


def moment_interval(first: date, t0: str, last: date, t1: str, locale: str) -> str:
    """Two days with a clock time each. Where CLDR's interval pattern starts with a whole
    date (Chinese: y年M月d日至d日), each time follows its part: 2027年6月7日 20:00至8日 02:00.
    Otherwise (English: d–d MMMM y) the two days are written out, the first without a
    repeated year: 7 June 20:00 – 8 June 2027 02:00."""
    loc = Locale.parse(locale)
    parts = _interval_parts(first, last, RANGE_SKELETON, loc)
    whole = _interval_parts(date(1, 1, 1), date(2, 1, 1), RANGE_SKELETON, loc)  # years differ: whole dates
    if parts is not None and whole is not None and parts[0].startswith(whole[1]) and parts[0] != whole[1]:
        wanted = _widths(RANGE_SKELETON)
        sep = parts[0][len(whole[1]):]
        return (f"{parse_pattern(_widen(whole[1], wanted)).apply(first, loc)} {t0}{parse_pattern(sep).apply(first, loc)}"
                f"{parse_pattern(_widen(parts[1], wanted)).apply(last, loc)} {t1}")
    day0 = format_skeleton("MMMMd", first, locale=locale) if first.year == last.year \
        else format_date(first, "long", locale=locale)
    sep = whole[0][len(whole[1]):] if whole is not None and whole[0].startswith(whole[1]) else " – "
    return f"{day0} {t0}{parse_pattern(sep).apply(first, loc)}{format_date(last, 'long', locale=locale)} {t1}"


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
    parts = _interval_parts(first, last, skeleton, loc)
    if parts is None:
        return format_interval(first, last, skeleton, locale=locale)
    wanted = _widths(skeleton)
    return "".join(parse_pattern(_widen(p, wanted)).apply(day, loc) for p, day in zip(parts, (first, last)))


def _interval_parts(first: date, last: date, skeleton: str, loc):
    """The two pattern halves CLDR gives for this interval, or None."""
    formats = loc.interval_formats
    matched = skeleton if skeleton in formats else match_skeleton(skeleton, formats)
    if not matched:
        return None
    for fld, differs in (("y", first.year != last.year), ("M", first.month != last.month), ("d", True)):
        if differs and fld in formats[matched]:
            return formats[matched][fld]
    return None


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


class CldrDates:
    """What calendar pages ask of a language's dates, from CLDR (Babel). The Mongolian
    writer (i18n/mongolian.py) answers the same questions where CLDR has no data."""

    def __init__(self, locale: str):
        self.locale = locale
        self.parsed = Locale.parse(locale)
        self.first_week_day = self.parsed.first_week_day
        self.punctuation = {}
        self.search = {}
        self.cldr = True

    def format_day(self, value, tz: tzinfo) -> str:
        return format_day(value, self.locale, tz)

    def format_range(self, start, end, tz: tzinfo) -> str:
        return format_range(start, end, self.locale, tz)

    def format_moment(self, moment: datetime, tz: tzinfo) -> str:
        return format_moment(moment, self.locale, tz)

    def month_title(self, year: int, month: int) -> str:
        return format_skeleton("yMMMM", date(year, month, 1), locale=self.parsed)

    def month_label(self, year: int, month: int) -> str:
        return format_skeleton("MMM", date(year, month, 1), locale=self.parsed)

    def month_day(self, month: int, day: int) -> str:
        return format_skeleton("MMMMd", date(2001, month, day), locale=self.parsed)

    def weekday(self, value: int, short: bool = False) -> str:
        return self.parsed.days["format"]["abbreviated" if short else "wide"][value]

    def language_name(self, code: str):
        return None

    def zone_name(self, tz: tzinfo):
        return None
