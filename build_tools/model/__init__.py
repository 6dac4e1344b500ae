"""The derived site: entries with their publication state and order, which days events cover,
git history stamps, and the map of every page in every language.

May import: core, safety, content, i18n.
"""
