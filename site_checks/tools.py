"""Where the external tools are, and a loud error when one is missing.

The tests must fail, not skip, on a machine without them: `scripts/setup --test`
installs them all.
"""
from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
LIGHTHOUSE_CLI = NODE_MODULES / "lighthouse" / "cli" / "index.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Chromium may reach nothing but the site under test: no background services.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic", "--disable-default-apps", "--disable-extensions",
    "--no-default-browser-check", "--disable-domain-reliability", "--disable-client-side-phishing-detection",
]

SETUP_HINT = "run scripts/setup --test (it installs Chromium, Java and the npm tools)"


class ToolMissing(RuntimeError):
    pass


def require_file(path: Path, what: str) -> Path:
    if not path.is_file():
        raise ToolMissing(f"{what} is missing ({path}): {SETUP_HINT}")
    return path


def require_command(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise ToolMissing(f"`{name}` is not installed: {SETUP_HINT}")
    return found


def chromium() -> Path:
    return require_file(CHROMIUM, "Debian's Chromium")
