"""The DuckDB warehouse: open and migrate it, write to it, publish a run into it whole.

- ``connection``: ``connect`` (migrating on open), ``migrate``, ``schema_version``,
  ``make_room_above_indexes`` (the writer's pool kept above its unevictable indexes);
  the schema is the SQL files of ``migrations/``, shipped with the package.
- ``writes``: ``transaction`` and ``insert_arrow``, the one bulk-insert path; ``keys_present``,
  a primary-key look-up that stays a probe however large the table.
- ``lock``: ``single_writer``, one run at a time per warehouse, locked beside its
  ``real_path`` (a symbolic link to it resolved); ``UnsafeLockFile`` for a lock that is a link.
- ``staging``: ``staged``, the copy a run writes and swaps in only when it completed
  and is sealed (checkpointed, checked against what the run wrote, flushed), and
  only if nothing else wrote the warehouse meanwhile (``WarehouseChanged``);
  ``PublishError`` when it cannot be; ``one_line`` for an error's message.

The schema is documented column by column in the repository's ``warehouse/README.md``.
"""

from ingest.warehouse.connection import (
    DEFAULT_WAREHOUSE,
    WRITER_MEMORY_LIMIT,
    connect,
    lifted_memory_limit,
    make_room_above_indexes,
    migrate,
    migrations_dir,
    one_thread,
    schema_version,
    writer_memory_limit,
)
from ingest.warehouse.lock import UnsafeLockFile, WarehouseBusy, real_path, single_writer
from ingest.warehouse.staging import PublishError, Verify, WarehouseChanged, one_line, published_state, staged
from ingest.warehouse.writes import append_arrow, insert_arrow, keys_present, transaction

__all__ = [
    "DEFAULT_WAREHOUSE",
    "PublishError",
    "Verify",
    "WRITER_MEMORY_LIMIT",
    "UnsafeLockFile",
    "WarehouseBusy",
    "WarehouseChanged",
    "append_arrow",
    "connect",
    "insert_arrow",
    "keys_present",
    "lifted_memory_limit",
    "make_room_above_indexes",
    "migrate",
    "migrations_dir",
    "one_line",
    "one_thread",
    "published_state",
    "real_path",
    "schema_version",
    "single_writer",
    "staged",
    "transaction",
    "writer_memory_limit",
]
