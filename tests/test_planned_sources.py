"""The plan's sources held as Arrow columns: the same sources, in the same order, pickled or spilled to disk."""

import pickle
from pathlib import Path

from ingest.discover import SourceFile
from ingest.formats.records import RecordFields
from ingest.planned_sources import CHUNK, PlannedSources, in_batches
from ingest.runner import plan_source
from ingest.source_records import SourceRecord


def mixed_sources(count):
    root = Path("/data/source")
    fields = RecordFields(text="body", id="url")
    for number in range(count):
        if number % 3:
            yield SourceRecord(root / "feed.jsonl", f"feed.jsonl#r{number}", root, f"r{number}", number + 1, 120 * number, f"{number:064x}", fields)
        else:
            yield SourceFile(root / f"doc {number}.txt", f"doc%20{number}.txt", None if number % 2 else root)


def test_sources_come_back_equal_and_in_order_from_memory_a_pickle_and_a_spill():
    expected = list(mixed_sources(2 * CHUNK + 5))
    planned = PlannedSources(expected)
    assert len(planned) == len(expected) and list(planned) == expected
    shipped = pickle.loads(pickle.dumps(planned))
    assert list(shipped) == expected
    shipped.spill()
    assert len(shipped) == len(expected)
    assert list(shipped) == expected and list(shipped) == expected  # read back again from the start
    assert [len(batch) for batch in in_batches(shipped, 64)][-2:] == [64, len(expected) % 64]
    shipped.close()
    assert not shipped and list(shipped) == []


def test_an_empty_plan_is_false_and_spills_to_nothing():
    planned = PlannedSources()
    planned.spill()
    assert not planned and list(planned) == []


def test_a_planned_record_file_reads_back_each_record_it_planned(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    (source / "feed.jsonl").write_text("".join(f'{{"id": "a{n}", "text": "Record number {n} of the feed."}}\n' for n in range(50)))
    (source / "note.txt").write_text("A plain file beside the records.")
    plan = plan_source(str(source), str(tmp_path / "w.duckdb"))
    planned = list(plan.to_process)
    plan.to_process.spill()
    assert list(plan.to_process) == planned
    records = [s for s in planned if isinstance(s, SourceRecord)]
    assert [r.record_id for r in records] == [f"a{n}" for n in range(50)]
    assert [s.source_uri for s in planned if not isinstance(s, SourceRecord)] == ["note.txt"]
