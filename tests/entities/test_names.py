from ingest.entities.names import clean_name, name_key, trim_span


def trimmed(text: str, label: str = "ORG") -> str:
    start, end = trim_span(text, 0, len(text), label)
    return text[start:end]


def test_leading_determiner_and_quotes_are_not_part_of_the_name():
    assert trimmed('the "Quds Force') == "Quds Force"
    assert trimmed("The Kremlin") == "Kremlin"


def test_a_name_that_is_only_a_determiner_keeps_it():
    assert trimmed("The") == "The"


def test_possessives_are_dropped():
    assert trimmed("Iran’s", "GPE") == "Iran"
    assert trimmed("Abu Dhabi's", "GPE") == "Abu Dhabi"
    assert trimmed("the Houthis'") == "Houthis"


def test_an_s_ending_name_without_apostrophe_keeps_its_s():
    assert trimmed("Houthis") == "Houthis"
    assert trimmed("BRICS") == "BRICS"


def test_abbreviation_dots_are_kept():
    assert trimmed("U.S.", "GPE") == "U.S."


def test_titles_before_a_person_are_dropped():
    assert trimmed("Russian President Vladimir Putin", "PERSON") == "Vladimir Putin"
    assert trimmed("President Putin", "PERSON") == "Putin"
    assert trimmed("Secretary of State Antony Blinken", "PERSON") == "Antony Blinken"
    assert trimmed("IRGC Rear Admiral Ali-Akbar Ahmadian", "PERSON") == "Ali-Akbar Ahmadian"


def test_a_title_word_that_is_the_surname_stays():
    assert trimmed("John Major", "PERSON") == "John Major"
    assert trimmed("Prime Minister John Major", "PERSON") == "John Major"


def test_titles_are_only_stripped_from_people():
    assert trimmed("General Assembly", "ORG") == "General Assembly"
    assert trimmed("President Hotel", "FAC") == "President Hotel"


def test_trimmed_span_lies_inside_the_original_span():
    text = 'He said "the UN\'s" role'
    start, end = trim_span(text, 8, 18, "ORG")
    assert (start, end) == (13, 15)
    assert text[start:end] == "UN"


def test_keys_fold_spelling_variants_together():
    assert name_key("U.S.") == name_key("US") == "us"
    assert name_key("Su35") == name_key("Su-35") == name_key("Su 35")
    assert name_key("Erdoğan") == name_key("Erdogan")


def test_keys_keep_different_names_apart():
    assert name_key("Su-35") != name_key("Su-57")
    assert name_key("Iran") != name_key("Iraq")


def test_clean_name_folds_line_breaks():
    assert clean_name("Saudi\n\nArabia") == "Saudi Arabia"
