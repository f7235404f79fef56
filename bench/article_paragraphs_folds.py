"""The paragraph weighing scored on tuning pages it was not fitted on: two folds of the tuning halves.

    python bench/article_paragraphs_folds.py [--output bench/results/article_paragraphs_folds.md]

The committed model is fitted on all tuning pages, so its score on them says
little. Here the tuning pages of both HTML dev sets are split in two folds (by a
hash of the page id, as the halves are), the model is fitted on one fold as
``bench/train_article_paragraphs.py`` fits it and scored on the other, and the
out-of-fold answers of both folds are scored together per set (micro F1 of the
format's text before the text rules, ``bench/extractor_choice.py``'s score),
beside each extractor alone on the same pages. The reporting halves are never
read. Needs the ``bench`` extra.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.devset_pages import TUNING, load_pages, scorer  # noqa: E402
from bench.extractor_choice import PageAnswers, f1, page_answers  # noqa: E402
from bench.train_article_paragraphs import DEVSETS, LabelledPage, fitted_model, labelled_page  # noqa: E402
from ingest.formats.article_paragraphs import MIN_ARTICLE_PROBABILITY  # noqa: E402

FOLDS = 2


def fold_of(page_id: str) -> int:
    return int(hashlib.sha256(f"fold:{page_id}".encode()).hexdigest(), 16) % FOLDS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path)
    args = parser.parse_args(argv)
    pages: list[tuple[int, LabelledPage, PageAnswers]] = []
    for devset in DEVSETS:
        evaluate = scorer(devset)
        for page in load_pages(devset, TUNING):
            answers = page_answers(page, evaluate)
            if answers is not None:
                pages.append((fold_of(page.page_id), labelled_page(devset, page, answers.reading), answers))
    scores: dict[tuple[str, str], list] = {}
    for fold in range(FOLDS):
        model = fitted_model([labelled for other, labelled, _ in pages if other != fold])
        for own, labelled, answers in pages:
            if own != fold:
                continue
            probability = model.predict_proba(labelled.features)[:, 1]
            kept = [bool(p >= MIN_ARTICLE_PROBABILITY) for p in probability]
            answer = kept if any(kept) else answers.reading.votes[0]
            scores.setdefault(("the weighing, fitted on the other fold", labelled.devset), []).append(answers.scored(answer))
    for own, labelled, answers in pages:
        for name, answer in (
            ("trafilatura with its fallbacks", answers.full),
            ("trafilatura without fallbacks", answers.reading.votes[0]),
            ("readability (trafilatura's port)", answers.reading.votes[1]),
        ):
            scores.setdefault((name, labelled.devset), []).append(answers.scored(answer))
    names = list(dict.fromkeys(name for name, _ in scores))
    lines = [
        "```", "python bench/article_paragraphs_folds.py", "```", "",
        f"Micro F1 of the format's text on the tuning halves' pages, out of fold ({len(pages)} pages).", "",
        "| answer | " + " | ".join(devset.name for devset in DEVSETS) + " |",
        "| --- |" + " --- |" * len(DEVSETS),
    ]
    lines += [f"| {name} | " + " | ".join(f"{f1(scores[name, devset.name]):.4f}" for devset in DEVSETS) + " |" for name in names]
    report = "\n".join(lines)
    print(report)
    if args.output:
        args.output.write_text(report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
