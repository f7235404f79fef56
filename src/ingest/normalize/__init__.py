"""Repairs: text made well-formed and readable, without removing content.

Each repair declares its phase and order with ``@rule`` (:mod:`ingest.rules`):
``Phase.NEUTRAL_REPAIRS`` hold for any language; ``Phase.LANGUAGE_REPAIRS``
consult the document's language and skip languages they have no word list for;
``Phase.LAYOUT`` gives the final paragraph layout. The order matters:

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

from ingest.normalize.spellings import preferred_spellings

__all__ = ["preferred_spellings"]
