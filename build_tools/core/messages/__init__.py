"""The message catalogue for problems, in every interface language."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml


@lru_cache(maxsize=1)
def catalogue() -> dict:
    text = resources.files(__package__).joinpath("problems.yml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def message(code: str, lang: str, params: dict) -> str:
    entry = catalogue()[code]
    template = entry.get(lang) or entry["en"]
    return template.format(**params)
