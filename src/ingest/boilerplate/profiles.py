"""Fake author profiles and social-account cards: blocks of ``label: value`` lines.

Generated pages append profile cards (name, user name, e-mail, birth date,
address, phone, company, job, bio) and social sections (platform headings, url,
user name, bio, followers, following). They are recognised by structure: a run
of lines that are mostly ``label: value`` fields, whose values are shaped like
personal data (:mod:`ingest.boilerplate.pii_shapes`), whatever the order,
subset, label wording, bullet style or language. Labels from the multilingual
list only add weight; a run of fields with ordinary values (an article's "key
facts" list) is kept. The cards are dropped, not kept as metadata: their data
is fabricated.
"""

from __future__ import annotations

import re
from enum import Enum

from ingest.boilerplate.labels import label_set
from ingest.boilerplate.line_shapes import is_heading_like, line_key, word_count
from ingest.boilerplate.pii_shapes import is_personal_data
from ingest.boilerplate.text_lines import Line, Removal, line_removal, removal_edits, split_lines
from ingest.input_kinds import TEMPLATE_TEXT
from ingest.rules import REMOVAL, CleaningContext, Phase, rule
from ingest.text_shapes import LIST_MARKER
from ingest.traced_text import Edit

KIND = "profile"

# A card has at least this many fields; two fields could be an article's aside.
MIN_FIELDS = 3
# And at most this many: a person's card, social sections included, fits on a
# screen (the generator's largest has 33 fields). A run of hundreds of ``label:
# value`` lines is a list of records, a test log's ``PASS: name`` lines, however
# many of its values happen to look like personal data.
MAX_FIELDS = 40
# Values shaped like personal data needed on their own, or together with known labels.
MIN_PERSONAL_VALUES = 2
MIN_PERSONAL_VALUES_WITH_LABELS = 1
MIN_KNOWN_LABELS = 3
# Headings before the first field that go with the card ("About the author", "Socials").
MAX_LEADING_HEADINGS = 2
# A field line longer than this is prose that happens to contain a colon.
MAX_FIELD_CHARS = 600
MAX_LABEL_WORDS = 4
MAX_SHORT_WORDS = 3

# "Label: value", "Label - value" or "Label = value" (key-value cards).
FIELD = re.compile(r"^([^\W\d_][\w'’. /&-]{0,40}?)\s*(?:[:：]|\s[-–—=]\s)\s*(\S.*)$")
EMPTY_LABEL = re.compile(r"^([^\W\d_][\w'’. /&-]{0,40}?)\s*[:：]$")


class Shape(Enum):
    FIELD = "field"
    EMPTY_LABEL = "empty_label"
    SHORT = "short"
    BLANK = "blank"
    OTHER = "other"


@rule(phase=Phase.BLOCK_BOILERPLATE, order=10, effect=REMOVAL, kinds=KIND, inputs=TEMPLATE_TEXT)
def remove_fake_profiles(text: str, context: CleaningContext) -> list[Edit]:
    """Remove every run of profile-card lines with strong personal-data evidence."""
    lines = split_lines(text)
    shapes = [_shape(line) for line in lines]
    removals: list[Removal] = []
    for first, last in _card_runs(shapes):
        if _is_fake_profile(lines[first : last + 1], shapes[first : last + 1]):
            removals.extend(
                line_removal(line, KIND, "remove_fake_profiles")
                for line, shape in zip(lines[first : last + 1], shapes[first : last + 1])
                if shape is not Shape.BLANK
            )
    return removal_edits(text, removals)


def _shape(line: Line) -> Shape:
    stripped = line.stripped
    if not stripped:
        return Shape.BLANK
    if len(stripped) > MAX_FIELD_CHARS:
        return Shape.OTHER
    body = LIST_MARKER.sub("", stripped, count=1)
    empty = EMPTY_LABEL.match(body)
    if empty and word_count(empty.group(1)) <= MAX_LABEL_WORDS:
        return Shape.EMPTY_LABEL
    field = FIELD.match(body)
    if field and word_count(field.group(1)) <= MAX_LABEL_WORDS:
        return Shape.FIELD
    if word_count(body) <= MAX_SHORT_WORDS and is_heading_like(body):
        return Shape.SHORT
    return Shape.OTHER


def _card_runs(shapes: list[Shape]) -> list[tuple[int, int]]:
    """Maximal runs of card-like lines, trimmed to what can belong to a card.

    Blank lines do not break a run. A run keeps at most ``MAX_LEADING_HEADINGS``
    short lines before its first field, and no short line after its last field
    or label: a short line there is more likely the article's next heading.
    """
    runs = []
    index = 0
    while index < len(shapes):
        if shapes[index] is Shape.OTHER or shapes[index] is Shape.BLANK:
            index += 1
            continue
        end = index
        while end + 1 < len(shapes) and shapes[end + 1] is not Shape.OTHER:
            end += 1
        runs.append(_trim(shapes, index, end))
        index = end + 1
    return [run for run in runs if run is not None]


def _trim(shapes: list[Shape], first: int, last: int) -> tuple[int, int] | None:
    structural = [i for i in range(first, last + 1) if shapes[i] in (Shape.FIELD, Shape.EMPTY_LABEL)]
    if not structural:
        return None
    fields = [i for i in structural if shapes[i] is Shape.FIELD]
    if not fields:
        return None
    last = structural[-1]
    leading = [i for i in range(first, fields[0]) if shapes[i] is not Shape.BLANK]
    if len(leading) > MAX_LEADING_HEADINGS:
        first = leading[-MAX_LEADING_HEADINGS]
    return first, last


def _is_fake_profile(lines: list[Line], shapes: list[Shape]) -> bool:
    fields = [_field(line) for line, shape in zip(lines, shapes) if shape is Shape.FIELD]
    content_lines = sum(shape is not Shape.BLANK for shape in shapes)
    if not MIN_FIELDS <= len(fields) <= MAX_FIELDS or len(fields) * 2 < content_lines:
        return False
    known_labels = label_set("profile_fields")
    known = sum(line_key(label) in known_labels for label, _ in fields)
    personal = sum(is_personal_data(value) for _, value in fields)
    return personal >= MIN_PERSONAL_VALUES or (
        personal >= MIN_PERSONAL_VALUES_WITH_LABELS and known >= MIN_KNOWN_LABELS
    )


def _field(line: Line) -> tuple[str, str]:
    match = FIELD.match(LIST_MARKER.sub("", line.stripped, count=1))
    assert match is not None  # only called on lines shaped as fields
    return match.group(1), match.group(2)
