"""The page types every check covers: one entry per type, type → URL path in the check site.

A new page type is one line here; the tests, the page-weight table and the
Lighthouse run pick it up.
"""
PAGE_TYPES: dict[str, str] = {
    "home": "/",
    "campaign": "/campaigns/2024-ecological-literature-week/",
    "event": "/events/xilingol-writers-field-visit/",
    "story": "/stories/example-volunteer-profile/",
    "article": "/news/literature-week-xilingol-2024/",
    "campaign-index": "/campaigns/",
    "event-index": "/events/",
    "event-index-page-2": "/events/page/2/",
    "story-index": "/stories/",
    "article-index": "/news/",
    "calendar-month": "/calendar/2024-08/",
    "calendar-agenda": "/calendar/",
    "calendar-subscribe": "/calendar/subscribe/",
    "about": "/about/",
    "not-found": "/404.html",
    # English: the same kinds under /en/, and the page shown where a translation is missing.
    "en-home": "/en/",
    "en-campaign": "/en/campaigns/2024-ecological-literature-week/",
    "en-event": "/en/events/xilingol-writers-field-visit/",
    "en-story": "/en/stories/example-volunteer-profile/",
    "en-article": "/en/news/literature-week-xilingol-2024/",
    "en-event-index": "/en/events/",
    "en-calendar-month": "/en/calendar/2024-08/",
    "en-about": "/en/about/",
    "en-untranslated": "/en/news/two-lectures-two-talks-columns/",
    # Traditional Mongolian: written in vertical lines, in the font the site serves.
    "mn-home": "/mn/",
    "mn-campaign": "/mn/campaigns/2024-ecological-literature-week/",
    "mn-event": "/mn/events/xilingol-writers-field-visit/",
    "mn-story": "/mn/stories/example-volunteer-profile/",
    "mn-article": "/mn/news/children-wishes-music-album/",  # the demo's marked sample translation
    "mn-event-index": "/mn/events/",
    "mn-calendar-month": "/mn/calendar/2024-08/",
    "mn-calendar-agenda": "/mn/calendar/",
    "mn-calendar-subscribe": "/mn/calendar/subscribe/",
    "mn-about": "/mn/about/",
    "mn-untranslated": "/mn/news/literature-week-xilingol-2024/",
}

# Index pages: each has a second page in the check site (see checksite.add_items).
INDEX_PAGES: dict[str, str] = {
    "campaign": "/campaigns/",
    "event": "/events/",
    "story": "/stories/",
    "article": "/news/",
}
