from ingest.boilerplate.related_posts import remove_related_posts
from ingest.boilerplate.table_of_contents import remove_tables_of_contents

PROSE = "The corridor would cut transit times between India and northern Europe by about a third, according to the operators."


def test_related_posts_with_teasers_are_removed(run_rule):
    text = (
        f"{PROSE}\n\nYou may also like\n\nOil Prices Climb\n\nBrent rose for a third day as traders …\n\n"
        "The Caspian Summit\n\nLeaders met in Ashgabat to discuss ...\n"
    )
    assert run_rule(remove_related_posts, text) == PROSE


def test_labelled_list_in_german_without_teasers(run_rule):
    text = f"{PROSE}\n\nLesen Sie auch:\n\nDer Nord-Süd-Korridor\n\nIran und die BRICS\n"
    assert run_rule(remove_related_posts, text) == PROSE


def test_unlabelled_run_of_teased_entries_is_removed(run_rule):
    entries = "".join(f"Story number {n}\n\nSomething happened in place {n} and then ...\n\n" for n in range(3))
    assert run_rule(remove_related_posts, f"{PROSE}\n\n{entries}") == PROSE


def test_read_more_section_heading_followed_by_prose_is_kept(run_rule):
    text = f"Read more\n\n{PROSE}"
    assert run_rule(remove_related_posts, text) == text
    one_heading = f"Related\n\nA Section Title\n\n{PROSE}"
    assert run_rule(remove_related_posts, one_heading) == one_heading


def test_two_teased_entries_without_a_label_are_kept(run_rule):
    text = f"Trust is limited ...\n\n... but militarily they cooperate\n\n{PROSE}"
    assert run_rule(remove_related_posts, text) == text


def test_empty_table_of_contents_keeps_the_next_heading(run_rule):
    text = f"Title\n\nTable of Contents\n\nHistory\n\n{PROSE}"
    assert run_rule(remove_tables_of_contents, text) == f"Title\n\nHistory\n\n{PROSE}"


def test_table_of_contents_entries_that_recur_as_headings_are_removed(run_rule):
    text = f"Sommaire\n\n1. Histoire ..... 2\nÉconomie\n\nHistoire\n\n{PROSE}\n\nÉconomie\n\n{PROSE}"
    assert run_rule(remove_tables_of_contents, text) == f"Histoire\n\n{PROSE}\n\nÉconomie\n\n{PROSE}"


def test_contents_as_a_word_in_a_sentence_is_kept(run_rule):
    text = f"Contents of the agreement were not disclosed.\n\n{PROSE}"
    assert run_rule(remove_tables_of_contents, text) == text


def test_one_line_entries_and_bracketed_ellipses_under_a_label(run_rule):
    text = (
        "The port reopened on Friday.\n\nMore from this author\n\n"
        "- Wheat Harvest Shrinks in the Drought | Seed companies report strong demand for hardier...\n\n"
        "- Wind Auction Draws Record Bids - The fifth auction closed on Tuesday with bids for [...]\n\n"
        "- Rail Strike Ends After Two Weeks\nUnions and the operator agreed on a new pay scale [...]\n\n"
        "Shipping resumed at dawn."
    )
    assert run_rule(remove_related_posts, text) == "The port reopened on Friday.\n\nShipping resumed at dawn."


def test_a_quotation_with_a_dash_and_an_ellipsis_is_kept(run_rule):
    text = (
        "The port reopened on Friday.\n\nThe minister said - and repeated twice - that the talks would...\n\n"
        "Officials Expect Talks - the minister hoped they would resume soon...\n\nShipping resumed at dawn."
    )
    assert run_rule(remove_related_posts, text) == text


def test_numbered_titles_and_a_bare_title_between_teased_entries(run_rule):
    text = (
        "The port reopened on Friday.\n\nRead more\n"
        "5 things to know about the grain deal\nThe agreement lets ships sail from three ports. It will likely...\n"
        "Wheat Harvest Shrinks in the Drought\n"
        "Rail Strike Ends After Two Weeks\nUnions and the operator agreed on a new pay scale...\n\n"
        "Shipping resumed at dawn."
    )
    assert run_rule(remove_related_posts, text) == "The port reopened on Friday.\n\nShipping resumed at dawn."


def test_a_bare_title_after_a_teased_entry_heads_the_prose_after_it(run_rule):
    text = (
        "The port reopened on Friday.\n\nRead more\n"
        "Wheat Harvest Shrinks in the Drought\nSeed companies report strong demand for hardier...\n"
        "Rail Strike Ends After Two Weeks\nUnions and the operator agreed on a new pay scale...\n"
        "What Comes Next\nShipping resumed at dawn, the harbour master said."
    )
    assert run_rule(remove_related_posts, text) == (
        "The port reopened on Friday.\n\nWhat Comes Next\nShipping resumed at dawn, the harbour master said."
    )


def test_bare_bulleted_titles_among_bulleted_teased_entries_stay_in_the_list(run_rule):
    text = (
        f"{PROSE}\n\nRead more\n\n• Wheat Harvest Shrinks in the Drought\n\nSeed companies report strong demand for...\n\n"
        "• Rail Strike Ends After Two Weeks\n\n• Container Lines Reroute Around the Cape\n"
    )
    assert run_rule(remove_related_posts, text) == PROSE


def test_two_bulleted_teased_entries_without_a_label_are_a_list(run_rule):
    text = (
        f"{PROSE}\n• Wheat Harvest Shrinks in the Drought\nSeed companies report strong demand for...\n"
        "• Rail Strike Ends After Two Weeks\nUnions and the operator agreed on a new pay scale...\n\n"
        f"{PROSE}"
    )
    assert run_rule(remove_related_posts, text) == f"{PROSE}\n{PROSE}"
    under_a_heading = text.replace(f"{PROSE}\n•", f"{PROSE}\nMás noticias\n•", 1)
    assert run_rule(remove_related_posts, under_a_heading) == f"{PROSE}\nMás noticias\n{PROSE}"
    unbulleted = text.replace("• ", "")
    assert run_rule(remove_related_posts, unbulleted) == unbulleted


def test_a_title_above_an_unlabelled_teaser_list_is_not_its_first_entry(run_rule):
    entries = "".join(f"- Story number {n}\n\nSomething happened in place {n} and then ...\n\n" for n in range(3))
    text = f"Offshore Wind Auction Draws Record Bids\n\n{entries}{PROSE}"
    assert run_rule(remove_related_posts, text) == f"Offshore Wind Auction Draws Record Bids\n\n{PROSE}"


def test_empty_table_with_a_switch_or_a_colon(run_rule):
    for heading in ("Table of contents [hide]", "Contents [show]", "Jump to:"):
        text = f"{PROSE}\n\n{heading}\n\n{PROSE}"
        assert run_rule(remove_tables_of_contents, text) == f"{PROSE}\n\n{PROSE}"
    sentence = f"{PROSE}\n\nContents of the report [hidden]\n\n{PROSE}"
    assert run_rule(remove_tables_of_contents, sentence) == sentence


def test_a_title_above_one_line_entries_is_not_an_entry(run_rule):
    entries = "".join(f"Story Number {n} - something happened in place {n} and then ...\n" for n in range(3))
    text = f"# Offshore Wind Auction Draws Record Bids\n\n{entries}\n{PROSE}"
    assert run_rule(remove_related_posts, text) == f"# Offshore Wind Auction Draws Record Bids\n\n{PROSE}"


def test_bulleted_one_line_entries_with_numbered_titles(run_rule):
    text = (
        f"{PROSE}\n\nLesen Sie auch\n\n• 7 things to know about the grain deal (part 2) - The agreement lets ships sail. It will likely...\n\n"
        "• Rail Strike Ends After Two Weeks – Unions and the operator agreed on a new pay scale ...\n\n"
        f"{PROSE}"
    )
    assert run_rule(remove_related_posts, text) == f"{PROSE}\n\n{PROSE}"


def test_a_bare_title_closing_the_text_after_teased_entries_is_an_entry(run_rule):
    text = (
        f"{PROSE}\n\nMore stories\nWheat Harvest Shrinks in the Drought\nSeed companies report strong demand for...\n"
        "Rail Strike Ends After Two Weeks"
    )
    assert run_rule(remove_related_posts, text) == PROSE
