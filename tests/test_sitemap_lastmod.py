"""Sitemap `lastmod` comes from the history of each page's sources, not from the build date."""
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest

from build_tools.core.config import load_settings
from build_tools.pipeline import build
from conftest import copy_project
from test_calendar_history import CAMPAIGN, _commit, _git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

EVENT = """---
title: 座谈会
summary: 摘要。
start: 2024-06-05T09:30:00+08:00
---
正文。
"""
EVENT_EN = """---
title: Talk
summary: Summary.
---
Body.
"""
STORY = """---
title: 一个故事
summary: 故事摘要。
subject: 一个项目
subject_type: project
---
正文。
"""


def _lastmods(root: Path) -> dict:
    # the build date is years after every commit: no date below may be it
    result = build(load_settings(root / "mkdocs.yml"), now=datetime(2030, 1, 1, tzinfo=timezone.utc))
    assert result.errors == []
    return {e["loc"].split("/", 3)[3]: e["lastmod"] for e in result.pages.sitemap()}


def test_lastmod_follows_each_pages_sources(tmp_path: Path):
    root = copy_project(tmp_path / "p", with_content=False)
    camp = root / "campaigns" / "history-test"
    (camp / "events").mkdir(parents=True)
    (camp / "stories").mkdir()
    (camp / "index.zh.md").write_text(CAMPAIGN, encoding="utf-8")
    (camp / "events" / "talk.zh.md").write_text(EVENT, encoding="utf-8")
    (camp / "stories" / "tale.zh.md").write_text(STORY, encoding="utf-8")
    _git(root, "init", "-q")
    _commit(root, "first", "2024-05-01T10:00:00+08:00")
    (camp / "events" / "talk.en.md").write_text(EVENT_EN, encoding="utf-8")
    _commit(root, "translation", "2024-05-10T10:00:00+08:00")
    about = root / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n补充一句。\n", encoding="utf-8")
    _commit(root, "about", "2024-05-20T23:30:00+08:00")  # 15:30 UTC: the day is the site's

    dates = _lastmods(root)
    assert dates["events/talk/"] == "2024-05-01"  # the Chinese page: its own file
    assert dates["en/events/talk/"] == "2024-05-10"  # the English page: its translation too
    assert dates["stories/tale/"] == "2024-05-01"
    assert dates["campaigns/history-test/"] == "2024-05-01"
    assert "en/campaigns/history-test/" not in dates  # a fallback page is not in the sitemap
    assert dates["events/"] == "2024-05-01" and dates["en/events/"] == "2024-05-10"
    assert dates["calendar/2024-06/"] == "2024-05-01"
    assert dates["about/"] == "2024-05-20"  # a hand-written page: its file, in the site's zone
    assert dates["en/about/"] == "2024-05-01"
    assert "2030-01-01" not in dates.values()

    # a change to the story moves its page, its campaign's, its list's and the home page's, nothing else
    (camp / "stories" / "tale.zh.md").write_text(STORY.replace("正文。", "新的正文。"), encoding="utf-8")
    _commit(root, "story", "2024-06-01T10:00:00+08:00")
    later = _lastmods(root)
    changed = {url for url in dates if later[url] != dates[url]}
    assert changed == {"stories/tale/", "campaigns/history-test/", "stories/", ""}  # "" : the home page lists it
    assert later["stories/tale/"] == "2024-06-01"
