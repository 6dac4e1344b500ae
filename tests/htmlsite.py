"""Reading a built site as a browser would: pages, links and the resources they load."""
from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

from lxml import html as lxml_html

# Elements and attributes through which a page makes the browser fetch something.
LOADING = [
    ("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"),
    ("iframe", "src"), ("video", "src"), ("video", "poster"), ("audio", "src"), ("embed", "src"),
    ("object", "data"), ("track", "src"), ("input", "src"),
]
LINK_RELS_THAT_LOAD = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest",
                       "apple-touch-icon", "preconnect", "dns-prefetch"}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)|@import\s+['\"]([^'\"]+)")


def parse(path: Path):
    return lxml_html.fromstring(path.read_bytes())


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def is_external(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.scheme and parts.scheme not in ("data",) or parts.netloc) and not url.startswith("#")


def loaded_urls(doc) -> list[str]:
    urls = []
    for tag, attr in LOADING:
        for el in doc.iter(tag):
            value = el.get(attr)
            if value:
                urls.extend(u.strip().split(" ")[0] for u in value.split(",") if u.strip()) if "srcset" in attr else urls.append(value)
    for el in doc.iter("link"):
        rels = set((el.get("rel") or "").lower().split())
        if rels & LINK_RELS_THAT_LOAD and el.get("href"):
            urls.append(el.get("href"))
    for el in doc.iter("style"):
        urls.extend(a or b for a, b in CSS_URL.findall(el.text or ""))
    for el in doc.xpath("//*[@style]"):
        urls.extend(a or b for a, b in CSS_URL.findall(el.get("style")))
    return urls


def page_of(site: Path, url_path: str) -> Path | None:
    """The file a static server returns for a site-relative URL path."""
    target = site / url_path.lstrip("/")
    if url_path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def internal_links(site: Path, page: Path) -> list[str]:
    """Site-relative URL paths of every <a href> on a page that stays on the site."""
    base = "/" + page.relative_to(site).as_posix()
    out = []
    for el in parse(page).iter("a"):
        href = el.get("href")
        if not href or is_external(href) or href.startswith(("mailto:", "tel:", "javascript:")):
            continue
        href, _frag = urldefrag(href)
        if not href:
            continue
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(base), href))
        if href.endswith("/") and not joined.endswith("/"):
            joined += "/"
        out.append(joined)
    return out


def reachable(site: Path, start: str = "/") -> set[Path]:
    seen: set[Path] = set()
    todo = [start]
    while todo:
        page = page_of(site, todo.pop())
        if page is None or page in seen or page.suffix != ".html":
            continue
        seen.add(page)
        todo.extend(internal_links(site, page))
    return seen
