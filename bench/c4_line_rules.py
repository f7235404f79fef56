"""C4's line rules, the baseline a plain-text cleaner has to beat.

As published with the C4 corpus (Raffel et al., "Exploring the Limits of Transfer
Learning with a Unified Text-to-Text Transformer", JMLR 21, 2020, section 2.2;
the rules as coded in TensorFlow Datasets' ``c4_utils.clean_page``):

1. keep only lines that end in a terminal punctuation mark (``.``, ``!``, ``?``, ``"``),
   and not in an ellipsis;
2. keep only lines of at least 3 words;
3. drop the page when fewer than 5 sentences are left;
4. drop any line containing the word "javascript";
5. drop the page when it contains "lorem ipsum";
6. drop the page when it contains a curly bracket;
7. drop lines that mention a policy ("terms of use", "privacy policy", "cookie policy",
   "uses cookies", "use of cookies", "use cookies");
8. remove citation markers (``[1]``, ``[edit]``, ``[citation needed]``);
9. drop lines holding a word longer than 1000 characters.

The bad-words page filter is left out: it judges a page's topic, not its boilerplate,
and no dev-set page is about what it targets. No library ships these rules alone
(TensorFlow Datasets needs TensorFlow and Beam), hence these few lines.
"""

from __future__ import annotations

import re

END_MARKS = (".", "?", "!", '"')
ELLIPSIS = "..."
MIN_WORDS_PER_LINE = 3
MIN_SENTENCES = 5
MAX_WORD_LENGTH = 1000
CITATION = re.compile(r"\[\d*\]|\[edit\]|\[citation needed\]", re.IGNORECASE)
POLICY_SUBSTRINGS = ("terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies")
# TensorFlow Datasets counts sentences with a tokenizer; a terminal mark followed by
# a space or the line's end is the same count for prose.
SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def c4_clean(text: str) -> str:
    """The text as C4 would keep it: its kept lines joined by newlines, or "" for a dropped page."""
    kept: list[str] = []
    sentences = 0
    for raw in text.splitlines():
        line = raw.strip()
        if any(len(word) > MAX_WORD_LENGTH for word in line.split()):
            continue
        line = CITATION.sub("", line)
        if not line.endswith(END_MARKS) or line.endswith(ELLIPSIS):
            continue
        if len(line.split()) < MIN_WORDS_PER_LINE:
            continue
        lower = line.lower()
        if "lorem ipsum" in lower or "{" in line:
            return ""
        if "javascript" in lower or any(policy in lower for policy in POLICY_SUBSTRINGS):
            continue
        sentences += len(SENTENCE_END.findall(line))
        kept.append(line)
    return "\n".join(kept) if sentences >= MIN_SENTENCES else ""
