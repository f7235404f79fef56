"""The ingest flow: ``ingest.run`` as one Prefect flow run, each of its steps a task.

The library owns the run (staging copy, ``runs`` row, a transaction a batch, the
dedup index, bounded batches in flight; see ``ingest.runner``). This flow only
hands it a ``submit`` that turns each step (planning, cleaning a batch, tagging a
batch) into a task run, so the flow's task runner decides where batches run and
Prefect tracks them, whether the run was started by a deployment's schedule or by
``ingest run`` on a laptop (ephemeral mode, no server needed).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture
from prefect.runtime import flow_run

import ingest as library
from ingest import runs, warehouse
from ingest.flows.task_runners import workers_report_here
from ingest.report import markdown_report
from ingest.run_review import write_run_review
from ingest.settings import Settings


# Steps are not cached: their inputs are whole documents, and hashing them for a
# cache key (Prefect's default policy) would cost without ever hitting.
@task(retries=1, retry_delay_seconds=2, cache_policy=NO_CACHE)
def run_step(step: Callable[..., Any], args: tuple) -> Any:
    """One step of a run (``plan_source``, ``process_batch`` or ``tag_batch``), in whichever worker runs it."""
    return step(*args)


def submit_as_task(step: Callable[..., Any], *args: Any) -> PrefectFuture:
    """The run's ``submit``: a task run named after the step, on the flow's task runner."""
    return run_step.with_options(name=step.__name__).submit(step, args)


@flow(name="ingest")
def ingest(
    source: str = "seeds",
    warehouse_path: str = str(warehouse.DEFAULT_WAREHOUSE),
    settings: Settings | None = None,
) -> runs.RunSummary:
    """Ingest every new or changed file under ``source`` into the warehouse, all or nothing.

    ``settings.workers`` sets how many batches are kept in flight, not the task
    runner itself (see ``ingest.flows.task_runners``).
    """
    logger = get_run_logger()
    with workers_report_here():
        summary = library.run(
            source, warehouse_path, settings or Settings(), submit=submit_as_task, run_id=str(flow_run.id), log=logger
        )
    review = write_run_review(summary, warehouse_path, logger)
    create_markdown_artifact(markdown_report(summary, review), key="ingest-run-summary", description="What the run did")
    return summary
