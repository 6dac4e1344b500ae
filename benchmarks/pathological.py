"""Times of `campaign check` and `campaign build` over the pathological corpus (benchmarks/corpus.py).

    scripts/benchmark-pathological [--case NAME]... [--timeout 300] [--out reports]

Each case is a small project of its own (the project's mkdocs.yml, docs/ and assets/, a
campaign and the case's files), checked and built as an editor or CI would, each command a
separate process with a time limit and an empty image cache. The report says, per case, the seconds of each command,
whether the expected limit refused it (or, for the cases just inside the limits, whether the
site was built), and the worst times. Results go to <out>/pathological.json and .md.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import CASES

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_TIME = "1732406400"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="benchmark-pathological")
    parser.add_argument("--case", action="append", help="a case's name (repeatable; default: all)")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per command")
    parser.add_argument("--out", default=str(ROOT / "reports"))
    args = parser.parse_args(argv)
    chosen = [c for c in CASES if not args.case or c.name in args.case]
    if not chosen:
        parser.error("no such case; the cases are: " + ", ".join(c.name for c in CASES))
    rows = []
    with tempfile.TemporaryDirectory(prefix="pathological-") as tmp:
        for case in chosen:
            project = _project(Path(tmp) / "p")
            case.write(project / "campaigns")
            rows.append(_measure(case, project, args.timeout))
            shutil.rmtree(project)
            print(_line(rows[-1]), flush=True)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    data = {"timeout_s": args.timeout, "cases": rows,
            "worst_check_s": max(r["check_s"] for r in rows), "worst_build_s": max(r["build_s"] for r in rows)}
    (out / "pathological.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")
    (out / "pathological.md").write_text(_table(data), "utf-8")
    print(f"worst: check {data['worst_check_s']:.1f} s, build {data['worst_build_s']:.1f} s")
    return 0 if all(r["as_expected"] for r in rows) else 1


def _project(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for name in ("mkdocs.yml", "docs", "assets"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, dest / name)
    (dest / "campaigns").mkdir()
    return dest


def _measure(case, project: Path, timeout: float) -> dict:
    campaign = [sys.executable, "-m", "build_tools.cli", "--config", str(project / "mkdocs.yml")]
    check = _run(campaign + ["check", "--format", "json"], project, timeout)
    build = _run(campaign + ["build", "-d", str(project / "site")], project, timeout)
    try:
        codes = sorted({p["code"] for p in json.loads(check["stdout"] or "[]") if p["severity"] == "error"})
    except ValueError:  # not JSON: a traceback or a crash
        codes = ["(no report)"]
    traceback = "Traceback" in check["stderr"] + build["stderr"]
    if case.refused_by:  # refused by its limit in the check; the build fails naming the file
        expected = (case.refused_by in codes and check["code"] == 1 and build["code"] == 1
                    and "campaigns/p/" in build["stderr"])
    else:
        expected = check["code"] == 0 and build["code"] == 0
    return {"case": case.name, "refused_by": case.refused_by, "check_s": check["seconds"],
            "build_s": build["seconds"], "check_exit": check["code"], "build_exit": build["code"],
            "errors": codes, "as_expected": expected and not traceback, "traceback": traceback}


def _run(cmd: list, cwd: Path, timeout: float) -> dict:
    # The project's own cache folder, made afresh with each case: images are timed cold.
    env = {**os.environ, "SOURCE_DATE_EPOCH": REFERENCE_TIME, "NO_MKDOCS_2_WARNING": "1",
           "CAMPAIGN_CACHE_DIR": str(cwd / ".cache")}
    start = time.perf_counter()
    # A new session, so that a time-out ends MkDocs' child too.
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
        code = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        stdout, stderr = proc.communicate()
        code = "timeout"
    return {"seconds": round(time.perf_counter() - start, 2), "code": code, "stdout": stdout, "stderr": stderr}


def _line(row: dict) -> str:
    mark = "ok" if row["as_expected"] else "UNEXPECTED"
    return f"{row['case']:<58} check {row['check_s']:6.1f} s  build {row['build_s']:6.1f} s  {mark}"


def _table(data: dict) -> str:
    lines = ["# Pathological corpus", "",
             f"Worst `campaign check`: {data['worst_check_s']:.1f} s; worst `campaign build`: "
             f"{data['worst_build_s']:.1f} s (limit per command {data['timeout_s']:.0f} s).", "",
             "| case | refused by | check (s) | build (s) | as expected |", "|---|---|---:|---:|---|"]
    for r in data["cases"]:
        lines.append(f"| {r['case']} | {r['refused_by'] or 'published'} | {r['check_s']:.1f} | "
                     f"{r['build_s']:.1f} | {'yes' if r['as_expected'] else 'NO: ' + ', '.join(r['errors'])} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
