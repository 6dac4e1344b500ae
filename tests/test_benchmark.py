"""The benchmark command end to end, on a tiny size (figures are not asserted, only their presence)."""
import json
import subprocess
import sys

from benchmarks import serve
from conftest import ROOT


def test_benchmark_writes_the_report_with_ratios_against_plain_mkdocs(tmp_path):
    out = tmp_path / "reports"
    result = subprocess.run([sys.executable, "-m", "benchmarks.run", "--sizes", "10", "--out", str(out),
                             "--workdir", str(tmp_path / "work")],
                            cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    data = json.loads((out / "benchmark.json").read_text("utf-8"))
    size = data["sizes"]["10"]
    assert size["items"] == {"campaign": 1, "event": 3, "story": 3, "article": 3}
    for side in ("ours", "plain"):
        assert set(size[side]) == {"cold", "warm", "dirty_first", "dirty_unchanged", "dirty_edit"}
        assert size[side]["dirty_edit"]["edited_page_changed"] is True
        cold = size[side]["cold"]
        assert cold["item_page_bytes"] > 0 and cold["output_bytes"] > 0 and cold["peak_mb"] > 0
        assert cold["search_index"]["search/search_index.json"]["entries_bytes_by_language"]["zh"] > 0
    assert set(size["ours"]["cold"]["stages"]["ours"]) >= {"load", "validate", "derive", "render"}
    assert size["ours"]["dirty_unchanged"]["pages_rendered"] < size["ours"]["cold"]["pages_rendered"]
    assert [t["holds"] for t in data["targets"]].count(None) >= 3  # sizes not measured are said to be so
    table = (out / "benchmark.md").read_text("utf-8")
    assert "| cold build (nothing cached) |" in table and "ours / plain" in table


def test_the_build_cost_scenario_compares_cold_image_cache_kept_and_warm_builds(tmp_path):
    out = tmp_path / "reports"
    result = subprocess.run([sys.executable, "-m", "benchmarks.run", "--scenario", "events", "--sizes", "10",
                             "--pairs", "1", "--serve", "10", "--edits", "1",
                             "--out", str(out), "--workdir", str(tmp_path / "work"), "--keep"],
                            cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    data = json.loads((out / "benchmark.json").read_text("utf-8"))
    size = data["sizes"]["10"]
    assert data["scenario"] == "events" and size["items"] == {"campaign": 10, "event": 10}
    for side in ("ours", "plain"):
        assert set(size[side]) == {"cold", "images_kept", "warm"}
        assert all(run["cpu_seconds"] > 0 for run in size[side].values())
    assert [t["limit"] for t in data["targets"]] == [2.0, 1.25, 2.0]
    # An edit under a real `mkdocs serve`: the page was served with the new text (else no time is given).
    served = data["serve"]["10"]
    assert len(served["edit_seconds"]) == 1 and 0 < served["median_seconds"] < 120
    assert "编辑补充第1次" in (tmp_path / "work/serve-10/ours/campaigns" / serve.EDITED).read_text("utf-8")
    assert len(data["machine"]["load_average_after"]) == 3
    # The same bodies on both sides: 1,500 characters each, in both languages.
    ours, plain = tmp_path / "work" / "10" / "ours", tmp_path / "work" / "10" / "plain"
    body = (ours / "campaigns/synthetic-campaign-00003/events/e00003.zh.md").read_text("utf-8").split("---\n", 2)[2]
    assert sum(len(line) for line in body.splitlines() if line and not line.startswith("## ")) == 1500
    assert body.strip().splitlines()[-1] in (plain / "docs/events/e00003.md").read_text("utf-8")
    # Plain MkDocs' navigation holds the home page only.
    assert "nav:\n  - index.md\n" in (plain / "mkdocs.yml").read_text("utf-8")
    table = (out / "benchmark.md").read_text("utf-8")
    assert "| image cache kept, everything else cold |" in table and "N = 10 events in 10 campaigns" in table
    assert "## An edit under `scripts/build serve`, N = 10 events" in table


def test_scaling_targets_compare_ours_at_five_thousand_with_one_thousand():
    from benchmarks import events

    def size(seconds, cpu, peak):
        run = {"seconds": seconds, "cpu_seconds": cpu, "peak_mb": peak}
        return {"ours": {"cold": dict(run), "images_kept": dict(run), "warm": {**run, "peak_mb": peak / 2}}}
    assert events.scaling({"1000": size(10, 10, 300)}) == []  # one size: nothing to compare
    found = events.scaling({"1000": size(10, 9, 300), "5000": size(60, 45, 1600)})
    assert [(t["value"], t["cpu_value"], t["holds"]) for t in found] == [(6.0, 5.0, False), (6.0, 5.0, False),
                                                                          (1600, None, False)]
    assert "stages at N=5,000" in found[0]["note"]
