"""Refusing runs that would mark most of the warehouse deleted: usually a wrong or unmounted source folder.

A run marks deleted every document whose file it no longer finds. Pointed at an
empty, mistyped or unmounted folder, it would mark the whole corpus deleted and
exit 0. Deleted rows are kept (``deleted_at``) and a later run over the right
folder restores them, but every reader of the corpus sees an empty warehouse in
between. Such runs are refused unless ``--allow-mass-delete`` says the deletion is
meant.
"""

from __future__ import annotations

# More than half the live documents gone in one run: far beyond what a growing,
# curated corpus loses between two nightly runs (a few files), far below what a
# wrong folder causes (all of them, or all but a handful that happen to share
# names). A corpus really pruned by half or more needs the flag once.
MASS_DELETE_SHARE = 0.5


class MassDeleteRefused(Exception):
    """The run would mark too many documents deleted; the message gives the counts and the way through."""


def check_deletions(source: str, files_seen: int, disappeared: int, live_documents: int, allowed: bool) -> None:
    """Raise ``MassDeleteRefused`` when the source is empty or more than half the live documents would go."""
    if allowed:
        return
    if files_seen == 0:
        consequence = (
            f"the run would mark all {live_documents:,} documents of the warehouse deleted" if live_documents
            else "there is nothing to ingest"
        )
        raise MassDeleteRefused(
            f"source folder {source} holds no files; {consequence}. Check the folder, or run with --allow-mass-delete"
        )
    if disappeared > MASS_DELETE_SHARE * live_documents:
        raise MassDeleteRefused(
            f"the run would mark {disappeared:,} of the warehouse's {live_documents:,} documents deleted (more "
            f"than {MASS_DELETE_SHARE:.0%}): {source} holds {files_seen:,} file{'' if files_seen == 1 else 's'}. Check the folder, or run with "
            "--allow-mass-delete"
        )
