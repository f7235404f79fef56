"""The cleaning-cost benchmark compares every document's output of two checkouts exactly."""

import shutil
from pathlib import Path

import pytest

from bench.clean_cost import differences, main

SOURCE = Path(__file__).resolve().parents[2] / "src"
DOCUMENTS = {
    "note.txt": "Ministers met in Paris on Monday to discuss the trade agreement and its timetable.\n",
    "page.txt": "Home\nNews\nSport\nContact\n\nThe council approved the budget after a long debate.\n\nShare this article\n",
}


def test_a_document_that_differs_or_is_missing_is_reported():
    before = {"a": ("text", []), "b": ("same", []), "c": ("gone", [])}
    after = {"a": ("text!", []), "b": ("same", []), "d": ("new", [])}
    assert differences(before, after) == ["a", "c", "d"]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in DOCUMENTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.slow
def test_the_same_code_gives_the_same_output(corpus: Path, tmp_path: Path):
    output = tmp_path / "cost.md"
    assert main(["--corpus", str(corpus), "--baseline", str(SOURCE), "--rounds", "1", "--output", str(output)]) == 0
    assert "| 0 of 2 |" in output.read_text()


@pytest.mark.slow
def test_code_that_cleans_differently_is_caught(corpus: Path, tmp_path: Path):
    changed = tmp_path / "changed" / "src"
    shutil.copytree(SOURCE, changed, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    clean = changed / "ingest" / "clean.py"
    original = clean.read_text(encoding="utf-8")
    assert "        text=traced.text," in original
    clean.write_text(original.replace("        text=traced.text,", "        text=traced.text + '.',"), encoding="utf-8")
    output = tmp_path / "cost.md"
    assert main(["--corpus", str(corpus), "--baseline", str(changed), "--rounds", "1", "--output", str(output)]) == 1
    report = output.read_text()
    assert "| 2 of 2 |" in report and "differs: `note.txt`" in report
