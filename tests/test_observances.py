"""Theme days: the demo's list from the source documents, and the days each one falls on."""
from datetime import date
from pathlib import Path

from build_tools.core.config import load_settings
from build_tools.content.theme_days import load_observances
from build_tools.pipeline import build
from conftest import ROOT, copy_project


def test_demo_theme_days_are_the_days_the_source_documents_name():
    settings = load_settings(ROOT / "mkdocs.yml")
    campaigns = {p.name for p in settings.content_dir.iterdir() if p.is_dir()}
    found, problems = load_observances(settings, campaigns)
    assert problems == []
    days = {o.name["zh"]: (o.date or [d.isoformat() for d in o.dates]) for o in found}
    assert days == {
        "“3·5”学雷锋日": "03-05", "植树节": "03-12", "国际生物多样性日": "05-22", "六五环境日": "06-05",
        "世界海洋日": "06-08", "世界防治荒漠化与干旱日": "06-17", "全国生态日": "08-15",
        "国际保护臭氧层日": "09-16", "全国低碳日": ["2023-07-12", "2024-05-15"], "国际志愿者日": "12-05",
    }
    assert all(set(o.name) == {"zh", "en"} for o in found)
    by_slug = {o.slug: o for o in found}
    assert by_slug["national-ecology-day"].campaign == "2024-national-ecology-day"
    ecology, low_carbon = by_slug["national-ecology-day"], by_slug["national-low-carbon-day"]
    assert ecology.on(date(2031, 8, 15)) and not ecology.on(date(2031, 8, 16))
    assert ecology.days_between(date(2023, 8, 16), date(2025, 8, 15)) == [date(2024, 8, 15), date(2025, 8, 15)]
    assert low_carbon.on(date(2024, 5, 15)) and not low_carbon.on(date(2025, 5, 15))
    assert low_carbon.days_between(date(2024, 1, 1), date(2024, 12, 31)) == [date(2024, 5, 15)]
    assert low_carbon.title("en") == "National Low-Carbon Day"


def test_a_mistake_in_observances_fails_the_build_and_keeps_the_other_theme_days(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    path = project / "campaigns" / "observances.yml"
    path.write_text(path.read_text(encoding="utf-8").replace('date: "03-12"', "date: 3-12"), encoding="utf-8")
    result = build(load_settings(project / "mkdocs.yml"))
    assert [p.human() for p in result.errors] == [
        'campaigns/observances.yml:14: date: 每年固定的日子写成带引号的 "MM-DD"（例如 "06-05"），这里写的是 "3-12"；'
        "日期逐年不同（或是 2 月 29 日）时，改用 dates 逐年列出"]
    assert len(result.site.observances) == 9


def test_check_warns_when_a_moving_theme_day_has_no_date_this_year_or_next(tmp_path: Path, monkeypatch):
    from build_tools.pipeline import check

    project = copy_project(tmp_path / "p")
    settings = load_settings(project / "mkdocs.yml")
    path = project / "campaigns" / "observances.yml"

    def warnings(epoch: str) -> list[str]:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        return [p.human() for p in check(settings) if p.code == "observance_year_missing"]

    # 2024-06-01 (Beijing time): this year's date is there, next year's is not
    assert warnings("1717171200") == [
        "campaigns/observances.yml:51: dates: 提示: 主题日“全国低碳日”每年日期不同，但没有写 2025 年的日期，日历上不会出现它。"
        "日期公布后，在 dates 下加一行 - 年-月-日（如 - 2025-05-15）"]
    assert [p.human("en") for p in check(settings) if p.code == "observance_year_missing"] == [
        "campaigns/observances.yml:51: dates: note: the theme day “全国低碳日” moves every year but has no date for 2025, "
        "so calendars will not show it. Once the date is announced, add a line - year-month-day under dates (e.g. - 2025-05-15)"]
    # 2026-11-18: neither year has one
    assert "2026 / 2027" in warnings("1795000000")[0]
    path.write_text(path.read_text(encoding="utf-8").replace("2024-05-15]", "2024-05-15, 2025-06-16]"), encoding="utf-8")
    assert warnings("1717171200") == []
    # a notice: the build says it too, and not even a strict build stops on it
    path.write_text(path.read_text(encoding="utf-8").replace(", 2025-06-16]", "]"), encoding="utf-8")
    built = build(settings, stop_on_errors=True, strict=True)
    assert built.site is not None and built.errors == []
    assert [p.human() for p in built.problems if p.code == "observance_year_missing"] == warnings("1717171200")
