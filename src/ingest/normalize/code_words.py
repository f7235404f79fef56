"""Where a text writes code rather than prose: a URL, a path, a command-line option, an identifier.

The spelling repairs (:mod:`ingest.normalize.spellings`, :mod:`ingest.normalize.lost_hyphens`)
judge a word by how prose spells it. A name in code is spelled by whoever wrote the
program: ``https://github.com/fonttools/fonttools.git``, ``--autosquash``,
``lru_cache(maxsize=128)``, ``git-rebase(1)`` must reach the reader as written, and
they are no evidence of how the text spells its words either. A run of characters
between spaces is code when it shows a mark prose does not put inside a word:

* a ``/`` or ``\\`` (a path, a URL, a man page's ``and/or`` alike), an ``_``, ``=``,
  ``@``, ``|``, ``<`` or ``>``, or a backtick (Markdown and reStructuredText inline code);
* a word followed by ``(``, ``[`` or ``{`` (a call, an index, a man page reference);
* a ``.`` or ``:`` between two word characters (``ttLib.beyond64k``, ``std::vector``);
* a leading ``-`` or ``--`` before a word (``--signoff``, ``-m``);

and inline code between backticks is code even where it holds spaces. Brackets and
quotes around a prose word (``(Su35)``, ``"high-level"``) are not such marks.
"""

from __future__ import annotations

import re
from functools import lru_cache

# The marks; the run of non-space characters around one is code. Each alternative opens with its
# character, so the scan skips plain prose fast; the marks are found first and widened to their
# run, as a pattern for the whole run would try every start inside a long one.
CODE_MARK = re.compile(r"[_=/\\@|<>`]|[(\[{](?<=\w.)|[.:](?<=\w.)(?=\w)|-(?<!\S-)(?=-?\w)")
SPACE = re.compile(r"\s")
# Inline code: ``literal`` (reStructuredText) or `code` (Markdown), on one line.
INLINE_CODE = re.compile(r"``[^`\n]+``|`[^`\n]+`")
# A batch's raw texts (``ingest.settings.DEFAULT_BATCH_SIZE``) are read for their spellings, then each
# for its own evidence: their prose (and, in ``ingest.normalize.spellings``, its token counts) is
# remembered between the two, up to a batch's worth of text; a longer text is read anew.
REMEMBERED_TEXTS = 64
MAX_REMEMBERED_TEXT_CHARS = 1_000_000


def prose_only(text: str) -> str:
    """``text`` with its code blanked out by spaces, so that offsets into it are offsets into ``text``.

    A pattern run over the result finds prose words only, at their places in ``text``.
    """
    return _remembered_prose(text) if len(text) <= MAX_REMEMBERED_TEXT_CHARS else _blank_code(text)


@lru_cache(maxsize=REMEMBERED_TEXTS)
def _remembered_prose(text: str) -> str:
    return _blank_code(text)


def _blank_code(text: str) -> str:
    text = INLINE_CODE.sub(_blank, text)
    pieces = []
    done = 0
    for mark in CODE_MARK.finditer(text):
        if mark.start() < done:
            continue  # inside the run already blanked
        start = mark.start()
        while start > done and not text[start - 1].isspace():
            start -= 1
        space = SPACE.search(text, mark.end())
        end = space.start() if space else len(text)
        pieces += [text[done:start], " " * (end - start)]
        done = end
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())
