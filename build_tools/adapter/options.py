"""The plugin's options as MkDocs config options. Names, defaults and checks are the core's
(core/options.py), so `mkdocs build` and the `campaign` command accept the same values and
name a bad one the same way. Each language's own options are checked where languages are
made (i18n/languages.py), in on_config."""
from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config, ValidationError

from ..core.options import OptionError, check, content_dir, default


class _Checked(opt.BaseConfigOption):
    def __init__(self, name: str):
        super().__init__()
        self.name = name
        self.default = default(name)

    def run_validation(self, value):
        try:
            return check(self.name, self.default if value is None else value)
        except OptionError as exc:
            raise ValidationError(str(exc)) from None


class _ContentDir(_Checked):
    def post_validation(self, config, key_name):
        root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        try:
            config[key_name] = content_dir(config[key_name], root)
        except OptionError as exc:
            raise ValidationError(str(exc)) from None


class CampaignsConfig(Config):
    content_dir = _ContentDir("content_dir")
    languages = _Checked("languages")
    language_options = _Checked("language_options")
    timezone = _Checked("timezone")
    page_size = _Checked("page_size")
    share_cards = _Checked("share_cards")
    posters = _Checked("posters")
    embed_hosts = _Checked("embed_hosts")
