"""A copy of the demo site with one draft, one scheduled and one expired item, built once
per session in each mode at the fixed reference time of conftest (2024-11-24 08:00 Beijing)."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from conftest import copy_project, mkdocs_build

CAMPAIGN = "publishing-test"
DRAFT = {"kind": "news", "slug": "draft-notice", "title": "草稿通知甲"}
SCHEDULED = {"kind": "events", "slug": "future-forum", "title": "定时论坛乙"}
EXPIRED = {"kind": "events", "slug": "withdrawn-lecture", "title": "撤下讲座丙"}
LIVE = {"kind": "news", "slug": "live-report", "title": "现行报道丁"}

FILES = {
    "index.zh.md": """---
title: 发布流程测试活动
summary: 用来检验草稿、定时发布和过期内容的活动。
kind: other
year: 2024
start: 2024-11-01
end: 2024-12-31
---
活动正文。
""",
    "news/draft-notice.zh.md": """---
title: 草稿通知甲
summary: 尚未写完的通知。
date: 2024-11-20
draft: true
---
草稿正文。
""",
    "events/future-forum.zh.md": """---
title: 定时论坛乙
summary: 将在十二月一日公开的论坛预告。
start: 2024-12-10
publish_at: 2024-12-01T09:00:00+08:00
---
论坛介绍。
""",
    "events/withdrawn-lecture.zh.md": """---
title: 撤下讲座丙
summary: 已经撤下的讲座通知。
start: 2024-12-05
expires_at: 2024-11-20
---
讲座介绍。
""",
    # A live article that links to the two unpublished items, and carries characters that
    # XML 1.0 forbids (written as YAML escapes), which feeds must drop.
    "news/live-report.zh.md": """---
title: "现行报道丁\\x01\\x0b"
summary: "一篇已发布的报道\\x1f。"
date: 2024-11-10
tags: [发布测试]
---
请关注[论坛详情](../events/future-forum.zh.md)和[通知全文](draft-notice.zh.md "通知")。

另见[论坛日程][forum]。

[forum]: ../events/future-forum.zh.md
""",
}


def make_project(root: Path) -> Path:
    project = copy_project(root)
    folder = project / "campaigns" / CAMPAIGN
    for name, text in FILES.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return project


_BUILT: dict = {}  # one build per mode and session, shared by the modules that import the fixtures


def build(tmp_path_factory, mode: str, **env) -> Path:
    if mode not in _BUILT:
        project = make_project(tmp_path_factory.mktemp(f"publishing-{mode}") / "project")
        out = project.parent / "site"
        result = mkdocs_build(project, out, env={"CAMPAIGN_SITE_MODE": mode, **env})
        assert result.returncode == 0, result.stderr
        _BUILT[mode] = out
    return _BUILT[mode]


@pytest.fixture(scope="session")
def production_site(tmp_path_factory) -> Path:
    return build(tmp_path_factory, "production")


@pytest.fixture(scope="session")
def preview_site(tmp_path_factory) -> Path:
    # Another local time zone: what the site says must not depend on it.
    return build(tmp_path_factory, "preview", TZ="America/New_York")


def page(site: Path, item: dict) -> Path:
    return site / item["kind"] / item["slug"] / "index.html"


TEXT_SUFFIXES = {".html", ".xml", ".json", ".txt", ".ics", ".js", ".webmanifest"}


def site_texts(site: Path):
    """(path, text) of every text file a reader or a crawler can fetch, decoded."""
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        if path.suffix == ".gz":
            yield path, gzip.decompress(path.read_bytes()).decode("utf-8")
        elif path.suffix in TEXT_SUFFIXES and "assets" not in path.relative_to(site).parts[:1]:
            text = path.read_text(encoding="utf-8")
            if path.suffix == ".json":  # \\u escapes hide Chinese titles from a plain search
                text = json.dumps(json.loads(text), ensure_ascii=False)
            yield path, text
