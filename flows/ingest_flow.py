"""The ingest flow: discover → plan → clean in batches → deduplicate → tag entities → load.

The run writes into a staging copy of the warehouse that replaces the published
file only when the run completed (see ``ingest.warehouse.staged``): readers see
the previous state until then, and a run killed at any point changes nothing.

Everything is one Prefect flow run, tracked the same way whether it was started
by a deployment's schedule or by ``ingest run`` on a laptop (ephemeral mode, no
server needed). The CPU-bound, state-free work runs as tasks of one batch of
files each, so task overhead stays small on a large corpus and a parallel task
runner spreads batches over processes or a cluster: decoding, cleaning and
language detection, then entity tagging. Deduplication needs the corpus seen so
far and loading needs the single DuckDB writer, so both stay in the flow's own
process, batch by batch; deduplication runs between the two kinds of task so
that duplicates are never tagged. Each batch commits into the staging copy on
its own: the swap, not one long transaction, is what makes a run all or nothing,
so a run's memory holds a batch, never the whole run's uncommitted rows.
"""

from __future__ import annotations

import time
from collections import deque
from contextlib import contextmanager
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.artifacts import create_markdown_artifact
from prefect.runtime import flow_run

from flows.task_runners import workers_report_here
from ingest import PIPELINE_VERSION, dedup, entities, load, progress, runs, warehouse
from ingest.boilerplate import line_key
from ingest.dedup import DedupOutcome
from ingest.discover import SourceFile, discover
from ingest.document import Document
from ingest.incremental import RunPlan, known_versions, plan_run
from ingest.pipeline import BatchResult, process_batch
from ingest.report import markdown_report
from ingest.rules import CleaningContext, is_removal

# Files per task. Large enough that Prefect's per-task cost (a few ms) is noise
# next to cleaning, small enough that a batch's documents fit easily in memory.
DEFAULT_BATCH_SIZE = 64
# Batches in flight per worker: one being cleaned while the next waits, so no worker
# idles between batches; memory stays bounded whatever the corpus size.
BATCHES_IN_FLIGHT_PER_WORKER = 2
# Never fewer than this in flight, so the flow's own process loads one batch while
# the next is cleaned even with a single worker.
MIN_BATCHES_IN_FLIGHT = 4
# A line seen in at least this many earlier documents is treated as boilerplate evidence.
COMMON_LINE_MIN_DOCUMENTS = 5


@task(retries=2, retry_delay_seconds=[1, 5])
def plan(source: str, warehouse_path: str) -> RunPlan:
    """Walk the source tree and compare content hashes with what the warehouse holds.

    The published warehouse is only read here, so analysts' open connections never
    block a run.
    """
    known = {}
    if Path(warehouse_path).exists():
        con = warehouse.connect(warehouse_path, read_only=True)
        try:
            known = known_versions(con)
        finally:
            con.close()
    return plan_run(discover(Path(source)), known, PIPELINE_VERSION)


# Batch tasks are not cached: their inputs are whole documents, and hashing them
# for a cache key (Prefect's default policy) would cost without ever hitting.
@task(retries=1, retry_delay_seconds=2, cache_policy=NO_CACHE)
def clean_batch(sources: list[SourceFile], context: CleaningContext) -> BatchResult:
    """Decode, clean and detect the language of one batch of files."""
    return process_batch(sources, context)


@dataclass
class TaggedBatch:
    documents: list[Document]
    outcome: entities.TagOutcome
    seconds: float
    cpu_seconds: float


@task(retries=1, retry_delay_seconds=2, cache_policy=NO_CACHE)
def tag_batch(documents: list[Document]) -> TaggedBatch:
    """Tag the entities of one deduplicated batch, in whichever worker runs it.

    NER is the costliest stage, so it runs on the task runner's workers like
    cleaning; the model is loaded once per worker process.
    """
    tick, tick_cpu = time.perf_counter(), time.thread_time()
    outcome = entities.tag_with_process_tagger(documents)
    return TaggedBatch(documents, outcome, time.perf_counter() - tick, time.thread_time() - tick_cpu)


@flow(name="ingest")
def ingest(
    source: str = "seeds",
    warehouse_path: str = str(warehouse.DEFAULT_WAREHOUSE),
    batch_size: int = DEFAULT_BATCH_SIZE,
    skip_entities: bool = False,
    workers: int = 1,
) -> runs.RunSummary:
    """Ingest every new or changed file under ``source`` into the warehouse, all or nothing.

    ``workers`` is how many batches the task runner cleans at once; it sets how many
    batches are kept in flight, not the runner itself (see ``flows.task_runners``).
    """
    logger = get_run_logger()
    started = time.perf_counter()
    summary = runs.RunSummary(
        run_id=str(flow_run.id or f"local-{runs.utc_now():%Y%m%dT%H%M%S%f}"),
        source=source,
        warehouse=warehouse_path,
        pipeline_version=PIPELINE_VERSION,
    )
    run_plan = plan(source, warehouse_path)
    summary.stage_seconds["plan"] += time.perf_counter() - started
    logger.info(
        "%d files: %d to process, %d unchanged, %d gone, %d refused",
        run_plan.files_seen, len(run_plan.to_process), len(run_plan.unchanged),
        len(run_plan.disappeared), len(run_plan.rejects),
    )
    progress.planned(len(run_plan.to_process))
    parameters = {"source": source, "batch_size": batch_size, "skip_entities": skip_entities, "workers": workers}
    in_flight = max(MIN_BATCHES_IN_FLIGHT, BATCHES_IN_FLIGHT_PER_WORKER * workers)
    if not run_plan.changes_warehouse and Path(warehouse_path).exists():
        return _nothing_to_do(summary, run_plan, warehouse_path, started)
    try:
        with warehouse.staged(warehouse_path) as staging:
            con = warehouse.connect(staging)
            try:
                runs.start_run(con, summary, parameters, runs.utc_now())
                with workers_report_here():
                    _load_run(con, run_plan, summary, Batching(batch_size, in_flight), skip_entities)
                summary.status = "completed"
                summary.seconds = time.perf_counter() - started
                runs.finish_run(con, summary)
            finally:
                con.close()
    except BaseException as error:
        summary.status = "failed"
        summary.error = f"{type(error).__name__}: {error}"
        _record_failure(warehouse_path, summary, parameters)
        raise
    create_markdown_artifact(markdown_report(summary), key="ingest-run-summary", description="What the run did")
    logger.info("run %s %s in %.1f s", summary.run_id, summary.status, summary.seconds)
    return summary


def _nothing_to_do(summary: runs.RunSummary, run_plan: RunPlan, warehouse_path: str, started: float) -> runs.RunSummary:
    """Leave the warehouse untouched when every file is unchanged: no copy, no swap, no row.

    Rewriting a large warehouse only to add a ``runs`` row would make a no-change
    run cost as much as copying the whole file; the run stays visible in Prefect
    (its logs and summary artifact), as a load with no data leaves no load row in dlt.
    """
    summary.files_seen = run_plan.files_seen
    summary.files_unchanged = len(run_plan.unchanged)
    summary.entities = _entities_in(warehouse_path)
    summary.status = "unchanged"
    summary.seconds = time.perf_counter() - started
    create_markdown_artifact(markdown_report(summary), key="ingest-run-summary", description="What the run did")
    get_run_logger().info("run %s: every file unchanged, the warehouse is left as it was", summary.run_id)
    return summary


def _entities_in(warehouse_path: str) -> int:
    """How many entities the published warehouse holds (read-only: a no-change run writes nothing)."""
    con = warehouse.connect(warehouse_path, read_only=True)
    try:
        return con.execute("SELECT count(*) FROM entities").fetchone()[0]
    finally:
        con.close()


def _record_failure(warehouse_path: str, summary: runs.RunSummary, parameters: dict) -> None:
    """Leave a ``failed`` row in the published warehouse, best effort: the run's data was rolled back."""
    try:
        con = warehouse.connect(warehouse_path)
    except duckdb.Error as error:
        get_run_logger().warning("could not record the failed run in %s: %s", warehouse_path, error)
        return
    try:
        runs.start_run(con, summary, parameters, runs.utc_now())
        runs.finish_run(con, summary)
    finally:
        con.close()


@dataclass(frozen=True)
class Batching:
    size: int
    in_flight: int


def _load_run(con, run_plan: RunPlan, summary: runs.RunSummary, batching: Batching, skip_entities: bool) -> None:
    """Process and load every batch into the staging copy, one transaction a batch.

    The dedup index is loaded only when documents arrive or leave, so a run that
    only records refusals stays cheap. Documents whose file disappeared leave the
    index before the first batch: nothing new is matched against them, and their
    copies regroup under another canonical copy.
    """
    now = runs.utc_now()
    summary.files_seen = run_plan.files_seen
    summary.files_unchanged = len(run_plan.unchanged)
    index = None
    with _transaction(con):
        summary.rejects += load.write_rejects(con, run_plan.rejects, summary.run_id, now)
        load.restamp(con, run_plan.restamped)
        if run_plan.to_process or run_plan.disappeared:
            tick = time.perf_counter()
            index = dedup.DedupIndex.from_warehouse(con)
            dedup.persist(con, index.forget(run_plan.disappeared), summary.run_id)
            summary.documents_deleted = load.mark_deleted(con, run_plan.disappeared, now)
            summary.stage_seconds["prepare"] += time.perf_counter() - tick
    if run_plan.to_process:
        _process_and_load(con, run_plan.to_process, index, summary, batching, skip_entities, now)
    with _transaction(con):
        if summary.documents_deleted or (run_plan.to_process and not skip_entities):
            entities.refresh_counts(con)
        summary.entities = con.execute("SELECT count(*) FROM entities").fetchone()[0]


@contextmanager
def _transaction(con) -> Iterator[None]:
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def _process_and_load(
    con, sources: Sequence[SourceFile], index: dedup.DedupIndex, summary: runs.RunSummary, batching: Batching,
    skip_entities: bool, now,
) -> None:
    tick = time.perf_counter()
    # Dedup stores passages folded its way; boilerplate rules look lines up by line_key.
    common = frozenset(line_key(line) for line in dedup.common_lines(con, COMMON_LINE_MIN_DOCUMENTS))
    context = CleaningContext(common_lines=common)
    summary.stage_seconds["prepare"] += time.perf_counter() - tick
    tick = time.perf_counter()
    _load_batches(con, _cleaned_batches(sources, context, batching), index, summary, batching, skip_entities, now)
    # Wall time of the batch phase: cleaning and tagging in the workers overlapped
    # with the flow's own dedup and load; the throughput measure of the run.
    summary.stage_seconds["batches_wall"] += time.perf_counter() - tick


def _load_batches(
    con, batches: Iterator[BatchResult], index: dedup.DedupIndex, summary: runs.RunSummary, batching: Batching,
    skip_entities: bool, now,
) -> None:
    """Deduplicate and load each cleaned batch, then send it to be tagged, a bounded number in flight.

    Tagging comes after deduplication so that duplicates are never tagged; mentions
    are loaded in batch order as the tagged batches come back.
    """
    tagging: deque = deque()
    for result in batches:
        progress.processed(len(result.documents) + len(result.rejects))
        summary.stage_seconds["clean"] += result.seconds
        summary.stage_seconds["clean_cpu"] += result.cpu_seconds
        dedup_tick = time.perf_counter()
        outcome = index.deduplicate(result.documents)
        summary.stage_seconds["dedup"] += time.perf_counter() - dedup_tick
        # Written before the batch is tagged: deduplicating later batches reads
        # these texts back, however many batches are still being tagged.
        with _transaction(con):
            _load_documents(con, result, outcome, summary, now)
        if not skip_entities:
            tagging.append(tag_batch.submit(result.documents))
            if len(tagging) >= batching.in_flight:
                with _transaction(con):
                    _load_mentions(con, tagging.popleft().result(), summary)
    while tagging:
        with _transaction(con):
            _load_mentions(con, tagging.popleft().result(), summary)


def _cleaned_batches(sources: Sequence[SourceFile], context: CleaningContext, batching: Batching) -> Iterator[BatchResult]:
    """Submit batches to the task runner, keeping a bounded number in flight, yielding in order."""
    pending: deque = deque()
    for start in range(0, len(sources), batching.size):
        pending.append(clean_batch.submit(list(sources[start : start + batching.size]), context))
        if len(pending) >= batching.in_flight:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _load_documents(con, result: BatchResult, outcome: DedupOutcome, summary: runs.RunSummary, now) -> None:
    tick = time.perf_counter()
    load.write_documents(con, result.documents, summary.run_id, PIPELINE_VERSION, now)
    dedup.persist(con, outcome, summary.run_id)
    summary.rejects += load.write_rejects(con, result.rejects, summary.run_id, now)
    summary.stage_seconds["load"] += time.perf_counter() - tick
    summary.documents_loaded += len(result.documents)
    summary.duplicates += sum(d.duplicate_of is not None for d in result.documents)
    for document in result.documents:
        for change in document.changes:
            if is_removal(change):
                summary.removed_spans += 1
                summary.removed_by_kind[change.kind] += 1
            else:
                summary.edits += 1


def _load_mentions(con, tagged: TaggedBatch, summary: runs.RunSummary) -> None:
    # A worker process tags copies of the documents: their mentions come back with them.
    summary.stage_seconds["entities"] += tagged.seconds
    summary.stage_seconds["entities_cpu"] += tagged.cpu_seconds
    tick = time.perf_counter()
    entities.persist(con, tagged.outcome, tagged.documents, summary.run_id)
    summary.stage_seconds["load"] += time.perf_counter() - tick
    summary.languages_skipped_by_ner += sum(tagged.outcome.skipped_languages.values())
    summary.mentions += sum(len(document.mentions) for document in tagged.documents)
