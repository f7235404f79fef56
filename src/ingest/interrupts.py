"""Stopping a run on Ctrl-C or SIGTERM: within seconds, with one line, the warehouse as it was.

A run is all or nothing (it writes a staging copy that only a completed run
publishes), so stopping is always safe; what it needs is to be quick and quiet.
The signal is turned into ``RunInterrupted`` in the main thread, so the flow
records its ``failed`` row and Prefect marks the run crashed as for any error; a
watchdog ends the process if that takes longer than ``GRACE_SECONDS``. A signal
that lands inside a DuckDB query comes out as DuckDB's own error; the process
still ends with the signal's exit code and its one line.

The exception can also be lost on its way: raised inside an import that a
library makes lazily and guards with a broad ``except`` (DuckDB's own, for the
optional modules it converts values with), it is taken for "not installed",
and the run goes on. So the watchdog raises it again until the run has taken it
(``ingest.cancellation.stop_requested``), and a run checks for a stop signal
once more before it publishes (``check_not_stopped``).
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from ingest import cancellation

# Time for the run to report its end to Prefect and record its failed row, which
# takes well under a second; past it the process exits without them (the kernel
# stops the temporary server, the OS releases the files), inside the 5 s a user
# waits for Ctrl-C to take.
GRACE_SECONDS = 4.0
# How often the watchdog raises the stop again in the main thread until the run has taken it.
RAISE_AGAIN_SECONDS = 0.2
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
# The signal that stopped this process's run, once one has: a run checks it before it publishes.
_received: list[int] = []
# Set once the run's data has replaced the warehouse's, which a stop cannot take back.
_published = threading.Event()


class RunInterrupted(KeyboardInterrupt):
    """The run was stopped by a signal; Prefect treats it as it treats Ctrl-C."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        """128 plus the signal's number, as shells report a process a signal ended."""
        return 128 + self.signum


@contextmanager
def stop_on_signals(say: Callable[[str], None], keep_logs: bool = False) -> Iterator[None]:
    """Within the block, Ctrl-C and SIGTERM stop the run: ``say`` one line, raise ``RunInterrupted``, then exit.

    The process exits with 128 plus the signal's number once the block has unwound
    (the run recorded its end, the temporary server stopped), or after
    ``GRACE_SECONDS`` if that takes longer.

    Unless ``keep_logs``, logging is silenced from the signal on, so the crash
    reports of the parts being stopped do not bury the one line. A second signal
    while stopping is ignored once the run has taken the first: the watchdog
    already bounds the wait.
    """
    if threading.current_thread() is not threading.main_thread():  # signals can only be handled there
        yield
        return

    def handle(signum: int, frame: object) -> None:
        if _received:
            if not cancellation.stop_requested():
                raise RunInterrupted(_received[0])  # the first was lost on its way (see the module's docstring)
            return
        _received.append(signum)
        outcome = "its data was already published" if _published.is_set() else "the warehouse keeps its previous state"
        say(f"{signal.Signals(signum).name}: stopping the run; {outcome}")
        if not keep_logs:
            logging.disable(logging.CRITICAL)
        threading.Thread(target=_watch_the_stop, args=(threading.get_ident(), signum), daemon=True).start()
        raise RunInterrupted(signum)

    previous = {signum: signal.signal(signum, handle) for signum in STOP_SIGNALS}
    try:
        yield
        if _received:  # its exception was lost, and the block had nothing left to publish
            _exit_stopped(_received[0])
    except BaseException:
        # The signal may come out as another error: raised inside DuckDB's own check
        # for signals, it surfaces as DuckDB's interrupt, and the run fails with it.
        if not _received:
            raise
        _exit_stopped(_received[0])
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        _received.clear()
        _published.clear()


def check_not_stopped() -> None:
    """Raise ``RunInterrupted`` if a stop signal has arrived: a run's last safe point before it publishes.

    The user was told the warehouse keeps its previous state; a run whose
    exception was lost on its way must not publish in the moment before the
    watchdog raises it again.
    """
    if _received:
        raise RunInterrupted(_received[0])


def _exit_stopped(signum: int) -> None:
    """End the process stopped by ``signum``, its one line already said.

    The run has stopped and reported it; what is left are worker threads still
    cleaning batches nobody will load, which interpreter exit would wait for.
    Nothing of theirs is needed, so the process ends here.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(128 + signum)


def note_published() -> None:
    """Tell a stop from now on that the run has published: its line must not say the warehouse is as it was.

    What a run does after it published (its review, its summary) can still be stopped.
    """
    _published.set()


def _watch_the_stop(main_thread: int, signum: int) -> None:
    """Raise the stop again in the main thread until the run has taken it; end the process after ``GRACE_SECONDS``."""
    deadline = time.monotonic() + GRACE_SECONDS
    while time.monotonic() < deadline:
        time.sleep(RAISE_AGAIN_SECONDS)
        if not cancellation.stop_requested():
            signal.pthread_kill(main_thread, signum)
    os._exit(128 + signum)
