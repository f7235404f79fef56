"""Imported last by the guards' fork server: load once what cleaning loads on its first document.

The language profiles, word lists and compiled patterns that cleaning loads
lazily cost about half a second on the first document of each process. Loaded
here, in the fork server, every guard worker forked from it starts with them
(shared copy-on-write), instead of each loading them again.
"""

from ingest.clean import clean_text

_SAMPLE = (
    "Officials said on Tuesday that the new bridge would open next spring, after\n"
    "two years of delays caused by flooding and a shortage of steel.\n\n"
    "Share this article\n\n"
    "The project, which cost more than expected, links the two halves of the city.\n"
)

clean_text(_SAMPLE)
