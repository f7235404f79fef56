"""Incremental runs over record files: each record is new, changed, unchanged or deleted on its own."""

from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb
import pytest

from ingest.deletion_guard import MassDeleteRefused
from ingest.discover import SourceFile
from ingest.formats.records import RecordFields
from ingest.pipeline import process_batch
from ingest.runner import run
from ingest.settings import Settings
from ingest.source_records import SourceRecord, list_records

SETTINGS = Settings(skip_entities=True)


def article(number: int) -> str:
    words = ["harbour", "wheat", "tram", "vaccine", "turbine", "museum", "bridge", "orchard", "reactor", "library"]
    a, b, c = words[number % 10], words[number // 10 % 10], words[number // 100 % 10]
    return (
        f"Report {number}: officials inspected the {a} project near the {b} on day {number}. "
        f"They said the {c} works would cost {number * 37 % 1000} thousand euros and finish in {number % 12 + 1} months."
    )


def write_records(path: Path, texts: dict[str, str]) -> None:
    path.write_text("".join(json.dumps({"id": key, "text": text}) + "\n" for key, text in texts.items()), encoding="utf-8")
    # Older than the racy window, as a file written before the run would be: its stamp is trusted.
    old = path.stat().st_mtime_ns - 10_000_000_000
    os.utime(path, ns=(old, old))


def live(warehouse: Path) -> dict[str, str]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return dict(con.execute("SELECT source_uri, run_id FROM documents WHERE deleted_at IS NULL").fetchall())
    finally:
        con.close()


def incremental_runs(tmp_path: Path, count: int, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    # Stamps are trusted at once, as they are for files written more than 2 s before a run.
    monkeypatch.setattr("ingest.discover.RACY_WINDOW_NS", 0)
    source, warehouse = tmp_path / "src", tmp_path / "w.duckdb"
    source.mkdir()
    texts = {f"r{i}": article(i) for i in range(count)}
    write_records(source / "corpus.jsonl", texts)
    first = run(source, warehouse, settings)
    assert first.documents_loaded == count

    again = run(source, warehouse, settings)
    assert again.status == "unchanged" and again.files_unchanged == count

    texts["r3"] = article(3) + " The minister later revised the figure."
    write_records(source / "corpus.jsonl", texts)
    changed = run(source, warehouse, settings)
    assert (changed.documents_loaded, changed.files_unchanged, changed.documents_deleted) == (1, count - 1, 0)
    runs_now = live(warehouse)
    assert runs_now["corpus.jsonl#r3"] == changed.run_id
    assert sum(run_id == changed.run_id for run_id in runs_now.values()) == 1

    with monkeypatch.context() as patch:
        # The changed run stored the file's new stamp with every record: the next run reads none of them.
        patch.setattr("ingest.incremental.list_records", lambda *args: pytest.fail("an unchanged record file was read"))
        assert run(source, warehouse, settings).status == "unchanged"

    del texts["r5"]
    texts["new"] = article(count + 1)
    write_records(source / "corpus.jsonl", texts)
    edited = run(source, warehouse, settings)
    assert (edited.documents_loaded, edited.documents_deleted) == (1, 1)
    assert "corpus.jsonl#r5" not in live(warehouse) and "corpus.jsonl#new" in live(warehouse)


def test_one_changed_record_is_the_only_one_processed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    incremental_runs(tmp_path, 40, SETTINGS, monkeypatch)


@pytest.mark.slow
def test_one_changed_record_of_ten_thousand_is_the_only_one_processed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    incremental_runs(tmp_path, 10_000, SETTINGS.model_copy(update={"batch_size": 256}), monkeypatch)


def test_emptying_a_record_file_is_a_mass_deletion_refused(tmp_path: Path) -> None:
    source, warehouse = tmp_path / "src", tmp_path / "w.duckdb"
    source.mkdir()
    write_records(source / "corpus.jsonl", {f"r{i}": article(i) for i in range(6)})
    run(source, warehouse, SETTINGS)
    write_records(source / "corpus.jsonl", {"r0": article(0)})

    with pytest.raises(MassDeleteRefused, match="5 of the warehouse's 6 documents"):
        run(source, warehouse, SETTINGS)


def test_a_damaged_file_keeps_the_documents_it_no_longer_shows(tmp_path: Path) -> None:
    source, warehouse = tmp_path / "src", tmp_path / "w.duckdb"
    source.mkdir()
    texts = {f"r{i}": article(i) for i in range(4)}
    path = source / "corpus.jsonl.gz"
    import gzip

    path.write_bytes(gzip.compress("".join(json.dumps({"id": k, "text": t}) + "\n" for k, t in texts.items()).encode()))
    run(source, warehouse, SETTINGS)
    path.write_bytes(path.read_bytes()[:-30])  # a truncated copy: the last records cannot be read
    summary = run(source, warehouse, SETTINGS)

    assert summary.documents_deleted == 0 and len(live(warehouse)) == 4
    con = duckdb.connect(str(warehouse), read_only=True)
    [(uri, reason)] = con.execute("SELECT source_uri, reason FROM rejects").fetchall()
    assert uri == "corpus.jsonl.gz" and reason.startswith("the file is damaged after line")


@pytest.mark.parametrize("guarded", [False, True])
def test_a_record_changed_after_planning_is_refused_for_the_run_not_torn(tmp_path: Path, guarded: bool) -> None:
    path = tmp_path / "corpus.jsonl"
    write_records(path, {"a": article(1), "b": article(2)})
    planned = [r for r in list_records(SourceFile(path, "corpus.jsonl"), RecordFields()) if isinstance(r, SourceRecord)]
    write_records(path, {"a": article(1), "b": article(2) + " Changed."})
    limits = Settings().document_limits if guarded else None
    result = process_batch(planned, limits=limits)

    assert [d.source_uri for d in result.documents] == ["corpus.jsonl#a"]
    assert result.rejects == [("corpus.jsonl#b", "file changed while being read; the next run reads it again")]
