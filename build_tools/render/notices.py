"""What a page says about publication: item banners (draft, scheduled, expired) and the
preview banner, with moments shown in the site's time zone."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from markupsafe import Markup

from ..content import publication
from ..i18n.languages import Language


@dataclass(frozen=True)
class Notice:
    state: str  # publication state: draft, scheduled or expired
    text: str


def item_notice(entry, site, lang: Language) -> Optional[Notice]:
    """The banner an item's page carries, or None for a live item."""
    _ = lang.gettext
    model, tz = entry.model, site.settings.tz
    if entry.state == publication.DRAFT:
        return Notice(entry.state, _("Draft: shown in previews only, never published. "
                                     "Remove “draft: true” to publish it."))
    if entry.state == publication.SCHEDULED:
        when = lang.format_moment(publication.moment(model.publish_at, tz), tz)
        return Notice(entry.state, _("Scheduled: published on %(when)s; until then shown in previews only.")
                      % {"when": when})
    if entry.state == publication.EXPIRED:
        when = lang.format_moment(publication.moment(model.expires_at, tz), tz)
        return Notice(entry.state, _("Past: expired on %(when)s. It no longer appears in lists or feeds; "
                                     "this page is kept for reference.") % {"when": when})
    return None


def preview_banner(site) -> Markup:
    """The preview banner, in every language of the site (editors and reviewers read it on
    every page, whatever the page's language)."""
    parts = []
    for lang in site.languages:
        _ = lang.gettext
        parts.append(Markup('<strong lang="{tag}">{title}</strong>{gap}<span lang="{tag}">{detail}</span>').format(
            tag=lang.tag, gap=lang.sentence_separator, title=_("Preview, not the public site."),
            detail=_("Built as of %(when)s; drafts and scheduled items are shown and marked.")
            % {"when": lang.format_moment(site.now, site.settings.tz)}))
    return Markup(" ").join(parts)


def build_globals(site) -> dict:
    """Values every page template may use (the adapter hands them to the theme); `language`
    is the source language, for pages that are in no language of ours (404.html)."""
    preview = site.mode == publication.PREVIEW
    return {"mode": site.mode, "preview": preview, "banner": preview_banner(site) if preview else Markup(""),
            "language": site.languages[0]}
