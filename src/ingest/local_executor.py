"""Where a run's steps run when no orchestrator is involved: the ``submit`` of a local ``ingest run``.

Cleaning needs no worker process of its own here: each batch already reads,
extracts and cleans its documents in a document guard's child process
(``ingest.guard``), one guard per batch in flight. A thread per worker only
drives its guard, so ``workers`` threads keep ``workers`` cleaning processes
busy while this process deduplicates and loads the batches they return, and no
batch crosses a pool process on its way (no second pickling, no second
interpreter). Tagging runs spaCy, so with more than one worker it goes to a
pool of processes, started on the first batch to tag; with one, it goes to a
process that only tags (``ingest.entities.tagging_process``), started as soon
as the plan holds files to process: the model loads there while the guards'
fork server imports the cleaning stack, and each batch is tagged on two cores.

Nothing is started before the plan says there is work: a run that finds every
file unchanged starts no guard and never imports spaCy.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from ingest import guard
from ingest.document import Document
from ingest.settings import Settings
from ingest.worker_processes import start_worker

if TYPE_CHECKING:
    from ingest.incremental import RunPlan


class LocalExecutor:
    """``submit(step, *args)`` for ``ingest.run``: batches on guard-driving threads, tagging on processes."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.workers = settings.workers
        self._threads = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="ingest-batch")
        self._processes: Executor | None = None
        self._tagging: Executor | None = None

    def submit(self, step: Callable[..., Any], *args: Any) -> Future:
        from ingest.runner import plan_source, tag_batch  # the runner imports this module's callers, not the reverse

        if step is plan_source:
            return self._threads.submit(self._plan, *args)
        if step is tag_batch and self._tagging is not None:
            return self._tag_in_tagging_process(*args)
        if step is tag_batch and self.workers > 1:
            return self._process_pool().submit(step, *args)
        return self._threads.submit(step, *args)

    def _plan(self, *args: Any) -> RunPlan:
        """The run's plan; when it holds files to process, the guards' fork server and the tagger start loading.

        Both import for about a second, overlapped with each other and with the
        run's own preparation (staging copy, migrations, the deduplication index).
        """
        from ingest.runner import plan_source

        plan = plan_source(*args)
        if plan.to_process:
            guard.start_fork_server()
            if not self.settings.skip_entities and self.workers == 1:
                self._start_tagging_process()
        return plan

    def _start_tagging_process(self) -> None:
        """Start the process that tags and have it load the model now, before the first batch is cleaned.

        A new interpreter (``spawn``), not a fork of the guards' fork server, which
        is busy importing the cleaning stack for as long as the model takes to load.
        """
        from ingest.entities import tagging_process

        settings = self.settings
        self._tagging = ProcessPoolExecutor(
            max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=start_worker
        )
        self._tagging.submit(tagging_process.prepare, settings.gazetteer, settings.ner_model, settings.ner_languages)

    def _tag_in_tagging_process(self, documents: list[Document], settings: Settings) -> Future:
        """``tag_batch`` in the tagging process: only what tagging reads goes there, and the mentions come back."""
        from ingest.entities import tagging_process
        from ingest.runner import TaggedBatch

        tagged: Future = Future()
        pending = self._tagging.submit(
            tagging_process.tag, _what_tagging_reads(documents), settings.gazetteer, settings.ner_model,
            settings.ner_languages,
        )

        def delivered(done: Future) -> None:
            try:
                mentions, outcome, seconds, cpu_seconds = done.result()
            except BaseException as error:
                tagged.set_exception(error)
                return
            for document, found in zip(documents, mentions, strict=True):
                document.mentions = found
            tagged.set_result(TaggedBatch(documents, outcome, seconds, cpu_seconds))

        pending.add_done_callback(delivered)
        return tagged

    def shutdown(self) -> None:
        """Stop taking steps; steps still queued are dropped, and the tagging processes end."""
        self._threads.shutdown(wait=True, cancel_futures=True)
        for processes in (self._processes, self._tagging):
            if processes is not None:
                processes.shutdown(wait=True, cancel_futures=True)

    def _process_pool(self) -> Executor:
        if self._processes is None:
            self._processes = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=multiprocessing.get_context("forkserver"), initializer=start_worker
            )
        return self._processes


def _what_tagging_reads(documents: Sequence[Document]) -> list[Document]:
    """Copies holding only what tagging reads (text, language, duplicate role): a batch's raw texts and changes stay here."""
    return [
        Document(
            doc_id=d.doc_id, source_uri=d.source_uri, content_sha256=d.content_sha256, size_bytes=d.size_bytes,
            raw_text="", encoding=d.encoding, media_type=d.media_type, text=d.text, language=d.language,
            duplicate_of=d.duplicate_of,
        )
        for d in documents
    ]


@contextmanager
def local_executor(settings: Settings) -> Iterator[LocalExecutor]:
    """An executor for one run, shut down when the block ends however it ends."""
    executor = LocalExecutor(settings)
    try:
        yield executor
    finally:
        executor.shutdown()
