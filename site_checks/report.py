"""`python -m site_checks.report`: page weight, Lighthouse, axe, HTML validity and links for
every page type, written to reports/site-report.md and reports/site-report.json.

Exits 1 when a requirement fails (a page type over budget, a serious or critical axe
violation, an HTML error, a broken link, a request to another host). Lighthouse scores
below target are listed as work to do, not failures.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

from . import axe, lighthouse, links, vnu
from .browser import DESKTOP, PHONE, is_local, launch, new_context, visit
from .checksite import PAGE_SIZE, build_check_site
from .pages import PAGE_TYPES
from .server import resolve, serve
from .tools import AXE_JS, ROOT
from .weight import BUDGET, CATEGORIES, kb, measure


def _version(package: str) -> str:
    manifest = ROOT / "node_modules" / package / "package.json"
    return json.loads(manifest.read_text())["version"] if manifest.is_file() else "?"


def _axe_counts(browser, base: str) -> dict:
    counts = {}
    for label, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        context = new_context(browser, base, viewport=viewport)
        page = context.new_page()
        for name, path in PAGE_TYPES.items():
            visit(page, path)
            found = axe.run_axe(page)
            entry = counts.setdefault(name, {"blocking": [], "other": []})
            entry["blocking"] += [f"{label}: {line}" for line in axe.describe(axe.blocking(found))]
            entry["other"] += [f"{label}: {line}" for line in axe.describe([v for v in found if v not in axe.blocking(found)])]
        counts["_blocked"] = counts.get("_blocked", []) + context.guard.blocked
        context.close()
    return counts


def _lighthouse(url: str, runs: int) -> dict:
    """Lighthouse's scores vary from run to run on a busy machine: the median of `runs`."""
    results = [lighthouse.run_lighthouse(url) for _ in range(runs)]
    scores = {c: statistics.median_low(r["scores"][c] for r in results) for c in lighthouse.CATEGORIES}
    middle = min(results, key=lambda r: abs(r["scores"]["performance"] - scores["performance"]))
    return {**middle, "scores": scores, "runs": [r["scores"] for r in results],
            "external": sorted({u for r in results for u in r["external"]})}


def collect(site: Path, lighthouse_runs: int = 1) -> dict:
    data = {"site": {"extra_items_per_kind": PAGE_SIZE, "budget_bytes": BUDGET,
                     "axe_core": _version("axe-core"), "lighthouse": _version("lighthouse"),
                     "vnu_jar": _version("vnu-jar")},
            "pages": {name: {"path": path} for name, path in PAGE_TYPES.items()}}
    data["site"]["lighthouse_runs"] = lighthouse_runs
    with serve(site) as base:
        pw, browser = launch()
        try:
            data["site"]["chromium"] = browser.version
            for name, path in PAGE_TYPES.items():
                w = measure(browser, base, path)
                data["pages"][name]["weight"] = {"bytes": w.bytes, "total": w.total, "within_budget": w.within_budget,
                                                 "requests": w.requests, "blocked": w.blocked, "problems": w.problems}
            counts = _axe_counts(browser, base)
            blocked = counts.pop("_blocked")
            for name in PAGE_TYPES:
                data["pages"][name]["axe"] = counts[name]
        finally:
            browser.close()
            pw.stop()
        data["external_requests"] = blocked + [u for p in data["pages"].values() for u in p["weight"]["blocked"]]
        if lighthouse_runs:
            for name, path in PAGE_TYPES.items():
                result = _lighthouse(base + path, lighthouse_runs)
                data["pages"][name]["lighthouse"] = result
                data["external_requests"] += result["external"]
    files = sorted(site.rglob("*.html"))
    errors = vnu.check_html(files)
    data["vnu"] = {"files": len(files), "errors": errors}
    for name, path in PAGE_TYPES.items():
        target = str(resolve(site, path))
        data["pages"][name]["vnu_errors"] = [e for e in errors if e["file"] == target]
    data["links"] = {"broken": [str(b) for b in links.check_site(site)]}
    return data


def failures(data: dict) -> list[str]:
    out = []
    for name, page in data["pages"].items():
        if not page["weight"]["within_budget"]:
            out.append(f"{name}: {kb(page['weight']['total'])} KB, over the {kb(BUDGET)} KB budget")
        out += [f"{name}: {problem}" for problem in page["weight"]["problems"]]
        out += [f"{name}: axe {line}" for line in page["axe"]["blocking"]]
    out += [f"vnu: {e['file']}:{e['line']}: {e['message']}" for e in data["vnu"]["errors"]]
    out += [f"broken link: {b}" for b in data["links"]["broken"]]
    out += [f"request to another host: {u}" for u in data["external_requests"]]
    return out


def markdown(data: dict) -> str:
    s = data["site"]
    lines = [
        "# Site report",
        "",
        "Written by `scripts/report`. The site checked is the demo content plus "
        f"{s['extra_items_per_kind']} short example items of each kind (so that every index page has a second page), "
        "built with `mkdocs build --strict` and served on 127.0.0.1 with gzip. "
        f"Chromium {s.get('chromium', '?')}, axe-core {s['axe_core']}, Lighthouse {s['lighthouse']}, "
        f"Nu HTML Checker (vnu-jar) {s['vnu_jar']}.",
        "",
        "## Page weight",
        "",
        "First view on a phone (375×812), empty cache: every byte the browser received (headers and "
        "compressed bodies), in KB. The theme fetches the search index on every page, so it is part of "
        f"the first view. Budget: {kb(s['budget_bytes'])} KB per page type.",
        "",
        "| page type | path | " + " | ".join(CATEGORIES) + " | total | within budget |",
        "|---|---|" + "---:|" * len(CATEGORIES) + "---:|---|",
    ]
    for name, page in data["pages"].items():
        w = page["weight"]
        cells = " | ".join(kb(w["bytes"][c]) for c in CATEGORIES)
        lines.append(f"| {name} | `{page['path']}` | {cells} | **{kb(w['total'])}** | {'yes' if w['within_budget'] else '**no**'} |")
    if any("lighthouse" in p for p in data["pages"].values()):
        t = lighthouse.TARGETS
        runs = s.get("lighthouse_runs", 1)
        lines += ["", "## Lighthouse", "",
                  f"Mobile preset (simulated slow 4G and a 4× slower CPU), median of {runs} run(s) per page type. "
                  f"Targets: performance ≥ {t['performance']}, "
                  f"accessibility {t['accessibility']}, best practices ≥ {t['best-practices']}, SEO ≥ {t['seo']}. "
                  "A score below target is work to do, listed with the audits that cost points.", "",
                  "| page type | performance | accessibility | best practices | SEO | audits below full marks |",
                  "|---|---:|---:|---:|---:|---|"]
        for name, page in data["pages"].items():
            lh = page["lighthouse"]
            cells = []
            for c in lighthouse.CATEGORIES:
                score = lh["scores"][c]
                cells.append(f"{score}" if score >= t[c] else f"**{score}** (below {t[c]})")
            lines.append(f"| {name} | {' | '.join(cells)} | {'; '.join(lh['failing']) or '—'} |")
    lines += ["", "## Accessibility (axe-core)", "",
              "WCAG 2.2 A/AA rules and best practices, at phone and desktop width.", "",
              "| page type | serious or critical | other |", "|---|---:|---:|"]
    for name, page in data["pages"].items():
        lines.append(f"| {name} | {len(page['axe']['blocking'])} | {len(page['axe']['other'])} |")
    details = [line for p in data["pages"].values() for line in p["axe"]["blocking"] + p["axe"]["other"]]
    lines += [f"- {line}" for line in details[:40]]
    lines += ["", "## HTML validity and links", "",
              f"- Nu HTML Checker: {data['vnu']['files']} HTML files, {len(data['vnu']['errors'])} errors.",
              f"- Internal links and anchors (pages, search index, sitemap): {len(data['links']['broken'])} broken.",
              f"- Requests to another host: {len(data['external_requests'])}."]
    lines += [f"  - {e['file']}:{e['line']}: {e['message']}" for e in data["vnu"]["errors"][:20]]
    lines += [f"  - {b}" for b in data["links"]["broken"][:20]]
    fails = failures(data)
    lines += ["", "## Result", "", "All requirements hold." if not fails else f"{len(fails)} requirement(s) fail:"]
    lines += [f"- {f}" for f in fails[:50]]
    return "\n".join(lines) + "\n"


def portable(data: dict) -> dict:
    """The figures without the local server's address, whose port changes every run."""
    for page in data["pages"].values():
        page["weight"]["requests"] = [["/" + u.split("/", 3)[-1], k, n] for u, k, n in page["weight"]["requests"]]
        if "lighthouse" in page:
            page["lighthouse"]["requests"] = ["/" + u.split("/", 3)[-1] if is_local(u) else u
                                              for u in page["lighthouse"]["requests"]]
    return data


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/report", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "reports", help="folder for site-report.md and .json")
    parser.add_argument("--site", type=Path, help="check this built site instead of building the check site")
    parser.add_argument("--no-lighthouse", action="store_true", help="leave Lighthouse out (faster)")
    parser.add_argument("--lighthouse-runs", type=int, default=1, metavar="N",
                        help="run Lighthouse N times per page type and report the median (default 1)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="site-report-") as work:
        site = args.site.resolve() if args.site else build_check_site(Path(work))
        data = collect(site, lighthouse_runs=0 if args.no_lighthouse else max(1, args.lighthouse_runs))
    args.out.mkdir(parents=True, exist_ok=True)
    portable(data)
    (args.out / "site-report.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    text = markdown(data)
    (args.out / "site-report.md").write_text(text, encoding="utf-8")
    print(text)
    return 1 if failures(data) else 0


if __name__ == "__main__":
    sys.exit(main())
