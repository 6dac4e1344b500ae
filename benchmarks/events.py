"""The build-cost scenario (`scripts/benchmark --scenario events`): N events in 10 campaigns,
each in Chinese and English, bodies of 1,500 characters of the seed text, no photos;
against plain MkDocs + Material on the same bodies (search `lang: [zh, en]`, the navigation
holding the home page only). Three builds, ours and plain in turn, the order alternating:

- cold: nothing cached, as a CI run without a kept cache;
- images kept: the cards and posters cached, everything else cold (the search cuts and
  generated files removed), the median of `pairs` pairs;
- warm: everything cached, as a second build on one machine, the median of `pairs` pairs.

Plain MkDocs has no cache: each of its builds is the same full build.
"""
from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

from benchmarks import plain
from benchmarks.synthetic import write_events

NAME = "events"
DESCRIPTION = ("N events in 10 campaigns, each in Chinese and English (the site configured with these two languages), bodies of 1,500 characters of the seed "
               "text, no photos; against plain MkDocs + Material on the same bodies (search `lang: [zh, en]`, "
               "the navigation holding the home page only). Ours and plain build in turn, the order alternating; "
               "the image-cache-kept and warm builds are the median of the pairs.")
# Not the image cache (media/cache.py's kinds: images, cards, posters, fonts...): cleared for "images kept".
NOT_IMAGES = ("generated", "search")
STEPS = [("cold", "empty cache (as a CI run without a kept cache)"),
         ("images_kept", "image cache kept, everything else cold"),
         ("warm", "everything cached (a second build)")]
LIMITS = {"cold": 2.0, "images_kept": 1.25}


LANGUAGES = ["zh", "en"]
_LANGUAGES_LINE = re.compile(r"^(\s*languages:\s*)\[([^\]]*)\]", re.M)


def scenario_site(project: Path, copy_site) -> None:
    """copy_site(project), speaking the scenario's languages only (its content and plain
    MkDocs' search have two): the site's other languages and their hand-written pages are
    left out, or each item would get a page more per language."""
    copy_site(project)
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    found = _LANGUAGES_LINE.search(text)
    if found is None:
        raise ValueError("mkdocs.yml: no `languages: [...]` line for the scenario to set")
    for code in (c.strip() for c in found.group(2).split(",")):
        if code not in LANGUAGES:
            shutil.rmtree(project / "docs" / code, ignore_errors=True)
    config.write_text(_LANGUAGES_LINE.sub(rf"\g<1>[{', '.join(LANGUAGES)}]", text, count=1), "utf-8")


def measure(n: int, work: Path, pairs: int, build, settings_of, copy_site) -> dict:
    """build(project, site, timed) -> run; settings_of(project) -> Settings; copy_site(project)
    writes mkdocs.yml, docs/ and assets/ into the project."""
    from build_tools.pipeline import build as pipeline_build

    ours, baseline = work / "ours", work / "plain"
    started = time.perf_counter()
    scenario_site(ours, copy_site)
    counts = write_events(ours / "campaigns", n)
    site = pipeline_build(settings_of(ours)).site
    plain.write_project(ours, site, baseline, home_only=True)
    result = {"scenario": NAME, "items": counts, "languages": [lang.code for lang in site.languages],
              "generate_seconds": round(time.perf_counter() - started, 2), "ours": {}, "plain": {}}
    for index, (step, _label) in enumerate(STEPS):
        samples = {"ours": [], "plain": []}
        for repeat in range(1 if step == "cold" else pairs):
            order = ["ours", "plain"] if (index + repeat) % 2 == 0 else ["plain", "ours"]
            for name in order:
                project = ours if name == "ours" else baseline
                _prepare(project, step)
                samples[name].append(build(project, project / "site", name == "ours"))
        for name, runs in samples.items():
            result[name][step] = _median(runs)
    result["ratios"] = {step: _ratios(result["ours"][step], result["plain"][step]) for step, _ in STEPS}
    return result


def _prepare(project: Path, step: str) -> None:
    shutil.rmtree(project / "site", ignore_errors=True)
    cache = project / ".cache"
    if step == "cold":
        shutil.rmtree(cache, ignore_errors=True)
    elif step == "images_kept" and cache.is_dir():
        for name in NOT_IMAGES:
            shutil.rmtree(cache / name, ignore_errors=True)


def _median(runs: list[dict]) -> dict:
    ordered = sorted(runs, key=lambda r: r["seconds"])
    run = dict(ordered[(len(ordered) - 1) // 2])
    if len(runs) > 1:
        run["samples_seconds"] = [r["seconds"] for r in runs]
        run["samples_cpu_seconds"] = [r["cpu_seconds"] for r in runs]
    return run


def _ratios(ours: dict, base: dict) -> dict:
    return {"wall": round(ours["seconds"] / base["seconds"], 3),
            "cpu": round(ours["cpu_seconds"] / base["cpu_seconds"], 3)}


def targets(result: dict) -> list[dict]:
    n = sum(result["items"].values()) - result["items"]["campaign"]
    out = []
    for step, label in STEPS:
        if step not in LIMITS:
            continue
        ratio = result["ratios"][step]
        out.append({"target": f"N={n:,} events: {label} / plain MkDocs", "value": ratio["wall"],
                    "cpu_value": ratio["cpu"], "limit": LIMITS[step], "holds": ratio["wall"] <= LIMITS[step],
                    "note": "" if ratio["wall"] <= LIMITS[step] else f"stages of ours: {_stages(result['ours'][step])}"})
    return out


SCALING_LIMIT = 5.5  # N = 5,000 over N = 1,000
PEAK_LIMIT_MB = 1536  # at N = 5,000


def scaling(sizes: dict) -> list[dict]:
    """N = 5,000 ÷ N = 1,000 for each build of ours, and the peak memory at N = 5,000, when both were measured."""
    small, large = sizes.get("1000"), sizes.get("5000")
    if not (small and large):
        return []
    out = []
    for step, label in STEPS[:2]:
        a, b = small["ours"][step], large["ours"][step]
        wall, cpu = round(b["seconds"] / a["seconds"], 3), round(b["cpu_seconds"] / a["cpu_seconds"], 3)
        out.append({"target": f"ours, {label}: N=5,000 / N=1,000", "value": wall, "cpu_value": cpu,
                    "limit": SCALING_LIMIT, "holds": wall <= SCALING_LIMIT,
                    "note": "" if wall <= SCALING_LIMIT else f"stages at N=5,000: {_stages(b)}"})
    peak = max(run["peak_mb"] for run in large["ours"].values())
    out.append({"target": "ours: peak memory at N=5,000 (MB)", "value": peak, "cpu_value": None,
                "limit": PEAK_LIMIT_MB, "holds": peak < PEAK_LIMIT_MB, "note": ""})
    return out


def _stages(run: dict) -> str:
    stages = run.get("stages", {})
    parts = [f"{k} {v:.2f}" for k, v in stages.get("ours", {}).items()]
    parts += [f"MkDocs {k} {v:.2f}" for k, v in stages.get("mkdocs", {}).items()]
    return ", ".join(parts) + " s"


def markdown(results: dict) -> str:
    m = results["machine"]
    lines = ["# Benchmark: the build-cost scenario (`scripts/benchmark --scenario events`)", "",
             DESCRIPTION, "",
             f"Python {m['python']}, {m['cpus']} CPUs, load average (1, 5, 15 min) at start "
             f"{', '.join(f'{x:.1f}' for x in m['load_average'])}"
             + (f", at the end {', '.join(f'{x:.1f}' for x in m['load_average_after'])}" if "load_average_after" in m else "")
             + ". Each build is a separate `mkdocs build` process; "
             "seconds are wall-clock, CPU seconds (less disturbed by other work on the machine) beside them.", "",
             "## Targets", "", "| target | measured | CPU-time ratio | limit | holds | where the time goes, if missed |",
             "|---|---|---|---|---|---|"]
    for t in results["targets"]:
        cpu = "" if t["cpu_value"] is None else f"{t['cpu_value']:g}"
        lines.append(f"| {t['target']} | {t['value']:g} | {cpu} | {t['limit']:g} "
                     f"| {'yes' if t['holds'] else '**no**'} | {t['note']} |")
    for n, r in results["sizes"].items():
        lines += ["", f"## N = {int(n):,} events in {r['items']['campaign']} campaigns ({', '.join(r['languages'])})", "",
                  "| build | ours (s) | ours CPU (s) | plain (s) | plain CPU (s) | ratio | CPU ratio | ours peak (MB) |",
                  "|---|---|---|---|---|---|---|---|"]
        for step, label in STEPS:
            a, b, q = r["ours"][step], r["plain"][step], r["ratios"][step]
            lines.append(f"| {label} | {a['seconds']:.2f} | {a['cpu_seconds']:.2f} | {b['seconds']:.2f} "
                         f"| {b['cpu_seconds']:.2f} | {q['wall']:.2f} | {q['cpu']:.2f} | {a['peak_mb']:.0f} |")
        lines += ["", "Stages of ours:", ""] + [f"- {label}: {_stages(r['ours'][step])}" for step, label in STEPS]
    for n, r in results.get("serve", {}).items():
        lines += ["", f"## An edit under `scripts/build serve`, N = {int(n):,} events", "",
                  f"First build {r['first_build_seconds']:.1f} s; each edit, seconds from the write to the page "
                  f"served with the new text: {', '.join(f'{s:.2f}' for s in r['edit_seconds'])} "
                  f"(median {r['median_seconds']:.2f})."]
    return "\n".join(lines) + "\n"
