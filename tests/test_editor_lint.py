"""What the editors' VS Code shows: the front-matter linter (remark with the JSON Schemas
of schemas/, as the remark extension runs it) and the check task's problem matcher."""
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from build_tools.pipeline import check
from build_tools.core.problems import format_problems
from build_tools.core.settings import Settings
from conftest import ROOT
from golden_cases import CASES, load_cases, materialise, read_case

REMARK = ROOT / "node_modules" / ".bin" / "remark"
POSITION = re.compile(r"^\s*(\d+):(\d+)(?:-(\d+):(\d+))?\s+warning\s+(.*)$")


@pytest.fixture(scope="module")
def remark():
    if not REMARK.exists():
        pytest.fail("the npm tools are not installed: run scripts/setup --test (npm ci)")
    return REMARK


def _lint(remark: Path, project: Path, *paths: str) -> dict:
    """remark's report: file → [(line or None, message)]."""
    result = subprocess.run([str(remark), *paths, "--quiet", "--no-stdout", "--no-color"], cwd=project,
                            capture_output=True, text=True, timeout=120)
    report, current = {}, None
    for line in result.stderr.splitlines():
        if not line.strip() or line.lstrip().startswith(("⚠", "✖")):
            continue
        if not line.startswith(" ") and not line[0].isdigit():
            current = line.strip()
            report[current] = []
            continue
        match = POSITION.match(line)
        report[current].append((int(match.group(1)) if match else None, (match.group(5) if match else line.strip())))
    return report


def _project(tmp_path: Path) -> Path:
    """Where remark looks: the config, the schemas and the npm tools, as in the repository."""
    for name in (".remarkrc.mjs", "package.json"):
        shutil.copy2(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    return tmp_path


def test_the_demo_content_lints_clean(remark):
    report = _lint(remark, ROOT, "campaigns")
    assert report == {}


def test_front_matter_mistakes_are_underlined_on_their_lines(remark, tmp_path):
    project = _project(tmp_path)
    for case in load_cases():
        materialise(read_case(case), project)
    # a file without language suffix is a source file; a translation may not set the status
    events = project / "campaigns" / "plain" / "events"
    events.mkdir(parents=True)
    for name in ("plain.md", "plain.en.md"):
        (events / name).write_text("---\ntitle: t\nsummary: s\nstart: 2024-06-05\nstatus: done\n---\n", encoding="utf-8")
    report = _lint(remark, project, "campaigns")
    broken = dict(report["campaigns/demo/events/broken.zh.md"])
    lines = [line for line, _ in report["campaigns/demo/events/broken.zh.md"]]
    # the lines `campaign check` reports for the values of status and registration
    assert 7 in lines and 11 in lines
    assert "`cancelled`" in broken[7]
    assert any("'summary'" in text for line, text in report["campaigns/demo/events/broken.zh.md"] if line is None)
    # rules between fields and translations
    assert 5 in [line for line, _ in report["campaigns/demo/events/timed.zh.md"]]
    assert any("'consent'" in text for _, text in report["campaigns/demo/stories/person.zh.md"])
    assert report["campaigns/demo/index.en.md"]  # `kind` in a translation
    assert [line for line, _ in report["campaigns/plain/events/plain.md"]] == [5]
    assert any("additional properties" in text for _, text in report["campaigns/plain/events/plain.en.md"])
    # files the linter has no schema for are left to `campaign check`
    assert "campaigns/demo/notes.md" not in report
    checked = {p.path for p in check(Settings(root=project, content_dir=project / "campaigns"))}
    assert set(report) - {"campaigns/plain/events/plain.md", "campaigns/plain/events/plain.en.md"} <= checked


def _jsonc(path: Path):
    """VS Code's settings files allow // comments."""
    text = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("//"))
    return json.loads(text)


def test_vscode_recommends_the_extensions_that_use_the_schemas():
    assert "unifiedjs.vscode-remark" in _jsonc(ROOT / ".vscode" / "extensions.json")["recommendations"]
    settings = _jsonc(ROOT / ".vscode" / "settings.json")
    assert settings["remark.requireConfig"] is True
    config = (ROOT / ".remarkrc.mjs").read_text(encoding="utf-8")
    assert "schemas/associations.json" in config


def test_the_check_task_puts_every_problem_on_its_file_and_line(tmp_path):
    task = _jsonc(ROOT / ".vscode" / "tasks.json")["tasks"][0]
    assert task["command"].endswith("campaign check")
    pattern = task["problemMatcher"]["pattern"]
    regexp = re.compile(pattern["regexp"])
    materialise(read_case(CASES / "several_mistakes.yml"), tmp_path)
    problems = check(Settings(root=tmp_path, content_dir=tmp_path / "campaigns"))
    output = format_problems(problems).splitlines() + ["内容检查通过：1 个宣传活动，0 个活动，0 个故事，0 篇新闻；译文 0 篇。"]
    found = [regexp.match(line) for line in output]
    assert [(m.group(pattern["file"]), int(m.group(pattern["line"]))) for m in found if m] == [(p.path, p.line) for p in problems]
