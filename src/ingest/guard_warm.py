"""Imported last by the guards' fork server, and by nothing else: it loads the cleaning stack's lazy state.

The fork server can only import modules before it forks its workers, so this
import is the hook: every worker forked afterwards starts with langdetect's
profiles, the English word list and the rules loaded (``ingest.warm_start``),
instead of its first document paying for them.
"""

from ingest.warm_start import load_cleaning_state

load_cleaning_state()
