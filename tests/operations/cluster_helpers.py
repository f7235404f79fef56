"""What the cluster tests share: a source of a few hundred documents, the run, and the tables compared."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import duckdb

BIN = Path(sys.executable).parent
RUN_SECONDS = 900
# What makes two warehouses the same run's: each document's text and role, and every removal.
SAME = {
    "documents": "SELECT source_uri, text_sha256, language, input_kind, metadata,"
    " (SELECT source_uri FROM documents c WHERE c.doc_id = d.duplicate_of) AS duplicate_of_uri"
    " FROM documents d ORDER BY source_uri",
    "removed_spans": "SELECT d.source_uri, r.kind, r.rule, r.start_offset, r.end_offset FROM removed_spans r"
    " JOIN documents d USING (doc_id) ORDER BY ALL",
    "edits": "SELECT d.source_uri, e.kind, e.rule, e.offset, e.before, e.after FROM edits e JOIN documents d USING (doc_id) ORDER BY ALL",
    "rejects": "SELECT source_uri, reason FROM rejects ORDER BY ALL",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def write_source(source: Path) -> int:
    """Forty noisy articles with planted copies, and a JSONL of 260 short records with repeats; returns the documents."""
    from bench.corpus_generator import write_corpus

    write_corpus(source / "articles", 40, seed=11)
    records = []
    for number in range(260):
        topic = ["harbour", "wheat", "tram", "vaccine", "turbine"][number % 5]
        text = (
            f"Dispatch {number % 200}: the {topic} inquiry heard {number % 200 * 3} witnesses on its"
            f" {number % 200 + 2}nd day. The chair said the findings would be published within weeks."
        )
        records.append(json.dumps({"id": f"d{number}", "text": text, "desk": topic}))
    records.append('{"id": "broken", ')
    (source / "dispatches.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    return 300


def ingest(*args: str, timeout: float = RUN_SECONDS) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "ingest"), "run", "--skip", "entities", "--json", "--quiet", *args],
        capture_output=True, text=True, timeout=timeout,
    )


def tables(warehouse: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {name: con.execute(sql).fetchall() for name, sql in SAME.items()}
    finally:
        con.close()


def runs_like_a_local_run(tmp_path: Path, runner: str, address: str | None) -> dict:
    """Run the source on the cluster and locally; assert the warehouses are equal; return the cluster run's summary.

    With no ``address``, the runner starts a cluster of its own on this machine.
    """
    source = tmp_path / "source"
    count = write_source(source)
    on_cluster = ingest("--source", str(source), "--warehouse", str(tmp_path / "cluster.duckdb"),
                        "--runner", runner, *(["--address", address] if address else []), "--batch-size", "16")
    assert on_cluster.returncode == 0, on_cluster.stderr[-3000:]
    local = ingest("--source", str(source), "--warehouse", str(tmp_path / "local.duckdb"), "--batch-size", "16")
    assert local.returncode == 0, local.stderr[-3000:]
    summary = json.loads(on_cluster.stdout)
    assert summary["documents_loaded"] == count and summary["rejects"] == 1
    assert summary["duplicates"] > 0 and summary["removed_spans"] > 0
    assert tables(tmp_path / "cluster.duckdb") == tables(tmp_path / "local.duckdb")
    return summary
