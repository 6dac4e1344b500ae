"""The ground floor: settings and how they are read, the build's one clock, problems and their
message catalogue, field documentation, where every output lives (URLs and paths), and the
markers of generated blocks with the pages they belong in.

May import: nothing else of build_tools.
"""
