"""Bad files beside good ones through a whole run: it completes, good files load, bad ones are in `rejects`."""

from __future__ import annotations

import os

from ingest import Settings, run

GOOD = (
    "Officials from both countries met in Tehran on Monday to sign a transport agreement.\n\n"
    "The corridor will link the Caspian ports with the rail network by the end of next year.\n"
)


def test_run_loads_good_files_and_records_why_bad_ones_were_refused(tmp_path, query_warehouse):
    outside = tmp_path / "outside.txt"
    outside.write_text(GOOD)
    source = tmp_path / "source"
    source.mkdir()
    (source / "good.txt").write_text(GOOD)
    (source / "доклад \"2024\"\nfinal.txt").write_text(GOOD.replace("Tehran", "Baku"))
    (source / "damaged.txt").write_bytes("Grüße “café” — ".encode() + b"\xff" + GOOD.encode())
    (source / "deep.html").write_text("<div>" * 50_000 + "<p>" + GOOD + "</p>" + "</div>" * 50_000)
    (source / "empty.txt").write_bytes(b"")
    (source / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (source / "furniture.txt").write_text("Share this article\nFollow us on Twitter\nSubscribe to our newsletter\n")
    os.symlink(outside, source / "escape.txt")

    path = tmp_path / "w.duckdb"
    summary = run(source, path, Settings(batch_size=2, skip_entities=True))

    assert summary.status == "completed"
    loaded, rejects, runs = query_warehouse(
        path,
        "SELECT source_uri, encoding FROM documents ORDER BY 1",
        "SELECT source_uri, reason FROM rejects ORDER BY 1",
        "SELECT status, files_seen, documents_loaded, rejects FROM runs",
    )
    assert loaded == [
        ("damaged.txt", "utf-8 (invalid bytes replaced)"),
        ("deep.html", "utf-8"),
        ("good.txt", "utf-8"),
        ("доклад \"2024\"\nfinal.txt", "utf-8"),
    ]
    assert rejects == [
        ("empty.txt", "file is empty or contains only whitespace"),
        ("escape.txt", "symbolic link points outside the source root; not followed"),
        ("furniture.txt", "nothing is left after cleaning: the file holds no prose, only boilerplate"),
        ("image.txt", "file is a PNG image, not text"),
    ]
    assert runs == [("completed", 8, 4, 4)]
