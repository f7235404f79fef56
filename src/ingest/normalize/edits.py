"""Two ways every repair turns what it wants into ``Edit`` records.

Most repairs find a pattern and replace each match; a few (ftfy, NFC) rewrite a
whole string. Both are turned into small, local edits so the warehouse records
``"â€™" → "’"`` rather than one replacement of the whole document.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ingest.traced_text import Edit, diff_edits

Replacement = Callable[[re.Match[str]], str | None]


def edits_from_matches(pattern: re.Pattern[str], text: str, replace: Replacement, kind: str, rule: str) -> list[Edit]:
    """One edit per match whose replacement differs from it; ``replace`` returns ``None`` to leave a match alone."""
    edits = []
    for match in pattern.finditer(text):
        after = replace(match)
        if after is not None and after != match.group():
            edits.append(Edit(match.start(), match.end(), after, kind, rule))
    return edits


def edits_from_distinct_matches(
    pattern: re.Pattern[str], text: str, replace: Callable[[str], str | None], kind: str, rule: str
) -> list[Edit]:
    """``edits_from_matches`` for a replacement that depends on the matched text alone.

    Words recur (Zipf), and most documents hold nothing to replace: each distinct
    match is judged once, from the matches ``findall`` returns without building a
    match object for each, and the text is walked match by match only when one of
    them changes. ``pattern`` must have no capturing group.
    """
    if pattern.groups:
        raise ValueError(f"{pattern.pattern!r} has capturing groups: findall would not return whole matches")
    changed = {}
    for found in set(pattern.findall(text)):
        after = replace(found)
        if after is not None and after != found:
            changed[found] = after
    if not changed:
        return []
    return edits_from_matches(pattern, text, lambda match: changed.get(match.group()), kind, rule)


def edits_per_line(text: str, transform: Callable[[str], str], kind: str, rule: str) -> list[Edit]:
    """Apply ``transform`` to each line (newline excluded) and diff only the lines it changed.

    Diffing line by line keeps the edits minimal and the cost linear: a whole-text
    diff would be quadratic on long documents.
    """
    edits = []
    offset = 0
    for line in text.split("\n"):
        changed = transform(line)
        if changed != line:
            edits.extend(
                Edit(edit.start + offset, edit.end + offset, edit.after, kind, rule)
                for edit in diff_edits(line, changed, kind, rule)
            )
        offset += len(line) + 1
    return edits
