"""Pages from the site model: the template environment, what a template may ask about its page,
item, index and home pages, fallback pages and notices.

May import: core, safety, content, i18n, model, media, publish. Parts of item pages that
later rooms make (a campaign's calendar) are handed in by the pipeline, never imported.
"""
