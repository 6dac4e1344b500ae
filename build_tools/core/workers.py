"""Worker processes beside the build. Forked, so a worker starts at once with what this
process had loaded (layouts, fonts, caches) and no module is imported again; fork is safe
only while no other thread runs (`mkdocs serve` has some), so without it work stays here."""
from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Callable, Hashable, Optional


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def forkable() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def pool(workers: int, initializer: Optional[Callable] = None, initargs: tuple = ()) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=initializer, initargs=initargs)


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
