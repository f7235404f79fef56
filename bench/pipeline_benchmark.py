"""End-to-end benchmark of the real flow, against the floor of each stage.

    .venv/bin/python bench/pipeline_benchmark.py --docs 10000 --corpus CORPUS_DIR \\
        [--workers 2] [--skip-entities] [--no-floors] [--output BENCHMARKS.md]

Uses the corpus in ``--corpus`` (generated there by ``bench/corpus_generator.py`` if
the folder does not exist yet, so the large corpora are written once), runs
``ingest run`` in a subprocess on it (Prefect's temporary server and the process
pool are counted), reads the per-stage seconds the run recorded in ``runs``, then
measures each stage's floor on the same data: reading and hashing the files,
langdetect alone on the same samples, spaCy ``nlp.pipe`` alone on the same texts
(with the entity stage's trained components), and a bulk DuckDB insert of every
row the run wrote. It finishes with a no-change re-run. Prints a markdown
section; ``--output`` appends it to a file.
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
    parser.add_argument("--corpus", type=Path, help="corpus folder, generated there if missing")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--skip-entities", action="store_true")
    parser.add_argument("--no-floors", action="store_true", help="skip the floor measurements")
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="ingest-bench-") as scratch:
        corpus = args.corpus or Path(scratch) / "corpus"
        generated = None
        if not corpus.exists():
            tick = time.perf_counter()
            write_corpus(corpus, args.docs, args.seed, processes=os.cpu_count() or 1)
            generated = time.perf_counter() - tick
        files = sorted(p for p in corpus.rglob("*") if p.is_file())
        if len(files) != args.docs:
            raise SystemExit(f"{corpus} holds {len(files)} files, not --docs {args.docs}")
        size = sum(p.stat().st_size for p in files)
        warehouse = Path(scratch) / "bench.duckdb"
        load_before = os.getloadavg()
        run = timed_run(corpus, warehouse, args)
        published = warehouse.stat()
        rerun = timed_run(corpus, warehouse, args)
        rerun["untouched"] = (published.st_ino, published.st_mtime_ns) == (warehouse.stat().st_ino, warehouse.stat().st_mtime_ns)
        load_after = os.getloadavg()
        recorded = recorded_runs(warehouse)
        floors = {} if args.no_floors else measure_floors(files, warehouse, args.skip_entities)
        warehouse_mib = warehouse.stat().st_size / 2**20
    facts = {"size": size, "generated": generated, "load": (load_before, load_after), "warehouse_mib": warehouse_mib}
    report = render(args, facts, run, rerun, recorded, floors)
    print(report)
    if args.output:
        with args.output.open("a", encoding="utf-8") as handle:
            handle.write(report + "\n")


def timed_run(corpus: Path, warehouse: Path, args: argparse.Namespace) -> dict:
    """One ``ingest run`` in a subprocess: its wall time and the peak RSS of its largest process."""
    command = [
        str(Path(sys.executable).parent / "ingest"), "run", "--source", str(corpus), "--warehouse", str(warehouse),
        "--workers", str(args.workers),
    ]
    if args.skip_entities:
        command += ["--skip", "entities"]
    tick = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ | {"PREFECT_LOGGING_LEVEL": "WARNING"})
    # wait4 gives this child's own rusage (its largest descendant included), even
    # when an earlier run's child was bigger.
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - tick
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"ingest run failed: {' '.join(command)}")
    return {"seconds": seconds, "peak_rss_mib": usage.ru_maxrss / 1024}


def recorded_runs(warehouse: Path) -> list[dict]:
    """What each run recorded about itself: stage seconds, documents, flow seconds."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute(
            "SELECT stage_seconds, documents_loaded, files_unchanged, epoch(finished_at - started_at)"
            " FROM runs ORDER BY started_at"
        ).fetchall()
    finally:
        con.close()
    return [
        {"stages": json.loads(stages), "documents": docs, "unchanged": unchanged, "flow_seconds": seconds}
        for stages, docs, unchanged, seconds in rows
    ]


def measure_floors(files: list[Path], warehouse: Path, skip_entities: bool) -> dict:
    """Each stage's floor: the library or I/O it rests on, alone, on the same data."""
    floors = {}
    tick = time.perf_counter()
    for path in files:
        hashlib.sha256(path.read_bytes()).hexdigest()
    floors["read + hash files"] = time.perf_counter() - tick

    con = duckdb.connect(str(warehouse), read_only=True)
    tables = [name for (name,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE NOT internal").fetchall()]
    rows = {name: con.execute(f'SELECT * FROM "{name}"').fetch_arrow_table() for name in tables}
    con.close()
    texts = rows["documents"].column("text").to_pylist()

    from langdetect import DetectorFactory, detect_langs

    from ingest.language import SAMPLE_CHARS

    DetectorFactory.seed = 0
    samples = [_middle(text, SAMPLE_CHARS) for text in texts]
    tick = time.perf_counter()
    for sample in samples:
        detect_langs(sample)
    floors["langdetect alone"] = time.perf_counter() - tick

    tick = time.perf_counter()
    target = duckdb.connect()
    for name, table in rows.items():
        target.register("incoming", table)
        target.execute(f'CREATE TABLE "{name}" AS SELECT * FROM incoming')
        target.unregister("incoming")
    target.close()
    floors["bulk DuckDB insert"] = time.perf_counter() - tick

    if not skip_entities:
        # The same trained components the entity stage runs (senter and ner of the
        # small model), without the gazetteer and the canonical entities built on them,
        # on the texts it tags: duplicates and languages the model lacks are skipped.
        from ingest.entities.model import MODEL_LANGUAGES, load_pipeline

        documents = rows["documents"]
        tagged = [
            text for text, duplicate_of, language in zip(
                texts, documents.column("duplicate_of").to_pylist(), documents.column("language").to_pylist())
            if duplicate_of is None and language in MODEL_LANGUAGES
        ]
        nlp = load_pipeline(gazetteer=None)
        tick = time.perf_counter()
        for _ in nlp.pipe(tagged, batch_size=64):
            pass
        floors["spaCy nlp.pipe alone"] = time.perf_counter() - tick
    return floors


def _middle(text: str, width: int) -> str:
    start = max(0, (len(text) - width) // 2)
    return text[start : start + width]


def render(args, facts, run, rerun, recorded, floors) -> str:
    first = recorded[0]
    stages, docs = first["stages"], first["documents"]
    mib = facts["size"] / 2**20
    command = (
        f".venv/bin/python bench/pipeline_benchmark.py --docs {args.docs} --corpus CORPUS --workers {args.workers}"
        f"{' --skip-entities' if args.skip_entities else ''}{' --no-floors' if args.no_floors else ''}"
    )
    generated = f", generated in {facts['generated']:.0f} s" if facts["generated"] is not None else ""
    (before, *_), (after, *_) = facts["load"]
    lines = [
        f"### {args.docs:,} documents, workers={args.workers}, entities {'off' if args.skip_entities else 'on'}",
        "",
        f"Command: `{command}`  ",
        f"Machine: {os.cpu_count()} cores, {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, "
        f"Python {platform.python_version()}; load average {before:.1f} before, {after:.1f} after  ",
        f"Corpus: {mib:,.1f} MiB ({facts['size'] / args.docs / 1024:.1f} KiB a document){generated}; "
        f"warehouse afterwards {facts['warehouse_mib']:,.0f} MiB",
        "",
        "| measure | value |",
        "|---|---:|",
        f"| documents loaded | {docs:,} |",
        f"| end to end, process (incl. Prefect start) | {run['seconds']:.1f} s |",
        f"| end to end, flow run | {first['flow_seconds']:.1f} s |",
        f"| throughput, end to end | {docs / run['seconds']:.1f} docs/s, {mib / run['seconds']:.2f} MiB/s |",
        f"| throughput, batch phase (clean, dedup, load overlapped) | {_rate(docs, mib, stages.get('batches_wall'))} |",
        f"| peak RSS, largest process | {run['peak_rss_mib']:,.0f} MiB |",
        f"| no-change re-run, process (incl. Prefect start) | {rerun['seconds']:.1f} s "
        f"({'warehouse file untouched' if rerun['untouched'] else 'the warehouse file was rewritten'}) |",
        "",
        "| stage | seconds | documents/s | MiB/s |",
        "|---|---:|---:|---:|",
    ]
    for name, seconds in stages.items():
        summed = name in ("clean", "clean_cpu", "entities", "entities_cpu") and args.workers > 1
        label = f"`{name}`" + (" (summed over workers)" if summed else "")
        lines.append(f"| {label} | {seconds:.1f} | {_per_second(docs, seconds)} | {_per_second(mib, seconds, 2)} |")
    if floors:
        lines += ["", "| floor (same data) | seconds |", "|---|---:|"]
        lines += [f"| {name} | {seconds:.1f} |" for name, seconds in floors.items()]
        base = sum(v for k, v in floors.items() if not k.startswith("spaCy"))
        if args.skip_entities:
            # Wall time: with one worker, cleaning (a thread) and the flow's dedup and
            # load share one interpreter, so their stage seconds overlap.
            wall = first["flow_seconds"]
            lines.append(f"| pipeline without NER, flow run ({wall:.1f} s) / sum of its floors ({base:.1f} s) | {wall / base:.1f}x |")
        if "spaCy nlp.pipe alone" in floors and stages.get("entities"):
            spacy_alone = floors["spaCy nlp.pipe alone"]
            lines.append(f"| NER stage, summed wall time / spaCy alone | {stages['entities'] / spacy_alone:.2f}x |")
            if stages.get("entities_cpu"):
                # The floor runs alone on a quiet core; the stage's wall time counts the
                # moments its workers waited for a core, its CPU time does not.
                lines.append(f"| NER stage, CPU time / spaCy alone | {stages['entities_cpu'] / spacy_alone:.2f}x |")
    return "\n".join(lines) + "\n"


def _rate(docs: int, mib: float, seconds: float | None) -> str:
    if not seconds:
        return "n/a"
    return f"{docs / seconds:.1f} docs/s, {mib / seconds:.2f} MiB/s ({seconds:.1f} s)"


def _per_second(amount: float, seconds: float, digits: int = 1) -> str:
    return f"{amount / seconds:,.{digits}f}" if seconds > 0.05 else "n/a"


if __name__ == "__main__":
    main()
