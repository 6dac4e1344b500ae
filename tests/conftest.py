import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

# A fixed reference time: tests must not depend on the day they run.
os.environ.setdefault("SOURCE_DATE_EPOCH", "1732406400")  # 2024-11-24T00:00:00Z
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite the expected output of golden tests")


@pytest.fixture
def update_golden(request):
    return request.config.getoption("--update-golden")


def mkdocs_build(project: Path, out: Path, *extra, env=None) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build` as an editor or CI would. Not with -q: MkDocs then drops
    warnings before counting them, and --strict no longer fails on them."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(out), *extra]
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(cmd, cwd=project, capture_output=True, text=True, env=full_env, timeout=900)


@pytest.fixture(scope="session", autouse=True)
def shared_image_cache(tmp_path_factory) -> Path:
    """Images, cards and posters are cached by their content: every build of a session
    shares one cache, so the demo's images are made once, not once per copied project."""
    folder = os.environ.setdefault("CAMPAIGN_CACHE_DIR", str(tmp_path_factory.mktemp("image-cache")))
    return Path(folder)


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    """The demo site, built once per test session with --strict."""
    out = tmp_path_factory.mktemp("demo") / "site"
    result = mkdocs_build(ROOT, out)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return out


def copy_project(dest: Path, with_content: bool = True) -> Path:
    """A copy of the project's site configuration (and content) in a temporary folder."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "docs", "assets"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        else:
            shutil.copy2(src, dest / name)
    if with_content:
        shutil.copytree(ROOT / "campaigns", dest / "campaigns")
    else:
        (dest / "campaigns").mkdir()
    return dest
