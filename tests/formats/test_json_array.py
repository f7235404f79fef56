"""A JSON array of records: each element a document, read back from where it starts, the file streamed."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from ingest.decode import RejectedInput
from ingest.formats import json_array, record_format_for
from ingest.formats.records import BadRecord, Record, RecordFields
from ingest.runner import run
from ingest.settings import Settings

ITEMS = [
    {"id": "a", "text": "Tehran and Moscow signed the treaty [in January], the ministers said, \"at last\".", "tags": ["x"]},
    {"text": "Министры встретились в Москве во вторник и договорились встретиться снова."},
    ["not", "an", "object"],
    12345,
    {"id": 7, "body": "the text is in another field"},
    {"id": "e", "text": "日本語の記事です。会議は火曜日に開かれた。"},
]


def read(data: bytes, offset: int = 0, ordinal: int = 0) -> list[Record | BadRecord]:
    return list(json_array.FORMAT.records(io.BytesIO(data), "items.json", RecordFields(), offset, ordinal))


@pytest.mark.parametrize("chunk", [3, 64, json_array.CHUNK_BYTES])
@pytest.mark.parametrize("layout", ["compact", "indented", "with a byte order mark"])
def test_each_element_is_a_record_and_reading_resumes_at_any_of_them(monkeypatch, chunk, layout):
    monkeypatch.setattr(json_array, "CHUNK_BYTES", chunk)  # the window refilled inside strings, escapes and characters
    text = json.dumps(ITEMS, ensure_ascii=False, indent=2 if layout == "indented" else None)
    data = ("\ufeff" if layout == "with a byte order mark" else "").encode() + text.encode("utf-8")

    found = read(data)

    assert [(r.record_id, r.ordinal) for r in found] == [("a", 1), ("item-2", 2), ("item-3", 3), ("item-4", 4), ("7", 5), ("e", 6)]
    records = [r for r in found if isinstance(r, Record)]
    assert [r.data.decode() for r in records] == [ITEMS[0]["text"], ITEMS[1]["text"], ITEMS[5]["text"]]
    assert records[0].metadata == {"tags": '["x"]'}
    assert [r.reason for r in found if isinstance(r, BadRecord)] == [
        "item 3 is not a JSON object", "item 4 is not a JSON object", "item 5 has no text: its field 'text' has none",
    ]
    for record in found:
        assert data[record.offset : record.offset + 1] in (b"{", b"[", b"1")
        assert read(data, record.offset, record.ordinal - 1) == found[record.ordinal - 1 :]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b'{\n  "name": "site",\n  "version": "1.0"\n}\n', "top level is not an array (it opens with '{')"),
        (b"   ", "top level is empty"),
        (b'[{"text": "first"}, {"text": "cut sh', "item 2 is not valid JSON"),
        (b'[{"text": "first"}, {"text": "second"}', "it is cut short"),
        (b'[{"text": "first"}, {oops}]', "item 2 is not valid JSON"),
        (b'[{"text": "caf\xe9"}]', "not UTF-8"),
    ],
)
def test_a_json_file_that_is_no_array_of_records_is_refused_with_why(data, reason):
    with pytest.raises(RejectedInput, match=re.escape(reason)):
        read(data)


def test_an_empty_array_holds_no_records_and_json_lines_keep_their_format():
    assert read(b" [ ] ") == []
    assert record_format_for("export.json") is json_array.FORMAT
    assert record_format_for("export.jsonl").name == "jsonl"


def test_a_json_export_loads_a_document_an_element_and_a_second_run_changes_nothing(tmp_path: Path):
    source = tmp_path / "src"
    source.mkdir()
    (source / "export.json").write_text(json.dumps(ITEMS, ensure_ascii=False, indent=1), encoding="utf-8")
    settings = Settings(skip_entities=True)

    first = run(source, tmp_path / "w.duckdb", settings)
    second = run(source, tmp_path / "w.duckdb", settings)

    assert (first.documents_loaded, first.rejects) == (3, 3)
    assert second.status == "unchanged"


def test_json_lines_named_json_are_read_as_json_lines():
    data = b'{"id": "a", "text": "The ministers met on Tuesday."}\n{"text": "They agreed to meet again."}\n'
    found = read(data)
    assert [(r.record_id, r.data) for r in found] == [("a", b"The ministers met on Tuesday."), ("line-2", b"They agreed to meet again.")]
    assert read(data, found[1].offset, 1) == found[1:]
