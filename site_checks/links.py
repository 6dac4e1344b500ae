"""Every internal link and anchor of the built site resolves, as a static server would serve it.

Written here rather than run with a crawler: the built files are at hand, and the same
resolution rules as server.py apply. Besides the pages' links this checks the search
index (its results link to pages and headings) and the sitemap.
"""
from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree
from lxml import html as lxml_html

from .server import resolve

# (tag, attribute) pairs whose URL the browser follows or fetches.
URL_ATTRIBUTES = [("a", "href"), ("area", "href"), ("link", "href"), ("img", "src"), ("img", "srcset"),
                  ("source", "src"), ("source", "srcset"), ("script", "src"), ("iframe", "src"),
                  ("video", "poster"), ("video", "src"), ("audio", "src"), ("form", "action")]
ALWAYS_THERE = {"", "top"}  # fragments every HTML page has


@dataclass(frozen=True)
class Broken:
    page: str
    link: str
    reason: str

    def __str__(self):
        return f"{self.page}: {self.link}: {self.reason}"


def page_url(site: Path, file: Path) -> str:
    rel = file.relative_to(site).as_posix()
    if rel == "index.html":
        return "/"
    return "/" + rel[: -len("index.html")] if rel.endswith("/index.html") else "/" + rel


def _urls(doc) -> list[str]:
    found = []
    for tag, attr in URL_ATTRIBUTES:
        for el in doc.iter(tag):
            value = (el.get(attr) or "").strip()
            if not value:
                continue
            if attr == "srcset":
                found.extend(part.strip().split()[0] for part in value.split(",") if part.strip())
            else:
                found.append(value)
    return found


@lru_cache(maxsize=None)
def _anchors(file: Path) -> frozenset:
    doc = lxml_html.fromstring(file.read_bytes())
    return frozenset(doc.xpath("//@id") + doc.xpath("//a/@name"))


def _check(site: Path, page: str, base: str, link: str) -> Broken | None:
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        return None  # another site: not ours to check (no test may reach it)
    path = unquote(parts.path)
    if path:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(base) if not base.endswith("/") else base, path))
        if path.endswith("/") and not joined.endswith("/"):
            joined += "/"
    else:
        joined = base
    target = resolve(site, joined)
    if target is None:
        return Broken(page, link, "no such page or file")
    fragment = unquote(parts.fragment)
    if parts.fragment and target.suffix == ".html" and fragment not in ALWAYS_THERE and fragment not in _anchors(target):
        return Broken(page, link, f"no element with id “{fragment}”")
    return None


def check_site(site: Path, site_url: str = "") -> list[Broken]:
    """Every broken internal link of the site: pages, the search index and the sitemap."""
    site = site.resolve()
    broken: list[Broken] = []
    for file in sorted(site.rglob("*.html")):
        base = page_url(site, file)
        for link in _urls(lxml_html.fromstring(file.read_bytes())):
            if link.startswith(("mailto:", "tel:", "javascript:", "data:")):
                continue
            problem = _check(site, base, base, link)
            if problem:
                broken.append(problem)
    index = site / "search" / "search_index.json"
    if index.is_file():
        for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]:
            problem = _check(site, "search/search_index.json", "/", doc["location"] or "./")
            if problem:
                broken.append(problem)
    sitemap = site / "sitemap.xml"
    if sitemap.is_file() and site_url:
        prefix = urlsplit(site_url).path or "/"
        for loc in etree.parse(str(sitemap)).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"):
            path = urlsplit(loc.text.strip()).path
            problem = _check(site, "sitemap.xml", "/", "/" + path[len(prefix):] if path.startswith(prefix) else path)
            if problem:
                broken.append(problem)
    return broken
