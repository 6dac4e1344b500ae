"""The demo's machine-readable outputs checked by independent validators, all offline:
Atom against RFC 4287's RELAX NG schema with jing, the sitemap against the sitemaps.org 0.9
XSD, every .ics with icalendar and with Mozilla's ical.js under Node (theme days' yearly
rules expanded by recurring-ical-events and by ical.js alike)."""
import json
import shutil
import subprocess
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
import recurring_ical_events
from icalendar import Calendar
from lxml import etree

from conftest import ROOT

SCHEMAS = Path(__file__).parent / "schemas"
YEARS = (2023, 2027)


def ical_js(files: list[Path], years=YEARS) -> dict:
    """What ical.js reads in these files (tests/ics_read.mjs)."""
    result = subprocess.run(["node", str(Path(__file__).parent / "ics_read.mjs"), str(years[0]), str(years[1]),
                             *map(str, files)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _moment(value) -> str:
    """A start or end as ical.js prints it: a date, or the UTC moment in ISO form with milliseconds."""
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return value.isoformat()


@pytest.mark.skipif(shutil.which("jing") is None, reason="jing is not installed (Debian package jing)")
def test_atom_feeds_are_valid_against_rfc_4287(demo_site: Path):
    feeds = sorted(demo_site.rglob("feeds/*.xml"))
    assert len(feeds) == 6  # news and events in Chinese, English and Mongolian
    result = subprocess.run(["jing", "-c", str(SCHEMAS / "atom.rnc"), *map(str, feeds)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout
    # the schema does reject a feed without its id
    broken = demo_site.parent / "broken.xml"
    text = feeds[0].read_text(encoding="utf-8")
    broken.write_text(text.replace(text[text.index("<id>"):text.index("</id>") + 5], "", 1), encoding="utf-8")
    assert subprocess.run(["jing", "-c", str(SCHEMAS / "atom.rnc"), str(broken)], capture_output=True).returncode == 1


def test_sitemap_is_valid_against_the_sitemaps_org_schema(demo_site: Path):
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "sitemap-hreflang.xsd")))
    sitemap = etree.parse(str(demo_site / "sitemap.xml"))
    assert schema.validate(sitemap), schema.error_log
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    lastmods = sitemap.xpath("//s:lastmod/text()", namespaces=ns)
    assert len(lastmods) == len(sitemap.xpath("//s:url", namespaces=ns)) > 80


def test_every_ics_reads_the_same_in_icalendar_and_ical_js(demo_site: Path):
    files = sorted(demo_site.rglob("*.ics"))
    assert len(files) > 20
    seen = ical_js(files)
    for path in files:
        calendar = Calendar.from_ical(path.read_bytes())
        ours = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
        theirs = {e["uid"]: e for e in seen[str(path)]}
        assert set(ours) == set(theirs), path
        for uid, event in ours.items():
            js = theirs[uid]
            assert js["summary"] == str(event["SUMMARY"]) and js["status"] == str(event["STATUS"]), uid
            assert js["start"] == _moment(event.decoded("DTSTART")), uid
            assert js["end"] == _moment(event.decoded("DTEND")), uid
            assert js["sequence"] == int(event["SEQUENCE"]), uid
        # recurrences: theme days every year, expanded by both
        expanded = recurring_ical_events.of(calendar).between(date(YEARS[0], 1, 1), date(YEARS[1] + 1, 1, 1))
        ours_days = sorted((str(e["UID"]), _moment(e.decoded("DTSTART"))) for e in expanded)
        theirs_days = sorted((e["uid"], day) for e in seen[str(path)]
                             for day in (e["occurrences"] or [e["start"]]) if YEARS[0] <= int(day[:4]) <= YEARS[1])
        assert ours_days == theirs_days, path
    themes = {e["uid"]: e for e in seen[str(demo_site / "calendar/theme-days.ics")]}
    assert "2027-06-05" in themes["theme-day-world-environment-day@example.org"]["occurrences"]
