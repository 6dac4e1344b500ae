"""Languages: the Language object, gettext catalogues, dates as each language writes them,
hand-written pages per language, and translation status.

May import: core, safety, content.
"""
