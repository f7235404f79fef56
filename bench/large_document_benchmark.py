"""Cleaning cost of one large document against ten documents a tenth its size.

The prose is the benchmark corpus (``bench.corpus_generator``: articles dressed
with boilerplate, hard wraps and OCR damage) written end to end into one file, as
an export or a book-length dump would be; the small files are consecutive tenths
of the same bytes. Each case runs ``process_file`` (read, decode, clean, detect
the language) in a fresh process, so its peak resident memory is its own, and
reports its CPU time beside its wall time: on a shared machine the CPU time is
what compares.

    .venv/bin/python -m bench.large_document_benchmark --megabytes 8

Cost linear in size puts the ratio (of CPU times) near 1; the target is under 3.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus_generator import write_corpus

# Bytes of corpus per generated document, measured (1,900 documents give 13.4 MB);
# a few more documents than needed are generated and the prose cut to size.
BYTES_PER_DOCUMENT = 7_000


def build_files(directory: Path, megabytes: float, seed: int) -> tuple[Path, list[Path]]:
    """One file of the given size, and ten files holding its consecutive tenths."""
    corpus = directory / "corpus"
    size = int(megabytes * 2**20)
    write_corpus(corpus, int(size / BYTES_PER_DOCUMENT * 1.05) + 10, seed=seed, processes=1)
    prose = b"\n\n".join(path.read_bytes() for path in sorted(corpus.glob("*.txt")))[:size]
    large = directory / "large.txt"
    large.write_bytes(prose)
    tenth = len(prose) // 10
    small = []
    for index in range(10):
        path = directory / f"small_{index}.txt"
        path.write_bytes(prose[index * tenth : (index + 1) * tenth])
        small.append(path)
    return large, small


def measure(paths: list[Path]) -> dict:
    """Seconds and peak memory of processing the files, one after another, in a fresh process."""
    child = subprocess.run(
        [sys.executable, "-m", "bench.large_document_benchmark", "--child", *map(str, paths)],
        check=True, capture_output=True, text=True,
    )
    return json.loads(child.stdout.strip().splitlines()[-1])


def _child(paths: list[str]) -> None:
    from ingest.discover import SourceFile
    from ingest.pipeline import process_file

    started = time.perf_counter()
    chars = 0
    for path in paths:
        chars += len(process_file(SourceFile(Path(path), Path(path).name)).text)
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({
        "seconds": round(seconds, 1), "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),
        "peak_mb": round(usage.ru_maxrss / 1024), "clean_chars": chars,
    }))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--megabytes", type=float, default=8)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--child", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        _child(args.child)
        return
    with tempfile.TemporaryDirectory() as folder:
        large, small = build_files(Path(folder), args.megabytes, args.seed)
        one = measure([large])
        ten = measure(small)
    for label, case in ((f"one document of {args.megabytes:g} MB", one), (f"ten documents of {args.megabytes / 10:g} MB", ten)):
        print(f"{label}: {case['cpu_seconds']} s CPU ({case['seconds']} s wall), peak {case['peak_mb']} MB")
    print(f"ratio of CPU times (one large / ten small): {one['cpu_seconds'] / ten['cpu_seconds']:.2f}")


if __name__ == "__main__":
    main()
