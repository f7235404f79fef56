from ingest.normalize.glyphs import apostrophe_between_words, doubled_initial, stray_digit, trademark_ordinal


def test_trademark_after_a_number_is_an_ordinal(repair):
    assert repair(trademark_ordinal, "the late 16™ century and the 20™ anniversary") == (
        "the late 16th century and the 20th anniversary"
    )


def test_trademark_that_is_a_trademark_stays(repair):
    # 21 takes "st", not "th"; a capital after it is a product name; only English is judged.
    text = "the 21™ century, Windows 10™ Pro, Brand™ goods"
    assert repair(trademark_ordinal, text) == text
    assert repair(trademark_ordinal, "le 16™ siècle", language="fr") == "le 16™ siècle"


def test_stray_digit_glued_to_a_common_word_goes(repair):
    assert repair(stray_digit, "its influence 1is still unmatched") == "its influence is still unmatched"


def test_numbers_with_units_and_ordinals_stay(repair):
    text = "at 5am on the 1st, a 2in pipe, 3rd time, 4th floor, v2.1is, 10km"
    assert repair(stray_digit, text) == text


def test_doubled_initial_is_undone(repair):
    assert repair(doubled_initial, "traditional powers Vvis a vis trade") == "traditional powers vis a vis trade"
    assert repair(doubled_initial, "It ended. Sstrategic ties grew") == "It ended. Strategic ties grew"


def test_real_words_and_names_with_a_doubled_initial_stay(repair):
    text = "Lloyd and Aaron met Llewellyn; Ooh, Eerie."
    assert repair(doubled_initial, text) == text


def test_apostrophe_between_two_common_words_becomes_a_space(repair):
    assert repair(apostrophe_between_words, "to break out of'its own isolation") == "to break out of its own isolation"
    assert repair(apostrophe_between_words, "out of’its own") == "out of its own"


def test_contractions_possessives_and_elision_stay(repair):
    text = "don't we're ma'am o'clock nor'easter Iran's rock'n'roll"
    assert repair(apostrophe_between_words, text) == text
    assert repair(apostrophe_between_words, "dell'anno quell'uomo", language="it") == "dell'anno quell'uomo"
