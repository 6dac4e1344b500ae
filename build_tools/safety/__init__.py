"""What makes hostile content inert: normalised text, safe paths, URLs as browsers parse them,
JSON inside <script>, the raw-HTML policy and its per-line warnings, and the post-build scan
of the finished site.

May import: core.
"""
