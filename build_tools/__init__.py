"""Build tools for the campaign site: content → validated model → site outputs.

One room (sub-package) per concern; data flows one way through them, and a room imports
only the rooms before it in this order (tests/test_room_imports.py checks it):

    core → safety → content → i18n → model → media → publish → render → calendar
         → pipeline.py (load → validate → derive → images → render) → adapter, cli

Only `adapter/` imports MkDocs or Material. Each room's `__init__.py` says what it holds.
"""
