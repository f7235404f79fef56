"""Where the HTML format's time per page goes, stage by stage, on both HTML dev sets.

    python bench/html_stages.py --output bench/results/html_stages.md

Runs the stages of ``ingest.formats.html`` one after another on each page, as the
format does, and sums each stage's time: decoding, lxml's parse, the rendering of
its tree, trafilatura (with its metadata) on that tree, resiliparse's quick look,
the alignments, and readability-lxml where the format asks it (pages nested too
deep for a tree, none in the dev sets, are left to the format's own path). Beside them, the
rendering the format used before (beautifulsoup4 over lxml's parse events) on the
same markup, with the count of pages whose text or furniture differs between the
two renderings. Needs the ``bench`` extra.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.devset_pages import DEFAULT_DEVSET, WEB_PAGES_EXTRA, load_pages  # noqa: E402
from ingest.decode import decode_text  # noqa: E402
from ingest.formats.alignment import kept_paragraphs, paragraph_spans  # noqa: E402
from ingest.formats.html import MIN_AGREEMENT_TO_TRUST, _agreement  # noqa: E402
from ingest.formats.nesting import flatten_deep_nesting  # noqa: E402
from ingest.formats.main_content import readability_article, resiliparse_article, trafilatura_article  # noqa: E402
from ingest.html_text import parse_page, render_html, render_tree  # noqa: E402


def stage_times(devset: Path) -> tuple[dict[str, float], int, int, int]:
    """Seconds per stage summed over the set's pages, the page count, pages asking readability-lxml, renderings that differ."""
    seconds: dict[str, float] = defaultdict(float)
    pages = asked = differ = 0

    def timed(stage: str, work):
        started = time.perf_counter()
        result = work()
        seconds[stage] += time.perf_counter() - started
        return result

    for page in load_pages(devset):
        data = page.html_bytes
        pages += 1
        text = timed("decoding", lambda: decode_text(data).text)
        tree = timed("lxml parse", lambda: parse_page(text))
        timed("depth check", lambda: flatten_deep_nesting(text, tree))
        rendered = timed("rendering of the tree", lambda: render_tree(tree, text))
        before = timed("(before: beautifulsoup4 rendering)", lambda: render_html(text))
        spans = lambda r: [(e.start, e.end, e.rule) for e in r.removals]  # noqa: E731
        differ += rendered.text != before.text or spans(rendered) != spans(before)
        paragraphs = paragraph_spans(rendered.text)
        first = timed("trafilatura, with metadata", lambda: trafilatura_article(tree))
        chosen = timed("alignments", lambda: kept_paragraphs(rendered.text, paragraphs, first.text) if first else None)
        quick = timed("resiliparse quick look", lambda: resiliparse_article(text))
        glance = timed("alignments", lambda: kept_paragraphs(rendered.text, paragraphs, quick.text) if quick else None)
        if chosen is not None and glance is not None and _agreement(paragraphs, chosen, glance) >= MIN_AGREEMENT_TO_TRUST:
            continue
        asked += 1
        second = timed("readability-lxml, where asked", lambda: readability_article(text))
        timed("alignments", lambda: kept_paragraphs(rendered.text, paragraphs, second.text) if second else None)
    return seconds, pages, asked, differ


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devset", type=Path, nargs="+", default=[DEFAULT_DEVSET, WEB_PAGES_EXTRA])
    parser.add_argument("--output", type=Path)
    args = parser.parse_args(argv)
    command = "python bench/html_stages.py " + " ".join(sys.argv[1:] if argv is None else argv)
    lines = ["```", command.strip(), "```", ""]
    for devset in args.devset:
        seconds, pages, asked, differ = stage_times(devset)
        lines += [
            f"## {devset.name}: {pages} pages, readability-lxml asked on {asked}; "
            f"renderings of the tree and of beautifulsoup4 differ on {differ}",
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
