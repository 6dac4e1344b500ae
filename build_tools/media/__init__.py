"""Images: safe decoding, responsive pictures, the image cache, share cards, posters, their
layouts and fonts, and the images stage that makes them all before pages are rendered.

May import: core, safety, content, i18n, model.
"""
