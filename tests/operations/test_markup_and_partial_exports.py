"""Odd names on the command line and a disk that fills during an export: one line, and nothing half written."""

from __future__ import annotations

import hashlib
import os
import sys
from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ingest import load, warehouse
from ingest.cli import app
from ingest.document import Document, doc_id_for
from ingest.export import MANIFEST

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "faults"))
from disks import fill, small_disk  # noqa: E402

MARKUP_URI = "notes/[/red] and [bold]x[/bold].txt"


def document(uri: str, text: str) -> Document:
    return Document(
        doc_id=doc_id_for(uri), source_uri=uri, content_sha256="c" * 64, size_bytes=len(text), raw_text=text,
        encoding="utf-8", media_type="text/plain", text=text, text_sha256="t" * 64,
    )


def make_warehouse(path: Path, documents: list[Document]) -> Path:
    con = warehouse.connect(path)
    load.write_documents(con, documents, "run-1", "v1", datetime(2026, 1, 1))
    con.close()
    return path


def test_explain_of_an_id_that_looks_like_markup_says_it_is_not_found(tmp_path):
    path = make_warehouse(tmp_path / "w.duckdb", [document("a.txt", "Some text.\n")])
    result = CliRunner().invoke(app, ["explain", "[/red]", "--warehouse", str(path)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    assert result.stderr.strip() == "no document with doc_id or source_uri '[/red]'"


def test_explain_shows_a_path_with_markup_as_it_is(tmp_path):
    path = make_warehouse(tmp_path / "w.duckdb", [document(MARKUP_URI, "Some [i]text[/i].\n")])
    result = CliRunner().invoke(app, ["explain", MARKUP_URI, "--warehouse", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == f"{MARKUP_URI} ({doc_id_for(MARKUP_URI)}, prose)"
    assert "Some [i]text[/i]." in result.stdout


@pytest.mark.slow
def test_an_export_that_fills_the_disk_leaves_no_partial_file(tmp_path):
    # Text that does not compress or shrink: 40 documents of 100 kB, about 4 MB of JSON lines.
    texts = [hashlib.sha256(f"{n}".encode()).hexdigest() * 1_600 for n in range(40)]
    path = make_warehouse(tmp_path / "w.duckdb", [document(f"d{n}.txt", text) for n, text in enumerate(texts)])
    with small_disk(tmp_path / "disk") as disk:
        fill(disk, leave_bytes=1 << 20)
        out = disk / "export"
        result = CliRunner().invoke(app, ["export", str(out), "--format", "jsonl", "--warehouse", str(path)])
        assert result.exit_code == 1
        assert result.stderr.startswith("ingest: the export failed:") and len(result.stderr.strip().splitlines()) == 1
        assert sorted(os.listdir(out)) == []
        assert not (out / MANIFEST).exists()
