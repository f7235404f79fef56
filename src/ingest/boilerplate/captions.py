"""What is left of images that are gone: doubled captions and "see picture below" pointers.

Scrapes keep an image's alt text and its caption, which are usually the same
words, as two (or more) identical lines in a row. All copies are removed: the image they
describe is not in the text, so even one copy would describe nothing the reader
can see. Two equal lines separated by a blank line, and a line that comes
back elsewhere in the text, are left to the repeated-headline rule, which
keeps a heading that was printed twice.

A doubled line that is a sentence of prose is the article printed twice, not
a caption: only its second copy goes; so does a doubled entry of a list (a
name between other names, with no blank line around it), which is the list's
own item copied, not what an image left.

A parenthetical pointing at a picture, map or chart ("(see picture below)",
"(siehe Abbildung)", "(voir la carte)") is removed and its sentence kept; a
pointer at text ("(see below)") or a bare label ("(map)") stays.
"""

from __future__ import annotations

import re
from collections import Counter

from ingest.boilerplate.labels import label_alternation
from ingest.boilerplate.line_shapes import is_prose
from ingest.boilerplate.text_lines import Line, Removal, removal_edits, split_lines
from ingest.input_kinds import UNEXTRACTED_TEXT
from ingest.rules import REMOVAL, CleaningContext, Phase, rule
from ingest.traced_text import Edit

CAPTION = "caption"
IMAGE_POINTER = "image_pointer"
DUPLICATE = "duplicate_line"

# A caption is a phrase or a sentence or two; longer repeated lines are left alone.
MAX_CAPTION_WORDS = 40
# A caption's length in characters at most (its words, generously long).
MAX_CAPTION_CHARS = MAX_CAPTION_WORDS * 20
# A phrase repeated inside one line: "very very" or "New York, New York" are
# language, a three-word phrase printed again and again is a caption re-flowed.
MIN_PHRASE_WORDS = 3
MAX_COPIES_IN_LINE = 4
WORD = re.compile(r"\S+")

# A parenthesis or bracket whose content is a pointer to an image and nothing more: a "see"
# word, an article, an image word, a number, a place word (the words: ``boilerplate_labels.json``).
IMAGE_POINTER_PATTERN = re.compile(
    rf"[ \t]?[(\[]\s*(?:{label_alternation('image_pointer_see')})?\s*"
    rf"(?:(?:{label_alternation('image_pointer_articles')})\s+|l')?"
    rf"(?:{label_alternation('image_pointer_images')})(?:\s+\d{{1,3}}[a-z]?)?"
    rf"(?:\s+(?:{label_alternation('image_pointer_places')}))?\s*[)\]]",
    re.IGNORECASE,
)
SEE_WORD = re.compile(rf"\b(?:{label_alternation('image_pointer_see')})")
PLACE_WORD = re.compile(rf"\b(?:{label_alternation('image_pointer_places')})\b")


# A short parenthetical without nested brackets: the only places a pointer can be.
# Finding these first keeps the long pattern below off every other character.
PARENTHETICAL = re.compile(r"[(\[][^()\[\]\n]{1,60}[)\]]")


@rule(phase=Phase.PAGE_FURNITURE, order=20, effect=REMOVAL, kinds=(CAPTION, DUPLICATE), inputs=UNEXTRACTED_TEXT)
@rule(phase=Phase.BLOCK_BOILERPLATE, order=40, effect=REMOVAL, kinds=(CAPTION, DUPLICATE), inputs=UNEXTRACTED_TEXT)
def remove_doubled_captions(text: str, context: CleaningContext) -> list[Edit]:
    """Remove every copy of a short line printed two or more times in a row.

    Copies are compared with their spacing folded ("a  chart" is "a chart"). A
    line that is itself one phrase printed several times over is the same
    caption after re-flowing joined its copies into one line.
    """
    lines = split_lines(text)
    words = [tuple(line.text.split()) for line in lines]  # each line split once; a blank line has none
    copies = Counter(tokens for tokens in words if tokens)
    removals = []
    index = 0
    while index < len(lines):
        line = lines[index]
        run_end = index + 1
        while run_end < len(lines) and words[index] and words[index] == words[run_end]:
            run_end += 1
        # a line that comes back elsewhere is a repeated headline, left to that rule
        recurs = copies[words[index]] > run_end - index
        if run_end - index >= 2 and len(words[index]) <= MAX_CAPTION_WORDS and not recurs:
            in_list = _between_list_items(lines, index, run_end)
            removals.append(_copies_removal(line.text, line.start, lines[index + 1].start, lines[run_end - 1].end, in_list))
        elif words[index]:
            removals.extend(_repeated_phrase(line, words[index]))
        index = run_end
    return removal_edits(text, removals)


def _copies_removal(copy: str, start: int, second_start: int, end: int, in_list: bool = False) -> Removal:
    """Every copy goes; of a sentence of prose or a list's item printed again, only the repeats."""
    if in_list or is_prose(copy):
        return Removal(second_start, end, DUPLICATE, "remove_doubled_captions")
    return Removal(start, end, CAPTION, "remove_doubled_captions")


def _between_list_items(lines: list[Line], first: int, end: int) -> bool:
    """Whether the copies ``lines[first:end]`` stand between short lines, no blank line around: a list's items."""
    if first == 0 or end >= len(lines):
        return False
    before, after = lines[first - 1], lines[end]
    if before.is_blank or after.is_blank or is_prose(before.text) or is_prose(after.text):
        return False
    # neighbours that are doubled too are a gallery's captions, not a list's items
    return not (_doubled(lines, first - 2, first - 1) or _doubled(lines, end, end + 1))


def _doubled(lines: list[Line], one: int, other: int) -> bool:
    return 0 <= one and other < len(lines) and lines[one].text.split() == lines[other].text.split()


def _repeated_phrase(line: Line, tokens: tuple[str, ...]) -> list[Removal]:
    """A line whose words (``tokens``: the words WORD finds, without their positions) are one phrase
    of ``MIN_PHRASE_WORDS`` or more printed two or more times over."""
    # Longer lines are paragraphs: never look for copies in a paragraph of any size.
    if len(line.text) > MAX_COPIES_IN_LINE * MAX_CAPTION_CHARS:
        return []
    for copies in range(2, MAX_COPIES_IN_LINE + 1):
        size, rest = divmod(len(tokens), copies)
        if rest or not MIN_PHRASE_WORDS <= size <= MAX_CAPTION_WORDS:
            continue
        if tokens == tokens[:size] * copies:
            words = list(WORD.finditer(line.text))
            phrase = line.text[words[0].start() : words[size - 1].end()]
            return [_copies_removal(phrase, line.start, line.start + words[size].start(), line.end)]
    return []


@rule(phase=Phase.BLOCK_BOILERPLATE, order=70, effect=REMOVAL, kinds=IMAGE_POINTER, inputs=UNEXTRACTED_TEXT)
def remove_image_pointers(text: str, context: CleaningContext) -> list[Edit]:
    """Remove parentheticals that point at a picture; a pointer needs a "see" word or a place word."""
    removals = []
    for candidate in PARENTHETICAL.finditer(text):
        start = max(0, candidate.start() - 1)
        match = IMAGE_POINTER_PATTERN.fullmatch(text, start, candidate.end()) or IMAGE_POINTER_PATTERN.fullmatch(
            text, candidate.start(), candidate.end()
        )
        if match and _points(match.group()):
            removals.append(Removal(match.start(), match.end(), IMAGE_POINTER, "remove_image_pointers"))
    return removal_edits(text, removals)


def _points(parenthetical: str) -> bool:
    """"(map)" alone may be a label; "(see map)" and "(map below)" point."""
    folded = parenthetical.casefold()
    return bool(SEE_WORD.search(folded) or PLACE_WORD.search(folded))
