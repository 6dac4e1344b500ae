"""The Nu HTML Checker (vnu-jar from npm) on the machine's Java."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

from .tools import VNU_JAR, require_command, require_file


def check_html(paths: list[Path]) -> list[dict]:
    """Every error the checker reports for these HTML files: {file, line, message}."""
    java = require_command("java")
    jar = require_file(VNU_JAR, "vnu-jar (the Nu HTML Checker)")
    cmd = [java, "-Xss4m", "-jar", str(jar), "--errors-only", "--format", "json", *map(str, paths)]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    try:
        messages = json.loads(result.stderr or result.stdout)["messages"]
    except (ValueError, KeyError) as exc:
        raise RuntimeError(f"the Nu HTML Checker failed ({result.returncode}):\n{result.stderr[-2000:]}") from exc
    return [{"file": m.get("url", "").removeprefix("file:"), "line": m.get("lastLine"), "message": m["message"]}
            for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]
