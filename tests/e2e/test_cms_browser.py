"""The browser editor at /admin/, driven as an editor drives it: a small copy of the demo (one
campaign) in a git repository, its preview build served on 127.0.0.1, Decap's local server
(decap-server, from package-lock.json) on 127.0.0.1 writing into the repository. One browser
context for the module; every request it makes is checked (tests/e2e/conftest.py)."""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from site_checks import axe
from site_checks.browser import DESKTOP, Guard, new_context
from site_checks.checksite import DEFAULT_EPOCH
from site_checks.server import serve
from site_checks.tools import NODE_MODULES, ROOT, require_command, require_file

pytestmark = [pytest.mark.browser, pytest.mark.node]

CAMPAIGN = "2024-environment-day"
STORY = f"campaigns/{CAMPAIGN}/stories/ecological-culture-strategy-study"
CAMPAIGN_BIN = ROOT / ".venv" / "bin" / "campaign"
WAIT = 30_000
FAILED_SHOT = ROOT / "test-artifacts" / "screenshots" / "cms-publish-failed.png"


def _run(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": DEFAULT_EPOCH}
    return subprocess.run([str(CAMPAIGN_BIN), *args], cwd=project, env=env, capture_output=True, text=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_server(url: str, process) -> None:
    body = json.dumps({"action": "info"}).encode()
    for _ in range(100):
        if process.poll() is not None:
            raise RuntimeError(f"decap-server stopped: {process.stderr.read()}")
        try:
            request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=2) as response:
                if json.load(response).get("type"):
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("decap-server did not answer")


def _git(project: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(project), *args], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """One campaign of the demo, as a git repository, with its preview build in site/."""
    work = tmp_path_factory.mktemp("cms")
    project = work / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "docs", "assets"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, project / name)
    shutil.copytree(ROOT / "campaigns" / CAMPAIGN, project / "campaigns" / CAMPAIGN)
    (project / "node_modules").symlink_to(NODE_MODULES, target_is_directory=True)
    (project / ".gitignore").write_text("node_modules\nsite*/\n.cache/\n", encoding="utf-8")
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "demo")
    built = _run(project, "build", "--mode", "preview", "-d", str(project / "site"))
    assert built.returncode == 0, built.stderr[-3000:]
    return project


@pytest.fixture(scope="module")
def editor(project, browser, guards):
    """The editor's page, logged in to the local server; yields (page, guard)."""
    node = require_command("node")
    server_js = require_file(NODE_MODULES / "decap-server" / "dist" / "index.js", "decap-server")
    port = _free_port()
    env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": "fs",
           "GIT_REPO_DIRECTORY": str(project), "LOG_LEVEL": "error"}
    process = subprocess.Popen([node, str(server_js)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for_server(f"http://127.0.0.1:{port}/api/v1", process)
        with serve(project / "site") as base:
            guard = Guard()
            guards.append(guard)
            context = new_context(browser, base, viewport=DESKTOP, guard=guard, timezone_id="Asia/Shanghai")
            page = context.new_page()
            page.set_default_timeout(WAIT)
            page.goto(f"{base}/admin/?port={port}")
            page.get_by_role("button", name="登录").click()
            page.get_by_text("内容", exact=True).first.wait_for()
            page.cms_url = f"{base}/admin/?port={port}"
            yield page, guard
            context.close()
    finally:
        process.terminate()
        process.wait(timeout=10)


def _open(page, route: str) -> None:
    page.goto(f"{page.cms_url}#/collections/{route}")
    page.get_by_text("正在使用ZH撰写").wait_for()


def _publish(page) -> None:
    saved = page.get_by_text("内容已保存", exact=True)
    saved.first.wait_for(state="hidden")  # the toast of an earlier save in this browser tab has gone
    page.get_by_role("button", name="发布").first.click()
    page.get_by_text("立即发布", exact=True).click()
    # Decap (without its editorial workflow) confirms a save with the toast "内容已保存", and the
    # button turns to "已发布". A new entry's page then loads again, and the button can show
    # "发布" once more meanwhile, so the toast is the confirmation; the files are checked after.
    done = saved.or_(page.get_by_text("已发布", exact=True))
    try:
        done.first.wait_for()
    except Exception as error:  # what the editor showed instead (a missing field, an error message)
        FAILED_SHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(FAILED_SHOT), full_page=True)
        shown = page.locator("body").inner_text()[:2000]
        raise AssertionError(f"not published; the editor showed:\n{shown}") from error


def _written(*paths: Path, expected: str = "") -> None:
    """Wait until decap-server has written every path (its reply can come a moment before
    the last write), and one of them holds `expected`."""
    deadline = time.monotonic() + WAIT / 1000
    while time.monotonic() < deadline:
        if all(p.is_file() for p in paths) and (not expected or any(expected in p.read_text("utf-8") for p in paths)):
            return
        time.sleep(0.1)
    raise AssertionError(f"not written: {[str(p) for p in paths]}; in the folder: "
                         f"{sorted(p.name for p in paths[0].parent.iterdir())}")


def test_changing_a_summary_changes_that_line_alone(project, editor):
    page, guard = editor
    _open(page, f"stories/entries/{STORY.split('/', 1)[1]}")
    page.locator('textarea[id^="summary-field"]').first.fill("新的摘要：一部研究内蒙古生态文化的专著。")
    _publish(page)
    _written(project / f"{STORY}.zh.md", expected="新的摘要")
    diff = _git(project, "diff", "--unified=0", "--no-color")
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed[0].startswith("-summary: ") and changed[1:] == ["+summary: 新的摘要：一部研究内蒙古生态文化的专著。"]
    assert _git(project, "status", "--short") == f" M {STORY}.zh.md\n"
    _git(project, "checkout", "-q", ".")


def test_an_event_written_in_the_editor_is_published(project, editor, tmp_path):
    page, guard = editor
    photo = tmp_path / "dadingshan.jpg"
    from PIL import Image
    Image.new("RGB", (1200, 800), (60, 140, 90)).save(photo, quality=80)
    _open(page, "events/new")
    choose = page.locator('input[id^="campaign-field"]').first
    choose.click()
    choose.press_sequentially("六五环境日", delay=50)  # the list is searched as one types
    page.get_by_role("option", name="2024年六五环境日 2024").click()
    page.locator('input[id^="file_slug-field"]').first.fill("tree-planting-daqingshan")
    page.locator('input[id^="title-field"]').nth(0).fill("大青山义务植树")
    page.locator('textarea[id^="summary-field"]').nth(0).fill("志愿者在大青山南坡种下樟子松。")
    page.get_by_role("button", name="选择图片").first.click()
    page.locator("input[type=file]").set_input_files(str(photo))
    page.get_by_role("button", name="选用已选中项目").click()
    page.locator('input[id^="start-field"]').first.fill("2026-12-20T09:30")
    # A cover without its description is not saved.
    page.get_by_role("button", name="发布").first.click()
    page.get_by_text("立即发布", exact=True).click()
    page.get_by_text("请填写“封面说明”", exact=False).first.wait_for()
    assert not (project / "campaigns" / CAMPAIGN / "events" / "tree-planting-daqingshan.zh.md").exists()
    page.locator('input[id^="cover_alt-field"]').first.fill("志愿者在山坡上植树")
    page.locator('input[id^="name-field"]').first.fill("大青山南坡")
    page.locator('input[id^="city-field"]').first.fill("呼和浩特市")
    page.locator('input[id^="title-field"]').nth(1).fill("Tree planting on Daqing Mountain")
    page.locator('textarea[id^="summary-field"]').nth(1).fill("Volunteers plant pines on Daqing Mountain.")
    _publish(page)

    folder = project / "campaigns" / CAMPAIGN / "events"
    zh, en = folder / "tree-planting-daqingshan.zh.md", folder / "tree-planting-daqingshan.en.md"
    _written(zh, en, folder / "dadingshan.jpg")
    assert (folder / "dadingshan.jpg").read_bytes() == photo.read_bytes()
    # A language left empty (Mongolian here) gets no file: it would count as a translation.
    assert sorted(p.name for p in folder.glob("tree-planting-daqingshan.*")) == [en.name, zh.name]
    assert zh.read_text(encoding="utf-8") == (
        "---\ntitle: 大青山义务植树\nsummary: 志愿者在大青山南坡种下樟子松。\ncover: dadingshan.jpg\n"
        "cover_alt: 志愿者在山坡上植树\nstart: \"2026-12-20T09:30:00+08:00\"\n"
        "venue:\n  name: 大青山南坡\n  city: 呼和浩特市\n---\n\n")
    assert en.read_text(encoding="utf-8") == (
        "---\ntitle: Tree planting on Daqing Mountain\nsummary: Volunteers plant pines on Daqing Mountain.\n---\n\n")

    checked = _run(project, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    site = project / "site-production"
    built = _run(project, "build", "-d", str(site))
    assert built.returncode == 0, built.stderr[-3000:]
    assert not (site / "admin").exists()  # production leaves the editor out (mkdocs.yml does not publish it)
    assert (site / "events" / "tree-planting-daqingshan" / "index.html").is_file()
    assert (site / "en" / "events" / "tree-planting-daqingshan" / "index.html").is_file()
    campaign_page = (site / "campaigns" / CAMPAIGN / "index.html").read_text(encoding="utf-8")
    assert "大青山义务植树" in campaign_page and "/events/tree-planting-daqingshan/" in campaign_page
    calendar = (site / "calendar" / "events.ics").read_text(encoding="utf-8")
    assert "SUMMARY:大青山义务植树\nDTSTART;TZID=Asia/Shanghai:20261220T093000\n" in calendar


def test_the_preview_has_no_serious_accessibility_problem(editor):
    page, guard = editor
    _open(page, f"stories/entries/{STORY.split('/', 1)[1]}")
    page.get_by_title("打开/关闭国际化").click()  # the preview takes the translation's place
    page.get_by_title("打开/关闭预览").click()
    frame = page.frame_locator("iframe").first
    frame.locator("article h1").wait_for()
    preview = next(f for f in page.frames if f != page.main_frame)
    # Styled with the site's own stylesheets (Material's and ours), from this site.
    sheets = preview.evaluate("[...document.querySelectorAll('link[rel=stylesheet]')].map(l => l.href)")
    assert any("campaign.css" in s for s in sheets) and all(s.startswith(page.url.split("/admin/")[0]) for s in sheets)
    violations = axe.blocking(axe.run_axe(preview))
    assert violations == [], axe.describe(violations)


def test_no_request_left_127_0_0_1(editor):
    page, guard = editor
    assert guard.requested and guard.blocked == []
