"""Where the HTML format's time per page goes, stage by stage, on both HTML dev sets.

    python bench/html_stages.py --output bench/results/html_stages.md

Runs the stages of ``ingest.formats.html`` one after another on each page, as the
format does, and sums each stage's time: decoding, lxml's parse, the rendering of
its tree, trafilatura on that tree, the title, byline and date read from it,
resiliparse's quick look, the alignments, and readability-lxml where the format asks
it (pages nested too deep for a tree, none in the dev sets, are left to the format's
own path). Beside them, in parentheses and outside the total, what the format did
before on the same page: the rendering by beautifulsoup4 over lxml's parse events,
and trafilatura's full metadata pass (its extensive date search included); with
the count of pages whose text or furniture differs between the two renderings, and
of pages whose title, author or date differ between the two metadata readings. Times are CPU time of this
process, which other work on the machine does not inflate; dateparser loads its
locales (seconds, once a process) on a page before the timed ones. Needs the ``bench`` extra.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import trafilatura

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.devset_pages import DEFAULT_DEVSET, WEB_PAGES_EXTRA, load_pages  # noqa: E402
from ingest.decode import decode_text  # noqa: E402
from ingest.formats.alignment import PageWords, paragraph_spans  # noqa: E402
from ingest.formats.html import MIN_AGREEMENT_TO_TRUST, _agreement  # noqa: E402
from ingest.formats.nesting import flatten_deep_nesting  # noqa: E402
from ingest.formats.main_content import readability_article, resiliparse_article  # noqa: E402
from ingest.formats.page_metadata import page_metadata  # noqa: E402
from ingest.html_text import parse_page, render_html, render_tree  # noqa: E402


def full_metadata_pass(tree) -> dict[str, str]:
    """Title, author and date as trafilatura's full metadata pass reads them (what the format used before)."""
    from trafilatura.metadata import extract_metadata

    found = extract_metadata(tree)
    fields = (("title", found.title), ("author", found.author), ("published", found.date))
    return {key: value.strip() for key, value in fields if value and value.strip()}


def forget_date_caches() -> None:
    """Empty htmldate's memoised parses, so that neither metadata reading gains from the other's run on the same page."""
    import htmldate.core
    import htmldate.extractors
    import htmldate.validators

    for module in (htmldate.core, htmldate.extractors, htmldate.validators):
        for value in vars(module).values():
            if hasattr(value, "cache_clear"):
                value.cache_clear()


def stage_times(devset: Path) -> tuple[dict[str, float], int, int, int, Counter]:
    """Seconds per stage summed over the set's pages; pages, pages asking readability-lxml, renderings that differ, metadata fields that differ."""
    seconds: dict[str, float] = defaultdict(float)
    pages = asked = differ = 0
    metadata_differ: Counter = Counter()

    def timed(stage: str, work):
        started = time.process_time()
        result = work()
        seconds[stage] += time.process_time() - started
        return result

    warm_up = next(load_pages(devset))
    full_metadata_pass(parse_page(decode_text(warm_up.html_bytes).text))  # dateparser's locales, loaded once a process
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
        first = timed("trafilatura", lambda: trafilatura.bare_extraction(tree, include_comments=False))
        forget_date_caches()
        metadata = timed("title, byline and date", lambda: page_metadata(tree))
        forget_date_caches()
        before_metadata = timed("(before: trafilatura's metadata pass)", lambda: full_metadata_pass(tree))
        metadata_differ.update(key for key in ("title", "author", "published") if metadata.get(key) != before_metadata.get(key))
        words = timed("alignments", lambda: PageWords(rendered.text, paragraphs))  # the page's words, read once as the format does
        chosen = timed("alignments", lambda: words.kept(first.text) if first else None)
        quick = timed("resiliparse quick look", lambda: resiliparse_article(text))
        glance = timed("alignments", lambda: words.kept(quick.text) if quick else None)
        if chosen is not None and glance is not None and _agreement(paragraphs, chosen, glance) >= MIN_AGREEMENT_TO_TRUST:
            continue
        asked += 1
        second = timed("readability-lxml, where asked", lambda: readability_article(text))
        timed("alignments", lambda: words.kept(second.text) if second else None)
    return seconds, pages, asked, differ, metadata_differ


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devset", type=Path, nargs="+", default=[DEFAULT_DEVSET, WEB_PAGES_EXTRA])
    parser.add_argument("--output", type=Path)
    args = parser.parse_args(argv)
    command = "python bench/html_stages.py " + " ".join(sys.argv[1:] if argv is None else argv)
    lines = ["```", command.strip(), "```", ""]
    for devset in args.devset:
        seconds, pages, asked, differ, metadata_differ = stage_times(devset)
        lines += [
            f"## {devset.name}: {pages} pages, readability-lxml asked on {asked}; "
            f"renderings of the tree and of beautifulsoup4 differ on {differ}; "
            f"trafilatura's metadata pass gives another title on {metadata_differ['title']}, "
            f"author on {metadata_differ['author']}, date on {metadata_differ['published']}",
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
