"""Which days events cover, and the weeks of a month, in the site's time zone."""
from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta, tzinfo
from typing import Optional


def event_days(model, tz: tzinfo) -> tuple[date, date]:
    """The first and last day (both included) an event covers, as people there see them.

    A timed event that ends at midnight does not cover the day that starts then."""
    start, end = model.start, model.end
    if not isinstance(start, datetime):
        return start, end or start
    first = start.astimezone(tz).date()
    if end is None:
        return first, first
    local_end = end.astimezone(tz)
    last = local_end.date()
    if last > first and local_end.time() == datetime.min.time():
        last -= timedelta(days=1)
    return first, last


def last_day(model, tz: tzinfo) -> date:
    """The last day an event or a campaign covers, by the midnight rule of event_days.

    Until that day is over it is upcoming; then it is past (home, lists, calendars). An evening
    event ending at 00:00 is past the next morning; one ending at 00:30 covers that day, as the
    month grid shows it, and so stays upcoming until the day is over."""
    return event_days(model, tz)[1]


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def months(first: date, last: date) -> list[tuple[int, int]]:
    """Every (year, month) from first to last."""
    out = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        out.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def weeks(year: int, month: int, first_weekday: int) -> list[list[Optional[date]]]:
    """The weeks of a month as rows of seven days; days of other months are None.

    first_weekday: 0 for Monday … 6 for Sunday (the locale's first day of the week)."""
    cal = calendar.Calendar(first_weekday)
    return [[d if d.month == month else None for d in week] for week in cal.monthdatescalendar(year, month)]


def weekday_order(first_weekday: int) -> list[int]:
    """Weekday numbers (0 = Monday) in the order the columns show them."""
    return [(first_weekday + n) % 7 for n in range(7)]


def next_theme_day(observances, today: date):
    """(day, theme day) of the first theme day from today on (today included), or None.
    Within a year every yearly day comes round; a moving day counts where it is listed."""
    found = [(d, obs.slug, obs) for obs in observances for d in obs.days_between(today, today + timedelta(days=366))[:1]]
    if not found:
        return None
    day, _slug, obs = min(found, key=lambda f: (f[0], f[1]))
    return day, obs
