"""Work done in worker processes (core/workers.py: bodies checked, languages rendered side
by side, pages indexed and scanned while MkDocs renders the next ones) changes no byte of
the site: a build on one core, where everything runs in the build's own process, and a build
on all cores write the same files, search indexes and scan verdicts included."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.synthetic import write_items
from build_tools.content.validate import BODIES_SERIAL_BELOW
from build_tools.core.workers import cores
from conftest import copy_project

pytestmark = pytest.mark.skipif(cores() < 2 or not shutil.which("taskset"), reason="needs two cores and taskset")


def _build(project: Path, site: Path, cache: Path, one_core: bool) -> None:
    env = {**os.environ, "CAMPAIGN_CACHE_DIR": str(cache)}
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    if one_core:  # what a one-core machine sees: no worker is started
        cmd = ["taskset", "-c", "0", *cmd]
    result = subprocess.run(cmd, cwd=project, capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stderr


def _files(folder: Path) -> dict:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_build_on_one_core_and_on_all_cores_write_the_same_site(tmp_path):
    project = copy_project(tmp_path / "p")
    write_items(project / "campaigns", BODIES_SERIAL_BELOW // 2)  # enough bodies to be checked in workers
    # A page whose body names a page fragment's placeholder: it stays a comment, as anything an
    # editor writes that looks like ours.
    story = next((project / "campaigns").glob("*/stories/*.zh.md"))
    story.write_text(story.read_text("utf-8") + "\n<!--campaign-fragment:0123456789abcdef01234567-->\n", "utf-8")
    _build(project, tmp_path / "one", tmp_path / "cache-one", one_core=True)
    _build(project, tmp_path / "all", tmp_path / "cache-all", one_core=False)
    one, every = _files(tmp_path / "one"), _files(tmp_path / "all")
    assert sorted(one) == sorted(every)
    assert [name for name in one if one[name] != every[name]] == []
    # The search cuts the workers made are kept as a build in one process keeps them.
    assert _files(tmp_path / "cache-one" / "search") == _files(tmp_path / "cache-all" / "search")
