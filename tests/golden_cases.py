"""Golden validation cases: front matter in, exact messages out.

Each case in tests/golden/validation/*.yml holds `files` (path → text) and the
expected report in Chinese and English. `pytest --update-golden` rewrites them.
"""
from pathlib import Path

import yaml

CASES = Path(__file__).resolve().parent / "golden" / "validation"


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper, value):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def load_cases():
    return sorted(CASES.glob("*.yml"))


def read_case(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def write_case(path: Path, case: dict) -> None:
    text = yaml.dump(case, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(text, encoding="utf-8")


def materialise(case: dict, root: Path) -> None:
    (root / "campaigns").mkdir(parents=True, exist_ok=True)
    for rel, text in case["files"].items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, str):
            target.write_text(text, encoding="utf-8")
        else:  # {bytes: hex} for binary or non-UTF-8 files
            target.write_bytes(bytes.fromhex(text["hex"]))
