"""A run's Prefect artifact names the review the flow wrote, and the command that writes it again."""

from __future__ import annotations

import logging

import pytest

from bench.review_warehouse import RUN_ID, build
from ingest.flows.ingest_flow import write_run_review
from ingest.report import markdown_report
from ingest.runs import RunSummary

pytestmark = pytest.mark.slow  # importing the flow imports Prefect: seconds


def test_the_artifact_names_the_review_written_beside_the_warehouse(tmp_path):
    path = tmp_path / "w.duckdb"
    build(path, 3)
    summary = RunSummary(RUN_ID, "docs", str(path), "test", status="completed", documents_loaded=3)
    note = write_run_review(summary, str(path), logging.getLogger("test"))
    assert note.index == (tmp_path / "w.review" / "index.html").resolve() and note.index.exists()
    artifact = markdown_report(summary, note)
    assert f"`{note.index}`" in artifact and f"`ingest review --run latest --warehouse {path}`" in artifact


def test_a_run_that_changed_nothing_has_no_review(tmp_path):
    summary = RunSummary("r", "docs", str(tmp_path / "w.duckdb"), "test", status="completed")
    assert write_run_review(summary, str(tmp_path / "w.duckdb"), logging.getLogger("test")) is None
    assert "Review" not in markdown_report(summary, None)
