"""`mkdocs serve` as an editor uses it: pages follow the files, mistakes are reported and
the server keeps serving, even when the content is broken from the start."""
import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import copy_project

WAIT = 90  # seconds: the longest any step may take before the test gives up
CAMPAIGN = """---
title: 测试论坛
summary: 用于测试。
kind: forum
year: 2024
start: 2024-06-05
---
"""
EVENT = """---
title: {title}
summary: 用于测试。
start: 2024-06-05
status: {status}
---
正文。
"""
# Broken YAML from the start: the first build must report it and still serve.
BROKEN_YAML = "---\ntitle: 冒号后面没有空格\nsummary:缺空格\nstart: 2024-06-05\n  venue: 缩进错误\n---\n"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except OSError:
        return None, ""


def _until(condition, what: str, proc=None, log=None):
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            pytest.fail(f"the server stopped while waiting for {what}:\n{log.read_text(encoding='utf-8')}")
        found = condition()
        if found:
            return found
        time.sleep(0.3)
    pytest.fail(f"gave up waiting for {what}")


@pytest.fixture
def server(tmp_path):
    project = copy_project(tmp_path / "p", with_content=False)
    camp = project / "campaigns" / "test-forum"
    (camp / "events").mkdir(parents=True)
    (camp / "index.zh.md").write_text(CAMPAIGN, encoding="utf-8")
    (camp / "events" / "tree-planting.zh.md").write_text(EVENT.format(title="植树活动", status="scheduled"), encoding="utf-8")
    (camp / "events" / "broken.zh.md").write_text(BROKEN_YAML, encoding="utf-8")
    log = tmp_path / "serve.log"
    with _serving(project, log) as (base, proc):
        yield project, base, log, proc


@contextlib.contextmanager
def _serving(project: Path, log: Path, *flags):
    """A real `mkdocs serve` on a free port of 127.0.0.1, its output in log; stopped after."""
    port = _free_port()
    with open(log, "w", encoding="utf-8") as handle:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", *flags, "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
            cwd=project, stdout=handle, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    try:
        yield f"http://127.0.0.1:{port}", proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=20)


def test_serve_rebuilds_on_content_changes_and_reports_mistakes_without_stopping(server):
    project, base, log, proc = server
    page = f"{base}/events/tree-planting/"
    event = project / "campaigns" / "test-forum" / "events" / "tree-planting.zh.md"
    output = lambda: log.read_text(encoding="utf-8")  # noqa: E731
    until = lambda condition, what: _until(condition, what, proc, log)  # noqa: E731

    # The first build has a YAML syntax error in it: reported with file and line, and served anyway.
    status, html = until(lambda: (r := _get(page))[0] == 200 and r, "the first build to be served")
    assert "植树活动" in html
    assert "campaigns/test-forum/events/broken.zh.md:3: summary 的冒号后面要有一个半角空格" in output()
    assert "ERROR" in output()

    # An edit under campaigns/ rebuilds the page.
    event.write_text(EVENT.format(title="春季植树活动", status="scheduled"), encoding="utf-8")
    until(lambda: "春季植树活动" in _get(page)[1], "the edited title on the page")
    assert "春季植树活动" in _get(f"{base}/events/")[1]

    # A mistake in a field: an error line in the terminal, and the server keeps serving.
    event.write_text(EVENT.format(title="春季植树活动", status="canceled"), encoding="utf-8")
    line = "campaigns/test-forum/events/tree-planting.zh.md:5: status: “canceled”不是可选值"
    until(lambda: line in output(), "the error in the server's output")
    assert proc.poll() is None
    assert until(lambda: _get(f"{base}/")[0] == 200, "the home page after the mistake")

    # Fixed again: the page comes back with the fix.
    event.write_text(EVENT.format(title="春季植树活动（已改正）", status="cancelled"), encoding="utf-8")
    until(lambda: "春季植树活动（已改正）" in _get(page)[1], "the corrected page")
    assert proc.poll() is None


def test_serve_with_a_copied_file_answers_lists_the_errors_on_every_page_and_clears_when_fixed(tmp_path):
    """`scripts/build serve` as an editor meets it after copying an event into another
    campaign: pages answer, each lists the errors, a page whose file has errors says so,
    and fixing the files clears it all. No --dirty warning in the terminal."""
    project = copy_project(tmp_path / "p", with_content=False)
    for name in ("a", "b"):
        (project / "campaigns" / name / "events").mkdir(parents=True)
        (project / "campaigns" / name / "index.zh.md").write_text(CAMPAIGN, encoding="utf-8")
        (project / "campaigns" / name / "events" / "talk.zh.md").write_text(
            EVENT.format(title="讲座", status="scheduled"), encoding="utf-8")
    visit = project / "campaigns" / "a" / "events" / "visit.zh.md"
    visit.write_text(EVENT.format(title="参观", status="canceled"), encoding="utf-8")
    log = tmp_path / "serve.log"
    duplicate = "campaigns/b/events/talk.zh.md:1: 网址 /events/talk/ 重复"
    wrong = "campaigns/a/events/visit.zh.md:5: status: “canceled”不是可选值"
    with _serving(project, log, "--dirty") as (base, proc):
        until = lambda condition, what: _until(condition, what, proc, log)  # noqa: E731
        html = until(lambda: (r := _get(f"{base}/events/talk/"))[0] == 200 and r[1], "the first build to be served")
        assert "讲座" in html and duplicate in html and wrong in html and "cs-problems-banner" in html
        assert duplicate in _get(f"{base}/calendar/")[1]
        page = _get(f"{base}/events/visit/")[1]  # not an old version, not a 404: the errors
        assert "本页有错误" in page and wrong in page
        assert "dirty" not in log.read_text(encoding="utf-8")

        (project / "campaigns" / "b" / "events" / "talk.zh.md").rename(project / "campaigns" / "b" / "events" / "talk-b.zh.md")
        visit.write_text(EVENT.format(title="参观", status="cancelled"), encoding="utf-8")
        until(lambda: "参观" in (r := _get(f"{base}/events/visit/")[1]) and "cs-problems-banner" not in r,
              "the fixed page without the list of errors")
        assert "cs-problems-banner" not in _get(f"{base}/events/talk/")[1]
        assert proc.poll() is None
