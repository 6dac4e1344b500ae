"""Feeds that change only when their events do: stamps and SEQUENCE from git history."""
import os
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from icalendar import Calendar

from build_tools.model import history
from build_tools.core.config import load_settings
from build_tools.pipeline import build
from conftest import copy_project

GIT = shutil.which("git")
pytestmark = pytest.mark.skipif(GIT is None, reason="git is not installed")

CAMPAIGN = """---
title: 历史测试活动
summary: 检查日历的修改记录。
kind: forum
year: 2024
start: 2024-06-01
---
"""
EVENT = """---
title: {title}
summary: {summary}
start: {start}
venue:
  city: 呼和浩特市
status: {status}
---
正文。
"""


def _git(repo: Path, *args, when: str = "2024-05-01T10:00:00+08:00"):
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "编辑",
           "GIT_AUTHOR_EMAIL": "editor@example.org", "GIT_COMMITTER_NAME": "编辑",
           "GIT_COMMITTER_EMAIL": "editor@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run([GIT, *args], cwd=repo, env=env, check=True, capture_output=True)


def _commit(repo: Path, message: str, when: str):
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", message, when=when)


def _project(root: Path) -> Path:
    copy_project(root, with_content=False)
    camp = root / "campaigns" / "history-test"
    (camp / "events").mkdir(parents=True)
    (camp / "index.zh.md").write_text(CAMPAIGN, encoding="utf-8")
    _write_event(root)
    _git(root, "init", "-q")
    _commit(root, "first", "2024-05-01T10:00:00+08:00")
    return root


def _write_event(root: Path, title="座谈会", summary="第一版摘要。", start="2024-06-05T09:30:00+08:00", status="scheduled"):
    path = root / "campaigns" / "history-test" / "events" / "talk.zh.md"
    path.write_text(EVENT.format(title=title, summary=summary, start=start, status=status), encoding="utf-8")


def _event(root: Path, now=datetime(2030, 1, 1, tzinfo=timezone.utc), path="calendar/events/talk.ics"):
    result = build(load_settings(root / "mkdocs.yml"), now=now)
    assert result.errors == []
    feed = next(o for o in result.outputs if o.path == path)
    return Calendar.from_ical(feed.content).walk("VEVENT")[0], feed.content


def test_sequence_rises_when_time_place_or_status_changes_and_not_for_the_summary(tmp_path: Path):
    root = _project(tmp_path / "p")
    first, _ = _event(root)
    uid = str(first["UID"])
    assert int(first["SEQUENCE"]) == 0
    assert first.decoded("DTSTAMP") == datetime(2024, 5, 1, 2, tzinfo=timezone.utc)  # the commit, in UTC
    assert first.decoded("LAST-MODIFIED") == first.decoded("DTSTAMP") == first.decoded("CREATED")

    _write_event(root, start="2024-06-05T14:00:00+08:00")
    _commit(root, "later start", "2024-05-10T10:00:00+08:00")
    moved, _ = _event(root)
    assert (str(moved["UID"]), int(moved["SEQUENCE"])) == (uid, 1)
    assert moved.decoded("LAST-MODIFIED") == datetime(2024, 5, 10, 2, tzinfo=timezone.utc)
    assert moved.decoded("CREATED") == first.decoded("CREATED")

    _write_event(root, start="2024-06-05T14:00:00+08:00", summary="只改了摘要。", title="座谈会（更新）")
    _commit(root, "summary only", "2024-05-12T10:00:00+08:00")
    reworded, _ = _event(root)
    assert (str(reworded["UID"]), int(reworded["SEQUENCE"])) == (uid, 1)
    assert str(reworded["SUMMARY"]) == "座谈会（更新）"
    assert reworded.decoded("DTSTAMP") == datetime(2024, 5, 12, 2, tzinfo=timezone.utc)

    _write_event(root, start="2024-06-05T14:00:00+08:00", summary="只改了摘要。", title="座谈会（更新）", status="cancelled")
    _commit(root, "cancelled", "2024-05-20T10:00:00+08:00")
    cancelled, _ = _event(root)
    assert (int(cancelled["SEQUENCE"]), str(cancelled["STATUS"])) == (2, "CANCELLED")

    # an edit not committed yet counts too, dated at the build's reference time
    _write_event(root, start="2024-06-06T14:00:00+08:00", summary="只改了摘要。", title="座谈会（更新）", status="cancelled")
    now = datetime(2024, 5, 25, 8, tzinfo=timezone.utc)
    edited, _ = _event(root, now=now)
    assert (int(edited["SEQUENCE"]), edited.decoded("DTSTAMP")) == (3, now)


def test_moving_an_event_to_another_campaign_keeps_its_history(tmp_path: Path):
    root = _project(tmp_path / "p")
    _write_event(root, start="2024-06-06T09:30:00+08:00")
    _commit(root, "new day", "2024-05-02T10:00:00+08:00")
    other = root / "campaigns" / "other-campaign"
    (other / "events").mkdir(parents=True)
    (other / "index.zh.md").write_text(CAMPAIGN.replace("历史测试活动", "另一个活动"), encoding="utf-8")
    shutil.move(root / "campaigns" / "history-test" / "events" / "talk.zh.md", other / "events" / "talk.zh.md")
    _commit(root, "move", "2024-05-03T10:00:00+08:00")
    moved, _ = _event(root)
    assert int(moved["SEQUENCE"]) == 1
    assert moved.decoded("CREATED") == datetime(2024, 5, 1, 2, tzinfo=timezone.utc)


def test_two_builds_of_one_commit_at_different_times_give_the_same_feeds(tmp_path: Path):
    project = copy_project(tmp_path / "demo")
    _git(project, "init", "-q")
    _commit(project, "demo", "2024-05-01T10:00:00+08:00")
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    sites = []
    for n in (1, 2):
        out = tmp_path / f"site{n}"
        cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)]
        result = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stderr
        sites.append(out)
    feeds = sorted(p.relative_to(sites[0]) for p in sites[0].rglob("*.ics"))
    assert len(feeds) > 10
    assert feeds == sorted(p.relative_to(sites[1]) for p in sites[1].rglob("*.ics"))
    for rel in feeds:
        assert (sites[0] / rel).read_bytes() == (sites[1] / rel).read_bytes(), rel
    # and the core gives the same bytes for reference times years apart
    settings = load_settings(project / "mkdocs.yml")
    early, late = (build(settings, now=datetime(y, 1, 1, tzinfo=timezone.utc)) for y in (2025, 2031))
    ics = lambda r: {o.path: o.content for o in r.outputs if o.path.endswith(".ics")}  # noqa: E731
    assert ics(early) == ics(late)
    assert b"DTSTAMP:20240501T020000Z" in (sites[0] / "calendar" / "events.ics").read_bytes()


def test_without_history_stamps_come_from_the_reference_time(tmp_path: Path, monkeypatch):
    root = _project(tmp_path / "p")
    shutil.rmtree(root / ".git")  # not a repository
    now = datetime(2024, 5, 30, 1, 2, 3, tzinfo=timezone.utc)
    event, _ = _event(root, now=now)
    assert (event.decoded("DTSTAMP"), int(event["SEQUENCE"])) == (now, 0)
    monkeypatch.setenv("PATH", str(tmp_path / "no-tools"))  # no git on this machine
    event, _ = _event(root, now=now)
    assert event.decoded("LAST-MODIFIED") == now


def test_history_is_read_with_one_git_log_per_folder(tmp_path: Path, monkeypatch):
    root = _project(tmp_path / "p")
    for n in range(5):
        _write_event(root, start=f"2024-06-0{n + 1}T09:30:00+08:00")
        _commit(root, f"change {n}", f"2024-05-0{n + 2}T10:00:00+08:00")
    calls = []
    real_run = subprocess.run

    def counting_run(cmd, *args, **kwargs):
        calls.append(list(cmd))
        return real_run(cmd, *args, **kwargs)

    monkeypatch.setattr(history.subprocess, "run", counting_run)
    event, _ = _event(root)
    assert int(event["SEQUENCE"]) == 5
    # one log of the content folder, one of the hand-written pages (their sitemap dates)
    assert len([c for c in calls if "log" in c]) == 2
    assert len(calls) == 3  # the logs, and one read of the old versions


def test_derive_dates_every_content_file_and_rendering_runs_no_git(tmp_path: Path, monkeypatch):
    from build_tools.model.stamps import Stamp
    from build_tools.pipeline import SECTIONS, generators
    from build_tools.render.pages import render_site

    root = _project(tmp_path / "p")
    _write_event(root, start="2024-06-06T09:30:00+08:00")
    _commit(root, "new day", "2024-05-06T10:00:00+08:00")
    english = root / "campaigns" / "history-test" / "events" / "talk.en.md"
    english.write_text("---\ntitle: Talk\nsummary: In English.\n---\nText.\n", encoding="utf-8")
    _commit(root, "English", "2024-05-08T10:00:00+08:00")
    result = build(load_settings(root / "mkdocs.yml"), now=datetime(2030, 1, 1, tzinfo=timezone.utc))
    may = lambda day: datetime(2024, 5, day, 2, tzinfo=timezone.utc)  # noqa: E731  10:00 in Beijing
    stamps = result.site.stamps
    assert stamps.file("history-test/index.zh.md") == Stamp(may(1), may(1), 0)
    assert stamps.file("history-test/events/talk.zh.md") == Stamp(may(1), may(6), 1)
    talk = next(e for e in result.site.entries if e.slug == "talk")
    # in English the item changed when its translation did; its time changed once either way
    assert stamps.item(talk.item, "zh") == Stamp(may(1), may(6), 1)
    assert stamps.item(talk.item, "en") == Stamp(may(1), may(8), 1)

    def no_git(*args, **kwargs):
        raise AssertionError(f"a process ran while rendering: {args}")

    monkeypatch.setattr(subprocess, "run", no_git)
    outputs, _blocks = render_site(result.site, result.media, generators(result.media), SECTIONS)
    feed = next(o for o in outputs if o.path == "en/calendar/events/talk.ics")
    event = Calendar.from_ical(feed.content).walk("VEVENT")[0]
    assert (event.decoded("LAST-MODIFIED"), int(event["SEQUENCE"])) == (may(8), 1)
