"""The ``ingest`` command: a thin shell over the library and the Prefect flow."""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.text import Text

import ingest.flows  # noqa: F401  (ingest's Prefect defaults, set before Prefect is imported)
from ingest import PIPELINE_VERSION, __version__, progress, warehouse
from ingest.deletion_guard import MassDeleteRefused
from ingest.document_limits import DEFAULT_CPU_SECONDS, DEFAULT_MEMORY_MB, DEFAULT_WALL_SECONDS
from ingest.entities.model_names import MODEL_LANGUAGES, MODEL_PACKAGE
from ingest.explain import DocumentNotFound, describe_duplicate, describe_review, explain, render_plain
from ingest.interrupts import RunInterrupted, stop_on_signals
from ingest.prefect_api import api_configured
from ingest.preflight import (
    PreflightError,
    check_readable_warehouse,
    check_source,
    check_writable_warehouse,
)
from ingest.process_exit import exit_now
from ingest.runs import RunSummary
from ingest.settings import COMMON_LINE_MIN_DOCUMENTS, DEFAULT_BATCH_SIZE, Settings
from ingest.warehouse import UnsafeLockFile, WarehouseBusy
from ingest.warehouse.lock import check_free
from ingest.worker_processes import workers_skip_the_console_script

app = typer.Typer(
    help="Turn raw documents into a clean, deduplicated, entity-tagged DuckDB warehouse.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)
console = Console(stderr=True)
# The log of a local run (``--verbose`` shows it); a flow run logs to Prefect's run logger instead.
run_log = logging.getLogger("ingest.run")
# Runners a local run provides itself; the others (dask, ray) are Prefect's task runners.
LOCAL_RUNNERS = ("process", "thread")

# Exit codes besides 0 (done) and 1 (the run failed; the warehouse keeps its previous state).
EXIT_USAGE = 2  # an argument is wrong; nothing started
EXIT_REFUSED = 3  # another run holds the warehouse, or the run would mark most documents deleted

SourceOption = Annotated[Path, typer.Option("--source", "-s", help="Folder of raw documents (read recursively).")]
WarehouseOption = Annotated[Path, typer.Option("--warehouse", "-w", help="DuckDB warehouse file.")]
DebugOption = Annotated[bool, typer.Option("--debug", help="Show the full traceback of an error.")]


def _print_version(show: bool) -> None:
    if show:
        print(f"ingest {__version__} (pipeline {PIPELINE_VERSION})")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Turn raw documents into a clean, deduplicated, entity-tagged DuckDB warehouse."""


@contextmanager
def _errors_in_one_line(debug: bool, failure: str = "the run failed, the warehouse keeps its previous state") -> Iterator[None]:
    """Turn a command's errors into one line on stderr and an exit code; ``--debug`` adds the traceback.

    Bad arguments exit 2 before any work starts; a run refused (warehouse busy, a
    lock file that is a link, mass deletion) exits 3; a run that fails exits 1 (its data was rolled back); a
    run stopped by a signal exits 128 plus its number.
    """
    try:
        yield
    except typer.Exit:
        raise
    except RunInterrupted as stopped:
        raise typer.Exit(stopped.exit_code) from stopped
    except PreflightError as error:
        _say_error(str(error), debug)
        raise typer.Exit(EXIT_USAGE) from error
    except (WarehouseBusy, UnsafeLockFile, MassDeleteRefused) as error:
        _say_error(str(error), debug)
        raise typer.Exit(EXIT_REFUSED) from error
    except Exception as error:  # the command failed: one line, the traceback on demand
        _say_error(f"{failure}: {type(error).__name__}: {error}", debug)
        raise typer.Exit(1) from error


def _say_error(message: str, debug: bool) -> None:
    if debug:
        console.print_exception()
    console.print(f"ingest: {message}", style="red", markup=False, highlight=False, soft_wrap=True)


@app.command()
def run(
    source: SourceOption = Path("seeds"),
    warehouse_path: WarehouseOption = warehouse.DEFAULT_WAREHOUSE,
    batch_size: Annotated[int, typer.Option(help="Files per processing task.")] = DEFAULT_BATCH_SIZE,
    skip: Annotated[list[str], typer.Option(help="Stage to skip; only 'entities' can be skipped.")] = [],
    workers: Annotated[int, typer.Option(help="Batches cleaned in parallel.")] = 1,
    runner: Annotated[str, typer.Option(help="Where batches run: process, thread, dask or ray.")] = "process",
    address: Annotated[str | None, typer.Option(help="Address of an existing Dask or Ray cluster.")] = None,
    in_flight_batches: Annotated[
        int | None, typer.Option(help="Batches submitted and not yet loaded (default: from --workers).")
    ] = None,
    memory_limit: Annotated[
        str, typer.Option(envvar="INGEST_DUCKDB_MEMORY_LIMIT", help="DuckDB buffer pool of the writer.")
    ] = warehouse.WRITER_MEMORY_LIMIT,
    ner_model: Annotated[str, typer.Option(help="Installed spaCy pipeline package that tags entities.")] = MODEL_PACKAGE,
    ner_language: Annotated[
        list[str], typer.Option(help="Language (ISO 639-1) the NER model covers; repeat for several.")
    ] = sorted(MODEL_LANGUAGES),
    gazetteer: Annotated[Path | None, typer.Option(help="Gazetteer file (JSON lines) instead of the packaged one.")] = None,
    common_line_min_documents: Annotated[
        int, typer.Option(help="Documents a line must appear in to count as boilerplate evidence.")
    ] = COMMON_LINE_MIN_DOCUMENTS,
    wait: Annotated[bool, typer.Option("--wait", help="If another run holds the warehouse, wait for it to end.")] = False,
    allow_mass_delete: Annotated[
        bool, typer.Option(help="Run even if the source is empty or over half the documents would be marked deleted.")
    ] = False,
    doc_timeout: Annotated[
        float, typer.Option(help="Seconds one document may take to be read and cleaned; past it, it is rejected.")
    ] = DEFAULT_WALL_SECONDS,
    doc_cpu_seconds: Annotated[
        float, typer.Option(help="Seconds of CPU one document may take to be read and cleaned.")
    ] = DEFAULT_CPU_SECONDS,
    doc_memory_mb: Annotated[
        int, typer.Option(help="Memory (MB) one document may take to be read and cleaned.")
    ] = DEFAULT_MEMORY_MB,
    text_field: Annotated[str, typer.Option(help="Field of a JSONL, Parquet or CSV record holding its text.")] = "text",
    id_field: Annotated[str, typer.Option(help="Field of a JSONL, Parquet or CSV record naming it (file#id).")] = "id",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show Prefect's log lines as the run goes.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the run's summary as JSON on stdout.")] = False,
    debug: DebugOption = False,
) -> None:
    """Run the ingest flow over SOURCE into the warehouse and print what it did.

    Exits 0 when the run completes, even with rejected files (see the rejects
    table); 1 when the run itself fails, in which case the warehouse keeps its
    previous state; 2 when an argument is wrong, before anything starts; 3 when
    the run is refused (another run holds the warehouse, or most documents would
    be marked deleted).
    """
    with _errors_in_one_line(debug):
        unknown = set(skip) - {"entities"}
        if unknown:
            raise PreflightError(f"cannot skip {', '.join(sorted(unknown))}; only entities can be skipped")
        settings = _settings(
            batch_size=batch_size, workers=workers, in_flight_batches=in_flight_batches,
            skip_entities="entities" in skip, memory_limit=memory_limit, ner_model=ner_model,
            ner_languages=tuple(ner_language), gazetteer=gazetteer, common_line_min_documents=common_line_min_documents,
            wait_for_lock=wait, allow_mass_delete=allow_mass_delete, doc_timeout=doc_timeout,
            doc_cpu_seconds=doc_cpu_seconds, doc_memory_mb=doc_memory_mb, text_field=text_field, id_field=id_field,
        )
        check_source(source)
        check_writable_warehouse(warehouse_path)
        if not wait:
            check_free(warehouse_path)
        show_progress, keep_logs = console.is_terminal and not quiet, verbose or debug
        if runner in LOCAL_RUNNERS and not api_configured():
            summary = _watched(lambda: _run_locally(source, warehouse_path, settings), show_progress, keep_logs)
        else:
            summary = _run_as_flow(source, warehouse_path, settings, runner, address, show_progress, keep_logs)
    if as_json:
        print(json.dumps(summary.as_dict(), indent=2))
    elif not quiet:
        from ingest.report import summary_table

        Console().print(summary_table(summary))


def _settings(**fields: object) -> Settings:
    """The run's settings, a field that fails validation reported as its option: ``--batch-size must be >= 1, not 0``."""
    try:
        return Settings(**fields)
    except ValidationError as error:
        problem = error.errors()[0]
        option = "--" + str(problem["loc"][0]).replace("_", "-")
        raise PreflightError(f"{option}: {problem['msg'].lower()}, not {problem['input']!r}") from error


def _run_locally(source: Path, warehouse_path: Path, settings: Settings) -> RunSummary:
    """The run through the library, with no Prefect server to start: no Prefect API is configured.

    The warehouse records the run in ``runs`` as it records a flow run, and the
    review is written beside it, as the flow writes it.
    """
    from ingest.local_executor import local_executor
    from ingest.run_review import write_run_review
    from ingest.runner import run as run_library

    run_log.info("started in %.2f s of CPU (interpreter and imports)", time.process_time())
    with local_executor(settings) as executor:
        summary = run_library(source, warehouse_path, settings, submit=executor.submit, log=run_log)
    tick = time.perf_counter()
    if write_run_review(summary, str(warehouse_path), run_log) is not None:
        run_log.info("review written in %.2f s", time.perf_counter() - tick)
    return summary


def _run_as_flow(
    source: Path, warehouse_path: Path, settings: Settings, runner: str, address: str | None, show_progress: bool,
    keep_logs: bool,
) -> RunSummary:
    """The run as a Prefect flow run: on the configured API, or on a temporary server bound to this process.

    The server answers only this run's processes (``private_temporary_server``
    gives it a secret before it starts) and dies with this process.
    """
    # By default the progress bar, the summary and a one-line error say what
    # happened; Prefect's own notes and tracebacks stay in its logs (and UI).
    os.environ["PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"] = "INFO" if keep_logs else "CRITICAL"
    from ingest.flows.task_runners import RunnerUnavailable, task_runner

    try:
        chosen_runner = task_runner(runner, settings.workers, address)
    except RunnerUnavailable as error:
        raise PreflightError(str(error)) from error
    from ingest.flows.ingest_flow import ingest
    from ingest.flows.private_server import private_temporary_server
    from ingest.flows.temporary_server import temporary_server

    flow = ingest.with_options(task_runner=chosen_runner)

    def start_flow() -> RunSummary:
        with private_temporary_server(), temporary_server():
            return flow(str(source), str(warehouse_path), settings)

    return _watched(start_flow, show_progress, keep_logs)


def _watched(start_run: Callable[[], RunSummary], show_progress: bool, keep_logs: bool) -> RunSummary:
    """Run with a progress bar and Ctrl-C/SIGTERM handled; ``keep_logs`` shows the run's log lines."""
    from ingest.report import FileProgressBar

    bar = FileProgressBar(console, visible=show_progress)
    say = lambda line: console.print(line, markup=False, highlight=False, soft_wrap=True)  # noqa: E731
    with stop_on_signals(say, keep_logs=keep_logs), bar, progress.watching(bar), _run_log_shown(keep_logs):
        return start_run()


@contextmanager
def _run_log_shown(shown: bool) -> Iterator[None]:
    """Within the block, the library's log lines (what a local run did and where its time went) go to stderr."""
    if not shown:
        yield
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s.%(msecs)03d | %(levelname)-7s | %(message)s", "%H:%M:%S"))
    previous = run_log.level
    run_log.addHandler(handler)
    run_log.setLevel(logging.INFO)
    try:
        yield
    finally:
        run_log.removeHandler(handler)
        run_log.setLevel(previous)


@app.command()
def serve(
    source: SourceOption = Path("seeds"),
    warehouse_path: WarehouseOption = warehouse.DEFAULT_WAREHOUSE,
    cron: Annotated[str, typer.Option(help="When to run, as a cron expression (UTC).")] = "0 2 * * *",
    name: Annotated[str, typer.Option(help="Deployment name shown in the Prefect UI.")] = "ingest-served",
    debug: DebugOption = False,
) -> None:
    """Serve the ingest flow on a schedule from this process (needs a running Prefect server).

    One command instead of a work pool and a worker: the deployment is created,
    and this process runs its scheduled and manually triggered runs until stopped.
    A scheduled run that finds another run on the warehouse waits for it to end
    instead of failing.
    """
    with _errors_in_one_line(debug):
        check_source(source)
        check_writable_warehouse(warehouse_path)
    from ingest.flows.ingest_flow import ingest

    ingest.serve(
        name=name,
        cron=cron,
        parameters={
            "source": str(source.resolve()),
            "warehouse_path": str(warehouse_path.resolve()),
            "settings": {"wait_for_lock": True},
        },
    )


@app.command(name="explain")
def explain_command(
    doc: Annotated[str, typer.Argument(help="A doc_id or a source_uri.")],
    warehouse_path: WarehouseOption = warehouse.DEFAULT_WAREHOUSE,
    debug: DebugOption = False,
) -> None:
    """Show a document's raw text with every removal and repair marked, and the reason for each."""
    with _errors_in_one_line(debug):
        check_readable_warehouse(warehouse_path)
    con = warehouse.connect(warehouse_path, read_only=True)
    try:
        explanation = explain(con, doc)
    except DocumentNotFound as error:
        console.print(str(error), style="red", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(1) from error
    finally:
        con.close()
    # Ids and paths are data, never markup: "[/red]" in a file name is text to show.
    out = Console()
    out.print(
        Text.assemble((explanation.source_uri, "bold"), f" ({explanation.doc_id}, {explanation.input_kind or 'kind unknown'})"),
        highlight=False,
    )
    for line in (describe_review(explanation), describe_duplicate(explanation)):
        if line is not None:
            out.print(line, markup=False, highlight=False)
    if not out.is_terminal:
        print(render_plain(explanation))
        return
    text = Text()
    for segment in explanation.segments:
        if segment.change == "removed":
            text.append(segment.text, style="strike red")
            text.append(f"⟨{segment.reason}⟩", style="dim red")
        elif segment.change == "edited":
            text.append(segment.text, style="strike yellow")
            text.append(segment.after, style="bold green")
            text.append(f"⟨{segment.reason}⟩", style="dim green")
        else:
            text.append(segment.text)
    out.print(text)


@app.command(name="export")
def export_command(
    directory: Annotated[Path, typer.Argument(help="Folder to write the export into (created if missing).")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="parquet, jsonl or csv.")] = "parquet",
    warehouse_path: WarehouseOption = warehouse.DEFAULT_WAREHOUSE,
    debug: DebugOption = False,
) -> None:
    """Write the warehouse (documents with every column, their changes, entities, mentions, rejects, runs) and a manifest."""
    from ingest.export import ExportError, export

    with _errors_in_one_line(debug, failure="the export failed"):
        check_readable_warehouse(warehouse_path)
        con = warehouse.connect(warehouse_path, read_only=True)
        try:
            manifest = export(con, directory, fmt)
        except ExportError as error:
            raise PreflightError(str(error)) from error
        finally:
            con.close()
    for written in manifest.files:
        console.print(f"{written.name}: {written.rows:,} rows")


JsonOption = Annotated[bool, typer.Option("--json", help="Print the rows as a JSON list of objects.")]
CsvOption = Annotated[bool, typer.Option("--csv", help="Print the rows as CSV with a header line.")]


def _print_rows(warehouse_path: Path, ask: Callable, as_json: bool, as_csv: bool, debug: bool) -> None:
    """Open the warehouse read-only, ask it, and print the answer as a table, JSON or CSV."""
    from ingest.row_output import render
    from ingest.warehouse_queries import connect_read_only

    with _errors_in_one_line(debug, failure="the query failed"):
        if as_json and as_csv:
            raise PreflightError("choose one of --json and --csv")
        check_readable_warehouse(warehouse_path)
        con = connect_read_only(warehouse_path)
        try:
            rows = ask(con)
        finally:
            con.close()
    out = Console()
    fmt = "json" if as_json else "csv" if as_csv else "table"
    print(render(rows, fmt, terminal_width=out.width if out.is_terminal else None), end="")


@app.command(name="query")
def query_command(
    sql: Annotated[str, typer.Argument(help="One SQL statement, run read-only.")],
    warehouse_path: WarehouseOption = warehouse.DEFAULT_WAREHOUSE,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    debug: DebugOption = False,
) -> None:
    """Run SQL on the warehouse, read-only, and print the rows (no other file can be read or written)."""
    from ingest.warehouse_queries import query

    _print_rows(warehouse_path, lambda con: query(con, sql), as_json, as_csv, debug)


@app.command(name="rejects")
def rejects_command(
    run_id: Annotated[str | None, typer.Option("--run", help="Only this run's rejects: a run id, or latest.")] = None,
    warehouse_path: WarehouseOption = warehouse.DEFAULT_WAREHOUSE,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    debug: DebugOption = False,
) -> None:
    """List the files runs refused, with the reason for each, newest first."""
    from ingest.warehouse_queries import rejects

    _print_rows(warehouse_path, lambda con: rejects(con, run_id), as_json, as_csv, debug)


@app.command(name="runs")
def runs_command(
    limit: Annotated[int | None, typer.Option(help="Show only the newest N runs.")] = None,
    warehouse_path: WarehouseOption = warehouse.DEFAULT_WAREHOUSE,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    debug: DebugOption = False,
) -> None:
    """List the runs that changed the warehouse, newest first, with status, counts and error."""
    from ingest.warehouse_queries import runs

    _print_rows(warehouse_path, lambda con: runs(con, limit), as_json, as_csv, debug)


@app.command(name="review")
def review_command(
    run_id: Annotated[str, typer.Option("--run", help="A run id, latest, or all (the whole warehouse).")] = "latest",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Folder of the pages (default: NAME.review/ beside the warehouse).")] = None,
    top: Annotated[int, typer.Option(min=0, help="Pages for the N documents with the largest share removed.")] = 25,
    sample: Annotated[int, typer.Option(min=0, help="Pages for a random sample of N more documents.")] = 25,
    seed: Annotated[int, typer.Option(help="Seed of the random sample.")] = 0,
    kind: Annotated[str | None, typer.Option(help="Only documents with a change of this kind.")] = None,
    rule: Annotated[str | None, typer.Option(help="Only documents with a change by this rule.")] = None,
    every_document: Annotated[bool, typer.Option("--every-document", help="A page for every document.")] = False,
    warehouse_path: WarehouseOption = warehouse.DEFAULT_WAREHOUSE,
    debug: DebugOption = False,
) -> None:
    """Write a static HTML review of a run: what cleaning removed and repaired, document by document."""
    from ingest.review import NothingToReview, Selection, review_folder, write_review
    from ingest.warehouse_queries import connect_read_only

    with _errors_in_one_line(debug, failure="the review failed"):
        check_readable_warehouse(warehouse_path)
        con = connect_read_only(warehouse_path)
        selection = Selection(run=run_id, top=top, sample=sample, seed=seed, kind=kind, rule=rule,
                              every_document=every_document)
        try:
            review = write_review(con, out or review_folder(warehouse_path), selection)
        except NothingToReview as error:
            raise PreflightError(str(error)) from error
        finally:
            con.close()
    console.print(f"{review.documents:,} document pages; open {review.index}", markup=False, highlight=False)


def main() -> None:
    """The ``ingest`` command, its process ended without the interpreter's teardown (``ingest.process_exit``)."""
    workers_skip_the_console_script()
    try:
        app()
    except SystemExit as exiting:
        exit_now(exiting.code)
    exit_now(0)
