"""A campaign page's sections after its text: the programme as a timeline, stories, news,
a gallery of the campaign's images and its calendar.

Each section starts with a Markdown heading (id and search flag through attr_list), so that
the page's table of contents lists every section; what follows each heading is one HTML block."""
from __future__ import annotations

import html

from ..media import pictures
from ..model.site import Entry
from .context import ItemPage
from .environment import html_block

# Gallery thumbnails: two across on a phone, four on a desktop.
GALLERY_SIZES = "(min-width: 60em) 14rem, 45vw"


def heading(text: str, anchor: str, searched: bool = False) -> tuple[str, str]:
    """A section's heading as Markdown, and the HTML Markdown makes of it: that HTML is our
    template's (trusted), so the raw-HTML policy keeps its search flag. The text is an
    interface string, escaped so that Markdown reads it as text. `searched`: the section is
    a section of its own in the search index (the calendar's), not only cards."""
    shown = html.escape(text, quote=False)
    source = shown.replace("\\", "\\\\").replace("#", "\\#").replace("{", "\\{")
    if searched:
        return f"## {source} {{: #{anchor} }}", f'<h2 id="{anchor}">{shown}</h2>'
    made = f'<h2 data-search-exclude="section" id="{anchor}">{shown}</h2>'
    return f'## {source} {{: #{anchor} data-search-exclude="section" }}', made


def sections(env, page: ItemPage, entry: Entry, source_src: str) -> list[tuple[tuple[str, str], str]]:
    """The sections as ((Markdown heading, its HTML), HTML block) pairs."""
    _ = page._
    out = []
    for kind, title in (("event", _("Programme")), ("story", _("Stories")), ("article", _("News"))):
        group, hidden = page.children(entry, kind), page.children_only_in_source(entry, kind)
        if group or hidden:
            block = html_block(env, "campaign_section.html.j2", page=page, kind=kind, group=group, hidden=hidden,
                               source_src=source_src)
            out.append((heading(title, "cs-" + kind), block))
    tiles = gallery(page, entry)
    if tiles:
        block = html_block(env, "campaign_gallery.html.j2", tiles=tiles)
        out.append((heading(_("Gallery"), "cs-gallery"), block))
    calendar = page.calendar_section(entry)
    if calendar:
        out.append((heading(_("Calendar"), "cs-calendar", searched=True), str(calendar)))
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
