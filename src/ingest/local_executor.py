"""Where a run's steps run when no orchestrator is involved: the ``submit`` of a local ``ingest run``.

Cleaning needs no worker process of its own here: each batch already reads,
extracts and cleans its documents in a document guard's child process
(``ingest.guard``), one guard per batch in flight. A thread per worker only
drives its guard, so ``workers`` threads keep ``workers`` cleaning processes
busy while this process deduplicates and loads the batches they return, and no
batch crosses a pool process on its way (no second pickling, no second
interpreter). Tagging runs spaCy in the calling process, so with more than one
worker it goes to a pool of processes, started on the first batch to tag; with
one, the model loads in a thread of its own as soon as the plan holds files to
process, while the fork server starts and the first batches are cleaned (their
spellings are learned in the guards' workers, so this process needs no word list).

Nothing is started before the plan says there is work: a run that finds every
file unchanged starts no guard and never imports spaCy. (The ``ingest`` command
starts the guards' fork server before it reads its command line,
``ingest.console``; the plan then finds it running.)
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from ingest import fork_server
from ingest.formats.sniffing import formats_named
from ingest.settings import Settings
from ingest.worker_processes import start_worker

if TYPE_CHECKING:
    from ingest.incremental import RunPlan

logger = logging.getLogger(__name__)


class LocalExecutor:
    """``submit(step, *args)`` for ``ingest.run``: batches on guard-driving threads, tagging on processes."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.workers = settings.workers
        self._threads = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="ingest-batch")
        self._processes: Executor | None = None

    def submit(self, step: Callable[..., Any], *args: Any) -> Future:
        from ingest.runner import plan_source, tag_batch  # the runner imports this module's callers, not the reverse

        if step is plan_source:
            return self._threads.submit(self._plan, *args)
        if step is tag_batch and self.workers > 1:
            return self._process_pool().submit(step, *args)
        return self._threads.submit(step, *args)

    def _plan(self, *args: Any) -> RunPlan:
        """The run's plan; when it holds files to process, the guards' fork server and the tagger start loading.

        Both import for about a second, overlapped with the run's own preparation
        (staging copy, migrations, the deduplication index). The fork server
        prepares its workers for the PDF and HTML formats only when the plan's
        file names call for them.
        """
        from ingest.runner import plan_source

        plan = plan_source(*args)
        if plan.to_process:
            fork_server.start_fork_server(formats_named(plan.to_process.paths()))
            threading.Thread(target=self._load_ahead, name="ingest-load-ahead", daemon=True).start()
        return plan

    def _load_ahead(self) -> None:
        """Import what the first batch's load needs, load the model this process tags with, then import
        the review's renderer, all while the first batch is cleaned.

        DuckDB imports ``pyarrow.dataset`` when it first reads an Arrow table, in the
        first batch's load: 0.06 s with the interpreter held, while that batch is
        tagged. The review written when the run ends imports Jinja and its pages
        (0.04 s), after the last batch otherwise. A model or renderer that fails to
        load here is left to fail again where it is used, which reports it once.
        """
        import pyarrow.dataset  # noqa: F401

        settings = self.settings
        if not settings.skip_entities and self.workers == 1:
            from ingest.entities.tagger import load_process_tagger

            try:
                load_process_tagger(settings.gazetteer, settings.ner_model, settings.ner_languages)
            except Exception as error:
                logger.debug("the tagger did not load ahead of the first batch: %s", error)
        try:
            import ingest.review  # noqa: F401
        except Exception as error:
            logger.debug("the review's renderer did not load ahead of the run's end: %s", error)

    def shutdown(self) -> None:
        """Stop taking steps; steps still queued are dropped, and the tagging processes end."""
        self._threads.shutdown(wait=True, cancel_futures=True)
        if self._processes is not None:
            self._processes.shutdown(wait=True, cancel_futures=True)

    def _process_pool(self) -> Executor:
        if self._processes is None:
            self._processes = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=multiprocessing.get_context("forkserver"), initializer=start_worker
            )
        return self._processes


@contextmanager
def local_executor(settings: Settings) -> Iterator[LocalExecutor]:
    """An executor for one run, shut down when the block ends however it ends."""
    executor = LocalExecutor(settings)
    try:
        yield executor
    finally:
        executor.shutdown()
