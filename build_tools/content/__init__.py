"""What editors write, read strictly: loading files, strict YAML, the typed models, validation,
links in bodies, theme days, publication state, checks of hand-written pages.

May import: core, safety.
"""
