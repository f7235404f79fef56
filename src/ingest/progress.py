"""How far a run has come, told to whoever watches it (the ``ingest`` command's progress bar).

The run announces how many files it will process once planning is done, then each
batch's files as they come back from cleaning. Listeners are registered for the
duration of a run in the process that runs the flow; a run nobody watches
announces to no one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol


class ProgressListener(Protocol):
    def planned(self, files: int) -> None:
        """Planning is done: ``files`` new or changed files will be processed."""

    def processed(self, files: int) -> None:
        """``files`` more files were cleaned (loaded or refused)."""


_listeners: list[ProgressListener] = []


@contextmanager
def watching(listener: ProgressListener) -> Iterator[None]:
    """Tell ``listener`` how the runs started in this block progress."""
    _listeners.append(listener)
    try:
        yield
    finally:
        _listeners.remove(listener)


def planned(files: int) -> None:
    for listener in _listeners:
        listener.planned(files)


def processed(files: int) -> None:
    for listener in _listeners:
        listener.processed(files)
