"""Load now what cleaning would otherwise load on a process's first document.

langdetect's 55 profiles, wordfreq's English list and the rule registry's
modules are loaded lazily, on first use: in a guard's worker, inside the first
document's CPU and wall budget. The guards' fork server loads them before it
forks (``ingest.guard_warm``), so every worker starts with them and a document's
budget counts its own work only. The process that drives the guards loads the
word list of a batch's spelling pass ahead too (``load_spelling_state``).
"""

from __future__ import annotations

# The language whose word list the first document most probably needs; others load on first use.
FIRST_WORD_LIST = "en"


def load_cleaning_state() -> None:
    """Everything the cleaning stack loads on its first document: profiles, the English word list, the rules."""
    from wordfreq import get_frequency_dict

    from ingest.language import load_profiles
    from ingest.rules import REGISTRY

    load_profiles()
    get_frequency_dict(FIRST_WORD_LIST)
    REGISTRY.all()


def load_spelling_state() -> None:
    """What a batch's spelling pass (``ingest.normalize.preferred_spellings``) loads on first use: its module and the English word list.

    That pass runs in the process that drives the guards, over the batch's decoded
    texts; loaded ahead, it no longer waits for the first batch's files to be decoded.
    """
    from wordfreq import get_frequency_dict

    import ingest.normalize  # noqa: F401  (ftfy and the repairs' modules)

    get_frequency_dict(FIRST_WORD_LIST)
