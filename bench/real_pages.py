"""Boilerplate removal on real pages: ``ingest`` beside the best extractors, on the dev set.

    python bench/real_pages.py --output bench/results/real_pages.md

For each page of the article-extraction dev set (``../shared/devsets/``), and for
its tuning half and its reporting half apart (the fixed split by id hash), this
scores with the benchmark's own metric (4-token shingle precision, recall and F1
against the gold article body, from its ``evaluate.py``):

- ``ingest``, page text: the page as a scraper saves its text, every visible line
  (``html_text.extract_text(html, guess_layout=True)``), through ``ingest``'s
  per-file path as a ``.txt`` file;
- ``ingest``, HTML: the page itself through ``ingest``'s per-file path as ``.html``,
  so the figure follows whatever the HTML input path does;
- trafilatura and readability-lxml on the HTML, the extractors to beat;
- C4's line rules on the page text (:mod:`bench.c4_line_rules`);
- no cleaning at all: the page text as it is.

A page ``ingest`` refuses ("nothing is left after cleaning") scores as an empty
prediction and is counted as lost. Needs the ``bench`` extra.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script, Python puts bench/ first on the path, not the repository
    sys.path.insert(0, str(REPO))

from bench.c4_line_rules import c4_clean  # noqa: E402
from bench.devset_pages import DEFAULT_DEVSET, REPORTING, TUNING, Page, load_pages, scorer  # noqa: E402
from ingest.decode import RejectedInput  # noqa: E402
from ingest.discover import SourceFile  # noqa: E402
from ingest.pipeline import process_file  # noqa: E402

# Bootstrap resamples for the error bars; the benchmark's own default is 1000,
# fewer keep the run short and the second decimal of the spread unchanged.
BOOTSTRAP = 200


@dataclass
class Method:
    """One way of getting the article out of a page, and what it predicted per page."""

    name: str
    source: str
    extract: Callable[[Page, Path], str]
    predictions: dict[str, str] = field(default_factory=dict)
    lost: set[str] = field(default_factory=set)
    seconds: float = 0.0


def ingest_file(page: Page, workdir: Path, suffix: str, data: bytes) -> str:
    """The clean text ``ingest`` makes of one file; raises ``RejectedInput`` when it refuses it."""
    path = workdir / f"{page.page_id}{suffix}"
    path.write_bytes(data)
    try:
        return process_file(SourceFile(path, path.name)).text
    finally:
        path.unlink()


def ingest_text(page: Page, workdir: Path) -> str:
    return ingest_file(page, workdir, ".txt", page.visible_text.encode("utf-8"))


def ingest_html(page: Page, workdir: Path) -> str:
    return ingest_file(page, workdir, ".html", page.html_bytes)


def trafilatura_html(page: Page, workdir: Path) -> str:
    import trafilatura

    return trafilatura.extract(page.html, include_comments=False) or ""


def readability_html(page: Page, workdir: Path) -> str:
    import html_text
    from readability import Document

    return html_text.extract_text(Document(page.html).summary(html_partial=True), guess_layout=True)


def methods() -> list[Method]:
    return [
        Method("no cleaning at all", "page text", lambda page, _: page.visible_text),
        Method("C4 line rules", "page text", lambda page, _: c4_clean(page.visible_text)),
        Method("ingest", "page text", ingest_text),
        Method("ingest", "HTML", ingest_html),
        Method("trafilatura", "HTML", trafilatura_html),
        Method("readability-lxml", "HTML", readability_html),
    ]


def run(pages: list[Page], chosen: list[Method]) -> None:
    with tempfile.TemporaryDirectory() as workdir:
        for method in chosen:
            started = time.perf_counter()
            for page in pages:
                try:
                    method.predictions[page.page_id] = method.extract(page, Path(workdir))
                except RejectedInput:
                    method.predictions[page.page_id] = ""
                    method.lost.add(page.page_id)
            method.seconds = time.perf_counter() - started


def table(pages: list[Page], chosen: list[Method], devset: Path) -> list[str]:
    evaluate = scorer(devset).evaluate
    halves = {TUNING: [p for p in pages if p.half == TUNING], REPORTING: [p for p in pages if p.half == REPORTING]}
    rows = [
        "| method | input | tuning half F1 (P / R) | reporting half F1 (P / R) | pages lost | seconds |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for method in chosen:
        cells = []
        for half_pages in halves.values():
            if not half_pages:
                cells.append("not scored")
                continue
            truth = {p.page_id: {"articleBody": p.gold} for p in half_pages}
            predicted = {p.page_id: {"articleBody": method.predictions[p.page_id]} for p in half_pages}
            m = evaluate(truth, predicted, BOOTSTRAP)
            cells.append(f"**{m['f1']:.3f}** ± {m['f1_std']:.3f} ({m['precision']:.3f} / {m['recall']:.3f})")
        rows.append(f"| {method.name} | {method.source} | {cells[0]} | {cells[1]} | {len(method.lost)} | {method.seconds:.1f} |")
    counts = f"{len(halves[TUNING])} tuning and {len(halves[REPORTING])} reporting pages"
    return [f"Dev set: {counts}; F1 ± bootstrap standard deviation ({BOOTSTRAP} resamples).", "", *rows]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devset", type=Path, default=DEFAULT_DEVSET, help="the article-extraction-benchmark folder")
    parser.add_argument("--only", nargs="*", help="score only these methods (by name, e.g. 'ingest')")
    parser.add_argument("--half", choices=[TUNING, REPORTING], help="score one half only (faster while tuning)")
    parser.add_argument("--output", type=Path, help="also write the table to this Markdown file")
    args = parser.parse_args(argv)
    pages = list(load_pages(args.devset, args.half))
    chosen = [m for m in methods() if not args.only or m.name in args.only]
    run(pages, chosen)
    command = "python bench/real_pages.py " + " ".join(sys.argv[1:] if argv is None else argv)
    lines = ["```", command.strip(), "```", "", *table(pages, chosen, args.devset)]
    report = "\n".join(lines) + "\n"
    print(report)
    if args.output:
        args.output.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
