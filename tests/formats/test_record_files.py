"""Record files end to end: each written with its format's own library, run into a warehouse, asked with SQL."""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import zstandard
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from ingest.formats.records import record_uri
from ingest.runner import run
from ingest.settings import Settings

SETTINGS = Settings(skip_entities=True)
ENGLISH = (
    "The city council approved the new budget on Tuesday after a long debate about school funding and road "
    "repairs. Members said the plan balances the needs of every district."
)
GERMAN = (
    "Der Stadtrat hat am Dienstag nach einer langen Debatte über Schulfinanzierung und Straßenreparaturen den "
    "neuen Haushalt beschlossen. Die Mitglieder sagten, der Plan sei für alle Bezirke ausgewogen."
)


def article(number: int) -> str:
    """A distinct short news text, so that no two records are near duplicates."""
    words = ["harbour", "wheat", "tram", "vaccine", "turbine", "museum", "bridge", "orchard", "reactor", "library"]
    a, b, c = words[number % 10], words[number // 10 % 10], words[number // 100 % 10]
    return (
        f"Report {number}: officials inspected the {a} project near the {b} on day {number}. "
        f"They said the {c} works would cost {number * 37 % 1000} thousand euros and finish in {number % 12 + 1} months."
    )


def rows(con_path: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(con_path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def write_jsonl(path: Path, records: list[object]) -> None:
    lines = "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records)
    data = lines.encode("utf-8")
    if path.name.endswith(".gz"):
        data = gzip.compress(data)
    elif path.name.endswith(".zst"):
        data = zstandard.ZstdCompressor().compress(data)
    path.write_bytes(data)


def test_a_jsonl_file_is_one_document_a_record_each_in_its_own_language(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    write_jsonl(source / "crawl.jsonl", [
        {"id": "en-1", "text": ENGLISH, "title": "Budget approved", "url": "https://example.org/a", "score": 0.9},
        {"id": "de-1", "text": GERMAN},
        "{not json",
        {"id": "empty", "body": "the text is in another field"},
        {"text": article(7)},
    ])
    summary = run(source, tmp_path / "w.duckdb", SETTINGS)

    assert summary.documents_loaded == 3 and summary.rejects == 2
    found = rows(tmp_path / "w.duckdb", "SELECT source_uri, language, title, metadata, input_kind FROM documents ORDER BY source_uri")
    assert [(uri, language) for uri, language, *_ in found] == [
        ("crawl.jsonl#de-1", "de"), ("crawl.jsonl#en-1", "en"), ("crawl.jsonl#line-5", "en"),
    ]
    english = found[1]
    assert english[2] == "Budget approved"
    assert json.loads(english[3]) == {"title": "Budget approved", "url": "https://example.org/a", "score": "0.9"}
    assert english[4] == "prose"
    rejects = dict(rows(tmp_path / "w.duckdb", "SELECT source_uri, reason FROM rejects"))
    assert rejects["crawl.jsonl#line-3"].startswith("line 3 is not valid JSON")
    assert rejects["crawl.jsonl#empty"] == "line 4 has no text: its field 'text' has none"


@pytest.mark.parametrize("name", ["crawl.jsonl.gz", "crawl.jsonl.zst"])
def test_compressed_jsonl_loads_every_record(tmp_path: Path, name: str) -> None:
    source = tmp_path / "src"
    source.mkdir()
    write_jsonl(source / name, [{"id": i, "text": article(i)} for i in range(150)])
    summary = run(source, tmp_path / "w.duckdb", SETTINGS.model_copy(update={"batch_size": 16}))

    assert summary.documents_loaded == 150 and summary.rejects == 0
    assert rows(tmp_path / "w.duckdb", f"SELECT source_uri FROM documents WHERE source_uri = '{name}#149'") == [(f"{name}#149",)]


def test_text_and_id_fields_are_chosen_by_the_run(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    write_jsonl(source / "dump.jsonl", [{"doc": "x/1#a%b", "content": ENGLISH, "text": "not this"}])
    run(source, tmp_path / "w.duckdb", SETTINGS.model_copy(update={"text_field": "content", "id_field": "doc"}))

    [(uri, text, metadata)] = rows(tmp_path / "w.duckdb", "SELECT source_uri, text, metadata FROM documents")
    assert uri == "dump.jsonl#x%2F1%23a%25b" == record_uri("dump.jsonl", "x/1#a%b")
    assert text.startswith("The city council") and json.loads(metadata) == {"text": "not this"}


def html_page(title: str, body: str) -> bytes:
    menu = "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(8))
    return (
        f"<!doctype html><html><head><title>{title}</title></head><body><nav><ul>{menu}</ul></nav>"
        f"<article><h1>{title}</h1><p>{body}</p><p>{body}</p></article>"
        "<footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>"
    ).encode("utf-8")


def write_warc(path: Path) -> None:
    with open(path, "wb") as output:
        writer = WARCWriter(output, gzip=path.name.endswith(".gz"))
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        pages = [("https://news.example/budget", "Budget approved", ENGLISH), ("https://news.example/haushalt", "Haushalt", GERMAN)]
        for url, title, body in pages:
            request = writer.create_warc_record(url, "request", payload=None, http_headers=StatusAndHeaders("GET / HTTP/1.1", [], is_http_request=True))
            writer.write_record(request)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=_stream(html_page(title, body)), http_headers=headers))
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://news.example/logo.png", "response", payload=_stream(b"\x89PNG..."), http_headers=image))
        moved = StatusAndHeaders("301 Moved", [("Content-Type", "text/html"), ("Location", "/")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://news.example/old", "response", payload=_stream(b"<html>moved</html>"), http_headers=moved))


def _stream(data: bytes):
    import io

    return io.BytesIO(data)


@pytest.mark.parametrize("name", ["news.warc", "news.warc.gz"])
def test_each_html_response_of_a_warc_is_a_page_read_through_the_html_path(tmp_path: Path, name: str) -> None:
    source = tmp_path / "src"
    source.mkdir()
    write_warc(source / name)
    # One record a batch: each is read back by seeking to its offset (a gzip member of its own in .warc.gz).
    summary = run(source, tmp_path / "w.duckdb", SETTINGS.model_copy(update={"batch_size": 1}))

    assert summary.documents_loaded == 2 and summary.rejects == 0
    found = rows(
        tmp_path / "w.duckdb",
        "SELECT language, title, input_kind, media_type, metadata->>'url', metadata->>'fetched', text FROM documents ORDER BY 1",
    )
    assert [row[:4] for row in found] == [
        ("de", "Haushalt", "html", "text/html"), ("en", "Budget approved", "html", "text/html"),
    ]
    assert [row[4] for row in found] == ["https://news.example/haushalt", "https://news.example/budget"]
    assert all(row[5] and row[5][:2] == "20" for row in found)
    assert all("Section 3" not in row[6] and "All rights reserved" not in row[6] for row in found)
    assert all(uri.startswith(f"{name}#") for (uri,) in rows(tmp_path / "w.duckdb", "SELECT source_uri FROM documents"))


def test_parquet_rows_are_read_a_row_group_at_a_time(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    table = pa.table({
        "id": [f"p{i}" for i in range(25)] + ["nulltext"],
        "text": [article(i) for i in range(25)] + [None],
        "lang_hint": ["en"] * 26,
    })
    pq.write_table(table, source / "corpus.parquet", row_group_size=4)
    summary = run(source, tmp_path / "w.duckdb", SETTINGS.model_copy(update={"batch_size": 5}))

    assert summary.documents_loaded == 25 and summary.rejects == 1
    assert rows(tmp_path / "w.duckdb", "SELECT metadata FROM documents WHERE source_uri = 'corpus.parquet#p24'") == [('{"lang_hint": "en"}',)]
    assert rows(tmp_path / "w.duckdb", "SELECT source_uri, reason FROM rejects") == [
        ("corpus.parquet#nulltext", "row 26 has no text: its 'text' is empty"),
    ]


def test_csv_rows_with_quoted_line_breaks_are_one_document_each(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    with open(source / "docs.csv", "w", newline="", encoding="utf-8") as output:
        writer = csv.writer(output)
        writer.writerow(["id", "author", "text"])
        writer.writerow(["c1", "Ana Ruiz", ENGLISH.replace(". ", ".\n\n", 1)])
        writer.writerow(["c2", "", GERMAN])
        output.write("c3,short row\n")
    summary = run(source, tmp_path / "w.duckdb", SETTINGS)

    assert summary.documents_loaded == 2 and summary.rejects == 1
    found = rows(tmp_path / "w.duckdb", "SELECT source_uri, language, author FROM documents ORDER BY 1")
    assert found == [("docs.csv#c1", "en", "Ana Ruiz"), ("docs.csv#c2", "de", None)]
    assert rows(tmp_path / "w.duckdb", "SELECT reason FROM rejects") == [("row 3 has 2 fields, the header 3",)]


def test_a_record_file_without_its_text_column_is_refused_whole(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    (source / "other.csv").write_text("id,body\n1,hello\n", encoding="utf-8")
    (source / "note.txt").write_text(ENGLISH, encoding="utf-8")
    run(source, tmp_path / "w.duckdb", SETTINGS)

    assert rows(tmp_path / "w.duckdb", "SELECT source_uri, reason FROM rejects") == [
        ("other.csv", "the CSV file has no text column 'text'"),
    ]


def _large_text(number: int) -> str:
    return f"Record {number} of a large export. " + "The archive holds letters, ledgers and maps of the port. " * 9000


@pytest.mark.parametrize("name", ["big.jsonl", "big.jsonl.gz", "big.json", "big.csv", "big.warc.gz"])
def test_a_record_file_is_streamed_one_record_at_a_time(tmp_path: Path, name: str) -> None:
    """Listing 24 records of about half a megabyte each, and reading some back, holds less than half the file.

    One record costs a few times its size while it is parsed (CSV's field buffer
    holds four bytes a character); the file's other records cost nothing.
    """
    import tracemalloc

    from ingest.discover import SourceFile
    from ingest.formats.records import RecordFields
    from ingest.source_records import SourceRecord, list_records, read_record, record_cursors

    path = tmp_path / name
    texts = [_large_text(number) for number in range(24)]
    if name.startswith("big.jsonl"):
        write_jsonl(path, [{"id": n, "text": text} for n, text in enumerate(texts)])
    elif name == "big.json":
        path.write_text(json.dumps([{"id": n, "text": text} for n, text in enumerate(texts)]), encoding="utf-8")
    elif name == "big.csv":
        with open(path, "w", newline="", encoding="utf-8") as output:
            writer = csv.writer(output)
            writer.writerow(["id", "text"])
            writer.writerows(enumerate(texts))
    else:
        with open(path, "wb") as output:
            writer = WARCWriter(output, gzip=True)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            for n, text in enumerate(texts):
                page = f"<html><body><p>{text}</p></body></html>".encode()
                writer.write_record(writer.create_warc_record(f"https://x.example/{n}", "response", payload=_stream(page), http_headers=headers))
    record_bytes = len(texts[0].encode())
    del texts
    source = SourceFile(path, name)

    tracemalloc.start()
    try:
        planned = [r for r in list_records(source, RecordFields()) if isinstance(r, SourceRecord)]
        _, listing_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        with record_cursors():
            read_back = [len(read_record(record).data) for record in planned[::5]]
        _, reading_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert len(planned) == 24 and all(size >= record_bytes for size in read_back)
    assert listing_peak < 12 * record_bytes, (listing_peak, record_bytes)
    assert reading_peak < 12 * record_bytes, (reading_peak, record_bytes)
