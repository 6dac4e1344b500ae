"""The images content uses, and the HTML that shows a published image (<picture>, srcset)."""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import Optional
from urllib.parse import quote, unquote

from markupsafe import Markup, escape

from ..core import urls
from .decode import is_image_path
from ..content.body_links import find_references

# The width an image takes on screen: the whole phone screen, Material's content column on
# a desktop. Browsers pick the smallest variant that is sharp at that width.
SIZES = "(min-width: 76.25em) 46rem, (min-width: 60em) 70vw, 100vw"
# A story's portrait: beside the text on a desktop, at most about half a phone's screen tall.
PORTRAIT_SIZES = "(min-width: 62.5em) 16rem, 75vw"
DEFAULT_WIDTH = 960  # the fallback `src` for browsers without srcset
_INLINE_IMAGE = re.compile(
    r"!\[(?P<alt>(?:[^\[\]\\\n]|\\.)*)\]\(\s*(?P<target><[^>\n]*>|[^\s)]+)"
    r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?\s*\)"
)
_FENCE = re.compile(r"^ {0,3}(```|~~~)")


@dataclass(frozen=True)
class Use:
    """One place where content uses a file as an image (or links to an image file)."""

    content_path: str  # the file, inside the content folder
    doc_path: str  # the page's file, as shown to editors
    line: int
    field: str  # cover, portrait or body
    alt: Optional[str]  # None: no alt text given
    as_image: bool


@dataclass(frozen=True)
class Published:
    path: str  # in the site, e.g. media/x/photo.1a2b3c4d.960.webp
    source: str  # the file to copy (in the cache)
    width: int
    height: int
    format: str


@dataclass
class Picture:
    content_path: str
    width: int
    height: int
    gps: bool
    variants: list = field(default_factory=list)  # Published, smallest first

    def of(self, fmt: str) -> list:
        return [v for v in self.variants if (v.format == "webp") == (fmt == "webp")]

    @property
    def largest(self) -> Published:
        return self.of("fallback")[-1]

    @property
    def default(self) -> Published:
        """The JPEG or PNG for where one file is given (an img src, a feed)."""
        fallback = self.of("fallback")
        return ([v for v in fallback if v.width <= DEFAULT_WIDTH] or fallback)[-1]


def uses_of(item, version) -> list[Use]:
    """Every image file a version of an item shows or links to, with where it does."""
    doc, model = version.doc, version.model
    out = []
    for name, alt in (("cover", getattr(model, "cover_alt", None)),
                      ("portrait", getattr(model, "portrait_alt", None) or getattr(model, "subject", None))):
        target = getattr(model, name, None)
        if not target:
            continue
        found = version.links.get(target) or item.source.links.get(target)
        line_doc = doc if name in doc.data else item.source.doc
        if found and found[0] == "file":
            out.append(Use(found[1], line_doc.path, line_doc.line(name), name, alt, True))
    return out + _body_uses(doc, version.links)


def document_uses(doc, links: dict) -> list[Use]:
    """uses_of for a document whose front matter did not validate (no model): its fields
    as written, so that its images are checked in the same run as its other mistakes."""
    out = []
    for name, alt_field in (("cover", "cover_alt"), ("portrait", "portrait_alt")):
        target = doc.data.get(name)
        found = links.get(target.strip()) if isinstance(target, str) else None
        if found and found[0] == "file":
            alt = doc.data.get(alt_field) or (doc.data.get("subject") if name == "portrait" else None)
            out.append(Use(found[1], doc.path, doc.line(name), name, alt if isinstance(alt, str) else None, True))
    return out + _body_uses(doc, links)


def _body_uses(doc, links: dict) -> list[Use]:
    out = []
    for ref in find_references(doc.body):
        found = links.get(ref.target)
        if not found or found[0] != "file":
            continue
        if ref.kind == "image" or is_image_path(found[1]):
            alt = ref.alt.strip() if ref.kind == "image" else ""
            out.append(Use(found[1], doc.path, doc.body_line + ref.line - 1, "body", alt or None, ref.kind == "image"))
    return out


def url(from_src: str, published: Published) -> str:
    return quote(urls.relative(from_src, published.path), safe="/.-_~%")


def picture_html(picture: Picture, from_src: str, alt: str, eager: bool = False, sizes: str = SIZES) -> Markup:
    """<picture> with WebP and the fallback at every width; width and height keep the
    page from jumping while it loads; images below the top load when scrolled to.
    `sizes` is the width the page shows it at (the content column unless said otherwise)."""
    webp, fallback, default = picture.of("webp"), picture.of("fallback"), picture.default

    def srcset(variants):
        return ", ".join(f"{url(from_src, v)} {v.width}w" for v in variants)

    loading = 'loading="eager" fetchpriority="high"' if eager else 'loading="lazy"'
    return Markup(
        f'<picture><source type="image/webp" srcset="{escape(srcset(webp))}" sizes="{sizes}">'
        f'<img src="{escape(url(from_src, default))}" srcset="{escape(srcset(fallback))}" sizes="{sizes}" '
        f'width="{default.width}" height="{default.height}" alt="{escape(alt)}" {loading} decoding="async"></picture>'
    )


def inline_pictures(body: str, links: dict, from_src: str, pictures: dict) -> str:
    """Markdown images `![alt](path)` of published pictures replaced by <picture> HTML
    (one line, so that Markdown keeps it inline). Code blocks are left alone."""
    out, fenced = [], False
    for line in body.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        if not fenced and "![" in line:
            line = _INLINE_IMAGE.sub(lambda m: _swap(m, links, from_src, pictures), line)
        out.append(line)
    return "\n".join(out)


def _swap(match: re.Match, links: dict, from_src: str, pictures: dict) -> str:
    target = unquote(match.group("target").strip("<>"))
    found = links.get(target)
    picture = pictures.get(found[1]) if found and found[0] == "file" else None
    if picture is None:
        return match.group(0)
    alt = re.sub(r"\\(.)", r"\1", match.group("alt"))
    return str(picture_html(picture, from_src, alt))


def published_name(content_path: str, key: str, width: int, fmt: str) -> str:
    """media/<folder>/<name>.<key>.<width>.<ext>: a new name whenever the bytes change."""
    stem, _ext = posixpath.splitext(content_path)
    ext = {"webp": "webp", "jpeg": "jpg", "png": "png"}[fmt]
    return urls.media_src(f"{stem}.{key[:10]}.{width}.{ext}")
