"""Web pages saved as PDF by a browser: words kept of the article, and the browser's furniture left.

    python bench/browser_printed.py --pages 60 --output bench/results/browser_printed.md

"Save as PDF" is how many people keep an article, so a folder of PDFs is often
a folder of printed web pages. Chromium prints each page of paper with its own
furniture: the date and time and the page's title in a header, the page's
address and "3/7" in a footer, all at 8 points whatever the page's text size.
Between them come the page's own menus and headlines, often loosely spaced.

This benchmark prints dev-set pages (real pages with gold article bodies,
``../shared/devsets/``) with headless Chromium, as a user would save them,
reads the PDFs through ``ingest``'s per-file path and reports, per half:

* **words kept**: the gold body's words that the PDF's text layer holds
  (pdfminer's plain extraction; a page's script may fill in or hide some of
  the article), and how many of them are in the clean text;
* **browser furniture left**: the printed date lines, addresses and "n/N"
  page counters still in the clean text, against those printed (one each per
  sheet). A one-sheet print has no repeat to tell its header from text.

Chromium is a development tool here (Debian's ``chromium``); the network is
blocked while printing, so a page prints with what its HTML holds. PDFs are
cached (``--cache``) so that re-running after a change costs only the reading.
Pages are split into the fixed tuning and reporting halves by page id.
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script, Python puts bench/ first on the path, not the repository
    sys.path.insert(0, str(REPO))

from pdfminer.high_level import extract_text  # noqa: E402

from bench.content_inputs import dev_pages  # noqa: E402
from bench.devset_pages import DEVSETS, Page  # noqa: E402
from bench.word_survival import word_tokens  # noqa: E402
from ingest.discover import SourceFile  # noqa: E402
from ingest.pipeline import RejectedInput, process_file  # noqa: E402

# A page whose scripts never let it settle is printed as it stands after PRINT_AFTER_MS;
# one that does not print by PRINT_TIMEOUT_S is left out (and counted).
PRINT_AFTER_MS = 15_000
PRINT_TIMEOUT_S = 60
CHROMIUM = (
    "chromium", "--headless", "--no-sandbox", "--disable-gpu",
    "--host-resolver-rules=MAP * ~NOTFOUND", f"--timeout={PRINT_AFTER_MS}",
)
DEFAULT_PAGES = 60
# What Chromium prints in its header and footer, found in the clean text.
PRINTED_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2}, \d{1,2}:\d{2}\s?[AP]M\b")
PRINTED_ADDRESS = re.compile(r"(?:file|ﬁle):///\S+")
SHEET_COUNTER = re.compile(r"^\s*\d+/\d+\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Outcome:
    page_id: str
    half: str
    sheets: int
    words_in: int  # gold body words the text layer holds
    words_kept: int
    furniture_left: int
    rejected: str | None = None


def print_page(page: Page, cache: Path) -> Path | None:
    """The page printed to PDF by headless Chromium (cached), or None when it did not print."""
    pdf = cache / f"{page.page_id}.pdf"
    if pdf.exists():
        return pdf
    with tempfile.TemporaryDirectory() as scratch:
        html = Path(scratch) / f"{page.page_id}.html"
        html.write_bytes(page.html_bytes)
        command = [*CHROMIUM, f"--print-to-pdf={pdf}", html.as_uri()]
        try:
            subprocess.run(command, capture_output=True, timeout=PRINT_TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            return None
    return pdf if pdf.exists() else None


def measure(page: Page, pdf: Path) -> Outcome:
    """Read one printed page through ``ingest`` and score it against the gold words its text layer holds."""
    layer = extract_text(str(pdf))
    sheets = layer.count("\f") or 1
    body = Counter(word_tokens(page.gold)) & Counter(word_tokens(layer))
    try:
        clean = process_file(SourceFile(pdf, pdf.name)).text
    except RejectedInput as error:
        return Outcome(page.page_id, page.half, sheets, body.total(), 0, 0, str(error))
    kept = (body & Counter(word_tokens(clean))).total()
    left = sum(len(pattern.findall(clean)) for pattern in (PRINTED_DATE, PRINTED_ADDRESS, SHEET_COUNTER))
    return Outcome(page.page_id, page.half, sheets, body.total(), kept, left)


def report(outcomes: list[Outcome], command: str, seconds: float) -> str:
    lines = [
        f"## Web pages printed to PDF by Chromium ({time.strftime('%Y-%m-%d %H:%M')})",
        "",
        f"Command: `{command}`  ",
        f"Reading and cleaning: {seconds:.0f} s CPU. The furniture printed is a date line, an address and a counter per sheet.",
        "",
        "| half | pages | sheets | body words in the text layer | kept | pages losing words | rejected "
        "| browser furniture left / printed | pages with any left |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for half in ("tuning", "reporting", "both"):
        chosen = [o for o in outcomes if half in (o.half, "both")]
        words_in = sum(o.words_in for o in chosen)
        kept = sum(o.words_kept for o in chosen)
        sheets = sum(o.sheets for o in chosen)
        lines.append(
            f"| {half} | {len(chosen)} | {sheets} | {words_in} | {kept} ({kept / max(words_in, 1):.2%}) "
            f"| {sum(o.words_kept < o.words_in for o in chosen)} | {sum(o.rejected is not None for o in chosen)} "
            f"| {sum(o.furniture_left for o in chosen)} / {3 * sheets} | {sum(o.furniture_left > 0 for o in chosen)} |"
        )
    worst = sorted(outcomes, key=lambda o: (o.words_kept - o.words_in, -o.furniture_left))[:8]
    lines += ["", "| page | half | sheets | words in | kept | furniture left |", "| --- | --- | ---: | ---: | ---: | ---: |"]
    lines += [f"| `{o.page_id}` | {o.half} | {o.sheets} | {o.words_in} | {o.words_kept} | {o.furniture_left} |" for o in worst]
    return "\n".join(lines) + "\n"


def sample(pages: Iterable[Page], count: int, seed: int) -> list[Page]:
    """``count`` pages of each half, the same ones on every run with the same seed."""
    chosen = []
    for half in ("tuning", "reporting"):
        pool = sorted((p for p in pages if p.half == half), key=lambda p: p.page_id)
        random.Random(f"{seed}:{half}").shuffle(pool)
        chosen += pool[:count]
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devsets", type=Path, default=DEVSETS, help="the folder holding both dev sets")
    parser.add_argument("--pages", type=int, default=DEFAULT_PAGES, help="pages of each half (default %(default)s)")
    parser.add_argument("--seed", type=int, default=0, help="which pages are taken")
    parser.add_argument("--cache", type=Path, help="keep the printed PDFs here (default: a scratch folder)")
    parser.add_argument("--output", type=Path, help="also write the report to this Markdown file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        cache = args.cache or Path(scratch)
        cache.mkdir(parents=True, exist_ok=True)
        outcomes = []
        started = time.process_time()
        for page in sample(dev_pages(args.devsets), args.pages, args.seed):
            pdf = print_page(page, cache)
            if pdf is not None:
                outcomes.append(measure(page, pdf))
        seconds = time.process_time() - started
    command = f"python bench/browser_printed.py --pages {args.pages} --seed {args.seed}"
    text = report(outcomes, command, seconds)
    print(text)
    if args.output:
        with args.output.open("a", encoding="utf-8") as out:
            out.write(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
