"""Choosing where the CPU-bound batches run: threads, local processes, Dask or Ray.

Prefect's task runners do the distribution; ingest only picks one. The warehouse
write stays in the flow's own process whatever is chosen, so any runner is safe.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from prefect.client.orchestration import get_client
from prefect.settings import PREFECT_API_URL, temporary_settings
from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner

from ingest.worker_processes import ignore_interrupts, start_worker  # noqa: F401  (the pool's initializer)

RUNNERS = ("process", "thread", "dask", "ray")
# The extra that installs each distributed runner's Prefect integration.
RUNNER_PACKAGES = {"dask": "prefect_dask", "ray": "prefect_ray"}
# What each worker of a local Dask cluster runs as it starts (``ingest.dask_preload``).
DASK_WORKER_PRELOAD = "ingest.dask_preload"
# CPython before 3.11.9 can deadlock a process when one thread calls
# sys._current_frames() while another thread exits (CPython gh-106883): every
# thread then waits, one on the GIL, one on the runtime's thread list. A Dask
# worker's statistical profiler calls it a hundred times a second, and a batch
# starts and ends threads (the plan's hashing pool, Prefect's), so on those
# versions a worker hangs now and then until the scheduler gives up on it.
PROFILER_DEADLOCKS = sys.version_info < (3, 11, 9)


class RunnerUnavailable(ValueError):
    """A task runner that does not exist, or whose extra is not installed; the message says which to choose."""


def check_runner(kind: str) -> None:
    """Fail at once, before any run starts, if ``kind`` names no runner or one whose extra is missing."""
    if kind not in RUNNERS:
        raise RunnerUnavailable(f"unknown runner {kind!r}; choose one of {', '.join(RUNNERS)}")
    package = RUNNER_PACKAGES.get(kind)
    if package and importlib.util.find_spec(package) is None:
        raise RunnerUnavailable(f"the {kind} runner needs its extra: pip install 'ingest[{kind}]'")


def task_runner(kind: str = "process", workers: int = 1, address: str | None = None) -> TaskRunner:
    """A task runner for ``workers`` parallel batches.

    ``process`` (default) uses local processes: cleaning is pure Python, so threads
    would share one core. ``dask`` and ``ray`` need the ``ingest[dask]`` or
    ``ingest[ray]`` extra, and connect to an existing cluster when ``address`` is given
    (e.g. ``tcp://scheduler:8786`` or ``ray://head:10001``), else start a local one.
    """
    check_runner(kind)
    if kind == "thread" or (kind == "process" and workers <= 1):
        return ThreadPoolTaskRunner(max_workers=max(workers, 1))
    if kind == "process":
        return ProcessPoolTaskRunner(max_workers=workers, initializer=start_worker)
    if kind == "dask":
        from prefect_dask import DaskTaskRunner

        if address:
            return DaskTaskRunner(address=address)
        _configure_local_dask_workers()
        return DaskTaskRunner(
            cluster_kwargs={
                "n_workers": workers, "threads_per_worker": 1, "processes": True, "preload": [DASK_WORKER_PRELOAD],
            }
        )
    if kind == "ray":
        from prefect_ray import RayTaskRunner

        return RayTaskRunner(address=address, init_kwargs={} if address else {"num_cpus": workers})


def _configure_local_dask_workers() -> None:
    """Start the local cluster's workers as processes that may start their own, and without the profiler where it deadlocks.

    Each document is cleaned in a guarded child process (``ingest.guard``), and a
    daemonic process may not start one: Dask's nannies start their workers
    daemonic unless told otherwise, and every file of the run was then rejected.
    A worker still ends with the run, as Dask ends a worker whose nanny's process
    ended. The profiler: see ``PROFILER_DEADLOCKS``. A local cluster's nannies
    hand this process's Dask configuration to their workers; a cluster of the
    user's own is configured where it starts (README).
    """
    import dask

    dask.config.set({"distributed.worker.daemon": False})
    if PROFILER_DEADLOCKS:
        dask.config.set({"distributed.worker.profile.enabled": False})


@contextmanager
def workers_report_here() -> Iterator[None]:
    """Within a flow run, send the task runs of worker processes to the flow run's own API.

    With no ``PREFECT_API_URL`` set, Prefect serves a run from a temporary local
    server. A process-pool worker inherits the settings, which do not name that
    server, so each worker would start a temporary server of its own: seconds of
    CPU taken from cleaning, about 200 MB each, and task runs recorded where
    nobody sees them. Naming the flow's server in the settings for the workers
    gives them its address instead. With an API configured, nothing changes.
    """
    if PREFECT_API_URL.value():
        yield
        return
    with get_client(sync_client=True) as client:
        address = str(client.api_url)
    with temporary_settings(updates={PREFECT_API_URL: address}):
        yield
