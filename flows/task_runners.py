"""Choosing where the CPU-bound batches run: threads, local processes, Dask or Ray.

Prefect's task runners do the distribution; ingest only picks one. The warehouse
write stays in the flow's own process whatever is chosen, so any runner is safe.
"""

from __future__ import annotations

from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner

RUNNERS = ("process", "thread", "dask", "ray")


def task_runner(kind: str = "process", workers: int = 1, address: str | None = None) -> TaskRunner:
    """A task runner for ``workers`` parallel batches.

    ``process`` (default) uses local processes: cleaning is pure Python, so threads
    would share one core. ``dask`` and ``ray`` need the ``ingest[dask]`` or
    ``ingest[ray]`` extra, and connect to an existing cluster when ``address`` is given
    (e.g. ``tcp://scheduler:8786`` or ``ray://head:10001``), else start a local one.
    """
    if kind == "thread" or (kind == "process" and workers <= 1):
        return ThreadPoolTaskRunner(max_workers=max(workers, 1))
    if kind == "process":
        return ProcessPoolTaskRunner(max_workers=workers)
    if kind == "dask":
        from prefect_dask import DaskTaskRunner

        if address:
            return DaskTaskRunner(address=address)
        return DaskTaskRunner(cluster_kwargs={"n_workers": workers, "threads_per_worker": 1, "processes": True})
    if kind == "ray":
        from prefect_ray import RayTaskRunner

        return RayTaskRunner(address=address, init_kwargs={} if address else {"num_cpus": workers})
    raise ValueError(f"unknown task runner {kind!r}; choose one of {', '.join(RUNNERS)}")
