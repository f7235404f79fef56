"""Export: the current corpus with metadata and mentions, as Parquet or JSON lines, with a verifiable manifest."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
import pytest

from ingest import load, warehouse
from ingest.document import Document, doc_id_for
from ingest.export import MANIFEST, TABLES, ExportError, export

NOW = datetime(2026, 3, 4, 5, 6, 7)
TEXTS = {
    "kept.txt": "Putin met Pezeshkian in Kazan.\n\nThe “BRICS” summit ended — 20 € fees, naïve café.\n",
    "copy.txt": "Putin met Pezeshkian in Kazan.\n\nThe “BRICS” summit ended — 20 € fees, naïve café.\n",
    "gone.txt": "A document whose file disappeared later.\n",
}


def document(uri: str, duplicate_of: str | None = None) -> Document:
    text = TEXTS[uri]
    return Document(
        doc_id=doc_id_for(uri), source_uri=uri, content_sha256="c" * 64, size_bytes=len(text), raw_text=text,
        encoding="utf-8", media_type="text/plain", text=text, title="Putin met Pezeshkian", language="en",
        language_score=0.99, text_sha256="t" * 64, duplicate_of=duplicate_of,
    )


def mention(uri: str, entity: str, label: str, start: int, end: int) -> dict:
    return {"doc_id": doc_id_for(uri), "entity_id": entity, "label": label, "text": TEXTS[uri][start:end],
            "start_offset": start, "end_offset": end, "sentence_index": 0, "run_id": "run-2"}


@pytest.fixture(scope="module")
def warehouse_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "w.duckdb"
    con = warehouse.connect(path)
    documents = [document("kept.txt"), document("copy.txt", duplicate_of=doc_id_for("kept.txt")), document("gone.txt")]
    load.write_documents(con, documents, "run-2", "v1", NOW)
    load.mark_deleted(con, [doc_id_for("gone.txt")], NOW)
    load.insert_arrow(con, "entities", pa.table({
        "entity_id": ["e-putin", "e-kazan", "e-gone"], "name": ["Vladimir Putin", "Kazan", "Nowhere"],
        "label": ["PERSON", "GPE", "GPE"],
    }))
    load.insert_arrow(con, "mentions", pa.Table.from_pylist([
        mention("kept.txt", "e-putin", "PERSON", 0, 5),
        mention("kept.txt", "e-kazan", "GPE", 24, 29),
        mention("copy.txt", "e-putin", "PERSON", 0, 5),
        mention("gone.txt", "e-gone", "GPE", 2, 10),
    ]))
    for run_id, status, finished in (("run-1", "completed", datetime(2026, 3, 1)), ("run-2", "completed", NOW),
                                     ("run-3", "failed", datetime(2026, 3, 5))):
        con.execute(
            "INSERT INTO runs (run_id, started_at, finished_at, status, source, pipeline_version)"
            " VALUES (?, ?, ?, ?, 'src', 'v1')", [run_id, finished, finished, status],
        )
    con.close()
    return path


@pytest.fixture
def reader(warehouse_path):
    con = warehouse.connect(warehouse_path, read_only=True)
    yield con
    con.close()


def read_back(directory, fmt: str, table: str) -> list[dict]:
    if fmt == "parquet":
        return pq.read_table(directory / f"{table}.parquet").to_pylist()
    if fmt == "csv":
        options = pa_csv.ConvertOptions(strings_can_be_null=True)
        return pa_csv.read_csv(directory / f"{table}.csv", convert_options=options).to_pylist()
    with (directory / f"{table}.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


@pytest.mark.parametrize("fmt", ["parquet", "jsonl", "csv"])
def test_exports_current_documents_with_metadata(reader, tmp_path, fmt):
    export(reader, tmp_path, fmt)
    documents = read_back(tmp_path, fmt, "documents")
    assert sorted(d["source_uri"] for d in documents) == ["copy.txt", "kept.txt"]
    by_uri = {d["source_uri"]: d for d in documents}
    assert by_uri["kept.txt"]["text"] == TEXTS["kept.txt"]
    assert by_uri["kept.txt"]["duplicate_of"] is None
    assert by_uri["copy.txt"]["duplicate_of"] == doc_id_for("kept.txt")
    assert by_uri["kept.txt"]["title"] == "Putin met Pezeshkian"
    assert by_uri["kept.txt"]["language"] == "en" and by_uri["kept.txt"]["run_id"] == "run-2"
    assert "deleted_at" not in by_uri["kept.txt"]


@pytest.mark.parametrize("fmt", ["parquet", "jsonl", "csv"])
def test_exports_mentions_of_current_documents_with_entity_names(reader, tmp_path, fmt):
    export(reader, tmp_path, fmt)
    mentions = read_back(tmp_path, fmt, "mentions")
    assert [(m["doc_id"], m["entity_name"], m["text"], m["start_offset"], m["end_offset"]) for m in mentions] == sorted([
        (doc_id_for("kept.txt"), "Vladimir Putin", "Putin", 0, 5),
        (doc_id_for("kept.txt"), "Kazan", "Kazan", 24, 29),
        (doc_id_for("copy.txt"), "Vladimir Putin", "Putin", 0, 5),
    ], key=lambda row: (row[0], row[3]))
    documents = {d["doc_id"]: d["text"] for d in read_back(tmp_path, fmt, "documents")}
    for m in mentions:
        assert documents[m["doc_id"]][m["start_offset"] : m["end_offset"]] == m["text"]
    assert sorted(e["name"] for e in read_back(tmp_path, fmt, "entities")) == ["Kazan", "Vladimir Putin"]


@pytest.mark.parametrize("fmt", ["parquet", "jsonl", "csv"])
def test_manifest_names_the_run_schema_counts_and_checksums(reader, tmp_path, fmt):
    manifest = export(reader, tmp_path, fmt)
    written = json.loads((tmp_path / MANIFEST).read_text())
    assert written == manifest.as_dict()
    assert written["run_id"] == "run-2"  # the last completed run; the later failed one changed nothing
    assert written["schema_version"] == warehouse.schema_version(reader) >= 1
    assert written["format"] == fmt
    rows = {f["name"]: f["rows"] for f in written["files"]}
    assert set(rows) == {f"{table}.{fmt}" for table in TABLES}
    assert (rows[f"documents.{fmt}"], rows[f"entities.{fmt}"], rows[f"mentions.{fmt}"], rows[f"runs.{fmt}"]) == (2, 2, 3, 3)
    for entry in written["files"]:
        data = (tmp_path / entry["name"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest() and entry["bytes"] == len(data)


def test_exporting_twice_gives_identical_files(reader, tmp_path):
    first = export(reader, tmp_path / "a", "parquet")
    second = export(reader, tmp_path / "b", "parquet")
    assert [f.sha256 for f in first.files] == [f.sha256 for f in second.files]


def test_directory_names_with_quotes_are_safe(reader, tmp_path):
    directory = tmp_path / "it's an \"export\"; DROP TABLE documents"
    manifest = export(reader, directory, "jsonl")
    assert (directory / "documents.jsonl").exists() and manifest.files[0].rows == 2
    assert reader.execute("SELECT count(*) FROM documents").fetchone() == (3,)


def test_unknown_format_is_refused_before_writing(reader, tmp_path):
    with pytest.raises(ExportError, match="parquet, jsonl"):
        export(reader, tmp_path / "out", "xml")
    assert not (tmp_path / "out").exists()


def test_empty_warehouse_exports_empty_files(tmp_path):
    con = warehouse.connect(tmp_path / "empty.duckdb")
    manifest = export(con, tmp_path / "out", "parquet")
    con.close()
    assert manifest.run_id is None and all(f.rows == 0 for f in manifest.files)
    assert pq.read_table(tmp_path / "out" / "documents.parquet").num_rows == 0


def test_every_column_of_the_warehouse_is_exported_even_one_added_later(tmp_path):
    path = tmp_path / "w.duckdb"
    con = warehouse.connect(path)
    load.write_documents(con, [document("kept.txt")], "run-2", "v1", NOW)
    con.execute("UPDATE documents SET published = DATE '2026-03-01'")
    con.execute("ALTER TABLE documents ADD COLUMN source_region VARCHAR DEFAULT 'north'")
    export(con, tmp_path / "out", "jsonl")
    columns = {name for (name,) in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'documents'").fetchall()}
    con.close()
    [row] = read_back(tmp_path / "out", "jsonl", "documents")
    assert set(row) == columns - {"deleted_at"}
    assert row["published"] == "2026-03-01" and row["source_region"] == "north" and row["input_kind"] == "prose"


def test_the_audit_is_exported_with_the_documents(reader, tmp_path):
    export(reader, tmp_path, "parquet")
    raw = {r["doc_id"]: r["raw_text"] for r in read_back(tmp_path, "parquet", "raw_texts")}
    assert raw == {doc_id_for("kept.txt"): TEXTS["kept.txt"], doc_id_for("copy.txt"): TEXTS["copy.txt"]}
    assert [r["run_id"] for r in read_back(tmp_path, "parquet", "runs")] == ["run-1", "run-2", "run-3"]


def test_an_export_folder_holds_exactly_what_its_manifest_lists(reader, tmp_path):
    export(reader, tmp_path, "parquet")
    manifest = export(reader, tmp_path, "jsonl")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([MANIFEST] + [f.name for f in manifest.files])
    (tmp_path / MANIFEST).unlink()  # an export that did not finish
    manifest = export(reader, tmp_path, "csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([MANIFEST] + [f.name for f in manifest.files])


def test_a_folder_holding_other_files_is_refused_untouched(reader, tmp_path):
    export(reader, tmp_path, "parquet")
    (tmp_path / "notes.txt").write_text("mine")
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(ExportError, match="notes.txt"):
        export(reader, tmp_path, "jsonl")
    assert sorted(p.name for p in tmp_path.iterdir()) == before
