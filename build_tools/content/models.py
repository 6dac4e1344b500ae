"""Typed models of the content kinds (see the content model in the editor guide).

Each field's rules live here once: validation, the JSON Schema and the translatable
field list are all derived from these classes.
"""
from __future__ import annotations

import json
from datetime import date, datetime
from typing import Annotated, Any, ClassVar, Literal, Optional, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from .date_forms import suggest


def shown_value(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "…"


def _text(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        if not value:
            raise PydanticCustomError("empty_text", "empty")
        return value
    raise PydanticCustomError("wrong_type_text", "text", {"got": shown_value(value)})


def _list(value: Any) -> Any:
    # Editors often write one value where a list is expected: accept it as a list of one.
    if isinstance(value, str):
        return [value]
    if value is None:
        return []
    if not isinstance(value, list):
        raise PydanticCustomError("wrong_type_list", "list", {"got": shown_value(value)})
    return value


def _date(value: Any) -> date:
    if isinstance(value, datetime):
        raise PydanticCustomError("date_not_datetime", "date", {"got": value.isoformat()})
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value.strip()) == 10:
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    _refuse_with_fix("invalid_date", value)
    raise PydanticCustomError("invalid_date", "date", {"got": shown_value(value)})


def _refuse_with_fix(code: str, value: Any) -> None:
    """Refuse a date or time written another way, showing the editor's value rewritten."""
    fixed = suggest(value) if isinstance(value, str) else None
    if fixed and code == "invalid_date":
        fixed = fixed.split("T")[0]  # a field of whole days
    if fixed:
        raise PydanticCustomError(code + "_fix", "when", {"got": shown_value(value), "fixed": fixed})


def _when(value: Any) -> Union[date, datetime]:
    """A whole day (date) or a moment (datetime; naive ones are localised later)."""
    if isinstance(value, (date, datetime)):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
        except ValueError:
            pass
    _refuse_with_fix("invalid_datetime", value)
    raise PydanticCustomError("invalid_datetime", "when", {"got": shown_value(value)})


def _url(value: Any) -> str:
    if isinstance(value, str) and value.strip().startswith(("https://", "http://")) and " " not in value.strip():
        return value.strip()
    raise PydanticCustomError("invalid_url", "url", {"got": shown_value(value)})


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise PydanticCustomError("wrong_type_bool", "bool", {"got": shown_value(value)})


def _int(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    raise PydanticCustomError("wrong_type_int", "int", {"got": shown_value(value)})


def _year(value: Any) -> int:
    year = _int(value)
    if not 2000 <= year <= 2100:
        raise PydanticCustomError("year_range", "year", {"got": year})
    return year


Text = Annotated[str, BeforeValidator(_text), Field(json_schema_extra={"minLength": 1})]
TextList = Annotated[list[Text], BeforeValidator(_list)]
Day = Annotated[date, BeforeValidator(_date)]
When = Annotated[Union[datetime, date], BeforeValidator(_when)]
Url = Annotated[str, BeforeValidator(_url), Field(json_schema_extra={"format": "uri", "pattern": "^https?://"})]
Flag = Annotated[bool, BeforeValidator(_bool)]
Year = Annotated[int, BeforeValidator(_year), Field(ge=2000, le=2100)]
Number = Annotated[int, BeforeValidator(_int)]

CAMPAIGN_KINDS = ("environment-day", "literature-week", "forum", "training", "volunteer-service", "theme-day", "other")
EVENT_STATUSES = ("scheduled", "postponed", "cancelled", "held")
SUBJECT_TYPES = ("person", "team", "project")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="after")
    def _relations(self):
        self.check_relations(self)
        return self

    @classmethod
    def check_relations(cls, values) -> None:
        """Rules between fields, also run by validation on the fields that are valid on their
        own (so `values` may lack fields that failed): none by default."""


class Venue(Strict):
    name: Optional[Text] = None
    city: Optional[Text] = None
    address: Optional[Text] = None


class Honor(Strict):
    name: Text
    year: Optional[Year] = None
    by: Optional[Text] = None


class Consent(Strict):
    obtained: Day
    scope: Text


class Common(Strict):
    title: Text
    summary: Text
    cover: Optional[Text] = None
    cover_alt: Optional[Text] = None
    tags: TextList = []
    draft: Flag = False
    publish_at: Optional[When] = None
    expires_at: Optional[When] = None

    kind_name: ClassVar[str] = ""
    # Fields a translation may set; everything else comes from the source file.
    translatable: ClassVar[tuple[str, ...]] = ("title", "summary", "cover_alt", "tags")

    @classmethod
    def check_relations(cls, values) -> None:
        """Rules between fields. `values` may lack fields that failed on their own."""
        publish, expires = getattr(values, "publish_at", None), getattr(values, "expires_at", None)
        if publish and expires and _moment(expires) < _moment(publish):
            raise PydanticCustomError(
                "expires_before_publish", "window",
                {"expires": str(expires), "publish": str(publish), "field": "expires_at"},
            )


class Campaign(Common):
    kind: Literal[CAMPAIGN_KINDS]  # type: ignore[valid-type]
    year: Year
    theme: Optional[Text] = None
    start: Day
    end: Optional[Day] = None
    organizers: TextList = []
    regions: TextList = []

    kind_name: ClassVar[str] = "campaign"
    translatable: ClassVar[tuple[str, ...]] = Common.translatable + ("theme", "organizers", "regions")

    @classmethod
    def check_relations(cls, values) -> None:
        super().check_relations(values)
        _check_range(getattr(values, "start", None), getattr(values, "end", None))


class Event(Common):
    start: When
    end: Optional[When] = None
    venue: Optional[Venue] = None
    organizer: Optional[Text] = None
    status: Literal[EVENT_STATUSES] = "scheduled"  # type: ignore[valid-type]
    registration: Optional[Url] = None
    poster: Optional[Flag] = None  # empty: a poster while the event is upcoming

    kind_name: ClassVar[str] = "event"
    translatable: ClassVar[tuple[str, ...]] = Common.translatable + ("venue", "organizer")

    @classmethod
    def check_relations(cls, values) -> None:
        super().check_relations(values)
        _check_range(getattr(values, "start", None), getattr(values, "end", None))

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)


class Story(Common):
    subject: Text
    subject_type: Literal[SUBJECT_TYPES]  # type: ignore[valid-type]
    honors: list[Honor] = []
    region: Optional[Text] = None
    portrait: Optional[Text] = None
    portrait_alt: Optional[Text] = None
    consent: Optional[Consent] = None

    kind_name: ClassVar[str] = "story"
    translatable: ClassVar[tuple[str, ...]] = Common.translatable + ("subject", "honors", "region", "portrait_alt")

    @classmethod
    def check_relations(cls, values) -> None:
        super().check_relations(values)
        if getattr(values, "subject_type", None) == "person" and getattr(values, "portrait", None) \
                and getattr(values, "consent", None) is None:
            raise PydanticCustomError("consent_required", "consent", {"field": "consent", "near": "portrait"})


class Article(Common):
    date: Day
    source: Optional[Text] = None

    kind_name: ClassVar[str] = "article"
    translatable: ClassVar[tuple[str, ...]] = Common.translatable + ("source",)


MODELS: dict[str, type[Common]] = {m.kind_name: m for m in (Campaign, Event, Story, Article)}


def _moment(value):
    return value if isinstance(value, datetime) else datetime(value.year, value.month, value.day)


def _check_range(start, end) -> None:
    if start is None or end is None:
        return
    if isinstance(start, datetime) != isinstance(end, datetime):
        raise PydanticCustomError("end_type_mismatch", "end", {"field": "end"})
    try:
        before = end < start
    except TypeError:  # one aware, one naive: compare as written
        before = end.replace(tzinfo=None) < start.replace(tzinfo=None)
    if before:
        raise PydanticCustomError("end_before_start", "end", {"start": str(start), "end": str(end), "field": "end"})
