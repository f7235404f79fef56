"""Shapes of text that repairs and boilerplate rules must agree on: list markers, leading numbers, URLs.

Re-flowing must not glue a list item to the line before it, and the boilerplate
rules compare lines with their list markers stripped, count bulleted entries,
and recognise a publisher's URL under the text: when each kept its own idea of
a bullet or a URL, a line could be a list item to one rule and prose to the next.
Each shape is defined here once.
"""

from __future__ import annotations

import re

# Characters that open a list item: ASCII marks, typographic bullets, arrows, and the dashes
# that plain-text lists use.
BULLET_MARKS = "-*+•·‣▪▫►▸◦●○■□–—→➤➔➢"
# A list marker and the space after it: a bullet (``bullet`` holds the last mark of a run
# such as "••"), a number ("1.", "2)", "(3)") or a letter in parentheses ("a)", "(b)").
# A letter with a period is not a marker: "p. 12" opens a wrapped line of a citation.
LIST_MARKER = re.compile(rf"^\s*(?:(?P<bullet>[{re.escape(BULLET_MARKS)}])+|\(?\d{{1,3}}[.)]|\(?[a-z]\))\s+")
# A number that opens a line: "5 things to know", "1,000 jobs cut", "2024 in review".
LEADING_NUMBER = re.compile(r"^\d[\d,.]*\s")
# A URL alone: with a scheme, "www.", or a bare host name with a top-level domain and a path.
URL = re.compile(r"^(?:https?://|www\.)\S{2,}$|^[\w-]{2,63}(?:\.[\w-]{1,63}){0,4}\.[a-z]{2,24}(?:/\S*)?$")
SCHEME_OR_WWW = ("http://", "https://", "www.")
# Scripts written without spaces between words: Han, kana, Thai, Lao, Khmer, Myanmar. Their
# punctuation sits between two letters ("言語「ABC」の"), and a word is not a whitespace token.
UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0eff\u1780-\u17ff\u1000-\u109f"


def is_url(token: str) -> bool:
    """Whether ``token`` is a URL alone: one with a scheme or "www.", or a host name whose last label is a top-level domain.

    A dotted name in code or a console command ("player.setav", "os.path",
    "config.yaml") has the shape of a bare host name; the public suffix list
    that the ``tld`` package ships (read offline) knows every real top-level domain.
    """
    if URL.match(token) is None:
        return False
    if token.startswith(SCHEME_OR_WWW):
        return True
    from tld import is_tld  # 60 ms of imports (urllib's HTTP client among them) that most documents never need

    host = token.split("/", 1)[0]
    return is_tld(host.rsplit(".", 1)[-1])


def bullet_mark(text: str) -> str:
    """The bullet mark that opens ``text`` ("•", "-", "*"), or "" when it opens with no bullet."""
    match = LIST_MARKER.match(text)
    return (match.group("bullet") or "") if match else ""
