"""Short English texts with a few accented names, in legacy code pages: how many decode exactly.

The texts are spans of the seed articles (ASCII only), 200 to 3,000 characters
long, with one to three words swapped for accented names or words an English text
borrows (all encodable in cp1252). Each is encoded in a code page and decoded by
``ingest.decode``; a decode is counted exact, labelled doubtful, or silently wrong.

    .venv/bin/python -m bench.legacy_encodings --count 300
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from pathlib import Path

from ingest.decode import DOUBTFUL, _decode_text

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
ACCENTED = [
    "Zürich", "résumé", "Bogotá", "São Paulo", "Müller", "Málaga", "Françoise", "Åsa Øberg",
    "Señor Núñez", "Ærø", "naïve", "Björk", "café", "Curaçao", "Strauß", "Zoë", "Jürgen Großmann",
    "Montréal", "€200", "Óscar", "Hôtel-Dieu", "Ångström",
]


def snippets(count: int, seed: int = 7) -> list[str]:
    """English text from the seeds, 200 to 3,000 characters, with one to three accented names."""
    text = " ".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))
    text = "".join(char for char in text if ord(char) < 128)
    rng = random.Random(seed)
    found = []
    for _ in range(count):
        length = rng.randint(200, 3000)
        start = rng.randint(0, len(text) - length)
        words = text[start : start + length].split(" ")
        for _ in range(rng.randint(1, 3)):
            words[rng.randrange(len(words))] = rng.choice(ACCENTED)
        found.append(" ".join(words))
    return found


def outcomes(texts: list[str], encoding: str) -> Counter:
    """exact / doubtful / wrong (with the encoding guessed) for each text that the code page can encode."""
    counted: Counter = Counter()
    for text in texts:
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            continue
        decoded, label = _decode_text(data)
        if decoded == text:
            counted["exact"] += 1
        elif label.endswith(DOUBTFUL):
            counted["doubtful"] += 1
        else:
            counted[f"wrong ({label})"] += 1
    return counted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    texts = snippets(args.count, args.seed)
    for encoding in ["cp1252", "latin-1", "cp850", "cp437", "mac_roman"]:
        counted = outcomes(texts, encoding)
        print(f"{encoding}: {sum(counted.values())} texts, " + ", ".join(f"{k} {v}" for k, v in counted.most_common()))


if __name__ == "__main__":
    main()
