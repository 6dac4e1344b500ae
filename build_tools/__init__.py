"""Build tools for the campaign site: content → validated model → site outputs.

The core modules never import MkDocs; `build_tools.mkdocs_plugin` is the only adapter.
"""
