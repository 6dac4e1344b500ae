"""What a page says about publication: item banners (draft, scheduled, expired) and the
preview banner, with moments shown in the site's time zone."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Optional

from babel.dates import format_date, format_time, get_timezone_name
from markupsafe import Markup

from ..content import publication
from ..i18n.catalogues import translations

LOCALES = {"zh": "zh_Hans_CN", "en": "en_GB"}
# Readers in China know the site's default zone as "Beijing time", not CLDR's "China Time".
ZONE_NAMES = {("Asia/Shanghai", "zh"): "北京时间", ("Asia/Shanghai", "en"): "Beijing time"}


@dataclass(frozen=True)
class Notice:
    state: str  # publication state: draft, scheduled or expired
    text: str


def format_moment(moment: datetime, lang: str, tz: tzinfo) -> str:
    """2024年6月5日 09:30（北京时间） / 5 June 2024 09:30 (Beijing time)."""
    locale = LOCALES.get(lang, lang)
    local = moment.astimezone(tz)
    zone = ZONE_NAMES.get((getattr(tz, "key", ""), lang)) or get_timezone_name(tz, locale=locale)
    day = format_date(local.date(), "long", locale=locale)
    clock = format_time(local, "HH:mm", locale=locale)
    return f"{day} {clock}（{zone}）" if lang == "zh" else f"{day} {clock} ({zone})"


def item_notice(entry, site, lang: str) -> Optional[Notice]:
    """The banner an item's page carries, or None for a live item."""
    _ = translations(lang).gettext
    model, tz = entry.model, site.settings.tz
    if entry.state == publication.DRAFT:
        return Notice(entry.state, _("Draft: shown in previews only, never published. "
                                     "Remove “draft: true” to publish it."))
    if entry.state == publication.SCHEDULED:
        when = format_moment(publication.moment(model.publish_at, tz), lang, tz)
        return Notice(entry.state, _("Scheduled: published on %(when)s; until then shown in previews only.")
                      % {"when": when})
    if entry.state == publication.EXPIRED:
        when = format_moment(publication.moment(model.expires_at, tz), lang, tz)
        return Notice(entry.state, _("Past: expired on %(when)s. It no longer appears in lists or feeds; "
                                     "this page is kept for reference.") % {"when": when})
    return None


def build_globals(site) -> dict:
    """Values every page template may use (the adapter hands them to the theme)."""
    preview = site.mode == publication.PREVIEW
    banner = Markup("")
    if preview:
        tz = site.settings.tz
        zh = format_moment(site.now, "zh", tz)
        en = format_moment(site.now, "en", tz)
        banner = Markup(
            '<strong lang="zh">预览版本，不是正式网站。</strong>'
            '<span lang="zh">按{zh}的状态生成；草稿和定时发布的内容也会显示，并有标注。</span> '
            '<span lang="en">Preview, not the public site: built as of {en}; drafts and scheduled items are shown and marked.</span>'
        ).format(zh=zh, en=en)
    return {"mode": site.mode, "preview": preview, "banner": banner}
