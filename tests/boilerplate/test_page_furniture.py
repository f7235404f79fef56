from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.boilerplate.ocr_garbage import is_ocr_garbage
from ingest.boilerplate.page_furniture import remove_page_furniture, remove_scanned_page_furniture
from ingest.input_kinds import InputKind
from ingest.rules import CleaningContext

WRAPPED = "\n".join(
    [
        "Moscow and Tehran still distrust each other",
        "when it comes to conflicting geopolitical",
        "interests from Syria to the South Caucasus.",
        "They also share different perspectives",
    ]
)


def test_publisher_block_with_garbage_at_a_page_break_is_removed(run_rule):
    text = f"{WRAPPED}\n\nCaspian Policy Institute\n\nwww.cpi.example.org\n\nKt l rnvq 12 0\n\n\n\non the scope of bilateral cooperation."
    assert run_rule(remove_scanned_page_furniture, text) == f"{WRAPPED}\n\non the scope of bilateral cooperation."


def test_page_number_at_a_page_break_is_removed(run_rule):
    text = f"{WRAPPED}\n\n- 14 -\n\non the scope of bilateral cooperation."
    assert run_rule(remove_scanned_page_furniture, text) == f"{WRAPPED}\n\non the scope of bilateral cooperation."


def test_running_header_with_page_numbers_in_hard_wrapped_text(run_rule):
    bodies = [
        "The first page describes the rail link\nbetween the northern ports and the gulf",
        "while the second turns to the pipelines\nthat cross the mountains in the west",
        "and the third weighs what the banks\ncan settle in national currencies",
        "before the last one asks whether trust\nbetween the two capitals can hold",
    ]
    text = "\n".join(f"Caspian Review | Page {n}\n{body}" for n, body in enumerate(bodies, start=1))
    assert run_rule(remove_scanned_page_furniture, text) == "\n".join(bodies)


def test_lone_url_and_year_heading_between_paragraphs_are_kept(run_rule):
    text = (
        "The agency publishes its reports online:\n\nwww.iaea.org\n\n2023\n\n"
        "In 2023 the agency reported new enrichment.\n\n2024\n\nIn 2024 talks resumed."
    )
    assert run_rule(remove_scanned_page_furniture, text) == text


def test_repeated_line_in_web_text_is_left_to_the_headline_rule(run_rule):
    para = "A paragraph of web text that is long enough to be a paragraph on its own line, as web text is. " * 2
    text = "\n\n".join([para, "Breaking news ticker", para, "Breaking news ticker", para, "Breaking news ticker"])
    assert run_rule(remove_scanned_page_furniture, text) == text


def test_ocr_garbage_needs_few_words_and_an_odd_mix():
    assert is_ocr_garbage("Sl S tdindl 35 0", "en")
    assert is_ocr_garbage("~~ ,;' ll| ^^ %%", "en") is False  # no letters worth judging: not a line of text at all
    assert not is_ocr_garbage("Emil Avdaliani", "en")
    assert not is_ocr_garbage("Straßenbahnhaltestelle Nordwestring", "de")
    assert not is_ocr_garbage("* * *", "en")
    assert not is_ocr_garbage("Gulf Research Center", "en")


def test_a_row_of_a_table_is_no_garbage():
    # Rank, a name the word list lacks, figures: as a standings table prints each row.
    assert not is_ocr_garbage("2 Tom Ruud 5035 7 2 9", "en")
    assert not is_ocr_garbage("Siri Bakke 2275 3 1 16", "en")
    assert is_ocr_garbage("S 35 0 4 tq", "en")  # a lone letter and a scrap are no name


TWO_PAGES = (
    "Analysis | March 2021\nRail Links Across the Caspian\n\n"
    f"{WRAPPED}\n\nCaspian Institute\n\nwww.caspian.example.org\n1 | Caspian\n\n\n\nAnalysis | March 2021\n\n\n"
    "on the scope of bilateral cooperation\nand on what the banks can settle in\nnational currencies.\n"
)


def test_running_header_of_a_two_page_document_is_removed(run_rule):
    expected = (
        f"Rail Links Across the Caspian\n\n{WRAPPED}\n\n"
        "on the scope of bilateral cooperation\nand on what the banks can settle in\nnational currencies.\n"
    )
    assert run_rule(remove_scanned_page_furniture, TWO_PAGES) == expected


def test_section_heading_used_twice_between_paragraphs_is_kept(run_rule):
    closing = "The talks resumed in\nthe spring of that year.\nNo date was set for the\nnext round of meetings."
    text = f"{WRAPPED} in the west.\n\nQuestions Over Timing\n\n{closing}\n\nQuestions Over Timing\n\n{closing}\n"
    assert run_rule(remove_scanned_page_furniture, text) == text


def test_footer_glued_under_the_last_sentence_is_removed(run_rule):
    text = f"{WRAPPED} as well.\nLopez and Sons\n\nwww.lopezandsons.example.eu\n2\n"
    # one removal, since it closes the text it takes the line break before it too
    assert run_rule(remove_scanned_page_furniture, text) == f"{WRAPPED} as well."


def test_text_closing_on_a_web_address_is_kept(run_rule):
    text = f"{WRAPPED} as well.\nThe full report is published at\nwww.iaea.org\n"
    assert run_rule(remove_scanned_page_furniture, text) == text
    signed = f"{WRAPPED} as well.\nLopez and Sons\n"
    assert run_rule(remove_scanned_page_furniture, signed) == signed


def test_a_short_foreign_label_is_not_ocr_garbage():
    assert not is_ocr_garbage("À lire aussi", "en")
    assert is_ocr_garbage("nk M M 1 /t5|w", "en")


def test_footer_with_url_and_page_number_under_a_line_without_a_period_is_removed(run_rule):
    text = f"{WRAPPED} as well.\nA map of the corridor\nCaspian Institute | www.caspian.example.org\n\nPage 3\n"
    assert run_rule(remove_scanned_page_furniture, text) == f"{WRAPPED} as well.\nA map of the corridor"
    assert is_ocr_garbage("H °kKhHM", "en")


def test_section_heading_above_a_named_footer_is_kept(run_rule):
    text = f"{WRAPPED} as well.\n\nThe Talent Problem\n\nCaspian Institute | www.caspian.example.org\n\n1 | Caspian\n\n\n\n{WRAPPED}\n"
    assert run_rule(remove_scanned_page_furniture, text) == f"{WRAPPED} as well.\n\nThe Talent Problem\n\n{WRAPPED}\n"


def test_a_designation_with_a_number_is_not_ocr_garbage():
    assert not is_ocr_garbage("F-16 Jets", "en")


def test_a_running_header_that_is_the_title_keeps_the_title(run_rule):
    title = "Rail Links Across the Caspian"
    bodies = [
        "\n".join(f"{line} ({place})" for line in WRAPPED.split("\n")) for place in ("Baku", "Astana", "Ashgabat")
    ]
    text = f"{title}\n{title}\n\n{bodies[0]}\n\n- 1 -\n\n\n\n{title}\n{bodies[1]}\n\n- 2 -\n\n\n\n{title}\n{bodies[2]}\n"
    expected = f"{title}\n\n{bodies[0]}\n\n{bodies[1]}\n\n{bodies[2]}\n"
    assert run_rule(remove_scanned_page_furniture, text) == expected


def test_a_run_of_headline_copies_opening_the_text_keeps_none(run_rule):
    ticker = "Live: markets rally as central bank holds rates"
    bodies = ["\n".join(f"{line} ({n})" for line in WRAPPED.split("\n")) for n in ("Baku", "Astana", "Ashgabat")]
    text = f"{ticker}\n{ticker}\n{ticker}\n" + "\n".join(bodies) + "\n"
    assert run_rule(remove_scanned_page_furniture, text) == "\n".join(bodies) + "\n"


def test_scanner_debris_beside_other_furniture_is_removed(run_rule):
    text = f"{WRAPPED}\n\nF5n4xO\n\nCaspian Institute\nwww.caspian.example.org\n\n2 7ﬁVOg\n\n\n\non the scope of bilateral cooperation."
    assert run_rule(remove_scanned_page_furniture, text) == f"{WRAPPED}\n\non the scope of bilateral cooperation."


def test_short_words_and_names_are_not_scanner_debris():
    from ingest.boilerplate.ocr_garbage import is_scanner_debris

    assert is_scanner_debris("dM« wpsgI", "en") and is_scanner_debris("jD tn.", "en")
    for line in ("US", "No. 3", "it.”", "Nadia Benali", "Meyer-Dominguez", "McDonald Institute", "iPhone 15 Pro"):
        assert not is_scanner_debris(line, "en"), line


def test_the_last_words_of_a_quotation_stay_above_a_closing_footer(run_rule):
    text = f"{WRAPPED} “I never thought it would be worth\nit.”\nCaspian Institute · www.caspian.example.org\n\nPage 3\n"
    assert run_rule(remove_scanned_page_furniture, text) == f"{WRAPPED} “I never thought it would be worth\nit.”"


def test_copyright_notices_are_removed_wherever_they_stand(run_rule):
    body = "Ministers met in Moscow on Tuesday to discuss the corridor."
    for notice in ("All rights reserved.", "© 2024 Example Media. All rights reserved.", "Copyright © 2023 The Daily Planet", "(c) 2021 Caspian Review", "Tous droits réservés"):
        assert run_rule(remove_scanned_page_furniture, f"{body}\n\n{notice}\n").strip() == body, notice
        assert run_rule(remove_scanned_page_furniture, f"{notice}\n{body}\n").strip() == body, notice


def test_sentences_about_copyright_are_kept(run_rule):
    for sentence in (
        "Copyright law was reformed in 2019.",
        "The ministry said all rights reserved to the states would remain untouched.",
        "Copyright holders in Iran have few remedies.",
    ):
        text = f"Ministers met in Moscow on Tuesday.\n\n{sentence}\n"
        assert run_rule(remove_scanned_page_furniture, text) == text, sentence


def test_an_enumerated_clause_is_not_a_copyright_notice(run_rule):
    text = "The agreement has three parts.\n\n(c) the parties shall settle trade in national currencies.\n"
    assert run_rule(remove_scanned_page_furniture, text) == text


def test_a_masthead_read_differently_on_each_page_is_removed_where_ocr_glued_it(run_rule):
    # OCR reads the punctuation of each copy differently and glues the second page's
    # header under the last line of the first page, with no blank line between.
    first, second = WRAPPED.split("\n")[:2], WRAPPED.split("\n")[2:]
    text = "\n".join(["THE CASPIAN QUARTERLY - VOL. 12, NO. 3", "", *first, "THE CASPIAN QUARTERLY: VOL. 12,NO. 3", *second])
    assert run_rule(remove_scanned_page_furniture, text) == "\n".join([*first, *second])


def test_a_masthead_naming_its_issue_is_removed_when_printed_once(run_rule):
    text = f"REGIONAL AFFAIRS BULLETIN · VOL. 7, NO. 2\n\n{WRAPPED}"
    assert run_rule(remove_scanned_page_furniture, text) == WRAPPED


def test_a_heading_in_capitals_with_a_number_is_kept(run_rule):
    text = f"THE 2024 BUDGET AND ITS CRITICS\n\n{WRAPPED}\n\nCHAPTER 2\n\n{WRAPPED}"
    assert run_rule(remove_scanned_page_furniture, text) == text


def test_typeset_and_scraped_text_keeps_what_only_a_scanner_would_garble(run_rule):
    """Outside OCR text, a LaTeX command or a CJK date is the writer's, never garbage."""
    from ingest.boilerplate.page_furniture import remove_page_furniture

    for line in ("\\maketitle", "3.2 Author(s)", "2月17日", "\\documentclass[a4paper]{article}"):
        text = f"{WRAPPED}\n\n{line}\n\n{WRAPPED}"
        assert run_rule(remove_page_furniture, text) == text, line
    assert run_rule(remove_scanned_page_furniture, f"{WRAPPED}\n\nF5n4xO\n\n2 7ﬁVOg\n\non the scope.") != (
        f"{WRAPPED}\n\nF5n4xO\n\n2 7ﬁVOg\n\non the scope."
    )


def _wrapped_posts(lengths: list[int], line: str) -> str:
    """Forum posts wrapped at a column, each under its own date line, posts of uneven length."""
    sentence = "the rail link was\ndiscussed again at\nlength by the members"
    posts = []
    for day, length in enumerate(lengths, start=1):
        body = "\n".join([sentence] * length) + "."
        posts.append(f"{line.format(day=3 * day)}\n\n{body[0].upper()}{body[1:]}")
    return "\n\n".join(posts) + "\n"


def test_a_date_line_over_posts_of_uneven_length_is_no_running_header(run_rule):
    text = _wrapped_posts([1, 6, 2, 9], "Posted by Dana on May {day}, 2003")
    assert run_rule(remove_scanned_page_furniture, text) == text


def test_evenly_spaced_lines_between_finished_sentences_are_no_running_header(run_rule):
    text = _wrapped_posts([3, 3, 3, 3], "Posted by Dana in May {day}")
    assert run_rule(remove_scanned_page_furniture, text) == text


def test_evenly_spaced_lines_at_page_breaks_are_a_running_header(run_rule):
    pages = [f"the rail link {n} was\ndiscussed again at {n}\nlength by {n} members\nof committee {n} and" for n in ("one", "two", "three", "four")]
    text = "\n\n".join(f"Caspian Review Quarterly\n\n{page}" for page in pages) + "\n\nthen adjourned.\n"
    cleaned = run_rule(remove_scanned_page_furniture, text)
    assert "Caspian Review" not in cleaned
    assert cleaned.split() == "\n".join([*pages, "then adjourned."]).split()


def test_a_label_or_a_product_name_beside_dictionary_words_is_not_ocr_garbage():
    assert not is_ocr_garbage("(CyberAlert, May 2)", "en")
    assert not is_ocr_garbage("Netgear Nighthawk R6700 AC1700 Router for $67.77", "en")
    assert is_ocr_garbage("Kt l rnvq 12 0", "en")


LICENCE = (
    "Copyright (c) 2016 The Example Authors\n"
    "All rights reserved.\n\n"
    "Redistribution and use in source and binary forms, with or without modification,\n"
    "are permitted provided that the notice above and this list of conditions are kept.\n"
)


def test_typed_texts_own_copyright_statement_stays_and_a_closing_footer_goes(run_rule):
    prose = CleaningContext(input_kind=InputKind.PROSE)
    assert run_rule(remove_page_furniture, LICENCE, prose) == LICENCE
    footer = "\n© 2024 Example Media. All rights reserved.\n"
    assert run_rule(remove_page_furniture, LICENCE + footer, prose).rstrip() == LICENCE.rstrip()
    page = CleaningContext(input_kind=InputKind.PAGE_TEXT)
    assert "Copyright (c) 2016" not in run_rule(remove_page_furniture, LICENCE, page)  # a saved page's notice is its site's


def test_a_countdown_lists_numbers_are_no_page_numbers(run_rule):
    """Numbers that fall through the text number a list's items; pages count forward."""
    items = [("Warrior masks", "Carved before battle, they are said to keep the souls of the men who fell."),
             ("A diamond", "It is said to bring luck to every woman who owns it and ruin to every man."),
             ("A painting", "Its owners report strange noises at night and a smell of smoke in the hall.")]
    text = "\n\n".join(f"{3 - n}\n{name}\n\n{story}" for n, (name, story) in enumerate(items))
    assert run_rule(remove_page_furniture, text) == text


def test_page_numbers_that_count_forward_are_removed_where_a_page_ends(run_rule):
    pages = ["The first report describes the rail link.", "The second turns to the pipelines.", "The third weighs the banks."]
    text = "\n\n".join(f"{page}\n\n{n}" for n, page in enumerate(pages, start=1))
    assert run_rule(remove_page_furniture, text) == "\n\n".join(pages)


def test_dotted_names_of_code_are_not_taken_for_a_publishers_url(run_rule):
    commands = "player.setav magicka *\n\nplayer.setav stamina *"
    text = f"The console sets each of the player's values with a code.\n\n{commands}\n\nType them again after each level."
    assert commands in run_rule(remove_page_furniture, text, CleaningContext(input_kind=InputKind.PAGE_TEXT))
    publishers = "gulfresearch.org magicka *\n\nkyivpost.com stamina *"  # the same shape, with real domains
    text = text.replace(commands, publishers)
    assert "gulfresearch.org" not in run_rule(remove_page_furniture, text, CleaningContext(input_kind=InputKind.PAGE_TEXT))


def test_a_licence_typed_at_a_column_keeps_its_copyright_notice(run_rule):
    """The notice above a typed licence's prose is the licence's own: who holds it. Its
    paragraphs are prose, though no line of it is a sentence of its own."""
    licence = (
        "Copyright (c) 2019 Caspian Data Cooperative\n\n"
        "Permission is hereby granted, free of charge, to any person obtaining a copy\n"
        "of these survey tables and the notes that go with them, to use, copy and\n"
        "publish them, provided that the notice above is kept in every copy of them,\n"
        "and that no fee is charged for the tables and the notes that go with\n"
        "them.\n"
    )
    assert run_rule(remove_page_furniture, licence, CleaningContext(input_kind=InputKind.PROSE)) == licence


# Words and marks that keys fold together (case, digits, bullets, punctuation) or that case folding widens.
_LINE_PIECES = ["Page", "page", "PAGE", "12", "3", "٣", "straße", "STRASSE", "İ", "ﬁ", "#", "1.", "a)", "•", "|", "x_y", "Ǆ"]
_SHORT_LINES = st.lists(st.tuples(st.sampled_from(_LINE_PIECES), st.sampled_from([" ", "", "  ", ":"])), max_size=4).map(
    lambda pieces: "".join(piece + separator for piece, separator in pieces)
)


@given(st.lists(_SHORT_LINES, max_size=10))
@settings(max_examples=500, deadline=None)
def test_lines_left_unkeyed_share_no_key_with_another(texts):
    """Only keys printed once (or empty) are skipped: every key two short lines share is there, as computing them all gives."""
    from collections import Counter

    from ingest.boilerplate.page_furniture import MAX_FURNITURE_CHARS, MIN_RUNNING_WORDS, _short_line_keys, running_key
    from ingest.boilerplate.text_lines import split_lines

    lines = split_lines("\n".join(texts))
    every = {
        i: running_key(line.text)
        for i, line in enumerate(lines)
        if line.stripped and len(line.stripped) <= MAX_FURNITURE_CHARS and len(line.text.split()) >= MIN_RUNNING_WORDS
    }
    shared = {key for key, copies in Counter(every.values()).items() if key and copies > 1}
    kept = _short_line_keys(lines)
    assert {i: key for i, key in kept.items() if key in shared} == {i: key for i, key in every.items() if key in shared}
    assert all(every[i] == key for i, key in kept.items())


_NOTICE_PIECES = ["©", "(c)", "(C)", "copyright", "COPYRIGHT", "Copyright", "2024", "1999", "12", " ", ".", ",", "|", "\n",
                  "All rights reserved", "ALL RIGHTS RESERVED", "all rights reſerved", "Tous droits réservés",
                  "alle Rechte vorbehalten", "Example Media", "x"]


@given(st.lists(st.sampled_from(_NOTICE_PIECES), max_size=8).map("".join))
@settings(max_examples=500, deadline=None)
def test_a_notice_is_read_at_its_ends_as_the_whole_pattern_reads_it(text):
    from ingest.boilerplate.page_furniture import COPYRIGHT_NOTICE, MAX_FURNITURE_CHARS, _is_copyright_notice

    assert _is_copyright_notice(text) == (len(text) <= MAX_FURNITURE_CHARS and COPYRIGHT_NOTICE.match(text) is not None)


README_ADDRESSES = """This is the tramway timetable tool, which reads the operator's data
files and prints the departures of a stop for the day, the week or a
date that the user names on the command line.

The released versions of the tool are always available by anonymous
download from the project's own server, and the current development
version is available from a git repository at

    https://git.example.org/tramway.git

To view the repository in your browser, where you can also download
snapshots of every release that the project has made so far, go to

    https://git.example.org/cgit/tramway

and click on a commit entry to get the address of its snapshot, which
you can then fetch with any tool that speaks the web's protocols.
"""


def test_a_typed_texts_displayed_addresses_stay_and_a_footer_at_the_margin_goes():
    """Set in from the text above, an address is the writer's display; at the margin mid-sentence, a page's footer."""
    from ingest.clean import clean_text

    result = clean_text(README_ADDRESSES)
    assert result.input_kind is InputKind.TYPED
    assert "https://git.example.org/tramway.git" in result.text and "https://git.example.org/cgit/tramway" in result.text
    at_the_margin = README_ADDRESSES.replace("    https://git.example.org/cgit", "https://git.example.org/cgit")
    result = clean_text(at_the_margin)  # a page that ends mid-sentence on its footer: print read back
    assert "https://git.example.org/tramway.git" in result.text and "cgit/tramway" not in result.text


EXIT_VALUES = """EXIT VALUES
       The passwd command exits with the following values:

       0
           success

       1
           permission denied

       2
           invalid combination of options

       3
           unexpected failure, nothing done
"""


def test_numbers_a_line_or_two_apart_number_a_list_not_pages():
    """A manual page's exit statuses count forward as page numbers do, but typed text has no pages."""
    from ingest.clean import clean_text

    result = clean_text(f"{README_ADDRESSES}\n{EXIT_VALUES}")
    assert result.input_kind is InputKind.TYPED
    assert [c for c in result.changes if c.kind == "page_furniture"] == []
    for status in ("0 success", "1 permission denied", "3 unexpected failure"):
        assert status in " ".join(result.text.split())


LIMITS = """LIMITS
       The daemon reads these limits from its configuration file, and
       refuses to start when one of them is out of range.

       The connections it serves at once.
           64

       The workers it forks at start.
           8

       The longest queue it keeps, in requests.
           512
"""


def test_a_typed_text_ending_on_a_lists_number_keeps_it():
    """The last of a list's numbers ends the text under a sentence, as a closing page number would: it is no page's."""
    from ingest.clean import clean_text

    result = clean_text(LIMITS)
    assert result.input_kind is InputKind.TYPED
    assert [c for c in result.changes if c.kind == "page_furniture"] == []
    assert result.text.split()[-1] == "512"


JQ_EXAMPLES = """DESCRIPTION
       jq can transform JSON in various ways, by selecting, iterating,
       reducing and otherwise mangling JSON documents. For instance,
       running the command jq 'map(.price) | add' will take an array of
       JSON objects as input and return the sum of their price fields.

       Parenthesis work as a grouping operator just as in any typical
       programming language, and the operators keep their precedence.

           jq '(. + 2) * 5'
              1
           => 15

       The sqrt function returns the square root of its numeric input,
       and the other functions of the C library are named alike.

           jq 'sqrt'
              9
           => 3
"""


def test_an_examples_input_is_code_not_a_page_number():
    """A number alone under a command and over its result is the example's input: code is content."""
    from ingest.clean import clean_text

    result = clean_text(JQ_EXAMPLES)
    assert result.input_kind is InputKind.TYPED
    assert [c for c in result.changes if c.kind == "page_furniture"] == []
    assert "           jq '(. + 2) * 5'\n              1\n           => 15" in result.text
