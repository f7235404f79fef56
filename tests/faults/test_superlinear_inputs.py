"""Inputs whose cost once grew faster than their size end loaded, in bounded time and memory, beside ordinary documents."""

import json
import subprocess
import sys
import textwrap

import duckdb
import pytest
from fault_helpers import ARTICLE

from bench.superlinear_inputs import letters_pdf, one_line_text, thread_page, unclosed_forum

# Seconds and megabytes the whole run may take. Before these inputs were cut into
# pieces, the PDF page alone took minutes, the 600-post forum 16 s for 253 posts.
MAX_SECONDS = 240
MAX_PEAK_MB = 1500
MENU = "".join(f"<ul><li><a href='/m{i}'>Menu {i}</a>" for i in range(300))
ARTICLE_PARAGRAPHS = [f"Paragraph {i}: the council voted on Tuesday to extend the opening hours of the library after a long consultation." for i in range(12)]


@pytest.mark.slow
def test_deep_large_and_unbroken_inputs_are_loaded_with_the_others(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    (source / "article.txt").write_text(ARTICLE)
    (source / "forum.html").write_text(unclosed_forum(600))
    article = "".join(f"<p>{text}</p>" for text in ARTICLE_PARAGRAPHS)
    (source / "menu.html").write_text(f"<!doctype html><html><body><nav>{MENU}</nav><article><h1>The vote</h1>{article}</article></body></html>")
    (source / "thread.html").write_text(thread_page(6))
    (source / "one_line.txt").write_text(one_line_text(16))
    (source / "letters.pdf").write_bytes(letters_pdf(100_000))
    warehouse = tmp_path / "w.duckdb"
    script = textwrap.dedent(f"""
        import json, resource, time
        from ingest import Settings, run
        started = time.perf_counter()
        result = run({str(source)!r}, {str(warehouse)!r}, Settings(skip_entities=True))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        print(json.dumps({{"status": result.status, "seconds": time.perf_counter() - started, "peak_mb": peak}}))
    """)
    child = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=2 * MAX_SECONDS, check=True)
    outcome = json.loads(child.stdout.strip().splitlines()[-1])
    assert outcome["status"] == "completed"
    assert outcome["seconds"] < MAX_SECONDS and outcome["peak_mb"] < MAX_PEAK_MB, outcome

    con = duckdb.connect(str(warehouse), read_only=True)
    assert con.execute("SELECT count(*) FROM rejects").fetchone() == (0,)
    texts = dict(con.execute("SELECT source_uri, text FROM documents").fetchall())
    assert set(texts) == {"article.txt", "forum.html", "menu.html", "thread.html", "one_line.txt", "letters.pdf"}
    assert sum(f"Post {i}:" in texts["forum.html"] for i in range(600)) == 600
    assert all(paragraph in texts["menu.html"] for paragraph in ARTICLE_PARAGRAPHS)
    assert len(texts["one_line.txt"]) > 15 * 2**20 and len(texts["letters.pdf"]) > 90_000
    rules = dict(con.execute("SELECT d.source_uri, list(DISTINCT r.rule) FROM removed_spans r JOIN documents d USING (doc_id) GROUP BY 1").fetchall())
    assert "html_nav_large_page" in rules["thread.html"]
    cuts = con.execute(
        "SELECT count(*) FROM edits e JOIN documents d USING (doc_id) WHERE d.source_uri = 'one_line.txt' AND e.rule = 'long_line_cut'"
    ).fetchone()[0]
    assert cuts >= 10
