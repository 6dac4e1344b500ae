"""The benchmark: our build against plain MkDocs + Material on the same content, in one run.

    scripts/benchmark [--sizes 100,1000,5000] [--out reports]

For each size N it writes N synthetic bilingual items (benchmarks/synthetic.py), builds them
with our plugin and, as the baseline, as ordinary Markdown pages without it (benchmarks/
plain.py), and measures each build as a separate `mkdocs build` process: wall time, peak
memory of the process, output size, an item page's HTML size, the search index per
language, and our stage timings. Results go to <out>/benchmark.json and benchmark.md.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import plain, report
from benchmarks.synthetic import write_items
from build_tools import timings
from build_tools.pipeline import build
from build_tools.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_TIME = "1732406400"  # 2024-11-24: the same site at every run
EDITED = "synthetic-campaign-00000/events/s00000-0.zh.md"  # the file an editor changes
ITEM_PAGE = "events/s00000-0/index.html"  # the item page whose size is compared across N
EDIT = "\n\n编辑补充：活动结束后，志愿者们合影留念。\n"


def main(argv=None) -> int:
    args = _arguments(argv)
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    work = Path(args.workdir).resolve() if args.workdir else Path(tempfile.mkdtemp(prefix="campaign-bench-"))
    results = {"machine": _machine(), "sizes": {}}
    try:
        for n in args.sizes:
            print(f"benchmark: N = {n}", file=sys.stderr, flush=True)
            results["sizes"][str(n)] = measure_size(n, work / str(n))
            if not args.keep:
                shutil.rmtree(work / str(n), ignore_errors=True)
    finally:
        if not args.keep and not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    results["targets"] = report.targets(results["sizes"])
    (out / "benchmark.json").write_text(json.dumps(results, indent=1, ensure_ascii=False, sort_keys=True),
                                        encoding="utf-8")
    (out / "benchmark.md").write_text(report.markdown(results), encoding="utf-8")
    print(f"benchmark: wrote {out / 'benchmark.json'} and {out / 'benchmark.md'}", file=sys.stderr)
    return 0


def _arguments(argv):
    parser = argparse.ArgumentParser(prog="scripts/benchmark", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000",
                        type=lambda s: [int(x.replace("_", "")) for x in s.split(",") if x.strip()],
                        help="numbers of items, comma-separated (default: 100,1000,5000)")
    parser.add_argument("--out", default=str(ROOT / "reports"), help="folder for benchmark.json and benchmark.md")
    parser.add_argument("--workdir", help="where to write the generated projects (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the generated projects")
    return parser.parse_args(argv)


def measure_size(n: int, work: Path) -> dict:
    ours, baseline = work / "ours", work / "plain"
    started = time.perf_counter()
    counts = _write_ours(ours, n)
    site = build(_settings(ours)).site
    plain.write_project(ours, site, baseline)
    result = {"items": counts, "languages": site.languages,
              "generate_seconds": round(time.perf_counter() - started, 2)}
    _warm_up()
    result["ours"] = _runs(ours, edited=ours / "campaigns" / EDITED, timed=True, languages=site.languages)
    result["plain"] = _runs(baseline, edited=baseline / "docs" / ITEM_PAGE.replace("/index.html", ".md"),
                            timed=False, languages=site.languages)
    return result


def _write_ours(project: Path, n: int) -> dict:
    project.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for folder in ("docs", "assets"):
        shutil.copytree(ROOT / folder, project / folder)
    return write_items(project / "campaigns", n, realistic=True)


def _settings(project: Path) -> Settings:
    return Settings(root=project, content_dir=project / "campaigns")


def _runs(project: Path, edited: Path, timed: bool, languages: list) -> dict:
    """Cold, warm and incremental builds of one project, each a fresh process."""
    site = project / "site"
    shutil.rmtree(project / ".cache", ignore_errors=True)
    shutil.rmtree(site, ignore_errors=True)
    runs = {
        "cold": _build(project, site, timed=timed),  # nothing cached: a fresh CI checkout
        "warm": _build(project, site, timed=timed),  # caches from the cold build, site cleaned
    }
    runs["cold"].update(_sizes(site, languages))
    runs["dirty_first"] = _build(project, site, "--dirty", timed=timed)  # the first --dirty build
    runs["dirty_unchanged"] = _build(project, site, "--dirty", timed=timed)  # nothing changed
    page = site / ITEM_PAGE
    before = page.read_bytes()
    with edited.open("a", encoding="utf-8") as f:
        f.write(EDIT)
    runs["dirty_edit"] = _build(project, site, "--dirty", timed=timed)  # one file edited
    runs["dirty_edit"]["edited_page_changed"] = page.read_bytes() != before and "编辑补充" in page.read_text("utf-8")
    return runs


def _warm_up() -> None:
    """Load what every build loads once, so that the first measured build is not the one
    that pays for a cold disk cache (jieba writes its dictionary cache on first use)."""
    code = ("import mkdocs.__main__, material.plugins.search.plugin, build_tools.mkdocs_plugin\n"
            "try:\n    import jieba\n    jieba.initialize()\nexcept ImportError:\n    pass\n")
    subprocess.run([sys.executable, "-c", code], check=False, capture_output=True)


def _build(project: Path, site: Path, *flags: str, timed: bool) -> dict:
    """One `mkdocs build` process: wall seconds, peak memory (MB), our stage timings."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": REFERENCE_TIME}
    stages = project / ".timings.json"
    stages.unlink(missing_ok=True)
    if timed:
        env[timings.ENV] = str(stages)
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site), *flags]
    log = project / ".build.log"
    started = time.perf_counter()
    with log.open("wb") as err:
        proc = subprocess.Popen(cmd, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _pid, status, usage = os.wait4(proc.pid, 0)  # the resources of this process alone
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{log.read_text('utf-8', 'replace')[-4000:]}")
    run = {"seconds": round(wall, 3), "peak_mb": round(usage.ru_maxrss / 1024, 1)}
    if timed and stages.exists():
        data = json.loads(stages.read_text("utf-8"))
        measured = sum(data["ours"].values()) + sum(data["mkdocs"].values())
        data["mkdocs"]["startup"] = max(0.0, wall - measured)  # interpreter, imports, config
        run["stages"] = {part: {k: round(v, 3) for k, v in data[part].items()} for part in ("ours", "mkdocs")}
        run["pages_rendered"] = data["pages_rendered"]
    return run


def _sizes(site: Path, languages: list) -> dict:
    files = [p for p in site.rglob("*") if p.is_file()]
    return {
        "output_bytes": sum(p.stat().st_size for p in files),
        "output_files": len(files),
        "item_page_bytes": (site / ITEM_PAGE).stat().st_size,
        "search_index": _search_index(site, languages),
    }


def _search_index(site: Path, languages: list) -> dict:
    """Bytes of each search index file, and of each language's entries in it (by URL prefix)."""
    found = {}
    for path in sorted(site.rglob("search_index.json")):
        data = json.loads(path.read_text("utf-8"))
        per_lang: dict[str, int] = {}
        for doc in data.get("docs", []):
            first = doc["location"].split("/", 1)[0]
            lang = first if first in languages[1:] else languages[0]  # the source language is at the root
            per_lang[lang] = per_lang.get(lang, 0) + len(json.dumps(doc, ensure_ascii=False).encode("utf-8"))
        found[path.relative_to(site).as_posix()] = {"bytes": path.stat().st_size, "entries_bytes_by_language": per_lang}
    return found


def _machine() -> dict:
    return {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
            "load_average": list(os.getloadavg())}


if __name__ == "__main__":
    sys.exit(main())
