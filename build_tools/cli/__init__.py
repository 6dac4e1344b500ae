"""`campaign`, the editors' and CI's command line: check, new, translate, translations, build,
schema, export.

May import any room but the adapter; never MkDocs (a build runs MkDocs in a child process).
"""
