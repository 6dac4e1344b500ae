"""The template environment of a language, and how a rendered fragment becomes part of a
generated Markdown page (front matter, one HTML block)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined

from ..i18n.catalogues import stamp, translations
from ..i18n.languages import Language
from ..safety.script_json import script_json

_BLANK = re.compile(r"\n\s*\n+")


def environment(lang: Language) -> Environment:
    """The template environment of a language, with the site's own catalogue if it has one
    (a new version of that file gives a new environment: `serve` shows the edit)."""
    return _environment(lang.code, lang.catalogue, stamp(lang.catalogue))


@lru_cache(maxsize=16)
def _environment(lang: str, catalogue, _stamp) -> Environment:
    env = Environment(
        loader=PackageLoader(__package__, "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations(lang, catalogue), newstyle=True)
    env.filters["script_json"] = script_json  # the only way to print data into a <script>
    return env


def front_matter(title: str, description: Optional[str], extra: Optional[dict] = None) -> str:
    meta = {"title": title, **(extra or {})}
    if description:
        meta["description"] = description
    # libyaml's emitter when present: the pure-Python one was a tenth of the render stage.
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return "---\n" + yaml.dump(meta, Dumper=dumper, allow_unicode=True, sort_keys=True, width=10_000) + "---\n\n"


def html_block(env: Environment, name: str, **context) -> str:
    """Render an HTML fragment as one Markdown HTML block: no blank lines inside."""
    html = env.get_template(name).render(**context)
    return _BLANK.sub("\n", html).strip()
