"""The shape every cleaning rule shares, and the registry in which every rule declares itself.

A rule reads the current text and proposes edits; it never mutates anything. The
cleaning pipeline applies the edits to a ``TracedText``, which keeps each one in
the coordinates of the raw text with the rule's name as its reason.

Every rule declares, with the ``@rule`` decorator next to its definition, what it
is: the phase it runs in and its order there, whether it removes content or
repairs the text, the kinds of change it records, and the kinds of document it
may act on (:mod:`ingest.input_kinds`: a saved page's classifier never sees a
Markdown table, an OCR repair never a typeset PDF). The rule lists that
``clean_text`` runs for each kind of document, the kinds that count as repairs,
and the pipeline's fingerprint (:mod:`ingest.fingerprint`) are all derived from
these declarations, so nothing is kept in step by hand.

How to add a rule:

1. Write ``def my_rule(text: str, context: CleaningContext) -> list[Edit]`` in a
   module of ``ingest.normalize`` (repairs) or ``ingest.boilerplate`` (removals).
   Every edit it returns carries the function's own name as ``rule`` and one of
   its declared kinds (a mismatch fails loudly when the rule runs).
2. Decorate it::

       @rule(phase=Phase.LANGUAGE_REPAIRS, order=35, effect=REPAIR, kinds="glyph", inputs=SCANNED)
       def my_rule(text, context): ...

   ``order`` places it among the phase's other rules (lower runs first; orders are
   spaced by ten to leave room). ``inputs`` names the kinds of document the rule
   was written for; the others never reach it. A rule that runs at two places
   carries one decorator for each.
3. Bump ``PIPELINE_VERSION`` in ``ingest/__init__.py`` and re-record the
   fingerprint: ``python -m ingest.fingerprint --record``.

Nothing else: the rule packages are imported whole, so no list needs the new rule.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import TypeVar

from ingest.input_kinds import InputKind
from ingest.traced_text import Change, Edit


@dataclass(frozen=True)
class CleaningContext:
    """What a rule may know beyond the text itself.

    ``language`` is an ISO 639-1 code or ``"unknown"``: rules that decide with a
    dictionary use it, and do nothing for languages they have no word list for.
    ``preferred_spellings`` maps a broken variant (``"Su35"``) to the spelling the
    corpus uses elsewhere (``"Su-35"``). ``common_lines`` holds normalized lines
    seen in many documents of the corpus: strong evidence of boilerplate.
    ``article_chosen`` says the input format already chose the article (an HTML
    extractor), so rules that look for the article's region in a page leave it be;
    ``input_kind`` is the kind of document (the rules that run are chosen by it);
    ``hyphens_lost`` says the text shows hyphens lost in extraction.
    """

    language: str = "en"
    preferred_spellings: Mapping[str, str] = field(default_factory=dict)
    common_lines: frozenset[str] = frozenset()
    # The input format already separated the article from its page (see ``Extracted.article_chosen``).
    article_chosen: bool = False
    # Set by the format that knows it, else decided by ``clean_text`` from the raw text
    # (``ingest.boilerplate.text_kind``).
    input_kind: InputKind | None = None
    # OCR text, or a text that writes one of its hyphenated names without the hyphen
    # too (``Su35`` beside ``Su-35``): its other hyphens may be lost as well. A bool,
    # or evidence whose truth is decided when first asked (``LostHyphenEvidence``).
    hyphens_lost: object = False
    # Web addresses that text typed at a column sets in from the text above them, as
    # its writer displays an address to visit: read from the raw text, before the
    # whitespace repairs take the indentation (``page_furniture.displayed_addresses``).
    displayed_addresses: frozenset[str] = frozenset()


Rule = Callable[[str, CleaningContext], list[Edit]]
RuleFunction = TypeVar("RuleFunction", bound=Rule)


class Phase(Enum):
    """The stages of cleaning that run rules, in the order ``clean_text`` runs them."""

    NEUTRAL_REPAIRS = "neutral_repairs"
    SAVED_PAGE = "saved_page"
    PAGE_FURNITURE = "page_furniture"
    LANGUAGE_REPAIRS = "language_repairs"
    BLOCK_BOILERPLATE = "block_boilerplate"
    LAYOUT = "layout"


class Effect(Enum):
    """What a rule's deletions are: content removed (``removed_spans``) or the text repaired (``edits``)."""

    REMOVAL = "removal"
    REPAIR = "repair"


REMOVAL = Effect.REMOVAL
REPAIR = Effect.REPAIR

# The packages whose modules hold the rules; each is imported whole before the registry is read.
RULE_PACKAGES = ("ingest.normalize", "ingest.boilerplate")


@dataclass(frozen=True)
class RegisteredRule:
    """A rule with what it declared; calling it runs the rule and checks its edits against the declaration."""

    function: Rule
    phase: Phase
    order: int
    effect: Effect
    kinds: frozenset[str]
    inputs: frozenset[InputKind]

    @property
    def name(self) -> str:
        return self.function.__name__

    def __call__(self, text: str, context: CleaningContext) -> list[Edit]:
        edits = self.function(text, context)
        for edit in edits:
            if edit.rule != self.name or edit.kind not in self.kinds:
                raise ValueError(
                    f"rule {self.name} returned an edit of rule {edit.rule!r}, kind {edit.kind!r}: "
                    f"its edits must carry its own name and one of its declared kinds {sorted(self.kinds)}"
                )
        return edits


class RuleRegistry:
    """The rules declared so far, by phase and order.

    Declarations are checked as they come: two rules at one place of a phase, two
    rules of one name, a rule declared twice with different effects or kinds, and a
    kind declared both as a repair and as a removal are errors, because each would
    make the derived order or the removal/repair split ambiguous.
    """

    def __init__(self, packages: Iterable[str] = ()) -> None:
        self._packages = tuple(packages)
        self._loaded = False
        self._placed: dict[tuple[Phase, int], RegisteredRule] = {}
        self._ordered: list[RegisteredRule] | None = None  # derived from _placed, reset when it grows
        self._repair_kinds: frozenset[str] | None = None

    def rule(
        self, *, phase: Phase, order: int, effect: Effect, kinds: str | Iterable[str], inputs: Iterable[InputKind]
    ) -> Callable[[RuleFunction], RuleFunction]:
        """Declare the decorated function a rule at ``order`` in ``phase`` for the ``inputs`` kinds of document.

        The function is returned unchanged.
        """
        declared = frozenset([kinds] if isinstance(kinds, str) else kinds)
        acts_on = frozenset(InputKind(kind) for kind in inputs)
        if not acts_on:
            raise ValueError("a rule must act on at least one kind of document")

        def register(function: RuleFunction) -> RuleFunction:
            self._add(RegisteredRule(function, phase, order, effect, declared, acts_on))
            return function

        return register

    def in_phase(self, phase: Phase, input_kind: InputKind | None = None) -> list[RegisteredRule]:
        """The rules of one phase, in their declared order; with ``input_kind``, those that act on that kind."""
        return [
            placed
            for placed in self.all()
            if placed.phase is phase and (input_kind is None or input_kind in placed.inputs)
        ]

    def all(self) -> list[RegisteredRule]:
        """Every placement of every rule, phase by phase in cleaning order, then by order."""
        self._load()
        if self._ordered is None:
            phases = list(Phase)
            self._ordered = sorted(self._placed.values(), key=lambda p: (phases.index(p.phase), p.order))
        return list(self._ordered)

    def inputs_of(self, function: Callable[..., object]) -> frozenset[InputKind]:
        """The kinds of document a rule function acts on, over all its placements (none if it is no rule)."""
        return frozenset(kind for placed in self.all() if placed.function is function for kind in placed.inputs)

    def repair_kinds(self) -> frozenset[str]:
        """The kinds declared by repairs: a change of these kinds is an ``edits`` row even when it only deletes."""
        if self._repair_kinds is None:
            self._repair_kinds = frozenset(kind for p in self.all() if p.effect is REPAIR for kind in p.kinds)
        return self._repair_kinds

    def _load(self) -> None:
        """Import every module of the rule packages once, so that their decorators have run."""
        if self._loaded:
            return
        self._loaded = True  # set first: a rule module imported here may itself read the registry
        try:
            for package_name in self._packages:
                package = importlib.import_module(package_name)
                for module in pkgutil.iter_modules(package.__path__):
                    importlib.import_module(f"{package_name}.{module.name}")
        except BaseException:
            self._loaded = False  # a half-loaded registry must not pass for a whole one
            raise

    def _add(self, new: RegisteredRule) -> None:
        place = (new.phase, new.order)
        taken = self._placed.get(place)
        if taken is not None and _qualified(taken.function) != _qualified(new.function):
            raise ValueError(f"{new.name} and {taken.name} are both declared at order {new.order} of {new.phase.value}")
        for placed in self._placed.values():
            if placed.name == new.name and _qualified(placed.function) != _qualified(new.function):
                raise ValueError(f"two rules are named {new.name}: rule names must be unique")
            if placed.name == new.name and (placed.effect, placed.kinds, placed.inputs) != (new.effect, new.kinds, new.inputs):
                raise ValueError(f"{new.name} is declared with different effects, kinds or inputs at two places")
            clash = placed.kinds & new.kinds if placed.effect is not new.effect else frozenset()
            if clash:
                raise ValueError(f"kind {sorted(clash)} is declared both as a repair and as a removal")
        self._placed[place] = new
        self._ordered = self._repair_kinds = None


def _qualified(function: Callable[..., object]) -> str:
    """A function's identity across a re-import of its module."""
    return f"{function.__module__}.{function.__qualname__}"


REGISTRY = RuleRegistry(RULE_PACKAGES)
rule = REGISTRY.rule


def rules_in(phase: Phase, input_kind: InputKind | None = None) -> list[RegisteredRule]:
    """The registered rules of ``phase`` in their order that act on ``input_kind``: what ``clean_text`` runs."""
    return REGISTRY.in_phase(phase, input_kind)


def is_removal(change: Change) -> bool:
    """Whether a change removed content (boilerplate) rather than repairing the text.

    Only deletions can be removals; a deletion is a repair when its kind was declared
    by a repair (a line-end hyphen, Markdown ``###``, spaces). Changes made outside the
    registered rules (HTML furniture, the author's bio) are removals.
    """
    return change.after == "" and change.kind not in REGISTRY.repair_kinds()
