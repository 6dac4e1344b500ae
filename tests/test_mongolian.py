"""Traditional Mongolian as a language of the site: our own date writer (CLDR has no data for
mn_Mong), its catalogue with review states, and its search words."""
import json
import re
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings, strategies as st

from build_tools.adapter.search_index import IndexedPage, build_index
from build_tools.cli.main import main as campaign
from build_tools.core.config import load_settings
from build_tools.i18n.catalogues import read_catalogue, unreviewed
from build_tools.i18n.languages import language
from build_tools.i18n.mongolian import MONGOLIAN_DIGITS, MONTHS, MVS, NNBSP, WEEKDAYS, MongolianDates, digits
from conftest import ROOT

SHANGHAI = ZoneInfo("Asia/Shanghai")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
MONGOLIAN = re.compile(r"^[\u1800-\u18af\u202f ]+$")  # Mongolian letters, MVS, NNBSP, spaces
DAYS = st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31))


@pytest.fixture(scope="module")
def mn():
    return language(load_settings(ROOT / "mkdocs.yml"), "mn")


def test_month_names_are_ordinals_of_sar_a_spelt_with_mvs():
    assert MONTHS[5] == "ᠵᠢᠷᠭᠤᠳᠤᠭᠠᠷ ᠰᠠᠷ\u180eᠠ"  # the sixth month
    assert MONTHS[10] == "ᠠᠷᠪᠠᠨ ᠨᠢᠭᠡᠳᠦᠭᠡᠷ ᠰᠠᠷ\u180eᠠ"  # the eleventh: "ten" and "first"
    assert len(set(MONTHS)) == 12
    for name in MONTHS:
        assert MONGOLIAN.match(name) and name.endswith(f"ᠰᠠᠷ{MVS}ᠠ"), name
        # ordinals take -duγar after back vowels, -düger after front ones
        ordinal = name.split()[-2]
        assert ordinal.endswith(("ᠳᠤᠭᠠᠷ", "ᠳᠦᠭᠡᠷ")), ordinal
        assert ("ᠳᠦᠭᠡᠷ" in ordinal) == any(c in ordinal for c in "ᠡᠥᠦ"), ordinal
    assert WEEKDAYS[0] == f"ᠭᠠᠷᠠᠭ{NNBSP}ᠤᠨ ᠨᠢᠭᠡᠨ" and WEEKDAYS[6] == f"ᠭᠠᠷᠠᠭ{NNBSP}ᠤᠨ ᠡᠳᠦᠷ"


def test_a_day_a_month_and_ranges(mn):
    assert mn.format_day(date(2024, 6, 5)) == f"2024 ᠣᠨ{NNBSP}ᠤ ᠵᠢᠷᠭᠤᠳᠤᠭᠠᠷ ᠰᠠᠷ{MVS}ᠠ{NNBSP}ᠶᠢᠨ 5"
    assert mn.month_title(2024, 6) == f"2024 ᠣᠨ{NNBSP}ᠤ ᠵᠢᠷᠭᠤᠳᠤᠭᠠᠷ ᠰᠠᠷ{MVS}ᠠ"
    august = f"2024 ᠣᠨ{NNBSP}ᠤ ᠨᠠᠢᠮᠠᠳᠤᠭᠠᠷ ᠰᠠᠷ{MVS}ᠠ{NNBSP}ᠶᠢᠨ"
    assert mn.format_range(date(2024, 8, 10), date(2024, 8, 12)) == f"{august} 10–12"
    assert mn.format_range(date(2024, 7, 31), date(2024, 8, 2)) == \
        f"2024 ᠣᠨ{NNBSP}ᠤ ᠳᠣᠯᠤᠳᠤᠭᠠᠷ ᠰᠠᠷ{MVS}ᠠ{NNBSP}ᠶᠢᠨ 31 – ᠨᠠᠢᠮᠠᠳᠤᠭᠠᠷ ᠰᠠᠷ{MVS}ᠠ{NNBSP}ᠶᠢᠨ 2"
    assert mn.format_range(date(2023, 12, 31), date(2024, 1, 2)).count("ᠣᠨ") == 2  # both years
    # a timed event: clock times in the site's zone, with the zone named in Mongolian
    start = datetime(2024, 8, 10, 1, 30, tzinfo=timezone.utc)
    assert mn.format_range(start, start + timedelta(hours=2)) == f"{august} 10 09:30–11:30 (ᠪᠡᠭᠡᠵᠢᠩ{NNBSP}ᠦᠨ ᠴᠠᠭ)"
    overnight = mn.format_range(start + timedelta(hours=12), start + timedelta(hours=18))
    assert overnight == f"{august} 10 21:30 – ᠨᠠᠢᠮᠠᠳᠤᠭᠠᠷ ᠰᠠᠷ{MVS}ᠠ{NNBSP}ᠶᠢᠨ 11 03:30 (ᠪᠡᠭᠡᠵᠢᠩ{NNBSP}ᠦᠨ ᠴᠠᠭ)"
    assert mn.format_moment(start) == f"{august} 10 09:30 (ᠪᠡᠭᠡᠵᠢᠩ{NNBSP}ᠦᠨ ᠴᠠᠭ)"
    assert mn.month_day(3, 12) == f"ᠭᠤᠷᠪᠠᠳᠤᠭᠠᠷ ᠰᠠᠷ{MVS}ᠠ{NNBSP}ᠶᠢᠨ 12"
    # weeks start on Monday, the short names are the numbers
    assert mn.first_week_day == 0
    assert mn.weekday_headers([6, 0])[1] == ("ᠨᠢᠭᠡᠨ", f"ᠭᠠᠷᠠᠭ{NNBSP}ᠤᠨ ᠨᠢᠭᠡᠨ")


def test_lists_language_names_and_zones_never_fall_back_to_cyrillic(mn):
    settings = load_settings(ROOT / "mkdocs.yml")
    assert mn.join(["ᠬᠥᠬᠡᠬᠣᠲᠠ", "ᠪᠤᠭᠤᠲᠤ"]) == "ᠬᠥᠬᠡᠬᠣᠲᠠ᠂ ᠪᠤᠭᠤᠲᠤ"
    assert mn.label("ᠴᠠᠭ", "1") == "ᠴᠠᠭ᠄ 1"
    assert mn.name_of(language(settings, "zh")) == "ᠬᠢᠲᠠᠳ ᠬᠡᠯᠡ"
    assert mn.name_of(language(settings, "en")) == "ᠠᠩᠭᠯᠢ ᠬᠡᠯᠡ"
    # a zone and a language we have no Mongolian name for: their code, never CLDR's Cyrillic
    assert mn.zone_name(ZoneInfo("Europe/Paris")) == "Europe/Paris"
    assert not CYRILLIC.search(mn.name_of(mn)) and not CYRILLIC.search(mn.zone_name())
    # Chinese and English still write dates with CLDR
    assert language(settings, "zh").format_day(date(2024, 6, 5)) == "2024年6月5日"
    assert language(settings, "en").month_title(2024, 6) == "June 2024"


@settings(max_examples=60, deadline=None)
@given(first=DAYS, length=st.integers(min_value=0, max_value=800))
def test_every_range_is_mongolian_script_and_western_digits_and_says_both_ends(first, length):
    writer = MongolianDates()
    last = first + timedelta(days=length)
    text = writer.days(first, last)
    assert not CYRILLIC.search(text) and not re.search(r"[A-Za-z]", text)
    assert re.sub(r"[0-9–\s]", "", text) and MONGOLIAN.match(re.sub(r"[0-9–]", " ", text))
    numbers = [int(n) for n in re.findall(r"[0-9]+", text)]
    assert numbers[0] == first.year and numbers[-1] == last.day
    assert str(first.year) in text and str(last.year) in text
    assert MONTHS[first.month - 1] in text and MONTHS[last.month - 1] in text
    assert (text == writer.day(first)) == (first == last)


@settings(max_examples=40, deadline=None)
@given(day=DAYS, minutes=st.integers(min_value=0, max_value=60 * 24 * 3))
def test_timed_ranges_give_each_clock_time_in_the_zone(day, minutes):
    writer = MongolianDates()
    start = datetime(day.year, day.month, day.day, 8, 0, tzinfo=SHANGHAI)
    end = start + timedelta(minutes=minutes)
    text = writer.format_range(start, end, SHANGHAI)
    assert text.startswith(writer.day(day))
    times = re.findall(r"[0-9]{2}:[0-9]{2}", text)
    assert times == ["08:00", f"{end.hour:02d}:{end.minute:02d}"]
    if end.date() != day:  # the end's own day before its time
        assert f"{end.day} {times[1]}" in text and MONTHS[end.month - 1] in text


def test_mongolian_digits_are_an_option():
    assert digits("2024", MONGOLIAN_DIGITS) == "᠒᠐᠒᠔"
    assert MongolianDates(MONGOLIAN_DIGITS).day(date(2024, 6, 5)).startswith("᠒᠐᠒᠔ ᠣᠨ")


def test_every_catalogue_string_is_mongolian_and_waits_for_review(mn):
    catalog = read_catalogue("mn")
    pending = {msgid for _po, msgid in unreviewed("mn")}
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            assert text and not CYRILLIC.search(text), message.id
            assert re.search(r"[\u1820-\u1878]", text) or message.id in ("Android",), (message.id, text)
        first = message.id[0] if isinstance(message.id, tuple) else message.id
        assert first in pending, first  # written here, so no native reader has reviewed it
    assert mn.gettext("Calendar") == "ᠬᠤᠸᠠᠩᠯᠢ"


def test_a_reviewed_site_string_leaves_the_list_and_translations_lists_the_rest(tmp_path, capsys, monkeypatch):
    site_po = tmp_path / "mn.po"
    site_po.write_text('msgid "Calendar"\nmsgstr "ᠬᠤᠸᠠᠩᠯᠢ"\n\n# review: unreviewed\nmsgid "Events"\n'
                       'msgstr "ᠦᠢᠯᠡ"\n', encoding="utf-8")
    listed = unreviewed("mn", str(site_po))
    assert ("build_tools/i18n/locale/mn/LC_MESSAGES/messages.po", "Calendar") not in listed
    assert (str(site_po), "Events") in listed
    assert ("build_tools/i18n/locale/mn/LC_MESSAGES/messages.po", "Where") in listed
    monkeypatch.chdir(ROOT)
    assert campaign(["translations", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "interface strings: not reviewed by a native reader" in out
    assert "not reviewed by a native reader: Subscribe to the calendar" in out
    assert campaign(["translations", "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert {"lang": "mn", "kind": "interface", "state": "unreviewed", "msgid": "When",
            "catalogue": "build_tools/i18n/locale/mn/LC_MESSAGES/messages.po"} in shown


def _words(index: bytes, separator: str) -> list[list[str]]:
    """The words of each document as Material's search worker splits them (lunr's tokenizer
    with the index's separator; JavaScript's \\s has U+202F too, as Python's does)."""
    data = json.loads(index)
    assert data["config"]["separator"] == separator
    return [[w for w in re.split(separator, doc["text"]) if w] for doc in data["docs"]]


def test_search_finds_a_stem_whatever_suffix_follows_and_keeps_mvs_inside_words(mn):
    config = mn.search_config()
    text = f"ᠮᠣᠩᠭᠣᠯ{NNBSP}ᠤᠨ ᠰᠠᠷ{MVS}ᠠ᠂ ᠬᠤᠸᠠᠩᠯᠢ᠃"
    page = IndexedPage(url="x/", title="ᠬᠤᠸᠠᠩᠯᠢ", html=f"<h1 id='t'>ᠬᠤᠸᠠᠩᠯᠢ</h1><p>{text}</p>")
    index = build_index(config, [page])
    [words] = _words(index, config["separator"])
    assert words == ["ᠮᠣᠩᠭᠣᠯ", "ᠤᠨ", f"ᠰᠠᠷ{MVS}ᠠ", "ᠬᠤᠸᠠᠩᠯᠢ"]
    # the query goes through the same separator: typed with NNBSP or a space, it finds the stem
    for query in (f"ᠮᠣᠩᠭᠣᠯ{NNBSP}ᠤᠨ", "ᠮᠣᠩᠭᠣᠯ ᠤᠨ"):
        assert [w for w in re.split(config["separator"], query) if w] == ["ᠮᠣᠩᠭᠣᠯ", "ᠤᠨ"]
    # the text shown in results keeps NNBSP and MVS as written (they decide the letters' shapes)
    assert text in json.loads(index)["docs"][0]["text"]
