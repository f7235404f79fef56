"""``warehouse/README.md`` names every value the database holds in its enumerated columns.

A warehouse is built by a real run over every input format (plain text, Markdown,
HTML, PDF) with an exact copy among them; each distinct value of a column whose
documentation lists its values must be among the names that documentation gives.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from fpdf import FPDF

import ingest
from ingest.settings import Settings
from ingest.warehouse_queries import connect_read_only
from tests.test_warehouse_readme import meaning

pytestmark = pytest.mark.slow

VALUE = re.compile(r"`([^`]+)`")
SEEDS = Path(__file__).resolve().parents[1] / "seeds"
ENUMERATED = [("documents", "media_type"), ("duplicates", "method"), ("runs", "status"),
              ("document_changes", "change"), ("edits", "kind"), ("removed_spans", "kind")]
BODY = ("The foreign ministers of both countries met in Moscow on Tuesday to discuss trade, energy and security. "
        "They agreed to expand cooperation on transport corridors and to meet again before the end of the year.")


def pdf(text: str) -> bytes:
    document = FPDF()
    document.set_font("Helvetica", size=11)
    document.add_page()
    document.multi_cell(180, 5, text)
    return bytes(document.output())


def test_every_value_in_the_database_is_documented(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(SEEDS, source)
    shutil.copy(source / "000_8e88b69024fe2551.txt", source / "copy.txt")
    (source / "page.html").write_text(
        f"<html><head><title>Talks</title></head><body><nav>Home | World</nav><article><h1>Talks</h1>"
        f"<p>{BODY}</p><p>{BODY}</p></article><footer>Contact us</footer></body></html>", encoding="utf-8")
    (source / "notes.md").write_text(f"# Talks\n\n{BODY}\n\n## More\n\n{BODY}\n", encoding="utf-8")
    (source / "paper.pdf").write_bytes(pdf(BODY + " " + BODY))
    ingest.run(str(source), str(tmp_path / "w.duckdb"), Settings(skip_entities=True))
    con = connect_read_only(tmp_path / "w.duckdb")
    try:
        found = {(relation, column): {value for (value,) in con.execute(f"SELECT DISTINCT {column} FROM {relation}").fetchall()}
                 for relation, column in ENUMERATED}
    finally:
        con.close()
    assert found[("documents", "media_type")] == {"text/plain", "text/markdown", "text/html", "application/pdf"}
    assert "exact_file" in found[("duplicates", "method")]
    undocumented = {key: sorted(values - set(VALUE.findall(meaning(*key)))) for key, values in found.items()}
    assert {key: values for key, values in undocumented.items() if values} == {}
