"""Debian's Chromium driven by Playwright: one browser, contexts that may reach only the
site under test, and page visits that record console errors and every request."""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .checksite import reference_time
from .tools import CHROMIUM_ARGS, ToolMissing, chromium

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 800}
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.scheme in ("http", "https") and (parts.hostname or "") in LOCAL_HOSTS


def launch():
    """Start Playwright and Chromium; returns (playwright, browser). Fails loudly when missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # the test extra is not installed
        raise ToolMissing("Playwright for Python is missing: run scripts/setup --test") from exc
    executable = chromium()
    pw = sync_playwright().start()
    try:
        browser = pw.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS, headless=True)
    except Exception:
        pw.stop()
        raise
    return pw, browser


@dataclass
class Guard:
    """Lets requests to localhost through and aborts and records every other one."""
    requested: list = field(default_factory=list)
    blocked: list = field(default_factory=list)

    def __call__(self, route):
        url = route.request.url
        self.requested.append(url)
        if is_local(url):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort("blockedbyclient")


def new_context(browser, base_url: str, viewport=PHONE, javascript: bool = True, guard: Guard | None = None, **options):
    guard = guard if guard is not None else Guard()
    context = browser.new_context(base_url=base_url, viewport=viewport, java_script_enabled=javascript,
                                  locale="zh-CN", service_workers="block", **options)
    context.route("**/*", guard)
    context.guard = guard
    # The browser's clock starts at the check site's reference time and runs on: what a page
    # counts in the browser (the home page's countdown) then agrees with what the build wrote.
    # (A clock that stands still would stop the theme's scripts, which wait for time to pass.)
    context.clock.install(time=reference_time())
    context.clock.resume()
    return context


@dataclass
class Visit:
    url: str
    status: int
    console_errors: list
    failed: list  # requests that failed or answered >= 400


def visit(page, path: str, wait_until: str = "quiet") -> Visit:
    """Open a page and wait for its scripts' late requests (the search index, the search
    worker's scripts) to finish; what went wrong on the way is recorded.

    "quiet": the load event, then no request in flight for QUIET_MS; Playwright's own
    "networkidle" waits 500 ms, which over a few dozen pages is most of the run."""
    errors: list = []
    failed: list = []
    pending: set = set()
    started: set = set()  # a request of the previous page, cut off by this navigation, is not ours

    def on_request(request):
        pending.add(request)
        started.add(request)

    def on_failed(request):
        pending.discard(request)
        if request in started:
            failed.append(f"failed {request.url}: {request.failure}")

    handlers = {
        "console": lambda msg: msg.type == "error" and errors.append(f"console: {msg.text} {msg.location.get('url', '')}"),
        "pageerror": lambda exc: errors.append(f"page error: {exc}"),
        "response": lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"),
        "request": on_request,
        "requestfinished": lambda r: pending.discard(r),
        "requestfailed": on_failed,
    }
    for event, handler in handlers.items():
        page.on(event, handler)
    try:
        response = page.goto(path, wait_until="load" if wait_until == "quiet" else wait_until)
        if wait_until == "quiet":
            _wait_until_quiet(page, pending)
    finally:
        for event, handler in handlers.items():
            page.remove_listener(event, handler)
    return Visit(page.url, response.status if response else 0, errors, failed)


QUIET_MS = 150
QUIET_LIMIT_MS = 15_000


def _wait_until_quiet(page, pending: set) -> None:
    quiet, waited = 0, 0
    while quiet < QUIET_MS and waited < QUIET_LIMIT_MS:
        page.wait_for_timeout(25)  # lets Playwright deliver the request events
        waited += 25
        quiet = quiet + 25 if not pending else 0
