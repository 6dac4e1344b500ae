"""The MkDocs adapter: translates MkDocs events into calls of the core. Nothing else."""
from __future__ import annotations

import logging
import os
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, InclusionLevel

from .pipeline import build
from .problems import format_problems
from .publication import PREVIEW, PRODUCTION
from .settings import Settings

log = logging.getLogger("mkdocs.plugins.campaigns")
BLOCK_MARKER = "<!-- campaigns:{name} -->"


class CampaignsConfig(Config):
    content_dir = opt.Type(str, default="campaigns")
    languages = opt.ListOfItems(opt.Type(str), default=["zh", "en"])
    timezone = opt.Type(str, default="Asia/Shanghai")
    page_size = opt.Type(int, default=20)


class CampaignsPlugin(BasePlugin[CampaignsConfig]):
    def __init__(self):
        self.command = "build"
        self.settings = None
        self.result = None

    def on_startup(self, *, command, dirty):
        self.command = command

    def on_config(self, config):
        root = Path(config.config_file_path).resolve().parent
        self.settings = Settings(
            root=root,
            content_dir=(root / self.config.content_dir).resolve(),
            languages=tuple(self.config.languages),
            timezone=self.config.timezone,
            page_size=self.config.page_size,
            site_url=config.site_url or "",
            site_name=config.site_name,
            extra=dict(config.extra),
        )

    def mode(self) -> str:
        default = PREVIEW if self.command == "serve" else PRODUCTION
        mode = os.environ.get("CAMPAIGN_SITE_MODE", default)
        if mode not in (PREVIEW, PRODUCTION):
            raise PluginError(f"CAMPAIGN_SITE_MODE must be preview or production, not {mode!r}")
        return mode

    def on_files(self, files, *, config):
        self.result = build(self.settings, mode=self.mode())
        report = format_problems(self.result.problems)
        if self.result.errors:
            if self.command != "serve":
                raise PluginError(f"campaigns/ has {len(self.result.errors)} problem(s):\n{report}")
            log.error("campaigns/ has problems; the pages concerned are left out:\n%s", report)
        elif report:
            log.warning("\n%s", report)
        for output in self.result.outputs:
            if output.source is not None:
                file = File.generated(config, output.path, abs_src_path=output.source)
            else:
                file = File.generated(config, output.path, content=output.content)
            if output.is_page:
                file.inclusion = InclusionLevel.NOT_IN_NAV
            existing = files.get_file_from_path(output.path)
            if existing is not None:
                raise PluginError(f"{output.path} is generated from campaigns/ and also exists in docs/")
            files.append(file)
        return files

    def on_page_markdown(self, markdown, *, page, config, files):
        # Material prints these meta values without escaping: hand it escaped markup.
        for key in ("title", "description"):
            value = page.meta.get(key)
            if isinstance(value, str) and not isinstance(value, Markup):
                page.meta[key] = escape(value)
        for name, html in (self.result.blocks if self.result else {}).items():
            markdown = markdown.replace(BLOCK_MARKER.format(name=name), html)
        return markdown

    def on_env(self, env, *, config, files):
        # The theme's main.html reads the build's mode, preview banner and feed links.
        env.globals["campaign_build"] = self.result.page_globals if self.result else {}
        return env

    def on_serve(self, server, *, config, builder):
        server.watch(str(self.settings.content_dir))
        return server
