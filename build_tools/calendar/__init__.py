"""Calendars: month and agenda pages, the subscribe page, a campaign's calendar section, and
the iCalendar feeds.

May import: core, safety, content, i18n, model, media, publish, render.
"""
