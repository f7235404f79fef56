"""Whether a text shows OCR damage beyond its wrapping: two signs, on wrapped prose and on OCR text.

    python bench/ocr_evidence.py --output bench/results/ocr_evidence.md

Plain text wrapped at a column is read as ``ocr`` (``ingest.boilerplate.text_kind``).
Column-wrapped prose that no scanner read (the dev sets' CleanEval gold bodies)
would rather be ``prose``. This counts, per document, the words a glyph confusion
explains (``ingest.normalize.confusions``' reading of a token) and the lines
``ingest.boilerplate.ocr_garbage`` calls garbage, on the dev sets' gold bodies
(wrapped or not) and on the generator's OCR documents (``bench/noisy``), to see
whether either sign separates them.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.devset_pages import DEVSETS, load_pages  # noqa: E402
from bench.noisy import generate_corpus  # noqa: E402
from ingest.boilerplate.ocr_garbage import is_ocr_garbage  # noqa: E402
from ingest.boilerplate.page_text import is_print  # noqa: E402
from ingest.language import detect_language  # noqa: E402
from ingest.normalize.confusions import TOKEN, _reading  # noqa: E402
from ingest.normalize.vocabulary import has_word_list  # noqa: E402

SETS = ("article-extraction-benchmark", "web-pages-extra")


def signs(text: str) -> tuple[float, int]:
    """Misread words per thousand words, and garbage lines."""
    language = detect_language(text[:5000]).language
    misread = sum(_reading(m.group(), language) is not None for m in TOKEN.finditer(text)) if has_word_list(language) else 0
    garbage = sum(is_ocr_garbage(line, language) for line in text.splitlines() if line.strip())
    return 1000 * misread / max(len(text.split()), 1), garbage


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path)
    args = parser.parse_args(argv)
    found: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for name in SETS:
        for page in load_pages(DEVSETS / name):
            form = "gold body, wrapped at a column" if is_print(page.gold) else "gold body, not wrapped"
            found[form].append(signs(page.gold))
    for document in generate_corpus(200, seed=1):
        found[f"generator, {document.style} style"].append(signs(document.text))
    lines = [
        "| texts | documents | with >= 1 misread word per 1,000 | with >= 1 garbage line |",
        "| --- | --- | --- | --- |",
    ]
    for form, measured in sorted(found.items()):
        misread = sum(rate >= 1 for rate, _ in measured)
        garbage = sum(count >= 1 for _, count in measured)
        lines.append(f"| {form} | {len(measured)} | {misread} | {garbage} |")
    print("\n".join(lines))
    if args.output:
        args.output.write_text("```\npython bench/ocr_evidence.py\n```\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
