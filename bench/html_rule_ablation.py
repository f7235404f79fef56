"""Which text rules earn their place after the HTML extractor: each one left out in turn, on both dev sets.

    python bench/html_rule_ablation.py --output bench/results/html_rule_ablation.md

On the HTML path the extractors choose the article; then the text rules of
``ingest.clean.clean_text`` run on what they kept. A rule written for saved page
text may only take the article's own lines there. This measures it: each page of
both dev sets (``../shared/devsets/``) is read once with the project's HTML
format (its decoded text, markup removals and the context ``clean_source`` gives
``clean_text``), and only the cleaning is repeated, once with every rule and once
with each of these left out:

- every removal rule declared for HTML inputs (``ingest.rules``), at all its places;
- and the other way, each rule a saved page's text runs that an HTML page does not
  (calls to action, page furniture, captions, the lost-hyphen repair...), added to
  the HTML page's rules at the places it is declared;
- each kind of ``html_text`` furniture (``html_nav``, ``html_header``, ...) that the
  HTML format removes where the extractor kept it;
- the author's byline or bio moved to metadata (``ingest.clean``, on ``AUTHOR_BOXES``).

Each variant is scored with the dev sets' own scorer (``evaluate.py``, 4-token
shingles), as ``bench/real_pages.py`` does: F1 per set and half, per source
benchmark of web-pages-extra, the words each rule removes, and the tuning-half
pages whose score moves most when the rule is left out (a rule whose whole effect
is one page is no evidence). The "every rule" row is ``ingest``'s HTML figure of
``bench/real_pages.py``. Needs the ``bench`` extra.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import ContextManager

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script, Python puts bench/ first on the path, not the repository
    sys.path.insert(0, str(REPO))

from bench.devset_pages import DEFAULT_DEVSET, REPORTING, TUNING, WEB_PAGES_EXTRA, Page, load_pages, scorer  # noqa: E402
import ingest.clean  # noqa: E402
from ingest.boilerplate.text_kind import kind_of  # noqa: E402
from ingest.clean import clean_text, phase_rules  # noqa: E402
from ingest.decode import RejectedInput, decode  # noqa: E402
from ingest.html_text import FURNITURE_TAGS  # noqa: E402
from ingest.input_kinds import InputKind  # noqa: E402
from ingest.rules import REGISTRY, REMOVAL, CleaningContext, Phase, RegisteredRule, is_removal  # noqa: E402
from ingest.traced_text import Edit, TracedText  # noqa: E402

HALVES = (TUNING, REPORTING)
# A page is listed as moved when leaving a rule out changes its half's F1 by at least this much.
MOVED = 0.0001
# How many moved pages each variant lists.
MOVED_SHOWN = 8
EVERY_RULE = "every rule"


@dataclass(frozen=True)
class Read:
    """What ``clean_text`` is given for one page: the HTML format's text, its removals and the context."""

    text: str
    markup_removals: tuple[Edit, ...]
    context: CleaningContext


@dataclass(frozen=True)
class Variant:
    """A way of cleaning: every rule, or every rule but one thing left out."""

    name: str
    left_out: Callable[[], ContextManager[None]] = nullcontext
    keeps_markup: Callable[[Edit], bool] = lambda removal: True
    runs_text_rules: bool = True


@dataclass
class Outcome:
    """One variant's cleaned text per page, and the words each rule removed (of the every-rule run)."""

    texts: dict[str, str] = field(default_factory=dict)
    lost: set[str] = field(default_factory=set)
    words_removed: Counter[tuple[str, str]] = field(default_factory=Counter)  # (set half, rule) -> words


def read_pages(pages: list[Page]) -> dict[str, Read | None]:
    """Each page read once by the HTML format, as ``ingest.pipeline.clean_source`` hands it on (None: refused)."""
    reads: dict[str, Read | None] = {}
    for page in pages:
        try:
            extracted = decode(page.html_bytes, f"{page.page_id}.html")
        except RejectedInput:
            reads[page.page_id] = None
            continue
        context = CleaningContext(
            article_chosen=extracted.article_chosen, input_kind=kind_of(extracted.media_type, extracted.text)
        )
        reads[page.page_id] = Read(extracted.text, tuple(extracted.markup_removals), context)
    return reads


def rules_off_html() -> list[RegisteredRule]:
    """The rules a saved page's text runs and an HTML page does not, one entry a rule."""
    seen: dict[str, RegisteredRule] = {}
    for placed in REGISTRY.all():
        if InputKind.PAGE_TEXT in placed.inputs and InputKind.HTML not in placed.inputs:
            seen.setdefault(placed.name, placed)
    return list(seen.values())


def html_removal_rules() -> list[RegisteredRule]:
    """The removal rules declared for HTML inputs, one entry a rule (a rule may run at two places)."""
    seen: dict[str, RegisteredRule] = {}
    for placed in REGISTRY.all():
        if placed.effect is REMOVAL and InputKind.HTML in placed.inputs:
            seen.setdefault(placed.name, placed)
    return list(seen.values())


@contextmanager
def rules_chosen_by(choose: Callable[[Phase, InputKind | None], list[RegisteredRule]]) -> Iterator[None]:
    """``clean_text`` running the rules ``choose`` gives for a phase and kind, for every caution of the body-loss guard."""
    declared = ingest.clean.rules_in
    ingest.clean.rules_in = choose
    phase_rules.cache_clear()
    try:
        yield
    finally:
        ingest.clean.rules_in = declared
        phase_rules.cache_clear()


def rule_left_out(name: str) -> ContextManager[None]:
    """``clean_text`` with the named rule out of every phase."""
    declared = ingest.clean.rules_in

    def without(phase: Phase, input_kind: InputKind | None = None) -> list[RegisteredRule]:
        return [placed for placed in declared(phase, input_kind) if placed.name != name]

    return rules_chosen_by(without)


def rule_added(name: str) -> ContextManager[None]:
    """``clean_text`` with the named rule also run on HTML pages, at each place a saved page's text runs it."""
    declared = ingest.clean.rules_in

    def with_it(phase: Phase, input_kind: InputKind | None = None) -> list[RegisteredRule]:
        placed = declared(phase, input_kind)
        if input_kind is not InputKind.HTML:
            return placed
        added = [rule for rule in declared(phase, InputKind.PAGE_TEXT) if rule.name == name]
        return sorted([*placed, *added], key=lambda rule: rule.order)

    return rules_chosen_by(with_it)


@contextmanager
def author_left_in() -> Iterator[None]:
    """``clean_text`` without moving an HTML page's byline or bio out of the body."""
    boxes = ingest.clean.AUTHOR_BOXES
    ingest.clean.AUTHOR_BOXES = boxes - {InputKind.HTML}
    try:
        yield
    finally:
        ingest.clean.AUTHOR_BOXES = boxes


def variants() -> list[Variant]:
    chosen = [Variant(EVERY_RULE)]
    for placed in html_removal_rules():
        chosen.append(Variant(f"without {placed.name}", lambda name=placed.name: rule_left_out(name)))
    for tag in sorted(FURNITURE_TAGS):
        rule_name = f"html_{tag}"
        chosen.append(Variant(f"without {rule_name} furniture", keeps_markup=lambda r, n=rule_name: r.rule != n))
    chosen.append(Variant("without the author's byline or bio moved out", author_left_in))
    for placed in rules_off_html():
        chosen.append(Variant(f"with {placed.name} added", lambda name=placed.name: rule_added(name)))
    chosen.append(Variant("HTML format alone, no text rule", runs_text_rules=False))
    return chosen


def clean_all(pages: list[Page], reads: dict[str, Read | None], variant: Variant, count_words: bool) -> Outcome:
    """Every page cleaned as ``clean_source`` cleans it, under the variant; an emptied page is lost."""
    outcome = Outcome()
    with variant.left_out():
        for page in pages:
            read = reads[page.page_id]
            if read is None:
                outcome.texts[page.page_id] = ""
                outcome.lost.add(page.page_id)
                continue
            removals = [r for r in read.markup_removals if variant.keeps_markup(r)]
            if not variant.runs_text_rules:
                outcome.texts[page.page_id] = _after_markup(read.text, removals)
                continue
            cleaned = clean_text(read.text, read.context, removals)
            outcome.texts[page.page_id] = cleaned.text
            if not cleaned.text.strip():
                outcome.lost.add(page.page_id)
            if count_words:
                for change in cleaned.changes:
                    if is_removal(change):
                        outcome.words_removed[(page.half, change.rule)] += len(change.before.split())
    return outcome


def _after_markup(text: str, removals: list[Edit]) -> str:
    traced = TracedText(text)
    traced.apply(removals)
    return traced.text


@dataclass
class Scores:
    """Per-page shingle counts of one variant, from which any group's F1 is computed."""

    evaluate: ModuleType
    counts: dict[str, tuple[float, float, float]]

    def f1(self, page_ids: list[str], swapped: dict[str, tuple[float, float, float]] | None = None) -> float:
        if not page_ids:
            return float("nan")
        counts = [(swapped or {}).get(p, self.counts[p]) for p in page_ids]
        return self.evaluate.metrics_from_tp_fp_fns(counts)["f1"]


def score(evaluate: ModuleType, pages: list[Page], outcome: Outcome) -> Scores:
    return Scores(
        evaluate,
        {p.page_id: evaluate.string_shingle_matching(true=p.gold, pred=outcome.texts[p.page_id]) for p in pages},
    )


def moved_pages(baseline: Scores, variant: Scores, page_ids: list[str]) -> list[tuple[str, float]]:
    """The pages whose own change moves the half's F1, largest first, with what each alone moves it by."""
    before = baseline.f1(page_ids)
    moved = []
    for page_id in page_ids:
        if variant.counts[page_id] != baseline.counts[page_id]:
            delta = baseline.f1(page_ids, {page_id: variant.counts[page_id]}) - before
            if abs(delta) >= MOVED:
                moved.append((page_id, delta))
    return sorted(moved, key=lambda moved_page: -abs(moved_page[1]))


def _signed(value: float) -> str:
    return f"{value:+.4f}" if abs(value) >= 0.00005 else "0"


def report(devsets: list[Path]) -> list[str]:
    chosen = variants()
    by_set: dict[str, list[Page]] = {}
    scores: dict[str, dict[str, Scores]] = {}
    outcomes: dict[str, dict[str, Outcome]] = {}
    for devset in devsets:
        pages = list(load_pages(devset))
        evaluate = scorer(devset)
        reads = read_pages(pages)
        by_set[devset.name] = pages
        outcomes[devset.name] = {}
        scores[devset.name] = {}
        for variant in chosen:
            outcome = clean_all(pages, reads, variant, count_words=variant.name == EVERY_RULE)
            outcomes[devset.name][variant.name] = outcome
            scores[devset.name][variant.name] = score(evaluate, pages, outcome)
        print(f"{devset.name}: {len(pages)} pages, {len(chosen)} variants", file=sys.stderr, flush=True)

    names = list(by_set)
    halves = {s: {h: [p.page_id for p in by_set[s] if p.half == h] for h in HALVES} for s in names}
    lines = [
        "F1 per set and half (4-token shingles, the sets' `evaluate.py`); in brackets the change against every rule.",
        "A positive change means the pages score better under the variant: without the rule, or with it added.",
        "",
        "| variant | " + " | ".join(f"{s} {h}" for s in names for h in HALVES) + " | pages lost |",
        "| --- |" + " --- |" * (len(names) * len(HALVES) + 1),
    ]
    for variant in chosen:
        cells = []
        for s in names:
            for h in HALVES:
                value = scores[s][variant.name].f1(halves[s][h])
                base = scores[s][EVERY_RULE].f1(halves[s][h])
                cells.append(f"{value:.4f}" + ("" if variant.name == EVERY_RULE else f" ({_signed(value - base)})"))
        lost = sum(len(outcomes[s][variant.name].lost) for s in names)
        lines.append(f"| {variant.name} | " + " | ".join(cells) + f" | {lost} |")

    for s in names:
        sources = sorted({p.source for p in by_set[s] if p.source})
        if not sources:
            continue
        lines += ["", f"F1 per source benchmark of {s}, tuning half / reporting half:", ""]
        lines.append("| variant | " + " | ".join(sources) + " |")
        lines.append("| --- |" + " --- |" * len(sources))
        for variant in chosen:
            cells = []
            for source in sources:
                pair = [
                    scores[s][variant.name].f1([p.page_id for p in by_set[s] if p.source == source and p.half == h])
                    for h in HALVES
                ]
                cells.append(" / ".join(f"{value:.3f}" for value in pair))
            lines.append(f"| {variant.name} | " + " | ".join(cells) + " |")

    lines += ["", "Words each rule removes with every rule on (tuning / reporting half):", ""]
    lines.append("| rule | " + " | ".join(names) + " |")
    lines.append("| --- |" + " --- |" * len(names))
    removed = {s: outcomes[s][EVERY_RULE].words_removed for s in names}
    rules = sorted({rule for s in names for _, rule in removed[s]}, key=lambda r: -sum(removed[s][(h, r)] for s in names for h in HALVES))
    for rule_name in rules:
        cells = [" / ".join(str(removed[s][(h, rule_name)]) for h in HALVES) for s in names]
        lines.append(f"| {rule_name} | " + " | ".join(cells) + " |")

    lines += [
        "",
        f"Tuning-half pages whose own change moves their set's F1 by at least {MOVED} under a variant",
        "(pages that score better under it / worse; then the largest, with what each alone moves it by):",
        "",
    ]
    for variant in chosen[1:]:
        moved = [
            (page_id, delta)
            for s in names
            for page_id, delta in moved_pages(scores[s][EVERY_RULE], scores[s][variant.name], halves[s][TUNING])
        ]
        moved.sort(key=lambda moved_page: -abs(moved_page[1]))
        better, worse = sum(delta > 0 for _, delta in moved), sum(delta < 0 for _, delta in moved)
        shown = ", ".join(f"{page_id[:24]} {_signed(delta)}" for page_id, delta in moved[:MOVED_SHOWN])
        more = f", and {len(moved) - MOVED_SHOWN} more" if len(moved) > MOVED_SHOWN else ""
        lines.append(f"- {variant.name}: {better} / {worse}" + (f": {shown}{more}" if moved else ""))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--devset", type=Path, nargs="+", default=[DEFAULT_DEVSET, WEB_PAGES_EXTRA],
        help="dev-set folders (default: article-extraction-benchmark and web-pages-extra)",
    )
    parser.add_argument("--output", type=Path, help="also write the tables to this Markdown file")
    args = parser.parse_args(argv)
    command = "python bench/html_rule_ablation.py " + " ".join(sys.argv[1:] if argv is None else argv)
    text = "\n".join(["```", command.strip(), "```", "", *report(args.devset)]) + "\n"
    print(text)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
