"""Every repair, on any text: never raises, and a second run changes nothing."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.rules import CleaningContext, Phase, rules_in
from ingest.traced_text import TracedText

ALL_REPAIRS = rules_in(Phase.NEUTRAL_REPAIRS) + rules_in(Phase.LANGUAGE_REPAIRS) + rules_in(Phase.LAYOUT)

# Pieces that make the rules fire, mixed with arbitrary text so they also meet the unexpected.
PIECES = [
    "Su-", "35", "inter-", "national", "North-", "South", "postAmerican", "RussoIranian", "highlevel",
    "soon-to-besigned", "16™", "century", "1is", "Vvis", "of'its", "**bold**", "*it*", "### ", "# ",
    "the", "war", "Iran", "and", "Moscow", ".", ",", ":", "—", "--", "-", "•", "1.", "  ", " ", "\t",
    "\n", "\n\n", "\n\n\n", "\r\n", "\x0c", "\u00ad", "\u200b", "\u00a0", "â€™", "&amp;", "e\u0301",
    "中国", "Россия", "ایران", "Su35", "Su-35", "™", "'", "’",
]
WORDS = ["the", "war", "Iran", "and", "Moscow", "trade", "inter-", "national", "Su-", "35", "Looking", "Ahead",
         "ties.", "grew,", "Saudi", "Arabia", "•", "1.", "sanctions", "—", "中国和俄罗斯", "policy:"]
line = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join)
wrapped_documents = st.lists(
    st.one_of(line, line, line, st.just(""), st.just("\n")), min_size=6, max_size=40
).map("\n".join)
texts = st.one_of(
    wrapped_documents,
    st.text(),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=80).map("".join),
    st.lists(st.sampled_from(PIECES), min_size=20, max_size=200).map(" ".join),
)
languages = st.sampled_from(["en", "de", "ja", "unknown"])
PROPERTY_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _apply(rule, text: str, context: CleaningContext) -> str:
    traced = TracedText(text)
    traced.apply(rule(text, context))
    return traced.text


@pytest.mark.parametrize("rule", ALL_REPAIRS, ids=lambda rule: f"{rule.name}@{rule.order}")
@PROPERTY_SETTINGS
@given(text=texts, language=languages)
def test_each_repair_is_idempotent_and_never_raises(rule, text, language):
    context = CleaningContext(language=language)
    once = _apply(rule, text, context)
    assert rule(once, context) == [], f"second run of {rule.name} still edits {once!r}"


@PROPERTY_SETTINGS
@given(text=texts, language=languages)
def test_all_repairs_in_order_are_idempotent(text, language):
    context = CleaningContext(language=language)
    once = text
    for rule in ALL_REPAIRS:
        once = _apply(rule, once, context)
    twice = once
    for rule in ALL_REPAIRS:
        twice = _apply(rule, twice, context)
    assert twice == once


def test_layout_result_has_one_blank_line_between_paragraphs():
    text = "\n \nA\n\n\n\nB\nC  \n"
    out = text
    for rule in ALL_REPAIRS:
        out = _apply(rule, out, CleaningContext())
    assert out == "A\n\nB\n\nC"


def test_reflow_is_idempotent_after_a_run_of_hyphen_ended_lines():
    # Found by the properties above under `--hypothesis-profile explore`.
    text = "the\nthe the the the the\nLooking the the the the inter-\nthe\nIran the the the the the inter-\ninter-\nthe"
    rule = next(r for r in ALL_REPAIRS if r.name == "reflow_hard_wraps")
    once = _apply(rule, text, CleaningContext(language="en"))
    assert rule(once, CleaningContext(language="en")) == []
