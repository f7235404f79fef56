"""A file's format is told without importing the costly formats: a text file never loads pdfminer or trafilatura."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from ingest.formats import format_of
from ingest.formats.sniffing import formats_named

COSTLY = ("ingest.formats.pdf", "ingest.formats.html", "pdfminer", "trafilatura", "lxml")


def modules_after(code: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", code + f"\nimport json, sys\nprint(json.dumps(sorted(m for m in sys.modules if m in {COSTLY!r})))"],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_reading_a_text_file_imports_neither_costly_format():
    assert modules_after("from ingest.formats import extract; extract(b'The ministers met.', 'notes.txt')") == []


def test_reading_a_page_imports_the_html_format_alone():
    found = modules_after("from ingest.formats import extract; extract(b'<!doctype html><p>The ministers met.</p>', 'page.txt')")
    assert "ingest.formats.html" in found and "pdfminer" not in found


@pytest.mark.parametrize(
    ("data", "name", "module"),
    [
        (b"%PDF-1.4\n", "scan", "pdf"),
        (b"", "Report.PDF", "pdf"),
        (b"\xef\xbb\xbf <!DOCTYPE html><p>hi</p>", "saved.txt", "html"),
        ("<html>".encode("utf-16"), "page", "html"),
        (b"plain", "page.HTM", "html"),
        (b"# Notes", "notes.md", "markdown"),
        (b"The %PDF- marker and <html> appear in this text.", "about.txt", "plain_text"),
    ],
)
def test_each_file_goes_to_the_first_format_that_claims_it(data, name, module):
    assert format_of(data, name) == module


def test_the_costly_formats_a_runs_file_names_call_for():
    assert formats_named(["a.txt", "b.md", "notes.jsonl", "rows.csv"]) == set()
    assert formats_named(["a.txt", "report.PDF"]) == {"pdf"}
    assert formats_named(["index.xhtml", "crawl.warc.gz", "b.txt"]) == {"html"}
    assert formats_named(["x.pdf", "y.htm"]) == {"pdf", "html"}
