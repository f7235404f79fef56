"""The deduplication index: every document seen so far, matched against each new batch.

A document is compared, in this order, by raw bytes, by normalized clean text,
and by MinHash LSH over the shingles of its body (``comparison``) with each
candidate verified by the real Jaccard and containment of the two shingle sets.
Every verified match joins the two documents' clusters; each cluster's
canonical copy is its best-ranked member (``clusters.Rank``). The band entries,
exact hashes, ranks and clusters of the indexed documents live in private SQLite
databases on disk (``scratch``), so the process's memory does not grow with
them; texts are never kept: a candidate's text is read back when it must be
verified (from the current batch, the previous one, or the warehouse).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Protocol

import duckdb
import numpy as np

from ingest.dedup import store
from ingest.dedup.clusters import Clusters, DocumentNumbers, Rank
from ingest.dedup.comparison import (
    COMMON_PASSAGE_DOCUMENTS,
    Similarity,
    comparison_shingles,
    is_near_duplicate,
    measure,
    measures,
)
from ingest.dedup.evidence import DedupEvidence, text_digest
from ingest.dedup.exact import CompactKeys, ExactIndex, ExactKeys, compact, exact_keys
from ingest.dedup.minhash_index import LSH_BANDS, LSH_ROWS, NUM_PERM, SEED, CandidateIndex, signature
from ingest.dedup.outcome import DedupOutcome, DuplicateRow, Edge, SignatureRow
from ingest.dedup.passages import KnownPassages, Line, normalized_lines, passages_of_lines
from ingest.dedup.scratch import rows_with_keys, scratch_database
from ingest.dedup.shingles import SHINGLE_HASH, SHINGLE_WORDS
from ingest.document import Document
from ingest.warehouse import lifted_memory_limit

NEAR = "near"
# Recorded with each signature: a change of shingling or MinHash parameters makes
# stored signatures incomparable, and rows of another scheme are recomputed.
SCHEME = f"lines-words{SHINGLE_WORDS}-{SHINGLE_HASH}-minhash{NUM_PERM}-seed{SEED}-bands{LSH_BANDS}x{LSH_ROWS}"


class TextSource(Protocol):
    """Clean texts of indexed documents, by doc_id (those it has; others are absent)."""

    def texts(self, doc_ids: Sequence[str]) -> dict[str, str]: ...

    def remember(self, documents: Sequence[Document]) -> None: ...


class MemoryTexts:
    """Keeps every text it is shown: for an index without a warehouse (tests, one-off jobs)."""

    def __init__(self) -> None:
        self._texts: dict[str, str] = {}

    def texts(self, doc_ids: Sequence[str]) -> dict[str, str]:
        return {doc_id: self._texts[doc_id] for doc_id in doc_ids if doc_id in self._texts}

    def remember(self, documents: Sequence[Document]) -> None:
        self._texts.update((d.doc_id, d.text) for d in documents)


class WarehouseTexts:
    """Reads texts from the warehouse's ``documents``; keeps only the latest batch's in memory.

    The flow writes each batch's documents before deduplicating the next, so the
    warehouse has every earlier document; the latest batch is kept as well so a
    caller that loads it later still gets correct matches. The runner commits
    each batch, and a committed text is one primary-key probe. Rows of a
    transaction still open are not: DuckDB scans the transaction's own storage
    for them, and once that storage outgrows the writer's buffer pool each read
    goes back to disk (about half a second a batch with 40,000 documents
    uncommitted), so a caller holding one transaction over many batches pays
    that for every batch.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self._con = con
        self._latest: dict[str, str] = {}

    def texts(self, doc_ids: Sequence[str]) -> dict[str, str]:
        found = {doc_id: self._latest[doc_id] for doc_id in doc_ids if doc_id in self._latest}
        missing = [doc_id for doc_id in doc_ids if doc_id not in found]
        if missing:
            found.update(store.fetch_texts(self._con, missing))
        return found

    def remember(self, documents: Sequence[Document]) -> None:
        self._latest = {d.doc_id: d.text for d in documents}


# Documents whose comparison shingles are kept in memory after they were indexed
# or verified as a candidate: pages that share furniture are candidates of batch
# after batch, and re-reading and re-shingling them was most of the run process's
# CPU (58 % at 2,000 generated documents). About 8 KB a document; more keeps more
# hubs, at that cost. Entries pushed out are spilled to a scratch database on disk
# (``scratch``), read back when the document is a candidate again: at 10,000
# generated documents most candidates were older than the last 4,096, and
# shingling them again from the warehouse's text was 30 % of the run process's CPU.
RECENT_SHINGLES_DOCUMENTS = 4096


class _RecentShingles:
    """Comparison shingles of indexed documents, reused while the passages they leave out are unchanged.

    A document's comparison shingles depend on its text and on which of its
    passages are common in the corpus now; an entry keeps the passages and
    which of them were common, and is used only while that is still so. The
    most recently used entries are in memory, the others on disk (8 KB a
    document there, deleted with the index).
    """

    def __init__(
        self, document_counts: Callable[[list[int]], np.ndarray], size: int = RECENT_SHINGLES_DOCUMENTS, spill: bool = True
    ) -> None:
        self._document_counts = document_counts
        self._size = size
        self._entries: OrderedDict[str, tuple[list[int], np.ndarray, np.ndarray]] = OrderedDict()
        # Entries in memory whose row on disk holds the same: pushed out again, they need no write.
        self._on_disk: set[str] = set()
        self._spilled = (
            scratch_database(
                "CREATE TABLE spilled (doc_id TEXT PRIMARY KEY, counted BLOB NOT NULL, common BLOB NOT NULL,"
                " shingles BLOB NOT NULL) WITHOUT ROWID;"
            )
            if spill else None
        )

    def cached(self, doc_id: str) -> np.ndarray | None:
        return self.cached_many([doc_id]).get(doc_id)

    def cached_many(self, doc_ids: Sequence[str]) -> dict[str, np.ndarray]:
        """The shingles of those of ``doc_ids`` that have a current entry, in memory or on disk.

        A batch's candidates are checked together: their passages' counts are
        looked up in one call and their spilled rows read in a few queries, not
        one of each a candidate (the check was the larger part of their cost).
        """
        found = {doc_id: (entry, doc_id in self._on_disk) for doc_id in doc_ids if (entry := self._entries.get(doc_id))}
        unread = [doc_id for doc_id in dict.fromkeys(doc_ids) if doc_id not in found]
        found.update((doc_id, (entry, True)) for doc_id, entry in self._read_spilled(unread).items())
        current: dict[str, np.ndarray] = {}
        for (doc_id, (entry, on_disk)), common in zip(found.items(), self._common_now([entry for entry, _ in found.values()])):
            _, common_then, shingles = entry
            if np.array_equal(common, common_then):
                self._remember(doc_id, entry, on_disk)
                current[doc_id] = shingles
            else:
                self.forget([doc_id])
        return current

    def _common_now(self, entries: list[tuple[list[int], np.ndarray, np.ndarray]]) -> list[np.ndarray]:
        """Which of each entry's passages are common now, all looked up in one call."""
        if not entries:
            return []
        every = [passage for counted, _, _ in entries for passage in counted]
        ends = np.cumsum([len(counted) for counted, _, _ in entries])
        return np.split(self._common(every), ends[:-1])

    def shingle(self, doc_id: str, text: str) -> np.ndarray:
        lines = normalized_lines(text)
        shingles = comparison_shingles(text, lines, self._document_counts)
        self.keep(doc_id, lines, shingles)
        return shingles

    def keep(self, doc_id: str, lines: list[Line], shingles: np.ndarray) -> None:
        """Remember shingles just computed from ``lines`` with the passage counts as they stand now."""
        counted = [line.passage_hash for line in lines if line.passage_hash is not None]
        self._remember(doc_id, (counted, self._common(counted), shingles))

    def forget(self, doc_ids: Iterable[str]) -> None:
        """Drop the entries of documents whose text may have changed."""
        doc_ids = list(doc_ids)
        for doc_id in doc_ids:
            self._entries.pop(doc_id, None)
            self._on_disk.discard(doc_id)
        if self._spilled is not None:
            self._spilled.executemany("DELETE FROM spilled WHERE doc_id = ?", ((doc_id,) for doc_id in doc_ids))

    def close(self) -> None:
        if self._spilled is not None:
            self._spilled.close()

    def _remember(self, doc_id: str, entry: tuple[list[int], np.ndarray, np.ndarray], on_disk: bool = False) -> None:
        self._entries[doc_id] = entry
        self._entries.move_to_end(doc_id)
        if on_disk:
            self._on_disk.add(doc_id)
        else:
            self._on_disk.discard(doc_id)
        while len(self._entries) > self._size:
            self._spill(*self._entries.popitem(last=False))

    def _spill(self, doc_id: str, entry: tuple[list[int], np.ndarray, np.ndarray]) -> None:
        """Write a pushed-out entry to disk, unless its row there already holds it (it was read back from there).

        Most candidates are read back from disk and pushed out again a batch later:
        rewriting the same row each time was most of the spilling's cost.
        """
        if doc_id in self._on_disk:
            self._on_disk.discard(doc_id)
            return
        if self._spilled is None:
            return
        counted, common, shingles = entry
        self._spilled.execute(
            "INSERT OR REPLACE INTO spilled VALUES (?, ?, ?, ?)",
            (doc_id, np.asarray(counted, dtype=np.int64).tobytes(), common.tobytes(), shingles.tobytes()),
        )

    def _read_spilled(self, doc_ids: Sequence[str]) -> dict[str, tuple[list[int], np.ndarray, np.ndarray]]:
        if self._spilled is None:
            return {}
        rows = rows_with_keys(self._spilled, "SELECT doc_id, counted, common, shingles FROM spilled", "doc_id", doc_ids)
        read = {
            doc_id: (np.frombuffer(counted, dtype=np.int64).tolist(), np.frombuffer(common, dtype=bool), np.frombuffer(shingles, dtype=np.uint64))
            for doc_id, counted, common, shingles in rows
        }
        return {doc_id: read[doc_id] for doc_id in doc_ids if doc_id in read}  # in the order asked

    def _common(self, counted: list[int]) -> np.ndarray:
        if not counted:
            return np.zeros(0, dtype=bool)
        return self._document_counts(counted) >= COMMON_PASSAGE_DOCUMENTS


class DedupIndex:
    """Signatures, exact hashes and duplicate clusters of every document indexed so far."""

    def __init__(self, texts: TextSource | None = None) -> None:
        self._texts: TextSource = texts if texts is not None else MemoryTexts()
        self._clusters = Clusters()
        self._candidates = CandidateIndex()
        self._exact = ExactIndex()
        self._number_of = DocumentNumbers()
        self._edges: dict[int, Edge] = {}
        self._next_batch = 1
        self._pending = DedupOutcome()
        self._shelved: set[str] = set()
        self._passages = KnownPassages()
        self._recent = _RecentShingles(lambda hashes: self._passages.document_counts(hashes))

    @classmethod
    def from_warehouse(cls, con: duckdb.DuckDBPyConnection) -> DedupIndex:
        """An index of every live document already loaded, from its stored signature.

        Old documents are not re-shingled: only those without a signature of the
        current ``SCHEME`` (loaded before deduplication existed, or under other
        parameters) get one computed from their stored text, written with the
        first batch's outcome. Deleted documents are left out: the copies of a
        deleted canonical document regroup under their best-ranked member, and
        that change too is written with the first outcome.
        """
        index = cls(WarehouseTexts(con))
        with lifted_memory_limit(con):
            index._load_stored(con)
        return index

    def _load_stored(self, con: duckdb.DuckDBPyConnection) -> None:
        """Fill the index with the warehouse's live documents (see ``from_warehouse``)."""
        self._passages = KnownPassages(*store.passage_counts(con))
        stored_canonical: dict[str, str | None] = {}
        for row in store.indexed_documents(con, SCHEME):
            number = self._add(row.doc_id, Rank(row.rank_batch, -row.rank_chars, row.doc_id), compact(row.keys))
            sig = row.signature
            if sig is None:
                shingles = self.comparison_shingles(row.text or "")
                sig = signature(shingles)
                self._pending.signatures.append(self._signature_row(number, shingles, sig, row.keys))
            self._exact.add(number, compact(row.keys))
            self._candidates.add(number, sig)
            if row.edge is not None:
                self._edges[number] = row.edge
            stored_canonical[row.doc_id] = row.canonical_id
            self._next_batch = max(self._next_batch, row.rank_batch + 1)
        self._rebuild_clusters(stored_canonical)
        self._pending.stored = set(stored_canonical)
        self._shelved = set(store.deleted_documents(con))

    def deduplicate(self, batch: list[Document], evidence: Mapping[str, DedupEvidence] | None = None) -> DedupOutcome:
        """Mark the duplicates in a batch of cleaned documents and add the batch to the index.

        Sets ``duplicate_of``, ``duplicate_method`` and ``duplicate_similarity`` on
        every document of the batch (``None`` for canonical ones) and returns the
        rows to persist. A document already indexed under the same doc_id with the
        same text keeps its role untouched; one whose text changed is matched
        again, keeping its original rank. ``evidence`` (by doc_id, from
        ``dedup.evidence``, computed by the workers) spares the hashing of
        documents whose text it was computed from; the outcome is the same.
        """
        evidence = evidence or {}
        self._recent.forget(d.doc_id for d in batch)
        outcome, self._pending = self._pending, DedupOutcome()
        outcome.stored |= {d.doc_id for d in batch if d.doc_id in self._number_of or d.doc_id in self._shelved}
        batch_number = self._next_batch
        self._next_batch += 1
        ordered = sorted(batch, key=lambda d: self._rank_for(d, batch_number))
        evidence = {d.doc_id: evidence[d.doc_id] for d in batch if _evidence_holds(evidence.get(d.doc_id), d.text)}
        keys = {
            d.doc_id: ExactKeys(d.content_sha256, evidence[d.doc_id].text_sha256) if d.doc_id in evidence
            else exact_keys(d.content_sha256, d.text)
            for d in ordered
        }
        lines = {d.doc_id: evidence[d.doc_id].lines if d.doc_id in evidence else normalized_lines(d.text) for d in batch}
        outcome.passages = {doc_id: passages_of_lines(found) for doc_id, found in lines.items()}
        outcome.new_passages = self._passages.record_new(p for found in outcome.passages.values() for p in found)
        matched = [d for d in ordered if self._needs_matching(d, keys[d.doc_id])]
        reused = {d.doc_id for d in matched if d.doc_id in evidence and not self._has_common_passages(lines[d.doc_id])}
        shingles = {
            d.doc_id: evidence[d.doc_id].shingles if d.doc_id in reused else self._comparison_shingles(d.text, lines[d.doc_id])
            for d in matched
        }
        signatures = {
            doc_id: evidence[doc_id].signature if doc_id in reused else signature(values) for doc_id, values in shingles.items()
        }
        # A new document is most often verified next as another batch's candidate:
        # kept now, its shingles need not be read back and computed again then.
        for doc_id, values in shingles.items():
            self._recent.keep(doc_id, lines[doc_id], values)
        verifier = _Verifier(self._texts, shingles, self._recent)
        verifier.prefetch(self._doc_ids(self._outside_candidates(signatures, keys, {d.doc_id for d in batch})))
        moved: set[int] = set()
        for document in ordered:
            if document.doc_id not in shingles:
                continue
            number = self._admit(document, compact(keys[document.doc_id]), batch_number, moved)
            moved.update(self._match(number, document, shingles[document.doc_id], signatures[document.doc_id], verifier))
            outcome.signatures.append(self._signature_row(number, shingles[document.doc_id], signatures[document.doc_id], keys[document.doc_id]))
        self._texts.remember(batch)
        self._count_passages(outcome, shingles)
        self._fill_outcome(outcome, batch, moved)
        return outcome

    def forget(self, doc_ids: Iterable[str]) -> DedupOutcome:
        """Take documents whose source disappeared out of the index; returns the rows to write now.

        A forgotten document is never matched again and is no longer any
        cluster's canonical copy: its copies regroup under their best-ranked
        remaining member, and the returned outcome re-points their rows (it also
        carries what loading the index queued). Call it before the run's first
        batch, so no new document joins a cluster through a deleted one. The
        forgotten document's own rows stay as they were, for the record.
        """
        outcome, self._pending = self._pending, DedupOutcome()
        forgotten: set[str] = set()
        moved: set[int] = set()
        for doc_id in doc_ids:
            number = self._number_of.pop(doc_id, None)
            if number is None:
                continue
            self._recent.forget([doc_id])
            forgotten.add(doc_id)
            self._shelved.add(doc_id)
            self._exact.remove(number, self._exact.keys_of(number))
            self._candidates.remove(number)
            moved.update(self._leave_cluster(number))
        moved_ids = (set(outcome.moved) | set(self._doc_ids(moved))) - forgotten
        outcome.moved = {doc_id: self._canonical_or_none(doc_id) for doc_id in sorted(moved_ids)}
        outcome.touched = list(outcome.moved)
        outcome.stored |= moved_ids
        outcome.duplicates = self._duplicate_rows(outcome.touched)
        return outcome

    def comparison_shingles(self, text: str) -> np.ndarray:
        """The shingles the index compares a text on, leaving out passages now common in the corpus."""
        return self._comparison_shingles(text, normalized_lines(text))

    def similarity(self, left_text: str, right_text: str) -> Similarity:
        """The measures the index would decide a pair of texts on, with what it knows of the corpus now."""
        return measure(self.comparison_shingles(left_text), self.comparison_shingles(right_text))

    def canonical_of(self, doc_id: str) -> str:
        """The canonical copy of an indexed document (itself when it is canonical)."""
        number = self._number_of[doc_id]
        return self._clusters.rank(self._clusters.canonical(number)).doc_id

    def __len__(self) -> int:
        return len(self._number_of)

    def close(self) -> None:
        """Delete the index's databases on disk (also done when the index is garbage collected)."""
        self._candidates.close()
        self._exact.close()
        self._clusters.close()
        self._number_of.close()
        self._recent.close()

    # -- admitting and matching -------------------------------------------------

    def _rank_for(self, document: Document, batch_number: int) -> Rank:
        number = self._number_of.get(document.doc_id)
        if number is not None:
            return self._clusters.rank(number)
        return Rank(batch_number, -len(document.text), document.doc_id)

    def _has_common_passages(self, lines: list[Line]) -> bool:
        counted = [line.passage_hash for line in lines if line.passage_hash is not None]
        return bool(counted) and bool((self._passages.document_counts(counted) >= COMMON_PASSAGE_DOCUMENTS).any())

    def _comparison_shingles(self, text: str, lines: list[Line]) -> np.ndarray:
        return comparison_shingles(text, lines, self._passages.document_counts)

    def _count_passages(self, outcome: DedupOutcome, matched: dict[str, np.ndarray]) -> None:
        """Count the passages of the batch's documents that were matched and stand as canonical copies.

        A copy's passages are its article's, counted once already; counting
        them again would make a syndicated article look like boilerplate.
        """
        for doc_id in matched:
            if self.canonical_of(doc_id) == doc_id:
                self._passages.count_document(p.passage_hash for p in outcome.passages[doc_id])

    def _needs_matching(self, document: Document, keys: ExactKeys) -> bool:
        number = self._number_of.get(document.doc_id)
        return number is None or self._exact.keys_of(number) != compact(keys)

    def _admit(self, document: Document, keys: CompactKeys, batch_number: int, moved: set[int]) -> int:
        """The document's number, as a fresh singleton; a changed document leaves its old cluster."""
        number = self._number_of.get(document.doc_id)
        if number is None:
            return self._add(document.doc_id, Rank(batch_number, -len(document.text), document.doc_id), keys)
        self._exact.remove(number, self._exact.keys_of(number))
        self._candidates.remove(number)
        moved.update(self._leave_cluster(number))
        self._exact.set_keys(number, keys)
        return number

    def _leave_cluster(self, number: int) -> list[int]:
        """Make a document a singleton; returns the documents whose canonical changed (itself included)."""
        changed = self._clusters.detach(number)
        for other in changed:
            if self._clusters.canonical(other) == other:
                self._edges.pop(other, None)
            # A copy takes over the exact hashes the document represented, if it did.
            if other != number:
                self._exact.add(other, self._exact.keys_of(other))
        self._edges.pop(number, None)
        return changed

    def _add(self, doc_id: str, rank: Rank, keys: CompactKeys) -> int:
        number = self._clusters.add(rank)
        self._number_of[doc_id] = number
        self._exact.set_keys(number, keys)
        return number

    def _match(self, number: int, document: Document, shingles: np.ndarray, sig: np.ndarray, verifier: _Verifier) -> set[int]:
        """Join the document to every cluster it matches; returns the documents whose canonical changed."""
        moved: set[int] = set()
        keys = self._exact.keys_of(number)
        exact = self._exact.match(keys)
        if exact is not None and exact[1] != number:
            method, other = exact
            moved.update(self._join(number, other, Edge(method, 1.0, self._doc_id(other), 1.0, 1.0, None)))
        else:
            for other, found in self._near_matches(number, shingles, sig, verifier):
                contained = self._doc_id(number if found.left_contained else other)
                edge = Edge(NEAR, found.containment, self._doc_id(other), found.jaccard, found.containment, contained)
                moved.update(self._join(number, other, edge))
        self._exact.add(number, keys)
        self._candidates.add(number, sig)
        return moved

    def _near_matches(self, number: int, shingles: np.ndarray, sig: np.ndarray, verifier: _Verifier) -> list[tuple[int, Similarity]]:
        """Verified near duplicates among the LSH candidates, the most similar of each cluster, best-ranked cluster first.

        Joining the best-ranked cluster first makes every later join demote a
        root whose recorded match is with this document itself: the row of a
        demoted root names this document and the measures of its match with the
        root (or with the member of the root's group it matched best).
        """
        rank = self._clusters.rank
        candidates = sorted((c for c in self._candidates.candidates(sig) if c != number), key=rank)
        best_by_cluster: dict[int, tuple[int, Similarity]] = {}
        measured = measures(shingles, [verifier.shingles(self._doc_id(other)) for other in candidates])
        roots = self._clusters.canonicals(candidates)
        for other, found in zip(candidates, measured):
            root = roots[other]
            if root in best_by_cluster and best_by_cluster[root][1].jaccard == 1.0:
                continue
            if is_near_duplicate(found) and (root not in best_by_cluster or _stronger(found, best_by_cluster[root][1])):
                best_by_cluster[root] = (other, found)
        return [best_by_cluster[root] for root in sorted(best_by_cluster, key=rank)]

    def _join(self, number: int, other: int, edge: Edge) -> list[int]:
        """Union two clusters; a demoted root records the match that brought its group in."""
        _, moved = self._clusters.union(number, other)
        for document in moved:
            if document not in self._edges:
                self._edges[document] = edge if document == number else edge._replace(matched_id=self._doc_id(number))
        return moved

    def _outside_candidates(self, signatures: dict[str, np.ndarray], keys: dict[str, ExactKeys], batch_ids: set[str]) -> set[int]:
        """Indexed documents outside the batch that its documents will be verified against.

        An exact copy of an indexed document is joined without verification, so
        its candidates are left out (the verifier still reads any it turns out to need).
        """
        found: set[int] = set()
        for doc_id, sig in signatures.items():
            exact = self._exact.match(compact(keys[doc_id]))
            if exact is None or exact[1] == self._number_of.get(doc_id):
                found.update(self._candidates.candidates(sig))
        return {n for n in found if self._doc_id(n) not in batch_ids}

    # -- rows ----------------------------------------------------------------------

    def _fill_outcome(self, outcome: DedupOutcome, batch: list[Document], moved: set[int]) -> None:
        batch_ids = [d.doc_id for d in batch]
        in_batch = set(batch_ids)
        outcome.batch_doc_ids = batch_ids
        outcome.signatures = list({row.doc_id: row for row in outcome.signatures}.values())
        for document in batch:
            row = self._duplicate_row(self._number_of[document.doc_id])
            document.duplicate_of = row.canonical_id if row else None
            document.duplicate_method = row.method if row else None
            document.duplicate_similarity = row.similarity if row else None
        moved_ids = set(outcome.moved) | set(self._doc_ids(moved))
        outcome.moved = {doc_id: self._canonical_or_none(doc_id) for doc_id in sorted(moved_ids - in_batch)}
        outcome.touched = [*batch_ids, *outcome.moved]
        outcome.stored |= set(outcome.moved)
        outcome.duplicates = self._duplicate_rows(outcome.touched)

    def _canonical_or_none(self, doc_id: str) -> str | None:
        canonical = self.canonical_of(doc_id)
        return None if canonical == doc_id else canonical

    def _duplicate_rows(self, doc_ids: Iterable[str]) -> list[DuplicateRow]:
        rows = (self._duplicate_row(self._number_of[doc_id]) for doc_id in doc_ids)
        return [row for row in rows if row is not None]

    def _duplicate_row(self, number: int) -> DuplicateRow | None:
        root = self._clusters.canonical(number)
        if root == number:
            return None
        edge = self._edges[number]
        return DuplicateRow(self._doc_id(number), self._doc_id(root), *edge)

    def _signature_row(self, number: int, shingles: np.ndarray, sig: np.ndarray, keys: ExactKeys) -> SignatureRow:
        rank = self._clusters.rank(number)
        return SignatureRow(rank.doc_id, SCHEME, rank.batch, -rank.negative_chars, keys.content_sha256, keys.text_hash, len(shingles), sig)

    def _doc_id(self, number: int) -> str:
        return self._clusters.rank(number).doc_id

    def _doc_ids(self, numbers: Iterable[int]) -> list[str]:
        return [self._doc_id(n) for n in numbers]

    # -- loading -------------------------------------------------------------------

    def _rebuild_clusters(self, stored_canonical: dict[str, str | None]) -> None:
        """Re-form the stored clusters; a stored role that no longer holds is queued for writing."""
        stand_ins: dict[str, int] = {}
        for doc_id, canonical_id in stored_canonical.items():
            if canonical_id is None:
                continue
            number = self._number_of[doc_id]
            # A deleted canonical is not loaded: its first copy stands in for it,
            # and the union promotes the best-ranked copy of the group.
            other = self._number_of.get(canonical_id, stand_ins.setdefault(canonical_id, number))
            self._clusters.union(number, other)
        for doc_id, canonical_id in stored_canonical.items():
            number = self._number_of[doc_id]
            if self._clusters.canonical(number) == number:
                self._edges.pop(number, None)
            now = self._canonical_or_none(doc_id)
            if now != canonical_id:
                self._pending.moved[doc_id] = now
        self._pending.touched = list(self._pending.moved)
        self._pending.duplicates = self._duplicate_rows(self._pending.touched)


def _stronger(found: Similarity, best: Similarity) -> bool:
    return (found.containment, found.jaccard) > (best.containment, best.jaccard)


class _Verifier:
    """Comparison shingle sets of the documents a batch must be verified against, computed once each."""

    def __init__(self, texts: TextSource, batch_shingles: dict[str, np.ndarray], recent: _RecentShingles) -> None:
        self._texts = texts
        self._shingles = dict(batch_shingles)
        self._recent = recent

    def prefetch(self, doc_ids: Sequence[str]) -> None:
        unknown = [doc_id for doc_id in doc_ids if doc_id not in self._shingles]
        cached = self._recent.cached_many(unknown)
        self._shingles.update(cached)
        wanted = [doc_id for doc_id in unknown if doc_id not in cached]
        for doc_id, text in self._texts.texts(wanted).items():
            self._shingles[doc_id] = self._recent.shingle(doc_id, text)

    def shingles(self, doc_id: str) -> np.ndarray:
        if doc_id not in self._shingles:
            self.prefetch([doc_id])
        if doc_id not in self._shingles:
            raise LookupError(
                f"document {doc_id} is indexed but its text cannot be read: write each batch's"
                " documents before deduplicating the batch after next"
            )
        return self._shingles[doc_id]


def _evidence_holds(found: DedupEvidence | None, text: str) -> bool:
    """Whether evidence was computed from the text being deduplicated."""
    return found is not None and found.text_digest == text_digest(text)
