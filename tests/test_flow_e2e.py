"""A run over the seeds into a temporary warehouse, checked with SQL: the library, and once the Prefect flow."""

import os
import re
import shutil
import time
from pathlib import Path

import pytest

from ingest import Settings, run, warehouse
from ingest.traced_text import Change, render

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
CONTENT_TABLES = ["documents", "raw_texts", "removed_spans", "edits", "entities", "mentions"]
STAMP_EXCLUDED = "EXCLUDE (source_mtime_ns, source_ctime_ns)"


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    root = tmp_path_factory.mktemp("source")
    shutil.copytree(SEEDS, root / "seeds")
    (root / "seeds" / "broken.txt").write_bytes(b"%PDF-1.7 binary")
    return root / "seeds"


NO_ENTITIES = Settings(skip_entities=True)


@pytest.fixture(scope="module")
def first_run(source, tmp_path_factory):
    path = tmp_path_factory.mktemp("warehouse") / "w.duckdb"
    summary = run(source, path)
    return path, summary


def snapshot(path):
    """Every content table's rows; a file's stamp is bookkeeping that a later run may refresh."""
    con = warehouse.connect(path, read_only=True)
    try:
        return {
            t: sorted(con.execute(f"SELECT * {STAMP_EXCLUDED if t == 'documents' else ''} FROM {t}").fetchall(), key=repr)
            for t in CONTENT_TABLES
        }
    finally:
        con.close()


def run_independent(path):
    """Every content table's rows without the columns that name a run or say when it happened."""
    con = warehouse.connect(path, read_only=True)
    try:
        tables = {}
        for table in CONTENT_TABLES:
            columns = [c for (c,) in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
                [table]).fetchall() if not c.endswith("run_id") and not c.endswith("_at") and not c.startswith("source_")]
            quoted = ", ".join(f'"{c}"' for c in columns)
            tables[table] = sorted(con.execute(f"SELECT {quoted} FROM {table}").fetchall(), key=repr)
        return tables
    finally:
        con.close()


def test_loads_the_seeds(first_run):
    path, summary = first_run
    assert summary.status == "completed"
    assert summary.files_seen == 6 and summary.documents_loaded == 5 and summary.rejects == 1
    con = warehouse.connect(path, read_only=True)
    rows = con.execute("SELECT language, duplicate_of FROM documents").fetchall()
    assert rows and all(language == "en" and duplicate_of is None for language, duplicate_of in rows)
    assert len(rows) == 5
    [(uri, reason)] = con.execute("SELECT source_uri, reason FROM rejects").fetchall()
    assert uri == "broken.txt" and "PDF" in reason
    [(status, loaded)] = con.execute("SELECT status, documents_loaded FROM runs").fetchall()
    assert (status, loaded) == ("completed", 5)


def test_no_fake_profile_is_left(first_run):
    con = warehouse.connect(first_run[0], read_only=True)
    for (text,) in con.execute("SELECT text FROM documents").fetchall():
        assert not re.search(r"[\w.]+@[\w-]+\.\w+", text), "an e-mail address survived"
        assert not re.search(r"(?im)^\W*(username|followers|following|birthdate)\s*:", text)


def test_clean_text_rebuilds_from_raw_text_and_records(first_run):
    con = warehouse.connect(first_run[0], read_only=True)
    docs = con.execute("SELECT doc_id, text, raw_text FROM documents JOIN raw_texts USING (doc_id)").fetchall()
    for doc_id, text, raw in docs:
        changes = [
            Change(start, end, before, after, kind, rule)
            for start, end, before, after, kind, rule in con.execute(
                "SELECT start_offset, end_offset, before, after, kind, rule FROM document_changes"
                " WHERE doc_id = ? ORDER BY start_offset, end_offset",
                [doc_id],
            ).fetchall()
        ]
        assert all(raw[c.start : c.end] == c.before for c in changes)
        assert render(raw, changes) == text


def test_mention_offsets_are_exact(first_run):
    con = warehouse.connect(first_run[0], read_only=True)
    total, exact = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE substr(d.text, m.start_offset + 1, m.end_offset - m.start_offset) = m.text)"
        " FROM mentions m JOIN documents d USING (doc_id)"
    ).fetchone()
    assert total > 50 and exact == total


def test_second_run_changes_nothing(first_run, source):
    path, first = first_run
    before = snapshot(path)
    summary = run(source, path)
    assert summary.files_unchanged == 5 and summary.documents_loaded == 0
    assert summary.entities == first.entities > 0
    assert snapshot(path) == before


def test_run_with_every_file_unchanged_leaves_the_warehouse_file_alone(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    shutil.copy(next(SEEDS.iterdir()), source)
    path = tmp_path / "w.duckdb"
    run(source, path, NO_ENTITIES)
    before = path.stat()

    summary = run(source, path, NO_ENTITIES)

    after = path.stat()
    assert summary.status == "unchanged" and summary.files_unchanged == 1
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert not path.with_name(path.name + ".staging").exists()


def test_a_same_size_rewrite_behind_a_restored_mtime_is_still_reprocessed(tmp_path, monkeypatch):
    from ingest import discover

    monkeypatch.setattr(discover, "RACY_WINDOW_NS", 0)
    source = tmp_path / "source"
    source.mkdir()
    for seed, name in zip(sorted(SEEDS.iterdir())[:2], ("kept.txt", "edited.txt")):
        shutil.copy(seed, source / name)
    path = tmp_path / "w.duckdb"
    run(source, path, NO_ENTITIES)
    con = warehouse.connect(path, read_only=True)
    assert con.execute("SELECT count(*) FROM documents WHERE source_ctime_ns IS NOT NULL").fetchone() == (2,)
    con.close()
    edited = source / "edited.txt"
    before = edited.stat()
    time.sleep(0.05)  # past the file system's timestamp tick, so the change time moves
    edited.write_bytes(edited.read_bytes().replace(b"Iran", b"IRAN", 1))
    os.utime(edited, ns=(before.st_atime_ns, before.st_mtime_ns))

    summary = run(source, path, NO_ENTITIES)

    assert (summary.files_unchanged, summary.documents_loaded) == (1, 1)
    con = warehouse.connect(path, read_only=True)
    assert "IRAN" in con.execute("SELECT raw_text FROM raw_texts JOIN documents USING (doc_id) WHERE source_uri = 'edited.txt'").fetchone()[0]
    con.close()


def test_copy_of_a_deleted_document_becomes_canonical(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    seed = sorted(SEEDS.iterdir())[0]
    for name in ("a.txt", "b.txt"):
        shutil.copy(seed, source / name)
    path = tmp_path / "w.duckdb"
    run(source, path, NO_ENTITIES)
    (source / "a.txt").unlink()

    summary = run(source, path, NO_ENTITIES)

    con = warehouse.connect(path, read_only=True)
    rows = dict(con.execute("SELECT source_uri, (deleted_at IS NOT NULL, duplicate_of IS NOT NULL) FROM documents").fetchall())
    corpus = con.execute("SELECT source_uri FROM corpus").fetchall()
    con.close()
    assert summary.documents_deleted == 1
    assert rows == {"a.txt": (True, False), "b.txt": (False, False)}
    assert corpus == [("b.txt",)]


@pytest.mark.slow
def test_the_prefect_flow_loads_what_the_library_loads(prefect_harness, first_run, source, tmp_path):
    """The flow is ``ingest.run`` with each step a task: the same rows, its run id the flow run's."""
    from prefect.task_runners import ThreadPoolTaskRunner

    from ingest.flows.ingest_flow import ingest

    path = tmp_path / "w.duckdb"
    flow = ingest.with_options(task_runner=ThreadPoolTaskRunner(max_workers=2))
    # Batches as the library run's (a batch's documents teach each other spellings).
    summary = flow(str(source), str(path), Settings(workers=2))

    assert (summary.status, summary.documents_loaded, summary.rejects) == ("completed", 5, 1)
    assert run_independent(path) == run_independent(first_run[0])
    con = warehouse.connect(path, read_only=True)
    [(run_id, parameters)] = con.execute("SELECT run_id, parameters FROM runs").fetchall()
    con.close()
    assert run_id == summary.run_id and not run_id.startswith("local-")
    assert '"workers": 2' in parameters
