"""The serve scenario (`scripts/benchmark --scenario serve`): the build-cost scenario's content
(benchmarks/events.py: N events in 10 campaigns, zh and en, no photos) under a real
`mkdocs serve --dirty`, as `scripts/build serve` runs it. After the first build, one event's
Chinese file is edited `edits` times; each time the seconds from the write until the server
sends that event's page with the new text are measured (the median is kept).
"""
from __future__ import annotations

import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from benchmarks.events import scenario_site
from benchmarks.synthetic import write_events

NAME = "serve"
DESCRIPTION = ("The events scenario's content under `mkdocs serve --dirty` (as `scripts/build serve`): one event's "
               "Chinese file edited; seconds from the write until the server sends the page with the new text.")
EDITED = "synthetic-campaign-00000/events/e00000.zh.md"
PAGE = "events/e00000/"
LIMIT = 2.0
FIRST_BUILD_LIMIT = 1800  # seconds the first build may take before the run is given up
EDIT_LIMIT = 120  # seconds an edit may take to appear


def measure(n: int, work: Path, edits: int, env: dict, copy_site) -> dict:
    """env: the environment of a build (SOURCE_DATE_EPOCH...); copy_site(project) writes
    mkdocs.yml, docs/ and assets/ into the project."""
    project = work / "ours"
    scenario_site(project, copy_site)
    counts = write_events(project / "campaigns", n)
    port = _free_port()
    url = f"http://127.0.0.1:{port}/{PAGE}"
    log = project / ".serve.log"
    cmd = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(project / "mkdocs.yml"),
           "-a", f"127.0.0.1:{port}"]
    env = {**env, "CAMPAIGN_CACHE_DIR": str(project / ".cache")}
    started = time.perf_counter()
    with log.open("wb") as err:
        server = subprocess.Popen(cmd, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=err,
                                  start_new_session=True)
        try:
            _wait_for(url, "", FIRST_BUILD_LIMIT, server, log)
            first = time.perf_counter() - started
            time.sleep(2)  # the watcher starts after the first build is served
            seconds = []
            edited = project / "campaigns" / EDITED
            for number in range(edits):
                marker = f"编辑补充第{number + 1}次"
                time.sleep(1.5)  # past the watcher's settling time, as an editor's pauses are
                with edited.open("a", encoding="utf-8") as f:
                    f.write(f"\n\n{marker}：活动结束后，志愿者们合影留念。\n")
                wrote = time.perf_counter()
                _wait_for(url, marker, EDIT_LIMIT, server, log)
                seconds.append(round(time.perf_counter() - wrote, 3))
        finally:
            os.killpg(server.pid, signal.SIGINT)  # the server and nothing else: its own session
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
    return {"scenario": NAME, "items": counts, "first_build_seconds": round(first, 2),
            "edit_seconds": seconds, "median_seconds": statistics.median(seconds), "limit": LIMIT}


def targets(result: dict) -> list[dict]:
    n = result["items"]["event"]
    value = result["median_seconds"]
    return [{"target": f"N={n:,} events: one file edited during `scripts/build serve`, seconds to the rebuilt page",
             "value": value, "cpu_value": None, "limit": LIMIT, "holds": value <= LIMIT,
             "note": "" if value <= LIMIT else f"edits: {', '.join(f'{s:.2f}' for s in result['edit_seconds'])} s"}]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, text: str, limit: float, server, log: Path) -> None:
    """Until the page is served with text in it (polled every 20 ms)."""
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"mkdocs serve stopped:\n{log.read_text('utf-8', 'replace')[-4000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8", "replace"):
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.02)
    raise RuntimeError(f"{url} not served with {text!r} within {limit} s:\n{log.read_text('utf-8', 'replace')[-4000:]}")
