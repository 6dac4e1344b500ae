"""The site in a real browser: Debian's Chromium driven by Playwright, the check site built
once and served on 127.0.0.1, one browser for the session.

Markers: `browser` needs Chromium and Playwright; `node` needs the npm tools (axe-core,
vnu-jar); `java` needs Java. `scripts/setup --test` installs them all, and a test whose
tool is missing fails, naming what to run: it never skips.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from site_checks import axe
from site_checks.browser import DESKTOP, PHONE, Guard, launch, new_context, visit
from site_checks.checksite import build_check_site
from site_checks.pages import PAGE_TYPES
from site_checks.server import serve
from site_checks.tools import ROOT, ToolMissing
from site_checks.weight import Weight, measure_page

ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}


def pytest_configure(config):
    for marker, what in (("browser", "drives Debian's Chromium through Playwright"),
                         ("node", "runs tools from node_modules (npm ci)"),
                         ("java", "runs the Nu HTML Checker on Java")):
        config.addinivalue_line("markers", f"{marker}: {what}; installed by scripts/setup --test")


@pytest.fixture(scope="session")
def check_site(tmp_path_factory) -> Path:
    return build_check_site(tmp_path_factory.mktemp("check-site"))


@pytest.fixture(scope="session")
def site_url(check_site):
    with serve(check_site) as base:
        yield base


@pytest.fixture(scope="session")
def guards() -> list[Guard]:
    """Every context's guard: each test asserts that none of them blocked a request."""
    return []


@pytest.fixture(autouse=True)
def no_request_leaves_localhost(request, guards):
    yield
    blocked = [url for g in guards for url in g.blocked]
    assert blocked == [], f"requests to another host: {blocked}"


@pytest.fixture(scope="session")
def browser():
    try:
        pw, chromium = launch()
    except ToolMissing as exc:
        pytest.fail(str(exc), pytrace=False)
    yield chromium
    chromium.close()
    pw.stop()


@pytest.fixture(scope="session")
def open_context(browser, site_url, guards):
    """A new browser context on the site whose requests are all checked (see Guard)."""
    contexts = []

    def factory(**options):
        guard = Guard()
        guards.append(guard)
        context = new_context(browser, site_url, guard=guard, **options)
        contexts.append(context)
        return context

    yield factory
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def desktop_page(open_context):
    return open_context(viewport=DESKTOP).new_page()


@dataclass
class Record:
    """What one visit of a page type at one width showed."""
    status: int = 0
    errors: list = field(default_factory=list)
    scroll_width: int = 0
    client_width: int = 0
    images_without_alt: list = field(default_factory=list)
    axe: list = field(default_factory=list)
    screenshot: Path | None = None
    weight: Weight | None = None


@pytest.fixture(scope="session")
def page_record(open_context, desktop_page):
    """record(page type, width): each page type is opened once per width, on demand, and
    every test reads the same record. On a phone each page type gets a fresh context, so that
    the visit also measures the first view's weight."""
    records: dict = {}

    def record(name: str, width: str) -> Record:
        key = (name, width)
        if key in records:
            return records[key]
        rec = Record()
        if width == "phone":
            page = open_context(viewport=PHONE).new_page()
            rec.weight, result = measure_page(page, PAGE_TYPES[name])
        else:  # the phone visit waited for the scripts' late requests; here the layout counts
            page = desktop_page
            result = visit(page, PAGE_TYPES[name], wait_until="load")
        rec.status = result.status
        rec.errors = result.console_errors + result.failed
        rec.scroll_width, rec.client_width = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        rec.images_without_alt = page.evaluate(
            "[...document.images].filter(i => !i.hasAttribute('alt') || "
            "(i.closest('article') && !i.alt.trim())).map(i => i.src)")
        rec.axe = axe.run_axe(page)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        viewport = VIEWPORTS[width]
        rec.screenshot = ARTIFACTS / f"{name}-{viewport['width']}x{viewport['height']}.png"
        page.screenshot(path=str(rec.screenshot), full_page=True)
        if width == "phone":
            page.context.close()
        records[key] = rec
        return rec

    return record
