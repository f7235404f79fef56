"""The rule registry: declarations give the order and the removal/repair split, and are checked."""

import pytest

from ingest.clean import clean_text
from ingest.input_kinds import EVERY_KIND, SCANNED, InputKind
from ingest.rules import REGISTRY, REMOVAL, REPAIR, CleaningContext, Phase, RuleRegistry, is_removal
from ingest.traced_text import Change, Edit


def deleting(name: str, kind: str):
    """A rule named ``name`` that deletes the first character as ``kind``."""

    def rule(text: str, context: CleaningContext) -> list[Edit]:
        return [Edit(0, 1, "", kind, name)] if text else []

    rule.__name__ = rule.__qualname__ = name
    return rule


def test_a_phase_runs_its_rules_in_declared_order_whatever_the_order_of_declaration():
    registry = RuleRegistry()
    registry.rule(phase=Phase.LANGUAGE_REPAIRS, order=20, effect=REPAIR, kinds="glyph", inputs=EVERY_KIND)(deleting("second", "glyph"))
    registry.rule(phase=Phase.LANGUAGE_REPAIRS, order=10, effect=REPAIR, kinds="glyph", inputs=EVERY_KIND)(deleting("first", "glyph"))
    registry.rule(phase=Phase.NEUTRAL_REPAIRS, order=30, effect=REPAIR, kinds="unicode", inputs=EVERY_KIND)(deleting("neutral", "unicode"))
    assert [r.name for r in registry.in_phase(Phase.LANGUAGE_REPAIRS)] == ["first", "second"]
    assert [r.name for r in registry.all()] == ["neutral", "first", "second"]


def test_a_rule_may_run_at_two_places():
    registry = RuleRegistry()
    twice = deleting("twice", "unicode")
    registry.rule(phase=Phase.NEUTRAL_REPAIRS, order=10, effect=REPAIR, kinds="unicode", inputs=EVERY_KIND)(twice)
    registry.rule(phase=Phase.NEUTRAL_REPAIRS, order=50, effect=REPAIR, kinds="unicode", inputs=EVERY_KIND)(twice)
    assert [(r.name, r.order) for r in registry.all()] == [("twice", 10), ("twice", 50)]


def test_repair_kinds_are_the_kinds_repairs_declare():
    registry = RuleRegistry()
    registry.rule(phase=Phase.NEUTRAL_REPAIRS, order=10, effect=REPAIR, kinds=("unicode", "markup"), inputs=EVERY_KIND)(deleting("fix", "unicode"))
    registry.rule(phase=Phase.BLOCK_BOILERPLATE, order=10, effect=REMOVAL, kinds="teaser", inputs=EVERY_KIND)(deleting("cut", "teaser"))
    assert registry.repair_kinds() == {"unicode", "markup"}


@pytest.mark.parametrize(
    ("second_name", "order", "effect", "kinds", "message"),
    [
        ("other", 10, REPAIR, "glyph", "both declared at order 10"),
        ("same", 20, REPAIR, "spelling", "different effects, kinds or inputs"),
        ("other", 20, REMOVAL, "glyph", "both as a repair and as a removal"),
    ],
)
def test_conflicting_declarations_are_refused(second_name, order, effect, kinds, message):
    registry = RuleRegistry()
    same = deleting("same", "glyph")
    registry.rule(phase=Phase.LANGUAGE_REPAIRS, order=10, effect=REPAIR, kinds="glyph", inputs=EVERY_KIND)(same)
    second = same if second_name == "same" else deleting(second_name, "glyph")
    with pytest.raises(ValueError, match=message):
        registry.rule(phase=Phase.LANGUAGE_REPAIRS, order=order, effect=effect, kinds=kinds, inputs=EVERY_KIND)(second)


def test_two_functions_of_one_name_are_refused():
    registry = RuleRegistry()
    registry.rule(phase=Phase.LAYOUT, order=10, effect=REPAIR, kinds="whitespace", inputs=EVERY_KIND)(deleting("layout", "whitespace"))
    with pytest.raises(ValueError, match="two rules are named layout"):
        registry.rule(phase=Phase.LAYOUT, order=20, effect=REPAIR, kinds="whitespace", inputs=EVERY_KIND)(_other_layout())


def _other_layout():
    def layout(text: str, context: CleaningContext) -> list[Edit]:
        return []

    return layout


@pytest.mark.parametrize(("rule_name", "kind"), [("misnamed", "glyph"), ("checked", "spelling")])
def test_a_rule_whose_edits_do_not_match_its_declaration_fails_when_it_runs(rule_name, kind):
    registry = RuleRegistry()
    function = deleting(rule_name, kind)
    function.__name__ = "checked"
    registry.rule(phase=Phase.LANGUAGE_REPAIRS, order=10, effect=REPAIR, kinds="glyph", inputs=EVERY_KIND)(function)
    [placed] = registry.all()
    assert placed("", CleaningContext()) == []
    with pytest.raises(ValueError, match="must carry its own name"):
        placed("abc", CleaningContext())


def test_a_rule_whose_edits_match_its_declaration_runs_as_written():
    registry = RuleRegistry()
    registry.rule(phase=Phase.LANGUAGE_REPAIRS, order=10, effect=REPAIR, kinds="glyph", inputs=EVERY_KIND)(deleting("checked", "glyph"))
    [placed] = registry.all()
    assert placed("abc", CleaningContext()) == [Edit(0, 1, "", "glyph", "checked")]


def test_the_pipeline_registry_declares_every_phase_and_unique_places():
    placed = REGISTRY.all()
    assert {p.phase for p in placed} == set(Phase)
    assert len({(p.phase, p.order) for p in placed}) == len(placed)


def test_a_deletion_is_a_removal_unless_a_repair_declared_its_kind():
    assert not is_removal(Change(0, 1, "-", "", "hyphenation", "join_split_words"))
    assert not is_removal(Change(0, 3, "## ", "", "markup", "plain_markdown_headings"))
    assert is_removal(Change(0, 4, "Menu", "", "page_furniture", "remove_page_furniture"))
    assert is_removal(Change(0, 4, "Anna", "", "author", "byline"))
    assert not is_removal(Change(0, 3, "â€™", "’", "encoding", "fix_mojibake"))


def test_every_recorded_change_names_the_rule_function_that_made_it():
    text = (
        "Su-\n35 jets flew over the inter-\nnational border on Monday, officials said in a statement today.\n\n"
        "Share this article\n\nRelated posts\n• First headline here\n• Second headline here\n\n"
        "12\n\nwww.example.org\n"
    )
    names = {p.name for p in REGISTRY.all()}
    changes = clean_text(text).changes
    assert changes
    for change in changes:
        assert set(change.rule.split("+")) <= names | {"byline", "bare_byline", "author_bio"}, change


def test_a_rule_runs_only_on_the_kinds_of_document_it_declares():
    registry = RuleRegistry()
    registry.rule(phase=Phase.LANGUAGE_REPAIRS, order=10, effect=REPAIR, kinds="glyph", inputs=SCANNED)(deleting("ocr", "glyph"))
    registry.rule(phase=Phase.LANGUAGE_REPAIRS, order=20, effect=REPAIR, kinds="glyph", inputs=EVERY_KIND)(deleting("any", "glyph"))
    assert [r.name for r in registry.in_phase(Phase.LANGUAGE_REPAIRS, InputKind.OCR)] == ["ocr", "any"]
    assert [r.name for r in registry.in_phase(Phase.LANGUAGE_REPAIRS, InputKind.PDF)] == ["any"]
    with pytest.raises(ValueError, match="at least one kind"):
        registry.rule(phase=Phase.LAYOUT, order=10, effect=REPAIR, kinds="whitespace", inputs=())(deleting("none", "whitespace"))


def test_every_registered_rule_declares_the_kinds_it_acts_on_and_ocr_repairs_act_on_ocr_alone():
    for placed in REGISTRY.all():
        assert placed.inputs, placed.name
        if placed.kinds & {"glyph", "ocr_garbage"}:
            assert placed.inputs == SCANNED, placed.name
