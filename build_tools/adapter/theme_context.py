"""What Material's templates are given: escaped page metadata, the configuration as a
page's language shows it, and the theme's interface language for each of ours."""
from __future__ import annotations

import copy
import logging

from jinja2 import TemplateNotFound
from markupsafe import Markup, escape

from ..i18n.languages import languages

log = logging.getLogger("mkdocs.plugins.campaigns")


def escaped(value):
    """Material prints meta values (title, description, author...) without escaping:
    it is handed escaped markup."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return escape(value)
    if isinstance(value, list):
        return [escaped(v) for v in value]
    if isinstance(value, dict):
        return {k: escaped(v) for k, v in value.items()}
    return value


def theme_languages(settings, env) -> dict:
    """language code -> Material's interface language for it (English where it has none)."""
    found = {}
    for lang in languages(settings):
        try:
            env.get_template(f"partials/languages/{lang.theme_language}.html")
            found[lang.code] = lang.theme_language
        except TemplateNotFound:
            log.info("the theme has no interface strings for %s; using English", lang.theme_language)
            found[lang.code] = "en"
    return found


def config_view(config, lang, info):
    """The configuration as this page's language shows it: its site name and description.

    `extra.alternate` is set to a flag, not to a list: Material then shows its language
    button (partials/alternate.html, ours, with this page's targets) but prints no
    hreflang links of its own; main.html prints them (see DESIGN.md, Languages)."""
    view = copy.copy(config)
    if lang.site_name:
        view["site_name"] = lang.site_name
    if lang.site_description:  # the description of pages without their own: as short as theirs
        view["site_description"] = lang.description(lang.site_description)
    view["extra"] = {**dict(config.extra), "alternate": len(info["switch"]) > 1}
    return view
