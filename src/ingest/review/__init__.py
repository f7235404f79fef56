"""A run's review: a folder of static HTML pages showing what cleaning did, for a person to check.

``write_review`` writes ``index.html`` (the run's counts, removals by kind and
rule, repairs, languages, duplicates, rejects and flagged documents, with charts)
and ``documents/<doc_id>.html`` for each chosen document (its raw text with every
removal struck through and every repair shown as before → after, its metadata,
mentions and duplicate group). The pages need no server, no network and no
script: they open from the file system, and a document's text is always escaped
(and a content security policy forbids scripts besides).
"""

from __future__ import annotations

import functools
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache, PackageLoader, select_autoescape
from jinja2.bccache import Bucket

from ingest.review.charts import horizontal_bars, histogram, kind_colour
from ingest.review.document_pages import document_pages
from ingest.review.overview import overview
from ingest.review.scope import (
    DEFAULT_SAMPLE,
    DEFAULT_TOP,
    WHOLE_WAREHOUSE,
    NothingToReview,
    Selection,
    chosen_documents,
    resolve_scope,
)
from ingest.review_folder import review_folder
from ingest.runs import utc_now

__all__ = ["DEFAULT_SAMPLE", "DEFAULT_TOP", "WHOLE_WAREHOUSE", "NothingToReview", "Review", "Selection",
           "review_folder", "write_review"]

INDEX = "index.html"
DOCUMENTS = "documents"
DOCUMENT_TEMPLATE = "document.html"
RUN_TEMPLATE = "run.html"


@dataclass(frozen=True)
class Review:
    """A written review: its front page, the run it shows (None for the whole warehouse) and its page count."""

    index: Path
    run_id: str | None
    documents: int


def write_review(con: duckdb.DuckDBPyConnection, directory: Path | str, selection: Selection = Selection(),
                 command: str = "ingest review") -> Review:
    """Write the review of ``selection.run`` into ``directory``, replacing an earlier review there.

    Only the pages of this review are left in ``documents/``: a page of an earlier
    review would show a document as it was then.
    """
    scope = resolve_scope(con, selection.run)
    chosen = chosen_documents(con, scope, selection)
    directory = Path(directory)
    pages_folder = directory / DOCUMENTS
    if pages_folder.exists():
        shutil.rmtree(pages_folder)
    pages_folder.mkdir(parents=True)
    environment = _environment()
    pages = set(chosen)
    document_template = environment.get_template(DOCUMENT_TEMPLATE)
    for page in document_pages(con, chosen):
        kinds = sorted({s.kind for s in page.segments if s.change == "removed"})
        html = document_template.render(page=page, m=page.metadata, pages=pages,
                                        legend=[(kind, kind_colour(kind)) for kind in kinds])
        (pages_folder / f"{page.metadata['doc_id']}.html").write_text(html, encoding="utf-8")
    ov = overview(con, scope)
    heading = f"Run {scope.run_id}" if scope.run_id else "The whole warehouse"
    html = environment.get_template(RUN_TEMPLATE).render(
        ov=ov, heading=heading, pages=pages, listed=_listed(con, chosen), command=command,
        written_at=utc_now().isoformat(sep=" ", timespec="seconds") + " UTC",
        selection_text=_describe(selection, len(chosen)),
        removed_chart=horizontal_bars([(row[0], row[2]) for row in ov.removals_by_kind.rows],
                                      "Characters removed, by kind"),
        share_chart=histogram(ov.share_histogram, "Documents by share of their raw text removed"),
    )
    index = directory / INDEX
    index.write_text(html, encoding="utf-8")
    return Review(index, scope.run_id, len(chosen))


@functools.cache
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("ingest.review", "templates"), autoescape=select_autoescape(["html"]),
        trim_blocks=True, lstrip_blocks=True, bytecode_cache=_compiled_templates(),
    )
    environment.globals["colour"] = kind_colour
    # A repair of whitespace is invisible unless its line breaks and tabs are drawn.
    environment.filters["visible"] = lambda text: text.replace("\n", "↵\n").replace("\t", "→")
    return environment


class _CompiledTemplates(FileSystemBytecodeCache):
    """Jinja's cache of compiled templates, in a folder of this user's own (Jinja checks its owner and mode).

    Without it every ``ingest run`` compiles the templates again for its review,
    a tenth of a second. A cache that cannot be read or written (a full disk) is
    passed over: the templates are compiled, and the review written all the same.
    """

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:
            pass

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def _compiled_templates() -> BytecodeCache | None:
    """The cache of compiled templates; None where no folder of this user's own can be made."""
    try:
        return _CompiledTemplates()
    except (OSError, RuntimeError):
        return None


def _listed(con: duckdb.DuckDBPyConnection, chosen: list[str]) -> list[dict]:
    """The chosen documents' rows for the front page's list, in the chosen order."""
    if not chosen:
        return []
    cursor = con.execute(
        """
        SELECT d.doc_id, d.source_uri, d.title, d.language, d.duplicate_of,
               coalesce(r.chars, 0) / greatest(d.raw_chars, 1) AS share, coalesce(r.spans, 0) AS removals,
               coalesce(e.repairs, 0) AS repairs
        FROM documents AS d
        LEFT JOIN (SELECT doc_id, sum(end_offset - start_offset) AS chars, count(*) AS spans
                   FROM removed_spans GROUP BY doc_id) AS r USING (doc_id)
        LEFT JOIN (SELECT doc_id, count(*) AS repairs FROM edits GROUP BY doc_id) AS e USING (doc_id)
        WHERE d.doc_id IN (SELECT unnest(?::VARCHAR[]))
        """,
        [chosen],
    )
    names = [column[0] for column in cursor.description]
    rows = {row[0]: dict(zip(names, row)) for row in cursor.fetchall()}
    return [rows[doc_id] for doc_id in chosen if doc_id in rows]


def _describe(selection: Selection, pages: int) -> str:
    if selection.every_document:
        chosen = "every document"
    else:
        chosen = (f"the {selection.top} with the largest share removed and a random sample of {selection.sample}"
                  f" (seed {selection.seed})")
    filters = []
    if selection.kind:
        filters.append(f"kind {selection.kind}")
    if selection.rule:
        filters.append(f"rule {selection.rule}")
    return f"{pages:,} pages: {chosen}" + (f", among documents with a change of {' and '.join(filters)}" if filters else "") + "."
