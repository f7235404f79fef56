"""Repairs: text made well-formed and readable, without removing content.

``NEUTRAL_REPAIRS`` hold for any language; ``LANGUAGE_REPAIRS`` consult the
document's language and skip languages they have no word list for;
``LAYOUT_REPAIRS`` give the final paragraph layout. Each list runs in order, and
the order matters:

* line ends come first, so every later rule sees ``\n`` only;
* invisible characters go before ftfy (a zero-width space must not hide mojibake)
  and C1 controls after it (they are often the mojibake's own bytes);
* NFC runs on both sides of ftfy: ftfy recognises mojibake of composed letters
  and may itself restore decomposed ones;
* markup goes before spaces, since removing ``#`` marks leaves spaces to tidy;
* ordinals are judged after the other glyph repairs: ``16™ 1is`` has an ordinal
  only once the word after it is a lowercase word;
* split words are joined before lines are re-flowed (a re-flow would put a space
  after the hyphen); preferred spellings come before lost hyphens, so the
  corpus's own spelling wins over a dictionary guess.

``preferred_spellings`` learns the corpus's spellings from a batch of documents,
for ``CleaningContext.preferred_spellings``.
"""

from __future__ import annotations

from ingest.normalize.confusions import bar_for_capital_i, confused_glyphs
from ingest.normalize.encoding import fix_mojibake
from ingest.normalize.glyphs import apostrophe_between_words, doubled_initial, stray_digit, trademark_ordinal
from ingest.normalize.invisible import remove_invisible_characters, remove_stray_c1_controls
from ingest.normalize.layout import paragraph_layout
from ingest.normalize.lost_hyphens import restore_lost_hyphens
from ingest.normalize.lost_spaces import split_glued_function_words
from ingest.normalize.markup import drop_markdown_emphasis, plain_markdown_headings
from ingest.normalize.reflow import reflow_hard_wraps
from ingest.normalize.spaces_read_as_marks import (
    apostrophe_before_name,
    apostrophe_between_ordinary_words,
    full_stop_inside_sentence,
    hyphen_between_words,
    mark_between_words,
)
from ingest.normalize.spellings import apply_preferred_spellings, preferred_spellings
from ingest.normalize.split_words import join_split_words
from ingest.normalize.unicode_form import compose_nfc
from ingest.normalize.whitespace import normalize_line_endings, tidy_spaces
from ingest.rules import Rule

NEUTRAL_REPAIRS: list[Rule] = [
    normalize_line_endings,
    remove_invisible_characters,
    compose_nfc,
    fix_mojibake,
    remove_stray_c1_controls,
    compose_nfc,
    plain_markdown_headings,
    drop_markdown_emphasis,
    tidy_spaces,
]
LANGUAGE_REPAIRS: list[Rule] = [
    join_split_words,
    reflow_hard_wraps,
    stray_digit,
    doubled_initial,
    apostrophe_between_words,
    # glyph confusions first (the mark rules judge words, ``and-créated``), then spaces read as
    # marks or lost, before lost hyphens split what is left unknown
    confused_glyphs,
    bar_for_capital_i,
    apostrophe_before_name,
    apostrophe_between_ordinary_words,
    mark_between_words,
    hyphen_between_words,
    full_stop_inside_sentence,
    split_glued_function_words,
    trademark_ordinal,
    apply_preferred_spellings,
    restore_lost_hyphens,
]
LAYOUT_REPAIRS: list[Rule] = [paragraph_layout]

__all__ = ["LANGUAGE_REPAIRS", "LAYOUT_REPAIRS", "NEUTRAL_REPAIRS", "preferred_spellings"]
