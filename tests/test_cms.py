"""The browser editor at /admin/: its configuration from the models, its file format
(what a save writes), and the scan's trust in its page. The editor in a browser:
tests/e2e/test_cms_browser.py."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from build_tools.adapter import admin
from build_tools.cli import cms_config
from build_tools.cli.json_schema import DATETIME
from build_tools.content import models
from build_tools.core import fielddocs
from build_tools.core.config import load_settings
from build_tools.safety.scan import known_scripts, scan_site

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def settings():
    return load_settings(ROOT / "mkdocs.yml")


@pytest.fixture(scope="module")
def collections(settings):
    return {c["name"]: c for c in cms_config.config(settings)["collections"]}


def _fields(collection) -> dict:
    return {f["name"]: f for f in collection["fields"]}


def test_the_committed_configuration_is_the_generated_one(settings):
    committed = (ROOT / cms_config.FILE).read_text(encoding="utf-8")
    assert committed == cms_config.render(settings), "assets/admin/config.yml is stale: run `campaign cms`"


def test_cms_check_fails_on_a_stale_configuration(tmp_path):
    for name in ("mkdocs.yml", "campaigns", "docs"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, tmp_path / name)
    check = [str(ROOT / ".venv" / "bin" / "campaign"), "cms", "--check"]
    assert subprocess.run(check, cwd=tmp_path, capture_output=True).returncode == 1  # none written yet
    assert subprocess.run(check[:2], cwd=tmp_path, capture_output=True).returncode == 0
    assert subprocess.run(check, cwd=tmp_path, capture_output=True).returncode == 0
    target = tmp_path / cms_config.FILE
    target.write_text(target.read_text(encoding="utf-8").replace("label: 标题", "label: Title"), encoding="utf-8")
    stale = subprocess.run(check, cwd=tmp_path, capture_output=True, text=True)
    assert stale.returncode == 1 and "campaign cms" in stale.stdout


def test_one_collection_per_kind_at_the_content_model_paths(settings, collections):
    assert set(collections) == {"campaigns", "events", "stories", "news"}
    paths = {name: c["path"] for name, c in collections.items()}
    assert paths == {"campaigns": "{{file_slug}}/index", "events": "{{campaign}}/events/{{file_slug}}",
                     "stories": "{{campaign}}/stories/{{file_slug}}", "news": "{{campaign}}/news/{{file_slug}}"}
    for c in collections.values():
        assert c["folder"] == "campaigns" and c["media_folder"] == "" and c["public_folder"] == ""
    # An item's campaign is chosen from the list of campaigns (by its folder name).
    campaign = _fields(collections["events"])["campaign"]
    assert (campaign["widget"], campaign["collection"], campaign["value_field"]) == ("relation", "campaigns", "file_slug")
    assert "campaign" not in _fields(collections["campaigns"])


def test_widgets_fit_the_fields(collections):
    event = _fields(collections["events"])
    status = event["status"]
    assert status["widget"] == "select"
    assert [o["value"] for o in status["options"]] == list(models.EVENT_STATUSES)
    assert [o["label"] for o in status["options"]] == [fielddocs.choices("event", "status")[v] for v in models.EVENT_STATUSES]
    kinds = _fields(collections["campaigns"])["kind"]
    assert [o["value"] for o in kinds["options"]] == list(models.CAMPAIGN_KINDS)
    assert event["start"]["widget"] == "datetime" and event["start"]["format"] == "YYYY-MM-DDTHH:mm:ssZ"
    # What that format writes in the site's zone is what the validator reads as a moment with its offset.
    assert re.fullmatch(DATETIME, "2026-12-20T09:30:00+08:00")
    assert models._when("2026-12-20T09:30:00+08:00").utcoffset().total_seconds() == 8 * 3600
    day = _fields(collections["news"])["date"]
    assert (day["widget"], day["format"], day["time_format"]) == ("datetime", "YYYY-MM-DD", False)
    assert [f["name"] for f in event["venue"]["fields"]] == ["name", "city", "address"]
    assert event["venue"]["widget"] == "object"
    campaign = _fields(collections["campaigns"])
    for name in ("organizers", "regions", "tags"):
        assert campaign[name]["widget"] == "list" and campaign[name]["field"]["widget"] == "string"
    story = _fields(collections["stories"])
    assert story["consent"]["widget"] == "object"
    assert {f["name"]: f["required"] for f in story["consent"]["fields"]} == {"obtained": False, "scope": False}
    assert story["honors"]["widget"] == "list" and [f["name"] for f in story["honors"]["fields"]] == ["name", "year", "by"]
    assert event["cover"]["widget"] == "image" and story["portrait"]["widget"] == "image"
    assert event["registration"]["pattern"][0].startswith("^https?://")
    assert event["body"]["widget"] == "markdown"


def test_labels_hints_and_languages(settings, collections):
    whole = cms_config.config(settings)
    assert whole["locale"] == "zh_Hans"
    assert whole["i18n"] == {"structure": "multiple_files", "locales": ["zh", "en", "mn"], "default_locale": "zh"}
    assert whole["publish_mode"] == "editorial_workflow"
    for kind, name in cms_config.COLLECTIONS.items():
        fields = _fields(collections[name])
        model = models.MODELS[kind]
        for field in model.model_fields:
            assert fields[field]["label"] == fielddocs.label(kind, field)
            assert fields[field]["hint"] == fielddocs.help_text(kind, field)
            # The translation pane shows exactly what a translation may carry.
            assert fields[field]["i18n"] is (field in model.translatable), (kind, field)
            assert fields[field]["required"] is model.model_fields[field].is_required()
    # Inside a translatable object or list the texts are translated, a year is not (content-model.md).
    venue = _fields(collections["events"])["venue"]["fields"]
    assert [(f["name"], f["i18n"]) for f in venue] == [("name", True), ("city", True), ("address", True)]
    honors = _fields(collections["stories"])["honors"]["fields"]
    assert [(f["name"], f["i18n"]) for f in honors] == [("name", True), ("year", False), ("by", True)]


# --- the file format, run in Node as the editor runs it -------------------------------------------------

STORY = """---
# 这一行注释要保留
title: 一部专著
summary: 旧的摘要。
subject: 《研究》
subject_type: project
tags: [生态文化, 图书]   # 标签
note_for_office: 不在模型里的字段
venue:
  name: 会场   # 名称
  city: 呼和浩特市
---

正文第一段。  
正文第二段。
"""


@pytest.fixture(scope="module")
def run_format(tmp_path_factory):
    lib = ROOT / "node_modules" / "yaml" / "browser" / "dist"
    assert lib.is_dir(), "node_modules is missing: run scripts/setup --test (npm ci)"
    folder = tmp_path_factory.mktemp("cms-format")
    shutil.copy2(admin.APP / "front-matter.js", folder)
    (folder / "yaml").symlink_to(lib, target_is_directory=True)
    (folder / "package.json").write_text('{"type": "module"}', encoding="utf-8")

    def run(*cases):
        done = subprocess.run(["node", str(ROOT / "tests" / "cms_format.mjs"), str(folder)],
                              input=json.dumps(list(cases)), capture_output=True, text=True, check=True)
        return json.loads(done.stdout)
    return run


def _changed(before: str, after: str) -> list[tuple[str, str]]:
    import difflib
    return [(line[0], line[2:]) for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[0] in "+-"]


def test_reading_knows_where_a_file_lives(run_format):
    path = "campaigns/2024-environment-day/stories/study.en.md"
    [out] = run_format({"source": STORY, "path": path})
    assert out["read"]["cms_kind"] == "story" and out["read"]["campaign"] == "2024-environment-day"
    assert out["read"]["file_slug"] == "study"
    assert out["read"]["note_for_office"] == "不在模型里的字段"
    [campaign] = run_format({"source": STORY, "path": "campaigns/2024-environment-day/index.zh.md"})
    assert campaign["read"]["cms_kind"] == "campaign" and campaign["read"]["file_slug"] == "2024-environment-day"


def test_saving_an_untouched_file_changes_nothing(run_format):
    [out] = run_format({"source": STORY, "path": "campaigns/c/stories/s.zh.md"})
    assert out["written"] == STORY


def test_an_edited_value_is_the_only_change(run_format):
    summary, city, cleared = run_format(
        {"source": STORY, "path": "campaigns/c/stories/s.zh.md", "set": {"summary": "新的摘要：研究。"}},
        {"source": STORY, "path": "campaigns/c/stories/s.zh.md",
         "set": {"venue": {"name": "会场", "city": "包头市"}}},
        {"source": STORY, "path": "campaigns/c/stories/s.zh.md", "set": {"note_for_office": ""}},
    )
    assert _changed(STORY, summary["written"]) == [("-", "summary: 旧的摘要。"), ("+", "summary: 新的摘要：研究。")]
    assert _changed(STORY, city["written"]) == [("-", "  city: 呼和浩特市"), ("+", "  city: 包头市")]
    assert _changed(STORY, cleared["written"]) == [("-", "note_for_office: 不在模型里的字段")]


def test_new_values_are_added_and_quoted_for_the_check(run_format):
    [out] = run_format({"source": STORY, "path": "campaigns/c/stories/s.zh.md",
                        "set": {"region": "10:30", "title": "yes", "body": "新的正文。\n"}})
    changes = _changed(STORY, out["written"])
    # YAML 1.1 would read these as a number and a boolean: quoted, as `campaign check` asks.
    assert ("+", 'title: "yes"') in changes and ("+", 'region: "10:30"') in changes
    assert out["written"].endswith("---\n新的正文。\n")
    assert "# 这一行注释要保留" in out["written"] and "# 名称" in out["written"]


def test_limitation_an_edited_list_is_written_whole(run_format):
    """Written down in DESIGN.md: a changed list loses the comments inside and beside it."""
    [out] = run_format({"source": STORY, "path": "campaigns/c/stories/s.zh.md",
                        "set": {"tags": ["生态文化", "图书", "论坛"]}})
    assert _changed(STORY, out["written"]) == [("-", "tags: [生态文化, 图书]   # 标签"), ("+", "tags: [生态文化, 图书, 论坛]")]


def test_a_new_file_follows_the_configured_order(run_format):
    order = ["campaign", "file_slug", "title", "summary", "cover", "cover_alt", "start", "venue", "body"]
    [out] = run_format({"source": None, "path": None, "order": order, "set": {
        "body": "正文。\n", "venue": {"name": "大青山", "city": "", "address": None}, "start": "2026-12-20T09:30:00+08:00",
        "title": "植树", "summary": "在山上植树。", "campaign": "c", "file_slug": "trees", "tags": [], "cms_kind": "event"}})
    assert out["written"] == ("---\ntitle: 植树\nsummary: 在山上植树。\nstart: \"2026-12-20T09:30:00+08:00\"\n"
                              "venue:\n  name: 大青山\n---\n\n正文。\n")


# --- the scan trusts the editor's page only as its own bytes ---------------------------------------------

def test_the_scan_trusts_the_editor_page_only_as_shipped(tmp_path):
    page = admin.trusted_pages()
    (tmp_path / "admin").mkdir()
    target = tmp_path / "admin" / "index.html"
    known = known_scripts([])
    target.write_bytes(page["admin/index.html"])
    assert scan_site(tmp_path, known) != []  # without the trust, its scripts are unknown to the scan
    assert scan_site(tmp_path, known, trusted=page) == []
    target.write_bytes(page["admin/index.html"].replace(b"</body>", b"<script>alert(1)</script></body>"))
    assert [p.code for p in scan_site(tmp_path, known, trusted=page)] != []


def test_production_carries_the_editor_only_when_mkdocs_yml_asks(settings):
    from dataclasses import replace
    assert admin.wanted(settings, "preview") and not admin.wanted(settings, "production")
    published = replace(settings, extra={**settings.extra, "cms": {"publish": True}})
    assert admin.wanted(published, "production")
