from ingest.boilerplate.line_shapes import line_key
from ingest.boilerplate.repeated_lines import remove_repeated_headlines
from ingest.boilerplate.teasers import remove_teasers
from ingest.rules import CleaningContext

PROSE = "The two governments signed a memorandum on rail links, customs and energy swaps in the spring, and officials expect the first trains to run next year."


def test_headline_repeated_three_times_without_a_section_is_removed(run_rule):
    ticker = "Markets rally as central bank holds rates"
    text = f"{PROSE}\n\n{ticker}\n\n{ticker}\n\n{ticker}\n\nShare:\n\n{PROSE}\n\n{ticker}"
    assert run_rule(remove_repeated_headlines, text) == f"{PROSE}\n\nShare:\n\n{PROSE}"


def test_repeated_headline_keeps_one_copy_when_a_copy_heads_prose(run_rule):
    ticker = "Markets rally as central bank holds rates"
    text = f"{ticker}\n\n{ticker}\n\n{ticker}\n\n{PROSE}"
    assert run_rule(remove_repeated_headlines, text) == f"{ticker}\n\n{PROSE}"


def test_run_of_copies_inside_the_text_goes_whole_even_before_prose(run_rule):
    ticker = "Live: markets rally as central bank holds rates"
    text = f"{PROSE}\n\n{ticker}\n\n{ticker}\n\n{ticker}\n\n{PROSE}"
    assert run_rule(remove_repeated_headlines, text) == f"{PROSE}\n\n{PROSE}"


def test_section_heading_printed_twice_inside_the_text_keeps_one_copy(run_rule):
    text = f"{PROSE}\n\nBackground\n\nBackground\n\n{PROSE}"
    assert run_rule(remove_repeated_headlines, text) == f"{PROSE}\n\nBackground\n\n{PROSE}"


def test_headline_opening_with_a_number_is_a_headline(run_rule):
    ticker = "5 things to know about the fishing rights row"
    text = f"{ticker}\n{ticker}\n{ticker}\nRail Links Across the Caspian\n\n{PROSE}"
    assert run_rule(remove_repeated_headlines, text) == f"Rail Links Across the Caspian\n\n{PROSE}"


def test_title_printed_twice_keeps_the_copy_that_heads_the_text(run_rule):
    text = f"Rail Links Across the Caspian\n\nRail Links Across the Caspian\n\n{PROSE}"
    assert run_rule(remove_repeated_headlines, text) == f"Rail Links Across the Caspian\n\n{PROSE}"


def test_same_section_heading_used_twice_with_prose_is_kept(run_rule):
    text = f"Background\n\n{PROSE}\n\nBackground\n\n{PROSE}"
    assert run_rule(remove_repeated_headlines, text) == text


def test_pull_quote_repeated_once_is_kept(run_rule):
    quote = "“We will not be isolated”"
    text = f"{PROSE}\n\n{quote}\n\n{PROSE}\n\n{quote}\n\n{PROSE}"
    assert run_rule(remove_repeated_headlines, text) == text


def test_repeated_sentence_with_a_period_is_not_a_headline(run_rule):
    line = "Sanctions remain in force."
    text = f"{line}\n\n{line}\n\n{line}\n\n{PROSE}"
    assert run_rule(remove_repeated_headlines, text) == text


def test_corpus_common_line_is_removed_unless_it_heads_a_section(run_rule):
    context = CleaningContext(common_lines=frozenset({line_key("Trending now"), line_key("Conclusion")}))
    text = f"{PROSE}\n\nTrending now\n\nConclusion\n\n{PROSE}"
    assert run_rule(remove_repeated_headlines, text, context) == f"{PROSE}\n\nConclusion\n\n{PROSE}"


def test_teaser_repeating_the_next_paragraph_is_removed(run_rule):
    text = f"Rail Links\n\nThe two governments signed a memorandum ...\n\n{PROSE}"
    assert run_rule(remove_teasers, text) == f"Rail Links\n\n{PROSE}"


def test_entries_of_a_list_that_open_the_next_entry_are_no_teasers(run_rule):
    """A test log: each name opens the next entry, which says a word or two more; no paragraph follows."""
    log = "PASS: Build property 1\nPASS: Build property 1 (.o)\nPASS: Build property 1 (.so)\nPASS: Build property 2\n"
    assert run_rule(remove_teasers, log) == log


def test_heading_that_shares_only_first_words_is_not_a_teaser(run_rule):
    text = f"The two governments disagree ...\n\n{PROSE}"
    assert run_rule(remove_teasers, text) == text
    short = f"The two governments\n\n{PROSE}"
    assert run_rule(remove_teasers, short) == short


def test_a_lower_case_line_repeated_three_times_is_furniture(run_rule):
    ticker = "the Commission report: pension costs to rise"
    text = f"{PROSE}\n\n{ticker}\n\n{ticker}\n\n{ticker}\n\n{PROSE}"
    assert run_rule(remove_repeated_headlines, text) == f"{PROSE}\n\n{PROSE}"
    once = f"{PROSE}\n\nthe Commission report: pension costs to rise\n\n{PROSE}"
    assert run_rule(remove_repeated_headlines, once) == once


def test_a_question_put_to_each_guest_heads_every_answer_and_stays(run_rule):
    question = "What made you start cooking for others?"
    answers = [f"— {PROSE}", "— My grandmother did, and I never stopped cooking for the whole street on Sundays.", f"— {PROSE}"]
    text = "\n\n".join(f"Guest {n}\n\n{question}\n\n{answer}" for n, answer in enumerate(answers, start=1))
    assert run_rule(remove_repeated_headlines, text) == text


def test_a_widget_standing_before_prose_once_in_three_copies_goes_whole(run_rule):
    ticker = "Markets rally as central bank holds rates"
    text = f"{PROSE}\n\n{ticker}\n\nShare:\n\n{ticker}\n\n{PROSE}\n\n{PROSE}\n\n{ticker}"
    assert run_rule(remove_repeated_headlines, text) == f"{PROSE}\n\nShare:\n\n{PROSE}\n\n{PROSE}"


def test_record_fields_that_take_turns_are_kept(run_rule):
    posts = [("Samurai Mike", "Agreed, the duel was far too short for a film of this length."),
             ("devincf", "The score carried it anyway, and the crowd in our cinema loved it."),
             ("Samurai Mike", "Only the second half worked for me, the rest dragged on and on."),
             ("devincf", "Watch it again in a week and tell us whether you still think so."),
             ("Samurai Mike", "Maybe on the big screen, with the sound turned up as it should be.")]
    text = "\n\n".join(f"{name}\n\nPosted today\n\n{reply}" for name, reply in posts)
    assert run_rule(remove_repeated_headlines, text) == text


def test_record_fields_stay_even_where_a_copy_stands_before_prose(run_rule):
    """A listing's fields take turns whatever follows them; one entry's note after its field is no heading."""
    entries = [("Lakeside camp", "Open to tents and vans."), ("River camp", "The site has showers, a shop and forty pitches by the water."),
               ("Hill camp", "Tents only."), ("Forest camp", "Small and quiet.")]
    text = "\n\n".join(f"{name}\n\nSeason: May 1 to October 31\n\n{note}\n\nBookings by telephone" for name, note in entries)
    assert run_rule(remove_repeated_headlines, text) == text


def test_a_tables_answers_stay_when_two_rows_in_turn_give_the_same_one(run_rule):
    """A table flattened to lines: a country, its requirement, then "Yes" or "No"; answers follow themselves."""
    rows = [("Algeria", "Residency permit", "No"), ("Angola", "Work visas", "Yes"), ("Belize", "Residency permit", "No"),
            ("Benin", "Residency permit", "No"), ("Brunei", "Work permits", "No"), ("Bulgaria", "Stays over a month", "Yes"),
            ("Canada", "Stays over six months", "Yes"), ("Chile", "Residency permit", "No")]
    text = "\n\n".join(f"{country}\n\n{needed}\n\n{answer}" for country, needed, answer in rows)
    assert run_rule(remove_repeated_headlines, text) == text

