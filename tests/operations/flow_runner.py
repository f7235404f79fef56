"""Run ``ingest.run`` in this process, stopping forever at a named point so a test can kill it there.

Usage: ``python flow_runner.py SOURCE WAREHOUSE`` with ``INGEST_PAUSE_AT`` set to
one of ``PAUSE_POINTS`` and ``INGEST_PAUSE_SIGNAL`` to a file created when the
point is reached. The points are reached by wrapping the library functions the
run calls at that moment, so the run itself carries no test hook.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path


def pause_here() -> None:
    Path(os.environ["INGEST_PAUSE_SIGNAL"]).write_text(str(os.getpid()))
    while True:
        time.sleep(60)


def every_call(*args, **kwargs) -> bool:
    return True


def pause_before(owner, name: str, call: int = 1, counts: Callable[..., bool] = every_call) -> None:
    """Replace ``owner.name`` by a wrapper that pauses on its ``call``-th counted call, before doing anything.

    ``counts`` picks the calls that count, given the call's arguments: the others
    go straight to the original.
    """
    original = getattr(owner, name)
    calls = 0

    def wrapper(*args, **kwargs):
        nonlocal calls
        if counts(*args, **kwargs):
            calls += 1
            if calls == call:
                pause_here()
        return original(*args, **kwargs)

    setattr(owner, name, wrapper)


def pause_after(owner, name: str, counts: Callable[..., bool] = every_call) -> None:
    """Replace ``owner.name`` by a wrapper that pauses once its first counted call has returned."""
    original = getattr(owner, name)

    def wrapper(*args, **kwargs):
        result = original(*args, **kwargs)
        if counts(*args, **kwargs):
            pause_here()
        return result

    setattr(owner, name, wrapper)


def replaces(target: Path) -> Callable[..., bool]:
    """Whether an ``os.replace`` call writes ``target``.

    ``staging.os`` is the ``os`` module itself: its ``replace`` is the one every
    library in the process calls, so only the warehouse's own swap may count.
    """
    return lambda source, destination, *args, **kwargs: Path(destination) == target


def install(point: str, warehouse_path: Path) -> None:
    from ingest import load, runner, runs
    from ingest.warehouse import staging

    if point == "processing":  # inside the cleaning of the second batch
        pause_before(runner, "process_batch", call=2)
    elif point == "load":  # inside the transaction, one batch already written
        pause_before(load, "write_documents", call=2)
    elif point == "before-commit":  # the last statement of the transaction, before COMMIT
        pause_before(load, "mark_deleted")
    elif point == "after-commit":  # the staging file is committed, not yet published
        pause_before(runs, "finish_run")
    elif point == "swap":  # the staging file is synced, os.replace not yet called
        pause_before(staging.os, "replace", counts=replaces(warehouse_path))
    elif point == "after-swap":  # os.replace done, the folder not yet synced
        pause_after(staging.os, "replace", counts=replaces(warehouse_path))
    elif point != "none":
        raise SystemExit(f"unknown pause point {point!r}")


PAUSE_POINTS = ["processing", "load", "before-commit", "after-commit", "swap", "after-swap"]


def main() -> None:
    source, warehouse_path = sys.argv[1:3]
    install(os.environ.get("INGEST_PAUSE_AT", "none"), Path(warehouse_path))
    from ingest import Settings, run

    settings = Settings(batch_size=1, skip_entities=os.environ.get("INGEST_SKIP_ENTITIES") == "1")
    print(run(source, warehouse_path, settings).status)


if __name__ == "__main__":
    main()
