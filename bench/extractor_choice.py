"""How the HTML format's weighing of its extractors compares with taking one answer, per dev set and half.

    python bench/extractor_choice.py [--half tuning] [--model OTHER.json] [--output bench/results/extractor_choice.md]

``ingest.formats.html`` asks trafilatura (its own rules, without fallbacks) and
readability (trafilatura's port of readability-lxml) about every page and weighs their answers paragraph by paragraph
(``ingest.formats.article_paragraphs``). For every page of both HTML dev sets that
the weighing reads (pages too large or nested too deep for the extractors, or that
one extractor cannot read, are left out: the format takes another path there),
this script scores the format's text (the rendering with the dropped paragraphs
and the page furniture removed, before the text rules) under each answer:

- **the format's weighing**, as ``weigh_answers`` makes it;
- **one extractor always**: trafilatura with its fallbacks (``extract`` as its
  authors ship it), without them (what the format asks), the readability port;
- **the paragraphs both kept**, and **either kept**;
- **the better of the two answers for each page** (what no rule can know, a bound
  on choosing one answer per page, which paragraph-by-paragraph weighing can pass).

The score is the benchmark's own (``evaluate.py`` of the dev-set folder), micro F1
over a half's pages. The model was fitted on the tuning halves: the reporting
halves say whether it carries. ``--model`` scores the weighing with another fit
of it (``bench/train_article_paragraphs.py --devset ... --output``), fitted on one
set, say, to see how it does on the other.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import trafilatura

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "src"))

from bench.devset_pages import DEFAULT_DEVSET, REPORTING, TUNING, WEB_PAGES_EXTRA, load_pages, scorer  # noqa: E402
from bench.train_article_paragraphs import PageReading, page_reading  # noqa: E402
from ingest.formats import article_paragraphs as article_paragraphs_module  # noqa: E402
from ingest.formats import html  # noqa: E402
from ingest.formats.alignment import PageWords  # noqa: E402
from ingest.traced_text import TracedText  # noqa: E402
from ingest.tree_ensemble import tree_ensemble  # noqa: E402

Kept = list[bool] | None
Score = tuple[float, float, float]


@dataclass
class PageAnswers:
    """One page's reading, trafilatura's full answer, and the score of every answer tried."""

    reading: PageReading
    full: Kept
    score: Callable[[Kept], Score]
    scores: dict[tuple[bool, ...] | None, Score] = field(default_factory=dict)

    def scored(self, kept: Kept) -> Score:
        key = tuple(kept) if kept is not None else None
        if key not in self.scores:
            self.scores[key] = self.score(kept)
        return self.scores[key]


def page_answers(page, evaluate) -> PageAnswers | None:
    reading = page_reading(page)
    if reading is None:
        return None
    text = reading.rendered.text
    full = trafilatura.extract(page.html_bytes, include_tables=True, include_comments=False)
    full_kept = PageWords(text, reading.paragraphs).kept(full) if full else None

    def score(kept: Kept) -> Score:
        traced = TracedText(text)
        traced.apply(html.article_removals(reading.rendered, reading.paragraphs, kept, "extractor"))
        return evaluate.string_shingle_matching(true=page.gold, pred=traced.text)

    return PageAnswers(reading, full_kept, score)


def formats_weighing(page: PageAnswers) -> Kept:
    """The format's answer (``weigh_answers``), with the extractors' answers already read."""
    reading = page.reading
    kept, _ = html.weigh_answers(reading.rendered, reading.paragraphs, *reading.votes)
    return kept


def _value(score: Score) -> float:
    true_positive, false_positive, false_negative = score
    return true_positive - (false_positive + false_negative) / 2


def better_answer(page: PageAnswers) -> Kept:
    return max(page.reading.votes, key=lambda kept: _value(page.scored(kept)))


def _both(page: PageAnswers, combine: Callable[[bool, bool], bool]) -> Kept:
    first, second = page.reading.votes
    return [combine(a, b) for a, b in zip(first, second)]


CHOICES: dict[str, Callable[[PageAnswers], Kept]] = {
    "the format's weighing": formats_weighing,
    "trafilatura with its fallbacks always": lambda page: page.full,
    "trafilatura without fallbacks always": lambda page: page.reading.votes[0],
    "readability (trafilatura's port of readability-lxml) always": lambda page: page.reading.votes[1],
    "the paragraphs both kept": lambda page: _both(page, lambda a, b: a and b),
    "the paragraphs either kept": lambda page: _both(page, lambda a, b: a or b),
    "the better answer per page (bound)": better_answer,
}


def f1(scores: list[Score]) -> float:
    true_positive = sum(s[0] for s in scores)
    wrong = sum(s[1] + s[2] for s in scores)
    return 2 * true_positive / (2 * true_positive + wrong) if true_positive else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=[TUNING, REPORTING], help="one half only (default: both)")
    parser.add_argument("--output", type=Path)
    parser.add_argument("--model", type=Path, help="the weighing's trees from this file instead of the committed model")
    args = parser.parse_args(argv)
    if args.model:
        model = tree_ensemble(json.loads(args.model.read_text(encoding="utf-8")))
        article_paragraphs_module.article_paragraph_model = lambda: model
    halves = [args.half] if args.half else [TUNING, REPORTING]
    lines = [
        "```",
        "python bench/extractor_choice.py" + (f" --half {args.half}" if args.half else "") + (" --model OTHER.json" if args.model else ""),
        "```",
        "",
        "Micro F1 of the HTML format's text (before the text rules) under each answer; pages the weighing does not read are left out.",
        "",
        "| answer | " + " | ".join(f"{devset.name}, {half}" for devset in (DEFAULT_DEVSET, WEB_PAGES_EXTRA) for half in halves) + " |",
        "| --- |" + " --- |" * (2 * len(halves)),
    ]
    columns: list[dict[str, float]] = []
    pages_counted = []
    for devset in (DEFAULT_DEVSET, WEB_PAGES_EXTRA):
        evaluate = scorer(devset)
        for half in halves:
            answers = [a for a in (page_answers(p, evaluate) for p in load_pages(devset, half)) if a is not None]
            pages_counted.append(len(answers))
            columns.append({name: f1([page.scored(choose(page)) for page in answers]) for name, choose in CHOICES.items()})
    for name in CHOICES:
        lines.append(f"| {name} | " + " | ".join(f"{column[name]:.4f}" for column in columns) + " |")
    lines += ["", "Pages scored per column: " + ", ".join(str(count) for count in pages_counted) + "."]
    print("\n".join(lines))
    if args.output:
        args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
