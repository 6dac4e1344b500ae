"""Which item pages a preview server's rebuild may take from the build before: an edit of
one body (the most common edit while previewing) changes that item's pages alone.

An item page is made from its item's files and from what the site says of every item
(front matter, links, states and listing, as of the build's day), the site's settings,
theme days and published files. The site's part is one fingerprint per build: any change
to it (a title, a date, a new file, an image) makes every page again. Campaign pages,
which show their children and calendars, are always made again."""
from __future__ import annotations

import hashlib

from ..model.site import Entry, Site


def fingerprint(site: Site, media) -> str:
    """What every item page may read of the site besides its own item's bodies."""
    digest = hashlib.sha256()
    for part in (repr(site.settings), site.mode, site.today.isoformat(), repr(site.observances),
                 repr(sorted(o.path for o in media.outputs))):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    for entry in site.entries:
        digest.update(repr((entry.kind, entry.slug, entry.state, entry.listed)).encode("utf-8", "surrogatepass"))
        for version in _versions(entry):
            described = (version.doc.path, version.doc.data, sorted(version.links.items()))
            digest.update(repr(described).encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def page_key(site_print: str, entry: Entry, lang_code: str) -> str:
    """The key of an item's page in a language: the site's fingerprint and the item's bodies."""
    bodies = [(v.doc.path, v.doc.body) for v in _versions(entry)]
    text = repr((site_print, lang_code, entry.kind, entry.slug, bodies))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _versions(entry: Entry) -> list:
    item = entry.item
    return [item.source, *(item.translations[code] for code in sorted(item.translations))]
