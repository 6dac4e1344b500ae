"""The plugin's options (`plugins: - campaigns:` in mkdocs.yml): one table of names, defaults
and checks. The MkDocs adapter declares its config options from it and the `campaign`
command reads mkdocs.yml through it, so both accept the same values and report a bad one
the same way: one line naming `plugins.campaigns.<option>`.

A check takes the value as written and returns it as the core uses it, or raises
ValueError saying what is wrong.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

PREFIX = "plugins.campaigns"
# A language code names files (.en.md) and a folder of the site (/en/).
_CODE = re.compile(r"[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*")
_LABEL = r"(?!-)[a-z0-9-]{1,63}(?<!-)"
_HOST = re.compile(rf"{_LABEL}(?:\.{_LABEL})*", re.IGNORECASE)


class OptionError(ValueError):
    """A bad option value; its text names the option as mkdocs.yml spells it."""

    def __init__(self, name: str, reason: str):
        self.name, self.reason = name, reason
        super().__init__(f"{PREFIX}.{name} {reason}" if name else f"{PREFIX} {reason}")


@dataclass(frozen=True)
class Option:
    default: object
    check: Callable[[object], object]


def _text(value) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"must be a text, not {value!r}")
    return value


def _flag(value) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"must be true or false, not {value!r}")
    return value


def _page_size(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"must be a whole number, 1 or more, not {value!r}")
    return value


def _timezone(value) -> str:
    try:
        ZoneInfo(_text(value))
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"must be an IANA time zone such as Asia/Shanghai, not {value!r}") from None
    return value


def _list(value) -> list:
    if not isinstance(value, (list, tuple)):
        raise ValueError(f"must be a list, not {value!r}")
    return list(value)


def _hosts(value) -> tuple[str, ...]:
    for host in _list(value):
        if not isinstance(host, str) or not _HOST.fullmatch(host):
            raise ValueError(f"must list host names such as player.example.org, not {host!r}")
    return tuple(value)


def _codes(value) -> tuple[str, ...]:
    codes = _list(value)
    if not codes:
        raise ValueError("must name at least one language (the first is the source language)")
    for code in codes:
        if not isinstance(code, str) or not _CODE.fullmatch(code):
            raise ValueError(f"must list language codes such as zh or en, not {code!r}")
    twice = sorted({c for c in codes if codes.count(c) > 1})
    if twice:
        raise ValueError(f"names {', '.join(twice)} more than once")
    return tuple(codes)


def _language_options(value) -> dict:
    """Their shape only: each language's options are checked where languages are made
    (i18n/languages.py), which both readers ask before a build."""
    if not isinstance(value, dict):
        raise ValueError(f"must be a mapping of language codes to their options, not {value!r}")
    for code, options in value.items():
        if options is not None and not isinstance(options, dict):
            raise OptionError(f"language_options.{code}", f"must be a mapping of options, not {options!r}")
    return dict(value)


OPTIONS: dict[str, Option] = {
    "content_dir": Option("campaigns", _text),  # relative to mkdocs.yml; see content_dir()
    "languages": Option(("zh", "en"), _codes),  # the first is the source language
    "language_options": Option({}, _language_options),  # per language: see i18n/languages.py
    "timezone": Option("Asia/Shanghai", _timezone),
    "page_size": Option(20, _page_size),
    "share_cards": Option(True, _flag),
    "posters": Option(True, _flag),
    "embed_hosts": Option((), _hosts),
}


def default(name: str):
    return OPTIONS[name].default


def check(name: str, value):
    """The value of one option as the core uses it; OptionError if it is wrong."""
    try:
        return OPTIONS[name].check(value)
    except OptionError:
        raise
    except ValueError as exc:
        raise OptionError(name, str(exc)) from None


def content_dir(value: str, root: Path, must_exist: bool = True) -> Path:
    """The content folder, resolved against the project folder."""
    folder = (root / check("content_dir", value)).resolve()
    if must_exist and not folder.is_dir():
        raise OptionError("content_dir", f"must be an existing folder; {folder} is not one")
    return folder


def read(raw: dict, root: Path, must_exist: bool = True) -> dict:
    """Every option, checked, with the defaults for those not given (what the CLI reads)."""
    values = {name: check(name, raw[name] if raw.get(name) is not None else option.default)
              for name, option in OPTIONS.items() if name != "content_dir"}
    values["content_dir"] = content_dir(raw.get("content_dir") or default("content_dir"), root, must_exist)
    return values
