"""Asking the cleaning under way in this process to stop at its next safe point.

A rule runs to its end (it is pure and holds no resource), so cleaning checks
between rules and between the sections of a large document: a stop asked for
while a 60 MB document is being cleaned takes effect within one rule's run on one
section, not after the whole document. Whoever handles the interruption (a signal
handler, a task runner's cancel) calls ``request_stop``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class Cancelled(BaseException):
    """Raised at a safe point after a stop was requested.

    A ``BaseException``, like ``KeyboardInterrupt``: code that turns a failing
    file's ``Exception`` into a reject must let a stop through.
    """


_stop = threading.Event()


def request_stop() -> None:
    """Ask every thread of this process that cleans to stop at its next check."""
    _stop.set()


def clear_stop() -> None:
    """Forget a stop request (before the next run in a long-lived process)."""
    _stop.clear()


def stop_requested() -> bool:
    return _stop.is_set()


def check_stop() -> None:
    """Raise ``Cancelled`` when a stop was requested; a safe point between two steps."""
    if _stop.is_set():
        raise Cancelled("cleaning stopped on request")


@contextmanager
def stopping_on_interrupt() -> Iterator[None]:
    """Within the block, an interruption (Ctrl-C, a stop signal) asks this process's cleaning to stop at once.

    At once, before the block unwinds: what unwinding does (a transaction rolled
    back, a connection closed, a staging copy dropped) takes long enough for a
    cleaning thread to go through many more rules. An interruption is any
    ``BaseException`` that is not an ``Exception``; a failure leaves the batches
    to finish as they would.
    """
    try:
        yield
    except BaseException as error:
        if not isinstance(error, Exception):
            request_stop()
        raise
