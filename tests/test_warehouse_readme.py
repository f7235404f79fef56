"""``warehouse/README.md`` documents every table, view and column of a migrated warehouse, and nothing else.

The README is the warehouse's contract with its readers; this reads the schema from
``information_schema`` so a migration that adds a column fails here until the
column is described.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from ingest import warehouse

README = Path(__file__).resolve().parents[1] / "warehouse" / "README.md"
NAME = re.compile(r"`([A-Za-z_][A-Za-z0-9_.]*)`")


def documented() -> dict[str, set[str]]:
    """Relation → the columns the README describes for it.

    A section's heading names its relations in backticks. In its tables, the first
    cell names columns: ``relation.column`` for one relation, or a bare ``column``
    for every relation of the heading. A section without a table (a view with the
    same columns as a table) documents its relation with no columns of its own.
    """
    columns: dict[str, set[str]] = defaultdict(set)
    relations: list[str] = []
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            relations = NAME.findall(line)
            for relation in relations:
                columns[relation]
        elif line.startswith("| `") and relations:
            for name in NAME.findall(line.split("|")[1]):
                relation, _, column = name.rpartition(".")
                for owner in [relation] if relation else relations:
                    columns[owner].add(column)
    return columns


def schema(tmp_path: Path) -> dict[str, set[str]]:
    con = warehouse.connect(tmp_path / "w.duckdb")
    try:
        rows = con.execute(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'main'"
        ).fetchall()
    finally:
        con.close()
    found: dict[str, set[str]] = defaultdict(set)
    for relation, column in rows:
        found[relation].add(column)
    return found


def test_every_table_and_view_has_a_section(tmp_path):
    assert sorted(schema(tmp_path)) == sorted(documented())


def test_every_column_is_described_and_no_described_column_is_gone(tmp_path):
    docs = documented()
    actual = schema(tmp_path)
    # ``corpus`` is ``documents`` filtered: its section says so instead of repeating the table.
    docs["corpus"] |= docs["documents"]
    missing = {relation: sorted(cols - docs.get(relation, set())) for relation, cols in actual.items()}
    stale = {relation: sorted(cols - actual.get(relation, set())) for relation, cols in docs.items()}
    assert {r: c for r, c in missing.items() if c} == {}
    assert {r: c for r, c in stale.items() if c} == {}


def meaning(relation: str, column: str) -> str:
    """The meaning cell of ``column`` in the section documenting ``relation``."""
    section: list[str] = []
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section = NAME.findall(line)
        elif line.startswith("| `") and relation in section:
            cells = line.split("|")
            if f"`{column}`" in cells[1] or f"`{relation}.{column}`" in cells[1]:
                return cells[3]
    raise AssertionError(f"{relation}.{column} is not documented")


def test_every_relation_has_one_section():
    headings = [name for line in README.read_text(encoding="utf-8").splitlines() if line.startswith("## ")
                for name in NAME.findall(line)]
    assert sorted(name for name in set(headings) if headings.count(name) > 1) == []


def test_every_kind_a_rule_declares_is_documented():
    from ingest.rules import REGISTRY, REMOVAL, REPAIR

    for relation, effect in (("removed_spans", REMOVAL), ("edits", REPAIR)):
        declared = {kind for registered in REGISTRY.all() if registered.effect is effect for kind in registered.kinds}
        assert declared - set(NAME.findall(meaning(relation, "kind"))) == set(), relation
