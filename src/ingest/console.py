"""The ``ingest`` console script: a run's cleaning workers start importing before the command line does.

A run's first half second goes to importing the command line and the runner
(typer, rich, pydantic, DuckDB, pyarrow) on one core. The guards' fork server
(``ingest.guard``) then imported the cleaning stack for about as long again,
since it started only once the plan held files to process, and the first batch
waited for it. Started here, before anything else, its imports run on the second
core meanwhile. A run that finds nothing to do forks no worker from it; its
imports cost that run the idle core's time, not the user's.
"""

from __future__ import annotations

import sys

# Asking for a command's help starts no run.
HELP_OPTIONS = frozenset({"--help", "-h"})
# The exit status of a command stopped by Ctrl-C: 128 and SIGINT's number, as the command's own (``ingest.cli``).
INTERRUPTED = 130


def main() -> None:
    """``ingest``: the fork server started first when the command is a run, then the command line."""
    if starts_a_run(sys.argv[1:]):
        _start_cleaning_workers()
    try:
        from ingest.cli import main as command
    except KeyboardInterrupt:
        sys.exit(INTERRUPTED)  # Ctrl-C before the command began: nothing to undo, no traceback to show
    command()


def starts_a_run(arguments: list[str]) -> bool:
    """Whether the command line asks for ``ingest run`` (and not for its help)."""
    return arguments[:1] == ["run"] and not HELP_OPTIONS.intersection(arguments)


def _start_cleaning_workers() -> None:
    """The fork server, with the cleaning stack but no costly format: which ones the run needs is not known yet.

    A worker asked to read a PDF or an HTML page imports its format then (a third
    of a second, once in the worker's life), which the server's own imports, on
    the run's critical path here, would cost every run.
    """
    from ingest import fork_server
    from ingest.worker_processes import workers_skip_the_console_script

    workers_skip_the_console_script()  # before the server records the main module its children import
    fork_server.start_fork_server(formats=())
