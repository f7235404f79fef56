"""The review of a seed run, opened in a real headless Chromium (Debian's ``chromium`` package).

``--dump-dom`` gives the page as the browser built it after loading, scripts run
(if any could); ``--screenshot`` gives the picture. No browser is downloaded. In CI
(``CI`` set), which installs the package (.ci/run), the tests fail when it is missing;
elsewhere they are skipped with the command that installs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

import ingest
from bench.review_warehouse import HOSTILE
from ingest.review import Selection, write_review
from ingest.settings import Settings
from ingest.warehouse_queries import connect_read_only

pytestmark = pytest.mark.slow

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
# Chromium's own networking (updates, safe browsing, sync) has nowhere to go here and floods the closed network.
QUIET_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium(tmp_path: Path, *args: str) -> str:
    binary = shutil.which("chromium")
    if binary is None:
        missing = "Debian's chromium is not installed (apt-get install chromium; .ci/run does it)"
        pytest.fail(missing) if os.environ.get("CI") else pytest.skip(missing)
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    done = subprocess.run([binary, *QUIET_FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def seed_review(tmp_path_factory) -> tuple[Path, Path]:
    """The seeds and one hostile document, run into a warehouse, and its review with a page for every document."""
    root = tmp_path_factory.mktemp("browser")
    source = root / "source"
    shutil.copytree(SEEDS, source)
    (source / "hostile.txt").write_text(
        "A hostile page\n\n" + HOSTILE + "\n\nThe ministers met in Moscow on Tuesday to discuss trade, energy and "
        "security, and agreed to meet again before the end of the year.\n", encoding="utf-8")
    path = root / "w.duckdb"
    ingest.run(str(source), str(path), Settings(skip_entities=True))
    con = connect_read_only(path)
    try:
        write_review(con, root / "review", Selection(every_document=True))
    finally:
        con.close()
    return path, root / "review"


def test_every_removed_span_of_the_seeds_is_struck_through_with_its_kind(seed_review, tmp_path):
    path, review = seed_review
    con = connect_read_only(path)
    try:
        documents = con.execute("SELECT doc_id FROM documents WHERE source_uri <> 'hostile.txt'").fetchall()
        spans = con.execute("SELECT doc_id, text, kind, rule FROM removed_spans ORDER BY doc_id, start_offset").fetchall()
    finally:
        con.close()
    assert len(documents) == 5 and spans
    seen = []
    for (doc_id,) in documents:
        dom = BeautifulSoup(chromium(tmp_path, "--dump-dom", (review / "documents" / f"{doc_id}.html").as_uri()),
                            "html.parser")
        for struck in dom.select("#raw del.removed"):
            seen.append((doc_id, struck.get_text(), struck["data-kind"], struck["data-rule"]))
    assert sorted(seen) == sorted(spans)


def test_a_hostile_document_runs_no_script(seed_review, tmp_path):
    path, review = seed_review
    con = connect_read_only(path)
    try:
        [(doc_id,)] = con.execute("SELECT doc_id FROM documents WHERE source_uri = 'hostile.txt'").fetchall()
    finally:
        con.close()
    dom = BeautifulSoup(chromium(tmp_path, "--dump-dom", (review / "documents" / f"{doc_id}.html").as_uri()),
                        "html.parser")
    assert dom.title.get_text() != "pwned"
    assert dom.body.get("data-pwned") is None
    assert dom.find("script") is None and dom.find("img") is None
    assert "<script>" in dom.select_one("#raw").get_text()


def test_the_run_page_renders_a_picture_that_is_not_blank(seed_review, tmp_path):
    _, review = seed_review
    shot = tmp_path / "index.png"
    chromium(tmp_path, "--window-size=1200,1600", f"--screenshot={shot}", (review / "index.html").as_uri())
    with Image.open(shot) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 50
    white_share = max(count for count, colour in colours if colour == (255, 255, 255)) / sum(c for c, _ in colours)
    assert white_share < 0.97
