"""Dates and ranges as each language writes them (CLDR data through Babel)."""
from __future__ import annotations

from datetime import date, datetime, tzinfo

from babel.dates import format_date, format_interval, format_time


def _day(value, tz: tzinfo) -> date:
    return value.astimezone(tz).date() if isinstance(value, datetime) else value


def format_day(value, locale: str, tz: tzinfo) -> str:
    return format_date(_day(value, tz), "long", locale=locale)


def format_range(start, end, locale: str, tz: tzinfo) -> str:
    """2024年8月10日至12日 / 10–12 August 2024; times in the site's zone, with its name."""
    first = _day(start, tz)
    last = _day(end, tz) if end is not None else first
    text = format_date(first, "long", locale=locale) if first == last else \
        format_interval(first, last, "yMMMMd", locale=locale)
    if isinstance(start, datetime):
        t0 = format_time(start.astimezone(tz), "HH:mm", locale=locale)
        if end is not None and first == last:
            t0 = f"{t0}–{format_time(end.astimezone(tz), 'HH:mm', locale=locale)}"
        text = f"{text} {t0}"
    return text
