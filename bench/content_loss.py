"""Content lost by cleaning on inputs that are not scraped web pages: Markdown, born-digital PDFs, non-Latin scripts, prose, typed text.

    python bench/content_loss.py --output bench/results/content_loss.md
    python bench/content_loss.py --limit 20          # a quick run: at most 20 documents of each kind

Every input is real text nobody on the team wrote (:mod:`bench.content_inputs`
says where each kind comes from), written to a file and run through ``ingest``'s
per-file path (``ingest.pipeline.process_file``), as a run would read it. Such
a document is not a saved web page: it has no boilerplate, so every word of its
body should survive (the target is 99.5 % or more on every kind, no document
emptied, no OCR repair of a born-digital PDF).

Per kind, and for the dev set's fixed tuning and reporting halves apart:

- documents, and words in: the word tokens of the body (:mod:`bench.word_survival`:
  NFKC, casefolded, runs of letters, marks and digits; one token per character
  in Han, Hiragana, Katakana, Hangul, Thai, Lao, Khmer and Myanmar text);
- words kept: the multiset intersection of the body's tokens with the clean text's,
  as a share of the body's; a document ``ingest`` rejects keeps none;
- emptied or rejected: no word left, or the file refused (the reason is listed);
- paragraphs recovered: the body's paragraphs (blocks between blank lines) that
  the clean text has as a paragraph of exactly the same tokens;
- OCR repairs: changes of kind ``glyph`` or ``hyphenation`` (the repairs of OCR
  errors), counted apart; every change is counted by rule and kind, with the body
  words it deleted (credited in text order, see :mod:`bench.word_survival`).

For a PDF, the body is the prose (and listings) it printed; its running header
and page numbers are furniture: every occurrence of the header and every line
that is a bare page number are taken out of the clean text before counting
(so furniture left behind never counts as a kept word), and what was left of
them is reported as "furniture left" (header lines and page-number lines over
those printed).

A repair of damage that is in the source itself counts as a loss too, since the
body's words are not there as written: some CleanEval gold bodies hold mojibake
(``Ã©``, which ``fix_mojibake`` turns into ``é``) or words glued together
(``thetalks``, which ``split_glued_function_words`` splits). The tables name
the rule of every loss, so such repairs can be told from removals. Beside words
kept as written, the summary gives two further shares, each adding one thing to
the first: the body's own mojibake and HTML entities (``&#8217;``) repaired before
counting (ftfy's ``fix_text``, the library the repair uses: the words as their
author wrote them), and then the words of a byline or author bio that cleaning moved into
``documents.author`` and ``documents.author_bio`` counted where they went.

The Markdown output has a table per kind and the worst documents of each kind
with the rules that took their words. Needs the ``bench`` extra (trafilatura,
fpdf2, Sphinx and docutils, whose LaTeX sources the class manuals quote) and
the DejaVu fonts (Debian's ``fonts-dejavu-core``).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script, Python puts bench/ first on the path, not the repository
    sys.path.insert(0, str(REPO))

from bench.content_inputs import (  # noqa: E402
    KINDS,
    MARKDOWN,
    NON_LATIN,
    PDF,
    PROSE,
    RST,
    TYPED,
    Furniture,
    Input,
    dev_pages,
    markdown_inputs,
    non_latin_inputs,
    pdf_inputs,
    prose_inputs,
    rst_inputs,
    typed_inputs,
)
from bench.devset_pages import DEVSETS, REPORTING, TUNING  # noqa: E402
from bench.word_survival import CHARACTER_SCRIPTS, Survival, survival  # noqa: E402
from ftfy import fix_text  # noqa: E402
from ingest.clean import clean_text  # noqa: E402
from ingest.decode import RejectedInput  # noqa: E402
from ingest.discover import SourceFile  # noqa: E402
from ingest.pipeline import process_file, read_source  # noqa: E402
from ingest.rules import CleaningContext, is_removal  # noqa: E402
from ingest.traced_text import Change  # noqa: E402

OCR_KINDS = ("glyph", "hyphenation")
EMPTIED = "nothing is left"
# Born-digital PDFs cost a layout pass each (fpdf2 and pdfminer): their default count keeps the run short.
DEFAULT_PDFS = 140
WORST = 8
HALVES = (TUNING, REPORTING)
ALL = "both"


@dataclass
class Outcome:
    """One input cleaned: what survived, what changed, and whether it was refused."""

    item: Input
    survival: Survival
    changes: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # (rule, kind, effect) -> changes
    rejected: str | None = None
    furniture_left: int = 0
    furniture_printed: int = 0
    # The same clean text scored against the body with its own mojibake repaired,
    # then with the author fields' words counted as kept (see the module's docstring).
    as_meant: Survival | None = None
    with_author: Survival | None = None

    @property
    def emptied(self) -> bool:
        return self.rejected is not None or (self.survival.words_in > 0 and self.survival.words_kept == 0)

    @property
    def ocr_repairs(self) -> Counter[str]:
        return Counter({kind: n for (_, kind, _), n in self.changes.items() if kind in OCR_KINDS})


def measure(item: Input, workdir: Path) -> Outcome:
    """Clean one input through ``ingest``'s per-file path and score what it kept of the body."""
    safe = re.sub(r"[^\w.-]", "_", item.doc_id)[-80:]
    path = workdir / f"{safe}{item.suffix}"
    path.write_bytes(item.data)
    rejected = None
    authored = ""
    try:
        document = process_file(SourceFile(path, path.name))
        clean, changes, raw = document.text, document.changes, document.raw_text
        authored = "\n\n".join(filter(None, (document.author, document.author_bio)))
    except RejectedInput as error:
        rejected = str(error)
        clean, (changes, raw) = "", _changes_of_refused(path, rejected)
    finally:
        path.unlink()
    left = printed = 0
    if item.furniture is not None:
        clean, left = without_furniture(clean, item.furniture)
        printed = 2 * item.furniture.pages
    scored = survival(item.body, clean, changes, raw)
    if rejected and not changes:
        scored.lost_by = Counter({("rejected", rejected.split(":")[0]): scored.words_in})
    counted = Counter((c.rule, c.kind, "removal" if is_removal(c) else "repair") for c in changes)
    meant = fix_text(item.body)
    return Outcome(
        item, scored, counted, rejected, left, printed,
        as_meant=survival(meant, clean),
        with_author=survival(meant, f"{clean}\n\n{authored}"),
    )


def _changes_of_refused(path: Path, reason: str) -> tuple[list[Change], str]:
    """The changes that emptied a refused document and its raw text (``process_file`` raises before returning them)."""
    if not reason.startswith(EMPTIED):
        return [], ""
    _, decoded = read_source(SourceFile(path, path.name))
    context = CleaningContext(article_chosen=decoded.article_chosen)
    return clean_text(decoded.text, context, decoded.markup_removals).changes, decoded.text


def without_furniture(clean: str, furniture: Furniture) -> tuple[str, int]:
    """The clean text without the running header and bare page-number lines, and how many of them were left."""
    headers = clean.count(furniture.header)
    clean = clean.replace(furniture.header, " ")
    numbers = re.compile(r"^[ \t]*(\d{1,3})[ \t]*$", re.MULTILINE)
    kept_numbers = [m for m in numbers.finditer(clean) if 1 <= int(m.group(1)) <= furniture.pages]
    for match in reversed(kept_numbers):
        clean = clean[: match.start()] + clean[match.end() :]
    return clean, headers + len(kept_numbers)


# --- Tallies and the report ---------------------------------------------------------------


@dataclass
class Tally:
    """Outcomes added up."""

    documents: int = 0
    words_in: int = 0
    words_kept: int = 0
    emptied: int = 0
    paragraphs_in: int = 0
    paragraphs_recovered: int = 0
    ocr: Counter[str] = field(default_factory=Counter)
    ocr_documents: int = 0
    removals: int = 0
    furniture_left: int = 0
    furniture_printed: int = 0
    meant_in: int = 0
    meant_kept: int = 0
    with_author_kept: int = 0

    def add(self, outcome: Outcome) -> None:
        s = outcome.survival
        self.documents += 1
        self.words_in += s.words_in
        self.words_kept += s.words_kept
        self.meant_in += outcome.as_meant.words_in
        self.meant_kept += outcome.as_meant.words_kept
        self.with_author_kept += outcome.with_author.words_kept
        self.emptied += outcome.emptied
        self.paragraphs_in += s.paragraphs_in
        self.paragraphs_recovered += s.paragraphs_recovered
        self.ocr += outcome.ocr_repairs
        self.ocr_documents += bool(outcome.ocr_repairs)
        self.removals += sum(n for (_, _, effect), n in outcome.changes.items() if effect == "removal")
        self.furniture_left += outcome.furniture_left
        self.furniture_printed += outcome.furniture_printed


def tally(outcomes: Iterable[Outcome]) -> Tally:
    total = Tally()
    for outcome in outcomes:
        total.add(outcome)
    return total


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "n/a"


def _kept(part: int, whole: int) -> str:
    return f"{100 * part / whole:.2f} %" if whole else "n/a"


def _halves(outcomes: list[Outcome]) -> Iterator[tuple[str, list[Outcome]]]:
    for half in HALVES:
        yield half, [o for o in outcomes if o.item.half == half]
    yield ALL, outcomes


def summary_table(by_kind: dict[str, list[Outcome]]) -> list[str]:
    rows = [
        "| kind | documents | words kept, tuning | words kept, reporting | the body's mojibake and entities repaired "
        "| and bylines moved to the author fields | emptied or rejected "
        "| paragraphs recovered | OCR repairs (glyph + hyphenation) | documents with OCR repairs |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for kind, outcomes in by_kind.items():
        halves = {half: tally(part) for half, part in _halves(outcomes)}
        every, tuning, reporting = halves[ALL], halves[TUNING], halves[REPORTING]
        rows.append(
            f"| {kind} | {every.documents} | {_kept(tuning.words_kept, tuning.words_in)} "
            f"| {_kept(reporting.words_kept, reporting.words_in)} "
            f"| {_kept(tuning.meant_kept, tuning.meant_in)} / {_kept(reporting.meant_kept, reporting.meant_in)} "
            f"| {_kept(tuning.with_author_kept, tuning.meant_in)} / {_kept(reporting.with_author_kept, reporting.meant_in)} "
            f"| {every.emptied} "
            f"| {_share(every.paragraphs_recovered, every.paragraphs_in)} | {every.ocr.total()} "
            f"| {every.ocr_documents} |"
        )
    return rows


def kind_table(kind: str, outcomes: list[Outcome]) -> list[str]:
    printed = kind == PDF
    extra_head = " furniture left |" if printed else ""
    rows = [
        "| input | half | documents | words in | words kept | emptied or rejected | paragraphs recovered "
        f"| OCR repairs: glyph / hyphenation (documents) | removal changes |{extra_head}",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |" + (" --- |" if printed else ""),
    ]
    routes = sorted({o.item.route for o in outcomes}, key=lambda r: [o.item.route for o in outcomes].index(r))
    for route in [*routes, "all inputs"] if len(routes) > 1 else routes:
        chosen = outcomes if route == "all inputs" else [o for o in outcomes if o.item.route == route]
        for half, part in _halves(chosen):
            t = tally(part)
            if not t.documents:
                continue
            extra = f" {t.furniture_left} / {t.furniture_printed} |" if printed else ""
            rows.append(
                f"| {route} | {half} | {t.documents} | {t.words_in} | {t.words_kept} ({_kept(t.words_kept, t.words_in)}) "
                f"| {t.emptied} | {t.paragraphs_recovered} / {t.paragraphs_in} ({_share(t.paragraphs_recovered, t.paragraphs_in)}) "
                f"| {t.ocr['glyph']} / {t.ocr['hyphenation']} ({t.ocr_documents}) | {t.removals} |{extra}"
            )
    return rows


def rules_table(outcomes: list[Outcome]) -> list[str]:
    """Every rule and kind of change recorded on these outcomes, with the body words credited to it."""
    changes: Counter[tuple[str, str, str]] = Counter()
    lost: dict[str, Counter[tuple[str, str]]] = {half: Counter() for half in HALVES}
    documents: Counter[tuple[str, str]] = Counter()
    for outcome in outcomes:
        changes.update(outcome.changes)
        lost[outcome.item.half].update(outcome.survival.lost_by)
        documents.update(outcome.survival.lost_by.keys())
    effects = {(rule, kind): effect for rule, kind, effect in changes}
    keys = set(effects) | set(lost[TUNING]) | set(lost[REPORTING])
    counts: Counter[tuple[str, str]] = Counter()
    for (rule, kind, _), n in changes.items():
        counts[(rule, kind)] += n
    ordered = sorted(keys, key=lambda k: (-(lost[TUNING][k] + lost[REPORTING][k]), -counts[k], k))
    rows = [
        "| rule | kind | effect | changes | body words lost: tuning / reporting | documents losing words to it |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for key in ordered:
        rows.append(
            f"| {key[0]} | {key[1]} | {effects.get(key, '')} | {counts[key]} "
            f"| {lost[TUNING][key]} / {lost[REPORTING][key]} | {documents[key]} |"
        )
    return rows


def worst_table(outcomes: list[Outcome], count: int) -> list[str]:
    worst = sorted(outcomes, key=lambda o: (o.survival.kept_share, -o.survival.words_in, o.item.doc_id))[:count]
    rows = [
        "| document | input | half | script | words in | kept | paragraphs recovered | OCR repairs | words lost to |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for o in worst:
        s = o.survival
        causes = ", ".join(f"{rule} ({kind}) {n}" for (rule, kind), n in s.lost_by.most_common(4)) or "nothing"
        if o.rejected:
            causes = f"**rejected**: {o.rejected.split(':')[0]}; {causes}"
        elif o.emptied:
            causes = f"**emptied**; {causes}"
        rows.append(
            f"| `{o.item.doc_id}` | {o.item.route} | {o.item.half} | {o.item.script} | {s.words_in} "
            f"| {_kept(s.words_kept, s.words_in)} | {s.paragraphs_recovered} / {s.paragraphs_in} "
            f"| {o.ocr_repairs.total()} | {causes} |"
        )
    return rows


def report(by_kind: dict[str, list[Outcome]], command: str, seconds: tuple[float, float], worst: int) -> str:
    """The Markdown report; ``seconds`` is the run's wall and CPU time."""
    scripts = ", ".join(CHARACTER_SCRIPTS)
    lines = [
        "```",
        command,
        "```",
        "",
        f"Words are word tokens after NFKC and casefolding, counted as a multiset; in {scripts} text every "
        "character is a token (CJK is counted in characters, not whitespace tokens). Words kept: the body's "
        "tokens found in the clean text; the summary's next two columns (tuning / reporting) count them against "
        "the body with its own mojibake and HTML entities repaired (ftfy), then with the words cleaning moved into the author fields "
        "counted as kept. Paragraphs recovered: the body's paragraphs found as a paragraph "
        "of the same tokens in the clean text. A PDF's running header and page numbers are not body: they are "
        "taken out of the clean text before counting, and what was left of them is the furniture column. "
        "Targets: words kept >= 99.5 % on every kind, no document emptied, no OCR repair on born-digital PDFs.",
        "",
        f"Run time: {seconds[0]:.0f} s wall, {seconds[1]:.0f} s CPU (one process).",
        "",
        "## Summary",
        "",
        *summary_table(by_kind),
    ]
    for kind, outcomes in by_kind.items():
        lines += ["", f"## {kind}", "", *kind_table(kind, outcomes), ""]
        lines += ["What took the words (and every change recorded), both halves:", "", *rules_table(outcomes), ""]
        lines += [f"The {min(worst, len(outcomes))} documents that kept the least:", "", *worst_table(outcomes, worst)]
        refused = Counter(o.rejected.split(":")[0] for o in outcomes if o.rejected)
        if refused:
            lines += ["", "Rejected: " + "; ".join(f"{reason} ({n})" for reason, n in refused.most_common())]
    return "\n".join(lines) + "\n"


# --- The run -----------------------------------------------------------------------------


def inputs_of(kinds: Iterable[str], devsets: Path, limit: int | None, pdfs: int, seed: int) -> dict[str, Iterator[Input]]:
    """The inputs of each kind asked for, made lazily (one document at a time)."""
    pages = dev_pages(devsets)
    makers: dict[str, Callable[[], Iterator[Input]]] = {
        MARKDOWN: lambda: markdown_inputs(pages, limit, seed),
        RST: lambda: rst_inputs(limit, seed),
        PDF: lambda: pdf_inputs(pages, min(pdfs, limit) if limit is not None else pdfs, seed),
        NON_LATIN: lambda: non_latin_inputs(pages, limit, seed),
        PROSE: lambda: prose_inputs(pages, limit, seed),
        TYPED: lambda: typed_inputs(limit, seed),
    }
    return {kind: makers[kind]() for kind in kinds}


def run(inputs: dict[str, Iterable[Input]]) -> dict[str, list[Outcome]]:
    """Measure every input, kind by kind."""
    by_kind: dict[str, list[Outcome]] = defaultdict(list)
    with tempfile.TemporaryDirectory() as workdir:
        for kind, items in inputs.items():
            started = time.perf_counter()
            for item in items:
                by_kind[kind].append(measure(item, Path(workdir)))
            print(f"{kind}: {len(by_kind[kind])} documents in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return dict(by_kind)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devsets", type=Path, default=DEVSETS, help="the folder holding both dev sets")
    parser.add_argument("--kinds", nargs="*", choices=KINDS, default=list(KINDS), help="measure only these kinds")
    parser.add_argument("--limit", type=int, help="at most this many documents of each kind (a quick run)")
    parser.add_argument("--pdfs", type=int, default=DEFAULT_PDFS, help="born-digital PDFs to print (default %(default)s)")
    parser.add_argument("--seed", type=int, default=0, help="which documents a limited run takes, and the PDFs' details")
    parser.add_argument("--worst", type=int, default=WORST, help="worst documents listed per kind")
    parser.add_argument("--output", type=Path, help="also write the report to this Markdown file")
    args = parser.parse_args(argv)
    started, started_cpu = time.perf_counter(), time.process_time()
    by_kind = run(inputs_of(args.kinds, args.devsets, args.limit, args.pdfs, args.seed))
    command = ("python bench/content_loss.py " + " ".join(sys.argv[1:] if argv is None else argv)).strip()
    seconds = (time.perf_counter() - started, time.process_time() - started_cpu)
    text = report(by_kind, command, seconds, args.worst)
    print(text)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
