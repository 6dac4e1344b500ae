"""JSON-LD as a JSON-LD processor (pyld) reads it: Google's required and recommended fields
for Event on event pages and for NewsArticle / Article on news and stories."""
import json
from pathlib import Path

import pytest
from pyld import jsonld

from htmlsite import parse

SCHEMA = "http://schema.org/"
# schema.org's context, as far as these pages use it, so that nothing is fetched
LOCAL_CONTEXT = {"@context": {"@vocab": SCHEMA, "url": {"@type": "@id"}, "image": {"@type": "@id"},
                              "mainEntityOfPage": {"@type": "@id"}, "eventStatus": {"@type": "@id"},
                              "eventAttendanceMode": {"@type": "@id"}}}


def _loader(url, options=None):
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url  # nothing else is fetched
    return {"contextUrl": None, "documentUrl": url, "document": LOCAL_CONTEXT}


def _expanded(page: Path) -> list[dict]:
    found = []
    for script in parse(page).xpath('//script[@type="application/ld+json"]'):
        found += jsonld.expand(json.loads(script.text),
                               {"documentLoader": _loader})
    return found


def _values(node: dict, name: str) -> list:
    return node.get(SCHEMA + name, [])


def _one(node: dict, name: str):
    values = _values(node, name)
    assert len(values) == 1, (name, values)
    value = values[0]
    return value.get("@value", value.get("@id", value))


def _pages(site: Path, folder: str) -> list[Path]:
    pages = [p for p in site.glob(f"**/{folder}/*/index.html") if "page" not in p.parts]
    return [p for p in pages if 'name="robots" content="noindex' not in p.read_text(encoding="utf-8")]


def test_events_have_googles_required_and_recommended_fields(demo_site: Path):
    pages = _pages(demo_site, "events")
    assert len(pages) >= 10
    for page in pages:
        (event,) = [n for n in _expanded(page) if SCHEMA + "Event" in n.get("@type", [])]
        for name in ("name", "startDate", "endDate", "description", "eventStatus", "eventAttendanceMode"):
            _one(event, name)
        assert _one(event, "image").startswith("https://example.org/"), page  # a cover, else the share card
        (place,) = _values(event, "location")
        (address,) = _values(place, "address")
        assert _one(address, "addressCountry") == "CN"
        assert _one(address, "addressRegion")  # the site's region
        organizers = _values(event, "organizer")
        assert organizers, page
        for org in organizers:
            name = _one(org, "name")
            assert not any(sep in name for sep in "、;；"), name  # one organisation per object
            if name in ("内蒙古自治区生态环境厅", "Department of Ecology and Environment of Inner Mongolia Autonomous Region"):
                assert _one(org, "url") == "https://example.org/"


def test_an_event_with_two_organisers_names_each_and_a_region_is_no_venue(demo_site: Path):
    event = _expanded(demo_site / "events/ecological-civilization-thought-forum-hohhot/index.html")[0]
    assert [_one(o, "name") for o in _values(event, "organizer")] == ["生态环境部", "内蒙古自治区党委和政府"]
    for page in _pages(demo_site, "events"):
        for node in _expanded(page):
            for place in _values(node, "location"):
                # without a venue the place is an address: a region is not given as the place's name
                names = [v["@value"] for v in _values(place, "name")]
                address = _values(place, "address")[0]
                assert not set(names) & {_one(address, "addressRegion")}, page


@pytest.mark.parametrize("folder, kind", [("news", "NewsArticle"), ("stories", "Article")])
def test_news_and_stories_have_article_data(demo_site: Path, folder, kind):
    pages = _pages(demo_site, folder)
    assert len(pages) >= 5
    for page in pages:
        (article,) = [n for n in _expanded(page) if SCHEMA + kind in n.get("@type", [])]
        headline = _one(article, "headline")
        assert headline == "".join(parse(page).xpath("//h1")[0].itertext()).strip()
        assert _one(article, "datePublished") <= _one(article, "dateModified")
        assert _one(article, "image").startswith("https://example.org/")
        assert _one(article, "url") == _one(article, "mainEntityOfPage")
        (publisher,) = _values(article, "publisher")
        assert _one(publisher, "name") and _one(publisher, "url") == "https://example.org/"
        for author in _values(article, "author"):
            assert _one(author, "name")
