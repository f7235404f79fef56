"""Load now what cleaning would otherwise load on a process's first document.

langdetect's 55 profiles, wordfreq's English list and the rule registry's
modules are loaded lazily, on first use: in a guard's worker, inside the first
document's CPU and wall budget. The guards' fork server loads them before it
forks (``ingest.guard_warm``), so every worker starts with them and a document's
budget counts its own work only.
"""

from __future__ import annotations

# The language whose word list the first document most probably needs; others load on first use.
FIRST_WORD_LIST = "en"


def load_cleaning_state() -> None:
    """Everything the cleaning stack loads on its first document: profiles, the English word list, the rules."""
    from wordfreq import zipf_frequency

    from ingest.language import load_profiles
    from ingest.rules import REGISTRY

    load_profiles()
    # The word list is cached by the arguments as passed: asked for as the rules
    # ask (through ``zipf_frequency``), so that their first word finds it loaded.
    zipf_frequency("the", FIRST_WORD_LIST)
    REGISTRY.all()
