"""The MkDocs adapter: translates MkDocs events into calls of the core. Nothing else."""
from __future__ import annotations

import copy
import logging
import os
from pathlib import Path

from jinja2 import TemplateNotFound
from markupsafe import Markup, escape
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.nav import Link, Navigation, Section

from . import html_repairs as html_fixes

from . import script_repairs as theme_scripts
from . import dirty_cache as cache
from . import timings
from ..i18n.languages import language, languages, split
from ..safety.body_check import locate_all
from ..content.docs_checks import check_docs
from ..safety.html_policy import clean_page
from ..pipeline import build
from ..core.problems import WARNING, format_problems, problem
from ..content.publication import PREVIEW, PRODUCTION
from .search_index import IndexedPage, build_index
from ..safety.paths import check_outputs
from ..core.settings import Settings
from ..safety.scan import known_scripts, scan_site

log = logging.getLogger("mkdocs.plugins.campaigns")
# jieba (Material's Chinese search segmentation) logs its dictionary loading on every build.
logging.getLogger("jieba").setLevel(logging.WARNING)
BLOCK_MARKER = "<!-- campaigns:{name} -->"


class CampaignsConfig(Config):
    content_dir = opt.Type(str, default="campaigns")
    languages = opt.ListOfItems(opt.Type(str), default=["zh", "en"])
    language_options = opt.Type(dict, default={})
    timezone = opt.Type(str, default="Asia/Shanghai")
    page_size = opt.Type(int, default=20)
    share_cards = opt.Type(bool, default=True)
    posters = opt.Type(bool, default=True)
    embed_hosts = opt.ListOfItems(opt.Type(str), default=[])


class CampaignsPlugin(BasePlugin[CampaignsConfig]):
    def __init__(self):
        self.command = "build"
        self.settings = None
        self.result = None
        self.navs = {}  # language -> Navigation
        self.to_index = set()  # pages in other languages that their language's search index holds
        self.indexed = {}  # language -> {url: IndexedPage}, in build order
        self.theme_languages = {}  # language -> Material's interface language
        self.trusted = {}  # page src path -> HTML fragments our templates made
        self.dirty = False
        self.marks = timings.Marks()

    def on_startup(self, *, command, dirty):
        self.command = command
        self.dirty = dirty

    def on_config(self, config):
        self.marks = timings.Marks()
        self.marks.mark("config")
        root = Path(config.config_file_path).resolve().parent
        self.settings = Settings(
            root=root,
            content_dir=(root / self.config.content_dir).resolve(),
            languages=tuple(self.config.languages),
            timezone=self.config.timezone,
            page_size=self.config.page_size,
            site_url=config.site_url or "",
            site_name=config.site_name,
            site_description=config.site_description or "",
            share_cards=self.config.share_cards,
            posters=self.config.posters,
            extra=dict(config.extra),
            language_options=dict(self.config.language_options),
            docs_dir=Path(config.docs_dir).resolve(),
            markdown_extensions=tuple(e for e in config.markdown_extensions if isinstance(e, str)),
            embed_hosts=tuple(self.config.embed_hosts),
        )
        try:
            languages(self.settings)
        except ValueError as exc:
            raise PluginError(f"plugins.campaigns.language_options: {exc}") from exc

    def mode(self) -> str:
        default = PREVIEW if self.command == "serve" else PRODUCTION
        mode = os.environ.get("CAMPAIGN_SITE_MODE", default)
        if mode not in (PREVIEW, PRODUCTION):
            raise PluginError(f"CAMPAIGN_SITE_MODE must be preview or production, not {mode!r}")
        return mode

    def on_files(self, files, *, config):
        self.marks.mark("files")
        self.result = build(self.settings, mode=self.mode())
        self.to_index = set()
        if not self.dirty:  # a --dirty rebuild (serve) renders some pages: the index keeps the others
            self.indexed = {}
        docs = [f.src_uri for f in files if f.abs_src_path and not f.generated_by
                and Path(f.abs_src_path).is_relative_to(Path(config.docs_dir))]
        self.result.problems = sorted(set(self.result.problems) | set(check_docs(self.settings, Path(config.docs_dir), docs)))
        report = format_problems(self.result.problems)
        if self.result.errors:
            if self.command != "serve":
                raise PluginError(f"campaigns/ has {len(self.result.errors)} problem(s):\n{report}")
            log.error("campaigns/ has problems; the pages concerned are left out:\n%s", report)
        elif report:
            log.warning("\n%s", report)
        # --dirty rebuilds a page when its source is newer than its HTML: generated files
        # then come from the cache, where a file's time changes only with its content.
        backed = {}
        if self.dirty:
            backed = cache.sync(cache.cache_dir(self.settings.root) / "generated",
                                {o.path: o.content for o in self.result.outputs if o.source is None})
            _forget_pages_with_blocks(files)
        for output in self.result.outputs:
            if output.source is not None or output.path in backed:
                path = output.source if output.source is not None else backed[output.path]
                file = File.generated(config, output.path, abs_src_path=path)
            else:
                file = File.generated(config, output.path, content=output.content)
            if output.is_page:
                file.inclusion = InclusionLevel.NOT_IN_NAV
            existing = files.get_file_from_path(output.path)
            if existing is not None:
                raise PluginError(f"{output.path} is generated from campaigns/ and also exists in docs/")
            files.append(file)
            self.trusted[output.path] = output.trusted
        # Pages in other languages get their language's navigation, not the one in mkdocs.yml.
        for file in files.documentation_pages():
            if split(self.settings, file.src_uri)[0] != self.settings.source_language and file.inclusion.is_in_nav():
                file.inclusion = InclusionLevel.NOT_IN_NAV
        generated = [o.path for o in self.result.outputs]
        wrong = check_outputs(Path(config.site_dir), generated, [f.dest_uri for f in files])
        if wrong:
            raise PluginError("unsafe output paths:\n" + "\n".join(wrong))
        self.marks.mark("files_done")
        return files

    def on_nav(self, nav, *, config, files):
        self.navs = {self.settings.source_language: nav}
        for lang in languages(self.settings)[1:]:
            self.navs[lang.code] = self._language_nav(nav, lang, files)
        self.marks.mark("nav")
        return nav

    def _language_nav(self, nav, lang, files) -> Navigation:
        """The navigation of mkdocs.yml with every page replaced by its version in `lang`."""
        def convert(item, parent=None):
            if item.is_page:
                neutral = split(self.settings, item.file.src_uri)[1]
                found = files.get_file_from_path(lang.src(neutral))
                new = found.page if found is not None and found.page is not None else item
            elif item.is_section:
                label = lang.nav_label(item.title)
                if label is None:
                    log.warning("navigation section %r has no label for %s: add it under "
                                "plugins.campaigns.language_options.%s.nav", item.title, lang.code, lang.code)
                new = Section(label or item.title, [])
                new.children = [convert(child, new) for child in item.children]
            else:
                new = Link(item.title, item.url)
            new.parent = parent
            return new

        items = [convert(item) for item in nav.items]
        pages = []

        def collect(nodes):
            for node in nodes:
                if node.is_page:
                    pages.append(node)
                elif node.is_section:
                    collect(node.children)
        collect(items)
        for before, page, after in zip([None, *pages[:-1]], pages, [*pages[1:], None]):
            page.previous_page, page.next_page = before, after
        result = Navigation(items, pages)
        home = files.get_file_from_path(lang.src("index.md"))
        result.homepage = home.page if home is not None else None
        return result

    def on_page_markdown(self, markdown, *, page, config, files):
        self.marks.pages_rendered += 1
        src = page.file.src_uri
        lang, _neutral = split(self.settings, src)
        card = self.result.media.card(lang) if self.result else None
        if card:
            page.meta.setdefault("card", card)  # hand-written pages share the site's card
        # Material prints meta values (title, description, author...) without
        # escaping: hand it escaped markup.
        page.meta.update({k: _escaped(v) for k, v in page.meta.items()})
        record = self.result.pages.get(src) if self.result and self.result.pages else None
        if lang != self.settings.source_language:
            search = page.meta.get("search") if isinstance(page.meta.get("search"), dict) else {}
            if record is not None and not record.fallback and not search.get("exclude"):
                self.to_index.add(src)
            # Material's index holds the source language; ours hold the others (on_post_build).
            page.meta["search"] = {**search, "exclude": True}
        blocks = self.result.blocks if self.result else {}
        inserted = []
        for name, html in blocks.items():
            # The block of the page's language for a marker, else the source language's.
            base = name[: -len(lang) - 1] if name.endswith(f".{lang}") else name
            marker = BLOCK_MARKER.format(name=base)
            if marker in markdown and (name.endswith(f".{lang}") or f"{base}.{lang}" not in blocks):
                markdown = markdown.replace(marker, html)
                inserted.append(html)
        notice = self.result.pages.notices.get(src) if record is not None else None
        if notice:
            markdown = f"{notice}\n\n{markdown}"
            inserted.append(notice)
        if inserted:
            self.trusted[src] = (*self.trusted.get(src, ()), *inserted)
        return markdown

    def on_page_content(self, html, *, page, config, files):
        # The raw-HTML policy, on what Markdown made of the page (outside our templates' fragments).
        cleaned, found = clean_page(html, self.trusted.get(page.file.src_uri, ()), self.settings.embed_hosts)
        if found and not page.file.generated_by:  # content files were reported by the check
            text = Path(page.file.abs_src_path).read_text(encoding="utf-8", errors="replace").split("\n")
            shown = self.settings.rel(Path(page.file.abs_src_path))
            for (index, code), params in locate_all(text, found):
                log.warning(problem(shown, index + 1, "body", code, WARNING, **params).human())
        lang = split(self.settings, page.file.src_uri)[0]
        if page.file.src_uri in self.to_index:
            prefix = language(self.settings, lang).prefix
            url = page.url[len(prefix):] if page.url.startswith(prefix) else page.url
            self.indexed.setdefault(lang, {})[url] = IndexedPage(url, str(page.title or ""), cleaned)
        return cleaned

    @event_priority(100)  # before every other plugin: the timings' phase starts here
    def on_env(self, env, *, config, files):
        self.marks.mark("env")
        # The theme's main.html reads the build's mode, preview banner and feed links.
        env.globals["campaign_build"] = self.result.page_globals if self.result else {}
        for lang in languages(self.settings):
            try:
                env.get_template(f"partials/languages/{lang.theme_language}.html")
                self.theme_languages[lang.code] = lang.theme_language
            except TemplateNotFound:
                log.info("the theme has no interface strings for %s; using English", lang.theme_language)
                self.theme_languages[lang.code] = "en"
        return env

    def on_template_context(self, context, *, template_name, config):
        source = language(self.settings, self.settings.source_language)
        context["campaign_t"] = source.gettext
        if template_name == "sitemap.xml" and self.result and self.result.pages:
            context["campaign_sitemap"] = self.result.pages.sitemap()
            context["campaign_lastmod"] = self.result.site.now.date().isoformat() if self.result.site else None
        return context

    def on_page_context(self, context, *, page, config, nav):
        context["campaign_t"] = language(self.settings, split(self.settings, page.file.src_uri)[0]).gettext
        info = self.result.pages.page_languages(page.file.src_uri) if self.result and self.result.pages else None
        if info is None:
            return context
        lang = info["lang"]
        info = {**info, "theme_language": self.theme_languages.get(lang.code, "en")}
        context["campaign_language"] = info
        context["nav"] = self.navs.get(lang.code, nav)
        if not lang.is_source:
            # Material's search loads <base>/search/search_index.json: this language's index.
            context["base_url"] = info["search_base"]
        context["config"] = self._config_view(config, lang, info)
        return context

    @staticmethod
    def _config_view(config, lang, info):
        """The configuration as this page's language shows it: its site name and description.

        `extra.alternate` is set to a flag, not to a list: Material then shows its language
        button (partials/alternate.html, ours, with this page's targets) but prints no
        hreflang links of its own; main.html prints them (see DESIGN.md, Languages)."""
        view = copy.copy(config)
        if lang.site_name:
            view["site_name"] = lang.site_name
        if lang.site_description:
            view["site_description"] = lang.site_description
        view["extra"] = {**dict(config.extra), "alternate": len(info["switch"]) > 1}
        return view

    @event_priority(-100)  # after Material's search index, so that the timings include it
    def on_post_build(self, *, config):
        for lang in languages(self.settings)[1:]:
            pages = list(self.indexed.get(lang.code, {}).values())
            target = Path(config.site_dir) / lang.prefix / "search" / "search_index.json"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(build_index(lang.search_config(), pages))
        for unmatched in theme_scripts.repair(Path(config.site_dir)):
            log.warning("the theme's script has changed, a repair no longer applies: %s", unmatched)
        # The safety scan reads everything written, our search indexes included.
        known = known_scripts(config.theme.dirs, [str(s) for s in config.extra_javascript])
        found = scan_site(Path(config.site_dir), known)
        if found:
            report = format_problems(found)
            if self.command == "serve":
                log.error("the built site failed the safety scan:\n%s", report)
            else:
                raise PluginError(f"the built site failed the safety scan ({len(found)}):\n{report}")
        self.marks.mark("post_build")
        target = os.environ.get(timings.ENV)
        if target and self.result is not None:
            timings.write(target, timings.report(self.marks, self.result.timings))

    def on_post_page(self, output, *, page, config):
        return html_fixes.repair(output)

    def on_post_template(self, output_content, *, template_name, config):
        return html_fixes.repair(output_content) if template_name.endswith(".html") else output_content

    def on_serve(self, server, *, config, builder):
        server.watch(str(self.settings.content_dir))
        return server


def _escaped(value):
    if isinstance(value, str) and not isinstance(value, Markup):
        return escape(value)
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    if isinstance(value, dict):
        return {k: _escaped(v) for k, v in value.items()}
    return value


def _forget_pages_with_blocks(files) -> None:
    """Hand-written pages that embed generated blocks change with content that is not
    in their file: remove their HTML so that a --dirty build writes them again."""
    for file in files.documentation_pages():
        if file.abs_src_path and BLOCK_MARKER.split("{")[0] in file.content_string:
            Path(file.abs_dest_path).unlink(missing_ok=True)
