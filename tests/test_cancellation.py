"""An interruption asks the cleaning to stop before anything around it unwinds (``ingest.cancellation``)."""

from contextlib import contextmanager

import pytest

from ingest import cancellation


@pytest.fixture(autouse=True)
def no_stop_left():
    cancellation.clear_stop()
    yield
    cancellation.clear_stop()


@contextmanager
def unwinding(seen: list[bool]):
    """Stands for what a run unwinds (a transaction, a connection): records whether the stop was already asked."""
    try:
        yield
    finally:
        seen.append(cancellation.stop_requested())


@pytest.mark.parametrize("interruption", [KeyboardInterrupt, SystemExit, cancellation.Cancelled])
def test_an_interruption_asks_the_stop_before_the_run_unwinds(interruption):
    seen: list[bool] = []
    with pytest.raises(interruption):
        with unwinding(seen), cancellation.stopping_on_interrupt():
            raise interruption()
    assert seen == [True]


def test_a_failure_lets_the_other_batches_finish():
    seen: list[bool] = []
    with pytest.raises(ValueError):
        with unwinding(seen), cancellation.stopping_on_interrupt():
            raise ValueError("a defect, not a stop")
    assert seen == [False]
    assert not cancellation.stop_requested()
