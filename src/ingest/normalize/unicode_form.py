"""Unicode normalization to NFC, so equal-looking text is equal.

A decomposed ``e`` + combining acute and the precomposed ``é`` look the same but
compare, hash and search differently; NFC picks the composed form. NFKC is not
used: it would rewrite ligatures, superscripts and full-width forms that carry
meaning in some scripts.
"""

from __future__ import annotations

import unicodedata

from ingest.normalize.edits import edits_per_line
from ingest.input_kinds import EVERY_KIND
from ingest.rules import REPAIR, CleaningContext, Phase, rule
from ingest.traced_text import Edit


@rule(phase=Phase.NEUTRAL_REPAIRS, order=30, effect=REPAIR, kinds="unicode", inputs=EVERY_KIND)
@rule(phase=Phase.NEUTRAL_REPAIRS, order=60, effect=REPAIR, kinds="unicode", inputs=EVERY_KIND)
def compose_nfc(text: str, context: CleaningContext) -> list[Edit]:
    """Edits that bring each line to NFC; none when the text already is."""
    if unicodedata.is_normalized("NFC", text):
        return []
    return edits_per_line(text, _nfc, "unicode", "compose_nfc")


def _nfc(line: str) -> str:
    return unicodedata.normalize("NFC", line)
