"""Cards and posters drawn over all cores: a pool of worker processes, each given the
layouts (and so the fonts) once, when it starts. Results come back in the order of the
jobs and each job's bytes depend on the job alone, so a pool and a serial run write the
same files."""
from __future__ import annotations

from typing import Callable, Optional

from ..core.workers import cores, forkable, pool

SERIAL_BELOW = 8  # starting workers costs more than drawing a few images
_shared: dict = {}  # in a worker: what every job needs (layouts, font files)


def _start(shared: dict) -> None:
    _shared.update(shared)


def _call(job: tuple):
    fn, args = job
    return fn(_shared, *args)


def run(fn: Callable, jobs: list, shared: dict, workers: Optional[int] = None) -> list:
    """[fn(shared, *job) for job in jobs], over `workers` processes (all cores by default).
    fn must be a module-level function, so that a worker can find it."""
    workers = min(workers or cores(), len(jobs))
    # Fork (core/workers.py) is safe only while no other thread runs: `mkdocs serve`'s rebuilds
    # draw a few images, in the process itself.
    if workers <= 1 or len(jobs) < SERIAL_BELOW or not forkable():
        return [fn(shared, *job) for job in jobs]
    with pool(workers, _start, (shared,)) as executor:
        chunk = max(1, len(jobs) // (workers * 4))
        return list(executor.map(_call, [(fn, job) for job in jobs], chunksize=chunk))
