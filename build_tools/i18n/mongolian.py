"""Dates, numbers and lists in traditional Mongolian script (Inner Mongolia's written Mongolian).

CLDR, so Babel, has no data for `mn_Mong`: it gives month names "M06", and plain `mn` is
Cyrillic, the script of Mongolia. This writes what a page needs itself:

- a day: ``2024 ᠣᠨ ᠤ ᠵᠢᠷᠭᠤᠳᠤᠭᠠᠷ ᠰᠠᠷ᠎ᠠ ᠶᠢᠨ 5`` (year, the genitive "of the year", the month's
  ordinal name and its genitive, the day); a month ``2024 ᠣᠨ ᠤ ᠵᠢᠷᠭᠤᠳᠤᠭᠠᠷ ᠰᠠᠷ᠎ᠠ``;
- ranges that name only what changes: ``… ᠰᠠᠷ᠎ᠠ ᠶᠢᠨ 10–12``, ``… ᠶᠢᠨ 28 – ᠳᠣᠯᠤᠳᠤᠭᠠᠷ ᠰᠠᠷ᠎ᠠ ᠶᠢᠨ 2``;
- clock times ``09:30`` (24 hours) and weekdays ``ᠭᠠᠷᠠᠭ ᠤᠨ ᠨᠢᠭᠡᠨ`` (Monday), weeks from Monday;
- numbers in Western digits by default, as Inner Mongolian government and news sites
  write them (see DESIGN.md); `digits("2024", MONGOLIAN_DIGITS)` gives ᠒᠐᠒᠔.

Orthography: a case suffix is written apart from its stem after U+202F NARROW NO-BREAK
SPACE (ᠣᠨ + NNBSP + ᠤ), so that it takes its suffix shapes and never starts a line;
a word-final separated a (ᠰᠠᠷ + U+180E MONGOLIAN VOWEL SEPARATOR + ᠠ) is spelt with MVS.
"""
from __future__ import annotations

from datetime import date, datetime, tzinfo

from .dates import day_in

NNBSP = "\u202f"  # before a case suffix
MVS = "\u180e"  # before a separated final a/e
MONGOLIAN_DIGITS = "᠐᠑᠒᠓᠔᠕᠖᠗᠘᠙"
WESTERN_DIGITS = "0123456789"

_MONTH = f"ᠰᠠᠷ{MVS}ᠠ"
# Month names: the ordinal of its number and "month" (ᠨᠢᠭᠡᠳᠦᠭᠡᠷ ᠰᠠᠷ᠎ᠠ, "first month").
MONTHS = tuple(f"{ordinal} {_MONTH}" for ordinal in (
    "ᠨᠢᠭᠡᠳᠦᠭᠡᠷ", "ᠬᠣᠶᠠᠳᠤᠭᠠᠷ", "ᠭᠤᠷᠪᠠᠳᠤᠭᠠᠷ", "ᠳᠥᠷᠪᠡᠳᠦᠭᠡᠷ", "ᠲᠠᠪᠤᠳᠤᠭᠠᠷ", "ᠵᠢᠷᠭᠤᠳᠤᠭᠠᠷ",
    "ᠳᠣᠯᠤᠳᠤᠭᠠᠷ", "ᠨᠠᠢᠮᠠᠳᠤᠭᠠᠷ", "ᠶᠢᠰᠦᠳᠦᠭᠡᠷ", "ᠠᠷᠪᠠᠳᠤᠭᠠᠷ", "ᠠᠷᠪᠠᠨ ᠨᠢᠭᠡᠳᠦᠭᠡᠷ", "ᠠᠷᠪᠠᠨ ᠬᠣᠶᠠᠳᠤᠭᠠᠷ"))
# Weekdays, Monday first: "day one of the week" … "day of the week" (Sunday), as Inner
# Mongolia counts them; the short form is the number alone (as 一 … 日 in Chinese).
_WEEK = f"ᠭᠠᠷᠠᠭ{NNBSP}ᠤᠨ"
WEEKDAYS_SHORT = ("ᠨᠢᠭᠡᠨ", "ᠬᠣᠶᠠᠷ", "ᠭᠤᠷᠪᠠᠨ", "ᠳᠥᠷᠪᠡᠨ", "ᠲᠠᠪᠤᠨ", f"ᠵᠢᠷᠭᠤᠭ{MVS}ᠠ", "ᠡᠳᠦᠷ")
WEEKDAYS = tuple(f"{_WEEK} {short}" for short in WEEKDAYS_SHORT)
YEAR_OF = f"ᠣᠨ{NNBSP}ᠤ"  # "of the year"
MONTH_OF = f"{NNBSP}ᠶᠢᠨ"  # genitive after ᠰᠠᠷ᠎ᠠ (a vowel): "of the month"
DASH = "–"
# Names of languages and zones that pages show (CLDR's mn names are Cyrillic).
# Each ends in ᠬᠡᠯᠡ "language", so that the catalogue can attach suffixes after any of them.
LANGUAGE_NAMES = {"zh": "ᠬᠢᠲᠠᠳ ᠬᠡᠯᠡ", "en": "ᠠᠩᠭᠯᠢ ᠬᠡᠯᠡ", "mn": "ᠮᠣᠩᠭᠣᠯ ᠬᠡᠯᠡ"}
ZONE_NAMES = {"Asia/Shanghai": f"ᠪᠡᠭᠡᠵᠢᠩ{NNBSP}ᠦᠨ ᠴᠠᠭ"}  # Beijing time
# Punctuation: the Mongolian comma between list items and clauses, its colon after labels.
PUNCTUATION = {"list_separator": "᠂ ", "clause_separator": "᠂ ", "label_separator": "᠄ ",
               "sentence_separator": " ", "note_pattern": "{0} ({1})"}
FIRST_WEEK_DAY = 0  # Monday
# Search (Material's worker splits index and query alike with this separator): words end at
# spaces, NNBSP included, so a stem is found whatever case suffix follows it (ᠮᠣᠩᠭᠣᠯ in
# ᠮᠣᠩᠭᠣᠯ ᠤᠨ), and at Mongolian punctuation; MVS stays inside its word (ᠰᠠᠷ᠎ᠠ is one word).
SEARCH = {"separator": "[\\s\\u200b\\u202f\\-\\u1802\\u1803\\u1804\\u1808\\u1809]+"}


def digits(text: str, table: str = WESTERN_DIGITS) -> str:
    """Western digits of a text written with the given ten digits (the others left alone)."""
    return text.translate({ord(w): d for w, d in zip(WESTERN_DIGITS, table)})


class MongolianDates:
    """The same questions as i18n.dates.CldrDates answers with CLDR, in Mongolian script."""

    first_week_day = FIRST_WEEK_DAY
    cldr = False  # CLDR's names for this locale are in another script: never fall back to them
    punctuation = PUNCTUATION
    search = SEARCH

    def __init__(self, table: str = WESTERN_DIGITS):
        self.table = table

    def number(self, value: int) -> str:
        return digits(str(value), self.table)

    def month_title(self, year: int, month: int) -> str:
        """2024 ᠣᠨ ᠤ ᠵᠢᠷᠭᠤᠳᠤᠭᠠᠷ ᠰᠠᠷ᠎ᠠ"""
        return f"{self.number(year)} {YEAR_OF} {MONTHS[month - 1]}"

    def month_day(self, month: int, day: int) -> str:
        """ᠵᠢᠷᠭᠤᠳᠤᠭᠠᠷ ᠰᠠᠷ᠎ᠠ ᠶᠢᠨ 5"""
        return f"{MONTHS[month - 1]}{MONTH_OF} {self.number(day)}"

    def day(self, value: date) -> str:
        """2024 ᠣᠨ ᠤ ᠵᠢᠷᠭᠤᠳᠤᠭᠠᠷ ᠰᠠᠷ᠎ᠠ ᠶᠢᠨ 5"""
        return f"{self.number(value.year)} {YEAR_OF} {self.month_day(value.month, value.day)}"

    def time(self, moment: datetime) -> str:
        return self.number_text(f"{moment.hour:02d}:{moment.minute:02d}")

    def number_text(self, text: str) -> str:
        return digits(text, self.table)

    def weekday(self, value: int, short: bool = False) -> str:
        """Monday is 0, as date.weekday() counts."""
        return (WEEKDAYS_SHORT if short else WEEKDAYS)[value]

    def days(self, first: date, last: date) -> str:
        """A range of days that names only what changes between them."""
        if first == last:
            return self.day(first)
        if first.year != last.year:
            return f"{self.day(first)} {DASH} {self.day(last)}"
        if first.month != last.month:
            return f"{self.day(first)} {DASH} {self.month_day(last.month, last.day)}"
        return f"{self.day(first)}{DASH}{self.number(last.day)}"

    def moments(self, first: datetime, last: datetime | None) -> str:
        """A timed range: the day with both clock times, or each day with its own time."""
        t0 = self.time(first)
        if last is None:
            return f"{self.day(first.date())} {t0}"
        t1 = self.time(last)
        if first.date() == last.date():
            return f"{self.day(first.date())} {t0}{DASH}{t1}"
        end = self.day(last.date()) if first.year != last.year else self.month_day(last.month, last.day)
        return f"{self.day(first.date())} {t0} {DASH} {end} {t1}"

    # what a Language asks, as CldrDates answers it
    def format_day(self, value, tz: tzinfo) -> str:
        return self.day(day_in(value, tz))

    def format_range(self, start, end, tz: tzinfo) -> str:
        if isinstance(start, datetime):
            return self.moments(start.astimezone(tz), end.astimezone(tz) if end is not None else None)
        return self.days(day_in(start, tz), day_in(end, tz) if end is not None else day_in(start, tz))

    def format_moment(self, moment: datetime, tz: tzinfo) -> str:
        return self.moments(moment.astimezone(tz), None)

    def month_label(self, year: int, month: int) -> str:
        return MONTHS[month - 1]

    def language_name(self, code: str) -> str | None:
        return LANGUAGE_NAMES.get(code)

    def zone_name(self, tz: tzinfo) -> str | None:
        return ZONE_NAMES.get(getattr(tz, "key", ""))
