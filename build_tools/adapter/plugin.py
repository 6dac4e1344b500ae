"""The MkDocs adapter: translates MkDocs events into calls of the core. Nothing else.

Per-build state lives in a BuildState made in on_config (state.py); the work is the core's
(pipeline, render/blocks, model/search, core/verdict, safety/finish) and the Material-specific
pieces are in their own modules (navigation, theme_context, search_index, script_repairs).
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from . import admin, dirty_cache
from .ahead import Ahead
from . import files as site_files
from . import fragments, html_repairs, navigation, script_repairs, serve_log, theme_context, timings
from .options import CampaignsConfig
from .search_index import IndexedPage, index_files
from .segments import Segments, dictionaries
from .state import BuildState
from ..content.docs_checks import check_docs
from ..content.publication import mode_for
from ..core.config import make_settings
from ..core.problems import ERROR, NOTICE, WARNING
from ..core.verdict import PREVIEW_SERVER, verdict
from ..i18n.languages import language, languages, split
from ..i18n.theme_strings import theme_strings
from ..media.stage import cache_for
from ..media.webfont import web_fonts
from ..model.search import own_index
from ..pipeline import build
from ..render.blocks import fill
from ..render.problems import problems_banner
from ..safety.body_check import removals
from ..safety.finish import finish
from ..safety.html_policy import clean_page
from ..safety.limits import body_limits
from ..safety.scan import known_scripts

log = logging.getLogger("mkdocs.plugins.campaigns")
# jieba (Chinese search segmentation) logs its dictionary loading on every build.
logging.getLogger("jieba").setLevel(logging.WARNING)


class CampaignsPlugin(BasePlugin[CampaignsConfig]):
    def __init__(self):
        self.command = "build"
        self.dirty = False
        self.state = None
        self.segments = None  # kept across `serve` rebuilds: the cuts are loaded once
        self.parsed = {}  # content files parsed by the builds of one `serve` (content/load.py)
        self.kept = {}  # what render may reuse across the builds of one `serve` (pipeline.build)
        # The scan's folder and rules, and what it found there: a --dirty rebuild reads only new files.
        self.scanned = (None, {})
        self.sections = {}  # IndexedPage -> its search entries, for the next --dirty rebuild
        self.generated = set()  # the site's files generated from campaigns/ by the last build
        self.contexts = {}  # src -> what the page map said of the page in the last build
        self.ahead = None  # a full build's page work done in workers as pages render (ahead.py)

    def on_startup(self, *, command, dirty):
        self.command, self.dirty = command, dirty
        if command == PREVIEW_SERVER and dirty:
            serve_log.quieten()

    def on_config(self, config):
        root = Path(config.config_file_path).resolve().parent
        settings = make_settings(
            root, dict(self.config),
            site_url=config.site_url or "",
            site_name=config.site_name,
            site_description=config.site_description or "",
            extra=dict(config.extra),
            docs_dir=Path(config.docs_dir).resolve(),
            markdown_extensions=tuple(e for e in config.markdown_extensions if isinstance(e, str)),
        )
        try:
            languages(settings)
        except ValueError as exc:
            raise PluginError(f"plugins.campaigns.language_options: {exc}") from exc
        previous = self.state
        # A --dirty rebuild renders only some pages: the search index keeps the others.
        same = self.dirty and previous and previous.settings.root == root
        carried = previous.carried() if same else {}
        self.state = BuildState(settings, indexed=carried, source_search=_material_search(config),
                                previous_banner=previous.banner if same else None)
        search = config.plugins.get("material/search")
        salt = dictionaries(search.config.get(k) for k in ("jieba_dict", "jieba_dict_user")) if search else []
        if self.segments is None or self.segments.salt != salt or self.segments.settings.root != root:
            self.segments = Segments(settings, salt)
            self.sections = {}
        self.state.marks.mark("config")

    def on_files(self, files, *, config):
        state, settings = self.state, self.state.settings
        state.marks.mark("files")
        try:
            mode = mode_for(self.command, os.environ)
        except ValueError as exc:
            raise PluginError(str(exc)) from None
        # The whole check first; its errors stop every build but a preview server's.
        serving, strict = self.command == PREVIEW_SERVER, bool(config.strict)
        state.result = result = build(settings, mode=mode, parsed=self.parsed if serving else None,
                                      stop_on_errors=not serving, strict=strict,
                                      kept=self.kept if serving else None)
        docs = [f.src_uri for f in files if f.abs_src_path and not f.generated_by
                and Path(f.abs_src_path).is_relative_to(Path(config.docs_dir))]
        result.problems = sorted(set(result.problems) | set(check_docs(settings, Path(config.docs_dir), docs)))
        _report(verdict(result.problems, self.command, "campaigns/ has problems",
                        serving="the pages concerned are left out", strict=strict))
        if result.site is not None:  # a preview server's pages list the errors (main.html)
            result.page_globals["problems"] = banner = problems_banner(result.site, result.problems)
            state.banner = str(banner)
        state.trusted = site_files.add_outputs(settings, config, files, result.outputs, self.dirty)
        navigation.keep_out_of_nav(settings, files)
        if self.dirty and state.previous_banner not in (None, state.banner):
            dirty_cache.forget_all_pages(files)  # pages the edit did not change show the old list
        site_files.check_paths(config, files, result.outputs)
        state.trusted_pages = admin.add(settings, config, files, mode)
        if self.dirty:  # what a --dirty rebuild would otherwise keep of the build before (every file added)
            state.indexed = _existing(settings, state.indexed, files)
            self.contexts = dirty_cache.forget_changed_contexts(files, result.pages, self.contexts)
            self.generated = site_files.remove_stale(Path(config.site_dir), self.generated, files)
        state.marks.mark("files_done")
        return files

    def on_nav(self, nav, *, config, files):
        self.state.navs = navigation.language_navs(self.state.settings, nav, files)
        # The scripts our templates and the theme's write: what the safety scan allows.
        self.state.known = known = known_scripts(config.theme.dirs, [str(s) for s in config.extra_javascript])
        if self.command == "build" and not self.dirty:  # pages are converted next, then rendered
            self.ahead = Ahead.start(self.segments, known, self.state.settings.embed_hosts)
        self.state.marks.mark("nav")
        return nav

    def on_page_markdown(self, markdown, *, page, config, files):
        state, settings, result = self.state, self.state.settings, self.state.result
        state.marks.pages_rendered += 1
        src = page.file.src_uri
        lang, neutral = split(settings, src)
        card = result.media.card(lang)
        if card:
            page.meta.setdefault("card", card)  # hand-written pages share the site's card
        if isinstance(page.meta.get("description"), str):  # as short as result pages show it
            page.meta["description"] = language(settings, lang).description(page.meta["description"])
        page.meta.update({k: theme_context.escaped(v) for k, v in page.meta.items()})
        index = own_index(result.pages, src, page.meta, lang, lang == settings.source_language)
        if index is not None:
            state.own_index[src] = index
        else:  # a --dirty rebuild carried its entries: a page now left out of search (a fallback) drops them
            state.indexed.get(lang, {}).pop(_unprefixed(settings, lang, page.url), None)
        # Our indexes hold every language (on_post_build): Material's plugin indexes nothing.
        search = page.meta.get("search") if isinstance(page.meta.get("search"), dict) else {}
        page.meta["search"] = {**search, "exclude": True}
        if not page.file.generated_by and body_limits(markdown):
            return ""  # reported by check_docs; never rendered, not even by `serve`
        notice = result.pages.notices.get(src) if result.pages and result.pages.get(src) else ""
        markdown, inserted = fill(markdown, lang, result.blocks, notice, "" if page.file.generated_by else neutral)
        if inserted:
            state.trusted[src] = (*state.trusted.get(src, ()), *inserted)
        markdown, state.swapped[src] = fragments.swap(markdown, state.trusted.get(src, ()))
        return markdown

    def on_page_content(self, html, *, page, config, files):
        state, settings = self.state, self.state.settings
        html = fragments.restore(html, state.swapped.pop(page.file.src_uri, {}))
        # The raw-HTML policy, on what Markdown made of the page (outside our templates' fragments).
        cleaned, found = clean_page(html, state.trusted.get(page.file.src_uri, ()), settings.embed_hosts,
                                    settings.markdown_extensions, generated=bool(page.file.generated_by))
        if found and not page.file.generated_by:  # content files were reported by the check
            source = Path(page.file.abs_src_path)
            text = source.read_text(encoding="utf-8", errors="replace")
            for found_problem in removals(settings.rel(source), text, 1, found):
                if found_problem.severity == ERROR:  # reported with the scan's, after every page
                    state.page_errors.append(found_problem)
                else:
                    log.warning(found_problem.human())
        lang = state.own_index.get(page.file.src_uri)
        if lang is not None:
            url = _unprefixed(settings, lang, page.url)
            state.indexed.setdefault(lang, {})[url] = indexed = _indexed(url, page, cleaned)
            if self.ahead is not None:
                self.ahead.index(indexed)
        return cleaned

    @event_priority(100)  # before every other plugin: the timings' phase starts here
    def on_env(self, env, *, config, files):
        self.state.marks.mark("env")
        if self.dirty:
            navigation.read_titles(self.state.navs, config)
        # The theme's main.html reads the build's mode, preview banner and feed links.
        env.globals["campaign_build"] = self.state.result.page_globals if self.state.result else {}
        self.state.theme_languages = theme_context.theme_languages(self.state.settings, env)
        return env

    def on_template_context(self, context, *, template_name, config):
        settings, result = self.state.settings, self.state.result
        context["campaign_t"] = language(settings, settings.source_language).gettext
        if template_name == "sitemap.xml" and result and result.pages:
            context["campaign_sitemap"] = result.pages.sitemap()
        return context

    def on_page_context(self, context, *, page, config, nav):
        state, settings, result = self.state, self.state.settings, self.state.result
        context["campaign_t"] = language(settings, split(settings, page.file.src_uri)[0]).gettext
        info = result.pages.page_languages(page.file.src_uri) if result and result.pages else None
        if info is None:
            return context
        lang = info["lang"]
        info = {**info, "theme_language": state.theme_languages.get(lang.code, "en"),
                "theme_strings": theme_strings(lang)}
        context["campaign_language"] = info
        context["nav"] = state.navs.get(lang.code, nav)
        if not lang.is_source:
            # Material's search loads <base>/search/search_index.json: this language's index.
            context["base_url"] = info["search_base"]
        context["config"] = theme_context.config_view(config, lang, info)
        return context

    @event_priority(-100)  # after Material's search plugin: our index replaces its empty one
    def on_post_build(self, *, config):
        state = self.state
        for unmatched in script_repairs.repair(Path(config.site_dir)):
            log.warning("the theme's script has changed, a repair no longer applies: %s", unmatched)
        known = state.known
        entries, scans = self.ahead.finish() if self.ahead is not None else ({}, {})
        self.ahead = None
        sections = self.sections if self.dirty else entries
        indexes = index_files(state.settings, state.indexed, state.source_search, self.segments, sections)
        self.segments.save(partial=self.dirty)
        site_dir = Path(config.site_dir)
        # What the scan looks for: when it changes (theme, embed hosts, languages), everything is read again.
        rules = (site_dir, tuple(p.pattern for p in known.inline), known.sources,
                 tuple(state.settings.embed_hosts), tuple(sorted(indexes)))
        if not self.dirty or self.scanned[0] != rules:
            self.scanned = (rules, {})
        # Written pages tell which characters each web font must have.
        fonts = web_fonts(state.settings.root, site_dir, cache_for(state.settings))
        found = finish(site_dir, indexes, known, state.settings.embed_hosts, fonts,
                       self.scanned[1] if self.dirty else None, state.trusted_pages, scans)
        # Errors in hand-written pages' HTML (classes, ids, markers) were held until every page
        # was written, so that one build names them all.
        _report(verdict(state.page_errors, self.command, "docs/ has problems"))
        _report(verdict(found, self.command, "the built site failed the safety scan"))
        state.marks.mark("post_build")
        target = os.environ.get(timings.ENV)
        if target and state.result is not None:
            timings.write(target, timings.report(state.marks, state.result.timings))

    def on_post_page(self, output, *, page, config):
        output = html_repairs.repair(output)
        if self.ahead is not None:
            self.ahead.scan(page.file.dest_uri, output)
        return output

    def on_build_error(self, *, error):
        if self.ahead is not None:
            self.ahead.close()
            self.ahead = None

    def on_post_template(self, output_content, *, template_name, config):
        return html_repairs.repair(output_content) if template_name.endswith(".html") else output_content

    def on_serve(self, server, *, config, builder):
        server.watch(str(self.state.settings.content_dir))
        return server


def _material_search(config) -> dict | None:
    """The settings of Material's search plugin, which the source language's index takes;
    None if the site has no search."""
    plugin = config.plugins.get("material/search")
    if plugin is None or not plugin.config.get("enabled", True):
        return None
    return {key: plugin.config[key] for key in ("lang", "separator", "pipeline", "fields")}


def _unprefixed(settings, lang: str, url: str) -> str:
    """A page's URL in its language's search index."""
    prefix = language(settings, lang).prefix
    return url[len(prefix):] if url.startswith(prefix) else url


def _existing(settings, indexed: dict, files) -> dict:
    """The search entries a --dirty rebuild carried, of the pages this build still has."""
    if not indexed:
        return indexed
    present: dict = {}
    for file in files.documentation_pages():
        lang = split(settings, file.src_uri)[0]
        present.setdefault(lang, set()).add(_unprefixed(settings, lang, file.url))
    return {lang: {u: p for u, p in pages.items() if u in present.get(lang, ())} for lang, pages in indexed.items()}


def _indexed(url: str, page, html: str) -> IndexedPage:
    tags = page.meta.get("tags")
    tags = tuple(str(t) for t in tags if t and isinstance(t, (str, int, float, bool))) if isinstance(tags, list) else ()
    search = page.meta.get("search") if isinstance(page.meta.get("search"), dict) else {}
    return IndexedPage(url, str(page.title or ""), html, tags, search.get("boost"))


def _report(outcome) -> None:
    if outcome.stop:
        raise PluginError(outcome.text)
    if outcome.level:
        log.log(_LEVELS[outcome.level], "%s", outcome.text)


# A notice is logged as information: MkDocs' --strict counts warnings.
_LEVELS = {ERROR: logging.ERROR, WARNING: logging.WARNING, NOTICE: logging.INFO}
