"""Fixtures for the deduplication tests: generated articles and a warehouse file."""

import sys
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
if str(REPOSITORY) not in sys.path:
    sys.path.insert(0, str(REPOSITORY))

from bench.dedup_corpus import Writer  # noqa: E402
from ingest import warehouse  # noqa: E402


@pytest.fixture
def writer():
    return Writer(seed=11)


@pytest.fixture
def article(writer):
    """A fresh generated article as paragraphs of sentences (a new one each call)."""
    return writer.article


@pytest.fixture
def con(tmp_path):
    connection = warehouse.connect(tmp_path / "w.duckdb")
    yield connection
    connection.close()


@pytest.fixture
def reopen(tmp_path):
    """Open the same warehouse file again, as a later run does."""
    opened = []

    def _reopen():
        connection = warehouse.connect(tmp_path / "w.duckdb")
        opened.append(connection)
        return connection

    yield _reopen
    for connection in opened:
        connection.close()
