"""Deleting and restoring a canonical document keeps its group's mentions, as a clean rebuild would."""

import shutil
from pathlib import Path

import pytest

from ingest import run, warehouse

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_8e88b69024fe2551.txt"


def mentions_by_document(path: Path) -> dict[str, int]:
    """source_uri → mentions of every live document (0 for none)."""
    con = warehouse.connect(path, read_only=True)
    try:
        return dict(
            con.execute(
                "SELECT d.source_uri, count(m.doc_id) FROM documents d LEFT JOIN mentions m USING (doc_id)"
                " WHERE d.deleted_at IS NULL GROUP BY d.source_uri"
            ).fetchall()
        )
    finally:
        con.close()


def canonical(path: Path) -> set[str]:
    con = warehouse.connect(path, read_only=True)
    try:
        rows = con.execute("SELECT source_uri FROM documents WHERE deleted_at IS NULL AND duplicate_of IS NULL")
        return {uri for (uri,) in rows.fetchall()}
    finally:
        con.close()


@pytest.mark.slow
def test_promoted_copy_is_tagged_and_restoring_the_original_keeps_the_group_tagged(tmp_path):

    text = SEED.read_text(encoding="utf-8")
    source = tmp_path / "source"
    source.mkdir()
    # Two copies of one article: exact duplicates once cleaned, one canonical.
    (source / "original.txt").write_text(text + "\n")
    (source / "copy.txt").write_text(text)
    path = tmp_path / "w.duckdb"

    run(source, path)
    first = mentions_by_document(path)
    [kept] = canonical(path)
    [other] = set(first) - {kept}
    assert first[kept] > 0 and first[other] == 0

    (source / kept).rename(tmp_path / kept)
    run(source, path)
    promoted = mentions_by_document(path)
    assert canonical(path) == {other}

    rebuilt = tmp_path / "rebuilt.duckdb"
    run(source, rebuilt)
    assert promoted[other] == mentions_by_document(rebuilt)[other] > 0

    (tmp_path / kept).rename(source / kept)
    run(source, path)
    restored = mentions_by_document(path)
    [now] = canonical(path)
    assert restored[now] > 0
    assert sum(count > 0 for count in restored.values()) == 1
