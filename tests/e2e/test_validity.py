"""The built files: valid HTML (Nu HTML Checker), links and anchors that resolve, and the
local server that the browser tests and the page-weight figures rely on."""
import gzip
import urllib.request
from pathlib import Path

import pytest

from site_checks import links, vnu
from site_checks.pages import PAGE_TYPES
from site_checks.server import compressed_size, resolve, serve


@pytest.mark.node
@pytest.mark.java
def test_nu_html_checker_finds_no_error_in_any_page_type(check_site: Path, tmp_path):
    """Every page type here; scripts/report checks every page of the site."""
    bad = tmp_path / "bad.html"  # proves the checker runs and its report is read
    bad.write_text("<!doctype html><html lang=zh><title>x</title><p><div></span>", encoding="utf-8")
    pages = [resolve(check_site, path) for path in PAGE_TYPES.values()]
    assert None not in pages
    errors = vnu.check_html([*pages, bad])
    assert [e for e in errors if not e["file"].endswith("/bad.html")] == []
    assert any(e["file"].endswith("/bad.html") for e in errors)


def test_every_internal_link_and_anchor_resolves(check_site: Path):
    assert [str(b) for b in links.check_site(check_site, site_url="https://example.org/")] == []


def test_link_check_reports_missing_pages_files_and_anchors(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "search").mkdir()
    (site / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#there">ok</a><a href="a/#nowhere">bad anchor</a>'
        '<a href="b/">bad page</a><img src="x.png" alt=""><a href="https://other.example/">other site</a>'
        '<a href="#top">top</a>', encoding="utf-8")
    (site / "a" / "index.html").write_text('<h2 id="there">x</h2><a href="../#missing">bad</a>', encoding="utf-8")
    (site / "search" / "search_index.json").write_text('{"docs": [{"location": "a/#gone"}, {"location": ""}]}')
    found = [str(b) for b in links.check_site(site)]
    assert found == [
        "/a/: ../#missing: no element with id “missing”",
        "/: a/#nowhere: no element with id “nowhere”",
        "/: b/: no such page or file",
        "/: x.png: no such page or file",
        "search/search_index.json: a/#gone: no element with id “gone”",
    ]


def test_server_compresses_text_as_a_production_server_would(check_site: Path):
    with serve(check_site) as base:
        request = urllib.request.Request(base + "/events/", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            body = response.read()
            assert response.headers["Content-Encoding"] == "gzip"
            assert int(response.headers["Content-Length"]) == len(body) == compressed_size(check_site / "events" / "index.html")
        assert gzip.decompress(body) == (check_site / "events" / "index.html").read_bytes()
        [image] = list((check_site / "media").rglob("*.jpg"))[:1]
        url = base + "/" + image.relative_to(check_site).as_posix()
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})) as response:
            assert response.headers["Content-Encoding"] is None and response.read() == image.read_bytes()
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(base + "/no/such/page/")
        assert missing.value.code == 404
