"""Names that could write into the CI log, files nobody would see, images that are not
images, each problem at its own line, and the build's rules for hand-written pages run
by the check (in-process, small sites)."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.core.printable import log_text, printable
from build_tools.core.problems import format_problems
from build_tools.core.settings import Settings
from build_tools.pipeline import check

CAMPAIGN = "---\ntitle: 活动\nsummary: 摘要\nkind: forum\nyear: 2024\nstart: 2024-06-05\n---\n"
ARTICLE = "---\ntitle: 文章\nsummary: 摘要\ndate: 2024-06-01\n{extra}---\n{body}"
# C0 (tab and line breaks too), DEL, C1 (NEL), the Unicode line and paragraph separators, bidi.
CONTROLS = ["\n", "\r", "\t", "\x1b", "\x7f", "\x85", "\u2028", "\u2029", "\u202e"]


def _site(root: Path, docs: bool = False) -> Settings:
    (root / "campaigns" / "c" / "news").mkdir(parents=True, exist_ok=True)
    (root / "campaigns" / "c" / "index.zh.md").write_text(CAMPAIGN, encoding="utf-8")
    if docs:
        (root / "docs").mkdir(exist_ok=True)
    return Settings(root=root, content_dir=root / "campaigns", docs_dir=(root / "docs") if docs else None)


def _article(root: Path, body: str, extra: str = "", name: str = "a") -> str:
    path = root / "campaigns" / "c" / "news" / f"{name}.zh.md"
    path.write_text(ARTICLE.format(extra=extra, body=body), encoding="utf-8")
    return f"campaigns/c/news/{name}.zh.md"


def _found(settings: Settings, path: str = "") -> list[tuple]:
    return sorted((p.path, p.line, p.code) for p in check(settings) if not path or p.path == path)


def _body_at(lines: dict, length: int = 45) -> str:
    """A body whose 1-based body line n is lines[n] (blank lines elsewhere, so each is a paragraph)."""
    return "\n".join(lines.get(n, "") for n in range(1, length + 1)) + "\n"


BODY_LINE = 6  # ARTICLE's body starts on line 6 of the file (no extra fields)


# names

@pytest.mark.parametrize("char", CONTROLS, ids=[f"U+{ord(c):04X}" for c in CONTROLS])
def test_control_characters_in_file_and_folder_names_are_errors_printed_on_one_line(tmp_path, char):
    settings = _site(tmp_path)
    folder = tmp_path / "campaigns" / "c" / f"photos{char}::add-mask::x"
    folder.mkdir()
    (folder / "a.jpg").write_bytes(b"x")
    (tmp_path / "campaigns" / "c" / f"cover{char}::error title=x::pwned.jpg").write_bytes(b"x")
    problems = check(settings)
    named = [p for p in problems if p.code == "unsafe_file_name"]
    assert len(named) == 2  # the folder once, not again for each file in it
    for lang in ("zh", "en"):
        report = format_problems(problems, "human", lang)
        assert len(report.split("\n")) == len(problems)  # one line per problem
        for line in report.split("\n"):
            assert line.startswith("campaigns/c/") and not line.lstrip().startswith("::")
        assert f"<U+{ord(char):04X}>" in report


@pytest.mark.parametrize("char", ["\n", "\x1b", "\u2028"], ids=["LF", "ESC", "LSEP"])
def test_control_characters_in_names_under_docs_are_refused_by_the_check(tmp_path, char):
    settings = _site(tmp_path, docs=True)
    (tmp_path / "docs" / f"page{char}::error::x.md").write_text("# 页\n", encoding="utf-8")
    (tmp_path / "docs" / f"dir{char}::warning::y").mkdir()
    (tmp_path / "docs" / f"dir{char}::warning::y" / "p.md").write_text("# 页\n", encoding="utf-8")
    problems = [p for p in check(settings) if p.code == "page_file_name"]
    assert len(problems) == 2
    report = format_problems(problems, "human", "en")
    assert len(report.split("\n")) == 2 and all(line.startswith("docs/") for line in report.split("\n"))


def test_the_plain_check_output_has_no_workflow_command(tmp_path):
    settings = _site(tmp_path)
    for n, char in enumerate(CONTROLS):
        (tmp_path / "campaigns" / "c" / f"f{n}{char}::add-mask::secret{char}##[error]x.jpg").write_bytes(b"x")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - campaigns\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "build_tools.cli", "check"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120, env={**os.environ})
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert len(lines) == len(CONTROLS), done.stdout
    for line in lines + done.stderr.splitlines():
        assert not line.lstrip().startswith("::")


def test_a_log_of_another_program_keeps_its_lines_but_loses_its_commands():
    log = "INFO - Building\n::error::x\n  ::add-mask::y\nWARNING - a ##[add-mask]z\tend\r\nlast\x1b[2J"
    out = log_text(log)
    assert out.split("\n")[0] == "INFO - Building" and len(out.split("\n")) == 5
    assert not any(line.lstrip().startswith("::") or "##[" in line for line in out.split("\n"))
    assert "\t" in out and "<U+000D>" in out and "<U+001B>" in out
    assert printable("a\nb\u2029c") == "a<U+000A>b<U+2029>c"


# hidden files

def test_hidden_files_and_folders_are_reported_not_skipped(tmp_path):
    settings = _site(tmp_path)
    camp = tmp_path / "campaigns" / "c"
    (camp / ".drafts" / "news").mkdir(parents=True)
    (camp / ".drafts" / "news" / "x.zh.md").write_text(ARTICLE.format(extra="", body="x"), encoding="utf-8")
    (camp / ".cover.jpg").write_bytes(b"x")
    (camp / "news" / ".DS_Store").write_bytes(b"x")
    (tmp_path / "campaigns" / ".hidden-campaign").mkdir()
    (tmp_path / "campaigns" / ".hidden-campaign" / "index.zh.md").write_text(CAMPAIGN, encoding="utf-8")
    found = [(p.path, p.severity) for p in check(settings) if p.code == "hidden_file"]
    assert sorted(found) == [("campaigns/.hidden-campaign", "warning"), ("campaigns/c/.cover.jpg", "warning"),
                             ("campaigns/c/.drafts", "warning"), ("campaigns/c/news/.DS_Store", "warning")]


# images that are images

@pytest.mark.parametrize("extra, body, field, line", [
    ("cover: b.zh.md\ncover_alt: 图\n", "正文\n", "cover", 5),
    ("cover: ../index.zh.md\ncover_alt: 图\n", "正文\n", "cover", 5),
    ("", "第一段\n\n![图](b.zh.md)\n", "body", 8),
    ("", "![图](../index.zh.md \"标题\")\n", "body", 6),
    ("", "文字\n![图](./b.zh.md)\n", "body", 7),
])
def test_a_cover_or_image_pointing_at_a_page_is_an_error_at_its_line(tmp_path, extra, body, field, line):
    settings = _site(tmp_path)
    _article(tmp_path, "b\n", name="b")
    path = _article(tmp_path, body, extra)
    found = [(p.line, p.field) for p in check(settings) if p.path == path and p.code == "not_an_image"]
    assert found == [(line, field)]


def test_a_cover_or_image_that_is_not_an_image_file_is_an_error(tmp_path):
    settings = _site(tmp_path)
    news = tmp_path / "campaigns" / "c" / "news"
    (news / "doc.pdf").write_bytes(b"%PDF-1.4\n")
    (news / "fake.jpg").write_bytes(b"not an image")
    path = _article(tmp_path, "![a](doc.pdf)\n\n![b](fake.jpg)\n", "cover: fake.jpg\ncover_alt: 图\n")
    lines = sorted(p.line for p in check(settings) if p.path == path and p.severity == "error")
    assert lines == [5, 8, 10]


# each problem at its own line

def test_two_equal_bad_hrefs_are_reported_at_their_own_lines(tmp_path):
    settings = _site(tmp_path)
    link = '<a href="javascript:alert(1)">点</a>'
    path = _article(tmp_path, _body_at({15: link, 19: link, 21: f"{link} 和 {link}"}))
    assert [x[1] for x in _found(settings, path)] == [BODY_LINE + 14, BODY_LINE + 18, BODY_LINE + 20]


@pytest.mark.parametrize("tag", [
    '<iframe src="https://evil.example/x"></iframe>',
    '<img src="https://evil.example/x" alt="a">',
    '<video controls\n  src="https://evil.example/x"></video>',
])
def test_an_embed_is_reported_at_its_tag_not_where_its_url_is_first_quoted(tmp_path, tag):
    settings = _site(tmp_path)
    path = _article(tmp_path, _body_at({33: "地址是 https://evil.example/x 。", 35: tag}))
    assert [x[1] for x in _found(settings, path)] == [BODY_LINE + 34]


@pytest.mark.parametrize("link, below", [
    ("[x](jav&#x61;script:alert(1))", 0), ("[x](&#106;avascript:alert(1))", 0), ("[x](jav&Tab;ascript:alert(1))", 0),
    ("[x](JaVaScRiPt:alert(1))", 0), ("[x](jav&#x09;ascript:alert(1))", 0), ('<a href="jav&#x61;script:alert(1)">x</a>', 0),
    ("[x](data:text/html,alert)", 0), ("[x][r]\n\n[r]: jav&#x61;script:alert(1)", 2),  # the line that holds the URL
])
def test_encoded_scripts_in_links_are_reported_by_the_check_at_their_line(tmp_path, link, below):
    settings = _site(tmp_path)
    path = _article(tmp_path, _body_at({3: "[ok](javascript:alert(1))", 20: link}))
    found = [(line, code) for _p, line, code in _found(settings, path)]
    assert found == [(BODY_LINE + 2, "html_url_removed"), (BODY_LINE + 19 + below, "html_url_removed")]


@pytest.mark.parametrize("link", ["[x](java%73cript:alert(1))", "[x](%6a%61vascript:alert(1))",
                                  "[x](java%0ascript:alert(1))"])
def test_percent_encoded_schemes_are_paths_and_reported_as_missing_at_their_line(tmp_path, link):
    settings = _site(tmp_path)
    path = _article(tmp_path, _body_at({4: link, 9: f"文字\n{link}"}))
    assert _found(settings, path) == [(path, BODY_LINE + 3, "link_missing"), (path, BODY_LINE + 9, "link_missing")]


def test_equal_missing_links_in_one_paragraph_are_reported_at_their_lines(tmp_path):
    settings = _site(tmp_path)
    path = _article(tmp_path, "第一行 [a](gone.pdf)\n第二行\n第三行 [b](gone.pdf) [c](gone.pdf)\n")
    assert _found(settings, path) == [(path, BODY_LINE, "link_missing"), (path, BODY_LINE + 2, "link_missing")]


# hand-written pages: the build's rules, run by the check

@pytest.mark.parametrize("front, field, line", [
    ("template: redirect.html\nlocation: javascript:alert(1)\n", "template", 2),
    ("title: 页\nlocation: https://evil.example/\n", "location", 3),
    ("title: 页\nextra:\n  x: 1\n", "extra", 3),
    ("title: 页\nhooks: x\n", "hooks", 3),
])
def test_forbidden_front_matter_in_docs_pages_is_refused_by_the_check(tmp_path, front, field, line):
    settings = _site(tmp_path, docs=True)
    (tmp_path / "docs" / "p.md").write_text(f"---\n{front}---\n# 页\n", encoding="utf-8")
    found = [(p.line, p.field, p.severity) for p in check(settings) if p.code == "page_meta_field"]
    assert (line, field, "error") in found


def test_html_in_docs_pages_is_reported_by_the_check_at_its_line(tmp_path):
    settings = _site(tmp_path, docs=True)
    (tmp_path / "docs" / "sub").mkdir()
    (tmp_path / "docs" / "sub" / "p.md").write_text(
        "---\ntitle: 页\n---\n\n见 https://evil.example/v\n\n<iframe src=\"https://evil.example/v\"></iframe>\n\n"
        "[x](jav&#x61;script:alert(1))\n", encoding="utf-8")
    found = [(p.path, p.line, p.code) for p in check(settings) if p.path.startswith("docs/")]
    assert found == [("docs/sub/p.md", 7, "html_host_removed"), ("docs/sub/p.md", 9, "html_url_removed")]


def test_a_name_with_a_version_one_workflow_command_is_printed_inert(tmp_path):
    settings = _site(tmp_path)
    (tmp_path / "campaigns" / "c" / "a##[add-mask]secret.jpg").write_bytes(b"x")
    _article(tmp_path, "![图](a##[add-mask]secret.jpg)\n![图](gone##[error]x.jpg)\n")
    report = format_problems(check(settings), "human", "en")
    assert report and "##[" not in report
