"""How much of a document's words the cleaning rules remove, by input kind: where the body-loss guard sets its shares.

    python bench/removed_share.py --output bench/results/removed_share.md

The guard (``ingest.body_loss``) doubts a document whose removals take more than
its kind's share of its words. That share must sit above what cleaning rightly
removes from real documents of the kind, so this measures, with the guard off,
the share of words removed from:

- the dev sets' pages as saved page text and as HTML (``../shared/devsets/``, both
  sets; a page's gold body is often a small part of it);
- the dev sets' gold bodies saved as plain text (clean prose: any removal is a loss);
- the generator's documents (``bench/noisy``: prose and OCR text with planted furniture);
- the sample corpus in ``seeds/``.

Each row gives the kind cleaning decided, the distribution of the removed share,
and how many documents the guard doubts with its current shares. Needs the
``bench`` extra (``html-text``).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.devset_pages import DEVSETS, load_pages  # noqa: E402
from bench.noisy import generate_corpus  # noqa: E402
from ingest.body_loss import MAX_REMOVED_SHARE, doubt_removals, word_count  # noqa: E402
from ingest.boilerplate.text_kind import kind_of_text  # noqa: E402
from ingest.clean import clean_text  # noqa: E402
from ingest.decode import RejectedInput  # noqa: E402
from ingest.formats import html  # noqa: E402
from ingest.input_kinds import InputKind  # noqa: E402
from ingest.rules import CleaningContext  # noqa: E402

SETS = ("article-extraction-benchmark", "web-pages-extra")
PERCENTILES = (0.5, 0.9, 0.99)


def samples(limit: int | None) -> Iterator[tuple[str, str, InputKind, str, list]]:
    """(corpus, document id, kind, raw text, markup removals) for every document measured."""
    for name in SETS:
        pages = list(load_pages(DEVSETS / name))[:limit]
        for page in pages:
            text = page.visible_text
            yield f"{name}: page text", page.page_id, kind_of_text(text), text, []
            yield f"{name}: gold body", page.page_id, kind_of_text(page.gold), page.gold, []
            try:
                extracted = html.FORMAT.extract(page.html_bytes, f"{page.page_id}.html")
            except RejectedInput:
                continue
            yield f"{name}: HTML", page.page_id, InputKind.HTML, extracted.text, extracted.markup_removals
    for document in generate_corpus(limit or 200, seed=1):
        yield "generator", document.doc_id, kind_of_text(document.text), document.text, []
    for path in sorted((REPO / "seeds").iterdir()):
        text = path.read_text(encoding="utf-8")
        yield "seeds", path.name, kind_of_text(text), text, []


def measure(limit: int | None) -> dict[tuple[str, InputKind], list[tuple[float, bool]]]:
    """Per corpus and kind: each document's removed share, and whether the guard doubts it."""
    found: dict[tuple[str, InputKind], list[tuple[float, bool]]] = defaultdict(list)
    for corpus, _, kind, text, removals in samples(limit):
        if not word_count(text):
            continue
        cleaned = clean_text(text, CleaningContext(input_kind=kind), removals, guard=False)
        share = 1 - word_count(cleaned.text) / word_count(text)
        found[(corpus, kind)].append((max(share, 0.0), doubt_removals(text, cleaned.text, kind) is not None))
    return found


def table(found: dict[tuple[str, InputKind], list[tuple[float, bool]]]) -> list[str]:
    rows = [
        "| corpus | kind | documents | median | 90th pct | 99th pct | max | guard's share | doubted |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for (corpus, kind), measured in sorted(found.items(), key=lambda item: (item[0][0], item[0][1].value)):
        shares = sorted(share for share, _ in measured)
        cuts = [f"{shares[min(len(shares) - 1, int(p * len(shares)))]:.1%}" for p in PERCENTILES]
        limit = MAX_REMOVED_SHARE[kind]
        doubted = sum(flag for _, flag in measured)
        rows.append(
            f"| {corpus} | {kind.value} | {len(shares)} | {' | '.join(cuts)} | {shares[-1]:.1%} |"
            f" {'emptied only' if limit is None else f'{limit:.0%}'} | {doubted} |"
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="documents per corpus (all by default)")
    parser.add_argument("--output", type=Path, help="also write the table to this Markdown file")
    args = parser.parse_args(argv)
    lines = ["Share of words the cleaning rules remove, guard off (`python bench/removed_share.py`).", ""]
    lines += table(measure(args.limit))
    print("\n".join(lines))
    if args.output:
        args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
