"""The site report's table and verdict, from figures given here (scripts/report measures them)."""
from site_checks import report
from site_checks.weight import BUDGET, CATEGORIES


def _data(total_html: int, lighthouse_perf: int = 95) -> dict:
    weight = dict.fromkeys(CATEGORIES, 0)
    weight["html"], weight["js"] = total_html, 40_000
    page = {"path": "/", "weight": {"bytes": weight, "total": sum(weight.values()),
                                    "within_budget": sum(weight.values()) <= BUDGET, "requests": [], "blocked": [],
                                    "problems": []},
            "axe": {"blocking": [], "other": []}, "vnu_errors": [],
            "lighthouse": {"scores": {"performance": lighthouse_perf, "accessibility": 100, "best-practices": 100,
                                      "seo": 100}, "failing": [], "requests": [], "external": []}}
    return {"site": {"extra_items_per_kind": 20, "budget_bytes": BUDGET, "axe_core": "4", "lighthouse": "12",
                     "vnu_jar": "26", "chromium": "1"},
            "pages": {"home": page}, "external_requests": [], "vnu": {"files": 1, "errors": []},
            "links": {"broken": []}}


def test_a_page_within_budget_passes_and_its_row_shows_the_figures():
    data = _data(10 * 1024)
    assert report.failures(data) == []
    text = report.markdown(data)
    assert "| home | `/` | 10.0 | 0.0 | 39.1 | 0.0 | 0.0 | 0.0 | 0.0 | **49.1** | yes |" in text
    assert "All requirements hold." in text


def test_a_page_over_budget_fails_and_a_low_lighthouse_score_is_only_marked():
    data = _data(BUDGET, lighthouse_perf=71)
    assert report.failures(data) == [f"home: {(BUDGET + 40_000) / 1024:.1f} KB, over the 300.0 KB budget"]
    text = report.markdown(data)
    assert "| **no** |" in text
    assert "| home | **71** (below 90) | 100 | 100 | 100 | — |" in text


def test_the_written_figures_carry_no_local_address():
    data = _data(1024)
    page = data["pages"]["home"]
    page["weight"]["requests"] = [("http://127.0.0.1:40567/", "html", 900)]
    page["lighthouse"]["requests"] = ["http://127.0.0.1:40567/assets/x.css", "https://cdn.example.invalid/y.js"]
    report.portable(data)
    assert page["weight"]["requests"] == [["/", "html", 900]]
    assert page["lighthouse"]["requests"] == ["/assets/x.css", "https://cdn.example.invalid/y.js"]
