"""All repairs in the pipeline's order, on a damaged scanned page that is not one of the seeds."""

from dataclasses import replace

from ingest.input_kinds import InputKind
from ingest.rules import CleaningContext, Phase, rules_in
from ingest.traced_text import TracedText, render

DAMAGED = (
    "  ## China’s Northern Neighbour\r\n"
    "\r\n"
    "Beijingâ€™s  ties with Moscow have grown since the\r\n"
    " 19™ party congress, when the SinoRussian\r\n"
    "partnership was declared to have no limits. The\r\n"
    "shortterm gains are clear: Russia sells Mi-\r\n"
    "28 helicopters and energy, and the two run joint\r\n"
    "patrols in the Pacific. Yet the inter-\r\n"
    "national response has been muted, and the\r\n"
    "Kremlin 1is wary of becoming a junior part-\r\n"
    "ner in a postWestern order of'its neighbour’s\r\n"
    "\r\n"
    "making.\u200b Analysts expect the Mi28 deal to grow.\r\n"
)

OCR_TEXT = CleaningContext(language="en", input_kind=InputKind.OCR, hyphens_lost=True)


def _clean(text: str, context: CleaningContext) -> TracedText:
    """The repairs alone, on a page known to be OCR output (``clean_text`` decides that from the raw text)."""
    traced = TracedText(text)
    kind = context.input_kind
    for rule in rules_in(Phase.NEUTRAL_REPAIRS, kind) + rules_in(Phase.LANGUAGE_REPAIRS, kind) + rules_in(Phase.LAYOUT, kind):
        traced.apply(rule(traced.text, context))
    return traced


def test_a_damaged_page_reads_as_clean_prose():
    traced = _clean(DAMAGED, OCR_TEXT)
    assert traced.text == (
        "China’s Northern Neighbour\n\n"
        "Beijing’s ties with Moscow have grown since the 19th party congress, when the Sino-Russian"
        " partnership was declared to have no limits. The short-term gains are clear: Russia sells Mi-28"
        " helicopters and energy, and the two run joint patrols in the Pacific. Yet the international"
        " response has been muted, and the Kremlin is wary of becoming a junior partner in a post-Western"
        " order of its neighbour’s making. Analysts expect the Mi-28 deal to grow."
    )


def test_every_change_is_recorded_against_the_raw_text():
    traced = _clean(DAMAGED, OCR_TEXT)
    assert render(DAMAGED, traced.changes) == traced.text
    # A change that rewrites an earlier one carries both kinds, joined by "+".
    kinds = {kind for change in traced.changes for kind in change.kind.split("+")}
    assert {"encoding", "unicode", "whitespace", "markup", "reflow", "hyphenation", "glyph", "spelling"} <= kinds


def test_without_a_word_list_only_neutral_and_layout_repairs_change_words():
    traced = _clean(DAMAGED, replace(OCR_TEXT, language="unknown"))
    assert "SinoRussian" in traced.text and "shortterm" in traced.text and "1is" in traced.text
    assert "inter-national" in traced.text  # joined, the hyphen kept: no evidence to drop it
    assert "Beijing’s ties" in traced.text
