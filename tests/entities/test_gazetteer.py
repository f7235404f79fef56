import json

import pytest

from ingest.entities.gazetteer import designation_variants, load_gazetteer


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def write_lines(path, records):
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def test_packaged_gazetteer_loads_with_no_spelling_claimed_twice(gazetteer):
    assert len(gazetteer.entries) > 150
    assert {"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "LAW"} <= {e.label for e in gazetteer.entries}


def test_designation_variants_cover_dropped_and_spaced_hyphens():
    assert designation_variants("Su-35") == ["Su35", "Su 35"]
    assert designation_variants("Fateh-110") == ["Fateh110", "Fateh 110"]
    assert designation_variants("Nagorno-Karabakh") == []


def test_ruler_patterns_include_variants_and_carry_the_canonical_name(gazetteer):
    patterns = {(p["pattern"], p["label"], p["id"]) for p in gazetteer.ruler_patterns()}
    assert ("Su35", "PRODUCT", "Su-35") in patterns
    assert ("INSTC", "FAC", "International North-South Transport Corridor") in patterns


def test_ambiguous_names_are_never_forced(gazetteer):
    forced = {p["pattern"] for p in gazetteer.ruler_patterns()}
    assert "Georgia" not in forced
    assert "Washington" not in forced
    assert "Assad" not in forced


def test_aliases_and_variants_resolve_to_their_entry(gazetteer):
    assert gazetteer.lookup("U.S.", "GPE").name == "United States"
    assert gazetteer.lookup("USA", "ORG").name == "United States"
    assert gazetteer.lookup("Su 35", "PRODUCT").name == "Su-35"
    assert gazetteer.lookup("EAEU", "ORG").name == "Eurasian Economic Union"


def test_loose_aliases_link_only_across_matching_person_status(gazetteer):
    assert gazetteer.lookup("Washington", "GPE").name == "Washington, D.C."
    assert gazetteer.lookup("Washington", "PERSON") is None
    assert gazetteer.lookup("Georgia", "GPE").name == "Georgia"
    assert gazetteer.lookup("Georgia", "PERSON") is None
    assert gazetteer.lookup("Assad", "PERSON").name == "Bashar al-Assad"
    assert gazetteer.lookup("Assad", "ORG") is None


def test_unknown_names_are_not_found(gazetteer):
    assert gazetteer.lookup("Atlantis", "GPE") is None


def test_a_user_file_extends_the_domain(tmp_path):
    path = write_lines(tmp_path / "g.jsonl", [{"name": "Kh-101", "label": "PRODUCT", "qid": "Q1"}])
    gazetteer = load_gazetteer(path)
    entry = gazetteer.lookup("Kh101", "PRODUCT")
    assert (entry.name, entry.qid) == ("Kh-101", "Q1")


def test_errors_name_the_line(tmp_path):
    path = write_lines(tmp_path / "g.jsonl", [{"name": "A", "label": "ORG"}, {"name": "B", "label": "WEAPON"}])
    with pytest.raises(ValueError, match="line 2: label 'WEAPON'"):
        load_gazetteer(path)


def test_a_spelling_claimed_by_two_entries_is_rejected(tmp_path):
    records = [{"name": "US", "label": "GPE"}, {"name": "Unified Systems", "label": "ORG", "aliases": ["U.S."]}]
    with pytest.raises(ValueError, match="names both"):
        load_gazetteer(write_lines(tmp_path / "g.jsonl", records))


def test_unknown_fields_are_rejected(tmp_path):
    with pytest.raises(ValueError, match="unknown fields"):
        load_gazetteer(write_lines(tmp_path / "g.jsonl", [{"name": "A", "label": "ORG", "alias": ["B"]}]))


def test_labelled_sample_offsets_give_back_the_labelled_text():
    from pathlib import Path

    sample = Path(__file__).with_name("labelled_sample.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(sample) >= 30
    for line in sample:
        paragraph = json.loads(line)
        for entity in paragraph["entities"]:
            assert paragraph["text"][entity["start"] : entity["end"]] == entity["text"]
