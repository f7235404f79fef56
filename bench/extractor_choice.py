"""How much F1 the HTML format's choice between extractors leaves on the table, per dev set and half.

    python bench/extractor_choice.py [--half tuning] [--output bench/results/extractor_choice.md]

``ingest.formats.html`` takes trafilatura's article where resiliparse's quick look
agrees with it, and otherwise asks readability-lxml and keeps one answer or the
paragraphs both kept. For every page of both HTML dev sets (pages too large or
nested too deep for the extractors are left out: the format marks their furniture
instead), this script runs every extractor the format can ask, on the tree and
markup the format gives them, and scores the format's text (the rendering with the
dropped paragraphs and the page furniture removed, before the text rules) under
each possible answer:

- **the format's choice**, as ``_article_paragraphs`` makes it;
- **one extractor always**: trafilatura with its fallbacks (the format's first),
  trafilatura without them (``fast=True``), readability-lxml;
- **the format's rule with readability-lxml asked on every page**, as if resiliparse
  doubted them all;
- **trafilatura without its fallbacks first**: the format's choice with the fast
  pass in trafilatura's place, and the same with the full pass asked only where
  resiliparse doubts the fast one;
- **the best answer for each page** (what no rule can know, an upper bound), over
  all pages and over the doubted pages only (the rest keep trafilatura's answer).

The score is the benchmark's own (``evaluate.py`` of the dev-set folder), micro F1
over a half's pages. A choice that wins on one half and loses on the other was
fitted to the half.
"""

from __future__ import annotations

import argparse
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
from ingest.decode import decode_text  # noqa: E402
from ingest.formats import html  # noqa: E402
from ingest.formats.alignment import PageWords, paragraph_spans  # noqa: E402
from ingest.formats.main_content import Article, readability_article, resiliparse_article, trafilatura_article  # noqa: E402
from ingest.formats.nesting import flatten_deep_nesting  # noqa: E402
from ingest.html_text import parse_page, render_tree  # noqa: E402
from ingest.traced_text import TracedText  # noqa: E402

Kept = list[bool] | None
Score = tuple[float, float, float]


@dataclass
class PageAnswers:
    """One page's rendering, each extractor's kept paragraphs, and the score of every answer tried."""

    kept: dict[str, Kept]
    score: Callable[[Kept], Score]
    paragraphs: list[tuple[int, int]]
    scores: dict[tuple[bool, ...] | None, Score] = field(default_factory=dict)

    def scored(self, kept: Kept) -> Score:
        key = tuple(kept) if kept is not None else None
        if key not in self.scores:
            self.scores[key] = self.score(kept)
        return self.scores[key]

    def agree(self, first: str, second: str) -> float | None:
        a, b = self.kept[first], self.kept[second]
        return html._agreement(self.paragraphs, a, b) if a is not None and b is not None else None


def page_answers(page, evaluate) -> PageAnswers | None:
    decoded = decode_text(page.html_bytes)
    if len(decoded.text) > html.MAX_EXTRACTED_CHARS:
        return None
    tree = parse_page(decoded.text)
    flattened = flatten_deep_nesting(decoded.text, tree)
    if tree is None or flattened.unwrapped:
        return None
    rendered = render_tree(tree, decoded.text)
    if not rendered.text:
        return None
    paragraphs = paragraph_spans(rendered.text)
    furniture = {removal.start: removal for removal in rendered.removals}
    words = PageWords(rendered.text, paragraphs)
    fast = trafilatura.bare_extraction(tree, include_comments=False, with_metadata=False, fast=True)
    articles = {
        "trafilatura": trafilatura_article(tree),
        "trafilatura fast": Article(fast.text or "") if fast is not None else None,
        "resiliparse": resiliparse_article(flattened.markup),
        "readability": readability_article(flattened.markup),
    }

    def score(kept: Kept) -> Score:
        traced = TracedText(rendered.text)
        traced.apply(html._removals(rendered.text, paragraphs, kept, "extractor", furniture))
        return evaluate.string_shingle_matching(true=page.gold, pred=traced.text)

    kept = {name: words.kept(article.text) if article else None for name, article in articles.items()}
    return PageAnswers(kept, score, paragraphs)


def formats_choice(
    page: PageAnswers, first: str = "trafilatura", doubted_first: str | None = None, doubt_every_page: bool = False
) -> Kept:
    """``_article_paragraphs``'s decision over answers already computed; ``doubted_first`` replaces a doubted first."""
    chosen = page.kept[first]
    if not doubt_every_page and _trusted(page, first):
        return chosen
    if doubted_first is not None:
        return formats_choice(page, doubted_first)
    second = page.kept["readability"]
    if chosen is None:
        return second
    if second is None:
        return chosen
    if page.agree(first, "readability") >= html.MIN_AGREEMENT_FOR_BOTH:
        return [a and b for a, b in zip(chosen, second)]
    return second


def _trusted(page: PageAnswers, first: str) -> bool:
    """Whether resiliparse's quick look agrees with ``first``'s answer enough to take it as it is."""
    glance = page.agree(first, "resiliparse")
    return page.kept[first] is not None and glance is not None and glance >= html.MIN_AGREEMENT_TO_TRUST


def _value(score: Score) -> float:
    true_positive, false_positive, false_negative = score
    return true_positive - (false_positive + false_negative) / 2


def best_answer(page: PageAnswers, only_doubted: bool) -> Kept:
    if only_doubted and _trusted(page, "trafilatura"):
        return page.kept["trafilatura"]
    answers = [kept for kept in page.kept.values() if kept is not None]
    if page.kept["trafilatura"] is not None and page.kept["readability"] is not None:
        answers.append([a and b for a, b in zip(page.kept["trafilatura"], page.kept["readability"])])
    return max(answers, key=lambda kept: _value(page.scored(kept))) if answers else None


CHOICES: dict[str, Callable[[PageAnswers], Kept]] = {
    "the format's choice": formats_choice,
    "trafilatura always": lambda page: page.kept["trafilatura"],
    "trafilatura without fallbacks always": lambda page: page.kept["trafilatura fast"],
    "readability-lxml always": lambda page: page.kept["readability"],
    "the format's rule with readability-lxml asked on every page": lambda page: formats_choice(page, doubt_every_page=True),
    "the format's choice, trafilatura without fallbacks first": lambda page: formats_choice(page, "trafilatura fast"),
    "the same, full trafilatura where doubted": lambda page: formats_choice(page, "trafilatura fast", "trafilatura"),
    "best answer per page, doubted pages only (bound)": lambda page: best_answer(page, only_doubted=True),
    "best answer per page (bound)": lambda page: best_answer(page, only_doubted=False),
}


def f1(scores: list[Score]) -> float:
    true_positive = sum(s[0] for s in scores)
    wrong = sum(s[1] + s[2] for s in scores)
    return 2 * true_positive / (2 * true_positive + wrong) if true_positive else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=[TUNING, REPORTING], help="one half only (default: both)")
    parser.add_argument("--output", type=Path)
    args = parser.parse_args(argv)
    halves = [args.half] if args.half else [TUNING, REPORTING]
    lines = [
        "```",
        "python bench/extractor_choice.py" + (f" --half {args.half}" if args.half else ""),
        "```",
        "",
        "Micro F1 of the HTML format's text (before the text rules) under each answer; pages the extractors do not see are left out.",
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
