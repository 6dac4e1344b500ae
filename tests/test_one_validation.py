"""One validation for check and build, as editors meet it: a file copied into another
campaign (two files at one URL), links copied from the browser's address bar, and image
mistakes in a file whose front matter is also wrong, all reported in one run."""
import os
import subprocess
import sys
from pathlib import Path

from build_tools.content.publication import PREVIEW
from build_tools.core.config import load_settings
from build_tools.core.problems import format_problems
from build_tools.pipeline import build, check
from conftest import copy_project
from imagefiles import photo, truncated_jpeg

CAMPAIGN = "---\ntitle: 测试活动\nsummary: 用于测试。\nkind: forum\nyear: 2024\nstart: 2024-06-05\n---\n"
EVENT = "---\ntitle: {title}\nsummary: 用于测试。\nstart: 2024-06-05\n---\n{body}\n"
EVENT_EN = "---\ntitle: {title}\nsummary: For tests.\n---\n{body}\n"


def _project(root: Path, files: dict) -> Path:
    copy_project(root, with_content=False)
    for rel, text in files.items():
        target = root / "campaigns" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text) if isinstance(text, bytes) else target.write_text(text, encoding="utf-8")
    return root


def _page(result, path: str) -> str:
    return next(o for o in result.outputs if o.path == path).content.decode("utf-8")


def test_a_file_copied_into_another_campaign_fails_the_build_with_the_checks_message(tmp_path):
    talk = EVENT.format(title="讲座", body="正文。")
    project = _project(tmp_path / "p", {"a/index.zh.md": CAMPAIGN, "b/index.zh.md": CAMPAIGN,
                                        "a/events/talk.zh.md": talk, "b/events/talk.zh.md": talk})
    expected = "campaigns/b/events/talk.zh.md:1: 网址 /events/talk/ 重复"
    checked = subprocess.run([sys.executable, "-m", "build_tools.cli", "check"], cwd=project,
                             capture_output=True, text=True, timeout=120)
    assert checked.returncode == 1 and expected in checked.stdout
    built = subprocess.run([sys.executable, "-m", "build_tools.cli", "build", "-d", str(tmp_path / "site")],
                           cwd=project, capture_output=True, text=True, timeout=300,
                           env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert built.returncode == 1
    assert expected in built.stderr and "Traceback" not in built.stderr + built.stdout
    assert not (tmp_path / "site").exists()
    # A preview server keeps going: the first file keeps the URL, the copy has no page.
    result = build(load_settings(project / "mkdocs.yml"), mode=PREVIEW)
    assert [p.path for p in result.errors] == ["campaigns/b/events/talk.zh.md"]
    assert "讲座" in _page(result, "events/talk.md")


def test_site_urls_of_existing_pages_are_links_to_that_page_in_every_language(tmp_path):
    body = ("见[讲座](/events/talk/)、[英文版地址](/en/events/talk/#agenda)"
            "和[完整地址](https://example.org/events/talk/)。")
    project = _project(tmp_path / "p", {
        "a/index.zh.md": CAMPAIGN,
        "a/events/talk.zh.md": EVENT.format(title="讲座", body="## 议程 {#agenda}"),
        "a/events/talk.en.md": EVENT_EN.format(title="Talk", body="## Agenda {#agenda}"),
        "a/events/visit.zh.md": EVENT.format(title="参观", body=body),
        "a/events/visit.en.md": EVENT_EN.format(title="Visit", body=body.replace("见", "See ")),
    })
    settings = load_settings(project / "mkdocs.yml")
    assert format_problems(check(settings)) == ""
    result = build(settings)
    assert result.problems == []
    for path in ("events/visit.md", "en/events/visit.md"):  # relative: MkDocs finds each language's page
        page = _page(result, path)
        assert "](talk.md)" in page and "](talk.md#agenda)" in page and "](/" not in page
        assert "](https://" not in page


def test_a_site_url_of_a_page_that_does_not_exist_is_an_error_with_its_line(tmp_path):
    body = "第一行。\n\n[讲座](/events/talks/) 和 [关于](/about/)"
    project = _project(tmp_path / "p", {"a/index.zh.md": CAMPAIGN,
                                        "a/events/talk.zh.md": EVENT.format(title="讲座", body="正文。"),
                                        "a/events/visit.zh.md": EVENT.format(title="参观", body=body)})
    settings = load_settings(project / "mkdocs.yml")
    assert format_problems(check(settings), lang="en") == (
        "campaigns/a/events/visit.zh.md:8: body: the link /events/talks/ points to a page of this site, "
        "but the site has no such page; did you mean /events/talk/?")
    assert format_problems(check(settings)) == (
        "campaigns/a/events/visit.zh.md:8: body: 链接 /events/talks/ 指向本网站的页面，但网站上没有这个页面，"
        "是不是 /events/talk/？")
    # in the form written (another language's folder kept); nothing close, no guess
    visit = project / "campaigns/a/events/visit.zh.md"
    visit.write_text(visit.read_text("utf-8").replace("(/events/talks/)", "(/en/events/talks/)"), "utf-8")
    assert "did you mean /en/events/talk/?" in format_problems(check(settings), lang="en")
    visit.write_text(visit.read_text("utf-8").replace("(/en/events/talks/)", "(/events/zzzzzz/)"), "utf-8")
    assert format_problems(check(settings), lang="en").endswith("but the site has no such page")


def test_images_are_checked_even_when_the_front_matter_has_errors(tmp_path):
    broken = "---\ntitle: 参观\nsummary: 用于测试。\nstart: 2026/12/2\ncover: broken.jpg\ncover_alt: 草原\n---\n![](photo.jpg)\n"
    project = _project(tmp_path / "p", {"a/index.zh.md": CAMPAIGN, "a/events/visit.zh.md": broken,
                                        "a/events/broken.jpg": truncated_jpeg(),
                                        "a/events/photo.jpg": photo(gps=True)})
    found = {(p.line, p.field, p.code) for p in check(load_settings(project / "mkdocs.yml"))}
    assert found == {(4, "start", "invalid_datetime_fix"), (5, "cover", "image_corrupt"),
                     (8, "body", "image_gps"), (8, "body", "image_alt_missing")}
