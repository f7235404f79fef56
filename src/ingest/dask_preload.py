"""Run by each worker process of a local Dask cluster as it starts (a Dask preload): Ctrl-C is the run's.

The terminal sends Ctrl-C to every process of the run, the local cluster's
workers too, and each printed a ``KeyboardInterrupt`` traceback under the run's
one line. The run stops them itself: they end when the run's process does, as
Dask ends a worker whose parent closed the pipe it watches.
"""

from __future__ import annotations

from ingest.worker_processes import ignore_interrupts


def dask_setup(worker: object) -> None:
    """Dask's preload hook, called in the worker's main thread before its first task."""
    ignore_interrupts()
