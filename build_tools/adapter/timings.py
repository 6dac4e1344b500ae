"""Where a build's time goes, for the benchmark.

Measured only; nothing depends on the values. The MkDocs adapter marks the moments
between MkDocs' phases and writes the report to the file named by CAMPAIGN_TIMINGS.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

ENV = "CAMPAIGN_TIMINGS"


class Marks:
    """Named moments of one build (a performance counter, not the build's clock)."""

    def __init__(self):
        self.at: dict[str, float] = {}
        self.pages_rendered = 0

    def mark(self, name: str) -> None:
        self.at[name] = time.perf_counter()

    def span(self, start: str, end: str) -> float:
        if start in self.at and end in self.at:
            return max(0.0, self.at[end] - self.at[start])
        return 0.0


def report(marks: Marks, pipeline: dict) -> dict:
    """Seconds per stage: ours (the pipeline's stages and the adapter) and MkDocs' phases."""
    ours = dict(pipeline)
    ours["adapter"] = max(0.0, marks.span("files", "files_done") - sum(pipeline.values()))
    return {
        "ours": ours,
        "mkdocs": {
            "setup": marks.span("config", "files") + marks.span("files_done", "nav"),
            "markdown": marks.span("nav", "env"),  # reading and converting pages
            "pages": marks.span("env", "post_build"),  # templates, search index, static files
        },
        "pages_rendered": marks.pages_rendered,
    }


def write(path: str, data: dict) -> None:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
