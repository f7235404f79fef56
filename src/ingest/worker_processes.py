"""What every worker process of a run does first, whichever pool started it."""

from __future__ import annotations

import importlib.util
import signal
import sys

from ingest.parent_watch import exit_when_parent_ends


def ignore_interrupts() -> None:
    """In a worker process: leave Ctrl-C to the run, which stops the workers itself.

    The terminal sends Ctrl-C to every process of the run; a worker that took it
    would print a traceback of its own for the user's one keystroke.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def start_worker() -> None:
    """In a worker process: Ctrl-C is the run's, and the worker ends with the run, ``kill -9`` included.

    The pool starts workers from whichever thread submits, so the kernel's
    parent-death signal (which follows that thread) would not do: the worker
    watches its parent instead.
    """
    ignore_interrupts()
    exit_when_parent_ends()


def workers_skip_the_console_script() -> None:
    """In the ``ingest`` command: the worker processes it starts do not run its script again.

    A process started by spawn or by the fork server first runs the parent's main
    module again, unless that module was run by name and is a package's
    ``__main__``. The ``ingest`` console script is run by path, and all it does is
    ``from ingest.cli import main``: 0.3 s of imports (the command line, the
    warehouse, pyarrow) in every guard and pool worker before its first document,
    for nothing a worker runs. The script is the program ``python -m ingest``
    runs, so it takes that module's name, and the workers skip it as they would
    under ``python -m ingest``.
    """
    main = sys.modules["__main__"]
    if getattr(main, "__spec__", None) is None:
        main.__spec__ = importlib.util.find_spec("ingest.__main__")
