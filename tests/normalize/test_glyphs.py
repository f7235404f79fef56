import pytest

from ingest.normalize.glyphs import apostrophe_between_words, doubled_initial, stray_digit, trademark_ordinal

REPAIRED = [
    (trademark_ordinal, "the late 16™ century, the 20™ anniversary", "the late 16th century, the 20th anniversary"),
    (stray_digit, "its influence 1is still unmatched", "its influence is still unmatched"),
    (doubled_initial, "traditional powers Vvis a vis trade", "traditional powers vis a vis trade"),
    (doubled_initial, "It ended. Sstrategic ties grew", "It ended. Strategic ties grew"),
    (apostrophe_between_words, "to break out of'its own isolation", "to break out of its own isolation"),
    (apostrophe_between_words, "out of’its own", "out of its own"),
    # Glued forms that OCR'd text made rare but not unknown, hiding the commonest words.
    (stray_digit, "most 1of them went 1to sea 1and back", "most of them went to sea and back"),
    (doubled_initial, "fish Aand chips, and Tthey left", "fish and chips, and they left"),
    (doubled_initial, "so Ffar it paid Ooff", "so far it paid off"),
    (
        apostrophe_between_words,
        "the cost of'fuel rose for'partly unclear reasons",
        "the cost of fuel rose for partly unclear reasons",
    ),
    (apostrophe_between_words, "sold to'suppliers for'smartphones", "sold to suppliers for smartphones"),
    (apostrophe_between_words, "came with'a plan to'do it", "came with a plan to do it"),
]

LEFT_ALONE = [
    # 21 takes "st", not "th"; a capital after the sign is a product name.
    (trademark_ordinal, "the 21™ century, Windows 10™ Pro, Brand™ goods", "en"),
    (trademark_ordinal, "le 16™ siècle", "fr"),  # ordinals are judged in English only
    (stray_digit, "at 5am on the 1st, a 2in pipe, 1in tube, 3rd time, 4th floor, v2.1is, 10km, 0iS, 4x4, 3pm", "en"),
    (doubled_initial, "Lloyd and Aaron met Llewellyn; Ooh, Eerie. VvB, Wwe, Eel, Aam, Aas", "en"),
    (apostrophe_between_words, "don't we're ma'am o'clock nor'easter Iran's rock'n'roll O'Brien y'all", "en"),
    (apostrophe_between_words, "of'xyzzy to'ing to'ings nor'clocks", "en"),
    # Contractions and possessives: their short right sides are never the commonest words.
    (apostrophe_between_words, "it's today's we'd they're he'll could've can't", "en"),
    (apostrophe_between_words, "let's one's there's how'd who're", "en"),  # the right side is no ordinary word
    (apostrophe_between_words, "dell'anno quell'uomo", "it"),  # elision is correct outside English
]


@pytest.mark.parametrize(("rule", "text", "expected"), REPAIRED)
def test_glyph_errors_are_repaired(repair, rule, text, expected):
    assert repair(rule, text) == expected


@pytest.mark.parametrize(("rule", "text", "language"), LEFT_ALONE)
def test_near_misses_are_left_alone(repair, rule, text, language):
    assert repair(rule, text, language=language) == text


@pytest.mark.parametrize("rule", [stray_digit, doubled_initial])
def test_nothing_is_judged_without_a_word_list(repair, rule):
    assert repair(rule, "influence 1is Vvis", language="unknown") == "influence 1is Vvis"
