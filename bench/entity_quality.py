"""Entity quality on the hand-labelled sample: the plain model against the full tagger.

Usage (from the repository root):

    .venv/bin/python bench/entity_quality.py > bench/results/entities.md

Two configurations tag the same paragraphs of ``tests/entities/labelled_sample.jsonl``:

- *plain model*: ``en_core_web_sm`` alone; each span is its own entity;
- *tagger*: ``load_tagger()``: model + gazetteer EntityRuler + canonicalization.

Both get the same span trimming (leading "the", quotes, possessives, titles before
a person), so the comparison measures recognition and joining, not a convention
about where a span starts. A prediction counts only with the exact span and label
(strict match). Amounts and times (DATE, MONEY, ...) were not labelled and are
left out on both sides.

Canonicalization is scored on the gold mentions whose surface differs from their
canonical name ("Putin" for Vladimir Putin, "U.S.", "Su35", "EAEU"): one is right
when a predicted mention has the same span and the id of the gold canonical name
and label. The same share over all gold mentions is reported too.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ingest.document import Document
from ingest.entities import entity_id, load_tagger
from ingest.entities.canonical import VALUE_LABELS
from ingest.entities.model import load_pipeline
from ingest.entities.names import clean_name, trim_span
from ingest.entities.tagger import is_plausible_name

SAMPLE = Path(__file__).resolve().parents[1] / "tests" / "entities" / "labelled_sample.jsonl"
COMMAND = ".venv/bin/python bench/entity_quality.py > bench/results/entities.md"


@dataclass(frozen=True)
class Span:
    paragraph: str
    start: int
    end: int
    label: str
    entity: str


def read_sample(path: Path = SAMPLE) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def gold_spans(sample: list[dict]) -> tuple[list[Span], list[dict]]:
    spans, records = [], []
    for paragraph in sample:
        for e in paragraph["entities"]:
            spans.append(Span(paragraph["id"], e["start"], e["end"], e["label"], entity_id(e["canonical"], e["label"])))
            records.append(e)
    return spans, records


def plain_model_spans(sample: list[dict]) -> tuple[list[Span], float]:
    nlp = load_pipeline(None)
    spans = []
    started = time.perf_counter()
    docs = nlp.pipe(p["text"] for p in sample)
    for paragraph, doc in zip(sample, docs):
        for ent in doc.ents:
            start, end = trim_span(doc.text, ent.start_char, ent.end_char, ent.label_)
            surface = doc.text[start:end]
            if is_plausible_name(surface, ent.label_):
                spans.append(Span(paragraph["id"], start, end, ent.label_, entity_id(clean_name(surface), ent.label_)))
    return spans, time.perf_counter() - started


def tagger_spans(sample: list[dict]) -> tuple[list[Span], float]:
    tagger = load_tagger()
    documents = [_document(p) for p in sample]
    started = time.perf_counter()
    tagger.tag(documents)
    elapsed = time.perf_counter() - started
    spans = [
        Span(p["id"], m.start, m.end, m.label, m.entity_id)
        for p, d in zip(sample, documents)
        for m in d.mentions
    ]
    return spans, elapsed


def _document(paragraph: dict) -> Document:
    text = paragraph["text"]
    digest = hashlib.sha256(text.encode()).hexdigest()
    return Document(
        doc_id=paragraph["id"], source_uri=paragraph["id"], content_sha256=digest, size_bytes=len(text),
        raw_text=text, encoding="utf-8", media_type="text/plain", text=text, language="en", text_sha256=digest,
    )


def scores(gold: list[Span], predicted: list[Span]) -> dict[str, tuple[int, int, int]]:
    """Per label: (true positives, predicted, gold), on spans and labels only."""
    key = lambda s: (s.paragraph, s.start, s.end, s.label)  # noqa: E731
    gold_keys = {key(s) for s in gold}
    predicted_keys = {key(s) for s in predicted if s.label not in VALUE_LABELS}
    labels = sorted({k[3] for k in gold_keys | predicted_keys})
    return {
        label: (
            sum(1 for k in predicted_keys & gold_keys if k[3] == label),
            sum(1 for k in predicted_keys if k[3] == label),
            sum(1 for k in gold_keys if k[3] == label),
        )
        for label in labels
    }


def canonical_share(gold: list[Span], records: list[dict], predicted: list[Span], variants_only: bool) -> tuple[int, int]:
    by_span = {(s.paragraph, s.start, s.end): s.entity for s in predicted}
    chosen = [g for g, r in zip(gold, records) if not variants_only or r["text"] != r["canonical"]]
    right = sum(1 for g in chosen if by_span.get((g.paragraph, g.start, g.end)) == g.entity)
    return right, len(chosen)


def prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = tp / predicted if predicted else 0.0
    recall = tp / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def report(sample: list[dict]) -> str:
    gold, records = gold_spans(sample)
    plain, plain_seconds = plain_model_spans(sample)
    full, full_seconds = tagger_spans(sample)
    plain_scores, full_scores = scores(gold, plain), scores(gold, full)
    words = sum(len(p["text"].split()) for p in sample)
    sources = Counter(p["source"].split(":")[0] for p in sample)
    lines = [
        "# Entity quality: plain model vs model + gazetteer + canonicalization",
        "",
        f"Command: `{COMMAND}`",
        "",
        f"Sample: `tests/entities/labelled_sample.jsonl`, {len(sample)} paragraphs "
        f"({sources['seed']} from the seeds, {sources['written']} written for the sample), "
        f"{len(gold)} labelled mentions, {words} words. Strict match: same span and label.",
        "",
        "| label | gold | plain P | plain R | plain F1 | tagger P | tagger R | tagger F1 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label in sorted(set(plain_scores) | set(full_scores)):
        a = prf(*plain_scores.get(label, (0, 0, 0)))
        b = prf(*full_scores.get(label, (0, 0, 0)))
        gold_n = (full_scores.get(label) or plain_scores[label])[2]
        lines.append(f"| {label} | {gold_n} | " + " | ".join(f"{v:.2f}" for v in (*a, *b)) + " |")
    total_a = prf(*map(sum, zip(*plain_scores.values())))
    total_b = prf(*map(sum, zip(*full_scores.values())))
    lines.append(f"| **all (micro)** | {len(gold)} | " + " | ".join(f"**{v:.2f}**" for v in (*total_a, *total_b)) + " |")
    lines += ["", "| canonicalization | plain model | tagger |", "| --- | ---: | ---: |"]
    for title, variants_only in (("surface variants under the right entity", True), ("all gold mentions under the right entity", False)):
        a_right, n = canonical_share(gold, records, plain, variants_only)
        b_right, _ = canonical_share(gold, records, full, variants_only)
        lines.append(f"| {title} (n={n}) | {a_right / n:.1%} ({a_right}) | {b_right / n:.1%} ({b_right}) |")
    lines += [
        "",
        f"Tagging time for the sample, model already loaded: plain {plain_seconds:.2f} s, "
        f"tagger {full_seconds:.2f} s ({words / full_seconds:,.0f} words/s on this machine).",
        "",
        "Misses of the tagger (gold span and label not predicted):",
        "",
    ]
    lines += _misses(sample, gold, full)
    return "\n".join(lines) + "\n"


def _misses(sample: list[dict], gold: list[Span], predicted: list[Span]) -> list[str]:
    texts = {p["id"]: p["text"] for p in sample}
    found = {(s.paragraph, s.start, s.end, s.label): s for s in predicted}
    out = []
    for g in gold:
        if (g.paragraph, g.start, g.end, g.label) in found:
            continue
        overlapping = [
            f"{texts[s.paragraph][s.start:s.end]!r}/{s.label}"
            for s in predicted
            if s.paragraph == g.paragraph and s.start < g.end and g.start < s.end
        ]
        got = ", ".join(overlapping) or "nothing"
        out.append(f"- {g.paragraph}: {texts[g.paragraph][g.start:g.end]!r}/{g.label}, got {got}")
    return out


if __name__ == "__main__":
    sys.stdout.write(report(read_sample()))
