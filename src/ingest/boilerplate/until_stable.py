"""Run a sequence of rules again until it removes nothing more, as one rule.

Removing boilerplate can expose more: once a caption pair between two profile
fields is gone, the fields stand together and form a card. Running the sequence
to a fixed point makes cleaning idempotent, which a single pass is not: a
second cleaning would otherwise find what the first one exposed.
"""

from __future__ import annotations

from collections.abc import Sequence

from ingest.cancellation import check_stop
from ingest.rules import CleaningContext, Rule
from ingest.traced_text import Edit, TracedText

# Each pass costs one run of every rule; exposure chains longer than this do not
# occur in practice, and the bound keeps a pathological input from looping long.
MAX_PASSES = 4


def until_stable(rules: Sequence[Rule], name: str) -> Rule:
    """One rule that applies ``rules`` in order, pass after pass, until a pass changes nothing.

    The edits it returns are the accumulated changes, in the coordinates of the
    text it was given, each with the kind and rule name of the rule that made it.
    """

    def run(text: str, context: CleaningContext) -> list[Edit]:
        traced = TracedText(text)
        # A rule is pure: on the very text it last found nothing in, it would find nothing
        # again. Skipping it there spares most of the pass that confirms a fixed point.
        quiet_on: dict[int, str] = {}
        for _ in range(MAX_PASSES):
            before = traced.text
            for index, rule in enumerate(rules):
                if quiet_on.get(index) == traced.text:
                    continue
                check_stop()
                edits = rule(traced.text, context)
                if edits:
                    quiet_on.pop(index, None)
                    traced.apply(edits)
                else:
                    quiet_on[index] = traced.text
            if traced.text == before:
                break
        return [Edit(c.start, c.end, c.after, c.kind, c.rule) for c in traced.changes]

    run.__name__ = run.__qualname__ = name
    return run
