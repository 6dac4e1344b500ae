"""Checks of the built site as the public gets it: in a real browser (Chromium through
Playwright), with axe-core, Lighthouse and the Nu HTML Checker, served on localhost.

Used by the end-to-end tests (tests/e2e/) and by `scripts/report`.
Nothing here is needed to build the site.
"""
