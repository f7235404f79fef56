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
(``run_is_failing``), and a run checks for a stop signal
once more before it publishes (``publishing_begins``). A signal that arrives
during the swap waits for its end, a fraction of a second: raised after the
file was replaced, it would leave the published run recorded as failed.
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

# Time for the run to report its end to Prefect and record its failed row, which
# takes well under a second; past it the process exits without them (the kernel
# stops the temporary server, the OS releases the files), inside the 5 s a user
# waits for Ctrl-C to take.
GRACE_SECONDS = 4.0
# How often the watchdog raises the stop again in the main thread until the run has taken it.
RAISE_AGAIN_SECONDS = 0.2
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


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
    global _current
    if threading.current_thread() is not threading.main_thread():  # signals can only be handled there
        yield
        return
    stop = _current = _Stop(say, keep_logs)
    previous = {signum: signal.signal(signum, stop.handle) for signum in STOP_SIGNALS}
    try:
        yield
        if stop.signum is not None:  # its exception was lost, and the block had nothing left to publish
            _exit_stopped(stop.signum)
    except BaseException:
        # The signal may come out as another error: raised inside DuckDB's own check
        # for signals, it surfaces as DuckDB's interrupt, and the run fails with it.
        if stop.signum is None:
            raise
        _exit_stopped(stop.signum)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        _current = None


class _Stop:
    """A ``stop_on_signals`` block's stop: the signal taken, one held while the run publishes, and whether it has."""

    def __init__(self, say: Callable[[str], None], keep_logs: bool) -> None:
        self.say = say
        self.keep_logs = keep_logs
        self.signum: int | None = None
        self.failing = False
        self.held: int | None = None
        self.publishing = False
        self.published = False

    def handle(self, signum: int, frame: object) -> None:
        if self.signum is not None:
            if not self.failing:
                raise RunInterrupted(self.signum)  # the first was lost on its way (see the module's docstring)
            return
        if self.publishing:
            self.held = self.held or signum
            return
        self.take(signum)

    def take(self, signum: int) -> None:
        """Say the stop's one line, start its watchdog, and raise it in the main thread unless the run is failing already.

        A run that is failing records its failure and unwinds as it is; the block
        then exits with the signal's code.
        """
        self.signum = signum
        outcome = "its data was already published" if self.published else "the warehouse keeps its previous state"
        self.say(f"{signal.Signals(signum).name}: stopping the run; {outcome}")
        if not self.keep_logs:
            logging.disable(logging.CRITICAL)
        threading.Thread(target=self._watch, args=(threading.get_ident(),), daemon=True).start()
        if not self.failing:
            raise RunInterrupted(signum)

    def _watch(self, main_thread: int) -> None:
        """Raise the stop again in the main thread until the run is failing; end the process after ``GRACE_SECONDS``."""
        deadline = time.monotonic() + GRACE_SECONDS
        while time.monotonic() < deadline:
            time.sleep(RAISE_AGAIN_SECONDS)
            if not self.failing:
                signal.pthread_kill(main_thread, self.signum)
        os._exit(128 + self.signum)


_current: _Stop | None = None


def run_is_failing() -> None:
    """The run is unwinding from a failure: a stop signal's exception, or the error DuckDB raises in its stead, reached it.

    From here the watchdog raises the stop no more, so that the run's failure is
    recorded whole.
    """
    if _current is not None:
        _current.failing = True


def publishing_begins() -> None:
    """Raise ``RunInterrupted`` if a stop signal has arrived, else hold any until ``publishing_ended``.

    Called just before a run's swap. The user was told the warehouse keeps its
    previous state: a run whose exception was lost on its way must not publish
    in the moment before the watchdog raises it again. And a stop raised in the
    swap itself, after the file was replaced, would record the published run as
    failed and say the warehouse was as it was.
    """
    if _current is None:
        return
    if _current.signum is not None:
        raise RunInterrupted(_current.signum)
    _current.publishing = True


def publishing_ended(published: bool) -> None:
    """The swap is over, done or not: a stop held meanwhile is taken now, its line saying which."""
    if _current is None or not _current.publishing:
        return
    _current.publishing = False
    _current.published = published
    if _current.held is not None:
        _current.take(_current.held)


def _exit_stopped(signum: int) -> None:
    """End the process stopped by ``signum``, its one line already said.

    The run has stopped and reported it; what is left are worker threads still
    cleaning batches nobody will load, which interpreter exit would wait for.
    Nothing of theirs is needed, so the process ends here.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(128 + signum)
