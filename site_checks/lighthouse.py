"""Lighthouse (npm) with Debian's Chromium: mobile preset (Lighthouse's default form factor
and throttling), the four category scores of a page served on localhost."""
from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

from .browser import is_local
from .tools import CHROMIUM_ARGS, LIGHTHOUSE_CLI, chromium, require_command, require_file

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 90, "accessibility": 100, "best-practices": 95, "seo": 95}


def run_lighthouse(url: str) -> dict:
    """{"scores": {category: 0-100}, "failing": [audit ids], "requests": [urls]} for one page."""
    node = require_command("node")
    cli = require_file(LIGHTHOUSE_CLI, "Lighthouse")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "lhr.json"
        flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
        cmd = [node, str(cli), url, "--quiet", "--output=json", f"--output-path={out}",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}"]
        env = {**os.environ, "CHROME_PATH": str(chromium())}
        result = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
        if result.returncode != 0 or not out.is_file():
            raise RuntimeError(f"Lighthouse failed on {url}:\n{result.stderr[-2000:]}")
        report = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise RuntimeError(f"Lighthouse failed on {url}: {report['runtimeError']}")
    scores = {c: round((report["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}
    failing = []
    for c in CATEGORIES:
        for ref in report["categories"][c]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
                failing.append(f"{c}: {ref['id']} ({audit.get('displayValue') or audit['score']})")
    items = (report["audits"].get("network-requests", {}).get("details") or {}).get("items", [])
    requests = [item["url"] for item in items]
    return {"scores": scores, "failing": failing, "requests": requests,
            "external": [u for u in requests if not is_local(u)]}
