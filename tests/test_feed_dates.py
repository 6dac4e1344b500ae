"""Feed entries are dated by when they were published and last changed, not by the event's
date; an event that will not happen as announced says so in its title and category."""
import json
import shutil
from datetime import datetime, timezone
from pathlib import Path

import feedparser
import pytest

from build_tools.core.config import load_settings
from build_tools.pipeline import build
from test_calendar_history import _commit, _project, _write_event

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
NOW = datetime(2024, 5, 25, 8, tzinfo=timezone.utc)


def _feeds(root: Path, prefix: str = ""):
    result = build(load_settings(root / "mkdocs.yml"), now=NOW)
    assert result.errors == []
    out = {o.path: o.content for o in result.outputs}
    atom = feedparser.parse(out[f"{prefix}feeds/events.xml"])
    assert not atom.bozo
    return atom, json.loads(out[f"{prefix}feeds/events.json"])


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(timezone.utc)


def test_an_upcoming_event_is_dated_by_its_announcement_and_its_changes(tmp_path: Path):
    root = _project(tmp_path / "p")  # the event (5 June) is committed on 1 May, 10:00 Beijing time
    atom, feed = _feeds(root)
    entry, item = atom.entries[0], feed["items"][0]
    announced = datetime(2024, 5, 1, 2, tzinfo=timezone.utc)
    assert _utc(entry.published) == _utc(entry.updated) == announced
    assert _utc(item["date_published"]) == _utc(item["date_modified"]) == announced
    assert _utc(atom.feed.updated) == announced  # the feed is no older than its newest entry
    assert "2024年6月5日" in entry.summary and "2024年6月5日" in item["content_text"]  # the event's date: in the text
    assert entry.title == "座谈会" and [t.term for t in entry.get("tags", [])] == []

    _write_event(root, status="cancelled")
    _commit(root, "cancelled", "2024-05-20T10:00:00+08:00")
    atom, feed = _feeds(root)
    entry, item = atom.entries[0], feed["items"][0]
    cancelled = datetime(2024, 5, 20, 2, tzinfo=timezone.utc)
    assert _utc(entry.published) == announced and _utc(entry.updated) == cancelled
    assert _utc(item["date_modified"]) == cancelled and _utc(atom.feed.updated) == cancelled
    assert entry.title == item["title"] == "[已取消] 座谈会"
    assert [t.term for t in entry.tags] == item["tags"] == ["已取消"]

    _write_event(root, status="postponed")
    _commit(root, "postponed", "2024-05-22T10:00:00+08:00")
    entry = _feeds(root)[0].entries[0]
    assert (entry.title, entry.tags[0].term) == ("[已延期] 座谈会", "已延期")
    assert _utc(entry.updated) == datetime(2024, 5, 22, 2, tzinfo=timezone.utc)


def test_no_entry_is_dated_after_the_build(tmp_path: Path):
    root = _project(tmp_path / "p")
    _write_event(root, summary="尚未提交的修改。")  # an uncommitted edit is dated at the reference time
    atom, feed = _feeds(root)
    assert _utc(atom.entries[0].updated) == NOW == _utc(atom.feed.updated)
    for entry in atom.entries:
        assert _utc(entry.published) <= _utc(entry.updated) <= NOW
