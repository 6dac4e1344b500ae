"""The image stage's cost, cold and warm: builds a copy of the project twice with an empty
cache and prints the `images` timing of each build.

    .venv/bin/python -m benchmarks.images            # the demo content
    .venv/bin/python -m benchmarks.images --items 200 # plus synthetic items
"""
from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from pathlib import Path

from build_tools.core.config import load_settings
from build_tools.pipeline import build

from .synthetic import write_items

ROOT = Path(__file__).resolve().parent.parent


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=0, help="synthetic items to add to the demo content")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "project"
        project.mkdir()
        os.environ["CAMPAIGN_CACHE_DIR"] = str(Path(folder) / "cache")  # empty: the first build is cold
        for name in ("mkdocs.yml", "assets", "campaigns", "docs"):
            source = ROOT / name
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / name)
        if args.items:
            write_items(project / "campaigns", args.items)
        settings = load_settings(project / "mkdocs.yml")
        runs = []
        for label in ("first build (empty cache)", "second build (nothing changed)"):
            result = build(settings)
            media = result.site.media
            runs.append(result.timings["images"])
            print(f"{label}: images {result.timings['images']:.2f} s, "
                  f"{len(media.pictures)} images, {len(media.cards)} cards, {len(media.posters)} posters, "
                  f"cache {media.cache_stats}")
        print(f"second / first: {runs[1] / runs[0]:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
