"""What our preview server leaves out of MkDocs' log: warnings that say nothing to an editor.

`scripts/build serve` runs `mkdocs serve --dirty` on purpose (see dirty_cache.py); MkDocs
warns on every --dirty build that links may be inaccurate, which for our pages they are not.
"""
from __future__ import annotations

import logging

DIRTY_WARNING = "A 'dirty' build is being performed"
_LOGGER = "mkdocs.commands.build"


class _Quiet(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(DIRTY_WARNING)


_FILTER = _Quiet()


def quieten() -> None:
    """Drop the --dirty warning (once: MkDocs may start a plugin more than once)."""
    logger = logging.getLogger(_LOGGER)
    if _FILTER not in logger.filters:
        logger.addFilter(_FILTER)
