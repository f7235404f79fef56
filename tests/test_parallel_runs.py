"""Batches cleaned and tagged in worker processes: the same warehouse as one worker, one Prefect server."""

import os
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import pytest

from ingest import Settings, run, warehouse

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
COMPARED = {
    "documents": "SELECT doc_id, text, language, duplicate_of, title, author FROM documents",
    "mentions": "SELECT doc_id, entity_id, start_offset, end_offset, text FROM mentions",
    "entities": "SELECT entity_id, name, label, mention_count FROM entities",
    "removed_spans": "SELECT doc_id, kind, start_offset, end_offset FROM removed_spans",
}


def contents(path: Path) -> dict[str, list[tuple]]:
    con = warehouse.connect(path, read_only=True)
    try:
        return {table: sorted(con.execute(query).fetchall(), key=repr) for table, query in COMPARED.items()}
    finally:
        con.close()


@pytest.mark.slow
def test_two_worker_processes_load_what_one_worker_loads(tmp_path):
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    # Batches of two files, so that several batches run in each worker.
    run(SEEDS, one, Settings(batch_size=2))
    with ProcessPoolExecutor(max_workers=2) as pool:
        summary = run(SEEDS, two, Settings(batch_size=2, workers=2), submit=pool.submit)

    assert summary.documents_loaded == 5 and summary.mentions > 100
    assert contents(two) == contents(one)


def test_near_copies_many_batches_apart_while_earlier_batches_are_still_tagged(tmp_path):
    """Deduplication runs ahead of tagging; verifying a near copy reads texts of batches not yet tagged."""
    source = tmp_path / "source"
    source.mkdir()
    paragraphs = sorted(SEEDS.iterdir())[0].read_text(encoding="utf-8").split("\n\n")
    for number in range(8):
        edited = [*paragraphs]
        edited[len(edited) // 2] += f" An edited sentence number {number} was added to this copy."
        (source / f"copy-{number}.txt").write_text("\n\n".join(edited), encoding="utf-8")

    with ThreadPoolExecutor(max_workers=1) as pool:
        summary = run(source, tmp_path / "w.duckdb", Settings(batch_size=1), submit=pool.submit)

    assert summary.status == "completed"
    assert summary.documents_loaded == 8 and summary.duplicates == 7


TWO_WORKER_RUN = """
import sys
from ingest import Settings
from ingest.flows.ingest_flow import ingest
from ingest.flows.task_runners import task_runner

ingest.with_options(task_runner=task_runner("process", 2))(
    sys.argv[1], sys.argv[2], Settings(batch_size=2, skip_entities=True, workers=2))
"""


@pytest.mark.slow
def test_worker_processes_use_the_flow_runs_temporary_server(tmp_path):
    """With no API configured, the workers report to the run's temporary server instead of starting their own."""
    project = Path(__file__).resolve().parents[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(tmp_path / "prefect"), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               PYTHONPATH=os.pathsep.join(filter(None, [str(project / "src"), os.environ.get("PYTHONPATH")])))
    done = subprocess.run(
        [sys.executable, "-c", TWO_WORKER_RUN, str(SEEDS), str(tmp_path / "w.duckdb")],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stderr.count("Starting temporary server") == 1, done.stderr[-3000:]
