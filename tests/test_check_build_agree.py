"""The check and the build are one validation: for every golden case, `campaign check
--strict` and `mkdocs build --strict` both fail or both pass, with the same lines (file,
line, field, message). MkDocs runs in this process and stops before rendering when the
check finds something, so the corpus stays fast."""
import logging
import re
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException

from build_tools.cli.main import main as campaign
from conftest import copy_project
from golden_cases import load_cases, materialise, read_case


class _Lines(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.text = []

    def emit(self, record):
        self.text.append(record.getMessage())


def _problem_lines(text: str) -> set:
    """`path:line: …` lines: what names a file and line for an editor."""
    return {line for line in text.splitlines() if re.match(r"[^\s:]+:\d+: ", line)}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """One copy of the site configuration; each case brings its own campaigns/."""
    return copy_project(tmp_path_factory.mktemp("agree") / "p", with_content=False)


def _case_project(project: Path, case: dict) -> Path:
    shutil.rmtree(project / "campaigns")
    materialise(case, project)
    return project


def _build(project: Path, site: Path) -> tuple[bool, str]:
    handler = _Lines()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
            ok = True
        except (Abort, MkDocsException) as exc:  # PluginError is one; a traceback is not
            handler.text.append(str(exc))
            ok = False
        finally:
            config.plugins.on_shutdown()
    finally:
        logger.removeHandler(handler)
    return ok, "\n".join(handler.text)


@pytest.mark.parametrize("case_path", load_cases(), ids=lambda p: p.stem)
def test_check_and_build_agree(case_path: Path, project: Path, tmp_path: Path, capsys):
    root = _case_project(project, read_case(case_path))
    checked = campaign(["--config", str(root / "mkdocs.yml"), "check", "--strict", "--lang", "zh"])
    check_out = capsys.readouterr().out
    built, build_out = _build(root, tmp_path / "site")
    assert (checked == 0) == built, f"check said {checked}, build {'passed' if built else 'failed'}:\n{build_out}"
    assert _problem_lines(build_out) == _problem_lines(check_out)
    if not built:
        assert _problem_lines(check_out), "a failed build names the file and line"
