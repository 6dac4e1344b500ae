"""The MkDocs adapter and everything that knows MkDocs or Material: the plugin, per-language
navigation, repairs of the theme's output, search indexes, the dirty-build cache, timings.

May import any room and MkDocs; no other room imports it.
"""
