"""Rows from the warehouse as a person or a program reads them: an aligned table, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime

from rich import box
from rich.console import Console
from rich.table import Table

from ingest.warehouse_queries import Rows

FORMATS = ("table", "json", "csv")


def render(rows: Rows, fmt: str = "table", terminal_width: int | None = None) -> str:
    """``rows`` as text in ``fmt``: ``table`` (NULL shown as ``NULL``), ``json`` (a list of objects) or ``csv``.

    A table is as wide as its widest values when ``terminal_width`` is None (a pipe or a file), so no
    value is folded or cut; in a terminal it fits the terminal's width.
    """
    if fmt == "json":
        return json.dumps([dict(zip(rows.columns, row)) for row in rows.rows], indent=2, default=_json_value,
                          ensure_ascii=False) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(rows.columns)
        writer.writerows([["" if value is None else _text(value) for value in row] for row in rows.rows])
        return out.getvalue()
    if fmt == "table":
        return _table(rows, terminal_width)
    raise ValueError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _table(rows: Rows, terminal_width: int | None) -> str:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for column in rows.columns:
        table.add_column(column, overflow="fold")
    for row in rows.rows:
        table.add_row(*["NULL" if value is None else _text(value) for value in row])
    console = Console(width=terminal_width or 1_000_000, file=io.StringIO(), color_system=None,
                      highlight=False, soft_wrap=False)
    with console.capture() as captured:
        console.print(table)
    lines = [line.rstrip() for line in captured.get().splitlines()]
    return "\n".join(lines) + "\n" + f"({len(rows.rows):,} row{'' if len(rows.rows) == 1 else 's'})\n"


def _text(value: object) -> str:
    if isinstance(value, (datetime, date)):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, (list, dict)):
        return json.dumps(value, default=_json_value, ensure_ascii=False)
    return str(value)


def _json_value(value: object) -> object:
    """What ``json`` cannot write itself: dates and times as ISO 8601, anything else (decimals, UUIDs) as text."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value)
