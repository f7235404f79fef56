"""Load now what cleaning would otherwise load on a process's first document.

langdetect's 55 profiles (about 0.3 s), wordfreq's English list (0.1 s) and the
rule registry's modules are loaded lazily, on first use. In a run that first use
waits in line: the guards' first document, or the batch's spelling pass, pays
for it while everything behind it waits. Loaded ahead, in a process or thread
that is otherwise waiting for its imports, they cost a run nothing.
"""

from __future__ import annotations

# The language whose word list the first document most probably needs; others load on first use.
FIRST_WORD_LIST = "en"


def load_cleaning_state() -> None:
    """Everything the cleaning stack loads on its first document: profiles, the English word list, the rules."""
    from ingest.language import load_profiles
    from ingest.rules import REGISTRY

    load_profiles()
    load_word_list()
    REGISTRY.all()


def load_word_list(language: str = FIRST_WORD_LIST) -> None:
    """wordfreq's list for ``language``, read once into wordfreq's own cache."""
    from wordfreq import get_frequency_dict

    get_frequency_dict(language)
