"""Whether langdetect decides as well on a shorter sample: the language of each dev page at two sample sizes.

    python bench/language_sample.py --output bench/results/language_sample.md

``ingest.language`` detects on a slice from the middle of a text
(``SAMPLE_CHARS``); langdetect's n-gram extraction reads every character of it.
For every page of both HTML dev sets, the text the pipeline detects on (the
clean text of the page through ``ingest``'s per-file path) is detected at each
sample size, and the pages whose language differs are listed. Only texts longer
than the smaller sample can differ.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.devset_pages import DEFAULT_DEVSET, WEB_PAGES_EXTRA, load_pages  # noqa: E402
from ingest import language  # noqa: E402
from ingest.decode import RejectedInput  # noqa: E402
from ingest.discover import SourceFile  # noqa: E402
from ingest.pipeline import process_file  # noqa: E402

SIZES = (2_000, 1_000)


def detected(text: str, sample_chars: int) -> language.LanguageGuess:
    """``detect_language`` with another sample size."""
    kept = language.SAMPLE_CHARS
    language.SAMPLE_CHARS = sample_chars
    try:
        return language.detect_language(text)
    finally:
        language.SAMPLE_CHARS = kept


def clean_texts(devset: Path, workdir: Path) -> dict[str, str]:
    """Each page's clean text through the per-file path (the text a run detects the language of)."""
    texts = {}
    for page in load_pages(devset):
        path = workdir / "page.html"
        path.write_bytes(page.html_bytes)
        try:
            texts[page.page_id] = process_file(SourceFile(path, path.name)).text
        except RejectedInput:
            continue
    return texts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, help="also write the report to this Markdown file")
    args = parser.parse_args(argv)
    larger, smaller = SIZES
    rows, differing = [], []
    with tempfile.TemporaryDirectory() as workdir:
        for devset in (DEFAULT_DEVSET, WEB_PAGES_EXTRA):
            texts = clean_texts(devset, Path(workdir))
            same = 0
            for page_id, text in texts.items():
                first, second = detected(text, larger), detected(text, smaller)
                if first.language == second.language:
                    same += 1
                else:
                    differing.append(f"| {devset.name} | `{page_id}` | {len(text)} | {first.language} ({first.score}) | {second.language} ({second.score}) |")
            longer = sum(len(text) > smaller for text in texts.values())
            rows.append(f"| {devset.name} | {len(texts)} | {longer} | {same} |")
    lines = [
        "```", "python bench/language_sample.py " + " ".join(sys.argv[1:] if argv is None else argv), "```", "",
        f"| dev set | pages detected | longer than {smaller:,} characters | same language at {larger:,} and {smaller:,} |",
        "| --- | --- | --- | --- |", *rows, "",
        f"| dev set | page | characters | at {larger:,} (score) | at {smaller:,} (score) |",
        "| --- | --- | --- | --- | --- |", *differing,
    ]
    report = "\n".join(lines).rstrip() + "\n"
    print(report)
    if args.output:
        args.output.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
