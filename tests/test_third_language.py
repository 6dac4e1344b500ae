"""A language is configuration: a third one, written vertically, added to a copy of the site."""
import shutil
from pathlib import Path

from babel.messages.pofile import read_po, write_po

from conftest import ROOT, copy_project, mkdocs_build
from htmlsite import html_files, page_of, parse

MONGOL = "ᠮᠣᠩᠭᠣᠯ"  # "Mongol", in the traditional script
TRANSLATION = f"""---
title: {MONGOL} 2024
summary: {MONGOL} summary
---
{MONGOL} ᠪᠢᠴᠢᠭ
"""


MN_OPTIONS = f"""\
        mn:
          name: {MONGOL}
          locale: mn_Mong_CN
          hreflang: mn-Mong
          writing_mode: vertical-lr
          catalogue: locale/mn.po
          site_name: {MONGOL} site
"""


def _add_mongolian(project: Path) -> None:
    config_path = project / "mkdocs.yml"
    text = config_path.read_text(encoding="utf-8")
    text = text.replace("      languages: [zh, en]\n", "      languages: [zh, en, mn]\n", 1)
    text = text.replace("      language_options:\n", "      language_options:\n" + MN_OPTIONS, 1)
    config_path.write_text(text, encoding="utf-8")
    # a catalogue of the site (not of the package): every template string, marked
    with (ROOT / "build_tools" / "i18n" / "locale" / "messages.pot").open("rb") as handle:
        catalog = read_po(handle, locale="mn")
    for message in catalog:
        if message.id:
            message.string = tuple(f"[mn] {i}" for i in message.id) if isinstance(message.id, tuple) else f"[mn] {message.id}"
    (project / "locale").mkdir()
    with (project / "locale" / "mn.po").open("wb") as handle:
        write_po(handle, catalog)
    (project / "campaigns" / "2024-environment-day" / "index.mn.md").write_text(TRANSLATION, encoding="utf-8")
    (project / "docs" / "mn").mkdir()
    (project / "docs" / "mn" / "index.md").write_text(f"---\ntitle: {MONGOL}\n---\n\n# {MONGOL}\n\n<!-- campaigns:home -->\n",
                                                     encoding="utf-8")


def test_a_third_language_builds_from_configuration_alone(tmp_path):
    project = copy_project(tmp_path / "p", with_content=False)
    for campaign in ("2024-environment-day", "2024-ecological-civilization-thought-forum"):
        shutil.copytree(ROOT / "campaigns" / campaign, project / "campaigns" / campaign)
    _add_mongolian(project)
    out = tmp_path / "site"
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr
    # every page of the source language has a Mongolian page: translated, or the fallback
    zh_pages = [p for p in html_files(out) if p.name == "index.html" and p.relative_to(out).parts[0] not in ("en", "mn")]
    for page in zh_pages:
        twin = out / "mn" / page.relative_to(out)
        assert twin.is_file(), twin
    page = parse(out / "mn" / "campaigns" / "2024-environment-day" / "index.html")
    assert page.get("lang") == "mn-Mong"
    assert page.xpath("//h1")[0].text_content() == f"{MONGOL} 2024"
    assert page.xpath("//*[@class='cs-writing']/@data-writing-mode") == ["vertical-lr"]
    assert "[mn] Dates" in page.xpath("string(//dl[@class='cs-facts'])")
    assert page.xpath("//title")[0].text_content().endswith(f"{MONGOL} site")
    # the switch offers all three languages, each leading to a page in that language
    switch = {a.get("hreflang"): a.get("href") for a in page.xpath("//*[contains(@class,'cs-language-switch')]//a")}
    assert set(switch) == {"zh-CN", "en", "mn-Mong"}
    fallback = parse(out / "mn" / "news" / "two-lectures-two-talks-columns" / "index.html")
    assert "[mn] This page is not available in" in fallback.xpath("string(//*[@class='cs-fallback'])")
    home = parse(page_of(out, "/mn/"))
    assert home.xpath("//*[contains(@class,'cs-home')]//a")  # the generated block, in Mongolian pages
    assert (out / "mn" / "search" / "search_index.json").is_file()
    assert 'hreflang="mn-Mong"' in (out / "sitemap.xml").read_text(encoding="utf-8")
