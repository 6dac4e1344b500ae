"""Read our plugin's settings from mkdocs.yml without importing MkDocs."""
from __future__ import annotations

import os
from pathlib import Path

import yaml

from .options import OptionError, read
from .settings import Settings

PLUGIN_NAME = "campaigns"


class ConfigError(ValueError):
    """mkdocs.yml cannot be read as settings (a bad plugin option is an OptionError)."""


class _Loader(yaml.SafeLoader):
    """Safe loading that reads MkDocs' !ENV and Python-name tags as plain values."""


def _tagged(loader, suffix, node):
    if suffix == "ENV":  # as MkDocs reads it: the first variable that is set, else the default
        names = [node.value] if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node)
        for name in names[:-1] if len(names) > 1 else names:
            if isinstance(name, str) and name in os.environ:
                return os.environ[name]
        return names[-1] if len(names) > 1 else None
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)[-1] if node.value else None
    return loader.construct_mapping(node)


_Loader.add_multi_constructor("!", _tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)


def find_config(start: Path) -> Path:
    for folder in [start, *start.parents]:
        candidate = folder / "mkdocs.yml"
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"no mkdocs.yml in {start} or above")


def load_settings(config_path: Path, content_must_exist: bool = True) -> Settings:
    """The settings of the site configured in mkdocs.yml; OptionError for a bad plugin option.
    Commands that only write (a new file, the schemas) need no content folder yet."""
    try:
        data = yaml.load(config_path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"is not valid YAML: {' '.join(str(exc).split())}") from None
    if not isinstance(data, dict):
        raise ConfigError("must be a mapping of MkDocs settings")
    options = {}
    for entry in data.get("plugins") or []:
        if isinstance(entry, dict) and PLUGIN_NAME in entry:
            options = entry[PLUGIN_NAME] or {}
    if not isinstance(options, dict):
        raise OptionError("", f"must be a mapping of options, not {options!r}")
    root = config_path.resolve().parent
    return make_settings(
        root, read(options, root, content_must_exist),
        site_url=data.get("site_url") or "",
        site_name=data.get("site_name") or "",
        site_description=data.get("site_description") or "",
        extra=data.get("extra") or {},
        docs_dir=(root / (data.get("docs_dir") or "docs")).resolve(),
        markdown_extensions=_extension_names(data.get("markdown_extensions")),
    )


def make_settings(root: Path, options: dict, **site) -> Settings:
    """Settings from checked plugin options (see options.py) and the site's own configuration."""
    return Settings(
        root=root,
        content_dir=options["content_dir"],
        languages=tuple(options["languages"]),
        timezone=options["timezone"],
        page_size=options["page_size"],
        share_cards=options["share_cards"],
        posters=options["posters"],
        language_options=dict(options["language_options"]),
        embed_hosts=tuple(options["embed_hosts"]),
        **site,
    )


def _extension_names(entries) -> tuple[str, ...]:
    """Extension names as MkDocs loads them: its built-ins, then the configured ones."""
    names = ["toc", "tables", "fenced_code"]
    for entry in entries or []:
        name = next(iter(entry)) if isinstance(entry, dict) and entry else entry
        if isinstance(name, str) and name not in names:
            names.append(name)
    return tuple(names)
