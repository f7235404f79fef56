import pytest

from ingest.input_kinds import InputKind
from ingest.normalize.reflow import reflow_hard_wraps

WRAPPED = """Iran and Russia Align

Since the end of the Cold War and the
dissolution of the Soviet Union, Russia and Iran
have maintained an ambivalent relationship.
Their cooperation over the years has covered
diverse areas of interest, ranging from
economic and trade to military and defense.
Distrust ran high and Moscow overall was
against the idea of seeing Iran acquire nuclear

weapons or the expansion of its influence over
the region, in short.

Looking Ahead

Russia became a key supplier to the Islamic
Republic. It was sending containers to Saudi

Arabia via the corridor arriving first through the
Incheh-Boroun border with Turkmenistan,
and then to Jeddah.
"""


def test_hard_wrapped_paragraphs_are_reflowed(repair):
    assert repair(reflow_hard_wraps, WRAPPED) == (
        "Iran and Russia Align\n\n"
        "Since the end of the Cold War and the dissolution of the Soviet Union, Russia and Iran have"
        " maintained an ambivalent relationship. Their cooperation over the years has covered diverse"
        " areas of interest, ranging from economic and trade to military and defense. Distrust ran high"
        " and Moscow overall was against the idea of seeing Iran acquire nuclear weapons or the"
        " expansion of its influence over the region, in short.\n\n"
        "Looking Ahead\n\n"
        "Russia became a key supplier to the Islamic Republic. It was sending containers to Saudi"
        " Arabia via the corridor arriving first through the Incheh-Boroun border with Turkmenistan,"
        " and then to Jeddah.\n"
    )


def test_short_line_ending_a_sentence_ends_the_paragraph(repair):
    new_paragraph = "the region.\nA new paragraph starts here and runs on\nfor a while.\n"
    text = WRAPPED.replace("the region, in short.\n", new_paragraph)
    assert "the region.\nA new paragraph" in repair(reflow_hard_wraps, text)


def test_heading_before_a_page_break_is_not_joined(repair):
    text = WRAPPED.replace("Looking Ahead\n\nRussia", "Looking Ahead At Russia\nRussia")
    assert "Looking Ahead At Russia\nRussia became" in repair(reflow_hard_wraps, text)


def test_one_paragraph_per_line_is_not_reflowed():
    text = "\n".join(
        f"Paragraph {i} is written on one long line as web pages do, and it ends with a full stop." for i in range(8)
    )
    assert reflow_hard_wraps(text, None) == []


def test_scripts_without_spaces_are_joined_without_one(repair):
    line = "中国和俄罗斯的关系在过去十年里发展得非常快而且很深入的合作"
    text = "\n".join([line] * 8)
    assert repair(reflow_hard_wraps, text) == line * 8


# Breaks that are wraps: (the line of WRAPPED replaced, its replacement, what the repaired text holds).
WRAPS = {
    # A narrow column: the capitalised word was too long for the line above, so it was wrapped.
    "a line left short by a long word that did not fit": (
        "have maintained an ambivalent relationship.\n",
        "have maintained an ambivalent\nCounter-Revolutionary relationship.\n",
        "have maintained an ambivalent Counter-Revolutionary relationship.",
    ),
    "a dash after a full line that stops mid-sentence is the sentence's own": (
        "against the idea of seeing Iran acquire nuclear\n",
        "— at least in public — against the idea of seeing\n",
        "Moscow overall was — at least in public — against",
    ),
}
# Breaks that are meant, after "and then to Jeddah": (its replacement, what the repaired text still holds).
MEANT_BREAKS = {
    "bullets are never glued to the line before": (
        "and then to Jeddah via\n• Port one\n• Port two\n", "Jeddah via\n• Port one\n• Port two",
    ),
    "a short line before a capital that would have fitted stays apart": (
        "and then to Jeddah.\nWith regards\nThe Editors\n", "With regards\nThe Editors",
    ),
    "dashes after a short line open list items": (
        "and then to Jeddah via\n— Port one\n— Port two\n", "Jeddah via\n— Port one\n— Port two",
    ),
    "hyphen items stay items after a full line": (
        "and then to Jeddah by sea along these routes\n- the long one around the southern cape\n- the short one\n",
        "routes\n- the long one around the southern cape\n- the short one",
    ),
}


@pytest.mark.parametrize(("line", "replacement", "joined"), WRAPS.values(), ids=WRAPS)
def test_wrapped_breaks_are_joined(repair, line, replacement, joined):
    assert joined in repair(reflow_hard_wraps, WRAPPED.replace(line, replacement))


@pytest.mark.parametrize(("replacement", "kept"), MEANT_BREAKS.values(), ids=MEANT_BREAKS)
def test_meant_breaks_stay(repair, replacement, kept):
    assert kept in repair(reflow_hard_wraps, WRAPPED.replace("and then to Jeddah.\n", replacement))


def test_a_headings_underline_is_never_joined_to_its_heading_or_to_the_next_line(repair):
    wrapped = (
        "The survey team walked to every water point in the district and wrote\n"
        "down its state, its depth and the name of the mechanic who serves it\n"
        "each season, so that the council could plan the repairs of next year\n"
    )
    text = "Water points\n============\n" + wrapped * 3
    assert repair(reflow_hard_wraps, text, kind=InputKind.PROSE).startswith("Water points\n============\nThe survey team")
