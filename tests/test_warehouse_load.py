from datetime import datetime

import duckdb
import pytest

from ingest import load, warehouse
from ingest.discover import SkippedPath, SourceFile
from ingest.document import Document, doc_id_for
from ingest.explain import explain, render_plain
from ingest.incremental import KnownFile, known_versions, plan_run
from ingest.traced_text import Edit, TracedText

NOW = datetime(2026, 1, 2, 3, 4, 5)


def make_document(uri: str, raw: str, edits: list[Edit]) -> Document:
    traced = TracedText(raw)
    traced.apply(edits)
    return Document(
        doc_id=doc_id_for(uri), source_uri=uri, content_sha256="c" * 64, size_bytes=len(raw), raw_text=raw,
        encoding="utf-8", media_type="text/plain", text=traced.text, changes=traced.changes,
        language="en", language_score=0.99, text_sha256="t" * 64,
    )


@pytest.fixture
def con(tmp_path):
    connection = warehouse.connect(tmp_path / "w.duckdb")
    yield connection
    connection.close()


def test_migrations_apply_once(con):
    assert warehouse.schema_version(con) >= 1
    assert warehouse.migrate(con) == []


def test_write_documents_replaces_rows_of_the_same_doc(con):
    raw = "Title\n\nBody text.\nShare this!\n"
    first = make_document("a.txt", raw, [Edit(18, 30, "", "share_cookie", "share_line")])
    load.write_documents(con, [first], "run-1", "v1", NOW)
    second = make_document("a.txt", raw + "More.\n", [])
    load.write_documents(con, [second], "run-2", "v1", NOW)
    assert con.execute("SELECT count(*), max(run_id) FROM documents").fetchone() == (1, "run-2")
    assert con.execute("SELECT count(*) FROM removed_spans").fetchone() == (0,)
    assert con.execute("SELECT raw_text FROM raw_texts").fetchone() == (raw + "More.\n",)


def test_a_batch_of_new_and_stored_documents_replaces_only_the_stored_rows(con):
    raw = "Title\n\nBody text.\nShare this!\n"
    share = [Edit(18, 30, "", "share_cookie", "share_line")]
    kept = make_document("kept.txt", raw, share)
    stored = make_document("o'brien.txt", raw, share)
    load.write_documents(con, [kept, stored], "run-1", "v1", NOW)
    load.mark_deleted(con, [stored.doc_id], NOW)
    again = make_document("o'brien.txt", raw + "More.\n", [])
    load.write_documents(con, [again, make_document("new.txt", raw, share)], "run-2", "v1", NOW)
    rows = con.execute("SELECT source_uri, run_id, deleted_at FROM documents ORDER BY source_uri").fetchall()
    assert rows == [("kept.txt", "run-1", None), ("new.txt", "run-2", None), ("o'brien.txt", "run-2", None)]
    assert con.execute("SELECT count(*) FROM raw_texts").fetchone() == (3,)
    spans = con.execute("SELECT d.source_uri FROM removed_spans JOIN documents d USING (doc_id) ORDER BY 1").fetchall()
    assert spans == [("kept.txt",), ("new.txt",)]


def test_keys_present_finds_stored_keys_quotes_included(con):
    load.write_documents(con, [make_document("o'brien.txt", "Some text here.", [])], "run-1", "v1", NOW)
    asked = [doc_id_for("o'brien.txt"), doc_id_for("absent.txt"), "it's'; DROP TABLE documents; --"]
    assert warehouse.keys_present(con, "documents", "doc_id", asked) == [doc_id_for("o'brien.txt")]
    assert warehouse.keys_present(con, "documents", "doc_id", []) == []


def test_removals_and_edits_land_in_their_tables(con):
    raw = "Hello   wrold.\nShare this!\n"
    document = make_document("b.txt", raw, [Edit(5, 8, " ", "whitespace", "collapse"), Edit(15, 27, "", "share_cookie", "share_line")])
    load.write_documents(con, [document], "run-1", "v1", NOW)
    assert con.execute("SELECT kind, start_offset, end_offset, text FROM removed_spans").fetchall() == [
        ("share_cookie", 15, 27, "Share this!\n")
    ]
    assert con.execute('SELECT kind, "offset", before, after FROM edits').fetchall() == [("whitespace", 5, "   ", " ")]
    explained = explain(con, "b.txt")
    assert render_plain(explained) == "Hello{'   '→' '}{whitespace/collapse}wrold.\n[-Share this!\n-]{share_cookie/share_line}"


def test_rejects_and_deleted_marks(con):
    assert load.write_rejects(con, [("x.bin", "file is a PNG image, not text")], "run-1", NOW) == 1
    load.write_documents(con, [make_document("gone.txt", "Some text here.", [])], "run-1", "v1", NOW)
    assert load.mark_deleted(con, [doc_id_for("gone.txt")], NOW) == 1
    assert con.execute("SELECT deleted_at FROM documents").fetchone() == (NOW,)
    assert known_versions(con) == {}


def test_plan_skips_unchanged_and_finds_disappeared(tmp_path, con):
    (tmp_path / "src").mkdir()
    kept = tmp_path / "src" / "kept.txt"
    kept.write_text("same")
    changed = tmp_path / "src" / "changed.txt"
    changed.write_text("new content")
    import hashlib

    known = {
        doc_id_for("kept.txt"): KnownFile(hashlib.sha256(b"same").hexdigest(), "v1"),
        doc_id_for("changed.txt"): KnownFile("0" * 64, "v1"),
        doc_id_for("gone.txt"): KnownFile("1" * 64, "v1"),
    }
    found = [SourceFile(kept, "kept.txt"), SourceFile(changed, "changed.txt"), SkippedPath("link", "symbolic link points outside")]
    plan = plan_run(found, known, "v1")
    assert plan.unchanged == [doc_id_for("kept.txt")]
    assert [s.source_uri for s in plan.to_process] == ["changed.txt"]
    assert plan.disappeared == [doc_id_for("gone.txt")]
    assert plan.rejects == [("link", "symbolic link points outside")]
    assert [s.source_uri for s in plan_run(found, known, "v2").to_process] == ["kept.txt", "changed.txt"]


def test_staged_swap_publishes_only_on_success(tmp_path):
    path = tmp_path / "w.duckdb"
    con = warehouse.connect(path)
    load.write_rejects(con, [("a", "first")], "run-1", NOW)
    con.close()
    with pytest.raises(RuntimeError):
        with warehouse.staged(path) as staging:
            staged_con = warehouse.connect(staging)
            load.write_rejects(staged_con, [("b", "second")], "run-2", NOW)
            staged_con.close()
            raise RuntimeError("run failed")
    reader = warehouse.connect(path, read_only=True)
    assert reader.execute("SELECT source_uri FROM rejects").fetchall() == [("a",)]
    reader.close()
    with warehouse.staged(path) as staging:
        staged_con = warehouse.connect(staging)
        load.write_rejects(staged_con, [("b", "second")], "run-2", NOW)
        staged_con.close()
    reader = warehouse.connect(path, read_only=True)
    assert sorted(reader.execute("SELECT source_uri FROM rejects").fetchall()) == [("a",), ("b",)]
    assert not (tmp_path / "w.duckdb.staging").exists()


def test_writer_connection_has_a_bounded_buffer_pool(tmp_path, monkeypatch):
    con = warehouse.connect(tmp_path / "w.duckdb")
    assert con.execute("SELECT current_setting('memory_limit')").fetchone()[0] == "122.0 MiB"
    con.close()
    monkeypatch.setenv("INGEST_DUCKDB_MEMORY_LIMIT", "2GB")
    con = warehouse.connect(tmp_path / "w.duckdb")
    assert con.execute("SELECT current_setting('memory_limit')").fetchone()[0] == "1.8 GiB"
    con.close()


def test_writing_a_batch_raises_a_pool_smaller_than_the_indexes_need(tmp_path):
    con = warehouse.connect(tmp_path / "w.duckdb", memory_limit="8MB")
    load.write_documents(con, [make_document("a.txt", "Some text here.", [])], "run-1", "v1", NOW)
    limit = warehouse.connection.size_in_bytes(con.execute("SELECT current_setting('memory_limit')").fetchone()[0])
    assert limit >= warehouse.connection.INDEX_HEADROOM_MIB * 2**20
    con.close()


def test_the_index_load_runs_unbounded_and_the_pool_comes_back(tmp_path):
    """Loading the dedup index groups every document at once; the batches after it are written in the bounded pool."""
    con = warehouse.connect(tmp_path / "w.duckdb", memory_limit="8MB")
    seen = []
    with warehouse.lifted_memory_limit(con):
        seen.append(warehouse.connection.size_in_bytes(con.execute("SELECT current_setting('memory_limit')").fetchone()[0]))
    assert seen[0] > 2**30
    restored = warehouse.connection.size_in_bytes(con.execute("SELECT current_setting('memory_limit')").fetchone()[0])
    assert abs(restored - 8e6) < 0.02 * 8e6  # as DuckDB prints it back: to a tenth of a MiB
    con.close()


def test_a_large_pool_is_never_lowered(tmp_path):
    con = warehouse.connect(tmp_path / "w.duckdb", memory_limit="2GB")
    load.write_documents(con, [make_document("a.txt", "Some text here.", [])], "run-1", "v1", NOW)
    assert con.execute("SELECT current_setting('memory_limit')").fetchone()[0] == "1.8 GiB"
    con.close()


@pytest.mark.slow
def test_primary_keys_outgrowing_the_pool_still_commit_with_room_made(tmp_path):
    def insert_keys(con, room: bool) -> None:
        con.execute("CREATE TABLE t (doc_id VARCHAR PRIMARY KEY)")
        for start in range(0, 1_200_000, 50_000):
            if room:
                warehouse.make_room_above_indexes(con, headroom_mib=16)
            con.execute(f"INSERT INTO t SELECT left(md5((range + {start})::VARCHAR), 16) FROM range(50000)")

    fixed = duckdb.connect(str(tmp_path / "fixed.duckdb"), config={"memory_limit": "32MB", "checkpoint_threshold": "16MB"})
    with pytest.raises(duckdb.Error, match="Failed to commit"):
        insert_keys(fixed, room=False)
    fixed.close()
    raised = duckdb.connect(str(tmp_path / "raised.duckdb"), config={"memory_limit": "32MB", "checkpoint_threshold": "16MB"})
    insert_keys(raised, room=True)
    assert raised.execute("SELECT count(*) FROM t").fetchone() == (1_200_000,)
    raised.close()


def test_one_thread_for_a_block_then_as_many_as_before_even_when_it_fails(tmp_path):
    con = warehouse.connect(tmp_path / "w.duckdb")
    con.execute("SET threads = 3")
    with warehouse.one_thread(con):
        assert con.execute("SELECT current_setting('threads')").fetchone()[0] == 1
    assert con.execute("SELECT current_setting('threads')").fetchone()[0] == 3
    with pytest.raises(RuntimeError), warehouse.one_thread(con):
        raise RuntimeError("a batch failed")
    assert con.execute("SELECT current_setting('threads')").fetchone()[0] == 3
    con.close()
