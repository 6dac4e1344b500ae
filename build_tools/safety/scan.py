"""The last line of defence: a scan of the built site before it is published.

Every HTML and SVG file is read as a browser would read it (tags and attributes),
and the build fails on any script element that the theme or our templates did not
write, any event-handler attribute, any javascript:/vbscript:/data: URL, and on
elements that run or redirect to other documents. XML files must be well formed,
and every file must lie inside the output folder.
"""
from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional
from urllib.parse import urlsplit
from xml.etree import ElementTree

from selectolax.lexbor import LexborHTMLParser

from . import urls
from ..core.problems import Problem, problem

OUR_TEMPLATES = Path(__file__).resolve().parent.parent / "render" / "templates"
DATA_SCRIPT_TYPES = frozenset({"application/json", "application/ld+json"})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "poster", "data", "xlink:href",
                            "background", "cite", "srcset", "ping", "manifest", "codebase", "lowsrc", "dynsrc"})
BAD_SCHEMES = frozenset({"javascript", "vbscript", "data"})
# Elements that load or run other documents, and SVG animation that can rewrite a link.
BAD_ELEMENTS = frozenset({"base", "object", "embed", "applet", "frame", "frameset", "portal", "noscript",
                          "animate", "set", "animatemotion", "animatetransform", "handler", "listener"})
EMBEDS = frozenset({"img", "source", "video", "audio", "track", "iframe"})  # what embed_hosts may serve
ANIMATED_ATTRIBUTES = frozenset({"values", "to", "from", "by"})
# Attributes whose URL the browser requests as the page loads (or, for ping, on a click):
# it must be a file of this site, or on an https host of `embed_hosts`.
FETCHED = frozenset({("img", "src"), ("img", "srcset"), ("img", "lowsrc"), ("source", "src"), ("source", "srcset"),
                     ("video", "src"), ("video", "poster"), ("audio", "src"), ("track", "src"), ("iframe", "src"),
                     ("frame", "src"), ("embed", "src"), ("object", "data"), ("input", "src"), ("script", "src"),
                     ("image", "href"), ("image", "xlink:href"), ("use", "href"), ("use", "xlink:href"),
                     ("feimage", "href"), ("feimage", "xlink:href"), ("a", "ping"), ("area", "ping"),
                     ("body", "background"), ("table", "background"), ("td", "background"), ("th", "background")})
FETCHED_LINKS = frozenset({"stylesheet", "icon", "apple-touch-icon", "preload", "prefetch", "modulepreload",
                           "manifest", "preconnect", "dns-prefetch", "prerender"})
# url("..."), url(...) and @import "...": what CSS in a page can make the browser fetch.
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^'")\s]+))|@import\s*(?:"([^"]*)"|'([^']*)')""", re.I)
MARKUP_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".svg"})
SEARCH_INDEX = "search/search_index.json"
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_JINJA = re.compile(r"(\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\})", re.S)
_LITERAL = re.compile(r"""['"]([^'"{}]+\.m?js)['"]""")
# What a template expression inside a script may print: no quote, no backslash, no
# tag, no line break, so it cannot leave the string it stands in.
_VALUE = r"""[^"'`<>\\\r\n]*"""
_URL_NOISE = re.compile(r"[\t\n\r]")


@dataclass(frozen=True)
class KnownScripts:
    inline: tuple  # compiled patterns of the inline scripts in the templates
    sources: frozenset  # site paths of script files the templates load


def known_scripts(template_dirs, extra_javascript=()) -> KnownScripts:
    """The scripts that the theme's and our templates write, read from the templates."""
    inline, sources = set(), {posixpath.normpath(s) for s in extra_javascript}
    for path in _template_files([*template_dirs, OUR_TEMPLATES]):
        text = path.read_text(encoding="utf-8", errors="replace")
        for attrs, body in _SCRIPT.findall(text) if "<script" in text else ():
            if re.search(r"\bsrc\s*=", attrs):
                sources.update(posixpath.normpath(m) for m in _LITERAL.findall(attrs))
            elif body.strip() and not _data_type(attrs):
                inline.add(_pattern(body))
    return KnownScripts(tuple(re.compile(p, re.S) for p in sorted(inline)), frozenset(sources))


def _template_files(folders) -> list[Path]:
    found = []
    for folder in folders:
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))  # .icons: thousands of SVGs
            found.extend(Path(dirpath, n) for n in sorted(filenames) if n.endswith((".html", ".j2", ".xml")))
    return found


def _pattern(body: str) -> str:
    parts = []
    for piece in _JINJA.split(body.strip()):
        if piece.startswith("{{"):
            parts.append(_VALUE)
        elif not piece.startswith(("{%", "{#")):
            parts.append(re.escape(piece))
    return "".join(parts)


def _data_type(attrs: str) -> bool:
    match = re.search(r"""\btype\s*=\s*["']?([^"'\s>]+)""", attrs)
    return bool(match) and match.group(1).lower() in DATA_SCRIPT_TYPES


def scan_site(site_dir: Path, known: KnownScripts, indexes=(SEARCH_INDEX,), embed_hosts=(),
              memo: Optional[dict] = None, trusted: Optional[dict] = None,
              ahead: Optional[dict] = None) -> list[Problem]:
    """Problems in every file of the built site; `indexes` are its search indexes' paths,
    `embed_hosts` the hosts its pages may load frames and media from (https only).

    memo ({site path: (file signature, problems)}, kept by the caller between builds into
    the same folder, as a preview server's) holds what the last scan found: a file whose
    signature is unchanged is not read again. The signature includes the inode's change
    time, which every write, link, rename or copy of a file moves and nothing can set back.

    `trusted` ({site path: bytes}) are pages of a trusted app (the editor at /admin/): one is
    skipped only when it holds exactly those bytes, so content at that path is still scanned.

    `ahead` ({site path: (digest, problems)}) are pages scanned before they were written (by a
    worker, as MkDocs rendered them: see digest()); a file's result is taken only when the
    file holds exactly the bytes scanned."""
    trusted, ahead = trusted or {}, ahead or {}
    site_dir = Path(site_dir)
    out: list[Problem] = []
    seen = {}
    for rel, entry in _entries(site_dir):
        if entry.is_symlink():  # the only way out of the folder: nothing under it is followed
            out.append(problem(rel, 1, "", "scan_outside"))
            continue
        if not entry.is_file(follow_symlinks=False):
            continue
        suffix = posixpath.splitext(rel)[1].lower()
        if not (suffix in MARKUP_SUFFIXES or suffix == ".xml" or rel in indexes):
            continue
        if rel in trusted and Path(entry.path).read_bytes() == trusted[rel]:
            continue
        stat = entry.stat(follow_symlinks=False)
        signature = (stat.st_ino, stat.st_dev, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)
        before = memo.get(rel) if memo is not None else None
        early = ahead.get(rel)
        if before is not None and before[0] == signature:
            found = before[1]
        elif early is not None and digest(Path(entry.path).read_bytes()) == early[0]:
            found = early[1]
        else:
            found = _scan_file(rel, Path(entry.path), suffix, known, embed_hosts)
        seen[rel] = (signature, found)
        out.extend(found)
    if memo is not None:
        memo.clear()
        memo.update(seen)
    return out


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _entries(site_dir: Path):
    """(site path, directory entry) of everything under site_dir, in the order of their paths'
    parts; directories that are links are listed, not entered."""
    found = []

    def walk(folder: str, parts: tuple):
        with os.scandir(folder) as listing:
            for entry in listing:
                here = (*parts, entry.name)
                found.append((here, entry))
                if entry.is_dir(follow_symlinks=False):
                    walk(entry.path, here)
    walk(str(site_dir), ())
    found.sort(key=lambda pair: pair[0])
    return [("/".join(parts), entry) for parts, entry in found]


def _scan_file(rel: str, path: Path, suffix: str, known: KnownScripts, embed_hosts) -> list[Problem]:
    if suffix in MARKUP_SUFFIXES:
        return scan_markup(rel, path.read_text(encoding="utf-8", errors="replace"), known, embed_hosts)
    if suffix == ".xml":
        return _scan_xml(rel, path)
    return _scan_search_index(rel, path, known)


def scan_markup(rel: str, text: str, known: KnownScripts, embed_hosts=()) -> list[Problem]:
    """Problems in one HTML or SVG document, read by an HTML5 parser as browsers do."""
    return _scan_tree(rel, text, known, frozenset(h.lower() for h in embed_hosts))


def _scan_xml(rel: str, path: Path) -> list[Problem]:
    try:
        ElementTree.parse(path)  # expat refuses the characters XML 1.0 forbids
    except ElementTree.ParseError as exc:
        return [problem(rel, exc.position[0], "", "scan_xml", detail=str(exc))]
    return []


def _scan_search_index(rel: str, path: Path, known: KnownScripts) -> list[Problem]:
    # The theme's search shows titles and text as HTML: they must be as inert as pages.
    try:
        docs = json.loads(path.read_text(encoding="utf-8")).get("docs", [])
    except (ValueError, AttributeError) as exc:
        return [problem(rel, 1, "", "scan_xml", detail=str(exc))]
    out = []
    for doc in docs:
        for key in ("title", "text"):
            text = str(doc.get(key, ""))
            if "<" not in text:  # no tag, so no element or attribute: nothing to find
                continue
            found = scan_markup(rel, text, known)
            out.extend(problem(rel, 1, doc.get("location", ""), p.code, **dict(p.params)) for p in found)
    return out


def _stays(url: str, page: str, embed_hosts: frozenset, embeds: bool) -> bool:
    """Whether a browser on page requests url from this site (or, where `embeds`, from an
    https host of embed_hosts), with the URL parsed the WHATWG way."""
    return urls.is_local(url, page) or (embeds and urls.https_host(url) in embed_hosts)


def _css_urls(css: str) -> list[str]:
    return [next(g for g in groups if g) for groups in _CSS_URL.findall(css) if any(groups)]


def _urls(name: str, value: str) -> list[str]:
    return [u.strip().split(" ")[0] for u in value.split(",") if u.strip()] if name == "srcset" else [value]


def _scan_tree(rel: str, text: str, known: KnownScripts, embed_hosts: frozenset = frozenset()) -> list[Problem]:
    lines = text.split("\n")
    page = "/" + rel
    out: list[Problem] = []
    cursor = [0]  # nodes come in document order: look for each from the last one found

    def add(code: str, needle: str, **params):
        params = {k: (v if len(v) <= 80 else v[:77] + "…") for k, v in params.items()}
        line = locate(lines, needle, cursor[0])
        cursor[0] = line if line is not None else cursor[0]
        out.append(problem(rel, cursor[0] + 1, "", code, **params))

    tree = LexborHTMLParser(text)
    for node in tree.root.traverse(include_text=False) if tree.root else ():
        tag = (node.tag or "").lower()
        if tag.startswith("-"):  # comments and the doctype
            continue
        attrs = {k.lower(): v or "" for k, v in node.attributes.items()}
        rels = set(attrs.get("rel", "").lower().split())
        for name, value in attrs.items():
            if name.startswith("on"):
                add("scan_event_handler", name, tag=tag, attribute=name)
            elif name == "srcdoc":
                add("scan_element", "srcdoc", tag=f"{tag} srcdoc")
            elif name in URL_ATTRIBUTES and value:
                fetched = (tag, name) in FETCHED or (tag == "link" and name == "href" and rels & FETCHED_LINKS)
                for url in _urls(name, value):
                    if urls.scheme(url, page) in BAD_SCHEMES:
                        add("scan_url", url.strip()[:30], tag=tag, attribute=name, url=url.strip())
                    elif fetched and not _stays(url, page, embed_hosts, tag in EMBEDS):
                        add("scan_host", url.strip()[:30], tag=tag, attribute=name, url=url.strip())
            elif name == "style" and ("url(" in value.lower() or "@import" in value.lower()):
                for url in _css_urls(value):
                    if not urls.is_local(url, page):
                        add("scan_host", url[:30], tag=tag, attribute=name, url=url)
            elif name in ANIMATED_ATTRIBUTES and "script:" in _URL_NOISE.sub("", value).lower():
                add("scan_url", name, tag=tag, attribute=name, url=value)
        if tag in BAD_ELEMENTS:
            add("scan_element", f"<{tag}", tag=tag)
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            target = attrs.get("content", "").partition("=")[2].strip(" '\"")
            if urls.scheme(target, page) in BAD_SCHEMES:
                add("scan_url", "refresh", tag=tag, attribute="content", url=target)
        if tag == "style":
            for url in _css_urls(node.text(deep=True) or ""):
                if not urls.is_local(url, page):
                    add("scan_host", url[:30], tag=tag, attribute="url()", url=url)
        if tag == "script":
            verdict = _script_verdict(rel, attrs, node.text(deep=True), known)
            if verdict:
                add("scan_script", verdict[:30], script=verdict)
    return out


def _script_verdict(rel: str, attrs: dict, text: str, known: KnownScripts):
    """None for a script the templates write (or inert data), else what to show."""
    if attrs.get("type", "").strip().lower() in DATA_SCRIPT_TYPES:
        # A data block cannot run, unless "<!--" or "<script" inside changes where it ends.
        return (text.strip() or "<script>") if re.search(r"<!--|<script|</script", text, re.I) else None
    if "src" in attrs:
        return None if _known_source(rel, attrs["src"], known) else attrs["src"]
    body = text.strip()
    return None if any(p.fullmatch(body) for p in known.inline) else (body or "<script>")


def _known_source(rel: str, src: str, known: KnownScripts) -> bool:
    parts = urlsplit(src.strip())
    if parts.scheme or parts.netloc or not urls.is_local(src, "/" + rel):
        return False  # the site loads no script from another host
    if parts.path.startswith("/"):
        return any(parts.path.endswith("/" + s) for s in known.sources)
    here = posixpath.dirname(rel)
    return posixpath.normpath(posixpath.join(here, parts.path)) in known.sources


def locate(lines: list[str], needle: str, start: int = 0):
    needle = needle.lower()
    for index in [*range(start, len(lines)), *range(0, start)]:
        if needle and needle in lines[index].lower():
            return index
    return None
