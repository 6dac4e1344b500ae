"""What each front-matter field means, in every interface language (messages/fields.yml)."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml


@lru_cache(maxsize=1)
def _catalogue() -> dict:
    text = resources.files("build_tools.core.messages").joinpath("fields.yml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def entry(kind: str, name: str) -> dict:
    """The entry for a (dotted) field of a kind: `<kind>.<field>` first, then `<field>`."""
    found = _catalogue().get(f"{kind}.{name}") or _catalogue().get(name)
    if found is None:
        raise KeyError(f"no description of the field {name!r} in messages/fields.yml")
    return found


def label(kind: str, name: str, lang: str = "zh") -> str:
    return entry(kind, name)["label"][lang]


def help_text(kind: str, name: str, lang: str = "zh") -> str:
    return entry(kind, name)["help"][lang]


def choices(kind: str, name: str, lang: str = "zh") -> dict:
    """Allowed value → what it means, for fields with a fixed list of values."""
    return {value: text[lang] for value, text in (entry(kind, name).get("choices") or {}).items()}
