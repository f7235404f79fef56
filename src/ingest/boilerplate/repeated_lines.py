"""Repeated headlines: a short line printed again and again, or one the whole corpus prints.

Scraped pages repeat widget headlines ("latest news" tickers, trending lists)
many times, and many documents of one site share them. A line is judged by the
role of each copy: a copy directly followed by a paragraph of prose heads a
section and is a real heading; the other copies are furniture. So:

* when some copy heads a section, it is kept and every copy that heads nothing
  is removed (a title printed twice keeps one copy), unless the line occurs
  ``MIN_REPEATS`` times or more and only a minority of its copies head prose,
  or each heading copy only closes a run of copies below the text's first line:
  a widget printed again and again happens to stand before prose, and every
  copy goes (a run that opens the text may be its title, printed as page
  title, header and heading, and keeps one copy); a heading that heads prose at
  most of its copies (an interview's question to each guest) stays;
* when no copy heads anything and the line occurs ``MIN_REPEATS`` times or more,
  every copy is removed;
* a line in ``context.common_lines`` (seen in many documents) is removed
  wherever it heads nothing, even once: "Conclusion" heading a paragraph stays;
* a line that takes turns with another repeated line and a value printed once
  (a forum's poster names and date lines, a table's cells between its
  countries, a listing's labels), between at least half of its copies, is a
  field of repeated records, and stays, even where a copy stands before a
  paragraph (one entry's note under its field is no section).

Two copies that head nothing are kept: a pull quote repeats once, and keeping a
line of boilerplate is cheaper than losing one of the article.

Not on HTML pages: their extractor has already dropped the widgets around the
article, and the lines it kept that repeat are the article's own (a table's
header row above each of its tables, an embedded post's attribution under
each post, a listing's "Season:" field). Left out on HTML, the first dev set's
tuning half rose by 0.0003 (two such pages) and web-pages-extra's stayed
level (one such page better, one page's "back to top" lines kept);
``bench/html_rule_ablation.py``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass

from ingest.boilerplate.line_shapes import is_heading_like, is_prose, line_key
from ingest.boilerplate.text_lines import (
    Line,
    Removal,
    line_removal,
    next_content,
    previous_content,
    removal_edits,
    split_lines,
)
from ingest.input_kinds import TEMPLATE_TEXT
from ingest.rules import REMOVAL, CleaningContext, Phase, rule
from ingest.traced_text import Edit

KIND = "repeated_headline"

# Copies of one line, none heading a section, from which the line is furniture.
# Two could be a pull quote repeating a sentence of the article.
MIN_REPEATS = 3
# A line is a field of records when its copies take turns with the records' other
# lines in at least this share of the gaps between them: a table's "No" can follow
# itself when two rows in turn hold it. Chosen on the tuning half (gold bodies as
# text, ``bench/content_loss.py``: words lost to this rule 421 -> 258, a third
# gave about the same; page text F1 unchanged on both dev sets; the generator's
# interleaved widget headlines all still go, since no line printed once stands
# between their copies).
MIN_TURNS_SHARE = 0.5


@rule(phase=Phase.BLOCK_BOILERPLATE, order=50, effect=REMOVAL, kinds=KIND, inputs=TEMPLATE_TEXT)
def remove_repeated_headlines(text: str, context: CleaningContext) -> list[Edit]:
    """Remove copies of repeated or corpus-common heading-like lines that head no section."""
    lines = split_lines(text)
    copies: dict[str, list[int]] = defaultdict(list)
    for index, line in enumerate(lines):
        if not line.is_blank and _is_headline_shaped(line.text):
            copies[line_key(line.text)].append(index)
    removals: list[Removal] = []
    fields: _Fields | None = None  # read once, and only when a line may be a field
    for key, indexes in copies.items():
        if not key:
            continue
        heads = {i for i in indexes if _heads_section(lines, i, key)}
        idle = [i for i in indexes if i not in heads]
        if heads and len(indexes) >= MIN_REPEATS and (_by_chance(lines, heads, indexes, key) or all(_closes_run(lines, i, key) for i in heads)):
            idle = indexes  # a widget's copies that stand before prose by chance: every copy goes
        elif not (heads and len(indexes) > 1 or len(indexes) >= MIN_REPEATS or key in context.common_lines):
            continue
        if key not in context.common_lines:
            fields = fields or _Fields.of(lines, copies)
            if fields.take_turns(indexes):
                continue
        removals.extend(line_removal(lines[i], KIND, "remove_repeated_headlines") for i in idle)
    return removal_edits(text, removals)


@dataclass(frozen=True)
class _Fields:
    """Where a text's repeated lines and its short lines printed once stand: what records are made of.

    A forum's poster names between its date lines, a listing's labels: each
    record prints the same lines in turn, so other repeated lines stand between
    every two copies of one. A table's "Yes" and "No" can follow themselves when
    two rows in turn hold the same answer, but its rows also print a value of
    their own (a country) between copies: with both between at least half of the
    copies, the line is a field. A widget's headline repeats on its own among the
    text, or among other widgets' headlines.
    """

    repeated: list[int]  # lines whose key is printed MIN_REPEATS times or more
    own_values: list[int]  # short lines printed once: a record's own value (a name, a place)

    @classmethod
    def of(cls, lines: list[Line], copies: dict[str, list[int]]) -> _Fields:
        repeated = sorted(i for places in copies.values() if len(places) >= MIN_REPEATS for i in places)
        own_values = [
            i
            for i, line in enumerate(lines)
            if not line.is_blank and not is_prose(line.text) and len(copies.get(line_key(line.text), ())) < 2
        ]
        return cls(repeated, own_values)

    def take_turns(self, copies: list[int]) -> bool:
        """Whether a line's copies (in text order) are a field of repeated records, not a widget.

        No copy of the line stands between two consecutive ones, so the repeated
        lines between them are always other lines'.
        """
        gaps = [(a, b) for a, b in zip(copies, copies[1:]) if _any_between(self.repeated, a, b)]
        if len(gaps) == len(copies) - 1:
            return True  # every record prints it: other fields between all its copies
        with_values = sum(_any_between(self.own_values, a, b) for a, b in gaps)
        return with_values >= MIN_TURNS_SHARE * (len(copies) - 1)


def _any_between(places: list[int], after: int, before: int) -> bool:
    """Whether the sorted ``places`` hold one strictly between ``after`` and ``before``."""
    return bisect_right(places, after) < bisect_left(places, before)


def _is_headline_shaped(text: str) -> bool:
    """Heading-like, whatever the case of its first letter ("the Commission report: ..."): a repeated
    line is judged by its copies, and a lower-case fragment of wrapped text does not repeat."""
    stripped = text.strip()
    return is_heading_like(stripped[:1].upper() + stripped[1:])


def _heads_section(lines: list[Line], index: int, key: str) -> bool:
    """True when the next non-blank line is prose and not another copy of the same line."""
    following = next_content(lines, index)
    if following is None:
        return False
    text = lines[following].text
    return line_key(text) != key and is_prose(text)


def _by_chance(lines: list[Line], heads: set[int], indexes: list[int], key: str) -> bool:
    """Whether the copies that head prose are a minority: a widget that happens to stand before a paragraph.

    A heading the text uses again and again (an interview's question to each
    guest, "Ingredients" over each recipe) heads prose at most of its copies;
    a title repeated in the run of copies that opens the text is a title.
    """
    return len(heads) * 2 < len(indexes) and not any(_run_start(lines, i, key) == _first_content(lines) for i in heads)


def _run_start(lines: list[Line], index: int, key: str) -> int:
    """The first copy of the run of copies that ends at ``index`` (blank lines skipped)."""
    while (previous := previous_content(lines, index)) is not None and line_key(lines[previous].text) == key:
        index = previous
    return index


def _closes_run(lines: list[Line], index: int, key: str) -> bool:
    """True when the line before this copy (blank lines skipped) is another copy, and the run does not open the text."""
    start = _run_start(lines, index, key)
    return start != index and start != _first_content(lines)


def _first_content(lines: list[Line]) -> int | None:
    return next((i for i, line in enumerate(lines) if not line.is_blank), None)
