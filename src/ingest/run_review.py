"""The review a run leaves beside the warehouse it changed, however the run was started."""

from __future__ import annotations

import logging

from ingest import runs
from ingest.report import ReviewNote
from ingest.review_folder import review_folder
from ingest.warehouse_queries import connect_read_only


def write_run_review(summary: runs.RunSummary, warehouse_path: str, logger: logging.Logger | logging.LoggerAdapter) -> ReviewNote | None:
    """Write the review of a run that changed the warehouse beside it, for the run's artifact to name.

    The run is published by now: a review that cannot be written is logged and
    named in the artifact, and does not fail the run. The pages' renderer (Jinja)
    is imported here, by a run that changed the warehouse: a run that changed
    nothing never loads it.
    """
    if summary.status != "completed" or not summary.documents_loaded + summary.documents_deleted + summary.rejects:
        return None
    folder = review_folder(warehouse_path)
    command = f"ingest review --run latest --warehouse {warehouse_path}"
    try:
        from ingest.review import Selection, write_review

        con = connect_read_only(warehouse_path)
        try:
            written = write_review(con, folder, Selection(run=summary.run_id), command=command)
        finally:
            con.close()
    except Exception as error:  # the data is published; the review is a view of it
        logger.warning("the run's review was not written: %s: %s", type(error).__name__, error)
        return ReviewNote(None, command, f"{type(error).__name__}: {error}")
    return ReviewNote(written.index.resolve(), command)
