"""What the site publishes for machines: Atom and JSON feeds, schema.org data (JSON-LD), robots.txt.

May import: core, safety, content, i18n, model, media.
"""
