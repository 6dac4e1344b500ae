"""`python -m build_tools.cli`: the same as the `campaign` command."""
from .main import main

raise SystemExit(main())
