"""The ``ingest`` command: a thin shell over the library and the Prefect flow."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

# Set before Prefect is imported: a local run needs no server and sends nothing out.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
# The temporary server of a local run can take a while to start on a busy machine.
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")

from pydantic import ValidationError  # noqa: E402

from ingest import warehouse  # noqa: E402
from ingest.entities.model import MODEL_LANGUAGES, MODEL_PACKAGE  # noqa: E402
from ingest.settings import COMMON_LINE_MIN_DOCUMENTS, DEFAULT_BATCH_SIZE, Settings  # noqa: E402
from ingest.explain import DocumentNotFound, describe_duplicate, explain, render_plain  # noqa: E402

app = typer.Typer(
    help="Turn raw documents into a clean, deduplicated, entity-tagged DuckDB warehouse.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console(stderr=True)

SourceOption = Annotated[Path, typer.Option("--source", "-s", help="Folder of raw documents (read recursively).")]
WarehouseOption = Annotated[Path, typer.Option("--warehouse", "-w", help="DuckDB warehouse file.")]


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
) -> None:
    """Run the ingest flow over SOURCE into the warehouse and print what it did.

    Exits 0 when the run completes, even with rejected files (see the rejects
    table); non-zero when the run itself fails, in which case the warehouse keeps
    its previous state.
    """
    if not source.is_dir():
        raise typer.BadParameter(f"{source} is not a folder", param_hint="--source")
    unknown = set(skip) - {"entities"}
    if unknown:
        raise typer.BadParameter(f"cannot skip {', '.join(sorted(unknown))}", param_hint="--skip")
    from ingest.flows.ingest_flow import ingest
    from ingest.flows.private_server import private_temporary_server
    from ingest.flows.task_runners import task_runner
    from ingest.report import summary_table

    try:
        settings = Settings(
            batch_size=batch_size, workers=workers, in_flight_batches=in_flight_batches,
            skip_entities="entities" in skip, memory_limit=memory_limit, ner_model=ner_model,
            ner_languages=tuple(ner_language), gazetteer=gazetteer, common_line_min_documents=common_line_min_documents,
        )
    except ValidationError as error:
        raise typer.BadParameter(str(error)) from error
    flow = ingest.with_options(task_runner=task_runner(runner, workers, address))
    with private_temporary_server():
        if sys.stderr.isatty():
            with console.status(f"Ingesting {source} into {warehouse_path} ..."):
                summary = flow(str(source), str(warehouse_path), settings)
        else:
            summary = flow(str(source), str(warehouse_path), settings)
    Console().print(summary_table(summary))


@app.command()
def serve(
    source: SourceOption = Path("seeds"),
    warehouse_path: WarehouseOption = warehouse.DEFAULT_WAREHOUSE,
    cron: Annotated[str, typer.Option(help="When to run, as a cron expression (UTC).")] = "0 2 * * *",
    name: Annotated[str, typer.Option(help="Deployment name shown in the Prefect UI.")] = "ingest-served",
) -> None:
    """Serve the ingest flow on a schedule from this process (needs a running Prefect server).

    One command instead of a work pool and a worker: the deployment is created,
    and this process runs its scheduled and manually triggered runs until stopped.
    """
    from ingest.flows.ingest_flow import ingest

    ingest.serve(
        name=name,
        cron=cron,
        parameters={"source": str(source.resolve()), "warehouse_path": str(warehouse_path.resolve())},
    )


@app.command(name="explain")
def explain_command(
    doc: Annotated[str, typer.Argument(help="A doc_id or a source_uri.")],
    warehouse_path: WarehouseOption = warehouse.DEFAULT_WAREHOUSE,
) -> None:
    """Show a document's raw text with every removal and repair marked, and the reason for each."""
    con = warehouse.connect(warehouse_path, read_only=True)
    try:
        explanation = explain(con, doc)
    except DocumentNotFound as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from error
    finally:
        con.close()
    out = Console()
    out.print(f"[bold]{explanation.source_uri}[/bold] ({explanation.doc_id})")
    if (duplicate := describe_duplicate(explanation)) is not None:
        out.print(duplicate, highlight=False)
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
    fmt: Annotated[str, typer.Option("--format", "-f", help="parquet or jsonl.")] = "parquet",
    warehouse_path: WarehouseOption = warehouse.DEFAULT_WAREHOUSE,
) -> None:
    """Write the current corpus (documents with metadata, entities, mentions) and a manifest for downstream tools."""
    from ingest.export import ExportError, export

    con = warehouse.connect(warehouse_path, read_only=True)
    try:
        manifest = export(con, directory, fmt)
    except ExportError as error:
        raise typer.BadParameter(str(error), param_hint="--format") from error
    finally:
        con.close()
    for written in manifest.files:
        console.print(f"{written.name}: {written.rows:,} rows")


def main() -> None:
    app()
