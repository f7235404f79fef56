"""The needle test before a call-to-action regex rules out only texts the regex finds nothing in."""

import re

import pytest

from ingest.boilerplate.labels import call_to_action_pattern
from ingest.boilerplate.needles import ascii_needles

KINDS = ("call_to_action", "share_cookie", "reader_question", "button_chrome", "site_voice")
LINES = [
    "Subscribe to our newsletter for more.",
    "SUBSCRIBE TO OUR NEWSLETTER",
    "ſubscribe to our newsletter",  # IGNORECASE matches the long s with s; str.lower does not
    "We'd love to hear your thoughts in the comments below!",
    "Wed love to hear what you think, let us know below",
    "We use cookies to improve your experience. Accept all cookies",
    "Share this article on Facebook",
    "Click to share on X (Opens in new window)",
    "Don't miss a story: get it delivered straight to your inbox",
    "Hinterlassen Sie uns einen Kommentar",
    "Laissez un commentaire ci-dessous",
    "Déjanos un comentario",
    "Оставьте комментарий ниже",
    "The council will leave the matter to the committee.",
    "A line about nothing in particular",
    "",
]


@pytest.mark.parametrize("kind", KINDS)
def test_the_test_never_hides_a_match(kind):
    pattern = call_to_action_pattern(kind)
    for line in LINES:
        found, expected = pattern.search(line), pattern.regex.search(line)
        assert (found and found.span()) == (expected and expected.span()), line
        assert pattern.sub(" ", line) == pattern.regex.sub(" ", line)


def test_the_calls_have_needles():
    assert call_to_action_pattern("call_to_action").needles
    assert "subscribe" in call_to_action_pattern("call_to_action").needles


@pytest.mark.parametrize(
    ("patterns", "needles"),
    [
        ([r"\bsubscribe\s+now\b"], ("subscribe",)),
        ([r"\b(?:leave|drop)\s+a\s+comment\b"], ("comment",)),  # the longest run
        ([r"\bwe'?d love\b"], ("d love",)),  # an optional apostrophe ends a run
        ([r"\b(?:share|tell)\b", r"\bab+c"], ("ab", "share", "tell")),
        ([r"\bcafé au lait"], ()),  # é matches no ASCII character: never a match in ASCII text
        ([r"\bоставьте\b"], ()),
        ([r"[ab]c"], ("c",)),
        ([r"[ab]\s*"], None),  # no literal every match holds
        ([r"(?:x|y)?"], None),
        ([r"\x41bc"], None),  # escapes by code are not read
        ([r"(?x) a b"], None),
    ],
)
def test_needles_read_from_patterns(patterns, needles):
    assert ascii_needles(patterns) == needles


def test_long_s_cuts_a_run_rather_than_ending_it():
    # ſ matches s ignoring case, so a run through it is cut, not dropped: the rest still counts
    assert ascii_needles(["ſhare this"]) == ("hare this",)
    assert re.search("ſhare this", "share this", re.IGNORECASE)
