"""A language is configuration: more languages added to a copy of the site in mkdocs.yml alone.

Mongolian (traditional script, written vertically) comes with a catalogue of the site;
French comes with nothing but CLDR's data: its dates, month and language names are
French, its interface strings fall back to English, and nothing it shows is Chinese
except content that has no French version.
"""
import json
import re
import shutil
from pathlib import Path

import feedparser
import pytest
import yaml
from babel.messages.pofile import read_po, write_po
from icalendar import Calendar

from conftest import ROOT, copy_project, mkdocs_build
from htmlsite import html_files, page_of, parse

MONGOL = "ᠮᠣᠩᠭᠣᠯ"  # "Mongol", in the traditional script
TRANSLATION = f"""---
title: {MONGOL} 2024
summary: {MONGOL} summary
---
{MONGOL} ᠪᠢᠴᠢᠭ
"""
FORUM = "2024-ecological-civilization-thought-forum"
HOHHOT = "ecological-civilization-thought-forum-hohhot"
PLANNED = "grassland-clean-up"
FR_SITE = "Éducation à l'environnement en Mongolie-Intérieure"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+")

MN_OPTIONS = f"""\
        mn:
          name: {MONGOL}
          locale: mn_Mong_CN
          tag: mn-Mong
          writing_mode: vertical-lr
          catalogue: locale/mn.po
          site_name: {MONGOL} site
"""
# French: a locale and the site's name, nothing else (no catalogue, no tag: the code is the tag).
FR_OPTIONS = f"""\
        fr:
          locale: fr_FR
          site_name: "{FR_SITE}"
"""
FR_GOVERNMENT = """\
    organizer_fr: Département de l'écologie et de l'environnement de Mongolie-Intérieure
    region_fr: Région autonome de Mongolie-Intérieure
"""
FR_CONTENT = {
    f"{FORUM}/index.fr.md": """---
title: Forum de Mongolie-Intérieure 2024 sur la civilisation écologique
summary: Un forum sur la protection de l'environnement et le développement vert, à Hohhot.
organizers: [Ministère de l'Écologie et de l'Environnement, Comité du Parti de la région, Gouvernement de la région]
regions: [Hohhot, Baotou]
---
Le forum s'est tenu à Hohhot le 18 juin 2024.
""",
    f"{FORUM}/events/{HOHHOT}.fr.md": """---
title: Forum de Hohhot sur la civilisation écologique
summary: Des responsables, académiciens et experts réunis à Hohhot.
venue:
  city: Hohhot
organizer: Ministère de l'Écologie et de l'Environnement
---
Le forum a réuni 91 responsables et 46 académiciens et experts.
""",
    # scheduled: published on 1 December 2024, after the tests' reference time (24 November)
    f"{FORUM}/events/{PLANNED}.zh.md": """---
title: 草原清洁行动
summary: 十二月的草原清洁志愿行动。
start: 2024-12-10
publish_at: 2024-12-01T09:00:00+08:00
---
行动介绍。
""",
    f"{FORUM}/events/{PLANNED}.fr.md": """---
title: Nettoyage de la prairie
summary: Une action bénévole de nettoyage de la prairie en décembre.
---
Présentation de l'action.
""",
}

# Theme days: one named in French, one only in Chinese and English (its Chinese name is content).
OBSERVANCES = """\
- slug: world-environment-day
  name: {zh: 世界环境日, en: World Environment Day, fr: Journée mondiale de l'environnement}
  date: "06-05"
  campaign: 2024-environment-day
- slug: arbor-day
  name: {zh: 植树节, en: Arbor Day}
  date: "03-12"
"""


def _add_mongolian(project: Path) -> None:
    config_path = project / "mkdocs.yml"
    text = config_path.read_text(encoding="utf-8")
    # the site's own Mongolian options give way to these (another tag, a site catalogue)
    text = re.sub(r"^        mn:\n(?:          .*\n)+", "", text, count=1, flags=re.M)
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
    (project / "docs" / "mn").mkdir(exist_ok=True)
    (project / "docs" / "mn" / "index.md").write_text(f"---\ntitle: {MONGOL}\n---\n\n# {MONGOL}\n\n<!-- campaigns:home -->\n",
                                                     encoding="utf-8")


def _add_french(project: Path) -> None:
    config_path = project / "mkdocs.yml"
    text = config_path.read_text(encoding="utf-8")
    text = text.replace("      language_options:\n", "      language_options:\n" + FR_OPTIONS, 1)
    text = text.replace("    region_en: Inner Mongolia Autonomous Region\n",
                        "    region_en: Inner Mongolia Autonomous Region\n" + FR_GOVERNMENT, 1)
    config_path.write_text(text, encoding="utf-8")
    for path, content in FR_CONTENT.items():
        (project / "campaigns" / path).write_text(content, encoding="utf-8")


def _project(folder: Path) -> Path:
    project = copy_project(folder, with_content=False)
    for campaign in ("2024-environment-day", FORUM):
        shutil.copytree(ROOT / "campaigns" / campaign, project / "campaigns" / campaign)
    (project / "campaigns" / "observances.yml").write_text(OBSERVANCES, encoding="utf-8")
    config_path = project / "mkdocs.yml"
    text = config_path.read_text(encoding="utf-8")
    assert "      languages: [zh, en, mn]\n" in text
    config_path.write_text(text.replace("      languages: [zh, en, mn]\n", "      languages: [zh, en, mn, fr]\n", 1),
                           encoding="utf-8")
    _add_mongolian(project)
    _add_french(project)
    event = project / "campaigns" / FORUM / "events" / f"{HOHHOT}.zh.md"  # over: it asks for its poster
    event.write_text(event.read_text(encoding="utf-8").replace("---\n", "---\nposter: true\n", 1), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def languages_site(tmp_path_factory) -> tuple[Path, Path]:
    """(project, built site) with Mongolian and French besides Chinese and English."""
    folder = tmp_path_factory.mktemp("languages")
    project = _project(folder / "p")
    out = folder / "site"
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr
    return project, out


def test_a_third_language_builds_from_configuration_alone(languages_site):
    _project_dir, out = languages_site
    # every page of the source language has a Mongolian page: translated, or the fallback
    zh_pages = [p for p in html_files(out) if p.name == "index.html" and p.relative_to(out).parts[0] not in ("en", "mn", "fr")]
    for page in zh_pages:
        twin = out / "mn" / page.relative_to(out)
        assert twin.is_file(), twin
    page = parse(out / "mn" / "campaigns" / "2024-environment-day" / "index.html")
    assert page.get("lang") == "mn-Mong"
    assert page.xpath("//h1")[0].text_content() == f"{MONGOL} 2024"
    assert page.xpath("//*[@class='cs-writing']/@data-writing-mode") == ["vertical-lr"]
    assert "[mn] Dates" in page.xpath("string(//dl[@class='cs-facts'])")
    assert page.xpath("//title")[0].text_content().endswith(f"{MONGOL} site")
    # the switch offers every language, each leading to a page in that language
    switch = {a.get("hreflang"): a.get("href") for a in page.xpath("//*[contains(@class,'cs-language-switch')]//a")}
    assert set(switch) == {"zh-CN", "en", "mn-Mong", "fr"}
    fallback = parse(out / "mn" / "news" / "two-lectures-two-talks-columns" / "index.html")
    assert "[mn] This page is not available in" in fallback.xpath("string(//*[@class='cs-fallback'])")
    home = parse(page_of(out, "/mn/"))
    assert home.xpath("//*[contains(@class,'cs-home')]//a")  # the generated block, in Mongolian pages
    assert (out / "mn" / "search" / "search_index.json").is_file()
    assert 'hreflang="mn-Mong"' in (out / "sitemap.xml").read_text(encoding="utf-8")
    # the site's catalogue reaches calendars and feeds too, not only item pages
    agenda = parse(out / "mn" / "calendar" / "index.html")
    assert agenda.xpath("//h1")[0].text_content() == "[mn] Calendar"
    ics = Calendar.from_ical((out / "mn" / "calendar" / "events.ics").read_bytes())
    assert str(ics["X-WR-CALNAME"]) == f"{MONGOL} site · [mn] Events"


# --- French: CLDR's data and nothing else ------------------------------------------------

def _content_strings(project: Path) -> set:
    """Every text of the front matter of Chinese content and of theme days: what may be
    shown in Chinese where it has no French version."""
    found = set()

    def walk(value):
        if isinstance(value, str):
            found.update(CJK.findall(value))
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for path in (project / "campaigns").rglob("*.zh.md"):
        walk(yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1]))
    walk(yaml.safe_load((project / "campaigns" / "observances.yml").read_text(encoding="utf-8")))
    return found


def _chinese_outside_content(text: str, content: set) -> list:
    return [run for run in CJK.findall(text) if not any(run in c for c in content)]


def test_french_pages_write_dates_in_french_and_fall_back_to_english(languages_site):
    project, out = languages_site
    content = _content_strings(project)
    month = parse(out / "fr" / "calendar" / "2024-06" / "index.html")
    assert month.get("lang") == "fr"
    assert month.xpath("//h1")[0].text_content().startswith("juin 2024")
    headers = [th.text_content() for th in month.xpath("//table//thead//th")]
    assert headers[0].lower().startswith("lun")  # French weeks start on Monday, in French
    assert month.xpath("//title")[0].text_content().endswith(FR_SITE)
    agenda = parse(out / "fr" / "calendar" / "index.html")
    assert agenda.xpath("//h1")[0].text_content() == "Calendar"  # no French catalogue: English
    assert "juin" in agenda.xpath("string(//article)")
    subscribe = parse(out / "fr" / "calendar" / "subscribe" / "index.html")
    assert "Subscribe to the calendar" in subscribe.xpath("string(//h1)")
    event = parse(out / "fr" / "events" / HOHHOT / "index.html")
    assert event.xpath("//h1")[0].text_content() == "Forum de Hohhot sur la civilisation écologique"
    facts = event.xpath("string(//dl[@class='cs-facts'])")
    assert "18 juin 2024" in facts
    # a translation whose source version is not recorded says so, naming Chinese in French
    notice = event.xpath("string(//*[contains(@class,'cs-translation-notice')])")
    assert "chinois" in notice and "original" in notice
    campaign = parse(out / "fr" / "campaigns" / FORUM / "index.html")
    assert "Ministère de l'Écologie et de l'Environnement, Comité du Parti de la région, Gouvernement de la région" \
        in campaign.xpath("string(//dl[@class='cs-facts'])")
    for page in (month, agenda, subscribe, event, campaign):
        for shown in page.xpath("//article//text()"):
            assert _chinese_outside_content(shown, content) == [], page.xpath("string(//h1)")


def test_french_feeds_and_calendars_are_named_in_french(languages_site):
    project, out = languages_site
    content = _content_strings(project)
    atom = feedparser.parse((out / "fr" / "feeds" / "events.xml").read_bytes())
    assert atom.feed.language == "fr"
    assert atom.feed.title == f"Event announcements · {FR_SITE}"
    assert [e.title for e in atom.entries] == ["Forum de Hohhot sur la civilisation écologique"]
    assert atom.entries[0].summary.startswith("18 juin 2024 · Hohhot")
    assert atom.feed.author == "Département de l'écologie et de l'environnement de Mongolie-Intérieure"
    feed = json.loads((out / "fr" / "feeds" / "events.json").read_text(encoding="utf-8"))
    assert feed["language"] == "fr" and feed["title"] == f"Event announcements · {FR_SITE}"
    events = Calendar.from_ical((out / "fr" / "calendar" / "events.ics").read_bytes())
    assert str(events["X-WR-CALNAME"]) == str(events["NAME"]) == f"{FR_SITE} · Events"
    forum = Calendar.from_ical((out / "fr" / "calendar" / "campaigns" / f"{FORUM}.ics").read_bytes())
    assert str(forum["X-WR-CALNAME"]) == f"Forum de Mongolie-Intérieure 2024 sur la civilisation écologique · {FR_SITE}"
    themes = Calendar.from_ical((out / "fr" / "calendar" / "theme-days.ics").read_bytes())
    assert str(themes["X-WR-CALNAME"]) == f"{FR_SITE} · Theme days"
    assert sorted(str(e["SUMMARY"]) for e in themes.walk("VEVENT")) == ["Journée mondiale de l'environnement", "植树节"]
    for cal in (events, forum, themes):
        for component in cal.walk("VEVENT"):
            for name in ("SUMMARY", "CATEGORIES", "LOCATION"):
                value = component.get(name)
                text = value.to_ical().decode() if hasattr(value, "to_ical") else str(value or "")
                assert _chinese_outside_content(text, content) == [], (name, text)


def test_french_share_cards_and_posters_draw_french(languages_site, monkeypatch):
    from build_tools.core.config import load_settings
    from build_tools.i18n.languages import language
    from build_tools.media import cards, posters
    from build_tools.pipeline import build

    project, out = languages_site
    monkeypatch.setenv("CAMPAIGN_SITE_MODE", "production")
    settings = load_settings(project / "mkdocs.yml")
    site = build(settings).site
    fr = language(settings, "fr")
    forum = site.campaigns[FORUM]
    hohhot = next(e for e in site.entries if e.slug == HOHHOT)
    card = cards.values(site, forum, fr)
    assert card == {"title": "Forum de Mongolie-Intérieure 2024 sur la civilisation écologique",
                    "when": "18 juin 2024 · Hohhot, Baotou", "context": "", "site": FR_SITE}
    assert cards.site_values(site, fr)["when"] == "Département de l'écologie et de l'environnement de Mongolie-Intérieure"
    poster = posters.values(site, hohhot, fr)
    assert poster["when"] == "18 juin 2024" and poster["site"] == FR_SITE
    assert poster["scan"] == "Scan the code for the event page"
    assert poster["organizer"] == "Ministère de l'Écologie et de l'Environnement"
    assert poster["where"] == "Hohhot"
    # labels drawn on the poster: English interface strings, with the French text's separator
    assert posters.drawn_labels(fr) == [": ", ["When", "Where", "Organiser", "Scan the code for the event page"]]
    assert posters.drawn_labels(language(settings, "zh"))[0] == "："
    # the published French card and poster are those drawn from these values
    page = parse(out / "fr" / "events" / HOHHOT / "index.html")
    assert page.xpath("//head/meta[@property='og:image']/@content")[0].endswith(f"assets/cards/fr/events/{HOHHOT}.jpg")
    assert page.xpath("//head/meta[@property='og:locale']/@content") == ["fr_FR"]
    fr_card = (out / "assets" / "cards" / "fr" / "events" / f"{HOHHOT}.jpg").read_bytes()
    assert fr_card != (out / "assets" / "cards" / "events" / f"{HOHHOT}.jpg").read_bytes()
    assert (out / "assets" / "posters" / "fr" / "events" / f"{HOHHOT}.pdf").is_file()


def test_french_preview_notices_give_the_moment_in_french(languages_site, monkeypatch):
    from build_tools.core.config import load_settings
    from build_tools.content.publication import PREVIEW
    from build_tools.pipeline import build

    project, _out = languages_site
    result = build(load_settings(project / "mkdocs.yml"), mode=PREVIEW)
    page = next(o for o in result.outputs if o.path == f"fr/events/{PLANNED}.md").content.decode("utf-8")
    assert "Scheduled: published on 1 décembre 2024 09:00 (heure de la Chine)" in page
    banner = result.page_globals["banner"]
    assert '<strong lang="fr">Preview, not the public site.</strong>' in banner
    assert "24 novembre 2024" in banner


# --- one tag per language ----------------------------------------------------------------

@pytest.mark.parametrize("prefix, tag, og_locale", [("", "zh-CN", "zh_CN"), ("en/", "en", "en_GB")])
def test_html_lang_hreflang_json_ld_feeds_and_og_locale_agree(demo_site, prefix, tag, og_locale):
    page = parse(demo_site / prefix / "events" / "environment-day-2024" / "index.html")
    assert page.get("lang") == tag
    own = [link.get("hreflang") for link in page.xpath("//head/link[@hreflang]")
           if link.get("href") == f"https://example.org/{prefix}events/environment-day-2024/"
           and link.get("hreflang") != "x-default"]
    assert own == [tag]
    assert page.xpath("//head/meta[@property='og:locale']/@content") == [og_locale]
    data = json.loads(page.xpath("string(//script[@type='application/ld+json'])"))
    assert data["inLanguage"] == tag
    atom = feedparser.parse((demo_site / prefix / "feeds" / "events.xml").read_bytes())
    assert atom.feed.language == tag
    assert json.loads((demo_site / prefix / "feeds" / "events.json").read_text(encoding="utf-8"))["language"] == tag
    if not prefix:  # a page of no language of ours is in the source language, with the same tag
        missing = parse(demo_site / "404.html")
        assert missing.get("lang") == tag
        assert missing.xpath("//head/meta[@property='og:locale']/@content") == [og_locale]


@pytest.mark.parametrize("option, said", [("tag: zh CN", "tag must be a BCP 47 language tag"),
                                          ("locale: xx_Nowhere", "unknown locale"),
                                          ("note_pattern: '{2}'", "note_pattern must hold {0} and {1}"),
                                          ("dates: lunar", "dates must be one of cldr, mongolian")])
def test_a_bad_language_option_is_named_without_a_traceback(tmp_path, option, said):
    import subprocess
    import sys

    project = copy_project(tmp_path / "p", with_content=False)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("          tag: zh-CN\n", f"          {option}\n", 1), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "build_tools.cli", "check"], cwd=project, capture_output=True, text=True)
    assert run.returncode == 2
    assert "plugins.campaigns.language_options: language zh: " + said in run.stderr
    assert "Traceback" not in run.stderr
