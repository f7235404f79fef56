"""Mojibake repair with ftfy: text decoded with the wrong codec, put right.

``Russiaâ€™s`` (UTF-8 read as Windows-1252) becomes ``Russia’s``. ftfy does the
hard part; this module only decides which of its fixes the corpus wants.

Decision on quotes and dashes: ftfy straightens curly quotes by default. An
analyst-facing corpus quotes its sources, so it keeps typographic quotes,
apostrophes and dashes exactly as the author wrote them (``uncurl_quotes=False``);
search and entity matching fold them where they need to, not here. Full-width
Latin letters are also left alone (``fix_character_width=False``): in Chinese
and Japanese text they are the author's typography, not a defect. Line breaks,
control characters and Unicode normalization are handled by their own rules
(``whitespace``, ``invisible``, ``unicode_form``) so each change is recorded
under the rule that explains it.
"""

from __future__ import annotations

import re

from ftfy import TextFixerConfig, fix_text
from ftfy.chardata import LIGATURES

from ingest.normalize.blocks import outside_code
from ingest.normalize.edits import edits_per_line
from ingest.input_kinds import EVERY_KIND
from ingest.rules import REPAIR, CleaningContext, Phase, rule
from ingest.traced_text import Edit

# Layers of escaping or mis-decoding peeled before giving up; real text has one or two.
MAX_FTFY_PASSES = 4

FTFY_CONFIG = TextFixerConfig(
    uncurl_quotes=False,
    fix_character_width=False,
    fix_line_breaks=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)


@rule(phase=Phase.NEUTRAL_REPAIRS, order=40, effect=REPAIR, kinds="encoding", inputs=EVERY_KIND)
def fix_mojibake(text: str, context: CleaningContext) -> list[Edit]:
    """Edits that undo mis-decoding (mojibake), ligatures and terminal escapes, line by line, outside fenced code
    (a Markdown file's example of mojibake is the example)."""
    if _nothing_for_ftfy(text):
        return []  # skip the per-line work
    return outside_code(edits_per_line(text, _fix_line, "encoding", "fix_mojibake"), text)


# What one of the fixes of ``FTFY_CONFIG`` must find before it changes anything: an HTML
# entity's ``&``, a terminal escape, a ligature, a lone surrogate, or a sequence ftfy's
# mojibake heuristic (``ftfy.badness.BADNESS_RE``, without which ``fix_encoding`` and
# ``fix_c1_controls`` leave a text alone) could call bad. Each of that heuristic's
# sequences holds two non-ASCII characters side by side, or a C1 control, ``Œ``/``œ``
# or ``Ã``/``Â`` (``tests/normalize/test_encoding.py`` checks its every alternative).
# Typographic quotes, dashes and accents stand one at a time between ASCII letters and
# spaces in most lines of Latin-script text: those lines need no call to ftfy.
FTFY_NEEDS = re.compile(
    "[^\x00-\x7f]{2}|[&\x1b\x80-\x9f\u0152\u0153\u00c2\u00c3\ud800-\udfff"
    + "".join(map(chr, LIGATURES))
    + "]"
)


def _nothing_for_ftfy(text: str) -> bool:
    """Nothing ftfy's fixes would change: no ``FTFY_NEEDS`` in the text (ASCII read with C-speed ``in``)."""
    if text.isascii():
        return "\x1b" not in text and "&" not in text
    return FTFY_NEEDS.search(text) is None


def _fix_line(line: str) -> str:
    """ftfy until nothing changes: one pass peels one layer of ``&amp;amp;`` escaping."""
    if _nothing_for_ftfy(line):
        return line
    for _ in range(MAX_FTFY_PASSES):
        fixed = fix_text(line, FTFY_CONFIG)
        if fixed == line:
            break
        line = fixed
    return line
