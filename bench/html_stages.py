"""Where the HTML format's time per page goes, stage by stage, on both HTML dev sets.

    python bench/html_stages.py --output bench/results/html_stages.md

Runs the stages of ``ingest.formats.html`` one after another on each page, as the
format does, and sums each stage's time: decoding, lxml's parse, the depth check,
the rendering of its tree, trafilatura on that tree (its own rules, without
fallbacks), the title, byline and date read from it, readability (trafilatura's
port of readability-lxml) on a copy of it, the alignments of both answers, and the
paragraph weighing (pages nested too deep for a tree, none in the dev sets, are
left to the format's own path). Beside them, in parentheses and outside the total,
trafilatura with its fallbacks on the same tree, the format's first extractor
before the weighing. Times are CPU time of this process, which other work on the
machine does not inflate. Needs the ``bench`` extra.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

import trafilatura

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.devset_pages import DEFAULT_DEVSET, WEB_PAGES_EXTRA, load_pages  # noqa: E402
from ingest.decode import decode_text  # noqa: E402
from ingest.formats.alignment import PageWords, paragraph_spans  # noqa: E402
from ingest.formats.html import weigh_answers  # noqa: E402
from ingest.formats.main_content import readability_article  # noqa: E402
from ingest.formats.nesting import flatten_deep_nesting  # noqa: E402
from ingest.formats.page_metadata import page_metadata  # noqa: E402
from ingest.html_text import parse_page, render_tree  # noqa: E402


def stage_times(devset: Path) -> tuple[dict[str, float], int]:
    """Seconds per stage summed over the set's pages, and the number of pages."""
    seconds: dict[str, float] = defaultdict(float)
    pages = 0

    def timed(stage: str, work):
        started = time.process_time()
        result = work()
        seconds[stage] += time.process_time() - started
        return result

    warm_up = parse_page(decode_text(next(load_pages(devset)).html_bytes).text)
    page_metadata(warm_up)  # dateparser's locales, loaded once a process
    for page in load_pages(devset):
        data = page.html_bytes
        pages += 1
        text = timed("decoding", lambda: decode_text(data).text)
        tree = timed("lxml parse", lambda: parse_page(text))
        timed("depth check", lambda: flatten_deep_nesting(text, tree))
        rendered = timed("rendering of the tree", lambda: render_tree(tree, text))
        paragraphs = paragraph_spans(rendered.text)
        first = timed("trafilatura without fallbacks", lambda: trafilatura.bare_extraction(tree, include_comments=False, fast=True))
        timed("(trafilatura with its fallbacks)", lambda: trafilatura.bare_extraction(tree, include_comments=False))
        timed("title, byline and date", lambda: page_metadata(tree))
        second = timed("readability (trafilatura's port) on a copy of the tree", lambda: readability_article(tree))
        words = timed("alignments", lambda: PageWords(rendered.text, paragraphs))
        votes = timed("alignments", lambda: (words.kept(first.text) if first else None, words.kept(second.text) if second else None))
        timed("paragraph weighing", lambda: weigh_answers(rendered, paragraphs, *votes))
    return seconds, pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devset", type=Path, nargs="+", default=[DEFAULT_DEVSET, WEB_PAGES_EXTRA])
    parser.add_argument("--output", type=Path)
    args = parser.parse_args(argv)
    command = "python bench/html_stages.py " + " ".join(sys.argv[1:] if argv is None else argv)
    lines = ["```", command.strip(), "```", ""]
    for devset in args.devset:
        seconds, pages = stage_times(devset)
        lines += [
            f"## {devset.name}: {pages} pages",
            "",
            "| stage | ms per page |",
            "| --- | --- |",
        ]
        lines += [f"| {stage} | {1000 * total / pages:.1f} |" for stage, total in seconds.items()]
        format_total = sum(total for stage, total in seconds.items() if not stage.startswith("("))
        lines += [f"| the format's stages together | {1000 * format_total / pages:.1f} |", ""]
    report = "\n".join(lines)
    print(report)
    if args.output:
        args.output.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
