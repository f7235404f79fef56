"""What every worker process of a run does first, whichever pool started it."""

from __future__ import annotations

import signal

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
