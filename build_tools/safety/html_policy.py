"""The raw-HTML policy for what editors write: an allowlist, enforced by nh3.

Python-Markdown passes raw HTML through, and Markdown itself can make a
`javascript:` link or (with attr_list) an `onclick` attribute. So the policy is
applied to the HTML that Markdown produced, not to the Markdown: `clean` is what
the site publishes, `findings` says what `clean` removes, for the warnings.
The written policy is in content-model.md ("HTML in the body").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

import nh3
from selectolax.lexbor import LexborHTMLParser

TAGS = frozenset({
    # text
    "a", "abbr", "b", "br", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd", "mark",
    "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
    # blocks
    "p", "div", "blockquote", "pre", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
    "ul", "ol", "li", "dl", "dt", "dd", "details", "summary", "address",
    "section", "header", "footer", "nav", "aside", "article",
    # tables
    "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
    # figures and media
    "figure", "figcaption", "img", "picture", "source", "video", "audio", "track", "iframe",
})
# Elements removed with their content (everything else not allowed keeps its text).
DROP_CONTENT = frozenset({"script", "style"})
ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir", "role", "aria-label", "aria-labelledby",
          "aria-describedby", "aria-hidden", "aria-current"},
    "a": {"href", "rel", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading", "decoding", "srcset", "sizes"},
    "source": {"src", "srcset", "type", "media", "sizes", "width", "height"},
    "video": {"src", "poster", "controls", "width", "height", "preload", "muted", "loop", "playsinline"},
    "audio": {"src", "controls", "preload", "loop"},
    "track": {"src", "kind", "srclang", "label", "default"},
    "iframe": {"src", "width", "height", "allowfullscreen", "loading", "referrerpolicy"},
    "th": {"style", "colspan", "rowspan", "scope", "align"},
    "td": {"style", "colspan", "rowspan", "align"},
    "col": {"span"}, "colgroup": {"span"},
    "ol": {"start", "reversed", "type"}, "li": {"value"},
    "time": {"datetime"}, "q": {"cite"}, "blockquote": {"cite"}, "del": {"datetime"}, "ins": {"datetime"},
    "details": {"open"}, "abbr": {"title"},
}
STYLE_PROPERTIES = frozenset({"text-align"})  # what Markdown tables write
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
URL_ATTRIBUTES = frozenset({"href", "src", "poster", "cite", "srcset"})
# Attributes that make the reader's browser fetch something: same site, or an allowed host.
EMBEDDED = frozenset({("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"),
                      ("video", "src"), ("video", "poster"), ("audio", "src"), ("track", "src"),
                      ("iframe", "src")})
RESERVED_ID = "__"  # the theme's element ids (__config, __search, ...)
_URL_NOISE = re.compile(r"[\t\n\r]")


@dataclass(frozen=True)
class Finding:
    code: str  # html_tag_removed | html_attribute_removed | html_url_removed | html_host_removed
    tag: str
    name: str = ""  # the attribute
    value: str = ""  # the URL or the host
    needle: str = ""  # what to look for in the source to find the line

    @property
    def needles(self) -> tuple:
        return (self.needle, f"<{self.tag}") if self.needle else (f"<{self.tag}",)

    def params(self) -> dict:
        out = {"tag": f"<{self.tag}>"}
        if self.name:
            out["attribute"] = self.name
        if self.value:
            out["value"] = self.value if len(self.value) <= 60 else self.value[:57] + "…"
        return out


class Policy:
    def __init__(self, embed_hosts=()):
        self.embed_hosts = frozenset(h.lower().strip() for h in embed_hosts)
        self._cleaner = nh3.Cleaner(
            tags=set(TAGS),
            clean_content_tags=set(DROP_CONTENT),
            attributes={k: set(v) for k, v in ATTRIBUTES.items()},
            attribute_filter=self._filter,
            strip_comments=True,
            link_rel=None,
            url_schemes=set(URL_SCHEMES),
            filter_style_properties=set(STYLE_PROPERTIES),
        )

    def clean(self, html: str) -> str:
        return self._cleaner.clean(html)

    def findings(self, html: str) -> list[Finding]:
        """What `clean` removes from html, in document order."""
        return _findings(self, html)

    # One decision per attribute, shared by clean and findings.
    def _filter(self, tag: str, name: str, value: str):
        return value if self.verdict(tag, name, value) is None else None

    def verdict(self, tag: str, name: str, value: str):
        """None when an allowed attribute's value is acceptable, else the Finding."""
        if name == "id" and value.startswith(RESERVED_ID):
            return Finding("html_attribute_removed", tag, name, value, needle=value)
        if name in URL_ATTRIBUTES:
            for url in _urls(name, value):
                scheme = _scheme(url)
                if scheme and scheme not in URL_SCHEMES:
                    return Finding("html_url_removed", tag, name, url, needle=url.strip()[:40])
                if (tag, name) in EMBEDDED and not self._embeddable(url):
                    host = urlsplit(url.strip()).hostname or url
                    return Finding("html_host_removed", tag, name, host, needle=url.strip()[:40])
        return None

    def _embeddable(self, url: str) -> bool:
        parts = urlsplit(_URL_NOISE.sub("", url).strip())
        if not parts.scheme and not parts.netloc:
            return True  # a file of this site
        return parts.scheme == "https" and (parts.hostname or "") in self.embed_hosts


@lru_cache(maxsize=8)
def policy(embed_hosts: tuple = ()) -> Policy:
    return Policy(embed_hosts)


def _urls(name: str, value: str) -> list[str]:
    if name != "srcset":
        return [value]
    return [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]


def _scheme(url: str) -> str:
    """The scheme a browser would see: it ignores tabs and newlines and leading spaces."""
    text = _URL_NOISE.sub("", url).lstrip("\x00 \x0c")
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.\-]*):", text)
    return match.group(1).lower() if match else ""


def _findings(rules: "Policy", html: str) -> list[Finding]:
    found: list[Finding] = []
    tree = LexborHTMLParser(html)  # an HTML5 parser, as nh3's and the browser's
    for node in tree.root.traverse(include_text=False) if tree.root else ():
        tag = (node.tag or "").lower()
        attrs = [(k.lower(), v or "") for k, v in node.attributes.items()]
        if tag.startswith("-") or (tag in ("html", "head", "body") and not attrs):
            continue  # comments, and the document around the fragment
        if tag not in TAGS:
            found.append(Finding("html_tag_removed", tag, needle=f"<{tag}"))
            continue
        allowed = ATTRIBUTES["*"] | ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name not in allowed:
                found.append(Finding("html_attribute_removed", tag, name, needle=name))
            elif name == "style":
                extra = [d for d in value.split(";") if d.strip() and d.split(":")[0].strip().lower() not in STYLE_PROPERTIES]
                if extra:
                    found.append(Finding("html_attribute_removed", tag, name, extra[0].strip(), needle="style"))
            else:
                verdict = rules.verdict(tag, name, value)
                if verdict is not None:
                    found.append(verdict)
    return found


def clean_page(html: str, trusted=(), embed_hosts: tuple = ()) -> tuple[str, list[Finding]]:
    """A rendered page body with the policy applied everywhere except to the exact
    fragments our templates made (listed in `trusted`). A copy of such a fragment
    written by an editor is left alone too: it is markup we would publish anyway."""
    rules = policy(tuple(embed_hosts))
    spans = _trusted_spans(html, trusted)
    out, found, at = [], [], 0
    for start, end in [*spans, (len(html), len(html))]:
        gap = html[at:start]
        if gap.strip():
            found.extend(rules.findings(gap))
            out.append(rules.clean(gap))
        else:
            out.append(gap)
        out.append(html[start:end])
        at = end
    return "".join(out), found


def _trusted_spans(html: str, trusted) -> list[tuple[int, int]]:
    spans = []
    for fragment in sorted({t for t in trusted if t}, key=len, reverse=True):
        start = html.find(fragment)
        while start != -1:
            end = start + len(fragment)
            if not any(s < end and start < e for s, e in spans):
                spans.append((start, end))
            start = html.find(fragment, end)
    return sorted(spans)
