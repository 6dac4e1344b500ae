"""The same content as a plain MkDocs + Material site, without our plugin: the baseline.

Every item becomes an ordinary Markdown page in docs/ (title, summary, the facts as a line
of text, its picture, its body), every kind a section page that lists its items, and the
navigation holds the sections only. Theme, search and Markdown settings are ours.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from build_tools.core import urls
from build_tools.model.site import Site

# The site's configuration without our plugin; items stay out of the navigation.
_OUR_PLUGIN = re.compile(r"^  - campaigns:\n(?:    .*\n)*", re.MULTILINE)
_CUSTOM_DIR = re.compile(r"^  custom_dir: .*\n", re.MULTILINE)
_NAV = re.compile(r"^nav:\n(?:  .*\n)*", re.MULTILINE)


def write_project(source_root: Path, site: Site, dest: Path, home_only: bool = False) -> dict:
    """Write the plain project to dest; returns {content path: page path} for every page.
    home_only: the navigation holds the home page only (the build-cost scenario's)."""
    config = (source_root / "mkdocs.yml").read_text(encoding="utf-8")
    if not _OUR_PLUGIN.search(config):
        raise ValueError("mkdocs.yml: the campaigns plugin entry was not found")
    config = _OUR_PLUGIN.sub("", config)
    # Stock Material: our theme overrides read our plugin's values. The stylesheets and the
    # logo go into docs/, where a plain site keeps them.
    config = _CUSTOM_DIR.sub("", config)
    if home_only:
        config = _NAV.sub("nav:\n  - index.md\n", config)
    patterns = "".join(f"  {f}/**\n  !{f}/index.md\n" for f in urls.KIND_FOLDER.values())
    config += f"\nnot_in_nav: |\n{patterns}"
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    docs = dest / "docs"
    shutil.copytree(source_root / "docs", docs, dirs_exist_ok=True)
    shutil.copytree(source_root / "assets" / "theme" / "assets", docs / "assets", dirs_exist_ok=True)
    pages = {}
    for language in site.languages:
        lang, prefix = language.code, language.prefix
        for kind, folder in urls.KIND_FOLDER.items():
            listed = []
            for entry in site.by_kind.get(kind, []):
                version = entry.item.version(lang)
                if version is None:
                    continue
                src = urls.item_src(kind, entry.slug, prefix)
                _write_page(site, docs, src, version, lang)
                pages[version.doc.path] = src
                listed.append(f"- [{version.model.title}]({entry.slug}.md)")
            index = f"---\ntitle: {folder}\n---\n\n# {folder}\n\n" + "\n".join(listed) + "\n"
            (docs / prefix / folder).mkdir(parents=True, exist_ok=True)
            (docs / prefix / folder / "index.md").write_text(index, encoding="utf-8")
    return pages


def _write_page(site: Site, docs: Path, src: str, version, lang: str) -> None:
    model = version.model
    target = docs / src
    target.parent.mkdir(parents=True, exist_ok=True)
    facts = " · ".join(str(v) for v in _facts(model) if v)
    picture = ""
    image = getattr(model, "cover", None) or getattr(model, "portrait", None)
    if image and image in version.links:
        found = site.settings.content_dir / version.links[image][1]
        name = f"{Path(src).stem}{found.suffix}"
        shutil.copyfile(found, target.parent / name)
        alt = getattr(model, "cover_alt", None) or getattr(model, "portrait_alt", None) or ""
        picture = f"![{alt}]({name})\n\n"
    text = (f"---\ntitle: {_quoted(model.title)}\ndescription: {_quoted(model.summary)}\n---\n\n"
            f"# {model.title}\n\n{model.summary}\n\n*{facts}*\n\n{picture}{version.doc.body.strip()}\n")
    target.write_text(text, encoding="utf-8")


def _facts(model):
    for name in ("start", "end", "date", "subject", "region", "source", "organizers"):
        value = getattr(model, name, None)
        yield ", ".join(value) if isinstance(value, list) else value
    venue = getattr(model, "venue", None)
    if venue is not None:
        yield ", ".join(v for v in (venue.name, venue.city, venue.address) if v)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
