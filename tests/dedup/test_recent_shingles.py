"""Verified candidates' shingles kept between batches change no decision of the index, even as passages turn common."""

import copy

import numpy as np

from bench.dedup_corpus import render
from ingest.dedup import DedupIndex
from tests.dedup.dedup_helpers import make_document

FOOTER = "Subscribe to our newsletter for the latest stories from the region every morning of the week."


def batches(article):
    """A hub article, then batches of its near copies and of unrelated articles, all under one footer.

    The footer turns common (three articles hold it) after the hub was first
    verified as a candidate, so shingles kept from then on are stale.
    """
    hub = article()
    made = [[make_document("hub", render(hub) + "\n" + FOOTER)]]
    for number in range(4):
        copy_text = render(hub[:-1]) + f"\nEdited in batch {number}.\n" + FOOTER
        other = render(article()) + "\n" + FOOTER
        made.append([make_document(f"copy{number}", copy_text), make_document(f"other{number}", other)])
    return made


def decisions(made, kept):
    index = DedupIndex()
    index._recent._size = kept
    if not kept:
        index._recent._spilled = None  # nothing kept at all: every candidate shingled again
    found = []
    for batch in made:
        documents = [copy.copy(d) for d in batch]
        index.deduplicate(documents)
        found += [(d.doc_id, d.duplicate_of, d.duplicate_method, d.duplicate_similarity) for d in documents]
    return found, len(index._recent._entries)


def test_kept_shingles_give_the_decisions_of_shingling_each_candidate_again(article):
    made = batches(article)

    kept, entries = decisions(made, kept=4096)
    spilled, _ = decisions(made, kept=1)
    fresh, _ = decisions(made, kept=0)

    assert entries > 0
    assert kept == fresh
    assert spilled == fresh
    assert {doc_id for doc_id, canonical, _, _ in kept if canonical == "hub"} >= {"copy0", "copy1", "copy2", "copy3"}


class CountedTexts:
    """Texts of every document shown, counting each one read back."""

    def __init__(self):
        self.kept, self.read = {}, []

    def texts(self, doc_ids):
        self.read += [doc_id for doc_id in doc_ids if doc_id in self.kept]
        return {doc_id: self.kept[doc_id] for doc_id in doc_ids if doc_id in self.kept}

    def remember(self, documents):
        self.kept.update((d.doc_id, d.text) for d in documents)


def test_a_new_documents_shingles_serve_when_a_later_batch_is_verified_against_it(article):
    hub = article()
    texts = CountedTexts()
    index = DedupIndex(texts)
    index.deduplicate([make_document("hub", render(hub))])
    copy_text = render(hub[:-1]) + "\nEdited later."
    copy_document = make_document("copy", copy_text)

    index.deduplicate([make_document("other", render(article()))])
    index.deduplicate([copy_document])

    assert copy_document.duplicate_of == "hub"
    assert texts.read == []


def test_shingles_spilled_to_disk_serve_as_kept_ones(article):
    hub = article()
    texts = CountedTexts()
    index = DedupIndex(texts)
    index._recent._size = 1
    index.deduplicate([make_document("hub", render(hub))])
    copy_document = make_document("copy", render(hub[:-1]) + "\nEdited later.")

    index.deduplicate([make_document("other", render(article()))])  # pushes the hub's entry out of memory
    index.deduplicate([copy_document])

    assert copy_document.duplicate_of == "hub"
    assert texts.read == []
    index.close()


class CountedWrites:
    """The scratch database, counting the rows written to it."""

    def __init__(self, database):
        self._database = database
        self.inserts = 0

    def execute(self, sql, *args):
        self.inserts += sql.startswith("INSERT")
        return self._database.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._database, name)


def test_an_entry_read_back_from_disk_is_not_written_again_when_pushed_out():
    index = DedupIndex()
    recent = index._recent
    recent._size = 1
    writes = recent._spilled = CountedWrites(recent._spilled)
    shingles = {name: np.arange(number, number + 5, dtype=np.uint64) for number, name in enumerate(("a", "b", "c"))}
    for name in ("a", "b"):
        recent.keep(name, [], shingles[name])  # "b" pushes "a" out: written
    assert writes.inserts == 1

    assert np.array_equal(recent.cached("a"), shingles["a"])  # read back; pushes "b" out: written
    recent.keep("c", [], shingles["c"])  # pushes "a" out again: its row already holds it
    assert writes.inserts == 2
    assert np.array_equal(recent.cached("a"), shingles["a"])
    assert np.array_equal(recent.cached("b"), shingles["b"])
    index.close()


def test_an_entry_changed_after_it_was_read_back_is_written_again():
    index = DedupIndex()
    recent = index._recent
    recent._size = 1
    writes = recent._spilled = CountedWrites(recent._spilled)
    first, second = np.arange(5, dtype=np.uint64), np.arange(10, 15, dtype=np.uint64)
    recent.keep("a", [], first)
    recent.keep("b", [], first)
    recent.cached("a")
    recent.keep("a", [], second)  # shingled again: the row on disk is stale
    recent.keep("c", [], first)
    assert writes.inserts == 3
    assert np.array_equal(recent.cached("a"), second)
    index.close()


def test_candidates_checked_together_get_what_each_checked_alone_gets(monkeypatch):
    """Kept in memory, spilled, never kept, and stale (a passage turned common since): all in one call."""
    from ingest.dedup import scratch
    from ingest.dedup.passages import Line

    monkeypatch.setattr(scratch, "KEYS_A_QUERY", 2)  # spilled rows read in several queries
    index = DedupIndex()
    recent = index._recent
    recent._size = 2
    shingles = {name: np.arange(number, number + 5, dtype=np.uint64) for number, name in enumerate("abcde")}
    for number, name in enumerate("abcde"):
        recent.keep(name, [Line(f"passage {name}", 100 + number)], shingles[name])  # a, b, c spilled; d, e kept
    for _ in range(3):
        index._passages.count_document([102, 104])  # c's and e's passages are common now: their entries are stale

    found = recent.cached_many(["e", "a", "unknown", "c", "d", "b", "a"])

    assert sorted(found) == ["a", "b", "d"]
    assert all(np.array_equal(found[name], shingles[name]) for name in found)
    assert recent.cached("c") is None and recent.cached("e") is None  # forgotten, on disk and in memory
    assert np.array_equal(recent.cached("b"), shingles["b"])
    index.close()
