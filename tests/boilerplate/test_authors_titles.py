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
    assert find_author("A\nAnna Petrova is a professor of history at the University of Tartu.") is None
    found = find_author("Anna Petrova is a professor of history\nat the University of Tartu.")
    assert found is not None and found.name == "Anna Petrova"
