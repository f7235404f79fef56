"""The writing system a text is mostly written in, by the Unicode script of its letters.

Han, Hiragana and Katakana count as one writing system (CJK) with Hangul beside
them, because a Japanese text mixes the three and a Chinese one uses only Han:
what matters to cleaning is that none of them puts spaces between words.
"""

from __future__ import annotations

from collections import Counter

import regex

LATIN = "Latin"
CJK = "CJK"
# Scripts checked, in this order; a letter of any other script counts as "other".
SCRIPTS = {
    LATIN: r"\p{Latin}",
    CJK: r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]",
    "Cyrillic": r"\p{Cyrillic}",
    "Greek": r"\p{Greek}",
    "Arabic": r"\p{Arabic}",
    "Hebrew": r"\p{Hebrew}",
    "Thai": r"\p{Thai}",
    "Devanagari": r"\p{Devanagari}",
}
_PATTERNS = {name: regex.compile(pattern) for name, pattern in SCRIPTS.items()}
LETTER = regex.compile(r"\p{L}")


def script_shares(text: str) -> Counter[str]:
    """The share of ``text``'s letters in each writing system (they sum to 1, or nothing for no letters)."""
    counts: Counter[str] = Counter()
    for letter in LETTER.findall(text):
        counts[next((name for name, pattern in _PATTERNS.items() if pattern.match(letter)), "other")] += 1
    total = counts.total()
    return Counter({name: count / total for name, count in counts.items()}) if total else Counter()


def main_script(text: str) -> str:
    """The writing system of most of ``text``'s letters (Latin for a text without letters)."""
    shares = script_shares(text)
    return shares.most_common(1)[0][0] if shares else LATIN
