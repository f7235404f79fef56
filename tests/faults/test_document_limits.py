"""Hostile files end as rejects naming the limit they hit, the run goes on, and stopping a run leaves nothing behind.

Each hostile file is written by the test (``hostile_pdfs``): a page whose contents
refer to themselves, an xref stream claiming two billion objects, a compression
bomb, a drawing that parses into millions of objects. The runs are real: the
library's ``run`` for the rejects, the ``ingest`` command for the signals.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest
from fault_helpers import ARTICLE
from hostile_pdfs import compression_bomb, huge_xref_size, one_page, self_referencing

from ingest import PIPELINE_VERSION, Settings, run, warehouse
from ingest.discover import discover
from ingest.document_limits import DocumentLimits
from ingest.incremental import known_rejects, plan_run
from ingest.reject_keys import RejectKey
from ingest.load import write_rejects
from ingest.warehouse.lock import check_free

PROJECT = Path(__file__).resolve().parents[2]
LIMITS = dict(doc_timeout=30, doc_cpu_seconds=3, doc_memory_mb=120, skip_entities=True)
HOSTILE = {
    "self-reference.pdf": (self_referencing, "cpu_seconds"),
    "xref-size.pdf": (huge_xref_size, "cpu_seconds"),
    # 60 MB of zeros: within the bound on a stream's size, past the memory limit once parsed.
    "zeros.pdf": (lambda: compression_bomb(megabytes=60), "memory_mb"),
}


def query_warehouse(path: Path, *queries: str) -> list[list[tuple]]:
    con = warehouse.connect(path, read_only=True)
    try:
        return [con.execute(sql).fetchall() for sql in queries]
    finally:
        con.close()


def write_source(root: Path) -> Path:
    root.mkdir()
    for name, (build, _) in HOSTILE.items():
        (root / name).write_bytes(build())
    (root / "bomb.pdf").write_bytes(compression_bomb(megabytes=256))
    (root / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "brief.pdf").write_bytes(one_page("The ministers agreed to meet again before the end of the year."))
    return root


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS and /proc")
def test_hostile_files_become_rejects_naming_their_limit_and_the_rest_loads(tmp_path):
    source, path = write_source(tmp_path / "source"), tmp_path / "w.duckdb"
    started = time.monotonic()
    summary = run(source, path, Settings(**LIMITS))
    took = time.monotonic() - started

    assert summary.status == "completed" and summary.documents_loaded == 2
    [documents, rejects] = query_warehouse(
        path, "SELECT source_uri FROM documents ORDER BY 1",
        "SELECT source_uri, limit_name, limit_value, reason FROM rejects ORDER BY 1",
    )
    assert documents == [("article.txt",), ("brief.pdf",)]
    found = {uri: (limit, value, reason) for uri, limit, value, reason in rejects}
    values = {"cpu_seconds": 3.0, "memory_mb": 120.0}
    for name, (_, limit) in HOSTILE.items():
        # Parsing 60 MB of content also costs CPU: on a slow or busy machine the CPU limit comes first.
        allowed = {limit, "cpu_seconds"}
        assert found[name][0] in allowed and found[name][1] == values[found[name][0]], found[name]
    # 256 MB of zeros: refused at the bound on a stream's size, or at the memory limit on the way to it.
    assert found["bomb.pdf"][0] == "memory_mb" or "expands past 64 MiB" in found["bomb.pdf"][2]
    # Each hostile file costs at most its limit (3 s of CPU, bounded memory), not the run's whole time.
    assert took < 4 * LIMITS["doc_timeout"]

    again = run(source, path, Settings(**LIMITS))
    assert again.status == "unchanged"


def test_a_limit_reject_is_retried_only_when_that_limit_is_raised(tmp_path):
    root = tmp_path / "source"
    root.mkdir()
    (root / "slow.pdf").write_bytes(self_referencing())
    con = warehouse.connect(tmp_path / "w.duckdb")
    write_rejects(
        con, [("slow.pdf", "too slow")], "r1", datetime(2026, 1, 1),
        {"slow.pdf": RejectKey(None, None, limit="cpu_seconds", limit_value=3.0)}, PIPELINE_VERSION,
    )
    con.execute("UPDATE rejects SET content_sha256 = ?", [__import__("hashlib").sha256(self_referencing()).hexdigest()])
    refused = known_rejects(con)

    def planned(limits: DocumentLimits) -> list[str]:
        return [s.source_uri for s in plan_run(discover(root), {}, PIPELINE_VERSION, refused, limits).to_process]

    assert planned(DocumentLimits(cpu_seconds=3, wall_seconds=1000, memory_mb=9999)) == []
    assert planned(DocumentLimits(cpu_seconds=2)) == []
    assert planned(DocumentLimits(cpu_seconds=4)) == ["slow.pdf"]


def session_processes(session: int) -> set[int]:
    """Live processes of a session (a run started in a session of its own, and everything it started)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        if int(fields[3]) == session and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def start_stuck_run(tmp_path: Path, *options: str) -> tuple[subprocess.Popen, Path]:
    """``ingest run`` over files that hang an unguarded reader, once it is stuck in them."""
    source = tmp_path / "source"
    source.mkdir()
    for index in range(2):
        (source / f"stuck-{index}.pdf").write_bytes(self_referencing() + b"%" + str(index).encode())
    path = tmp_path / "w.duckdb"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["PREFECT_HOME"] = str(tmp_path / "prefect")
    stuck = subprocess.Popen(
        [sys.executable, "-m", "ingest", "run", "--source", str(source), "--warehouse", str(path), "--skip", "entities",
         "--batch-size", "1", "--doc-timeout", "600", "--doc-cpu-seconds", "600", *options],
        cwd=PROJECT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    staging = path.with_name(path.name + ".staging")
    deadline = time.monotonic() + 240
    while not staging.exists():
        assert stuck.poll() is None, stuck.communicate()
        assert time.monotonic() < deadline, "the run did not start writing"
        time.sleep(0.2)
    time.sleep(8)  # into the stuck extraction (with --workers, the pool's workers start first)
    return stuck, path


def wait_empty(session: int, seconds: float) -> set[int]:
    deadline = time.monotonic() + seconds
    while (left := session_processes(session)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_sigterm_during_a_stuck_extraction_ends_the_run_within_seconds_and_leaves_no_process(tmp_path):
    stuck, path = start_stuck_run(tmp_path)
    assert len(session_processes(stuck.pid)) >= 3  # the run, its server, the fork server and a guard worker
    sent = time.monotonic()
    stuck.send_signal(signal.SIGTERM)
    try:
        stuck.wait(timeout=30)
    finally:
        stuck.kill()
    assert stuck.returncode == 128 + signal.SIGTERM
    assert wait_empty(stuck.pid, 10 - (time.monotonic() - sent)) == set(), "processes outlived the stopped run"
    check_free(path)  # the lock went with the run


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_kill_9_of_a_run_with_two_workers_leaves_no_process(tmp_path):
    stuck, path = start_stuck_run(tmp_path, "--workers", "2")
    assert len(session_processes(stuck.pid)) >= 4
    stuck.kill()
    stuck.wait()
    assert wait_empty(stuck.pid, 10) == set()
    check_free(path)
