"""Rewrite the golden clean texts of the seeds from the current pipeline.

Run after a deliberate change to a cleaning rule, then read every diff against the
raw seed before committing it: a golden file is a promise that a person checked it.

    .venv/bin/python tests/golden/regenerate.py
"""

from pathlib import Path

from ingest.decode import decode
from ingest.clean import clean_text

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent


def golden_text(seed: Path) -> str:
    """The clean text, preceded by the metadata cleaning extracted, as the golden file stores it."""
    decoded = decode(seed.read_bytes(), seed.name)
    result = clean_text(decoded.text, markup_removals=decoded.markup_removals)
    header = f"title: {result.title}\nauthor: {result.author}\nauthor_bio: {result.author_bio}\n---\n"
    return header + result.text + "\n"


def main() -> None:
    for seed in sorted((ROOT / "seeds").iterdir()):
        (GOLDEN / seed.name).write_text(golden_text(seed), encoding="utf-8")
        print(f"wrote {seed.name}")


if __name__ == "__main__":
    main()
