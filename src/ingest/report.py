"""Human-readable runs: a progress bar while it goes, then a markdown artifact for Prefect's UI and a table for the terminal."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from ingest.runs import RunSummary

_COUNTS = [
    ("files seen", "files_seen"),
    ("files unchanged (skipped)", "files_unchanged"),
    ("documents loaded", "documents_loaded"),
    ("documents marked deleted", "documents_deleted"),
    ("duplicates", "duplicates"),
    ("rejects", "rejects"),
    ("documents flagged for review", "documents_flagged"),
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


@dataclass(frozen=True)
class ReviewNote:
    """Where a run's review was written (None when it could not be), the command that writes it again, and why not."""

    index: Path | None
    command: str
    error: str | None = None


def markdown_report(summary: RunSummary, review: ReviewNote | None = None) -> str:
    lines = [f"# Ingest run `{summary.run_id}`: {summary.status}", "", "| what | count |", "|---|---:|"]
    lines += [f"| {label} | {value} |" for label, value in summary_rows(summary)]
    if review is not None:
        lines.append("")
        if review.index is not None:
            lines.append(f"Review of this run: `{review.index}` (open it in a browser; no server needed).")
        else:
            lines.append(f"The review of this run could not be written: {review.error}.")
        lines.append(f"To write it again: `{review.command}`")
    return "\n".join(lines) + "\n"


def summary_table(summary: RunSummary) -> Table:
    table = Table(title=f"ingest run {summary.run_id}: {summary.status}", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    for label, value in summary_rows(summary):
        table.add_row(label, value)
    return table


class FilesPerSecond(ProgressColumn):
    """The recent rate of files processed (rich's own rate columns count bytes)."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("" if speed is None else f"{speed:,.1f} files/s", style="progress.data.speed")


class FileProgressBar:
    """A terminal progress bar of a run's files: planning, then processed of planned, with rate and time left.

    A ``progress`` listener (see ``ingest.progress``); invisible when ``visible`` is
    false, so the caller need not ask twice whether to show it.
    """

    def __init__(self, console: Console, visible: bool = True) -> None:
        self._progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("files"),
            FilesPerSecond(), TimeElapsedColumn(), TimeRemainingColumn(),
            console=console, transient=True, disable=not visible,
        )
        self._task = self._progress.add_task("planning", total=None)

    def __enter__(self) -> "FileProgressBar":
        self._progress.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self._progress.stop()

    def planned(self, files: int) -> None:
        self._progress.reset(self._task, total=files, description="processing")

    def processed(self, files: int) -> None:
        self._progress.advance(self._task, files)
