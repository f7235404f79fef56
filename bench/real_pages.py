"""Boilerplate removal on real pages: ``ingest`` beside the best extractors, on both HTML dev sets.

    python bench/real_pages.py --output bench/results/real_pages.md

For each dev set (``../shared/devsets/``: the article-extraction benchmark and
web-pages-extra), its tuning half and its reporting half apart (the fixed split by
id hash), and each source benchmark of web-pages-extra apart, this scores with
the benchmarks' own metric (4-token shingle precision, recall and F1 against the
gold article body, from ``evaluate.py``):

- ``ingest``, page text: the page as a scraper saves its text, every visible line
  (``html_text.extract_text(html, guess_layout=True)``), through ``ingest``'s
  per-file path as a ``.txt`` file;
- ``ingest``, HTML: the page itself through ``ingest``'s per-file path as ``.html``
  (decoding, the HTML format, the text rules), so the figure follows whatever the
  HTML input path does;
- ``ingest``, HTML format: the HTML format alone (``ingest.formats.html``), the
  page's text less what it marks for removal, before any text rule;
- trafilatura (``extract(html, include_tables=True, include_comments=False)``) and
  readability-lxml on the HTML, the extractors to beat;
- C4's line rules on the page text (:mod:`bench.c4_line_rules`);
- no cleaning at all: the page text as it is.

Time per page is measured in the same run: each page goes through every method in
turn, so a machine that is busier for a while slows them all alike, in an order
shuffled for each page, so no method always runs in the wake of another; each
method reads one page untimed first, so what a process loads once is not counted
as a page's cost. A page ``ingest`` refuses scores as an empty prediction and is
counted as lost. Needs the ``bench`` extra.
"""

from __future__ import annotations

import argparse
import random
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
from bench.devset_pages import DEFAULT_DEVSET, REPORTING, TUNING, WEB_PAGES_EXTRA, Page, load_pages, scorer  # noqa: E402
from ingest.decode import RejectedInput  # noqa: E402
from ingest.discover import SourceFile  # noqa: E402
from ingest.formats.html import FORMAT as HTML_FORMAT  # noqa: E402
from ingest.pipeline import process_file  # noqa: E402
from ingest.traced_text import TracedText  # noqa: E402

# Bootstrap resamples for the error bars; the benchmark's own default is 1000,
# fewer keep the run short and the second decimal of the spread unchanged.
BOOTSTRAP = 200
# The method whose time per page the others are compared with.
REFERENCE = "trafilatura"
# The seed of the methods' order on each page.
ORDER_SEED = 23


@dataclass
class Method:
    """One way of getting the article out of a page, and what it predicted per page."""

    name: str
    source: str
    extract: Callable[[Page, Path], str]
    predictions: dict[str, str] = field(default_factory=dict)
    lost: set[str] = field(default_factory=set)
    seconds: float = 0.0

    @property
    def label(self) -> str:
        return f"{self.name}, {self.source}"


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


def ingest_html_format(page: Page, workdir: Path) -> str:
    """What the HTML format keeps of the page, before the text rules."""
    extracted = HTML_FORMAT.extract(page.html_bytes, f"{page.page_id}.html")
    traced = TracedText(extracted.text)
    traced.apply(extracted.markup_removals)
    return traced.text


def trafilatura_html(page: Page, workdir: Path) -> str:
    import trafilatura

    return trafilatura.extract(page.html, include_tables=True, include_comments=False) or ""


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
        Method("ingest", "HTML format", ingest_html_format),
        Method("trafilatura", "HTML", trafilatura_html),
        Method("readability-lxml", "HTML", readability_html),
    ]


def run(pages: list[Page], chosen: list[Method]) -> None:
    """Every page through every method in turn, each method's time summed apart.

    The methods take each page in a shuffled order (seeded, so every run takes the
    same orders): a method that always ran right after another would always find
    the code and data that one warmed or cooled (trafilatura alone came right after
    the HTML format, which runs trafilatura on the same page; the HTML path right
    after the page-text path, which runs other code), and the order would favour
    one method over another.

    Each method first reads one page untimed: what a process loads once (a
    method's modules, langdetect's profiles, word lists and models, which a
    run's workers load before their first document, ``ingest.warm_start``) is not
    a page's cost, and on 181 pages a second of loading would add 5 ms to each.
    """
    shuffler = random.Random(ORDER_SEED)
    with tempfile.TemporaryDirectory() as workdir:
        warm_up(pages[0], chosen, Path(workdir))
        for page in pages:
            page.html_bytes, page.html, page.visible_text  # read and decompressed outside every method's time
            order = list(chosen)
            shuffler.shuffle(order)
            for method in order:
                started = time.perf_counter()
                try:
                    method.predictions[page.page_id] = method.extract(page, Path(workdir))
                except RejectedInput:
                    method.predictions[page.page_id] = ""
                    method.lost.add(page.page_id)
                method.seconds += time.perf_counter() - started


def warm_up(page: Page, chosen: list[Method], workdir: Path) -> None:
    """Every method through one page, untimed and unscored."""
    for method in chosen:
        try:
            method.extract(page, workdir)
        except RejectedInput:
            pass


def _cell(evaluate: Callable, pages: list[Page], method: Method) -> str:
    if not pages:
        return "not scored"
    truth = {p.page_id: {"articleBody": p.gold} for p in pages}
    predicted = {p.page_id: {"articleBody": method.predictions[p.page_id]} for p in pages}
    m = evaluate(truth, predicted, BOOTSTRAP)
    return f"**{m['f1']:.3f}** ± {m['f1_std']:.3f} ({m['precision']:.3f} / {m['recall']:.3f})"


def table(pages: list[Page], chosen: list[Method], devset: Path) -> list[str]:
    """F1 per half, pages lost and time per page, one row per method."""
    evaluate = scorer(devset).evaluate
    halves = {TUNING: [p for p in pages if p.half == TUNING], REPORTING: [p for p in pages if p.half == REPORTING]}
    reference = next((m for m in chosen if m.name == REFERENCE), None)
    rows = [
        "| method | input | tuning half F1 (P / R) | reporting half F1 (P / R) | pages lost | ms per page | time vs trafilatura |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for method in chosen:
        cells = [_cell(evaluate, half_pages, method) for half_pages in halves.values()]
        per_page = 1000 * method.seconds / len(pages) if pages else 0.0
        ratio = f"{method.seconds / reference.seconds:.2f}x" if reference and reference.seconds else ""
        lost = f"{len(method.lost)}" + (f" ({', '.join(sorted(method.lost))})" if method.lost else "")
        rows.append(f"| {method.name} | {method.source} | {cells[0]} | {cells[1]} | {lost} | {per_page:.1f} | {ratio} |")
    counts = f"{len(halves[TUNING])} tuning and {len(halves[REPORTING])} reporting pages"
    return [f"{counts}; F1 ± bootstrap standard deviation ({BOOTSTRAP} resamples).", "", *rows]


def source_table(pages: list[Page], chosen: list[Method], devset: Path) -> list[str]:
    """F1 per source benchmark of the set, tuning / reporting half, one column per method."""
    sources = sorted({p.source for p in pages if p.source})
    if not sources:
        return []
    evaluate = scorer(devset).evaluate
    rows = [
        "| source (tuning / reporting pages) | " + " | ".join(m.label for m in chosen) + " |",
        "| --- |" + " --- |" * len(chosen),
    ]
    for source in sources:
        halves = [[p for p in pages if p.source == source and p.half == half] for half in (TUNING, REPORTING)]
        cells = []
        for method in chosen:
            scores = []
            for half_pages in halves:
                truth = {p.page_id: {"articleBody": p.gold} for p in half_pages}
                predicted = {p.page_id: {"articleBody": method.predictions[p.page_id]} for p in half_pages}
                scores.append(f"{evaluate(truth, predicted, 0)['f1']:.3f}" if half_pages else "-")
            cells.append(" / ".join(scores))
        rows.append(f"| {source} ({len(halves[0])} / {len(halves[1])}) | " + " | ".join(cells) + " |")
    return ["F1 per source benchmark, tuning half / reporting half:", "", *rows]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--devset", type=Path, nargs="+", default=[DEFAULT_DEVSET, WEB_PAGES_EXTRA],
        help="dev-set folders (default: article-extraction-benchmark and web-pages-extra)",
    )
    parser.add_argument("--only", nargs="*", help="score only these methods (by name, e.g. 'ingest')")
    parser.add_argument("--half", choices=[TUNING, REPORTING], help="score one half only (faster while tuning)")
    parser.add_argument("--output", type=Path, help="also write the tables to this Markdown file")
    args = parser.parse_args(argv)
    command = "python bench/real_pages.py " + " ".join(sys.argv[1:] if argv is None else argv)
    lines = ["```", command.strip(), "```", ""]
    for devset in args.devset:
        pages = list(load_pages(devset, args.half))
        chosen = [m for m in methods() if not args.only or m.name in args.only]
        run(pages, chosen)
        lines += [f"## {devset.name}", "", *table(pages, chosen, devset), ""]
        by_source = source_table(pages, chosen, devset)
        if by_source:
            lines += [*by_source, ""]
        print("\n".join(lines[-(len(by_source) + 8 + len(chosen)) :]), flush=True)
    report = "\n".join(lines).rstrip() + "\n"
    if args.output:
        args.output.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
