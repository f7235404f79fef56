"""PIPELINE_VERSION moves with the rules and the data: the recorded fingerprint must fit both."""

import shutil
from importlib import resources
from pathlib import Path

import pytest

import ingest
from ingest import fingerprint
from ingest.fingerprint import Recorded, compute_fingerprint, mismatch, normalized_source
from ingest.rules import REGISTRY, RuleRegistry


def test_the_recorded_fingerprint_fits_the_rules_the_data_and_the_version():
    problem = mismatch()
    assert problem is None, problem


def test_a_changed_data_file_changes_the_fingerprint(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(Path(str(resources.files("ingest").joinpath("data"))), data)
    before = compute_fingerprint(data=data)
    labels = data / "boilerplate_labels.json"
    labels.write_text(labels.read_text(encoding="utf-8").replace('"sommaire"', '"sommaire", "table"'), encoding="utf-8")
    assert compute_fingerprint(data=data) != before


def test_a_changed_rule_order_changes_the_fingerprint():
    reordered = RuleRegistry()
    for placed in REGISTRY.all():
        order = placed.order + 1 if placed.name == "remove_teasers" else placed.order
        reordered.rule(phase=placed.phase, order=order, effect=placed.effect, kinds=placed.kinds, inputs=placed.inputs)(placed.function)
    assert [p.order for p in reordered.all()] != [p.order for p in REGISTRY.all()]
    assert compute_fingerprint(reordered) != compute_fingerprint()


def test_comments_docstrings_and_blank_lines_do_not_count():
    plain = 'def f(x):\n    return x + "#"\n'
    annotated = '"""Module."""\n\n\ndef f(x):  # why\n    """What f does."""\n\n    return x + "#"   \n'
    assert normalized_source(annotated) == normalized_source(plain) == plain


@pytest.mark.parametrize("changed", ['def f(x):\n    return x + "-"\n', 'def f(y):\n    return y + "#"\n'])
def test_a_change_of_code_or_of_a_string_counts(changed):
    assert normalized_source(changed) != normalized_source('def f(x):\n    return x + "#"\n')


def test_a_string_used_as_a_value_is_not_taken_for_a_docstring():
    source = 'PATTERN = (\n    "a"\n)\nx = 1\n"""b"""\ny = """c"""\n'
    assert normalized_source(source) == 'PATTERN = (\n    "a"\n)\nx = 1\ny = """c"""\n'


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        (Recorded("SAME", "old"), "bump PIPELINE_VERSION and re-record the fingerprint with `python -m ingest.fingerprint --record`"),
        (Recorded("older", "old"), "re-record the fingerprint"),
        (Recorded("older", "now"), "re-record it"),
    ],
)
def test_a_stale_record_says_what_to_do(monkeypatch, stored, expected):
    monkeypatch.setattr(ingest, "PIPELINE_VERSION", "SAME")
    monkeypatch.setattr(fingerprint, "compute_fingerprint", lambda: "now")
    monkeypatch.setattr(fingerprint, "recorded", lambda: stored)
    problem = mismatch()
    assert problem is not None and expected in problem


def test_recording_a_changed_fingerprint_under_the_same_version_is_refused(monkeypatch, tmp_path):
    monkeypatch.setattr(ingest, "PIPELINE_VERSION", "v1")
    monkeypatch.setattr(fingerprint, "compute_fingerprint", lambda: "new")
    monkeypatch.setattr(fingerprint, "recorded", lambda: Recorded("v1", "old"))
    monkeypatch.setattr(fingerprint, "_record_path", lambda: tmp_path / "record.json")
    with pytest.raises(SystemExit, match="bump it"):
        fingerprint.record()
    assert fingerprint.record(same_output=True) == Recorded("v1", "new")
    monkeypatch.setattr(ingest, "PIPELINE_VERSION", "v2")
    assert fingerprint.record() == Recorded("v2", "new")
    assert '"pipeline_version": "v2"' in (tmp_path / "record.json").read_text()
