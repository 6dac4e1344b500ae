"""URLs as browsers read them: the WHATWG URL standard, through ada (`ada-url`).

Browsers drop tabs and line breaks anywhere in a URL, trim spaces and controls at its
ends, read `\\` as `/` in http(s) URLs and take `//host`, `/\\host`, `\\\\host` and
`///host` for another host. So whether a URL stays on this site is decided by parsing
it the way the browser will, against the page's own URL, not by looking at its text.
The raw-HTML policy and the post-build scan both ask here.
"""
from __future__ import annotations

from typing import Optional

from ada_url import URL

# Two made-up origins (`.invalid` never resolves): a URL that stays on the page's host
# against both is a path of this site whatever the site's own address is; an absolute
# URL cannot stay on two hosts, even one naming a base's host.
_BASES = ("https://page.invalid", "http://other-page.invalid")


def resolved(url: str, page: str = "/") -> Optional[URL]:
    """url as a browser on `page` (a site path such as /events/x/) resolves it; None when
    a browser would give up on it (and so request nothing)."""
    try:
        return URL(url, base=_BASES[0] + _page_path(page))
    except ValueError:
        return None


def scheme(url: str, page: str = "/") -> str:
    """The scheme a browser sees ("javascript", "https", ...); "" when it cannot parse it."""
    parsed = resolved(url, page)
    return parsed.protocol[:-1].lower() if parsed is not None else ""


def is_local(url: str, page: str = "/") -> bool:
    """Whether a browser on `page` reads url as a file of this site (same scheme and host)."""
    for base in _BASES:
        try:
            parsed = URL(url, base=base + _page_path(page))
        except ValueError:
            return False
        if parsed.origin != base:
            return False
    return True


def https_host(url: str) -> str:
    """The host of an absolute https URL as the browser reads it, else "" (a relative or
    scheme-relative URL would take the page's scheme, which may be http)."""
    try:
        parsed = URL(url)
    except ValueError:
        return ""
    return parsed.hostname if parsed.protocol == "https:" else ""


def host(url: str, page: str = "/") -> str:
    """The other host a browser would ask for url ("" for none)."""
    for base in _BASES:
        try:
            parsed = URL(url, base=base + _page_path(page))
        except ValueError:
            return ""
        if parsed.origin != base:
            return parsed.hostname
    return ""


def _page_path(page: str) -> str:
    path = "/" + page.lstrip("/")
    return "/" if any(c in path for c in "\\?#\t\r\n") or "//" in path else path
