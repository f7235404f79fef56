"""``ingest.run`` without Prefect: a failed run's row, the bound on batches in flight, settings reaching the stages."""

from __future__ import annotations

import shutil
from concurrent.futures import Future
from pathlib import Path

import pydantic
import pytest

from ingest import Settings, run, warehouse
from ingest.pipeline import process_batch
from ingest.runner import run_inline

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
NO_ENTITIES = Settings(batch_size=1, skip_entities=True)


@pytest.fixture
def source(tmp_path: Path) -> Path:
    root = tmp_path / "source"
    shutil.copytree(SEEDS, root)
    return root


def rows(path: Path, query: str) -> list[tuple]:
    con = warehouse.connect(path, read_only=True)
    try:
        return con.execute(query).fetchall()
    finally:
        con.close()


class CleaningBreaks:
    """A submit that runs steps inline until the ``nth`` batch to clean, which raises."""

    def __init__(self, nth: int) -> None:
        self.nth, self.batches = nth, 0

    def __call__(self, step, *args) -> Future:
        if step is process_batch:
            self.batches += 1
            if self.batches == self.nth:
                raise RuntimeError("worker lost")
        return run_inline(step, *args)


def test_a_failed_run_leaves_the_previous_data_and_a_failed_row(source, tmp_path):
    path = tmp_path / "w.duckdb"
    first = run(source, path, NO_ENTITIES)
    seed = (source / sorted(p.name for p in SEEDS.iterdir())[0]).read_text(encoding="utf-8")
    for number in (1, 2):  # two batches: the first is committed into the staging copy, the second breaks
        (source / f"added-{number}.txt").write_text(seed + f"\nA paragraph added to copy {number}.\n", encoding="utf-8")
    documents_before = rows(path, "SELECT doc_id, text FROM documents ORDER BY 1")

    with pytest.raises(RuntimeError, match="worker lost"):
        run(source, path, NO_ENTITIES, submit=CleaningBreaks(nth=2), run_id="the-failed-run")

    assert rows(path, "SELECT doc_id, text FROM documents ORDER BY 1") == documents_before
    assert rows(path, "SELECT run_id, status, finished_at IS NOT NULL FROM runs ORDER BY started_at") == [
        (first.run_id, "completed", True), ("the-failed-run", "failed", True)]
    assert not path.with_name(path.name + ".staging").exists()


class CountsInFlight:
    """A submit that runs each step only when its result is asked for, counting submitted, unresolved steps."""

    def __init__(self) -> None:
        self.pending, self.most = 0, 0

    def __call__(self, step, *args) -> "Deferred":
        self.pending += 1
        self.most = max(self.most, self.pending)
        return Deferred(self, step, args)


class Deferred:
    def __init__(self, counter: CountsInFlight, step, args) -> None:
        self.counter, self.step, self.args = counter, step, args

    def result(self):
        self.counter.pending -= 1
        return self.step(*self.args)


def test_batches_in_flight_are_bounded_and_the_rows_do_not_depend_on_it(source, tmp_path):
    counter = CountsInFlight()
    deferred = run(source, tmp_path / "deferred.duckdb", Settings(batch_size=1, skip_entities=True,
                                                                  in_flight_batches=2), submit=counter)
    inline = run(source, tmp_path / "inline.duckdb", NO_ENTITIES)

    # Five one-file batches, at most two submitted and not yet loaded (planning is one step of its own).
    assert counter.most == 2
    assert deferred.documents_loaded == inline.documents_loaded == 5
    query = "SELECT doc_id, text, duplicate_of FROM documents ORDER BY 1"
    assert rows(tmp_path / "deferred.duckdb", query) == rows(tmp_path / "inline.duckdb", query)


def test_the_ner_languages_setting_decides_what_is_tagged(source, tmp_path):
    summary = run(source, tmp_path / "w.duckdb", Settings(ner_languages=("de",)))

    assert summary.documents_loaded == 5
    assert (summary.mentions, summary.languages_skipped_by_ner) == (0, 5)


def test_settings_from_deployment_parameters_are_checked_and_converted():
    settings = Settings.model_validate({"batch_size": "8", "workers": 3, "ner_languages": ["en", "de"],
                                        "gazetteer": "places.jsonl"})
    assert (settings.batch_size, settings.ner_languages, settings.gazetteer) == (8, ("en", "de"), Path("places.jsonl"))
    assert settings.batches_in_flight == 6  # two a worker
    assert Settings().batches_in_flight == 4  # never fewer than four
    with pytest.raises(pydantic.ValidationError):
        Settings.model_validate({"batchsize": 8})
    with pytest.raises(pydantic.ValidationError):
        Settings(batch_size=0)


def test_batches_are_written_on_one_of_duckdbs_threads(source, tmp_path, monkeypatch):
    import ingest.load

    seen = []
    write_documents = ingest.load.write_documents

    def noting_threads(con, *args, **kwargs):
        seen.append(con.execute("SELECT current_setting('threads')").fetchone()[0])
        return write_documents(con, *args, **kwargs)

    monkeypatch.setattr(ingest.load, "write_documents", noting_threads)
    run(source, tmp_path / "w.duckdb", NO_ENTITIES)
    assert seen and set(seen) == {1}
