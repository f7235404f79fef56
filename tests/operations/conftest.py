"""Helpers shared by the operations tests: building source trees and running the per-file stages."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import PIPELINE_VERSION, warehouse
from ingest.discover import discover
from ingest.incremental import RunPlan, plan_run
from ingest.pipeline import BatchResult, process_batch

# Long enough for language detection and the cleaning rules to treat it as an article body.
ARTICLE = (
    "The foreign ministers of both countries met in Moscow on Tuesday to discuss trade, energy and security.\n\n"
    "They agreed to expand cooperation on transport corridors and to meet again before the end of the year.\n"
)


def _plan_and_process(root: Path, known: dict | None = None) -> tuple[RunPlan, BatchResult]:
    """What a run does with a source tree before loading: plan it, then process what the plan says."""
    plan = plan_run(discover(root), known or {}, PIPELINE_VERSION)
    return plan, process_batch(plan.to_process)


def _outcome(root: Path, known: dict | None = None) -> dict[str, str]:
    """source_uri → the clean text of its document (stripped), or "REJECT: reason"."""
    plan, result = _plan_and_process(root, known)
    found = {d.source_uri: d.text.strip() for d in result.documents}
    for uri, reason in plan.rejects + result.rejects:
        found[uri] = f"REJECT: {reason}"
    return found


@pytest.fixture
def source_root(tmp_path: Path) -> Path:
    root = tmp_path / "source"
    root.mkdir()
    return root


@pytest.fixture
def article() -> str:
    return ARTICLE


@pytest.fixture
def stages():
    """Plan and process a source tree as a run would, without a warehouse: see ``_outcome``."""
    return _outcome


@pytest.fixture
def planned():
    """Plan and process a source tree, returning the plan and the batch result."""
    return _plan_and_process


def _query(path: Path, *queries: str) -> list[list[tuple]]:
    """Rows of each query against a published warehouse, through a read-only connection."""
    con = warehouse.connect(path, read_only=True)
    try:
        return [con.execute(sql).fetchall() for sql in queries]
    finally:
        con.close()


@pytest.fixture
def query_warehouse():
    return _query
