"""Pages and notices that exist because of languages: fallback pages and translation notices."""
from __future__ import annotations

from ..core import urls
from ..i18n.languages import Language, language
from ..core.output import Output
from .context import PageContext
from .environment import environment, front_matter, html_block


def render_fallback(site, record, original, lang: Language) -> Output:
    """The page a reader of `lang` gets where a page exists only in another language."""
    page = PageContext(site, record.src, lang, {})
    source = language(site.settings, original.lang)
    html = html_block(environment(lang), "fallback.html.j2", page=page, title=original.title,
                 original_href=urls.relative(record.src, urls.page_url(original.src)),
                 original_language=source,
                 original_language_name=lang.name_of(source),
                 home_href=urls.relative(record.src, lang.url("index.md")))
    meta = front_matter(original.title, None, {"search": {"exclude": True}})
    return Output(record.src, f"{meta}{html}\n".encode("utf-8"))


def render_notice(site, record, original, lang: Language) -> str:
    """The notice on a translated page whose original changed since, or was never recorded."""
    page = PageContext(site, record.src, lang, {})
    source = language(site.settings, original.lang)
    return html_block(environment(lang), "notice.html.j2", page=page, state=record.translation,
                 original_href=urls.relative(record.src, urls.page_url(original.src)),
                 original_language=source, original_language_name=lang.name_of(source))
