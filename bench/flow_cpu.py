"""Where a run's CPU goes by process: the flow's own process against the workers that clean.

    .venv/bin/python bench/flow_cpu.py --corpus CORPUS_2000 [--docs 2000] [--workers 1 2] [--rounds 1]
        [--baseline OTHER_CHECKOUT/src] [--output FILE]

On two cores, two workers beside the flow's process share the machine with it:
with W the workers' CPU and M the flow process's (deduplication, the load, and
with one worker the batch's driving thread too), two workers give at most about
2W/(W+M) of one worker's speed, so the worker-scaling target (1.8x) needs M under
about a ninth of W. Wall time on a shared machine says little about that ratio;
CPU seconds by process say it whatever else runs.

Each round runs ``ingest run --skip entities --workers N`` into a fresh warehouse
and samples ``/proc`` every 0.1 s (``speed_benchmark.TreeCpu``): the command's own
process is the flow process; every descendant is counted under the role its
command line names (the document guards' fork server and its children, the
process pool's workers, anything else). With ``--baseline`` (another checkout's
``src/``, say ``git archive COMMIT src`` unpacked), that code runs the same
commands in every round, interleaved, by the same interpreter.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speed_benchmark import INGEST, ROOT, TreeCpu, corpus_files, linked_corpus, local_env  # noqa: E402


def role_of(pid: int, root: int, command: str) -> str:
    """The part a process of the run's tree plays, from its command line."""
    if pid == root:
        return "flow process"
    if "forkserver" in command:
        return "document guards (fork server and its children)"
    if "multiprocessing" in command:
        return "process-pool workers"
    return "other"


def by_role(cpu: TreeCpu) -> dict[str, float]:
    found: dict[str, float] = {}
    for pid, seconds in cpu.seen.items():
        role = role_of(pid, cpu.root, cpu.commands.get(pid, ""))
        found[role] = found.get(role, 0.0) + seconds
    return found


def one_run(corpus: Path, warehouse: Path, workers: int, code: Path | None) -> tuple[float, dict[str, float]]:
    command = [
        *INGEST, "run", "--source", str(corpus), "--warehouse", str(warehouse), "--quiet",
        "--skip", "entities", "--workers", str(workers),
    ]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=local_env(code), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    cpu = TreeCpu(process.pid)
    _, err = process.communicate()
    wall = time.perf_counter() - started
    cpu.stop()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{err[-3000:]}")
    return wall, by_role(cpu)


def report(args: argparse.Namespace, found: dict[tuple[str, int], list[tuple[float, dict[str, float]]]], load_before: float) -> str:
    lines = [
        f"## Flow process CPU ({time.strftime('%Y-%m-%d %H:%M')})",
        "",
        f"Command: `.venv/bin/python bench/flow_cpu.py {' '.join(args.argv)}`  ",
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}; load average {load_before:.1f} before,"
        f" {os.getloadavg()[0]:.1f} after; medians of {args.rounds} round(s), {args.docs} documents, entities off",
        "",
        "| code | workers | wall s | flow process CPU s | guards CPU s | pool workers CPU s | other CPU s | total CPU s | flow / rest |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for (code, workers), runs in found.items():
        def med(role: str) -> float:
            return statistics.median(roles.get(role, 0.0) for _, roles in runs)

        flow = med("flow process")
        guards = med("document guards (fork server and its children)")
        pool = med("process-pool workers")
        other = med("other")
        rest = guards + pool + other
        wall = statistics.median(w for w, _ in runs)
        lines.append(
            f"| {code} | {workers} | {wall:.1f} | {flow:.1f} | {guards:.1f} | {pool:.1f} | {other:.1f} | {flow + rest:.1f} |"
            f" {flow / rest if rest else float('nan'):.3f} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--baseline", type=Path, help="Another checkout's src/ folder, run in the same rounds.")
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    args.argv = sys.argv[1:]
    load_before = os.getloadavg()[0]
    found: dict[tuple[str, int], list[tuple[float, dict[str, float]]]] = {}
    contenders = {"this checkout": None} if args.baseline is None else {"this checkout": None, "baseline": args.baseline}
    with tempfile.TemporaryDirectory(prefix="flow-cpu-") as folder:
        scratch = Path(folder)
        corpus = linked_corpus(corpus_files(args.corpus, args.docs), scratch / "corpus")
        for round_number in range(args.rounds):
            for workers in args.workers:
                for label, code in contenders.items():
                    warehouse = scratch / f"run{round_number}-{workers}-{label.replace(' ', '-')}.duckdb"
                    found.setdefault((label, workers), []).append(one_run(corpus, warehouse, workers, code))
                    warehouse.unlink()
    output = report(args, found, load_before)
    print(output)
    if args.output:
        with args.output.open("a", encoding="utf-8") as out:
            out.write(output + "\n")


if __name__ == "__main__":
    main()
