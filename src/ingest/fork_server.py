"""The guards' fork server: what it imports before it forks a worker, and when it starts and stops.

Every guard's child (``ingest.guard``) and every tagging pool's process is forked
from multiprocessing's fork server, so each starts with the pipeline imported
instead of paying for it itself. Kept apart from the guard so that the
``ingest`` command can start the server before anything else
(``ingest.console``): this module imports no more than multiprocessing.
"""

from __future__ import annotations

import atexit
import multiprocessing
import multiprocessing.forkserver
import multiprocessing.resource_tracker
import os
import signal
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

CONTEXT = multiprocessing.get_context("forkserver")
# Imported once by the fork server, so that each worker starts with the pipeline loaded:
# its steps, the cleaning stack they import when first called (the run's own
# process, which only drives the guards, never imports it), the input formats a
# run's files call for (``FORMAT_PRELOADS``), and what the cleaning stack loads on
# first use (``ingest.guard_warm``, last).
PRELOADED = (
    "ingest.guard_server", "ingest.guard_worker", "ingest.pipeline", "ingest.clean", "ingest.language",
    "ingest.dedup.evidence", "ingest.boilerplate.text_kind", "ingest.formats.markdown",
)
WARM_LAST = "ingest.guard_warm"
# The costly formats (pdfminer; lxml, trafilatura and the other extractors: about a
# third of a second of CPU together), preloaded when a run's files call for them. A
# worker asked to read a format its server did not preload imports it then.
FORMAT_PRELOADS = {"pdf": "ingest.formats.pdf", "html": "ingest.formats.html"}


def preloads(formats: Iterable[str]) -> list[str]:
    """What the fork server imports before it forks a worker, with these costly formats among it."""
    return [*PRELOADED, *(FORMAT_PRELOADS[name] for name in sorted(formats)), WARM_LAST]


def start_fork_server(formats: Iterable[str] = FORMAT_PRELOADS) -> None:
    """Start the fork server now, so that its imports overlap the caller's own start-up.

    The first guard of a run otherwise starts it and waits for its imports.
    ``formats`` are the costly formats (``FORMAT_PRELOADS``) to prepare the workers
    for; a server already running keeps what it preloaded.
    """
    CONTEXT.set_forkserver_preload(preloads(formats))
    # The server starts the resource tracker first, which unblocks Ctrl-C once it
    # has spawned its own process: started before, it is left running then.
    multiprocessing.resource_tracker.ensure_running()
    with _ctrl_c_held():
        multiprocessing.forkserver.ensure_running()


@contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Ctrl-C held back from the calling thread while the server is spawned, which starts with it blocked.

    The server ignores Ctrl-C once its imports are done, and its workers do too:
    the run stops them. A Ctrl-C that reached it while it still imported printed a
    ``KeyboardInterrupt`` traceback under the run's one line. Blocked, not ignored:
    a Ctrl-C meant for the run that arrives meanwhile goes to another of its
    threads or waits until this one unblocks it, where an ignored one was lost.
    A signal mask is each thread's own, so this holds whichever thread starts the server.
    """
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def stop_fork_server() -> None:
    """Stop the fork server this process started, at once, even while it is still importing.

    Run at exit (registered when this module is first imported, so before the
    guards' ``close_all``, which therefore runs first). The ``ingest`` command starts the server before it knows whether
    its run has work (``ingest.console``); one that found none would leave the
    server importing the cleaning stack for most of a second after the command
    ended, holding the command's standard output and error open, so that a pipe's
    reader (a script, a scheduler's log) waited for it.
    """
    server = multiprocessing.forkserver._forkserver
    pid = getattr(server, "_forkserver_pid", None)
    if pid is None:
        return
    try:
        os.kill(pid, signal.SIGTERM)
        server._stop()
    except (ProcessLookupError, ChildProcessError):  # it died and was reaped already (a Ctrl-C reaches it too)
        server._forkserver_pid = None


# Unless a run says which formats its files call for (``start_fork_server``), every one.
CONTEXT.set_forkserver_preload(preloads(FORMAT_PRELOADS))
atexit.register(stop_fork_server)
