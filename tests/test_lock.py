"""The lock files: every dependency, transitive ones too, pinned with hashes, agreeing with
pyproject.toml, and what scripts/setup installed is what they say."""
import re
import tomllib
from importlib import metadata

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import ROOT

LOCKS = {name: ROOT / "requirements" / f"{name}.txt" for name in ("site", "test")}


def _entries(path) -> list[tuple[Requirement, list[str]]]:
    """(requirement, hashes) per locked line, continuation lines joined."""
    text = re.sub(r"\\\n\s*", " ", path.read_text(encoding="utf-8"))
    entries = []
    for line in text.splitlines():
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        spec, *options = re.split(r"\s+--", line)
        entries.append((Requirement(spec), [o for o in options if o.startswith("hash=sha256:")]))
    return entries


def _pins(path) -> dict:
    return {canonicalize_name(r.name): str(r.specifier) for r, _ in _entries(path)
            if r.marker is None or r.marker.evaluate()}


def _project_pins(extra: bool) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = project["dependencies"] + (project["optional-dependencies"]["test"] if extra else [])
    return [Requirement(n) for n in names]


def test_every_locked_line_is_one_exact_version_with_hashes():
    for path in LOCKS.values():
        entries = _entries(path)
        assert len(entries) > 30, path
        for requirement, hashes in entries:
            assert re.fullmatch(r"==[^,*]+", str(requirement.specifier)), (path.name, requirement)
            assert hashes, (path.name, requirement.name)


def test_the_locks_keep_the_pins_of_pyproject():
    for name, extra in (("site", False), ("test", True)):
        locked = _pins(LOCKS[name])
        for requirement in _project_pins(extra):
            assert locked.get(canonicalize_name(requirement.name)) == str(requirement.specifier), (
                f"{name}.txt does not match pyproject.toml for {requirement}: run scripts/lock")


def test_the_site_lock_is_the_test_lock_without_the_test_tools():
    site, test = _pins(LOCKS["site"]), _pins(LOCKS["test"])
    assert site.items() <= test.items()  # the same versions: previews build what the tests tested
    assert "pytest" in test and "pytest" not in site


def test_the_environment_is_the_lock():
    # scripts/setup --test installs from requirements/test.txt and nothing else
    for name, pin in _pins(LOCKS["test"]).items():
        assert f"=={metadata.version(name)}" == pin, name

