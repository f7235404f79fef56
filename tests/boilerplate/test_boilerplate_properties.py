"""Properties of all boilerplate rules together: never raise, idempotent, fast on huge input."""

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.boilerplate import find_author, find_title
from ingest.clean import phase_rules
from ingest.input_kinds import InputKind
from ingest.rules import CleaningContext, Phase
from ingest.traced_text import TracedText

BOILERPLATE_PHASES = (Phase.SAVED_PAGE, Phase.PAGE_FURNITURE, Phase.BLOCK_BOILERPLATE)
RULES = {kind: sum((phase_rules(phase, kind) for phase in BOILERPLATE_PHASES), ()) for kind in InputKind}
kinds = st.sampled_from(sorted(InputKind))

# Lines that look like boilerplate and article text, so that generated documents
# exercise the rules instead of only random noise.
PIECES = [
    "Related posts",
    "Table of Contents",
    "  • Email : a.b@example.com",
    "  • Phone : +1-228-694-5539",
    "  • Bio : Porro sed earum esse laudantium. Rerum debitis ut similique natus.",
    "linkedin:",
    "Headline That Repeats",
    "A teaser that trails off ...",
    "www.example.org",
    "12",
    "Sl S tdindl 35 0",
    "Leave a comment below.",
    "The treaty was signed in Moscow after two years of talks, and officials said trade would grow (see picture below).",
    "Caption of a picture",
    "By Anna Petrova",
    "Anna Petrova is a professor of history at the University of Tartu.",
    "",
]

documents = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=60)), max_size=30).map("\n".join)


def clean(text: str, kind: InputKind) -> str:
    traced = TracedText(text)
    for rule in RULES[kind]:
        traced.apply(rule(traced.text, CleaningContext(input_kind=kind)))
    return traced.text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(), kinds)
def test_rules_never_raise_on_arbitrary_unicode(text, kind):
    clean(text, kind)
    find_author(text)
    find_title(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, kinds)
def test_rules_are_idempotent(text, kind):
    once = clean(text, kind)
    assert clean(once, kind).strip() == once.strip()


@settings(max_examples=100, deadline=None)
@given(documents)
def test_author_span_lies_inside_the_text(text):
    found = find_author(text)
    if found is not None:
        assert 0 <= found.start <= found.end <= len(text)
        assert found.name in text


def test_huge_single_line_is_handled_in_linear_time():
    huge = ("word (see " * 200_000) + "x" * 2_000_000 + ("....... " * 200_000)
    started = time.perf_counter()
    for kind in (InputKind.PAGE_TEXT, InputKind.OCR):
        clean(huge, kind)
    find_author(huge)
    find_title(huge)
    assert time.perf_counter() - started < 20
