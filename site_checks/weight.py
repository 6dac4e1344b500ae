"""Page weight: what the browser transfers for the first view of a page on a phone, with an
empty cache, from a server that compresses text (server.py)."""
from __future__ import annotations

from dataclasses import dataclass, field

from .browser import PHONE, Visit, new_context, visit

BUDGET = 300 * 1024  # bytes, compressed, per page type
CATEGORIES = ("html", "css", "js", "fonts", "images", "search index", "other")
_BY_RESOURCE_TYPE = {"document": "html", "stylesheet": "css", "script": "js", "font": "fonts", "image": "images"}
# Scripts a worker imports have no resource type of their own.
_BY_SUFFIX = {".js": "js", ".css": "css", ".woff2": "fonts", ".woff": "fonts", ".ttf": "fonts", ".svg": "images",
              ".png": "images", ".jpg": "images", ".jpeg": "images", ".webp": "images", ".avif": "images", ".gif": "images"}


def category(resource_type: str, url: str) -> str:
    path = url.split("?")[0].split("#")[0]
    if path.endswith("/search/search_index.json"):
        return "search index"
    if resource_type in _BY_RESOURCE_TYPE:
        return _BY_RESOURCE_TYPE[resource_type]
    return _BY_SUFFIX.get(path[path.rfind("."):].lower(), "other") if "." in path.rsplit("/", 1)[-1] else "other"


@dataclass
class Weight:
    path: str
    bytes: dict = field(default_factory=lambda: dict.fromkeys(CATEGORIES, 0))
    requests: list = field(default_factory=list)  # (url, category, bytes)
    blocked: list = field(default_factory=list)
    problems: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.bytes.values())

    @property
    def within_budget(self) -> bool:
        return self.total <= BUDGET


def measure(browser, base_url: str, path: str, viewport=PHONE) -> Weight:
    """The first view of `path` in a fresh context (empty cache)."""
    context = new_context(browser, base_url, viewport=viewport)
    try:
        weight, _visit = measure_page(context.new_page(), path)
        weight.blocked = list(context.guard.blocked)
    finally:
        context.close()
    return weight


def measure_page(page, path: str) -> tuple[Weight, Visit]:
    """Open `path` in a page of a fresh context and add up the bytes of every response:
    headers plus the body as sent (compressed when the server compressed it). A URL counts
    once: interception turns the browser's cache off, and a browser with its cache on
    fetches the logo once for the header and the icon."""
    finished = []
    listener = lambda request: finished.append(request)  # noqa: E731 (Playwright wants a Python function)
    page.context.on("requestfinished", listener)
    try:
        result = visit(page, path)
    finally:
        page.context.remove_listener("requestfinished", listener)
    weight = Weight(path, problems=result.console_errors + result.failed)
    seen = set()
    for request in finished:
        if request.url in seen or request.response() is None:
            continue
        seen.add(request.url)
        sizes = request.sizes()
        # The body as sent: Content-Length (compressed when compressed). Chromium reports a
        # body size of 0 for scripts that a worker loads.
        length = request.response().header_value("content-length")
        size = (int(length) if length else sizes["responseBodySize"]) + sizes["responseHeadersSize"]
        kind = category(request.resource_type, request.url)
        weight.bytes[kind] += size
        weight.requests.append((request.url, kind, size))
    return weight, result


def kb(n: int) -> str:
    return f"{n / 1024:.1f}"
