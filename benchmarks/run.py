"""The benchmark: our build against plain MkDocs + Material on the same content, in one run.

    scripts/benchmark [--sizes 100,1000,5000] [--out reports]
    scripts/benchmark --scenario events [--sizes 1000] [--pairs 3]   the build-cost scenario (benchmarks/events.py)
    scripts/benchmark --scenario events --sizes 1000,5000 --serve 1000   ... and an edit under `mkdocs serve`
    scripts/benchmark --scenario serve [--sizes 1000] [--edits 3]   only the edit under `mkdocs serve` (benchmarks/serve.py)

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

from benchmarks import events, plain, report, serve
from benchmarks.synthetic import write_items
from build_tools.adapter import timings
from build_tools.pipeline import build
from build_tools.core.settings import Settings

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
    scenario = args.scenario in (events.NAME, serve.NAME)
    serving = args.sizes if args.scenario == serve.NAME else ([args.serve] if args.serve else [])
    sizes = args.sizes if args.scenario != serve.NAME else []
    # An edit under serve is timed right after the builds of its size, and the report is written
    # after each step: a long run stopped early keeps what it measured.
    steps = [("sizes", n) for n in sizes]
    for n in serving:
        steps.insert(next((i + 1 for i, (_k, m) in enumerate(steps) if m == n), len(steps)), ("serve", n))
    try:
        for kind, n in steps:
            if kind == "serve":
                print(f"benchmark: serve, N = {n}", file=sys.stderr, flush=True)
                folder = work / f"serve-{n}"
                results.setdefault("serve", {})[str(n)] = serve.measure(n, folder, args.edits, _environment(),
                                                                         _copy_site)
            else:
                print(f"benchmark: N = {n}", file=sys.stderr, flush=True)
                folder = work / str(n)
                if scenario:
                    results["sizes"][str(n)] = events.measure(
                        n, folder, args.pairs,
                        lambda project, site, timed: _build(project, site, timed=timed), _settings, _copy_site)
                else:
                    results["sizes"][str(n)] = measure_size(n, folder, args.repeat)
            if not args.keep:
                shutil.rmtree(folder, ignore_errors=True)
            _write(out, results, args.scenario, scenario)
    finally:
        if not args.keep and not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def _write(out: Path, results: dict, name: str, scenario: bool) -> None:
    if scenario:
        results["scenario"] = name
        results["targets"] = [t for r in results["sizes"].values() for t in events.targets(r)]
        results["targets"] += events.scaling(results["sizes"])
        results["targets"] += [t for r in results.get("serve", {}).values() for t in serve.targets(r)]
        results["machine"]["load_average_after"] = list(os.getloadavg())
        text = events.markdown(results)
    else:
        results["targets"] = report.targets(results["sizes"])
        text = report.markdown(results)
    (out / "benchmark.json").write_text(json.dumps(results, indent=1, ensure_ascii=False, sort_keys=True),
                                        encoding="utf-8")
    (out / "benchmark.md").write_text(text, encoding="utf-8")
    print(f"benchmark: wrote {out / 'benchmark.json'} and {out / 'benchmark.md'}", file=sys.stderr)


def _arguments(argv):
    parser = argparse.ArgumentParser(prog="scripts/benchmark", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000",
                        type=lambda s: [int(x.replace("_", "")) for x in s.split(",") if x.strip()],
                        help="numbers of items, comma-separated (default: 100,1000,5000)")
    parser.add_argument("--out", default=str(ROOT / "reports"), help="folder for benchmark.json and benchmark.md")
    parser.add_argument("--workdir", help="where to write the generated projects (default: a temporary folder)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="build cold and warm this many times and keep the fastest (for a busy machine)")
    parser.add_argument("--keep", action="store_true", help="keep the generated projects")
    parser.add_argument("--scenario", choices=("sizes", events.NAME, serve.NAME), default="sizes",
                        help="sizes: the default scaling benchmark; events: the build-cost scenario of "
                             "N events in 10 campaigns, 1,500-character bodies, no photos; serve: an edit of "
                             "one file of that content under `mkdocs serve --dirty`")
    parser.add_argument("--serve", type=int, default=0, metavar="N",
                        help="events scenario: also time an edit under `mkdocs serve --dirty` with N events")
    parser.add_argument("--edits", type=int, default=3,
                        help="serve: edits of one file whose median time to the rebuilt page is kept (default: 3)")
    parser.add_argument("--pairs", type=int, default=3,
                        help="events scenario: pairs of builds (ours, plain) whose median is kept (default: 3)")
    return parser.parse_args(argv)


def measure_size(n: int, work: Path, repeat: int = 1) -> dict:
    ours, baseline = work / "ours", work / "plain"
    started = time.perf_counter()
    counts = _write_ours(ours, n)
    site = build(_settings(ours)).site
    plain.write_project(ours, site, baseline)
    codes = [lang.code for lang in site.languages]
    result = {"items": counts, "languages": codes,
              "generate_seconds": round(time.perf_counter() - started, 2)}
    _warm_up()
    projects = {
        "ours": (ours, ours / "campaigns" / EDITED, True),
        "plain": (baseline, baseline / "docs" / ITEM_PAGE.replace("/index.html", ".md"), False),
    }
    runs = {name: {} for name in projects}
    # Step by step, ours and plain in turn (the order alternating), so that both
    # see the same conditions on a machine whose load changes.
    for index, (step, flags) in enumerate(STEPS):
        order = list(projects) if index % 2 == 0 else list(reversed(projects))
        for name in order:
            project, edited, timed = projects[name]
            runs[name][step] = _step(step, flags, project, edited, timed, codes,
                                     repeat if step in ("cold", "warm") else 1)
    result.update(runs)
    return result


# (step, mkdocs flags): cold = nothing cached, as a fresh CI checkout; warm = the same
# again with the caches of the cold build; then --dirty builds as an editor's preview makes.
STEPS = [("cold", ()), ("warm", ()), ("dirty_first", ("--dirty",)), ("dirty_unchanged", ("--dirty",)),
         ("dirty_edit", ("--dirty",))]


def _step(step, flags, project: Path, edited: Path, timed: bool, languages: list, repeat: int) -> dict:
    site = project / "site"
    samples = []
    for _ in range(repeat):
        if step == "cold":
            shutil.rmtree(project / ".cache", ignore_errors=True)
            shutil.rmtree(site, ignore_errors=True)
        if step == "dirty_edit":
            before = (site / ITEM_PAGE).read_bytes()
            with edited.open("a", encoding="utf-8") as f:
                f.write(EDIT)
        samples.append(_build(project, site, *flags, timed=timed))
    run = min(samples, key=lambda r: r["seconds"])  # the least disturbed of the repeats
    if repeat > 1:
        run["samples_seconds"] = [r["seconds"] for r in samples]
    if step == "cold":
        run.update(_sizes(site, languages))
    if step == "dirty_edit":
        page = site / ITEM_PAGE
        run["edited_page_changed"] = page.read_bytes() != before and "编辑补充" in page.read_text("utf-8")
    return run


def _write_ours(project: Path, n: int) -> dict:
    _copy_site(project)
    return write_items(project / "campaigns", n, realistic=True)


def _copy_site(project: Path) -> None:
    project.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for folder in ("docs", "assets"):
        shutil.copytree(ROOT / folder, project / folder)


def _settings(project: Path) -> Settings:
    return Settings(root=project, content_dir=project / "campaigns")


def _warm_up() -> None:
    """Load what every build loads once, so that the first measured build is not the one
    that pays for a cold disk cache (jieba writes its dictionary cache on first use)."""
    code = ("import mkdocs.__main__, material.plugins.search.plugin, build_tools.adapter.plugin\n"
            "try:\n    import jieba\n    jieba.initialize()\nexcept ImportError:\n    pass\n")
    subprocess.run([sys.executable, "-c", code], check=False, capture_output=True)


def _build(project: Path, site: Path, *flags: str, timed: bool) -> dict:
    """One `mkdocs build` process: wall seconds, peak memory (MB), our stage timings."""
    # The project's own cache, whatever CAMPAIGN_CACHE_DIR says: the steps clear it.
    env = {**_environment(), "CAMPAIGN_CACHE_DIR": str(project / ".cache")}
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
    run = {"seconds": round(wall, 3), "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 3),
           "peak_mb": round(usage.ru_maxrss / 1024, 1)}
    if timed and stages.exists():
        data = json.loads(stages.read_text("utf-8"))
        measured = sum(data["ours"].values()) + sum(data["mkdocs"].values())
        data["mkdocs"]["startup"] = max(0.0, wall - measured)  # interpreter, imports, config
        run["stages"] = {part: {k: round(v, 3) for k, v in data[part].items()} for part in ("ours", "mkdocs")}
        run["pages_rendered"] = data["pages_rendered"]
    return run


def _environment() -> dict:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": REFERENCE_TIME}


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
        folder = path.relative_to(site).parts[0]
        for doc in data.get("docs", []):
            # An index under <lang>/ is that language's; in one at the root, the URL says.
            first = folder if folder in languages[1:] else doc["location"].split("/", 1)[0]
            lang = first if first in languages[1:] else languages[0]  # the source language is at the root
            per_lang[lang] = per_lang.get(lang, 0) + len(json.dumps(doc, ensure_ascii=False).encode("utf-8"))
        found[path.relative_to(site).as_posix()] = {"bytes": path.stat().st_size, "entries_bytes_by_language": per_lang}
    return found


def _machine() -> dict:
    return {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
            "load_average": list(os.getloadavg())}


if __name__ == "__main__":
    sys.exit(main())
