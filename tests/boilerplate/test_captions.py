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
