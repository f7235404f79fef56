from ingest.boilerplate.captions import remove_doubled_captions, remove_image_pointers

PROSE = "The corridor would link Azerbaijan to its exclave through Armenian territory, officials said."


def test_both_copies_of_a_doubled_caption_are_removed(run_rule):
    text = f"{PROSE}\n\nMap of the corridor\nMap of the corridor\nThe port of Bandar Abbas\nThe port of Bandar Abbas\n\n{PROSE}"
    assert run_rule(remove_doubled_captions, text) == f"{PROSE}\n\n{PROSE}"


def test_doubled_prose_sentence_keeps_one_copy(run_rule):
    sentence = "Officials said the first trains would run in the spring of next year."
    text = f"{sentence}\n{sentence}\n\n{PROSE}"
    assert run_rule(remove_doubled_captions, text) == f"{sentence}\n{PROSE}"


def test_equal_lines_apart_are_not_captions(run_rule):
    text = "Map of the corridor\n\nMap of the corridor"
    assert run_rule(remove_doubled_captions, text) == text


def test_image_pointers_are_removed_and_the_sentence_kept(run_rule):
    assert run_rule(remove_image_pointers, "It runs along the border (see picture below).") == "It runs along the border."
    assert run_rule(remove_image_pointers, "Die Route (siehe Abbildung) ist umstritten.") == "Die Route ist umstritten."
    assert run_rule(remove_image_pointers, "Le tracé [voir la carte ci-dessous] inquiète.") == "Le tracé inquiète."


def test_parentheticals_that_are_not_image_pointers_are_kept(run_rule):
    text = "The rules (see below) apply to maps (map) and to the Sea (see Article 3)."
    assert run_rule(remove_image_pointers, text) == text


def test_caption_printed_three_times_with_uneven_spacing_goes_whole(run_rule):
    caption = "The harbour seen from the south in June 1999 (Photo: AP)"
    text = f"{PROSE}\n{caption}\n{caption.replace(' seen', '  seen')}\n {caption}\n\n{PROSE}"
    assert run_rule(remove_doubled_captions, text) == f"{PROSE}\n{PROSE}"


def test_caption_copies_joined_into_one_line_by_reflowing_go(run_rule):
    caption = "Workers near the border crossing outside Bordeaux | Image: dpa"
    text = f"{PROSE}\n\n{caption} {caption}\n\n{PROSE}"
    assert run_rule(remove_doubled_captions, text) == f"{PROSE}\n\n{PROSE}"


def test_sentence_printed_twice_in_one_line_keeps_its_first_copy(run_rule):
    sentence = "Officials said the first trains would run in the spring of next year."
    assert run_rule(remove_doubled_captions, f"{sentence} {sentence}") == sentence


def test_short_repeated_words_inside_a_line_are_language(run_rule):
    text = "New York, New York\n\nThey chanted: no more, no more, no more.\n\nHa ha"
    assert run_rule(remove_doubled_captions, text) == text


def test_a_doubled_line_that_comes_back_elsewhere_is_left_to_the_headline_rule(run_rule):
    ticker = "Markets rally as central bank holds rates"
    text = f"{ticker}\n{ticker}\n{PROSE}\n{ticker}"
    assert run_rule(remove_doubled_captions, text) == text


def test_pictured_below_points_at_a_picture(run_rule):
    text = "The prices rose (pictured below) sharply. The minister (pictured) spoke."
    assert run_rule(remove_image_pointers, text) == "The prices rose sharply. The minister (pictured) spoke."


def test_a_list_entry_printed_twice_keeps_one_copy(run_rule):
    names = "Contributors:\nAnna Berg (@aberg)\nCarlos Diaz (@cdiaz)\nCarlos Diaz (@cdiaz)\nDana Evans (@devans)\n"
    assert run_rule(remove_doubled_captions, names) == names.replace("Carlos Diaz (@cdiaz)\n", "", 1)


def test_a_gallerys_doubled_captions_all_go(run_rule):
    gallery = "".join(f"{caption}\n{caption}\n" for caption in ("The old harbour", "The new quay", "The ferry terminal"))
    assert run_rule(remove_doubled_captions, f"{PROSE}\n\n{gallery}\n{PROSE}") == f"{PROSE}\n\n{PROSE}"
