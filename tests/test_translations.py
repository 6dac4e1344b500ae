"""Translation status, the commands that record it, catalogues and dates per language."""
import subprocess
import sys
from datetime import date
from pathlib import Path

import yaml
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

from build_tools.core.config import load_settings
from build_tools.i18n.dates import date_interval
from build_tools.i18n.catalogues import read_catalogue
from build_tools.pipeline import build
from conftest import ROOT, copy_project

EVENT = Path("campaigns/2024-environment-day/events/environment-day-2024")


def _campaign(*args, cwd):
    return subprocess.run([sys.executable, "-m", "build_tools.cli", *args], cwd=cwd, capture_output=True, text=True)


def test_a_changed_source_makes_its_translation_stale_until_recorded(tmp_path):
    project = copy_project(tmp_path / "p")
    assert _campaign("translations", "--strict", cwd=project).returncode == 0
    source = project / f"{EVENT}.zh.md"
    source.write_text(source.read_text(encoding="utf-8").replace("六五环境日", "六五环境日（已更新）", 1), encoding="utf-8")
    stale = _campaign("translations", "--strict", cwd=project)
    assert stale.returncode == 1
    assert f"已过时: {EVENT}.en.md" in stale.stdout
    assert "需要更新" in stale.stderr
    # the English page says so
    result = build(load_settings(project / "mkdocs.yml"))
    assert "has changed since it was translated" in result.pages.notices["en/events/environment-day-2024.md"]
    # a change that a translator does not translate (a date) leaves it current
    recorded = _campaign("translations", "--record", f"{EVENT}.en.md", cwd=project)
    assert recorded.returncode == 0, recorded.stderr
    assert _campaign("translations", "--strict", cwd=project).returncode == 0
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("status: held", "status: scheduled"), encoding="utf-8")
    assert _campaign("translations", "--strict", cwd=project).returncode == 0
    assert "translated_from" in (project / f"{EVENT}.en.md").read_text(encoding="utf-8")


def test_translations_report_lists_missing_items_per_language_and_kind(tmp_path):
    out = _campaign("translations", "--lang", "en", cwd=ROOT)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "English (en)"
    assert "  events: translated 6, missing 1, stale 0" in lines
    assert "    missing: campaigns/2024-national-ecology-day/events/national-ecology-day-2024.zh.md" in lines
    assert "  pages: translated 3, missing 0, stale 0" in lines


def test_translate_starts_a_translation_that_counts_only_once_translated(tmp_path):
    project = copy_project(tmp_path / "p")
    src = "campaigns/2024-national-ecology-day/events/national-ecology-day-2024.zh.md"
    made = _campaign("translate", src, "--to", "en", cwd=project)
    assert made.returncode == 0, made.stderr
    target = project / src.replace(".zh.md", ".en.md")
    text = target.read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---")[1])
    assert meta["title"] and meta["translated_from"].startswith("sha256:")
    assert "start" not in meta  # structural fields stay in the source
    assert _campaign("translate", src, "--to", "en", cwd=project).returncode == 1  # never overwrites
    assert _campaign("check", cwd=project).returncode == 0
    # copied but not translated yet: the strict check says so
    pending = _campaign("translations", "--strict", cwd=project)
    assert pending.returncode == 1 and "尚未翻译" in pending.stdout
    target.write_text(text.replace(f"title: {meta['title']}", "title: National Ecology Day 2024"), encoding="utf-8")
    assert _campaign("translations", "--strict", cwd=project).returncode == 0


def test_every_template_string_is_translated_in_every_language():
    with (ROOT / "build_tools" / "i18n" / "locale" / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "campaign_t": None}
    msgids = {m[2] if isinstance(m[2], str) else m[2][0] for m in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=keywords)}
    assert "Upcoming events" in msgids and "Run by: %(organizer)s" in msgids and len(msgids) > 40
    for lang in load_settings(ROOT / "mkdocs.yml").languages:
        catalog = read_catalogue(lang)
        missing = sorted(i for i in msgids if not catalog.get(i) or not all(
            s for s in ((catalog.get(i).string,) if isinstance(catalog.get(i).string, str) else catalog.get(i).string)))
        assert missing == [], lang


def test_date_ranges_in_each_language():
    assert date_interval(date(2024, 8, 10), date(2024, 8, 12), "yMMMMd", "en_GB") == "10–12 August 2024"
    assert date_interval(date(2024, 7, 31), date(2024, 8, 2), "yMMMMd", "en_GB") == "31 July\u2009–\u20092 August 2024"
    assert date_interval(date(2024, 8, 10), date(2024, 8, 12), "yMMMMd", "zh_Hans_CN") == "2024年8月10日至12日"
    assert date_interval(date(2023, 12, 31), date(2024, 1, 2), "yMMMMd", "zh_Hans_CN") == "2023年12月31日至2024年1月2日"


def test_an_edited_site_catalogue_is_read_again_by_the_next_build(tmp_path):
    """A long `mkdocs serve` builds again after an edit: the edited .po must count."""
    import os

    from build_tools.core.settings import Settings
    from build_tools.i18n.languages import language
    from build_tools.render.environment import environment

    po = tmp_path / "en.po"

    def write(text: str, mtime_ns: int) -> None:
        po.write_text(f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                      f'msgid "Calendar"\nmsgstr "{text}"\n', encoding="utf-8")
        os.utime(po, ns=(mtime_ns, mtime_ns))

    settings = Settings(root=tmp_path, content_dir=tmp_path / "campaigns",
                        language_options={"en": {"catalogue": "en.po"}})
    write("Events calendar", 1_000_000_000_000_000_000)
    english = language(settings, "en")
    assert english.gettext("Calendar") == "Events calendar"
    template = "{{ _('Calendar') }}"
    assert environment(english).from_string(template).render() == "Events calendar"
    write("What's on", 1_000_000_001_000_000_000)  # the same size, a later time
    assert english.gettext("Calendar") == "What's on"
    assert environment(english).from_string(template).render() == "What's on"
    assert english.gettext("News") == "News"  # the built-in catalogue is still under it


def _git(*args, cwd):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=cwd, check=True,
                   capture_output=True)


def test_translations_name_the_fields_and_paragraphs_that_changed_since_the_record(tmp_path):
    project = copy_project(tmp_path / "p")
    source = project / f"{EVENT}.zh.md"
    _git("init", "-q", cwd=project)
    _git("add", "-A", cwd=project)
    _git("commit", "-q", "-m", "content", cwd=project)
    text = source.read_text(encoding="utf-8")
    lines = text.split("\n")
    second = next(i for i, line in enumerate(lines) if line.startswith("环境日宣传面向全社会"))
    lines[second] = lines[second].replace("组织动员", "组织动员和表彰")
    lines.append("\n新增的一段：今年的主场活动在呼和浩特举行。")
    changed = "\n".join(lines).replace("title: 2024年六五环境日", "title: 2024年六五环境日主场活动")
    source.write_text(changed.replace("status: held", "status: scheduled"), encoding="utf-8")
    added = changed.split("\n").index("新增的一段：今年的主场活动在呼和浩特举行。") + 1

    zh = _campaign("translations", cwd=project).stdout
    assert f"已过时: {EVENT}.en.md" in zh
    assert "改动的字段：title\n" in zh  # status is not translated, so not listed
    assert f"改动的段落：第 {second + 1} 行（修改）、第 {added} 行（新增）" in zh
    en = _campaign("translations", "--lang", "en", "--format", "json", cwd=project).stdout
    [stale] = [s for s in yaml.safe_load(en) if s["state"] == "stale"]
    assert stale["changes"] == {"fields": ["title"], "removed": [],
                                "paragraphs": [{"line": second + 1, "change": "changed"},
                                               {"line": added, "change": "added"}]}
    # A removed paragraph is quoted; a source never committed cannot be compared, and says so.
    source.write_text(changed.replace(lines[second] + "\n", ""), encoding="utf-8")
    assert f"删去“{lines[second][:29]}…”" in _campaign("translations", cwd=project).stdout
    _git("rm", "-q", "--cached", str(source.relative_to(project)), cwd=project)
    _git("commit", "-q", "-m", "forget", cwd=project)
    assert "无法确定原文改了哪些地方" in _campaign("translations", cwd=project).stdout


def test_translate_takes_the_target_language_as_to_and_still_accepts_lang(tmp_path):
    project = copy_project(tmp_path / "p")
    src = "campaigns/2024-ecological-civilization-thought-forum/news/two-lectures-two-talks-columns.zh.md"
    made = _campaign("translate", src, "--to", "en", cwd=project)
    assert made.returncode == 0 and made.stderr == "", made.stderr
    (project / src.replace(".zh.md", ".en.md")).unlink()
    old = _campaign("translate", src, "--lang", "en", cwd=project)
    assert old.returncode == 0 and (project / src.replace(".zh.md", ".en.md")).is_file()
    assert "请改用 --to en" in old.stderr and "use --to en" in old.stderr
