"""A run: discover → plan → clean in batches → deduplicate → tag entities → load, all or nothing.

``run(source, warehouse_path)`` is the whole of it, callable from a notebook, a
script, the CLI or any orchestrator. The run writes into a staging copy of the
warehouse that replaces the published file only when the run completed (see
``ingest.warehouse.staged``): readers see the previous state until then, and a run
killed at any point changes nothing. A run that fails leaves a ``failed`` row in
the published warehouse; a run with nothing to do leaves the file untouched.

The CPU-bound, state-free steps (planning, cleaning a batch, tagging a batch) go
through ``submit(step, *args)``, which returns a future: by default they run in
this thread; ``concurrent.futures.ProcessPoolExecutor().submit`` spreads batches
over processes, and the Prefect flow passes a submit that makes each step a task.
Deduplication needs the corpus seen so far and loading needs the single DuckDB
writer, so both stay in the caller's process, batch by batch; deduplication runs
between cleaning and tagging so that duplicates are never tagged. Each batch
commits into the staging copy on its own: the swap, not one long transaction,
makes a run all or nothing, so a run's memory holds a bounded number of batches,
never the whole run's uncommitted rows.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

import duckdb

from ingest import PIPELINE_VERSION, cancellation, dedup, entities, guard, interrupts, load, progress, runs, warehouse
from ingest.boilerplate import line_key
from ingest.change_rows import ChangeRows, change_rows, joined
from ingest.deletion_guard import check_deletions
from ingest.discover import SourceFile, discover
from ingest.document import Document
from ingest.document_limits import DocumentLimits
from ingest.formats.records import RecordFields
from ingest.incremental import RunPlan, known_rejects, known_versions, plan_run
from ingest.pipeline import BatchResult, process_batch
from ingest.planned_sources import in_batches
from ingest.preflight import check_not_held_for_writing
from ingest.rules import CleaningContext
from ingest.settings import Settings

logger = logging.getLogger(__name__)


class Pending(Protocol):
    """What ``submit`` returns: a ``concurrent.futures.Future``, a Prefect future, or anything with ``result()``."""

    def result(self) -> Any: ...


Submit = Callable[..., Pending]


def run_inline(step: Callable[..., Any], *args: Any) -> Future:
    """Run the step now, in this thread: the default ``submit``, needing no executor."""
    done: Future = Future()
    done.set_result(step(*args))
    return done


def run(
    source: str | Path,
    warehouse_path: str | Path = warehouse.DEFAULT_WAREHOUSE,
    settings: Settings | None = None,
    submit: Submit = run_inline,
    run_id: str | None = None,
    log: logging.Logger | logging.LoggerAdapter = logger,
) -> runs.RunSummary:
    """Ingest every new or changed file under ``source`` into the warehouse, all or nothing.

    Returns what the run did (its status is ``completed`` or ``unchanged``); raises
    whatever made it fail, after recording a ``failed`` row.
    """
    summary = runs.RunSummary(
        run_id=run_id or f"local-{runs.utc_now():%Y%m%dT%H%M%S%f}",
        source=str(source),
        warehouse=str(warehouse_path),
        pipeline_version=PIPELINE_VERSION,
    )
    return Run(summary, Path(warehouse_path), settings or Settings(), submit, log).execute()


def plan_source(
    source: str, warehouse_path: str, limits: DocumentLimits | None = None, fields: RecordFields | None = None
) -> RunPlan:
    """Walk the source tree and compare content hashes with what the warehouse holds.

    The published warehouse is only read here, so analysts' read-only connections
    never block a run; a program holding it open for writing does, and the run
    stops with one sentence saying so (``PreflightError``).
    """
    known, refused = {}, {}
    if Path(warehouse_path).exists():
        check_not_held_for_writing(Path(warehouse_path))
        con = warehouse.connect(warehouse_path, read_only=True)
        try:
            known, refused = known_versions(con), known_rejects(con)
        finally:
            con.close()
    found = discover(Path(source), warehouse=Path(warehouse_path))
    return plan_run(found, known, PIPELINE_VERSION, refused, limits, fields)


@dataclass
class TaggedBatch:
    documents: list[Document]
    outcome: entities.TagOutcome
    seconds: float
    cpu_seconds: float


def tag_batch(documents: list[Document], settings: Settings) -> TaggedBatch:
    """Tag the entities of one deduplicated batch, in whichever worker runs it.

    NER is the costliest stage, so it runs on the workers like cleaning; the model
    is loaded once per worker process. A worker tags copies of the documents when
    it is another process: their mentions come back with them.
    """
    tick, tick_cpu = time.perf_counter(), time.thread_time()
    outcome = entities.tag_with_process_tagger(
        documents, settings.gazetteer, settings.ner_model, settings.ner_languages
    )
    return TaggedBatch(documents, outcome, time.perf_counter() - tick, time.thread_time() - tick_cpu)


def where_the_time_went(summary: runs.RunSummary, publish_seconds: float) -> str:
    """The run's stages and their seconds on one line, for the run's log: what a person waiting wants to know.

    Cleaning (and tagging) run in workers, overlapped with this process's
    deduplication and load; their seconds are summed over the workers.
    """
    stages = [(name, seconds) for name, seconds in summary.stage_seconds.items() if seconds >= 0.005]
    stages.append(("publish (checkpoint, check, swap)", publish_seconds))
    return ", ".join(f"{name} {seconds:.2f} s" for name, seconds in stages)


def first_cause(error: BaseException) -> str:
    """The exception that started a failure, on one line: what a person must fix."""
    while error.__cause__ is not None:
        error = error.__cause__
    return f"{type(error).__name__}: {warehouse.one_line(error)}"


def cleaned_batches(
    sources: Iterable[SourceFile], context: CleaningContext, settings: Settings, submit: Submit
) -> Iterator[BatchResult]:
    """Submit batches to be cleaned, keeping a bounded number in flight, yielding them in order."""
    in_flight = settings.batches_in_flight
    pending: deque[Pending] = deque()
    for batch in in_batches(sources, settings.batch_size):
        pending.append(submit(process_batch, batch, context, settings.document_limits))
        if len(pending) >= in_flight:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _batch_change_rows(result: BatchResult) -> ChangeRows:
    """The change rows of a batch's documents: as the workers split them, or split here for any they did not."""
    found = result.change_rows
    return joined(found[d.doc_id] if d.doc_id in found else change_rows(d) for d in result.documents)


class Run:
    """One run's state: its summary (the counters), settings, connection to the staging copy and dedup index."""

    def __init__(
        self, summary: runs.RunSummary, warehouse_path: Path, settings: Settings, submit: Submit,
        log: logging.Logger | logging.LoggerAdapter,
    ) -> None:
        self.summary = summary
        self.warehouse_path = warehouse_path
        self.settings = settings
        self.submit = submit
        self.log = log
        self.parameters = {"source": summary.source, **settings.model_dump(mode="json")}
        self.con: duckdb.DuckDBPyConnection | None = None
        self.index: dedup.DedupIndex | None = None
        self.now: datetime = runs.utc_now()

    def execute(self) -> runs.RunSummary:
        """The run, holding the warehouse's writer lock from before planning until after the swap.

        Raises ``WarehouseBusy`` if another run holds it (unless ``settings.wait_for_lock``),
        and ``MassDeleteRefused`` before writing anything if the plan would mark most
        documents deleted (unless ``settings.allow_mass_delete``).
        """
        with warehouse.single_writer(self.warehouse_path, wait=self.settings.wait_for_lock):
            try:
                return self._execute()
            except BaseException:
                interrupts.run_is_failing()  # in planning, before anything is written
                raise
            finally:
                guard.close_all()

    def _execute(self) -> runs.RunSummary:
        started = time.perf_counter()
        summary = self.summary
        cancellation.clear_stop()
        planned_state = warehouse.published_state(self.warehouse_path)
        run_plan = self.submit(
            plan_source, summary.source, str(self.warehouse_path), self.settings.document_limits,
            self.settings.record_fields,
        ).result()
        # The plan's sources are read back from disk a batch at a time, whatever their number.
        run_plan.to_process.spill()
        summary.stage_seconds["plan"] += time.perf_counter() - started
        self.log.info(
            "%d files: %d to process, %d unchanged, %d gone, %d refused, %d still refused as before",
            run_plan.files_seen, len(run_plan.to_process), len(run_plan.unchanged),
            len(run_plan.disappeared), len(run_plan.rejects), len(run_plan.still_refused),
        )
        check_deletions(
            summary.source, run_plan.files_seen, len(run_plan.disappeared), run_plan.known_documents,
            allowed=self.settings.allow_mass_delete,
        )
        progress.planned(len(run_plan.to_process))
        if not run_plan.changes_warehouse and self.warehouse_path.exists():
            return self._nothing_to_do(run_plan, started)
        try:
            with warehouse.staged(self.warehouse_path, verify=self._publishable, planned=planned_state) as staging:
                self.con = warehouse.connect(staging, memory_limit=self.settings.memory_limit)
                try:
                    runs.start_run(self.con, summary, self.parameters, runs.utc_now())
                    self._load(run_plan)
                    summary.status = "completed"
                    summary.seconds = time.perf_counter() - started
                    runs.finish_run(self.con, summary)
                finally:
                    self.con.close()
                sealing = time.perf_counter()
        except BaseException as error:
            interrupts.run_is_failing()
            if not isinstance(error, Exception):
                # Stopped (Ctrl-C, SIGTERM as Python's or Prefect's signal): batches still
                # cleaning in this process's worker threads stop at their next rule, and
                # those waiting on a document guard kill its worker.
                cancellation.request_stop()
            summary.status = "failed"
            summary.error = first_cause(error)
            self.log.error("run %s failed: %s", summary.run_id, summary.error)
            self._record_failure()
            interrupts.publishing_ended(published=False)
            raise
        interrupts.publishing_ended(published=True)
        self.log.info("run %s %s in %.1f s", summary.run_id, summary.status, summary.seconds)
        self.log.info("where the time went: %s", where_the_time_went(summary, time.perf_counter() - sealing))
        return summary

    def _nothing_to_do(self, run_plan: RunPlan, started: float) -> runs.RunSummary:
        """Leave the warehouse untouched when every file is unchanged: no copy, no swap, no row.

        Rewriting a large warehouse only to add a ``runs`` row would make a no-change
        run cost as much as copying the whole file; the caller still gets the
        summary (Prefect shows it as the run's artifact), as a load with no data
        leaves no load row in dlt.
        """
        self.summary.files_seen = run_plan.files_seen
        self.summary.files_unchanged = len(run_plan.unchanged)
        self.summary.entities = self._entities_published()
        self.summary.status = "unchanged"
        self.summary.seconds = time.perf_counter() - started
        self.log.info("run %s: every file unchanged, the warehouse is left as it was", self.summary.run_id)
        return self.summary

    def _entities_published(self) -> int:
        """How many entities the published warehouse holds (read-only: a no-change run writes nothing)."""
        con = warehouse.connect(self.warehouse_path, read_only=True)
        try:
            return con.execute("SELECT count(*) FROM entities").fetchone()[0]
        finally:
            con.close()

    def _record_failure(self) -> None:
        """Leave a ``failed`` row in the published warehouse, best effort: the run's data was rolled back.

        Whatever failed the run may fail this too (a full disk, a read-only folder):
        that is logged, never raised, so the run fails with its first cause.
        """
        try:
            con = warehouse.connect(self.warehouse_path, memory_limit=self.settings.memory_limit)
            try:
                runs.start_run(con, self.summary, self.parameters, runs.utc_now())
                runs.finish_run(con, self.summary)
            finally:
                con.close()
        except Exception as error:
            self.log.warning("could not record the failed run in %s: %s", self.warehouse_path, warehouse.one_line(error))

    def _publishable(self, con: duckdb.DuckDBPyConnection) -> None:
        """Check, just before the swap, that no stop signal arrived and that the sealed copy holds the run.

        A stop signal from here on is held until the swap is over (``ingest.interrupts``).
        """
        interrupts.publishing_begins()
        self._holds_run(con)

    def _holds_run(self, con: duckdb.DuckDBPyConnection) -> None:
        """Check that a sealed copy holds what the run wrote: its completed row, its documents and its rejects."""
        run_id = self.summary.run_id
        status = con.execute("SELECT status FROM runs WHERE run_id = ?", [run_id]).fetchone()
        found = {
            table: con.execute(f"SELECT count(*) FROM {table} WHERE run_id = ?", [run_id]).fetchone()[0]
            for table in ("documents", "rejects")
        }
        expected = {"documents": self.summary.documents_loaded, "rejects": self.summary.rejects}
        if status != ("completed",) or found != expected:
            raise warehouse.PublishError(
                f"the run's copy of the warehouse does not hold what the run wrote: run row {status}, rows {found},"
                f" expected {expected}"
            )

    def _load(self, run_plan: RunPlan) -> None:
        """Process and load every batch into the staging copy, one transaction a batch.

        The dedup index is loaded only when documents arrive or leave, so a run that
        only records refusals stays cheap. Documents whose file disappeared leave the
        index before the first batch: nothing new is matched against them, and their
        copies regroup under another canonical copy.
        """
        con, summary = self.con, self.summary
        summary.files_seen = run_plan.files_seen
        summary.files_unchanged = len(run_plan.unchanged)
        with warehouse.transaction(con):
            summary.rejects += load.write_rejects(
                con, run_plan.rejects, summary.run_id, self.now, run_plan.reject_keys, PIPELINE_VERSION
            )
            load.restamp(con, run_plan.restamped)
            if run_plan.to_process or run_plan.disappeared:
                tick = time.perf_counter()
                self.index = dedup.DedupIndex.from_warehouse(con)
                regrouped = self.index.forget(run_plan.disappeared)
                dedup.persist(con, regrouped, summary.run_id)
                summary.documents_deleted = load.mark_deleted(con, run_plan.disappeared, self.now)
                summary.stage_seconds["prepare"] += time.perf_counter() - tick
        if self.index is not None and not self.settings.skip_entities:
            self._retag_role_changes(regrouped)
        try:
            if run_plan.to_process:
                self._process_and_load(run_plan.to_process)
        finally:
            run_plan.to_process.close()
            if self.index is not None:
                self.index.close()
        with warehouse.transaction(con):
            if summary.documents_deleted or (run_plan.to_process and not self.settings.skip_entities):
                entities.refresh_counts(con)
            summary.entities = con.execute("SELECT count(*) FROM entities").fetchone()[0]

    def _process_and_load(self, sources: Iterable[SourceFile]) -> None:
        tick = time.perf_counter()
        # Dedup stores passages folded its way; boilerplate rules look lines up by line_key.
        common = dedup.common_lines(self.con, self.settings.common_line_min_documents)
        context = CleaningContext(common_lines=frozenset(line_key(line) for line in common))
        self.summary.stage_seconds["prepare"] += time.perf_counter() - tick
        tick = time.perf_counter()
        with warehouse.one_thread(self.con), cancellation.stopping_on_interrupt():
            self._load_batches(cleaned_batches(sources, context, self.settings, self.submit))
        # Wall time of the batch phase: cleaning and tagging in the workers overlapped
        # with this process's dedup and load; the throughput measure of the run.
        self.summary.stage_seconds["batches_wall"] += time.perf_counter() - tick

    def _load_batches(self, batches: Iterator[BatchResult]) -> None:
        """Deduplicate and load each cleaned batch, then send it to be tagged, a bounded number in flight.

        Tagging comes after deduplication so that duplicates are never tagged; mentions
        are loaded in batch order as the tagged batches come back. A batch is sent
        to be tagged as soon as it is deduplicated, and written while it is tagged,
        unless earlier documents changed role: they are tagged again first, read
        back once the batch is written.
        """
        tagging: deque[Pending] = deque()
        for result in batches:
            progress.processed(len(result.documents) + len(result.rejects))
            self.summary.stage_seconds["clean"] += result.seconds
            self.summary.stage_seconds["clean_cpu"] += result.cpu_seconds
            tick = time.perf_counter()
            outcome = self.index.deduplicate(result.documents, result.dedup_evidence)
            self.summary.stage_seconds["dedup"] += time.perf_counter() - tick
            tag = not self.settings.skip_entities
            tagged = self.submit(tag_batch, result.documents, self.settings) if tag and not outcome.moved else None
            # Written before the next batch is deduplicated, which reads these texts
            # back, however many batches are still being tagged.
            with warehouse.transaction(self.con):
                self._load_documents(result, outcome)
            if tag:
                if outcome.moved:
                    # Earlier batches still being tagged may hold documents whose role
                    # just changed: their mentions land first, then are redone.
                    self._load_tagged(tagging, keep=0)
                    self._retag_role_changes(outcome)
                    tagged = self.submit(tag_batch, result.documents, self.settings)
                tagging.append(tagged)
                self._load_tagged(tagging, keep=self.settings.batches_in_flight - 1)
        self._load_tagged(tagging, keep=0)

    def _load_tagged(self, tagging: deque[Pending], keep: int) -> None:
        """Load the mentions of tagged batches, oldest first, until at most ``keep`` are in flight."""
        while len(tagging) > keep:
            with warehouse.transaction(self.con):
                self._load_mentions(tagging.popleft().result())

    def _retag_role_changes(self, outcome: dedup.DedupOutcome) -> None:
        """Tag again the earlier documents whose duplicate role changed, so each group keeps its mentions.

        Duplicates are never tagged: a copy promoted to canonical (its canonical copy
        deleted or changed) would otherwise have none, and a demoted canonical copy
        would keep its own. Role changes are rare, so they are tagged at once.
        """
        documents = entities.documents_to_retag(self.con, list(outcome.moved))
        if documents:
            tagged = self.submit(tag_batch, documents, self.settings).result()
            with warehouse.transaction(self.con):
                self._load_mentions(tagged)

    def _load_documents(self, result: BatchResult, outcome: dedup.DedupOutcome) -> None:
        summary = self.summary
        tick = time.perf_counter()
        rows = _batch_change_rows(result)
        load.write_documents(self.con, result.documents, summary.run_id, PIPELINE_VERSION, self.now, rows)
        dedup.persist(self.con, outcome, summary.run_id)
        summary.rejects += load.write_rejects(
            self.con, result.rejects, summary.run_id, self.now, result.reject_keys, PIPELINE_VERSION
        )
        summary.stage_seconds["load"] += time.perf_counter() - tick
        summary.documents_loaded += len(result.documents)
        summary.duplicates += sum(d.duplicate_of is not None for d in result.documents)
        summary.documents_flagged += sum(d.review_reason is not None for d in result.documents)
        summary.removed_spans += len(rows.removed["doc_id"])
        summary.removed_by_kind.update(rows.removed["kind"])
        summary.edits += len(rows.edited["doc_id"])

    def _load_mentions(self, tagged: TaggedBatch) -> None:
        summary = self.summary
        summary.stage_seconds["entities"] += tagged.seconds
        summary.stage_seconds["entities_cpu"] += tagged.cpu_seconds
        tick = time.perf_counter()
        entities.persist(self.con, tagged.outcome, tagged.documents, summary.run_id)
        summary.stage_seconds["load"] += time.perf_counter() - tick
        summary.languages_skipped_by_ner += sum(tagged.outcome.skipped_languages.values())
        summary.mentions += sum(len(document.mentions) for document in tagged.documents)
