"""Whether column-wrapped text shows print's marks: the sign that decides ``ocr`` from ``prose``.

    python bench/ocr_evidence.py --output bench/results/ocr_evidence.md

Plain text wrapped at a column is read as print (``ocr``) only when it carries
print's marks (:mod:`ingest.boilerplate.read_back`): a word the typesetter
hyphenated at a line's end, or words OCR misread glyph by glyph; otherwise it
was typed at that width and is ``prose``. This counts, per group of texts, the
documents showing each sign and those the check reads as print:

- Tesseract's output for printed pages (``bench/ocr_real.py``'s cache; run that
  first, Tesseract needed), from which the decision would otherwise come from
  their masthead;
- typed text: the help topics Python ships and Debian's licence texts
  (``bench.content_inputs.typed_inputs``);
- the dev sets' gold bodies that are wrapped at a column (CleanEval's), no scanner
  read them;
- the generator's documents in OCR and PDF style (``bench/noisy``).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.content_inputs import typed_inputs  # noqa: E402
from bench.devset_pages import DEVSETS, load_pages  # noqa: E402
from bench.noisy import generate_corpus  # noqa: E402
from bench.ocr_real import DEFAULT_CACHE  # noqa: E402
from ingest.boilerplate.page_furniture import page_breaks  # noqa: E402
from ingest.boilerplate.page_text import is_print  # noqa: E402
from ingest.boilerplate.read_back import has_broken_words, is_indented, shows_misreads, shows_print_read_back  # noqa: E402
from ingest.boilerplate.text_lines import split_lines  # noqa: E402
from ingest.language import detect_language  # noqa: E402

SETS = ("article-extraction-benchmark", "web-pages-extra")
HEADER = [
    "| texts | documents | a word hyphenated at a line's end | misread words, 1 per 1,000 or more | a page break | a tenth of its lines indented | read as print |",
    "| --- | --- | --- | --- | --- | --- | --- |",
]


def signs(text: str) -> tuple[bool, bool, bool, bool, bool]:
    """Whether the text shows each sign, and whether the check reads it as print."""
    language = detect_language(text).language
    lines = split_lines(text)
    return (
        has_broken_words(text, language),
        shows_misreads(text, language),
        page_breaks(lines, language) > 0,
        is_indented(lines),
        shows_print_read_back(text, lines),
    )


def groups(cache: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for path in sorted(cache.glob("*.txt")):
        found["Tesseract pages (bench/ocr_real.py)"].append(path.read_text(encoding="utf-8"))
    for item in typed_inputs(None, 0):
        found[f"typed: {item.route}"].append(item.body)
    for path in sorted((REPO / "seeds").iterdir()):
        found["the seeds"].append(path.read_text(encoding="utf-8"))
    for name in SETS:
        for page in load_pages(DEVSETS / name):
            if is_print(page.gold):
                found["gold bodies wrapped at a column"].append(page.gold)
    for document in generate_corpus(200, seed=1):
        if document.style in ("ocr", "pdf"):
            found[f"generator, {document.style} style"].append(document.text)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="bench/ocr_real.py's cache of Tesseract output")
    parser.add_argument("--output", type=Path)
    args = parser.parse_args(argv)
    lines = list(HEADER)
    for group, texts in groups(args.cache).items():
        measured = [signs(text) for text in texts]
        counts = [sum(m[k] for m in measured) for k in range(5)]
        lines.append(f"| {group} | {len(texts)} | " + " | ".join(str(count) for count in counts) + " |")
    print("\n".join(lines))
    if args.output:
        args.output.write_text("```\npython bench/ocr_evidence.py\n```\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
