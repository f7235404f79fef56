"""``ingest query``, ``ingest rejects`` and ``ingest runs``: the warehouse from the shell, read-only."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bench.review_warehouse import RUN_ID, build
from ingest import warehouse
from ingest.cli import app


@pytest.fixture(scope="module")
def warehouse_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("commands") / "w.duckdb"
    build(path, 12)
    con = warehouse.connect(path)
    con.execute("INSERT INTO runs (run_id, started_at, status, source, pipeline_version, error)"
                " VALUES ('run-failed', TIMESTAMP '2026-03-05 00:00:00', 'failed', 'docs', 'test', 'OSError: disk full')")
    con.close()
    return path


def ingest(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_query_prints_a_table(warehouse_path):
    code, out, _ = ingest("query", "SELECT source_uri, word_count FROM documents ORDER BY source_uri LIMIT 2",
                          "--warehouse", str(warehouse_path))
    lines = out.splitlines()
    assert code == 0
    assert lines[0].split() == ["source_uri", "word_count"]
    assert lines[2].split()[0] == "docs/00000.txt" and lines[-1] == "(2 rows)"


def test_query_as_json_and_csv(warehouse_path):
    sql = "SELECT kind, count(*) AS spans FROM removed_spans GROUP BY kind ORDER BY kind"
    _, out, _ = ingest("query", sql, "--json", "--warehouse", str(warehouse_path))
    assert json.loads(out) == [{"kind": "call_to_action", "spans": 12}, {"kind": "page_furniture", "spans": 12}]
    _, out, _ = ingest("query", sql, "--csv", "--warehouse", str(warehouse_path))
    assert list(csv.reader(io.StringIO(out))) == [["kind", "spans"], ["call_to_action", "12"], ["page_furniture", "12"]]


def test_query_is_read_only_and_touches_no_other_file(warehouse_path, tmp_path):
    target = tmp_path / "out.csv"
    for sql in ("DELETE FROM documents", f"COPY documents TO '{target}'", f"ATTACH '{tmp_path / 'x.duckdb'}' AS x",
                "SET enable_external_access = true"):
        code, _, err = ingest("query", sql, "--warehouse", str(warehouse_path))
        assert code == 1 and err.startswith("ingest: the query failed"), sql
    assert not target.exists() and not (tmp_path / "x.duckdb").exists()
    _, out, _ = ingest("query", "SELECT count(*) AS n FROM documents", "--json", "--warehouse", str(warehouse_path))
    assert json.loads(out) == [{"n": 12}]


def test_rejects_lists_files_with_reasons(warehouse_path):
    code, out, _ = ingest("rejects", "--json", "--warehouse", str(warehouse_path))
    rows = json.loads(out)
    assert code == 0 and [(r["source_uri"], r["reason"], r["run_id"]) for r in rows] == [
        ("docs/broken.pdf", "the PDF has no text layer", RUN_ID)]
    _, out, _ = ingest("rejects", "--run", "latest", "--json", "--warehouse", str(warehouse_path))
    assert json.loads(out) == []  # the latest run is the failed one, which refused nothing


def test_runs_lists_status_counts_and_error(warehouse_path):
    code, out, _ = ingest("runs", "--json", "--warehouse", str(warehouse_path))
    rows = json.loads(out)
    assert code == 0 and [(r["run_id"], r["status"], r["error"]) for r in rows] == [
        ("run-failed", "failed", "OSError: disk full"), (RUN_ID, "completed", None)]
    _, table, _ = ingest("runs", "--warehouse", str(warehouse_path))
    assert "OSError: disk full" in table and table.splitlines()[-1] == "(2 rows)"


def test_a_missing_warehouse_or_two_formats_is_a_usage_error(warehouse_path, tmp_path):
    code, _, err = ingest("runs", "--warehouse", str(tmp_path / "none.duckdb"))
    assert code == 2 and "no warehouse at" in err
    code, _, err = ingest("query", "SELECT 1", "--json", "--csv", "--warehouse", str(warehouse_path))
    assert code == 2 and "--json" in err
