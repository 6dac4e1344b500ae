"""Validation as editors see it: every mistake once, with path, line, field and message."""
from pathlib import Path

import pytest

from build_tools.pipeline import check
from build_tools.core.problems import format_problems
from build_tools.core.settings import Settings
from golden_cases import load_cases, materialise, read_case, write_case


@pytest.mark.parametrize("case_path", load_cases(), ids=lambda p: p.stem)
def test_golden_case(case_path: Path, tmp_path: Path, update_golden):
    case = read_case(case_path)
    materialise(case, tmp_path)
    settings = Settings(root=tmp_path, content_dir=tmp_path / "campaigns")
    problems = check(settings)
    got = {
        "zh": format_problems(problems, "human", "zh") + "\n",
        "en": format_problems(problems, "human", "en") + "\n",
    }
    if update_golden:
        case["expected"] = got
        write_case(case_path, case)
        return
    assert got["zh"] == case["expected"]["zh"]
    assert got["en"] == case["expected"]["en"]
