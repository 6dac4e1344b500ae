"""Where generated pages live and how pages link to each other.

Generated pages link to each other from raw HTML, which MkDocs does not rewrite,
so the URL of every source path is computed here, the way MkDocs computes it.
"""
from __future__ import annotations

import posixpath

KIND_FOLDER = {"campaign": "campaigns", "event": "events", "story": "stories", "article": "news"}
MEDIA_FOLDER = "media"


def lang_prefix(lang: str, source_lang: str) -> str:
    return "" if lang == source_lang else f"{lang}/"


def item_src(kind: str, slug: str, prefix: str = "") -> str:
    return f"{prefix}{KIND_FOLDER[kind]}/{slug}.md"


def index_src(kind: str, page: int = 1, prefix: str = "") -> str:
    folder = f"{prefix}{KIND_FOLDER[kind]}"
    return f"{folder}/index.md" if page == 1 else f"{folder}/page/{page}.md"


def media_src(content_path: str) -> str:
    """The published copy of a file from campaigns/, by its path inside campaigns/."""
    return f"{MEDIA_FOLDER}/{content_path}"


def page_url(src: str, directory_urls: bool = True) -> str:
    """The URL (relative to the site root) MkDocs gives to a Markdown page."""
    stem = src[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/" if directory_urls else f"{stem}.html"


def relative(from_src: str, to_url: str, directory_urls: bool = True) -> str:
    """A link from the page built from from_src to a URL relative to the site root."""
    here = page_url(from_src, directory_urls)
    base = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
    rel = posixpath.relpath("/" + to_url, "/" + base)
    if to_url.endswith("/") or to_url == "":
        rel = "./" if rel == "." else rel + "/"
    return rel


def md_relative(from_src: str, to_src: str) -> str:
    """A Markdown link between two source paths (MkDocs validates and converts it)."""
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")


FEED_FOLDER = "feeds"
FEED_KINDS = {"article": "news", "event": "events"}  # kinds that have feeds → file stem
FEED_FORMATS = {"atom": ("xml", "application/atom+xml"), "json": ("json", "application/feed+json")}


def feed_src(kind: str, fmt: str, prefix: str = "") -> str:
    """feeds/news.xml (Atom), feeds/news.json (JSON Feed); under en/ for English."""
    return f"{prefix}{FEED_FOLDER}/{FEED_KINDS[kind]}.{FEED_FORMATS[fmt][0]}"


def absolute(site_url: str, url: str) -> str:
    """A URL relative to the site root, made absolute with the published address."""
    return site_url.rstrip("/") + "/" + url
