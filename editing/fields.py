"""Rebuilds the screenshots of EDITING.md that show what an editor's fields become: a
campaign's banner (desktop), a card (phone) and an event's facts (phone). The demo is built
at a fixed reference time in a temporary folder and photographed by Debian's Chromium;
each picture is cut to its element and reduced to a small palette (each under ~60 KB).

    .venv/bin/python editing/fields.py
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402

from site_checks.browser import DESKTOP, PHONE, launch  # noqa: E402
from site_checks.server import serve  # noqa: E402

EPOCH = "1722556800"  # 2024-08-02, as editing/screenshots.sh: the literature week is upcoming
SHOTS = [  # file, page, element, viewport
    ("campaign-banner", "/campaigns/2024-ecological-literature-week/", "header.cs-banner", DESKTOP),
    ("card", "/campaigns/", "li.cs-card", PHONE),
    ("event-facts", "/events/xilingol-writers-field-visit/", "header.cs-item", PHONE),
]


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        site = Path(work) / "site"
        env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
                       cwd=ROOT, env=env, check=True)
        pw, browser = launch()
        try:
            with serve(site) as base:
                for name, path, selector, viewport in SHOTS:
                    context = browser.new_context(viewport=viewport, locale="zh-CN", java_script_enabled=False)
                    page = context.new_page()
                    page.goto(base + path, wait_until="load")
                    element = page.locator(selector).first
                    element.scroll_into_view_if_needed()
                    page.wait_for_function("[...document.images].every(i => i.complete)")
                    raw = Path(work) / f"{name}.png"
                    element.screenshot(path=str(raw))
                    # a palette of 64 colours keeps each image small
                    Image.open(raw).convert("RGB").quantize(64).save(ROOT / "editing" / f"{name}.png", optimize=True)
                    context.close()
        finally:
            browser.close()
            pw.stop()
    for name, *_ in SHOTS:
        print(ROOT / "editing" / f"{name}.png", (ROOT / "editing" / f"{name}.png").stat().st_size)


if __name__ == "__main__":
    main()
