"""Temporary sites with hostile content, built with the real `mkdocs build`, and an
inspection of the result that does not rely on our own scanner."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from lxml import html as lxml_html

from conftest import copy_project

CAMPAIGN = """---
title: 测试活动
summary: 活动摘要。
kind: forum
year: 2024
start: 2024-06-05
---
活动正文。
"""


def new_site(root: Path, campaign: str = CAMPAIGN) -> Path:
    copy_project(root, with_content=False)
    write(root / "campaigns" / "hostile" / "index.zh.md", campaign)
    return root


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def mkdocs(project: Path, out: Path, strict: bool = False) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"), "-d", str(out)]
    if strict:
        cmd.append("--strict")
    return subprocess.run(cmd, cwd=project, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


_SCHEME = re.compile(r"^\s*([a-z][a-z0-9+.\-]*):", re.I)
URL_ATTRS = ("href", "src", "action", "formaction", "poster", "data", "srcdoc", "xlink:href")
THEME_SCRIPT_STARTS = ("__md_scope=new URL(", "var target=document.getElementById(")


def live_script(site: Path) -> list[str]:
    """Everything in the built site that could run script, as "file: what", read with
    lxml (not with the scanner the build uses)."""
    found = []
    for path in sorted(site.rglob("*")):
        if path.suffix not in (".html", ".svg") or not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        doc = lxml_html.fromstring(path.read_bytes())
        for el in doc.iter():
            if not isinstance(el.tag, str):
                continue
            for name, value in el.attrib.items():
                clean = re.sub(r"[\t\n\r]", "", value)
                match = _SCHEME.match(clean)
                if name.lower().startswith("on"):
                    found.append(f"{rel}: {el.tag} {name}")
                elif name.lower() in URL_ATTRS and match and match.group(1).lower() in ("javascript", "data", "vbscript"):
                    found.append(f"{rel}: {el.tag} {name}={value[:40]}")
            if el.tag in ("iframe",) and el.get("srcdoc") is not None:
                found.append(f"{rel}: iframe srcdoc")
            if el.tag == "script":
                text = (el.text or "").strip()
                src = el.get("src") or ""
                kind = (el.get("type") or "").lower()
                if kind in ("application/json", "application/ld+json") and not src:
                    json.loads(text)  # a data block must be data, nothing that ends the element early
                    continue
                if src and "assets/javascripts/" in src and "//" not in src:
                    continue
                if not text.startswith(THEME_SCRIPT_STARTS):
                    found.append(f"{rel}: script {src or text[:40]}")
    return found
