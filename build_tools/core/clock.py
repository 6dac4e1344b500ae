"""The build's one clock: every decision about time uses this reference time."""
from __future__ import annotations

import os
from datetime import datetime, timezone


def reference_time(environ=None) -> datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), otherwise now, in UTC."""
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return datetime.now(timezone.utc)
