"""A campaign page's sections after its text: the programme as a timeline, stories, news,
a gallery of the campaign's images and its calendar.

Each section starts with a Markdown heading (id and search flag through attr_list), so that
the page's table of contents lists every section; what follows each heading is one HTML block."""
from __future__ import annotations

from markupsafe import escape

from ..media import pictures
from ..model.site import Entry
from .context import ItemPage
from .environment import html_block

# Gallery thumbnails: two across on a phone, four on a desktop.
GALLERY_SIZES = "(min-width: 60em) 14rem, 45vw"


def heading(text: str, anchor: str) -> str:
    # The heading's text is an interface string; escaped so that Markdown reads it as text.
    shown = str(escape(text)).replace("\\", "\\\\").replace("#", "\\#").replace("{", "\\{")
    return f'## {shown} {{: #{anchor} data-search-exclude="section" }}'


def sections(env, page: ItemPage, entry: Entry, source_src: str) -> list[tuple[str, str]]:
    """The sections as (Markdown heading, HTML block) pairs."""
    _ = page._
    out = []
    for kind, title in (("event", _("Programme")), ("story", _("Stories")), ("article", _("News"))):
        group, hidden = page.children(entry, kind), page.children_only_in_source(entry, kind)
        if group or hidden:
            html = html_block(env, "campaign_section.html.j2", page=page, kind=kind, group=group, hidden=hidden,
                              source_src=source_src)
            out.append((heading(title, "cs-" + kind), html))
    tiles = gallery(page, entry)
    if tiles:
        html = html_block(env, "campaign_gallery.html.j2", tiles=tiles)
        out.append((heading(_("Gallery"), "cs-gallery"), html))
    calendar = page.calendar_section(entry)
    if calendar:
        out.append((heading(_("Calendar"), "cs-calendar"), str(calendar)))
    return out


def gallery(page: ItemPage, campaign: Entry) -> list[dict]:
    """Every image the campaign's listed items show in this language (covers, portraits,
    pictures in their text), once each, but those this page shows in full already (the
    campaign's cover and its own text's): {href, picture, title}."""
    lang = page.lang
    own = campaign.version(lang) or campaign.item.source
    seen = {use.content_path for use in pictures.uses_of(campaign.item, own)}
    tiles = []
    for item in (e for kind in ("event", "story", "article") for e in page.children(campaign, kind)):
        version = item.version(lang) or item.item.source
        for use in pictures.uses_of(item.item, version):
            picture = page.media.picture(use.content_path) if page.media is not None else None
            if picture is None or use.content_path in seen:
                continue
            seen.add(use.content_path)
            alt = use.alt or version.model.title
            tiles.append({"href": pictures.url(page.src, picture.largest), "title": alt,
                          "picture": pictures.picture_html(picture, page.src, alt, sizes=GALLERY_SIZES)})
    return tiles
