"""The shape every cleaning rule shares.

A rule reads the current text and proposes edits; it never mutates anything. The
cleaning pipeline applies the edits to a ``TracedText``, which keeps each one in
the coordinates of the raw text with the rule's name as its reason.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ingest.traced_text import Change, Edit


@dataclass(frozen=True)
class CleaningContext:
    """What a rule may know beyond the text itself.

    ``language`` is an ISO 639-1 code or ``"unknown"``: rules that decide with a
    dictionary use it, and do nothing for languages they have no word list for.
    ``preferred_spellings`` maps a broken variant (``"Su35"``) to the spelling the
    corpus uses elsewhere (``"Su-35"``). ``common_lines`` holds normalized lines
    seen in many documents of the corpus: strong evidence of boilerplate.
    """

    language: str = "en"
    preferred_spellings: Mapping[str, str] = field(default_factory=dict)
    common_lines: frozenset[str] = frozenset()


Rule = Callable[[str, CleaningContext], list[Edit]]


# Kinds of change that repair the text: they are ``edits`` rows even when they only
# delete characters (a hyphen at a line end, markup, spaces). Every other kind that
# deletes content is a removal, a ``removed_spans`` row.
REPAIR_KINDS = frozenset(
    {"encoding", "unicode", "whitespace", "layout", "markup", "reflow", "hyphenation", "glyph", "spelling"}
)


def is_removal(change: Change) -> bool:
    """Whether a change removed content (boilerplate) rather than repairing the text."""
    return change.after == "" and change.kind not in REPAIR_KINDS
