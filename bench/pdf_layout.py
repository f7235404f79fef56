"""Paragraphs recovered from PDFs of real prose, printed single, 1.5 and double spaced.

    INGEST_DEVSETS=../shared/devsets python bench/pdf_layout.py --texts 20 --output bench/results/pdf_layout.md

Real prose nobody on the team wrote (the gold bodies of the article-extraction
dev set, read at run time) is printed with fpdf2 on A4 pages in DejaVu Sans 11
pt, under a running header and over a page number, at line heights of 1.0, 1.5
and 2.0 times the font size, in two styles: justified paragraphs with a blank
line between them, and ragged-right paragraphs with no space between them (the
harder case: only where a line stops tells a paragraph's end). Each PDF is read
by the PDF reader of this checkout and by the reader of a baseline commit
(``--before``, loaded from git), and measured:

* paragraphs recovered: the share of printed paragraphs that the reader's text
  holds intact as one paragraph (whitespace collapsed; one that a page break
  cuts counts when its halves end one page and open the next), and the same after
  cleaning (``clean_text`` with the reader's removals), where re-flowing may
  repair what the reader split;
* prose kept: the share of printed words (multiset, case folded) still in the
  clean text;
* furniture left: running headers and page numbers still in the clean text;
* the reader's time per PDF (pdfminer's parse included; a shared machine, so
  indicative only).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import re
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script, Python puts bench/ first on the path, not the repository
    sys.path.insert(0, str(REPO))

from fpdf import FPDF  # noqa: E402

from bench.devset_pages import DEFAULT_DEVSET  # noqa: E402
from ingest.boilerplate.line_shapes import ends_sentence  # noqa: E402
from ingest.clean import clean_text  # noqa: E402
from ingest.traced_text import TracedText  # noqa: E402
from ingest.formats import pdf as current_pdf  # noqa: E402

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
POINT_MM = 25.4 / 72
SIZE = 11
SPACINGS = (1.0, 1.5, 2.0)
STYLES = {"justified, blank line between": ("J", True), "ragged, no space between": ("L", False)}
HEADER = "REGIONAL AFFAIRS BULLETIN · VOL. 7, NO. 2"
MIN_PARAGRAPHS = 4
MIN_WORDS = 250
WORD = re.compile(r"\w+")


@dataclass
class Score:
    paragraphs: int = 0
    intact_read: int = 0
    intact_clean: int = 0
    words: int = 0
    words_kept: int = 0
    furniture_left: int = 0
    seconds: float = 0.0
    pdfs: int = 0
    worst: list[tuple[float, str]] = field(default_factory=list)


def texts(devset: Path, count: int) -> list[tuple[str, list[str]]]:
    """The first ``count`` gold bodies, by hash of their id, with enough paragraphs and words."""
    gold = json.loads((devset / "ground-truth.json").read_text(encoding="utf-8"))
    chosen = []
    for page_id in sorted(gold, key=lambda key: hashlib.sha256(key.encode()).hexdigest()):
        paragraphs = _paragraphs_of(gold[page_id]["articleBody"])
        if len(paragraphs) >= MIN_PARAGRAPHS and sum(len(p.split()) for p in paragraphs) >= MIN_WORDS:
            chosen.append((page_id, paragraphs))
        if len(chosen) == count:
            break
    return chosen


def _paragraphs_of(body: str) -> list[str]:
    """The body's paragraphs: its lines, a line that stops mid-sentence (a ``<br>`` in the page) joined to the next."""
    paragraphs: list[str] = []
    open_sentence = False
    for line in (" ".join(line.split()) for line in body.split("\n")):
        if not line:
            continue
        if open_sentence:
            paragraphs[-1] += " " + line
        else:
            paragraphs.append(line)
        open_sentence = not ends_sentence(line)
    return paragraphs


def render(paragraphs: list[str], spacing: float, align: str, gap: bool) -> bytes:
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=SIZE)
    pdf.set_margins(20, 25, 20)
    pdf.set_auto_page_break(True, margin=25)
    pitch = spacing * SIZE * POINT_MM

    def furniture() -> None:
        pdf.set_auto_page_break(False)
        pdf.set_font("DejaVu", size=9)
        pdf.set_xy(20, 12)
        pdf.cell(0, 5, HEADER, align="C")
        pdf.set_xy(20, 282)
        pdf.cell(0, 5, str(pdf.page_no()), align="C")
        pdf.set_font("DejaVu", size=SIZE)
        pdf.set_xy(20, 25)
        pdf.set_auto_page_break(True, margin=25)

    pdf.header = furniture  # type: ignore[method-assign]
    pdf.add_page()
    for text in paragraphs:
        pdf.multi_cell(0, pitch, text, align=align, new_x="LMARGIN", new_y="NEXT")
        if gap:
            pdf.ln(pitch)
    return bytes(pdf.output())


def baseline_reader(commit: str) -> ModuleType:
    """The PDF reader as it was at ``commit``, loaded from git without checking anything out."""
    source = subprocess.run(
        ["git", "-C", str(REPO), "show", f"{commit}:src/ingest/formats/pdf.py"], check=True, capture_output=True, text=True
    ).stdout
    spec = importlib.util.spec_from_loader(f"pdf_at_{commit}", loader=None)
    module = importlib.util.module_from_spec(spec)
    exec(compile(source, f"pdf.py@{commit}", "exec"), module.__dict__)
    return module


def measure(reader: ModuleType, data: bytes, paragraphs: list[str], score: Score, label: str) -> None:
    started = time.perf_counter()
    extracted = reader.FORMAT.extract(data, "bench.pdf")
    score.seconds += time.perf_counter() - started
    score.pdfs += 1
    cleaned = clean_text(extracted.text, None, extracted.markup_removals).text
    read = _read_paragraphs(extracted)
    clean = _paragraphs(cleaned)
    intact_read = sum(p in read for p in paragraphs)
    score.paragraphs += len(paragraphs)
    score.intact_read += intact_read
    score.intact_clean += sum(p in clean for p in paragraphs)
    printed = Counter(w.casefold() for w in WORD.findall(" ".join(paragraphs)))
    kept = Counter(w.casefold() for w in WORD.findall(cleaned))
    score.words += sum(printed.values())
    score.words_kept += sum((printed & kept).values())
    score.furniture_left += cleaned.count(HEADER) + sum(line.strip().isdigit() for line in cleaned.splitlines())
    score.worst.append((intact_read / len(paragraphs), label))


def _read_paragraphs(extracted) -> set[str]:
    """The reader's paragraphs, its removals applied; a paragraph may continue over a page break.

    Where a page breaks a paragraph, the reader cannot tell (cleaning decides), so
    a page's last block joined with the next page's first counts as one paragraph too.
    """
    traced = TracedText(extracted.text)
    traced.apply(extracted.markup_removals)
    pages = [[" ".join(b.split()) for b in re.split(r"\n\s*\n", page) if b.strip()] for page in traced.text.split("\f")]
    found = {block for page in pages for block in page}
    carried = ""
    for page in pages:
        if carried and page:
            found.add(carried + " " + page[0])
        carried = (carried + " " + page[0] if carried and len(page) == 1 else page[-1]) if page else carried
    return found


def _paragraphs(text: str) -> set[str]:
    return {" ".join(block.split()) for block in re.split(r"\n\s*\n|\f", text) if block.strip()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--texts", type=int, default=20)
    parser.add_argument("--before", default="1a407e8", help="the commit whose PDF reader is the baseline")
    parser.add_argument("--devset", type=Path, default=DEFAULT_DEVSET)
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    readers = {f"before ({args.before})": baseline_reader(args.before), "after": current_pdf}
    chosen = texts(args.devset, args.texts)
    scores = {(reader, style, spacing): Score() for reader in readers for style in STYLES for spacing in SPACINGS}
    for page_id, paragraphs in chosen:
        for style, (align, gap) in STYLES.items():
            for spacing in SPACINGS:
                data = render(paragraphs, spacing, align, gap)
                for name, reader in readers.items():
                    measure(reader, data, paragraphs, scores[(name, style, spacing)], f"{page_id[:12]} {spacing}x")
    report = _report(args, chosen, scores)
    print(report)
    if args.output:
        args.output.write_text(report, encoding="utf-8")


def _report(args: argparse.Namespace, chosen: list, scores: dict) -> str:
    paragraphs = sum(len(p) for _, p in chosen)
    words = sum(len(" ".join(p).split()) for _, p in chosen)
    lines = [
        "# PDF layout: paragraphs recovered from printed real prose",
        "",
        f"`INGEST_DEVSETS=../shared/devsets python bench/pdf_layout.py --texts {args.texts} --before {args.before}"
        + (f" --output {args.output}`" if args.output else "`"),
        "",
        f"{len(chosen)} gold bodies of the article-extraction dev set ({paragraphs} paragraphs, {words} words), "
        "each printed on A4 in DejaVu Sans 11 pt under a running header and over a page number, "
        "at three line heights and in two paragraph styles: "
        f"{len(chosen) * len(STYLES) * len(SPACINGS)} PDFs, each read by both readers.",
        "",
        "| reader | style | line height | paragraphs intact, read | after cleaning | prose words kept | furniture lines left | ms per PDF |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for (reader, style, spacing), score in scores.items():
        lines.append(
            f"| {reader} | {style} | {spacing}x | {score.intact_read / score.paragraphs:.1%} | "
            f"{score.intact_clean / score.paragraphs:.1%} | {score.words_kept / score.words:.2%} | "
            f"{score.furniture_left} | {1000 * score.seconds / score.pdfs:.0f} |"
        )
    lines += ["", "Texts with the fewest paragraphs intact as read, after this change:", ""]
    worst = sorted(item for (reader, _, _), score in scores.items() if reader == "after" for item in score.worst)[:5]
    lines += [f"- {label}: {share:.0%}" for share, label in worst]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
