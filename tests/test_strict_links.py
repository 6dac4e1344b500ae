"""A broken link, anchor or image fails the strict build, with a message naming the file."""
from conftest import copy_project, mkdocs_build


def test_broken_links_anchors_and_images_in_docs_fail_the_strict_build(tmp_path):
    project = copy_project(tmp_path / "p")
    about = project / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + (
        "\n[不存在的页面](no-such-page.md)\n\n[联系方式](contact.md#no-such-heading)\n\n"
        "![不存在的图片](images/no-such-image.png)\n"), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    log = result.stdout + result.stderr
    assert "Aborted with 3 warnings in strict mode" in log, log
    lines = [l for l in log.splitlines() if l.startswith("WARNING")]
    assert any("'about.md'" in l and "no-such-page.md" in l for l in lines), lines
    assert any("'about.md'" in l and "#no-such-heading" in l for l in lines), lines
    assert any("'about.md'" in l and "no-such-image.png" in l for l in lines), lines


def test_a_broken_link_in_a_campaign_file_fails_the_build_naming_the_file_and_line(tmp_path):
    project = copy_project(tmp_path / "p")
    article = project / "campaigns" / "2024-environment-day" / "news" / "children-wishes-music-album.zh.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.rstrip("\n") + "\n\n详见[不存在的报道](no-such-report.zh.md)。\n", encoding="utf-8")
    line = len(text.rstrip("\n").split("\n")) + 2
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert f"campaigns/2024-environment-day/news/children-wishes-music-album.zh.md:{line}: body:" in result.stderr
    assert "no-such-report.zh.md" in result.stderr
