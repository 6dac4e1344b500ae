"""The raw-HTML policy for what editors write: an allowlist, enforced by nh3.

Python-Markdown passes raw HTML through, and Markdown itself can make a
`javascript:` link or (with attr_list) an `onclick` attribute. So the policy is
applied to the HTML that Markdown produced, not to the Markdown: `clean` is what
the site publishes, `findings` says what `clean` removes, for the warnings.
The written policy is in content-model.md ("HTML in the body").
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import nh3
from selectolax.lexbor import LexborHTMLParser

from ..core.blocks import MARKER, marker_in_comment
from ..core.problems import ERROR, WARNING
from . import urls

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
# Element ids of the theme (__config, __search, ...) and of our templates (cs-event, ...):
# an editor's element with one would come first, and links and labels would point at it.
RESERVED_IDS = ("__", "cs-")
# The classes an editor may write (content-model.md): Material's boxes for notes. The
# theme's other classes (md-*) and our templates' (cs-*) can pin a box over the page.
EDITOR_CLASSES = frozenset({"admonition", "admonition-title", "note", "info", "tip", "warning", "danger"})
# Classes that Markdown extensions write themselves, by extension name (`markdown_extensions`).
EXTENSION_CLASSES = {
    "toc": {"toc", "toctitle", "headerlink"},
    "footnotes": {"footnote", "footnote-ref", "footnote-backref"},
    "admonition": {"admonition", "admonition-title"},
}
# Generated pages also carry our templates' markup where Markdown reflowed it: their
# classes (cs-*, and the theme's buttons) and ids pass there. The editors' parts of
# those pages are held to the editors' rules by the check, which stops the build.
TEMPLATE_PREFIX = "cs-"
TEMPLATE_CLASSES = frozenset({"md-button", "md-button--primary"})
# What an editor's problem costs: these are errors (they would mislead readers); the
# other removals are warnings, errors under --strict.
ERROR_CODES = frozenset({"html_class_refused", "html_id_reserved", "marker_misplaced"})


@dataclass(frozen=True)
class Finding:
    code: str  # html_tag_removed | _attribute_removed | _url_removed | _host_removed | _class_refused | _id_reserved | marker_misplaced
    tag: str
    name: str = ""  # the attribute
    value: str = ""  # the URL or the host
    needle: str = ""  # what to look for in the source to find the line

    @property
    def severity(self) -> str:
        return ERROR if self.code in ERROR_CODES else WARNING

    @property
    def needles(self) -> tuple:
        return tuple(n for n in (self.needle, f"<{self.tag}" if self.tag else "") if n)

    def params(self) -> dict:
        out = {"tag": f"<{self.tag}>"} if self.tag else {}
        if self.name and self.code != "html_class_refused":
            out["attribute"] = self.name
        if self.value:
            out["value"] = self.value if len(self.value) <= 60 else self.value[:57] + "…"
        if self.code == "html_class_refused":
            out["allowed"] = " ".join(sorted(EDITOR_CLASSES))
        elif self.code == "html_id_reserved":
            out["prefixes"] = " ".join(RESERVED_IDS)
        return out


class Policy:
    def __init__(self, embed_hosts=(), extensions=(), generated: bool = False):
        self.embed_hosts = frozenset(h.lower().strip() for h in embed_hosts)
        self.classes = EDITOR_CLASSES.union(*(EXTENSION_CLASSES.get(e, ()) for e in extensions))
        self.generated = generated
        if generated:
            self.classes |= TEMPLATE_CLASSES
        self.reserved_ids = ("__",) if generated else RESERVED_IDS
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
        if name == "class":  # the allowed classes stay
            kept = " ".join(c for c in value.split() if self._class_allowed(c))
            return kept or None
        return value if self.verdict(tag, name, value) is None else None

    def verdict(self, tag: str, name: str, value: str):
        """None when an allowed attribute's value is acceptable, else the Finding."""
        if name == "id" and value.strip().lower().startswith(self.reserved_ids):
            return Finding("html_id_reserved", tag, name, value, needle=value)
        if name == "class":
            refused = [c for c in value.split() if not self._class_allowed(c)]
            if refused:
                return Finding("html_class_refused", tag, name, " ".join(refused), needle=refused[0])
        if name in URL_ATTRIBUTES:
            for url in _urls(name, value):
                scheme = urls.scheme(url)
                if scheme not in URL_SCHEMES:  # "" too: a URL no browser can read
                    return Finding("html_url_removed", tag, name, url, needle=_needle(url))
                if (tag, name) in EMBEDDED and not self._embeddable(url):
                    return Finding("html_host_removed", tag, name, urls.host(url) or url, needle=_needle(url))
        return None

    def _class_allowed(self, name: str) -> bool:
        return name in self.classes or (self.generated and name.startswith(TEMPLATE_PREFIX))

    def _embeddable(self, url: str) -> bool:
        if urls.is_local(url):
            return True  # a file of this site, as the browser reads the URL
        return urls.https_host(url) in self.embed_hosts


@lru_cache(maxsize=8)
def policy(embed_hosts: tuple = (), extensions: tuple = (), generated: bool = False) -> Policy:
    """The policy for a site (its embed hosts, its Markdown extensions' names), for the
    editors' pages or for the generated ones (`generated`)."""
    return Policy(embed_hosts, extensions, generated)


def _needle(url: str) -> str:
    return url.strip()[:40]


def _urls(name: str, value: str) -> list[str]:
    if name != "srcset":
        return [value]
    return [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]


def _findings(rules: "Policy", html: str) -> list[Finding]:
    found: list[Finding] = []
    tree = LexborHTMLParser(html)  # an HTML5 parser, as nh3's and the browser's
    for node in tree.root.traverse(include_text=False) if tree.root else ():
        tag = (node.tag or "").lower()
        if tag == "-comment":  # removed; a marker here is one outside its page (core/blocks.py)
            comment = node.html or ""
            name = marker_in_comment(comment[4:])
            if name is not None:
                found.append(Finding("marker_misplaced", "", "", MARKER.format(name=name), needle=comment))
            continue
        attrs = [(k.lower(), v or "") for k, v in node.attributes.items()]
        if tag.startswith("-") or (tag in ("html", "head", "body") and not attrs):
            continue  # the doctype, and the document around the fragment
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


def clean_page(html: str, trusted=(), embed_hosts: tuple = (), extensions: tuple = (),
               generated: bool = False) -> tuple[str, list[Finding]]:
    """A rendered page body with the policy applied everywhere except to the exact
    fragments our templates made (listed in `trusted`). A copy of such a fragment
    written by an editor is left alone too: it is markup we would publish anyway."""
    rules = policy(tuple(embed_hosts), tuple(extensions), generated)
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
