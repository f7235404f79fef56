"""Inputs whose cost once grew faster than their size, measured before and after they were cut into bounded pieces.

    .venv/bin/python -m bench.superlinear_inputs --output bench/results/superlinear_inputs.md

Every case is generated here (nothing is downloaded) and measured in a fresh
process, so its peak resident memory is its own; CPU time is what compares on a
shared machine. The cases:

- a large HTML page (a forum thread of posts, with its navigation): trafilatura
  alone, which the format no longer runs above ``MAX_EXTRACTED_CHARS``, against
  the HTML format's whole extraction (rendering, furniture, extractors when they run);
- a text with no line break: cleaning it as one section (what happened before
  such a text could be cut) against cleaning it as the pipeline now does;
- a PDF page of separately placed letters on a grid: pdfminer's layout analysis
  against the PDF format's reading (layout within the character budget, drawing
  order above);
- a forum whose 600 posts never close their ``<div>``: posts kept and time.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORDS = (
    "the council voted on tuesday to extend library opening hours after a long public consultation residents "
    "said plan would help students workers and families during winter months while budget committee agreed"
).split()


def thread_page(megabytes: float, seed: int = 7) -> str:
    """A forum thread of about ``megabytes`` of markup: posts of one to four paragraphs, with a header, navigation and footer."""
    rng = random.Random(seed)
    nav = "<nav><ul>" + "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(20)) + "</ul></nav>"
    parts = [f"<!DOCTYPE html><html><head><title>Thread</title></head><body><header>Site</header>{nav}<main><h1>A long thread</h1>"]
    size, index = len(parts[0]), 0
    while size < megabytes * 2**20:
        paragraphs = "".join(f"<p>{_sentence(rng, 20, 60)}</p>" for _ in range(rng.randint(1, 4)))
        post = f"<div class='post' id='p{index}'><div class='meta'><a href='/u/{index}'>user{index}</a></div>{paragraphs}</div>"
        parts.append(post)
        size += len(post)
        index += 1
    parts.append("</main><footer>Contact us</footer></body></html>")
    return "".join(parts)


def one_line_text(megabytes: float, seed: int = 7) -> str:
    """Sentences separated by single spaces and never by a line break."""
    rng = random.Random(seed)
    parts, size = [], 0
    while size < megabytes * 2**20:
        sentence = _sentence(rng, 8, 30) + " "
        parts.append(sentence)
        size += len(sentence)
    return "".join(parts).strip()


def letters_pdf(count: int, seed: int = 7) -> bytes:
    """One page of ``count`` letters of prose, each placed on its own at a fixed pitch, rows packed closer than the type size.

    Letters drawn along their line's advance lay out in linear time (100,000 in
    4.6 s); placed on a grid, as form fillers and some converters write them,
    pdfminer's grouping costs the square of their number.
    """
    from fpdf import FPDF

    rng = random.Random(seed)
    pdf = FPDF(unit="pt", format=(612, 792))
    pdf.add_page()
    pdf.set_font("Helvetica", size=4)
    text = ""
    while len(text) < count:
        text += _sentence(rng, 8, 30) + " "
    for index, letter in enumerate(text[:count]):
        row, column = divmod(index, 200)
        pdf.text(6 + column * 3, 10 + (row % 260) * 3, letter)
    return bytes(pdf.output())


def unclosed_forum(posts: int) -> str:
    body = "".join(f"<div class='post'><p>Post {i}: {_sentence(random.Random(i), 15, 25)}</p>" for i in range(posts))
    return f"<!doctype html><html><head><title>Forum</title></head><body>{body}</body></html>"


def _sentence(rng: random.Random, shortest: int, longest: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(shortest, longest))).capitalize() + "."


def _case(name: str, size: float) -> dict:
    """Run one case in this process and say what it cost."""
    if name.startswith("html"):
        markup = thread_page(size)
        started = time.process_time()
        if name == "html_trafilatura":
            from ingest.formats.main_content import trafilatura_article

            chars = len(trafilatura_article(markup).text)
        else:
            from ingest.formats.html import FORMAT

            chars = len(FORMAT.extract(markup.encode(), "page.html").text)
    elif name.startswith("text"):
        from ingest import sections
        from ingest.clean import clean_text

        text = one_line_text(size)
        if name == "text_one_section":
            sections.SECTION_CHARS = 10**12
        started = time.process_time()
        chars = len(clean_text(text).text)
    elif name.startswith("pdf"):
        data = letters_pdf(int(size))
        started = time.process_time()
        if name == "pdf_layout":
            import io

            from pdfminer.high_level import extract_pages

            from ingest.formats.pdf import LAYOUT

            chars = sum(len(page.groups or ()) for page in extract_pages(io.BytesIO(data), laparams=LAYOUT))
        else:
            from ingest.formats.pdf import FORMAT

            chars = len(FORMAT.extract(data, "page.pdf").text)
    else:
        from ingest.formats.html import FORMAT

        markup = unclosed_forum(int(size)).encode()
        started = time.process_time()
        kept = _kept(FORMAT.extract(markup, "forum.html"))
        chars = sum(f"Post {i}:" in kept for i in range(int(size)))
    seconds = time.process_time() - started
    return {"cpu_seconds": round(seconds, 2), "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024), "result": chars}


def _kept(extracted) -> str:
    pieces, cursor = [], 0
    for removal in sorted(extracted.markup_removals, key=lambda e: e.start):
        pieces.append(extracted.text[cursor : removal.start])
        cursor = removal.end
    return "".join(pieces) + extracted.text[cursor:]


def measure(name: str, size: float, timeout: float) -> dict | None:
    """One case in a fresh process; None when it did not end within ``timeout`` seconds."""
    try:
        child = subprocess.run(
            [sys.executable, "-m", "bench.superlinear_inputs", "--child", name, str(size)],
            check=True, capture_output=True, text=True, cwd=REPO, timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return None
    return json.loads(child.stdout.strip().splitlines()[-1])


CASES = [
    ("HTML thread page, MB of markup", "html_trafilatura", "trafilatura alone", "html_format", "HTML format", [1, 2, 4, 8, 16]),
    ("text without line breaks, MB", "text_one_section", "cleaned as one section", "text_pipeline", "cleaned as now", [1, 4, 16]),
    ("PDF page, separately placed letters", "pdf_layout", "pdfminer layout", "pdf_format", "PDF format", [2500, 5000, 10000, 20000, 100000]),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", type=Path)
    parser.add_argument("--timeout", type=float, default=120, help="seconds after which a case is reported as not finished")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_case(args.child[0], float(args.child[1]))))
        return
    lines = ["# Inputs whose cost grew faster than their size", "", f"`python -m bench.superlinear_inputs` (timeout {args.timeout:g} s a case); CPU seconds, peak resident MB.", ""]
    for title, before, before_label, after, after_label, sizes in CASES:
        lines += [f"## {title}", "", f"| size | {before_label} | {after_label} |", "| ---: | --- | --- |"]
        for size in sizes:
            cells = [_cell(measure(name, size, args.timeout)) for name in (before, after)]
            lines.append(f"| {size:g} | {cells[0]} | {cells[1]} |")
            print(lines[-1], flush=True)
        lines.append("")
    forum = measure("forum", 600, args.timeout)
    lines += ["## Forum of 600 posts that never close their `<div>`", "", f"HTML format: {_cell(forum)}, posts kept by the extractor: {forum['result'] if forum else '-'} of 600", ""]
    print(lines[-2])
    if args.output:
        args.output.write_text("\n".join(lines))


def _cell(result: dict | None) -> str:
    return "not finished" if result is None else f"{result['cpu_seconds']} s, {result['peak_mb']} MB"


if __name__ == "__main__":
    main()
