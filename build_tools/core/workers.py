"""Worker processes beside the build. Forked, so a worker starts at once with what this
process had loaded (the site, layouts, fonts, caches) and no module is imported again; fork
is safe only while no other thread runs (`mkdocs serve` has some), so without it work stays
here. Results come back in the order of the jobs and each depends on its job alone, so
workers and a serial run give the same bytes."""
from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Callable, Hashable, Optional

SERIAL_BELOW = 2  # a single job runs here: a worker would only add its start
_shared: dict = {}  # in a worker of run(): what every job needs


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def forkable() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def pool(workers: int, initializer: Optional[Callable] = None, initargs: tuple = ()) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=initializer, initargs=initargs)


def _start(shared: dict) -> None:
    _shared.clear()
    _shared.update(shared)


def _call(job: tuple):
    fn, args = job
    return fn(_shared, *args)


def run(fn: Callable, jobs: list, shared: dict, workers: Optional[int] = None, serial_below: int = SERIAL_BELOW) -> list:
    """[fn(shared, *job) for job in jobs] over `workers` processes (all cores by default),
    while this process waits. fn must be a module-level function; `shared` reaches the
    workers by fork, never pickled, so it may hold anything (the site, fonts, closures)."""
    workers = min(workers or cores(), len(jobs))
    if workers <= 1 or len(jobs) < serial_below or not forkable():
        return [fn(shared, *job) for job in jobs]
    with pool(workers, _start, (shared,)) as executor:
        chunk = max(1, len(jobs) // (workers * 4))
        return list(executor.map(_call, [(fn, job) for job in jobs], chunksize=chunk))


class Background:
    """Jobs that run in worker processes while this process goes on (MkDocs renders the next
    pages meanwhile), each result kept under its key. The workers are forked at the first job:
    they see this process as it was then."""

    def __init__(self, workers: int):
        self.workers = workers
        self._pool: Optional[ProcessPoolExecutor] = None
        self._jobs: dict[Hashable, Future] = {}

    @staticmethod
    def possible() -> bool:
        """Whether a background can run here now: another core, and fork is safe."""
        return cores() > 1 and forkable()

    def submit(self, key: Hashable, fn: Callable, *args) -> None:
        """fn(*args) in a worker; fn must be a module-level function."""
        if self._pool is None:
            self._pool = pool(self.workers)
        self._jobs[key] = self._pool.submit(fn, *args)

    def results(self) -> dict:
        """{key: result} of every job, once all have finished; a job's error is raised here."""
        try:
            return {key: job.result() for key, job in self._jobs.items()}
        finally:
            self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool, self._jobs = None, {}
