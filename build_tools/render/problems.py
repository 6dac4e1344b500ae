"""What a preview shows about content problems: the list on every page, and the page of a
file with errors, which says so instead of showing an older version or nothing."""
from __future__ import annotations

from markupsafe import Markup

from ..core import urls
from ..core.output import Output
from ..core.problems import errors
from ..i18n.languages import language
from .environment import front_matter


def problem_list(problems) -> Markup:
    """file:line: message, one a line, escaped (messages quote what editors wrote)."""
    items = Markup("").join(Markup("<li><code>{}</code></li>").format(p.human()) for p in problems)
    return Markup('<ul class="cs-problems">{}</ul>').format(items)


def problems_banner(site, problems) -> Markup:
    """The build's errors, under a heading in every language of the site (warnings stay
    in the terminal: this is what keeps a page out of the preview)."""
    found = errors(problems)
    if not found:
        return Markup("")
    heads = []
    for lang in site.languages:
        _ = lang.gettext
        heads.append(Markup('<strong lang="{tag}">{text}</strong>').format(tag=lang.tag, text=_(
            "Errors in campaigns/ (%(count)s): a file with errors is left out of this preview "
            "(its page, lists and calendars) until it is fixed.") % {"count": len(found)}))
    return Markup('<div class="cs-problems-banner" role="alert">{} {}</div>').format(
        Markup(" ").join(heads), problem_list(found))


def error_pages(site, documents, problems, taken) -> list[Output]:
    """A page at the URL of each content file that has errors and no page of its own (`taken`
    holds the paths of the pages there are), listing that file's errors."""
    outputs = []
    by_file: dict = {}
    for found in errors(problems):
        by_file.setdefault(found.path, []).append(found)
    # A translation cannot be shown while its source has errors: its page lists the source's.
    sources = {d.key: d.path for d in documents if d.lang == site.settings.source_language}
    for doc in documents:
        shown = doc.path if doc.path in by_file else sources.get(doc.key)
        if shown not in by_file or doc.lang not in site.settings.languages:
            continue
        lang = language(site.settings, doc.lang)
        src = urls.item_src(doc.kind, doc.slug, lang.prefix)
        if src in taken:
            continue
        _ = lang.gettext
        title = _("This page has errors")
        html = Markup('<div class="cs-error-page" role="alert"><h1>{title}</h1><p>{text}</p>{items}</div>').format(
            title=title, items=problem_list(by_file[shown]),
            text=_("%(file)s cannot be shown until these mistakes are fixed; the preview "
                   "updates when the file is saved.") % {"file": shown})
        outputs.append(Output(src, f"{front_matter(title, None, {'search': {'exclude': True}})}{html}\n".encode("utf-8"),
                              trusted=(str(html),)))
        taken.add(src)
    return outputs
