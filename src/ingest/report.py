"""Human-readable run summaries: a markdown artifact for Prefect's UI, a table for the terminal."""

from __future__ import annotations

from rich.table import Table

from ingest.runs import RunSummary

_COUNTS = [
    ("files seen", "files_seen"),
    ("files unchanged (skipped)", "files_unchanged"),
    ("documents loaded", "documents_loaded"),
    ("documents marked deleted", "documents_deleted"),
    ("duplicates", "duplicates"),
    ("rejects", "rejects"),
    ("spans removed", "removed_spans"),
    ("repairs", "edits"),
    ("entities in warehouse", "entities"),
    ("mentions", "mentions"),
    ("documents not tagged (language)", "languages_skipped_by_ner"),
]


def summary_rows(summary: RunSummary) -> list[tuple[str, str]]:
    """The run's figures as (label, value) pairs, in reading order."""
    rows = [(label, f"{getattr(summary, field):,}") for label, field in _COUNTS]
    rows += [(f"  removed: {kind}", f"{count:,}") for kind, count in sorted(summary.removed_by_kind.items())]
    rows.append(("time taken", f"{summary.seconds:.1f} s"))
    return rows


def markdown_report(summary: RunSummary) -> str:
    lines = [f"# Ingest run `{summary.run_id}`: {summary.status}", "", "| what | count |", "|---|---:|"]
    lines += [f"| {label} | {value} |" for label, value in summary_rows(summary)]
    return "\n".join(lines) + "\n"


def summary_table(summary: RunSummary) -> Table:
    table = Table(title=f"ingest run {summary.run_id}: {summary.status}", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    for label, value in summary_rows(summary):
        table.add_row(label, value)
    return table
