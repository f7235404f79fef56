"""Running a rule sequence to a fixed point: the result, and which rules run again."""

from ingest.boilerplate.until_stable import until_stable
from ingest.rules import CleaningContext
from ingest.traced_text import Edit, TracedText


def removal_of(word: str, calls: list[str]):
    """A rule removing the first ``word`` line it finds, logging each call."""

    def rule(text: str, context: CleaningContext) -> list[Edit]:
        calls.append(word)
        start = text.find(word + "\n")
        return [Edit(start, start + len(word) + 1, "", "test", word)] if start >= 0 else []

    return rule


def run(rules, text: str) -> str:
    traced = TracedText(text)
    traced.apply(until_stable(rules, "sequence")(text, CleaningContext()))
    return traced.text


def test_runs_until_a_pass_removes_nothing():
    calls: list[str] = []
    # each rule removes one line a call: the second "b" takes a second pass
    rules = [removal_of("b", calls), removal_of("a", calls)]
    assert run(rules, "keep\nb\na\nb\n") == "keep\n"


def test_a_rule_is_not_run_again_on_the_text_it_found_nothing_in():
    calls: list[str] = []
    rules = [removal_of("x", calls), removal_of("a", calls), removal_of("y", calls)]
    assert run(rules, "keep\na\n") == "keep\n"
    # pass one: x finds nothing, a removes its line, y finds nothing in the new text;
    # pass two: x sees a changed text and runs, a finds nothing, y's text is the one it
    # already searched, so it is not run again
    assert calls == ["x", "a", "y", "x", "a"]
