"""Repairs: text made well-formed and readable, without removing content.

``NEUTRAL_REPAIRS`` hold for any language; ``LANGUAGE_REPAIRS`` consult the
document's language and skip languages they have no word list for;
``LAYOUT_REPAIRS`` give the final paragraph layout.
"""

from __future__ import annotations

from ingest.rules import Rule

NEUTRAL_REPAIRS: list[Rule] = []
LANGUAGE_REPAIRS: list[Rule] = []
LAYOUT_REPAIRS: list[Rule] = []
