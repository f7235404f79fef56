from ingest.boilerplate import find_author, find_title

BODY = "Moscow and Tehran signed the treaty in January. Officials in both capitals praised it as a new chapter."


def test_bio_at_the_end_moves_to_metadata():
    bio = "Leyla Karimova is a senior fellow at the Caspian Institute and a lecturer in history at Baku State University."
    text = f"{BODY}\n\n{bio}"
    found = find_author(text)
    assert found is not None
    assert (found.name, found.bio, found.rule) == ("Leyla Karimova", bio, "author_bio")
    assert text[: found.start] + text[found.end :] == BODY


def test_hard_wrapped_bio_in_another_language():
    text = f"{BODY}\n\nJean-Luc Martin est chercheur associé\nà l'Institut français des relations internationales.\n"
    found = find_author(text)
    assert found is not None and found.name == "Jean-Luc Martin"
    assert found.bio == "Jean-Luc Martin est chercheur associé à l'Institut français des relations internationales."


def test_closing_sentence_about_a_person_in_the_article_is_not_a_bio():
    text = (
        "Vladimir Putin met the delegation in Moscow.\n\n"
        "Vladimir Putin is a former intelligence officer and the head of a government under sanctions."
    )
    assert find_author(text) is None


def test_byline_gives_the_name():
    text = f"Treaty Signed\n\nBy Anna Petrova and Omid Farahani | 17 January 2025\n\n{BODY}"
    found = find_author(text)
    assert found is not None and (found.name, found.bio, found.rule) == ("Anna Petrova, Omid Farahani", None, "byline")
    assert text[: found.start] + text[found.end :] == f"Treaty Signed\n\n{BODY}"


def test_sentence_starting_with_by_is_not_a_byline():
    assert find_author(f"By January the talks had stalled.\n\n{BODY}") is None


def test_title_is_the_first_line_when_it_is_a_heading():
    assert find_title(" Iran and Russia Align to Build a New Order\n\nText.") == "Iran and Russia Align to Build a New Order"
    assert find_title("### Trade Between the Countries\n\nText.") == "Trade Between the Countries"
    assert find_title(f"{BODY}\n\nA Heading Later\n\nText.") is None
    assert find_title("The treaty was signed.\n\nText.") is None
    assert find_title("") is None


def test_a_name_is_not_assembled_across_a_line_break():
    text = "A\nAnna Petrova is a professor of history at the University of Tartu."
    found = find_author(text)
    assert found is not None and found.name == "Anna Petrova" and text[: found.start] == "A"  # the bio line alone
    found = find_author("Anna Petrova is a professor of history\nat the University of Tartu.")
    assert found is not None and found.name == "Anna Petrova"


def test_bio_with_a_label_and_an_address_before_page_leftovers():
    bio = "About the author: Jason Green (jgreen@example.org) is a correspondent at the University of Vanessaberg."
    text = f"{BODY}\n\n{bio}\n\nMore stories\n\nRail links: the next decade"
    found = find_author(text)
    assert found is not None and (found.name, found.bio) == ("Jason Green", bio)
    assert text[: found.start] + text[found.end :] == f"{BODY}\n\nMore stories\n\nRail links: the next decade"


def test_bio_line_inside_a_block_of_single_lines():
    bio = "Tara Odonnell is a senior analyst at the University of Sarahchester."
    text = f"{BODY}\n{bio}\nClick here to subscribe."
    found = find_author(text)
    assert found is not None and text[found.start : found.end].strip() == bio


def test_bio_removes_the_same_authors_byline():
    text = f"Freia Schlauchin, Lecturer\n\n{BODY}\n\nFreia Schlauchin is a research director at the University of Kiel."
    found = find_author(text)
    assert found is not None and found.name == "Freia Schlauchin"
    assert [text[start:end].strip() for start, end in found.bylines] == ["Freia Schlauchin, Lecturer"]


def test_a_sentence_naming_the_person_is_not_a_byline_and_blocks_the_bio():
    text = (
        "Tara Odonnell met the delegation in Moscow.\n\n"
        f"{BODY}\n\nTara Odonnell is a senior analyst at the University of Sarahchester."
    )
    assert find_author(text) is None


def test_closing_sentence_about_a_person_several_paragraphs_from_the_end_is_not_a_bio():
    text = (
        f"Vladimir Putin met the delegation in Moscow.\n\n{BODY}\n\n"
        f"Vladimir Putin is a former intelligence officer and the head of a government.\n\n{BODY}"
    )
    assert find_author(text) is None


def test_byline_without_by_is_a_name_and_a_role_or_a_date():
    for line, name in [("David Howard, Professor", "David Howard"), ("Apollonia Schmidtke — 27.07.2025", "Apollonia Schmidtke")]:
        text = f"Treaty Signed\n{line}\n\n{BODY}"
        found = find_author(text)
        assert found is not None and (found.name, found.rule) == (name, "bare_byline")
        assert text[: found.start] + text[found.end :] == f"Treaty Signed\n{BODY}"


def test_name_and_role_line_about_someone_the_article_discusses_is_not_a_byline():
    assert find_author(f"Treaty Signed\nEmil Avdaliani, Professor\n\nEmil Avdaliani said so. {BODY}") is None
    assert find_author(f"Treaty Signed\nTehran, 12.05.2024\n\n{BODY}") is None
    assert find_author(f"Treaty Signed\nIran and Russia, Partners\n\n{BODY}") is None


def test_a_person_introduced_before_the_last_paragraph_is_not_a_bio():
    text = (
        f"{BODY}\n\nSarah Jones is a senior analyst at Capital Economics in London.\n\n"
        "“Rates will fall before the summer is out, and the currency will follow them down,” she said on Monday."
    )
    assert find_author(text) is None


def test_a_disclaimer_written_in_capitals_is_no_bio():
    """In capitals every word looks like a name: "THE SOFTWARE IS ... THE AUTHOR" is a licence's own text."""
    licence = (
        "Permission to use, copy, modify, and distribute this software for any purpose is hereby granted.\n\n"
        'THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES WITH REGARD TO THIS SOFTWARE\n'
        "INCLUDING ALL IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS."
    )
    assert find_author(licence) is None
