"""Dates and times as editors write them in Chinese, turned into the form the site reads.

`2026/12/2`, `2026年12月2日`, `2026.12.2`, full-width digits, `下午3点`: refused (a
guess could publish the wrong day), but the message shows the editor's own value
written the right way when it can be read without doubt.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Optional

_DATE = re.compile(r"(?:(?P<y>\d{4})\s*[年/.\-]\s*)?(?P<m>\d{1,2})\s*[月/.\-]\s*(?P<d>\d{1,2})\s*[日号]?")
_TIME = re.compile(r"(?P<part>上午|早上|中午|下午|晚上)?\s*(?P<h>\d{1,2})\s*"
                   r"(?:[:点时]\s*(?:(?P<half>半)|(?P<min>\d{1,2})\s*分?)?)")
_AFTERNOON = ("下午", "晚上")


def suggest(value: str) -> Optional[str]:
    """`2026-12-02`, `2026-12-02T15:00:00`, `YYYY-12-02` (no year written), or None."""
    text = unicodedata.normalize("NFKC", value).strip()
    match = _DATE.match(text)
    if not match:
        return None
    year, month, day = match.group("y"), int(match.group("m")), int(match.group("d"))
    rest = text[match.end():].strip().lstrip("T").strip()
    try:
        day_of = date(int(year) if year else 2000, month, day)  # 2000: a leap year, so 2月29日 reads
    except ValueError:
        return None
    shown = day_of.isoformat() if year else f"YYYY-{month:02d}-{day:02d}"
    if not rest:
        return shown
    time = _TIME.fullmatch(rest)
    if not time:
        return None
    hour = int(time.group("h"))
    minute = 30 if time.group("half") else int(time.group("min") or 0)
    part = time.group("part")
    if (part in _AFTERNOON or (part == "中午" and hour < 11)) and hour < 12:
        hour += 12
    if hour > 23 or minute > 59:
        return None
    return f"{shown}T{hour:02d}:{minute:02d}:00"


def with_offset(fixed: str, tz) -> str:
    """A suggested local time with the site's offset on that day, as the site prefers it."""
    if "T" not in fixed or fixed.startswith("YYYY"):
        return fixed
    return datetime.fromisoformat(fixed).replace(tzinfo=tz).isoformat()
