"""Theme days (campaigns/observances.yml): read, checked like content, asked which days they fall on.

A theme day falls every year on a month-day (`date: "06-05"`), or on one date per
year when the day moves (`dates: [2023-07-12, 2024-05-15]`, National Low-Carbon Day).
"""
from __future__ import annotations

import dataclasses
import re
from datetime import date
from typing import Annotated, Any, Optional

from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from .load import OBSERVANCES_FILE, SLUG_RE, Document
from .models import Day, Strict, Text, shown_value
from ..core.problems import NOTICE, Problem, problem
from ..core.settings import Settings
from .validate import validate_data
from .strict_yaml import parse_list

_MONTH_DAY = re.compile(r"^(\d{2})-(\d{2})$")


def _month_day(value: Any) -> str:
    if isinstance(value, str):
        found = _MONTH_DAY.match(value.strip())
        if found:
            try:  # a non-leap year: 02-29 is not a yearly day, it goes in `dates`
                date(2001, int(found[1]), int(found[2]))
                return value.strip()
            except ValueError:
                pass
    raise PydanticCustomError("invalid_month_day", "month-day", {"got": shown_value(value)})


def _slug(value: Any) -> str:
    if isinstance(value, str) and SLUG_RE.match(value.strip()):
        return value.strip()
    raise PydanticCustomError("observance_slug", "slug", {"got": shown_value(value)})


def _days(value: Any) -> Any:
    # One date where a list is expected is read as a list of one, as for tags.
    return [value] if isinstance(value, (date, str)) else value


MonthDay = Annotated[str, BeforeValidator(_month_day), Field(json_schema_extra={"pattern": r"^\d{2}-\d{2}$"})]
Slug = Annotated[str, BeforeValidator(_slug), Field(json_schema_extra={"pattern": SLUG_RE.pattern})]


class Observance(Strict):
    slug: Slug
    name: dict[str, Text]
    date: Optional[MonthDay] = None
    dates: Annotated[list[Day], BeforeValidator(_days)] = []
    campaign: Optional[Slug] = None

    @classmethod
    def check_relations(cls, values) -> None:
        """Rules between fields (see models.Common). `values` may lack fields that failed on their own."""
        # Neither of the two is checked by the loader on what was written: a value
        # that failed on its own is missing here, and must not count as "not written".
        if getattr(values, "date", None) is not None and getattr(values, "dates", None):
            raise PydanticCustomError("observance_date_choice", "date", {"field": "date", "near": "slug"})

    @property
    def month_day(self) -> Optional[tuple[int, int]]:
        return (int(self.date[:2]), int(self.date[3:])) if self.date else None

    def title(self, lang: str) -> str:
        """The name in a language, or in the source language (the first one written)."""
        return self.name.get(lang) or next(iter(self.name.values()))

    def on(self, day: date) -> bool:
        if self.month_day:
            return (day.month, day.day) == self.month_day
        return day in self.dates

    def days_between(self, first: date, last: date) -> list[date]:
        """The days of this theme day from first to last, both included."""
        if self.month_day is None:
            return sorted(d for d in self.dates if first <= d <= last)
        month, day = self.month_day
        return [d for d in (date(y, month, day) for y in range(first.year, last.year + 1)) if first <= d <= last]


def load_observances(settings: Settings, campaign_slugs, year: Optional[int] = None) -> tuple[list[Observance], list[Problem]]:
    """Every valid theme day, and every problem of the file (path:line: field).

    With `year` (the reference time's year in the site's zone), a theme day that moves and has
    no date for that year or the next is a notice: it would silently leave the calendar, but
    the site is not broken, so not even a strict build stops on it."""
    path = settings.content_dir / OBSERVANCES_FILE
    if not path.is_file():
        return [], []
    shown = settings.rel(path)
    try:
        text = path.read_bytes().decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError:
        return [], [problem(shown, 1, "", "not_utf8")]
    parsed = parse_list(text)
    problems = [problem(shown, i.line, _local(i.field), i.code, i.severity, **i.params) for i in parsed.issues]
    reported = {i.field for i in parsed.issues if i.field and i.severity == "error"}
    found: list[Observance] = []
    first_line: dict[str, int] = {}
    for index, data in enumerate(parsed.data if isinstance(parsed.data, list) else []):
        line = parsed.lines.get(str(index), 1)
        if not isinstance(data, dict):
            if str(index) not in reported:
                problems.append(problem(shown, line, "", "wrong_type_mapping", got=shown_value(data)))
            continue
        prefix = f"{index}."
        lines = {k[len(prefix):]: v for k, v in parsed.lines.items() if k.startswith(prefix)}
        doc = Document(path=shown, abs_path=path, kind="observance", campaign="", slug=str(data.get("slug", "")),
                       lang=settings.source_language, key=OBSERVANCES_FILE, data=data, lines=lines, body="",
                       body_line=1, yaml_fields={_local(f) for f in reported if f.startswith(prefix)})
        model, issues = validate_data(settings, doc, data, Observance)
        # Problems of the entry as a whole point at its first line.
        problems.extend(dataclasses.replace(p, line=line) if p.line == 1 else p for p in issues)
        # Checks on what is written, so that they show even when another field is wrong.
        extra = _entry_problems(settings, shown, data, lines, line, first_line, campaign_slugs)
        problems.extend(extra)
        if model is not None and not any(p.code in _UNUSABLE for p in extra):
            found.append(model)
            if year is not None:
                problems.extend(_missing_years(settings, shown, model, lines.get("dates", line), year))
    return sorted(found, key=lambda o: o.slug), problems


def _missing_years(settings, shown: str, obs: Observance, line: int, year: int) -> list[Problem]:
    if obs.month_day is not None or not obs.dates:
        return []
    missing = [y for y in (year, year + 1) if not any(d.year == y for d in obs.dates)]
    if not missing:
        return []
    return [problem(shown, line, "dates", "observance_year_missing", NOTICE, name=obs.title(settings.source_language),
                    years=" / ".join(str(y) for y in missing),
                    year=missing[0])]


# Problems after which a theme day cannot be shown (an unknown campaign only loses its link).
_UNUSABLE = {"observance_duplicate_slug", "observance_date_choice", "observance_name_missing"}


def _entry_problems(settings, shown, data, lines, line, first_line, campaign_slugs) -> list[Problem]:
    out = []
    names = data.get("name")
    if isinstance(names, dict):
        for lang in names:
            if lang not in settings.languages:
                out.append(problem(shown, lines.get(f"name.{lang}", line), f"name.{lang}", "observance_name_language",
                                   lang=lang, languages=", ".join(settings.languages)))
        if settings.source_language not in names:
            out.append(problem(shown, lines.get("name", line), "name", "observance_name_missing",
                               lang=settings.source_language))
    if data.get("date") is None and not data.get("dates"):
        out.append(problem(shown, lines.get("dates", line), "date", "observance_date_choice"))
    slug = data.get("slug")
    if isinstance(slug, str):
        if slug in first_line:
            out.append(problem(shown, lines.get("slug", line), "slug", "observance_duplicate_slug",
                               slug=slug, first=first_line[slug]))
        else:
            first_line[slug] = lines.get("slug", line)
    campaign = data.get("campaign")
    if isinstance(campaign, str) and SLUG_RE.match(campaign) and campaign not in campaign_slugs:
        out.append(problem(shown, lines.get("campaign", line), "campaign", "unknown_campaign", slug=campaign))
    dates = data.get("dates")
    seen: set = set()
    for n, day in enumerate(dates if isinstance(dates, list) else []):
        if isinstance(day, date) and day.year in seen:
            out.append(problem(shown, lines.get(f"dates.{n}", line), f"dates.{n}", "observance_year_twice", year=day.year))
        seen.add(getattr(day, "year", None))
    return out


def _local(fld: str) -> str:
    """A field path inside one entry: '3.name.zh' -> 'name.zh'."""
    head, _, rest = fld.partition(".")
    return rest if head.isdigit() else fld
