"""Words the rules know in several languages come from the data files, and still decide as before."""

import json
from importlib import resources

import pytest

from ingest.boilerplate import find_author
from ingest.boilerplate.calls_to_action import remove_calls_to_action
from ingest.boilerplate.page_furniture import _is_copyright_notice, _is_page_number
from ingest.entities.names import trim_span

LABELS = json.loads(resources.files("ingest").joinpath("data", "boilerplate_labels.json").read_text(encoding="utf-8"))
PROSE = "The ministers met in Baku on Monday and agreed to extend the rail link to the border by next year."


@pytest.mark.parametrize("line", ["Page 3", "Seite 3 von 12", "pág. 7", "стр. 12", "- 14 -", "3 / 12"])
def test_page_numbers_in_several_languages(line):
    assert _is_page_number(line)


@pytest.mark.parametrize("line", ["Chapter 3", "Seiten 3 bis 12", "3 days"])
def test_near_misses_are_not_page_numbers(line):
    assert not _is_page_number(line)


@pytest.mark.parametrize("phrase", LABELS["rights_reserved"])
def test_every_listed_rights_phrase_makes_a_copyright_notice(phrase):
    assert _is_copyright_notice(f"© 2024 Example Media. {phrase.capitalize()}.")
    assert _is_copyright_notice(phrase.upper())


def test_a_share_bar_in_german_is_removed(run_rule):
    assert run_rule(remove_calls_to_action, f"{PROSE}\n\nTeilen auf Facebook | X | WhatsApp\n") == PROSE


def test_a_name_particle_from_the_list_is_part_of_a_byline():
    found = find_author(f"By Hassan bin Talal\n\n{PROSE}\n\n{PROSE}\n")
    assert found is not None and found.name == "Hassan bin Talal"


def test_title_words_come_from_the_data_file():
    text = "Foreign Minister Abbas Araghchi"
    assert text[slice(*trim_span(text, 0, len(text), "PERSON"))] == "Abbas Araghchi"
