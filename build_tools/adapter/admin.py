"""The browser editor at /admin/ (Decap CMS; DESIGN.md, "Editing in the browser").

Previews always carry it; a production build only when mkdocs.yml says `extra: cms:
publish: true`. Its files come from three places, none of them another host: our page and
scripts (admin_app/), the editor's built JavaScript from node_modules (installed from
package-lock.json by `npm ci`) and the configuration `campaign cms` generated
(assets/admin/config.yml). The editor is a trusted app, not content: the safety scan
accepts its page only as these exact bytes (`trusted_pages`).
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.structure.files import File

from ..content.publication import PREVIEW

log = logging.getLogger("mkdocs.plugins.campaigns")

APP = Path(__file__).resolve().parent / "admin_app"
CONFIG = Path("assets") / "admin" / "config.yml"
SITE_FOLDER = "admin"
DECAP = Path("node_modules") / "decap-cms" / "dist"
YAML = Path("node_modules") / "yaml" / "browser" / "dist"


def asked(settings) -> bool:
    return bool((settings.extra.get("cms") or {}).get("publish"))


def wanted(settings, mode: str) -> bool:
    return mode == PREVIEW or asked(settings)


def sources(root: Path, asked: bool) -> dict[str, Path] | None:
    """Site path → source file of every file of the app; None when a part is missing: a
    warning when mkdocs.yml asks for the editor, a note in a preview (a checkout without npm
    packages, such as a test site, still builds its preview under --strict)."""
    config, decap, yaml_lib = root / CONFIG, root / DECAP, root / YAML
    missing = [str(p) for p in (config, decap / "decap-cms.js", yaml_lib / "index.js") if not p.is_file()]
    if missing:
        say = log.warning if asked else log.info
        say("/admin/ left out: %s missing (run `scripts/setup --editor` and `campaign cms`)", ", ".join(missing))
        return None
    out = {f"{SITE_FOLDER}/{p.name}": p for p in sorted(APP.iterdir()) if p.is_file()}
    out[f"{SITE_FOLDER}/config.yml"] = config
    # The editor's bundle and the chunks it loads by name (languages, editors); not the source maps.
    for path in sorted(decap.iterdir()):
        if path.name.endswith(("decap-cms.js", ".wasm")):
            out[f"{SITE_FOLDER}/{path.name}"] = path
    for path in sorted(yaml_lib.rglob("*.js")):
        out[f"{SITE_FOLDER}/yaml/{path.relative_to(yaml_lib).as_posix()}"] = path
    return out


def add(settings, config, files, mode: str) -> dict[str, bytes]:
    """Add the app's files to the site when wanted; {site path: bytes} of its trusted pages."""
    if not wanted(settings, mode):
        return {}
    found = sources(settings.root, asked(settings))
    if found is None:
        return {}
    for uri, path in found.items():
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    return trusted_pages()


def trusted_pages() -> dict[str, bytes]:
    return {f"{SITE_FOLDER}/index.html": (APP / "index.html").read_bytes()}
