"""What a run's plan costs a record: as Arrow columns, pickled for the flow process, and as the objects a batch gets.

    .venv/bin/python bench/plan_memory.py [--records 20000]

Plans one JSONL file of ``record_scaling.py``'s records with ``plan_source``
(as the run does, against an empty warehouse), then prints, in bytes a record:
the Arrow buffers of ``plan.to_process``, its pickle (what a pool process sends
the flow process), and the Python heap of the ``SourceRecord`` objects read back
from it (tracemalloc; each with paths of its own, so more than a plan of objects
sharing one file's paths took: 0.6 KB a record, ``bench/flow_memory.py``).
"""

from __future__ import annotations

import argparse
import pickle
import sys
import tempfile
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from record_scaling import write_jsonl  # noqa: E402

from ingest.runner import plan_source  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "source"
        source.mkdir()
        write_jsonl(source / "records.jsonl", args.records)
        plan = plan_source(str(source), str(Path(folder) / "w.duckdb"))
        planned = plan.to_process
        arrow = sum(batch.nbytes for batch in planned._batches) / len(planned)
        pickled = len(pickle.dumps(planned)) / len(planned)
        tracemalloc.start()
        objects = list(planned)
        as_objects = tracemalloc.get_traced_memory()[0] / len(objects)
        tracemalloc.stop()
    print(
        f"{args.records:,} records planned, bytes a record: Arrow columns {arrow:.0f}, pickled {pickled:.0f},"
        f" as SourceRecord objects read back {as_objects:.0f}"
    )


if __name__ == "__main__":
    main()
