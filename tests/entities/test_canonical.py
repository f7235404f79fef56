"""Canonicalization on hand-made spans: no model involved, so each rule is tested alone."""

import pytest

from ingest.entities.canonical import Candidate, Resolution, entity_id, name_parts, resolve_document
from ingest.entities.tagger import EntityRegistry
from ingest.entities.gazetteer import load_gazetteer


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def resolve(gazetteer, *spans):
    candidates = [Candidate(i, i + 1, label, surface) for i, (surface, label) in enumerate(spans)]
    return [(r.name, r.label) for r in resolve_document(candidates, gazetteer)]


def test_surname_joins_the_full_name_seen_in_the_same_document(gazetteer):
    assert resolve(gazetteer, ("Rajab Safarov", "PERSON"), ("Safarov", "PERSON")) == [
        ("Rajab Safarov", "PERSON"),
        ("Rajab Safarov", "PERSON"),
    ]


def test_surname_joins_even_when_it_comes_first(gazetteer):
    assert resolve(gazetteer, ("Safarov", "PERSON"), ("Rajab Safarov", "PERSON"))[0] == ("Rajab Safarov", "PERSON")


def test_same_surname_in_different_documents_names_different_people(gazetteer):
    first = resolve(gazetteer, ("John Smith", "PERSON"), ("Smith", "PERSON"))
    second = resolve(gazetteer, ("Jane Smith", "PERSON"), ("Smith", "PERSON"))
    assert first[1] == ("John Smith", "PERSON")
    assert second[1] == ("Jane Smith", "PERSON")


def test_surname_shared_by_two_people_in_one_document_is_left_alone(gazetteer):
    resolved = resolve(gazetteer, ("John Smith", "PERSON"), ("Jane Smith", "PERSON"), ("Smith", "PERSON"))
    assert resolved[2] == ("Smith", "PERSON")


def test_document_context_beats_a_gazetteer_surname(gazetteer):
    resolved = resolve(gazetteer, ("Mojtaba Khamenei", "PERSON"), ("Khamenei", "PERSON"))
    assert resolved[1] == ("Mojtaba Khamenei", "PERSON")
    assert resolve(gazetteer, ("Khamenei", "PERSON")) == [("Ali Khamenei", "PERSON")]


def test_surname_after_a_particle_joins(gazetteer):
    assert name_parts("Bashar al-Assad")[-1] == "assad"
    assert resolve(gazetteer, ("Bashar al-Assad", "PERSON"), ("Assad", "PERSON"))[1][0] == "Bashar al-Assad"


def test_a_surname_the_model_called_an_org_joins_the_person(gazetteer):
    assert resolve(gazetteer, ("Rajab Safarov", "PERSON"), ("Safarov", "NORP"))[1] == ("Rajab Safarov", "PERSON")


def test_a_country_never_joins_a_person_with_its_name(gazetteer):
    resolved = resolve(gazetteer, ("Michael Jordan", "PERSON"), ("Jordan", "GPE"))
    assert resolved == [("Michael Jordan", "PERSON"), ("Jordan", "GPE")]


def test_georgia_the_country_and_a_person_named_georgia_stay_apart(gazetteer):
    resolved = resolve(gazetteer, ("Georgia Harrison", "PERSON"), ("Georgia", "GPE"), ("Harrison", "PERSON"))
    assert resolved == [("Georgia Harrison", "PERSON"), ("Georgia", "GPE"), ("Georgia Harrison", "PERSON")]


def test_gazetteer_label_wins_over_the_model(gazetteer):
    assert resolve(gazetteer, ("BRICS", "GPE"), ("Mi-28", "GPE")) == [("BRICS", "ORG"), ("Mi-28", "PRODUCT")]


def test_amounts_and_dates_are_never_looked_up(gazetteer):
    assert resolve(gazetteer, ("US", "MONEY")) == [("US", "MONEY")]


def test_ids_depend_on_key_and_label_only():
    assert entity_id("U.S.", "GPE") == entity_id("US", "GPE")
    assert entity_id("Georgia", "GPE") != entity_id("Georgia", "PERSON")
    assert len(entity_id("Iran", "GPE")) == 16


def own(name, label="ORG"):
    return Resolution(label, name, None, from_gazetteer=False, own_spelling=True)


def test_display_name_is_the_most_frequent_own_spelling_and_ties_break_alphabetically():
    registry = EntityRegistry()
    registry.add([own("Al-Monitor"), own("Al Monitor"), own("Al Monitor"), own("Gulf Center"), own("Gulf-Center")])
    names = {e.name for e in registry.entities()}
    assert names == {"Al Monitor", "Gulf Center"}


def test_joined_spellings_do_not_vote_and_gazetteer_names_win():
    joined = Resolution("PERSON", "Rajab Safarov", None, from_gazetteer=False, own_spelling=False)
    curated = Resolution("GPE", "United States", "Q30", from_gazetteer=True, own_spelling=False)
    registry = EntityRegistry()
    registry.add([joined, joined, own("Rajab Safarov", "PERSON"), curated])
    entities = {e.name: e for e in registry.entities()}
    assert set(entities) == {"Rajab Safarov", "United States"}
    assert entities["United States"].curated and not entities["Rajab Safarov"].curated
