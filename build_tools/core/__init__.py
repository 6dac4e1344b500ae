"""The ground floor: settings and how they are read, the build's one clock, problems and their
message catalogue, field documentation, and where every output lives (URLs and paths).

May import: nothing else of build_tools.
"""
