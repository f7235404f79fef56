"""A web page saved as PDF by a real headless Chromium (Debian's ``chromium``), read as a user's file.

Chromium prints the date and the page's title over each sheet and the page's
address and "n/N" under it, in small type; the page's own headlines between them
are loosely spaced. On CI (``CI`` set) a missing Chromium fails the test; elsewhere
it is skipped with the command that installs it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from ingest.discover import SourceFile
from ingest.pipeline import process_file

pytestmark = pytest.mark.slow

PARAGRAPHS = [
    f"Paragraph {n} of the report: the harbour authority counted {n * 37} ships in the month, and the "
    "traders who use the new grain terminal said the queues at the quay had grown shorter since the "
    "second crane arrived from the shipyard in the south."
    for n in range(1, 31)
]
HEADLINES = [f"Council approves budget for district {n}" for n in range(1, 13)]
PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Harbour report - The Example Times</title>
<style>li {{ margin: 18px 0; }} p {{ font-size: 16px; }}</style></head>
<body><ul>{headlines}</ul><h1>Harbour report</h1>{paragraphs}</body></html>"""


def print_to_pdf(html: Path, pdf: Path) -> None:
    binary = shutil.which("chromium")
    if binary is None:
        missing = "Debian's chromium is not installed (apt-get install chromium; .ci/run does it)"
        pytest.fail(missing) if os.environ.get("CI") else pytest.skip(missing)
    command = [binary, "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={pdf}", html.as_uri()]
    subprocess.run(command, capture_output=True, timeout=120, check=False)
    assert pdf.exists(), "chromium printed no PDF"


def test_a_page_saved_as_pdf_keeps_its_article_and_loses_the_browsers_header_and_footer(tmp_path):
    html = tmp_path / "report.html"
    html.write_text(
        PAGE.format(
            headlines="".join(f"<li>{h}</li>" for h in HEADLINES),
            paragraphs="".join(f"<p>{p}</p>" for p in PARAGRAPHS),
        ),
        encoding="utf-8",
    )
    pdf = tmp_path / "report.pdf"
    print_to_pdf(html, pdf)
    document = process_file(SourceFile(pdf, pdf.name))
    sheets = document.raw_text.count("\f") + 1
    assert sheets >= 2, "the page must fill more than one sheet for its header to repeat"
    words = document.text.split()
    assert all(" ".join(p.split()) in " ".join(words) for p in PARAGRAPHS)
    assert all(h in document.text for h in HEADLINES)
    assert not re.search(r"\d+/\d+/\d+, \d+:\d+", document.text), "the printed date stayed"
    assert "file://" not in document.text.replace("ﬁ", "fi"), "the printed address stayed"
    assert not re.search(r"^\d+/\d+$", document.text, re.MULTILINE), "a sheet counter stayed"
    removed = {change.kind for change in document.changes if change.after == ""}
    assert {"running_header", "running_footer"} <= removed
