"""Where users feel speed: a small `ingest run`, and the text path against DataTrove per CPU-second.

    .venv/bin/python bench/speed_benchmark.py [--corpus CORPUS_2000] [--docs 2000] [--rounds 3] [--workers 1 2]
        [--scaling-corpus CORPUS_10000] [--skip-small] [--baseline OTHER_CHECKOUT/src] [--baseline-python OTHER/bin/python]
        [--output bench/results/speed.txt]

The text path needs the ``bench`` extra (DataTrove) and runs only with ``--corpus``.
Three parts, each in subprocesses, in
interleaved rounds (every contender once per round, in turn), medians reported:

1. **Small runs**: ``ingest run`` over ``seeds/`` (5 files) into a fresh
   warehouse, then again with nothing changed; wall time of the command, as a
   person waits for it. No ``PREFECT_API_URL`` is set, as on a laptop. With
   ``--baseline`` (say ``git archive COMMIT src flows`` unpacked), the same runs
   of that code follow in every round: on a shared machine, a ratio taken in the
   same rounds means more than either figure. ``--baseline-python`` runs the
   baseline on another environment's interpreter (another build of a library),
   with this checkout's code unless ``--baseline`` names other code. Each
   contender's modules are compiled to bytecode first, as ``pip`` compiles a
   package it installs and as the README's setup does: an editable install under
   ``PYTHONDONTWRITEBYTECODE`` would compile them again in every process of every
   run.
2. **Text path, entities off**: ``ingest run --skip entities --workers N`` over
   the generator's documents into a fresh warehouse, against DataTrove's
   equivalent steps on the same texts (read, ``FTFYFormatter``,
   ``GopherRepetitionFilter``, ``GopherQualityFilter``, ``C4QualityFilter``, the
   four MinHash deduplication stages, written as JSONL) with ``tasks = workers = N``.
   The figure is documents per CPU-second: CPU time (user + system) of the
   command's whole process tree, sampled from ``/proc`` every 0.1 s (a process
   that ends loses at most its last tenth of a second).
3. **Worker scaling** (with ``--scaling-corpus``): documents per second of
   wall time, 2 workers against 1, ``ingest run --skip entities``.

DataTrove reads the texts from a JSONL file written before timing starts;
``ingest`` reads the files themselves (hashing each, as a run does).
"""

from __future__ import annotations

import argparse
import compileall
import functools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The command a user types (README): the console script beside this interpreter.
# It is not ``python -m ingest``: multiprocessing treats the two main modules apart.
CONSOLE_SCRIPT = Path(sys.executable).with_name("ingest")
INGEST = [str(CONSOLE_SCRIPT)] if CONSOLE_SCRIPT.exists() else [sys.executable, "-m", "ingest"]
SAMPLE_SECONDS = 0.1
TICKS = os.sysconf("SC_CLK_TCK")


class TreeCpu:
    """CPU seconds of a process and all its descendants, sampled from ``/proc`` while it runs.

    ``commands`` keeps each process's command line as first seen, so a caller can
    tell the processes' CPU apart by what they are.
    """

    def __init__(self, root: int) -> None:
        self.root = root
        self.seen: dict[int, float] = {}
        self.commands: dict[int, str] = {}
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def stop(self) -> float:
        self._done.set()
        self._thread.join()
        return sum(self.seen.values())

    def _sample(self) -> None:
        while not self._done.is_set():
            stats = {}
            for entry in os.listdir("/proc"):
                if entry.isdigit():
                    try:
                        fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
                    except (FileNotFoundError, ProcessLookupError, IndexError):
                        continue
                    stats[int(entry)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / TICKS)
            tree = {self.root}
            grew = True
            while grew:
                grew = False
                for pid, (parent, _) in stats.items():
                    if parent in tree and pid not in tree:
                        tree.add(pid)
                        grew = True
            for pid in tree:
                if pid in stats:
                    self.seen[pid] = max(self.seen.get(pid, 0.0), stats[pid][1])
                    if pid not in self.commands:
                        self.commands[pid] = _command_line(pid)
            self._done.wait(SAMPLE_SECONDS)


def _command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def measured(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall and CPU seconds (whole process tree) of a command that must succeed."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    cpu = TreeCpu(process.pid)
    out, err = process.communicate()
    wall = time.perf_counter() - started
    cpu_seconds = cpu.stop()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{err[-3000:]}")
    return wall, cpu_seconds


def local_env(code: Path | None = None) -> dict[str, str]:
    """The environment of a laptop without a Prefect server: no ``PREFECT_API_URL``; ``code`` is imported instead of this checkout."""
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    if code is not None:
        env["PYTHONPATH"] = str(code)
    return env


def ingest_run(
    source: Path, warehouse: Path, *options: str, code: Path | None = None, python: str | None = None
) -> tuple[float, float]:
    return measured(
        [*ingest_command(code, python), "run", "--source", str(source), "--warehouse", str(warehouse), "--quiet", *options],
        local_env(code),
    )


def ingest_command(code: Path | None, python: str | None = None) -> list[str]:
    """The console script for this checkout; for another, its own console entry, whichever module it is there."""
    if code is None:
        return INGEST
    entry = "ingest.console" if (code / "ingest" / "console.py").exists() else "ingest.cli"
    return [python or sys.executable, "-c", f"from {entry} import main; main()"]


def small_runs(
    rounds: int, scratch: Path, baseline: Path | None = None, baseline_python: str | None = None
) -> dict[str, list[float]]:
    """The three small runs of each round; with a baseline (another checkout's ``src/``, another
    environment's interpreter, or both), its three follow in the same round."""
    seeds = ROOT / "seeds"
    contenders: dict[str, tuple[Path | None, str | None]] = {"": (None, None)}
    if baseline is not None or baseline_python is not None:
        contenders[" (baseline)"] = (baseline or ROOT / "src", baseline_python)
    for code, _ in contenders.values():
        compileall.compile_dir(code or ROOT / "src", quiet=1)
    walls: dict[str, list[float]] = {}
    for round_number in range(rounds):
        for label, (code, python) in contenders.items():
            warehouse = scratch / f"small{round_number}{label.strip(' ()')}.duckdb"
            fresh = scratch / f"small{round_number}{label.strip(' ()')}s.duckdb"
            run = functools.partial(ingest_run, seeds, code=code, python=python)
            walls.setdefault(f"fresh{label}", []).append(run(warehouse)[0])
            walls.setdefault(f"nothing changed{label}", []).append(run(warehouse)[0])
            walls.setdefault(f"fresh, --skip entities{label}", []).append(run(fresh, "--skip", "entities")[0])
    return walls


def corpus_files(corpus: Path, docs: int) -> list[Path]:
    files = sorted(p for p in corpus.iterdir() if p.is_file())[:docs]
    if len(files) < docs:
        raise SystemExit(f"{corpus} holds {len(files)} files, fewer than {docs}")
    return files


def linked_corpus(files: list[Path], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for file in files:
        os.link(file, folder / file.name) if file.stat().st_dev == folder.stat().st_dev else shutil.copy(file, folder)
    return folder


def as_jsonl(files: list[Path], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for file in files:
            text = file.read_bytes().decode("utf-8", errors="replace")
            out.write(json.dumps({"text": text, "id": file.name}) + "\n")
    return path


def datatrove_run(jsonl: Path, workers: int, scratch: Path) -> tuple[float, float]:
    work = scratch / f"datatrove-{time.monotonic_ns()}"
    command = [sys.executable, __file__, "--datatrove-child", str(jsonl), str(work), str(workers)]
    try:
        return measured(command)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run_datatrove(jsonl: Path, work: Path, workers: int) -> None:
    """DataTrove's equivalent of ingest's text path: ftfy, Gopher and C4 filters, MinHash dedup (its 4 stages)."""
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.dedup.minhash import (
        MinhashConfig, MinhashDedupBuckets, MinhashDedupCluster, MinhashDedupFilter, MinhashDedupSignature,
    )
    from datatrove.pipeline.filters import C4QualityFilter, GopherQualityFilter, GopherRepetitionFilter
    from datatrove.pipeline.formatters import FTFYFormatter
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    config = MinhashConfig()
    logs = str(work / "logs")
    shared = {"workers": workers, "logging_dir": None, "skip_completed": False}
    filtered = LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(jsonl.parent), glob_pattern=jsonl.name, shuffle_files=False),
            FTFYFormatter(), GopherRepetitionFilter(), GopherQualityFilter(), C4QualityFilter(filter_no_terminal_punct=False),
            JsonlWriter(str(work / "filtered"), compression=None),
            MinhashDedupSignature(output_folder=str(work / "signatures"), config=config),
        ],
        tasks=workers, **{**shared, "logging_dir": logs + "/1"},
    )
    buckets = LocalPipelineExecutor(
        pipeline=[MinhashDedupBuckets(input_folder=str(work / "signatures"), output_folder=str(work / "buckets"), config=config)],
        tasks=config.num_buckets, depends=filtered, **{**shared, "logging_dir": logs + "/2"},
    )
    clusters = LocalPipelineExecutor(
        pipeline=[MinhashDedupCluster(input_folder=str(work / "buckets"), output_folder=str(work / "remove"), config=config)],
        tasks=1, depends=buckets, **{**shared, "workers": 1, "logging_dir": logs + "/3"},
    )
    deduplicated = LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(work / "filtered"), shuffle_files=False),
            MinhashDedupFilter(input_folder=str(work / "remove")),
            JsonlWriter(str(work / "out"), compression=None),
        ],
        tasks=workers, depends=clusters, **{**shared, "logging_dir": logs + "/4"},
    )
    deduplicated.run()


def text_path(files: list[Path], rounds: int, workers: list[int], scratch: Path) -> dict[tuple[str, int], list[tuple[float, float]]]:
    corpus = linked_corpus(files, scratch / "corpus")
    jsonl = as_jsonl(files, scratch / "jsonl" / "corpus.jsonl")
    found: dict[tuple[str, int], list[tuple[float, float]]] = {}
    for round_number in range(rounds):
        for count in workers:
            warehouse = scratch / f"text{round_number}-{count}.duckdb"
            found.setdefault(("ingest", count), []).append(
                ingest_run(corpus, warehouse, "--skip", "entities", "--workers", str(count))
            )
            warehouse.unlink()
            found.setdefault(("datatrove", count), []).append(datatrove_run(jsonl, count, scratch))
    return found


def scaling(files: list[Path], rounds: int, scratch: Path) -> dict[int, list[float]]:
    corpus = linked_corpus(files, scratch / "scaling")
    walls: dict[int, list[float]] = {1: [], 2: []}
    for round_number in range(rounds):
        for count in (1, 2):
            warehouse = scratch / f"scaling{round_number}-{count}.duckdb"
            walls[count].append(ingest_run(corpus, warehouse, "--skip", "entities", "--workers", str(count))[0])
            warehouse.unlink()
    return walls


def median(values: list[float]) -> float:
    return statistics.median(values)


def report(args: argparse.Namespace, small: dict, text: dict, scale: dict | None, load_before: float) -> str:
    lines = [
        f"## Speed benchmark ({time.strftime('%Y-%m-%d %H:%M')})",
        "",
        f"Command: `.venv/bin/python bench/speed_benchmark.py {' '.join(args.argv)}`  ",
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}; load average {load_before:.1f} before,"
        f" {os.getloadavg()[0]:.1f} after; medians of {args.rounds} interleaved rounds",
    ]
    if small:
        lines += ["", "| small run (5 seed files) | median wall | rounds |", "|---|---:|---|"]
    for name, walls in small.items():
        lines.append(f"| `ingest run`, {name} | {median(walls):.2f} s | {', '.join(f'{w:.2f}' for w in walls)} |")
    if text:
        lines += [
            "",
            f"| text path, {args.docs} generated documents | workers | docs per CPU-second | CPU s | wall s | ratio to DataTrove |",
            "|---|---:|---:|---:|---:|---:|",
        ]
    for count in args.workers if text else ():
        rates = {}
        for who in ("ingest", "datatrove"):
            runs = text[(who, count)]
            rates[who] = median([args.docs / cpu for _, cpu in runs])
            cpu, wall = median([cpu for _, cpu in runs]), median([wall for wall, _ in runs])
            ratio = f"{rates['ingest'] / rates['datatrove']:.2f}x" if who == "datatrove" else ""
            name = "`ingest run --skip entities`" if who == "ingest" else "DataTrove 0.10.1, equivalent steps"
            lines.append(f"| {name} | {count} | {rates[who]:.1f} | {cpu:.1f} | {wall:.1f} | {ratio} |")
    if scale:
        one, two = median(scale[1]), median(scale[2])
        lines += [
            "",
            f"| worker scaling, {args.scaling_docs} documents, entities off, {args.scaling_rounds} round(s) | median wall | docs/s |",
            "|---|---:|---:|",
            f"| 1 worker | {one:.1f} s | {args.scaling_docs / one:.1f} |",
            f"| 2 workers | {two:.1f} s | {args.scaling_docs / two:.1f} ({one / two:.2f}x) |",
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--datatrove-child":
        run_datatrove(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, help="The generator's documents for the text path against DataTrove.")
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--scaling-corpus", type=Path)
    parser.add_argument("--scaling-docs", type=int, default=10000)
    parser.add_argument("--scaling-rounds", type=int, default=1)
    parser.add_argument("--skip-small", action="store_true", help="Leave out the small runs.")
    parser.add_argument(
        "--baseline", type=Path,
        help="Another checkout's src/ folder: its small runs follow this checkout's in every round (same interpreter).",
    )
    parser.add_argument(
        "--baseline-python",
        help="Another environment's interpreter (another build of a library): the baseline's small runs use it.",
    )
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    args.argv = sys.argv[1:]
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="speed-bench-") as folder:
        scratch = Path(folder)
        small = {} if args.skip_small else small_runs(args.rounds, scratch, args.baseline, args.baseline_python)
        text = text_path(corpus_files(args.corpus, args.docs), args.rounds, args.workers, scratch) if args.corpus else {}
        scale = None
        if args.scaling_corpus:
            scale = scaling(corpus_files(args.scaling_corpus, args.scaling_docs), args.scaling_rounds, scratch)
    output = report(args, small, text, scale, load_before)
    print(output)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        with args.output.open("a", encoding="utf-8") as out:
            out.write(output + "\n")


if __name__ == "__main__":
    main()
