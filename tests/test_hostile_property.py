"""Property: whatever an editor writes in front matter and body, the build ends either
with a site that passes the scan or with problems that name the file; never with a
traceback. Random text, markup, control characters and long Chinese strings are
written into a temporary site and built in-process through the core (many
examples) and with the real `mkdocs build` (a few)."""
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import markdown
import material
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import copy_project
from hostile_site import live_script, mkdocs, write

from build_tools.safety.html_policy import clean_page
from build_tools.pipeline import build
from build_tools.core.problems import format_problems
from build_tools.core.settings import Settings
from build_tools.safety.scan import known_scripts, scan_markup

NOW = datetime(2024, 11, 24, tzinfo=timezone.utc)
KNOWN = known_scripts([Path(material.__file__).parent / "templates"])
CAMPAIGN = "---\ntitle: 活动\nsummary: 摘要\nkind: forum\nyear: 2024\nstart: 2024-06-05\n---\n正文。\n"
PAYLOADS = [
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)", "</script><!--",
    "{{ 7*7 }}{% raw %}", "\r\nBEGIN:VEVENT\r\nEND:VEVENT", "&a [*a, *a]", "!!python/object/apply:os.system",
    "../../../../etc/passwd", "/etc/passwd", "\u202eabc", "\x0b\x00\x1b[2J", "\u200b\ufeff", "👨\u200d👩\u200d👧",
    "ᠮᠣᠩᠭᠣᠯ\u180b", "<!--", "]]>", "\u2028\u2029", "%0D%0A", "data:text/html,<script>alert(1)</script>",
]
MARKUP = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
    "![x](data:image/svg+xml,<svg onload=alert(1)>)", "## h {: onclick=alert(1) }", "<iframe srcdoc='<script>'>",
    "<!--><img src=x onerror=alert(1)>-->", "<svg><a xlink:href=javascript:alert(1)>x</a></svg>",
    "<a href=' java\tscript:alert(1)'>x</a>", "<table><tr><td>表</td></tr></table>", "<div", "</div></div>",
    "```\n<script>code</script>\n```", "[相关](../index.zh.md)", "![图](missing.png)", "<!-- campaigns:home -->",
    "<style>body{display:none}</style>", "<form><input name=x></form>", "# __config", "---\ntitle: x\n---",
]
chinese = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=2000)
any_text = st.text(max_size=120)  # every code point but surrogates: controls, bidi, zero-width...
text = st.one_of(any_text, chinese, st.sampled_from(PAYLOADS), st.lists(st.sampled_from(PAYLOADS), max_size=4).map("".join))
scalar = st.one_of(text, st.integers(), st.booleans(), st.none(), st.dates(), st.floats(allow_nan=True))
value = st.recursive(scalar, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(["name", "city", "address", "x"]), inner, max_size=3)),
    max_leaves=6)
# Valid shapes with hostile text (these publish a page), and anything at all.
words = text.map(lambda t: "文" + t)  # hostile, but not empty
hostile_front = st.fixed_dictionaries(
    {"title": words, "summary": words, "start": st.sampled_from(["2024-06-05", "2024-06-05T09:30:00+08:00"])},
    optional={"venue": st.fixed_dictionaries({}, optional={"name": words, "city": words, "address": words}),
              "tags": st.lists(words, max_size=3), "organizer": words, "cover_alt": words,
              "status": st.sampled_from(["scheduled", "cancelled"])},
)
random_front = st.fixed_dictionaries(
    {"title": value, "summary": value, "start": value},
    optional={k: value for k in ("end", "venue", "tags", "status", "registration", "organizer", "cover", "draft")},
)
body = st.lists(st.one_of(any_text, chinese, st.sampled_from(MARKUP)), max_size=8).map("\n\n".join)
raw_front = st.lists(st.one_of(any_text, st.sampled_from(PAYLOADS)), max_size=5).map("\n".join)
slug = st.from_regex(r"[a-z0-9]{1,12}(-[a-z0-9]{1,12}){0,2}", fullmatch=True)
name = st.one_of(
    slug, slug, slug,
    st.sampled_from(["Ev", "a..b", "index", "x" * 150, "ev.en"]),
    st.text(st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), min_size=1, max_size=40),
).filter(lambda n: n not in (".", "..") and len((n + ".zh.md").encode("utf-8")) <= 255)


def _source(fm, raw, text_body) -> str:
    if isinstance(fm, str):
        return f"---\n{fm}\n---\n{text_body}\n"
    return "---\n" + yaml.safe_dump(fm, allow_unicode=True, sort_keys=False) + "---\n" + text_body + "\n"


def _write_site(root: Path, file_name: str, source: str) -> str:
    write(root / "campaigns" / "prop" / "index.zh.md", CAMPAIGN)
    rel = f"campaigns/prop/events/{file_name}.zh.md"
    write(root / rel, source)
    return rel


def _assert_named(problems, rel):
    # every error names a file of the content, and every message can be shown in both languages
    assert all(p.path.startswith("campaigns/prop/") for p in problems), problems
    assert format_problems(problems, "human", "zh") and format_problems(problems, "github", "en")


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(fm=st.one_of(hostile_front, hostile_front, random_front, raw_front), text_body=body, file_name=name)
def test_the_core_ends_with_a_clean_site_or_problems_naming_the_file(fm, text_body, file_name):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        rel = _write_site(root, file_name, _source(fm, None, text_body))
        # Cards and posters need the project's layouts and fonts; the real builds below have them.
        result = build(Settings(root=root, content_dir=root / "campaigns", share_cards=False, posters=False), now=NOW)
        if result.problems:
            _assert_named(result.problems, rel)
        md = markdown.Markdown(extensions=["toc", "tables", "fenced_code", "attr_list"])
        for output in result.outputs:
            if not output.is_page:
                continue
            md.reset()
            page = output.content.decode("utf-8").split("---\n", 2)[2]
            cleaned, _found = clean_page(md.convert(page), output.trusted)
            assert scan_markup(output.path, cleaned, KNOWN) == [], output.path


@settings(max_examples=3, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture])
@given(fm=hostile_front, text_body=body)
def test_a_real_build_publishes_a_site_that_passes_the_scan_or_names_the_file(tmp_path_factory, fm, text_body):
    root = copy_project(tmp_path_factory.mktemp("prop") / "p", with_content=False)
    rel = _write_site(root, "ev", _source(fm, None, text_body))
    out = root / "site"
    result = mkdocs(root, out)
    assert "Traceback" not in result.stderr, result.stderr
    if result.returncode == 0:
        assert live_script(out) == []
    else:
        assert rel in result.stderr, result.stderr
