"""Limits that refuse before rendering (issue 14: small files that cost minutes, tracebacks
instead of file:line). Structural: each pathological input is refused by its limit, with
its file and line, by the check and the build alike, and nothing renders it. No timings."""
import io
import json
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import markdown
import material
import pytest
from hypothesis import HealthCheck, event, given, settings, strategies as st
from PIL import Image

from benchmarks.corpus import CASES, EVENT
from conftest import ROOT
from hostile_site import mkdocs, new_site, write

from build_tools.content.docs_checks import check_file
from build_tools.content.load import load_tree
from build_tools.content.strict_yaml import MAX_DEPTH, parse_list, parse_mapping
from build_tools.core.problems import ERROR
from build_tools.core.settings import Settings
from build_tools.media.decode import ImageError, WEBP_MAX_SIDE, process
from build_tools.pipeline import build, check
from build_tools.safety import limits
from build_tools.safety.html_policy import clean_page
from build_tools.safety.limits import body_limits
from build_tools.safety.scan import known_scripts, scan_markup

NOW = datetime(2024, 11, 24, tzinfo=timezone.utc)
KNOWN = known_scripts([Path(material.__file__).parent / "templates"])
SHOWN = "campaigns/" + EVENT


def _settings(root: Path) -> Settings:
    return Settings(root=root, content_dir=root / "campaigns", share_cards=False, posters=False)


def _errors(problems) -> set:
    return {(p.path, p.line, p.field, p.code) for p in problems if p.severity == ERROR}


def _pages(result) -> set:
    return {o.path for o in result.outputs if o.is_page}


@pytest.mark.parametrize("case", [c for c in CASES if c.refused_by], ids=lambda c: c.name)
def test_each_pathological_input_is_refused_by_its_limit_at_its_line_in_check_and_build(case, tmp_path):
    case.write(tmp_path / "campaigns")
    found = check(_settings(tmp_path))
    assert (SHOWN, case.line) in {(p.path, p.line) for p in found if p.code == case.refused_by}, found
    result = build(_settings(tmp_path), now=NOW)
    assert _errors(result.problems) == _errors(found)
    if case.refused_by.startswith("image_"):  # the image is not published (the build stops anyway)
        assert not any("tall" in o.path for o in result.outputs)
    else:  # the event is not rendered; the campaign beside it still is
        assert "events/e.md" not in _pages(result) and "campaigns/p.md" in _pages(result)


@pytest.mark.parametrize("case", [c for c in CASES if not c.refused_by], ids=lambda c: c.name)
def test_inputs_just_inside_the_limits_are_published(case, tmp_path):
    case.write(tmp_path / "campaigns")
    assert not _errors(load_tree(_settings(tmp_path)).problems)
    if "PNG" not in case.name:  # encoding the tall image is the benchmark's work
        result = build(_settings(tmp_path), now=NOW)
        assert not result.errors and "events/e.md" in _pages(result)


def test_real_bodies_are_far_inside_the_limits():
    """The demo's pages and the editing guides, the longest Markdown the project has."""
    texts = [p.read_text("utf-8") for p in (ROOT / "campaigns").rglob("*.md")]
    texts += [(ROOT / name).read_text("utf-8") for name in ("EDITING.md", "EDITING.en.md", "content-model.md", "DESIGN.md")]
    assert all(body_limits(text) == [] for text in texts)


@pytest.mark.parametrize("body, code", [
    ("[" * 1_200, "body_unclosed_markup"),
    ("\\[" * 1_200 + "\n", None),  # written as text: the renderer does not scan for a closer
    ("[链接](https://example.org) " * 600, None),  # closed at once: a long paragraph of links is cheap
    ("x\n\n" + "    " * 21 + "- 项\n", "body_nesting_too_deep"),
    ("    " * 40 + "缩进的代码\n", None),  # indentation without list markers nests nothing
    ("<p>段落" * 500 + "\n", None),  # elements the parser closes by itself at the next one
    ("<span>" * 101, "html_nesting_too_deep"),
    ("<span>" * 100, None),
])
def test_the_limits_refuse_what_costs_and_let_the_same_characters_through_where_they_cost_nothing(body, code):
    assert [r.code for r in body_limits(body)] == ([code] if code else [])


def test_a_refused_body_names_its_first_unclosed_opener_and_says_what_to_do(tmp_path):
    write(tmp_path / "campaigns/p/index.zh.md", "---\ntitle: 活动\nsummary: 摘要\nkind: forum\nyear: 2024\n"
          "start: 2024-06-05\n---\n第一段。\n\n第二段 (没有配对" + "[" * 1_500 + "\n")
    [refusal] = [p for p in check(_settings(tmp_path)) if p.code == "body_unclosed_markup"]
    assert refusal.line == 10 and dict(refusal.params)["char"] == "("
    assert "\\[" in refusal.text("zh") and "\\[" in refusal.text("en")


def test_a_file_too_large_to_read_is_refused_unread_and_its_translation_is_not_called_orphan(tmp_path):
    write(tmp_path / "campaigns/p/index.zh.md", "---\ntitle: 活动\n---\n" + "文" * 400_000)
    write(tmp_path / "campaigns/p/index.en.md", "---\ntitle: Campaign\n---\nText.\n")
    found = check(_settings(tmp_path))
    assert [(p.path, p.line, p.code) for p in found if p.severity == ERROR] == [
        ("campaigns/p/index.zh.md", 1, "body_too_large")]


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 900, 1_000, 30_000])
def test_front_matter_nested_at_any_depth_is_refused_at_its_line_never_a_recursion_error(depth):
    parsed = parse_mapping("title: x\ntags: " + "[" * depth + "]" * depth + "\n")
    assert [(i.line, i.code) for i in parsed.issues] == [(2, "front_matter_too_deep")] and not parsed.readable
    assert parse_list("- " + "[" * depth + "]" * depth).issues[0].code == "front_matter_too_deep"


def test_front_matter_as_deep_as_the_limit_is_read():
    parsed = parse_mapping("tags: " + "[" * (MAX_DEPTH - 1) + "1" + "]" * (MAX_DEPTH - 1) + "\n")
    assert parsed.issues == [] and parsed.readable


def test_a_hand_written_page_over_a_limit_is_reported_at_its_line(tmp_path):
    page = write(tmp_path / "about.md", "---\ntitle: 关于\n---\n\n正文\n\n" + "<a " * 6_000 + "\n")
    found = check_file("docs/about.md", "about.md", page)
    assert [(p.line, p.code) for p in found] == [(7, "body_unclosed_markup")]
    bare = write(tmp_path / "bare.md", "# 标题\n" + "- " * 50 + "x\n")
    assert [(p.line, p.code) for p in check_file("docs/bare.md", "bare.md", bare)] == [(2, "body_nesting_too_deep")]


def _png(size) -> bytes:
    buf = io.BytesIO()
    Image.new("L", size, 128).save(buf, "PNG")
    return buf.getvalue()


def test_an_image_no_encoder_can_write_is_an_image_error_with_its_size_not_a_crash():
    with pytest.raises(ImageError) as refused:
        process(_png((100, WEBP_MAX_SIDE + 1)))
    assert refused.value.code == "image_side_too_long" and refused.value.params["height"] == WEBP_MAX_SIDE + 1
    # A panorama as long is published: its copies are at most 1,600 pixels wide.
    assert max(v.width for v in process(_png((WEBP_MAX_SIDE + 1, 100))).variants) == 1600


# Runs of what the renderer scans, in paragraphs, lists, quotes and HTML.
RUNS = ["[", "]", "(", ")", "![a](x", "[a](", "[a][", "*", "_", "**a", "`", "``a`", "<a ", "<div>", "</div>",
        "{: ", "\\[", "文", " ", "\n", "\n\n", "- ", "    ", "> ", "1. "]
run = st.tuples(st.sampled_from(RUNS), st.integers(1, 1_500)).map(lambda t: t[0] * t[1])
bodies = st.lists(run, min_size=1, max_size=6).map("".join)


@settings(max_examples=12, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(body=bodies)
def test_check_and_build_agree_and_either_refuse_with_file_and_line_or_publish_inert(body):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write(root / "campaigns/p/index.zh.md", "---\ntitle: 活动\nsummary: 摘要\nkind: forum\nyear: 2024\n"
              "start: 2024-06-05\n---\n" + body + "\n")
        found = check(_settings(root))
        result = build(_settings(root), now=NOW)
        assert _errors(result.problems) == _errors(found)
        last_line = 8 + body.count("\n")
        assert all(p.path == "campaigns/p/index.zh.md" and 1 <= p.line <= last_line for p in result.problems)
        refused = {p.code for p in result.errors} & set(limits.CODES)
        event("refused" if refused else "rendered")
        if refused:
            assert not any(o.path.startswith("campaigns/p") for o in result.outputs if o.is_page)
            return
        md = markdown.Markdown(extensions=["toc", "tables", "attr_list"])
        for output in result.outputs:
            if output.is_page:
                md.reset()
                page = output.content.decode("utf-8").split("---\n", 2)[2]
                cleaned, _found = clean_page(md.convert(page), output.trusted)
                assert scan_markup(output.path, cleaned, KNOWN) == [], output.path


def test_the_pathological_benchmark_reports_each_case_and_the_worst_times(tmp_path):
    """Figures are not asserted, only that the report holds them and the case was refused."""
    case = "front matter 1,000 deep (issue)"
    result = subprocess.run([sys.executable, "-m", "benchmarks.pathological", "--case", case, "--out", str(tmp_path)],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    data = json.loads((tmp_path / "pathological.json").read_text("utf-8"))
    [row] = data["cases"]
    assert row["case"] == case and row["as_expected"] and row["errors"] == ["front_matter_too_deep"]
    assert data["worst_check_s"] == row["check_s"] > 0 and data["worst_build_s"] == row["build_s"] > 0
    assert f"| {case} | front_matter_too_deep |" in (tmp_path / "pathological.md").read_text("utf-8")


def test_a_real_build_stops_on_a_hand_written_page_over_a_limit_naming_its_line(tmp_path):
    root = new_site(tmp_path / "p")
    write(root / "docs" / "about.md", "---\ntitle: 关于\n---\n\n正文\n\n" + "[" * 20_000 + "\n")
    result = mkdocs(root, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "docs/about.md:7: body:" in result.stderr and not (tmp_path / "site" / "about").exists()
