"""A saved page's text: the site around the article goes, the article stays whole."""

import pytest

from ingest.boilerplate.data_tables import table_lines
from ingest.boilerplate.line_classifier import page_text_classifier
from ingest.boilerplate.line_evidence import line_features
from ingest.boilerplate.page_furniture import remove_page_furniture
from ingest.boilerplate.page_text import is_hard_wrapped, remove_page_boilerplate
from ingest.boilerplate.text_lines import split_lines
from ingest.clean import clean_text
from ingest.input_kinds import WEB_PAGES, InputKind
from ingest.rules import REGISTRY, CleaningContext, is_removal

TITLE = "Harbour board approves new ferry timetable"
BODY = [
    "The harbour board voted on Tuesday to add two early ferry crossings on weekdays, ending a year of "
    "complaints from commuters who said the first boat left too late for them to reach work on time.",
    "The new timetable starts in May. Crossings will leave at 5:40 and 6:10, and the last evening boat will "
    "run half an hour later than today, the board said in a statement after the meeting.",
    'Commuters who spoke at the meeting welcomed the change but asked for more seats on the busiest crossing. '
    '"We stand in the aisle every morning," said one of them, a nurse who works at the county hospital.',
    "The board said it would review passenger numbers in the autumn and could add a third boat if demand "
    "keeps growing, though that would require hiring six more crew members.",
]
NAVIGATION = "Home\nNews\nSport\nBusiness\nOpinion\nWeather\nSubscribe\nLog in"
SHARE_BAR = "Email This\nBlogThis!\nShare to Twitter\nShare to Facebook"
RELATED = "Related stories\nFerry fares to rise in April\nHarbour dredging finished ahead of schedule\nNew pier opens to walkers"
COMMENTS = (
    "3 comments\nharbourfan on Mar 3, 2024 11:02 AM\nAbout time. I have been late every Monday for a year.\nReply\n"
    "jlarsen on Mar 3, 2024 12:40 PM\nWill the weekend boats change too?\nReply"
)
FOOTER = "About us | Contact | Advertise | Careers\nTerms of Use | Privacy Policy\nCopyright © 2024 The Coastal Courier. All rights reserved."
FURNITURE = [NAVIGATION, SHARE_BAR, RELATED, COMMENTS, FOOTER]


def saved_page(body: list[str] = BODY, after_body: str = "\n\n") -> str:
    """A news page as a scraper saves its visible text: every line, the site's included."""
    head = f"{TITLE} | The Coastal Courier\n\n{NAVIGATION}\n\n{TITLE}\n\nBy Maria Jensen | March 3, 2024 10:15 AM\n\n"
    tail = f"{SHARE_BAR}\n\n{RELATED}\n\n{COMMENTS}\n\n{FOOTER}\n"
    return head + "\n\n".join(body) + after_body + tail


def furniture_lines(text: str) -> list[str]:
    return [line for block in FURNITURE for line in block.splitlines() if line in text.splitlines()]


def test_navigation_share_bar_related_comments_and_footer_go_and_the_article_stays():
    result = clean_text(saved_page())
    assert furniture_lines(result.text) == []
    assert all(paragraph in result.text for paragraph in BODY)
    assert result.title and TITLE in result.title


def test_every_removal_is_recorded_with_its_rule():
    result = clean_text(saved_page())
    page_rows = [c for c in result.changes if c.kind == "page_boilerplate"]
    assert page_rows and all(is_removal(c) for c in page_rows)
    assert {c.rule for c in page_rows} == {"remove_page_boilerplate"}
    removed = " ".join(c.before for c in page_rows)
    assert "Share to Twitter" in removed and "harbourfan" in removed


def test_a_body_sentence_that_mentions_the_comment_section_stays_whole():
    sentence = (
        "Residents can leave comments on the proposal below the notice on the board's website until Friday, "
        "and the board said it would review passenger numbers in the autumn."
    )
    result = clean_text(saved_page([*BODY[:3], sentence]))
    assert sentence in result.text


def test_the_last_sentence_right_above_a_share_bar_stays():
    result = clean_text(saved_page(after_body="\n"))
    assert BODY[-1] in result.text
    assert "Share to Twitter" not in result.text


@pytest.mark.parametrize(
    "table",
    [
        "Departure | Arrival | Seats\n5:40 | 6:05 | 120\n6:10 | 6:35 | 120\n7:00 | 7:25 | 240",
        "Departure Arrival Seats\n5:40 6:05 120\n6:10 6:35 120\n7:00 7:25 240",
    ],
)
def test_a_data_table_in_the_article_is_not_taken_for_furniture(table):
    body = [*BODY[:2], "The new crossings:", table, *BODY[2:]]
    result = clean_text(saved_page(body))
    assert all(row in result.text for row in table.splitlines())


def test_table_rows_are_not_a_running_footer(run_rule):
    """Masked figures give every row of a table one key: three copies are no running footer."""
    rows = "5:40 | 6:05 | 120\n6:10 | 6:35 | 120\n7:00 | 7:25 | 240"
    text = f"Crossings from May\nwill leave the harbour\nat these times:\n{rows}\nand the board\nwill review them\nin the autumn."
    assert run_rule(remove_page_furniture, text) == text


def test_an_article_saved_alone_is_left_untouched():
    headings = ["Early boats", "What commuters asked for", "What comes next"]
    text = f"{TITLE}\n\n" + "\n\n".join(f"{heading}\n\n{paragraph}" for heading, paragraph in zip(headings, BODY[1:]))
    text = f"{text}\n\n{BODY[0]}\n"
    assert remove_page_boilerplate(text, CleaningContext()) == []


def test_hard_wrapped_text_is_left_to_the_page_furniture_rules():
    wrapped = "\n".join(
        [
            "The harbour board voted on Tuesday to add",
            "two early ferry crossings on weekdays, ending",
            "a year of complaints from commuters who said",
            "the first boat left too late for them to reach",
            "work on time. The new timetable starts in May.",
        ]
    )
    text = f"{NAVIGATION}\n\n{wrapped}\n\n{SHARE_BAR}\n\n{wrapped}\n\n{FOOTER}"
    assert is_hard_wrapped(split_lines(text))
    assert remove_page_boilerplate(text, CleaningContext()) == []


def test_cleaning_a_cleaned_page_removes_nothing_more(run_rule):
    once = run_rule(remove_page_boilerplate, saved_page())
    assert once != saved_page()
    assert remove_page_boilerplate(once, CleaningContext()) == []


def test_cleaning_reads_a_saved_page_once(monkeypatch):
    """The page is read as a whole once: read again, the rule's own output shows the article's edges as a page's."""
    readings = []

    def counted(*args, **kwargs):
        readings.append(1)
        return line_features(*args, **kwargs)

    monkeypatch.setattr("ingest.boilerplate.page_text.line_features", counted)
    result = clean_text(saved_page(), CleaningContext(input_kind=InputKind.PAGE_TEXT))
    assert any(c.rule == "remove_page_boilerplate" for c in result.changes)
    assert len(readings) == 1


def test_table_lines_finds_rows_and_header_but_not_a_menu():
    text = "Team Played Points\nHarbourside 22 80\nCastleford Park 22 71\nRedmoor 22 64\n\nHome\nNews\nSport\nWeather"
    found = table_lines(split_lines(text))
    assert found == {0, 1, 2, 3}


def test_the_classifier_tells_prose_from_a_menu():
    lines = split_lines(saved_page())
    content, rows = line_features(lines, "en")
    probability = dict(zip((lines[i].text for i in content), page_text_classifier().probability(rows)))
    assert probability[BODY[1]] > 0.5
    assert probability["Share to Twitter"] < 0.5
    assert probability["Sport"] < 0.5


def test_a_page_whose_article_an_extractor_chose_is_left_to_that_choice():
    page = saved_page()
    assert remove_page_boilerplate(page, CleaningContext())
    assert remove_page_boilerplate(page, CleaningContext(article_chosen=True)) == []


def test_printed_pages_are_left_to_the_page_furniture_rules():
    page = saved_page()
    assert REGISTRY.inputs_of(remove_page_boilerplate) == WEB_PAGES
    assert not [c for c in clean_text(page.replace("\n\n", "\n\f", 1)).changes if c.kind == "page_boilerplate"]


def test_short_paragraphs_wrapped_at_a_column_are_hard_wrapped():
    # Each paragraph is two lines; the second starts with a capital, so few lines
    # "break mid-sentence", but every first line ends near the column, mid-sentence.
    paragraphs = [
        "The board met on Tuesday with the mayor, the harbour master and",
        "Maria Jensen of the commuters' association to settle the timetable.",
        "Crossings will leave earlier from May, the board said, after talks with",
        "Coastal Ferries Ltd and the county council about the cost of the crews.",
        "A nurse who works at the county hospital told the meeting that she and",
        "Ole Larsen, a teacher, stood in the aisle of the early boat every day.",
    ]
    text = "\n\n".join("\n".join(paragraphs[i : i + 2]) for i in range(0, len(paragraphs), 2) for _ in range(3))
    lines = split_lines(text)
    assert sum(below.stripped[:1].islower() for below in lines) == 0
    assert is_hard_wrapped(lines)


def test_a_table_printed_under_a_masthead_is_print_and_keeps_its_rows():
    masthead = "REGIONAL SPORTS BULLETIN - VOL. 12, NO. 3"
    rows = [f"{rank} {name} {points} {wins} {rank % 4} {rank + 7}" for rank, (name, points, wins) in enumerate(
        [("Anna Berg", 5040, 5), ("Tom Ruud", 5035, 7), ("Eva Lund", 5033, 4), ("Per Holm", 5027, 6),
         ("Kari Dahl", 2380, 2), ("Jon Moe", 2339, 1), ("Ida Strand", 2318, 3), ("Ola Vik", 2290, 0),
         ("Siri Bakke", 2275, 3), ("Lars Aas", 2274, 0), ("Nina Foss", 2257, 1), ("Rolf Eide", 2237, 1)], start=1)]
    text = f"{masthead}\n\nFinal standings of the season after 36 races:\nPos. Driver Points Wins Poles Top 10\n\n"
    text += "\n\n".join(rows[:7]) + f"\n{masthead}\n" + "\n\n".join(rows[7:]) + "\n\nwww.example-racing.org\n"
    result = clean_text(text)
    for row in rows:
        assert row in result.text
    assert masthead not in result.text
