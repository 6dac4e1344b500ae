"""`campaign check --format github|json`: one annotation per mistake, on the right line."""
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_project
from golden_cases import CASES, materialise, read_case

ANNOTATION = re.compile(r"^::(error|warning) file=([^,]+),line=(\d+),title=([^:]*)::(.*)$")
BROKEN = "campaigns/demo/events/broken.zh.md"


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> Path:
    """The golden case with several mistakes in one event file, in a project of its own."""
    root = tmp_path_factory.mktemp("broken")
    copy_project(root, with_content=False)
    materialise(read_case(CASES / "several_mistakes.yml"), root)
    return root


def _check(root: Path, *args):
    return subprocess.run([sys.executable, "-m", "build_tools.cli", "check", *args], cwd=root,
                          capture_output=True, text=True, timeout=120, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def _unescape(text: str) -> str:
    return text.replace("%3A", ":").replace("%2C", ",").replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")


def test_github_format_prints_one_annotation_per_mistake_on_its_line(broken):
    result = _check(broken, "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    human = _check(broken).stdout.splitlines()
    expected = [l for l in read_case(CASES / "several_mistakes.yml")["expected"]["zh"].splitlines() if l]
    assert human == expected
    assert len(lines) == len(expected) == 9
    source = (broken / BROKEN).read_text(encoding="utf-8").splitlines()
    seen = []
    for line, reported in zip(lines, expected):
        match = ANNOTATION.match(line)
        assert match, line
        kind, path, number, title, text = match.groups()
        assert (kind, path) == ("error", BROKEN)
        # the same mistake as the human report: file, line, field and Chinese message
        assert reported == f"{path}:{number}: {_unescape(title)}: {_unescape(text)}"
        field = _unescape(title)
        key = field.split(".")[-1]
        if field == "body":
            assert "missing.jpg" in source[int(number) - 1]
        elif f"{key}:" in "\n".join(source):  # a field that is in the file: its own line
            assert source[int(number) - 1].lstrip().startswith(f"{key}:"), (field, number)
        else:  # a missing field: the start of the front matter
            assert number == "1"
        seen.append((number, field))
    assert len(set(seen)) == len(seen)
    assert ("3", "summry") in seen and ("11", "registration") in seen
    assert re.search(r"[\u4e00-\u9fff]", "".join(lines))  # Chinese by default


def test_english_messages_with_lang_en(broken):
    lines = _check(broken, "--format", "github", "--lang", "en").stdout.splitlines()
    expected = read_case(CASES / "several_mistakes.yml")["expected"]["en"].splitlines()
    assert [_unescape(ANNOTATION.match(l).group(5)) for l in lines] == [e.split(": ", 2)[2] for e in expected]
    assert not re.search(r"[\u4e00-\u9fff]", "".join(l.split("::", 2)[2] for l in lines))


def test_json_format_lists_each_mistake_with_file_line_field_and_message(broken):
    result = _check(broken, "--format", "json")
    assert result.returncode == 1
    found = json.loads(result.stdout)
    assert len(found) == 9
    assert {(p["path"], p["line"], p["field"]) for p in found} >= {(BROKEN, 3, "summry"), (BROKEN, 7, "status")}
    status = next(p for p in found if p["field"] == "status")
    assert status["code"] == "invalid_choice" and status["severity"] == "error"
    assert status["message"] == "“canceled”不是可选值；可选值为：scheduled, postponed, cancelled, held"


def test_github_format_escapes_what_would_end_an_annotation(tmp_path):
    copy_project(tmp_path, with_content=False)
    camp = tmp_path / "campaigns" / "a"
    (camp / "news").mkdir(parents=True)
    (camp / "index.zh.md").write_text("---\ntitle: t\nsummary: s\nkind: forum\nyear: 2024\nstart: 2024-06-05\n---\n", encoding="utf-8")
    # a field name with a comma and a colon, a value with a percent sign
    (camp / "news" / "n.zh.md").write_text('---\ntitle: t\nsummary: s\ndate: "100%\\n2024"\n"a,b:c": 1\n---\n', encoding="utf-8")
    lines = _check(tmp_path, "--format", "github").stdout.splitlines()
    assert len(lines) == 2
    for line in lines:
        match = ANNOTATION.match(line)
        assert match and match.group(2) == "campaigns/a/news/n.zh.md"
    by_line = {ANNOTATION.match(l).group(3): ANNOTATION.match(l) for l in lines}
    assert _unescape(by_line["5"].group(4)) == "a,b:c"
    assert '"100%25' in by_line["4"].group(5)  # a bare % would start an escape
