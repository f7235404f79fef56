"""What the tagger's matrix products cost on blis, and on numpy's BLAS with one thread or every core.

    .venv/bin/python bench/tagging_blas.py [--corpus CORPUS_2000 --docs 2000] [--rounds 3]
        [--other-python OTHER/bin/python] [--output bench/results/tagging_blas.md]

The documents are the five seed files, and with ``--corpus`` the first ``--docs``
files of a folder (the generator's: ``python -m bench.corpus_generator CORPUS
--docs 2000 --seed 7``), cleaned by ``ingest.pipeline.process_file`` before any
timing. Each configuration runs in a subprocess of its own, which loads the
tagger (``ingest.entities.load_tagger``, the packaged gazetteer), tags the first
seed to warm it, then tags the documents with ``EntityTagger.tag`` in one call:

- **blis**: the model built on thinc's default operations, as before
  ``ingest.entities.model`` chose numpy's;
- **numpy BLAS, one thread**: what ``ingest`` does;
- **numpy BLAS, every core**: the same without the one-thread bound.

With ``--other-python``, a fourth contender runs ``ingest``'s configuration on
the interpreter of another environment (this checkout's ``src`` first on its
path): the same tagging on another installed spaCy build, say
``python3 -m venv OTHER && OTHER/bin/pip install -e . && OTHER/bin/pip install
'spacy==3.8.18'``.

Wall time, and CPU time of the whole process (every thread: BLAS threads that
spin while they wait count), are reported as medians of interleaved rounds, every
configuration once per round in turn. Every configuration's mentions (offsets,
label, entity) must equal blis's, or the script exits 1.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))

OURS = "numpy BLAS, one thread"
CONFIGURATIONS = ("blis", OURS, "numpy BLAS, every core")
OTHER_BUILD = "numpy BLAS, one thread, other environment"


def documents(corpus: Path | None, docs: int) -> list:
    """The seeds and the corpus's first files, cleaned as a run cleans them."""
    from ingest.decode import RejectedInput
    from ingest.discover import SourceFile
    from ingest.pipeline import process_file

    paths = sorted((REPO / "seeds").iterdir())
    if corpus is not None:
        paths += sorted(p for p in corpus.rglob("*") if p.is_file())[:docs]
    cleaned = []
    for path in paths:
        with contextlib.suppress(RejectedInput):
            cleaned.append(process_file(SourceFile(path, path.name)))
    return cleaned


def measure(configuration: str, corpus: Path | None, docs: int) -> dict:
    """In a subprocess: load the tagger as ``configuration`` says, tag the documents, time it."""
    import thinc.api

    from ingest.entities import load_tagger, model, tagger

    if configuration == "blis":
        model.use_ops = lambda name, **_: thinc.api.use_ops(name, use_blis=True)
    if configuration not in (OURS, OTHER_BUILD):
        tagger._one_blas_thread = contextlib.nullcontext
    batch = documents(corpus, docs)
    loaded = load_tagger()
    loaded.tag(batch[:1])  # warmed on the first seed, tagged again with the rest
    wall, cpu = time.perf_counter(), time.process_time()
    loaded.tag(batch)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    mentions = [(d.doc_id, m.start, m.end, m.label, m.entity_id) for d in batch for m in d.mentions]
    digest = hashlib.sha256(repr(mentions).encode()).hexdigest()
    return {
        "wall": wall,
        "cpu": cpu,
        "documents": len(batch),
        "mentions": len(mentions),
        "digest": digest,
        "spacy": spacy_version(),
    }


def spacy_version() -> str:
    import spacy
    import thinc

    return f"spaCy {spacy.__version__}, thinc {thinc.__version__}"


def run(configuration: str, corpus: Path | None, docs: int, python: str = sys.executable) -> dict:
    command = [python, __file__, "--measure", configuration, "--docs", str(docs)]
    if corpus is not None:
        command += ["--corpus", str(corpus)]
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), str(REPO)])}
    result = subprocess.run(command, check=True, capture_output=True, text=True, env=environment)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--output", type=Path)
    parser.add_argument("--other-python", help="Interpreter of an environment with another spaCy build installed.")
    parser.add_argument("--measure", choices=(*CONFIGURATIONS, OTHER_BUILD), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.measure, args.corpus, args.docs)))
        return 0
    load_before = os.getloadavg()[0]
    contenders = {name: sys.executable for name in CONFIGURATIONS}
    if args.other_python:
        contenders[OTHER_BUILD] = args.other_python
    results: dict[str, list[dict]] = {name: [] for name in contenders}
    for round_number in range(1, args.rounds + 1):
        for name, python in contenders.items():
            results[name].append(run(name, args.corpus, args.docs, python))
            print(f"round {round_number} {name}: {results[name][-1]['wall']:.2f} s", file=sys.stderr)
    lines = report(results, args, load_before)
    print("\n".join(lines))
    if args.output:
        with args.output.open("a", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n\n")
    digests = {r["digest"] for rounds in results.values() for r in rounds}
    return 0 if len(digests) == 1 else 1


def report(results: dict[str, list[dict]], args: argparse.Namespace, load_before: float) -> list[str]:
    first = results["blis"][0]
    corpus = f" --corpus {args.corpus.name} --docs {args.docs}" if args.corpus else ""
    other = " --other-python OTHER/bin/python" if args.other_python else ""
    same = len({r["digest"] for rounds in results.values() for r in rounds}) == 1
    lines = [
        f"## Tagging on blis and on numpy's BLAS{', and on another spaCy build' if other else ''}"
        f" ({datetime.now():%Y-%m-%d %H:%M})",
        "",
        f"Command: `.venv/bin/python bench/tagging_blas.py{corpus}{other} --rounds {args.rounds}`  ",
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}; load average {load_before:.1f} before,"
        f" {os.getloadavg()[0]:.1f} after; medians of {args.rounds} interleaved rounds  ",
        f"{first['documents']} documents, {first['mentions']} mentions;"
        f" every configuration's mentions equal blis's: {'yes' if same else 'NO'}",
        "",
        "| configuration | build | wall s | CPU s (every thread) | rounds (wall s) |",
        "|---|---|---:|---:|---|",
    ]
    for name, rounds in results.items():
        wall = statistics.median(r["wall"] for r in rounds)
        cpu = statistics.median(r["cpu"] for r in rounds)
        walls = ", ".join(f"{r['wall']:.2f}" for r in rounds)
        lines.append(f"| {name} | {rounds[0]['spacy']} | {wall:.2f} | {cpu:.2f} | {walls} |")
    return lines


if __name__ == "__main__":
    sys.exit(main())
