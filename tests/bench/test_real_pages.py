"""The real-page benchmark's pieces: C4's line rules, the gold labels of lines, the exported model."""

import numpy as np
import pytest

from bench.c4_line_rules import c4_clean
from bench.devset_pages import REPORTING, TUNING, half_of
from bench.train_line_classifier import export, gold_labels
from ingest.boilerplate.text_lines import split_lines
from ingest.tree_ensemble import tree_ensemble

PROSE = [
    "The council approved the budget on Tuesday after a long debate.",
    "Libraries will close one day a week from March.",
    "Residents protested outside the town hall for two hours.",
    "The mayor said the cuts were the least bad option.",
    "A review of the decision is planned for next spring!",
]


def test_c4_keeps_sentences_of_three_words_or_more_ending_in_punctuation():
    text = "\n".join(["Home | News | Sport", *PROSE, "Read more...", "Accept our privacy policy to continue."])
    assert c4_clean(text) == "\n".join(PROSE)


def test_c4_drops_a_page_of_fewer_than_five_sentences_or_with_a_curly_bracket():
    assert c4_clean("\n".join(PROSE[:4])) == ""
    assert c4_clean("\n".join([*PROSE, "The handler returns {ok: true} when called."])) == ""
    # a bracket on a line the rules already dropped does not count (the rules' order)
    assert c4_clean("\n".join([*PROSE, "var x = {a: 1};"])) == "\n".join(PROSE)


def test_the_split_is_fixed_by_the_id_hash():
    # sha256("a") ends in ...bb (odd), sha256("b") in ...9d (odd), sha256("c") in ...c6 (even).
    assert [half_of(page_id) for page_id in ("a", "b", "c")] == [REPORTING, REPORTING, TUNING]


def test_a_line_is_labelled_article_when_the_gold_body_holds_its_words_in_order():
    gold = "The council approved the budget on Tuesday after a long debate. Libraries will close."
    lines = split_lines("The council approved the budget on Tuesday\nSubscribe to our newsletter today\nLibraries will close\nHome")
    assert gold_labels(lines, gold) == [1, 0, 1, 0]


def test_the_exported_trees_score_as_scikit_learn_does():
    ensemble_module = pytest.importorskip("sklearn.ensemble")
    rng = np.random.default_rng(0)
    features = rng.normal(size=(400, 5))
    labels = (features[:, 0] + features[:, 1] * features[:, 2] > 0).astype(int)
    model = ensemble_module.GradientBoostingClassifier(n_estimators=20, max_depth=3, random_state=0).fit(features, labels)
    exported = export(model, len(labels), 0)
    probability = tree_ensemble(exported).probability(features)
    assert np.allclose(probability, model.predict_proba(features)[:, 1], atol=1e-4)
