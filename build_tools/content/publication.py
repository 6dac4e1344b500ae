"""Publication state of an item at the build's reference time."""
from __future__ import annotations

from datetime import date, datetime, time, tzinfo

DRAFT, SCHEDULED, EXPIRED, LIVE = "draft", "scheduled", "expired", "live"
PREVIEW, PRODUCTION = "preview", "production"


def moment(value, tz: tzinfo) -> datetime:
    """A date means the start of that day in the site's time zone."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=tz)
    return datetime.combine(value, time.min, tzinfo=tz)


def state(model, now: datetime, tz: tzinfo) -> str:
    if model.draft:
        return DRAFT
    if model.publish_at is not None and moment(model.publish_at, tz) > now:
        return SCHEDULED
    if model.expires_at is not None and moment(model.expires_at, tz) <= now:
        return EXPIRED
    return LIVE


def published(st: str, mode: str) -> bool:
    """Whether an item has pages at all in this build."""
    return mode == PREVIEW or st in (LIVE, EXPIRED)


def listed(st: str, mode: str) -> bool:
    """Whether an item appears in lists, calendars' upcoming views and feeds."""
    return mode == PREVIEW or st == LIVE


def today(now: datetime, tz: tzinfo) -> date:
    return now.astimezone(tz).date()


MODE_ENV = "CAMPAIGN_SITE_MODE"


def mode_for(command: str, environ) -> str:
    """A preview server shows everything; any other build is production, unless
    CAMPAIGN_SITE_MODE says otherwise. ValueError for another mode."""
    mode = environ.get(MODE_ENV, PREVIEW if command == "serve" else PRODUCTION)
    if mode not in (PREVIEW, PRODUCTION):
        raise ValueError(f"{MODE_ENV} must be {PREVIEW} or {PRODUCTION}, not {mode!r}")
    return mode
