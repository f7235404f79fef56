"""A refused file is refused once per state: unchanged, it is neither read nor recorded again."""

import json
import os
from datetime import datetime

import pytest
from fault_helpers import ARTICLE
from typer.testing import CliRunner

from ingest import PIPELINE_VERSION, Settings, run, warehouse
from ingest.cli import app
from ingest.discover import WAREHOUSE_FILE, SkippedPath, SourceFile, discover
from ingest.incremental import known_rejects, plan_run
from ingest.load import write_rejects
from ingest.pipeline import process_batch

NOW = datetime(2026, 1, 1)
SKIP_ENTITIES = Settings(skip_entities=True)


@pytest.fixture(autouse=True)
def stamps_trusted_at_once(monkeypatch):
    """A stamp is trusted as soon as it is taken (a test cannot date a change time back)."""
    monkeypatch.setattr("ingest.discover.RACY_WINDOW_NS", 0)


def first_run(root, path):
    """Plan and process ``root`` into a new warehouse at ``path``, recording its refusals; returns the connection."""
    plan = plan_run(discover(root), {}, PIPELINE_VERSION)
    result = process_batch(plan.to_process)
    con = warehouse.connect(path)
    write_rejects(con, plan.rejects, "r1", NOW, plan.reject_keys, PIPELINE_VERSION)
    write_rejects(con, result.rejects, "r1", NOW, result.reject_keys, PIPELINE_VERSION)
    return con


def test_an_unchanged_refused_file_is_still_refused_without_a_read(tmp_path, monkeypatch):
    root = tmp_path / "src"
    root.mkdir()
    (root / "report.pdf.txt").write_bytes(b"%PDF-1.7 binary")
    (root / "empty.txt").write_bytes(b"   \n")
    con = first_run(root, tmp_path / "w.duckdb")
    refused = known_rejects(con)
    assert set(refused) == {"report.pdf.txt", "empty.txt"}
    assert all(r.content_sha256 and r.stamp for r in refused.values())

    read = []
    monkeypatch.setattr("ingest.incremental.file_sha256", lambda source: read.append(source) or "")
    plan = plan_run(discover(root), {}, PIPELINE_VERSION, refused)
    assert sorted(plan.still_refused) == ["empty.txt", "report.pdf.txt"]
    assert not plan.to_process and not plan.rejects and not plan.changes_warehouse and not read


def test_a_refused_file_is_read_again_when_it_changes_or_the_pipeline_does(tmp_path):
    root = tmp_path / "src"
    root.mkdir()
    (root / "a.txt").write_bytes(b"%PDF-1.7 binary")
    (root / "b.txt").write_bytes(b"   \n")
    refused = known_rejects(first_run(root, tmp_path / "w.duckdb"))
    (root / "a.txt").write_text(ARTICLE)
    plan = plan_run(discover(root), {}, PIPELINE_VERSION, refused)
    assert [s.source_uri for s in plan.to_process] == ["a.txt"] and plan.still_refused == ["b.txt"]
    plan = plan_run(discover(root), {}, "another version", refused)
    assert sorted(s.source_uri for s in plan.to_process) == ["a.txt", "b.txt"]


def test_a_touched_file_with_the_same_bytes_is_still_refused(tmp_path):
    root = tmp_path / "src"
    root.mkdir()
    (root / "a.txt").write_bytes(b"%PDF-1.7 binary")
    refused = known_rejects(first_run(root, tmp_path / "w.duckdb"))
    os.utime(root / "a.txt", ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    assert plan_run(discover(root), {}, PIPELINE_VERSION, refused).still_refused == ["a.txt"]


def test_a_discovery_refusal_is_recorded_again_only_when_its_reason_changes(tmp_path):
    root = tmp_path / "src"
    root.mkdir()
    (tmp_path / "outside.txt").write_text(ARTICLE)
    os.symlink(tmp_path / "outside.txt", root / "link.txt")
    refused = known_rejects(first_run(root, tmp_path / "w.duckdb"))
    assert "outside the source root" in refused["link.txt"].reason
    assert plan_run(discover(root), {}, PIPELINE_VERSION, refused).still_refused == ["link.txt"]
    os.unlink(root / "link.txt")
    os.symlink(tmp_path / "missing.txt", root / "link.txt")
    plan = plan_run(discover(root), {}, PIPELINE_VERSION, refused)
    assert [uri for uri, _ in plan.rejects] == ["link.txt"] and "broken" in plan.rejects[0][1]


def test_the_warehouse_and_its_companions_are_never_sources(tmp_path):
    (tmp_path / "doc.txt").write_text(ARTICLE)
    names = ["ingest.duckdb", "ingest.duckdb.wal", "ingest.duckdb.staging", "ingest.duckdb.staging.wal", "ingest.duckdb.lock"]
    for name in names:
        (tmp_path / name).write_bytes(b"\x00" * 64)
    (tmp_path / "ingest.review" / "documents").mkdir(parents=True)  # the review pages a run writes beside it
    (tmp_path / "ingest.review" / "documents" / "a.html").write_text(f"<p>{ARTICLE}</p>")
    (tmp_path / "sub" / "ingest.review").mkdir(parents=True)
    (tmp_path / "sub" / "ingest.duckdb").write_text(ARTICLE)
    (tmp_path / "sub" / "ingest.review" / "notes.txt").write_text(ARTICLE)
    found = list(discover(tmp_path, warehouse=tmp_path / "ingest.duckdb"))
    assert [f.source_uri for f in found if isinstance(f, SourceFile)] == [
        "doc.txt", "sub/ingest.duckdb", "sub/ingest.review/notes.txt"
    ]
    refused = {f.source_uri: f.reason for f in found if isinstance(f, SkippedPath)}
    assert sorted(refused) == sorted([*names, "ingest.review"])
    assert all(reason == WAREHOUSE_FILE for reason in refused.values())


def test_a_linked_warehouse_is_known_by_its_real_name_too(tmp_path):
    (tmp_path / "doc.txt").write_text(ARTICLE)
    for name in ["real.duckdb", "real.duckdb.lock"]:
        (tmp_path / name).write_bytes(b"\x00" * 64)
    (tmp_path / "linked.duckdb").symlink_to("real.duckdb")
    found = list(discover(tmp_path, warehouse=tmp_path / "linked.duckdb"))
    assert [f.source_uri for f in found if isinstance(f, SourceFile)] == ["doc.txt"]
    assert sorted(f.source_uri for f in found if isinstance(f, SkippedPath)) == ["linked.duckdb", "real.duckdb", "real.duckdb.lock"]


@pytest.mark.slow
def test_command_runs_with_the_warehouse_inside_the_source_never_read_back_their_review(tmp_path):
    """``ingest run`` writes its review pages beside the warehouse; the next run must not load them as documents."""
    (tmp_path / "doc.txt").write_text(ARTICLE)
    command = ["run", "--source", str(tmp_path), "--warehouse", str(tmp_path / "ingest.duckdb"), "--skip", "entities"]
    for _ in range(2):
        assert CliRunner().invoke(app, command).exit_code == 0
    assert (tmp_path / "ingest.review" / "index.html").exists()
    third = CliRunner().invoke(app, [*command, "--json", "--quiet"])
    assert json.loads(third.stdout)["status"] == "unchanged"
    con = warehouse.connect(tmp_path / "ingest.duckdb", read_only=True)
    assert con.execute("SELECT source_uri FROM documents").fetchall() == [("doc.txt",)]


@pytest.mark.slow
def test_runs_over_a_folder_with_bad_files_and_the_warehouse_inside_change_nothing(tmp_path):
    """The warehouse's own files are refused once each, as they appear; then runs change nothing."""
    (tmp_path / "doc.txt").write_text(ARTICLE)
    (tmp_path / "bad.txt").write_bytes(b"%PDF-1.7 binary")
    path = tmp_path / "ingest.duckdb"
    assert run(tmp_path, path, SKIP_ENTITIES).status == "completed"  # its lock and holder's record exist as it plans
    assert run(tmp_path, path, SKIP_ENTITIES).rejects == 1  # the warehouse file, new since
    published = os.stat(path).st_ino
    third = run(tmp_path, path, SKIP_ENTITIES)
    assert third.status == "unchanged"
    assert os.stat(path).st_ino == published
    con = warehouse.connect(path, read_only=True)
    refused = dict(con.execute("SELECT source_uri, reason FROM rejects").fetchall())
    assert sorted(refused) == ["bad.txt", "ingest.duckdb", "ingest.duckdb.lock", "ingest.duckdb.lock.holder"]
    assert {refused[name] for name in refused if name != "bad.txt"} == {WAREHOUSE_FILE}
