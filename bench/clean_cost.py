"""What cleaning costs a document in CPU, before and after a change, and proof that the output is the same.

    .venv/bin/python bench/clean_cost.py --corpus CORPUS [--pages 200] [--baseline BASELINE/src]
        [--rounds 3] [--rules] [--output bench/results/clean_cost.md]

Two sets of documents: the generator's files under ``CORPUS`` (``python -m
bench.corpus_generator CORPUS --docs 2000 --seed 7``), and with ``--pages N``
the page text (every visible line) of the first N pages of each dev set
(``../shared/devsets/``, or ``INGEST_DEVSETS``), written to a scratch folder.

Each contender (this checkout's ``src``, and with ``--baseline`` another
checkout's, say ``git archive COMMIT src`` unpacked) runs in a subprocess of
its own that imports that code and sends the set through
``ingest.pipeline.process_batch`` in batches of a run's size, in this thread
(what a run's worker does to a file after reading it: decode, learn the batch's
spellings, clean, re-detect the language when needed, dedup evidence, change
rows). It reports the CPU time (``time.process_time``: on a shared machine,
waiting is not counted) of the batches and of ``clean_text`` alone. Rounds are
interleaved, every contender once per round in turn; medians are reported.

Every document's output of the two contenders (clean text, every recorded
change, title, author, language, input kind, review reason: every field of the
``Document`` but the file's stamp) and every reject are compared exactly; the script exits 1 when
one differs. ``--rules`` adds, in one untimed pass, the CPU each rule takes.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import pickle
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "src"


def measure(code: Path, folder: Path, out: Path, by_rule: bool) -> None:
    """Run in a subprocess: send every file of ``folder`` through the pipeline with the code under ``code``."""
    sys.path.insert(0, str(code))
    import ingest
    import ingest.clean
    from ingest.discover import SourceFile, discover
    from ingest.pipeline import process_batch
    from ingest.rules import RegisteredRule
    from ingest.settings import DEFAULT_BATCH_SIZE

    if not Path(ingest.__file__).resolve().is_relative_to(code.resolve()):
        raise SystemExit(f"imported {ingest.__file__}, not the code under {code}")
    clean_cpu = [0.0]
    rule_cpu: dict[str, float] = defaultdict(float)
    clean_text = ingest.clean.clean_text

    def timed_clean_text(*args: object, **kwargs: object) -> object:
        started = time.process_time()
        try:
            return clean_text(*args, **kwargs)
        finally:
            clean_cpu[0] += time.process_time() - started

    ingest.clean.clean_text = timed_clean_text
    if by_rule:
        call = RegisteredRule.__call__

        def timed_rule(self: RegisteredRule, text: str, context: object) -> object:
            started = time.process_time()
            try:
                return call(self, text, context)
            finally:
                rule_cpu[self.name] += time.process_time() - started

        RegisteredRule.__call__ = timed_rule  # type: ignore[method-assign]
    sources = sorted((s for s in discover(folder) if isinstance(s, SourceFile)), key=lambda s: s.source_uri)
    process_batch(sources[:5])  # imports and word lists loaded outside the measure
    clean_cpu[0] = 0.0
    rule_cpu.clear()
    outputs: dict[str, object] = {}
    cpu = 0.0
    for start in range(0, len(sources), DEFAULT_BATCH_SIZE):
        batch = sources[start : start + DEFAULT_BATCH_SIZE]
        started = time.process_time()
        result = process_batch(batch)
        cpu += time.process_time() - started
        for document in result.documents:
            # every field but the file's stamp (its size and times, which a file just written lacks)
            outputs[document.source_uri] = {
                field.name: getattr(document, field.name) for field in dataclasses.fields(document) if field.name != "stamp"
            }
        for uri, reason in result.rejects:
            outputs[uri] = ("rejected", reason)
    report = {"documents": len(sources), "cpu": cpu, "clean_cpu": clean_cpu[0], "rules": dict(rule_cpu), "outputs": outputs}
    out.write_bytes(pickle.dumps(report))


def run_contender(code: Path, folder: Path, scratch: Path, by_rule: bool = False) -> dict:
    out = Path(tempfile.mkstemp(dir=scratch, suffix=".pickle")[1])
    command = [sys.executable, __file__, "--measure", str(code), str(folder), str(out)]
    if by_rule:
        command.append("--rules")
    subprocess.run(command, check=True, cwd=scratch)
    report = pickle.loads(out.read_bytes())
    out.unlink()
    return report


def write_pages(folder: Path, per_set: int) -> int:
    """The page text of the first ``per_set`` pages of each dev set, one file a page."""
    sys.path.insert(0, str(ROOT))
    from bench.devset_pages import DEFAULT_DEVSET, WEB_PAGES_EXTRA, load_pages

    written = 0
    for devset in (DEFAULT_DEVSET, WEB_PAGES_EXTRA):
        for number, page in enumerate(load_pages(devset)):
            if number >= per_set:
                break
            (folder / f"{devset.name}_{page.page_id}.txt").write_text(page.visible_text, encoding="utf-8")
            written += 1
    return written


def _shown(argv: list[str], baseline: Path | None) -> list[str]:
    """The command's arguments with this machine's folders named for what they hold: BASELINE/src, a corpus by its name."""
    shown = []
    for argument in argv:
        if baseline is not None and argument == str(baseline):
            shown.append("BASELINE/src")
        elif Path(argument).is_absolute():
            shown.append(Path(argument).name.upper())
        else:
            shown.append(argument)
    return shown


def differences(before: dict[str, object], after: dict[str, object]) -> list[str]:
    """The documents whose output differs between two contenders (or that only one has)."""
    return sorted(uri for uri in before.keys() | after.keys() if before.get(uri) != after.get(uri))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measure", nargs=3, metavar=("SRC", "FOLDER", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, nargs="*", default=[], help="folders of documents (the generator's)")
    parser.add_argument("--pages", type=int, default=0, help="page texts of the first N pages of each dev set")
    parser.add_argument("--baseline", type=Path, help="another checkout's src folder, measured in the same rounds")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--rules", action="store_true", help="one more pass each, CPU by rule")
    parser.add_argument("--output", type=Path)
    args = parser.parse_args(argv)
    if args.measure:
        code, folder, out = args.measure
        measure(Path(code), Path(folder), Path(out), args.rules)
        return 0

    contenders = {"this checkout": HERE}
    if args.baseline:
        contenders = {"baseline": args.baseline.resolve(), **contenders}
    load_before = os.getloadavg()[0]
    lines = [
        f"## Cleaning's CPU per document ({time.strftime('%Y-%m-%d %H:%M')})",
        "",
        f"Command: `{' '.join(['.venv/bin/python', 'bench/clean_cost.py', *_shown(argv or sys.argv[1:], args.baseline)])}`  ",
    ]
    failed = False
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        sets: dict[str, Path] = {}
        for corpus in args.corpus:
            sets[corpus.name] = corpus.resolve()
        if args.pages:
            pages = scratch / "pages"
            pages.mkdir()
            write_pages(pages, args.pages)
            sets["dev-set page text"] = pages
        reports: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for round_number in range(args.rounds):
            for set_name, folder in sets.items():
                order = list(contenders.items())
                for name, code in order if round_number % 2 == 0 else reversed(order):
                    report = run_contender(code, folder, scratch)
                    reports[set_name, name].append(report)
                    print(f"round {round_number + 1} {set_name} {name}: {1000 * report['cpu'] / report['documents']:.1f} ms/doc", flush=True)
        by_rule = {(s, n): run_contender(code, folder, scratch, True)["rules"] for s, folder in sets.items() for n, code in contenders.items()} if args.rules else {}
        lines += [
            f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}; load average {load_before:.1f} before, "
            f"{os.getloadavg()[0]:.1f} after; medians of {args.rounds} interleaved rounds; CPU time of the measuring process",
            "",
            "| documents | code | docs | batch CPU ms/doc | clean_text CPU ms/doc | docs per CPU-second | rounds (batch ms/doc) |",
            "|---|---|---:|---:|---:|---:|---|",
        ]
        for (set_name, name), runs in reports.items():
            docs = runs[0]["documents"]
            batch = statistics.median(1000 * r["cpu"] / docs for r in runs)
            clean = statistics.median(1000 * r["clean_cpu"] / docs for r in runs)
            every = ", ".join(f"{1000 * r['cpu'] / docs:.1f}" for r in runs)
            lines.append(f"| {set_name} | {name} | {docs} | {batch:.1f} | {clean:.1f} | {1000 / batch:.1f} | {every} |")
        if args.baseline:
            lines += ["", "| documents | speed-up, batch CPU | speed-up, clean_text CPU | documents whose output differs |", "|---|---:|---:|---:|"]
            for set_name in sets:
                before, after = reports[set_name, "baseline"], reports[set_name, "this checkout"]
                ratio = statistics.median(r["cpu"] for r in before) / statistics.median(r["cpu"] for r in after)
                clean_ratio = statistics.median(r["clean_cpu"] for r in before) / statistics.median(r["clean_cpu"] for r in after)
                differ = {uri for b, a in zip(before, after) for uri in differences(b["outputs"], a["outputs"])}
                failed = failed or bool(differ)
                lines.append(f"| {set_name} | {ratio:.2f}x | {clean_ratio:.2f}x | {len(differ)} of {before[0]['documents']} |")
                lines += [f"  - differs: `{uri}`" for uri in sorted(differ)[:20]]
        for (set_name, name), rules in by_rule.items():
            docs = reports[set_name, name][0]["documents"]
            top = sorted(rules.items(), key=lambda item: -item[1])[:15]
            lines += ["", f"CPU by rule, {set_name}, {name} (one pass, ms/doc): " + ", ".join(f"{rule} {1000 * cpu / docs:.2f}" for rule, cpu in top)]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.output:
        with args.output.open("a", encoding="utf-8") as output:
            output.write(text + "\n")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
