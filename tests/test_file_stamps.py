"""Planning knows an untouched file by its stamp (size, mtime, ctime) and reads only the others."""

import hashlib
import os
import shutil
import time
from datetime import datetime

import pytest

from ingest import discover, load, warehouse
from ingest.decode import read_file
from ingest.discover import FileStamp, SourceFile, trusted_stamp
from ingest.document import Document, doc_id_for
from ingest.incremental import KnownFile, known_versions, plan_run


@pytest.fixture
def no_racy_window(monkeypatch):
    """Trust stamps of files written a moment ago, as if the test had waited out the window."""
    monkeypatch.setattr(discover, "RACY_WINDOW_NS", 0)


def stamp_of(path):
    status = os.lstat(path)
    return FileStamp(status.st_size, status.st_mtime_ns, status.st_ctime_ns)


def test_a_file_written_within_the_racy_window_has_no_trusted_stamp(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("fresh")
    status = os.lstat(path)
    assert trusted_stamp(status) is None
    assert read_file(path).stamp is None
    later = max(status.st_mtime_ns, status.st_ctime_ns) + discover.RACY_WINDOW_NS + 1
    assert trusted_stamp(status, now_ns=later) == stamp_of(path)


def test_read_file_records_the_stamp_of_what_it_read(tmp_path, no_racy_window):
    path = tmp_path / "a.txt"
    path.write_text("settled")
    assert read_file(path).stamp == stamp_of(path)


def test_a_file_with_its_stored_stamp_is_unchanged_without_being_read(tmp_path, no_racy_window):
    path = tmp_path / "a.txt"
    path.write_text("content")
    # The stored hash is wrong on purpose: only a plan that skipped reading calls it unchanged.
    known = {doc_id_for("a.txt"): KnownFile("0" * 64, "v1", stamp_of(path))}

    plan = plan_run([SourceFile(path, "a.txt")], known, "v1")

    assert plan.unchanged == [doc_id_for("a.txt")] and not plan.to_process and not plan.restamped


def test_a_stored_stamp_does_not_hide_a_new_pipeline_version(tmp_path, no_racy_window):
    path = tmp_path / "a.txt"
    path.write_text("content")
    known = {doc_id_for("a.txt"): KnownFile(hashlib.sha256(b"content").hexdigest(), "v1", stamp_of(path))}

    assert [s.source_uri for s in plan_run([SourceFile(path, "a.txt")], known, "v2").to_process] == ["a.txt"]


def test_same_size_rewrite_with_the_old_mtime_put_back_is_read_and_found_changed(tmp_path, no_racy_window):
    path = tmp_path / "a.txt"
    path.write_text("version one")
    before = os.lstat(path)
    known = {doc_id_for("a.txt"): KnownFile(hashlib.sha256(b"version one").hexdigest(), "v1", stamp_of(path))}
    time.sleep(0.05)  # past the file system's timestamp tick, so the change time moves
    path.write_text("version two")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.lstat(path).st_size == before.st_size and os.lstat(path).st_mtime_ns == before.st_mtime_ns

    plan = plan_run([SourceFile(path, "a.txt")], known, "v1")

    assert [s.source_uri for s in plan.to_process] == ["a.txt"]


def test_a_touched_file_with_the_same_bytes_is_unchanged_and_gets_its_new_stamp(tmp_path, no_racy_window):
    path = tmp_path / "a.txt"
    path.write_text("content")
    known = {doc_id_for("a.txt"): KnownFile(hashlib.sha256(b"content").hexdigest(), "v1", None)}

    plan = plan_run([SourceFile(path, "a.txt")], known, "v1")

    assert plan.unchanged == [doc_id_for("a.txt")]
    assert plan.restamped == {doc_id_for("a.txt"): stamp_of(path)}


def test_stamps_round_trip_through_the_warehouse(tmp_path):
    con = warehouse.connect(tmp_path / "w.duckdb")
    document = Document(
        doc_id=doc_id_for("a.txt"), source_uri="a.txt", content_sha256="c" * 64, size_bytes=15, raw_text="Some text here.",
        encoding="utf-8", media_type="text/plain", text="Some text here.", text_sha256="t" * 64,
    )
    load.write_documents(con, [document], "run-1", "v1", datetime(2026, 1, 2))
    assert known_versions(con)[document.doc_id].stamp is None

    stamp = FileStamp(15, 1_700_000_000_000_000_000, 1_700_000_000_000_000_001)
    assert load.restamp(con, {document.doc_id: stamp}) == 1

    assert known_versions(con)[document.doc_id] == KnownFile(document.content_sha256, "v1", stamp, "a.txt")
    assert con.execute("SELECT source_bytes, source_mtime_ns, source_ctime_ns FROM documents").fetchone() == (15, stamp.mtime_ns, stamp.ctime_ns)
    con.close()


def test_a_warehouse_from_before_stamps_is_planned_by_hash_then_migrated(tmp_path, monkeypatch):
    older = tmp_path / "migrations"
    older.mkdir()
    for path in sorted(warehouse.migrations_dir().glob("00[123]_*.sql")):
        shutil.copy(path, older)
    path = tmp_path / "w.duckdb"
    monkeypatch.setenv("INGEST_MIGRATIONS", str(older))
    con = warehouse.connect(path)
    con.execute(
        "INSERT INTO documents (doc_id, source_uri, content_sha256, text_sha256, media_type, encoding, language,"
        " language_score, text, raw_chars, clean_chars, word_count, pipeline_version, run_id, ingested_at)"
        " VALUES ('d1', 'a.txt', 'c', 't', 'text/plain', 'utf-8', 'en', 1.0, 'Text.', 5, 5, 1, 'v1', 'r1', now())"
    )
    con.close()
    reader = warehouse.connect(path, read_only=True)
    assert known_versions(reader) == {"d1": KnownFile("c", "v1", None, "a.txt")}
    reader.close()

    monkeypatch.delenv("INGEST_MIGRATIONS")
    con = warehouse.connect(path)
    assert con.execute("SELECT source_uri, source_ctime_ns FROM corpus").fetchall() == [("a.txt", None)]
    con.close()
