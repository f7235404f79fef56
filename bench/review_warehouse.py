"""A warehouse of N made-up documents with removals, repairs, near duplicates, mentions and rejects.

What the review benchmark measures on (a 10,000-document run without the hours of
cleaning it would take), and what the review tests read: every row goes in through
``ingest.load`` as a run's would, so offsets and the document_changes view hold.
"""

from __future__ import annotations

import random
from datetime import datetime
from pathlib import Path

import pyarrow as pa

from ingest import load, warehouse
from ingest.document import Document, doc_id_for
from ingest.traced_text import Change

RUN_ID = "run-review"
NOW = datetime(2026, 3, 4, 5, 6, 7)
WORDS = ("ministers agreed expand cooperation transport corridors energy security trade talks summit "
         "Moscow Tehran Kazan delegation sanctions pipeline grain harvest port railway").split()
HOSTILE = ('Breaking: <script>document.title="pwned"</script> and '
           '<img src=x onerror="document.body.setAttribute(\'data-pwned\', \'1\')"> in the text.')


def article(rng: random.Random, paragraphs: int = 6) -> str:
    return "\n\n".join(
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(25, 60))).capitalize() + "."
        for _ in range(paragraphs)
    )


def made_up_document(index: int, rng: random.Random, body: str | None = None) -> Document:
    """A document whose raw text is a menu line, the body, a sign-up line and a hard-wrapped word; all recorded."""
    uri = f"docs/{index:05d}.txt"
    menu = "Home | World | Sport | Login\n\n"
    body = body if body is not None else article(rng)
    cta = "\n\nSubscribe to our newsletter for more!"
    wrapped = "\n\nsum-\nmit"
    raw = menu + body + cta + wrapped
    changes = [Change(0, len(menu), menu, "", "page_furniture", "remove_page_furniture")]
    start = len(menu) + len(body)
    changes.append(Change(start, start + len(cta), cta, "", "call_to_action", "remove_calls_to_action"))
    hyphen = raw.index("-\nmit")
    changes.append(Change(hyphen, hyphen + 2, "-\n", "", "hyphenation", "join_split_words"))
    text = body + "\n\nsummit"
    return Document(
        doc_id=doc_id_for(uri), source_uri=uri, content_sha256=f"{index:064x}", size_bytes=len(raw), raw_text=raw,
        encoding="utf-8", media_type="text/plain", text=text, title=f"Document {index}", author="A. Writer",
        language="en", language_score=0.99, text_sha256=f"{index:064x}", changes=changes,
    )


def build(path: Path | str, documents: int, seed: int = 0, hostile: bool = True) -> list[Document]:
    """Write ``documents`` made-up documents (one hostile, every tenth a near duplicate of the one before) as one run."""
    rng = random.Random(seed)
    made: list[Document] = []
    for index in range(documents):
        if index == 0 and hostile:
            made.append(made_up_document(index, rng, HOSTILE + "\n\n" + article(rng, 3)))
        elif index % 10 == 9:
            copy = made_up_document(index, rng, made[-1].text.removesuffix("\n\nsummit") + "\n\nOne more line here.")
            copy.duplicate_of = made[-1].doc_id
            made.append(copy)
        else:
            made.append(made_up_document(index, rng))
    con = warehouse.connect(path)
    try:
        con.execute("INSERT INTO runs (run_id, started_at, finished_at, status, source, pipeline_version)"
                    " VALUES (?, ?, ?, 'completed', 'docs', 'test')", [RUN_ID, NOW, NOW])
        load.write_documents(con, made, RUN_ID, "test", NOW)
        duplicates = [d for d in made if d.duplicate_of]
        load.insert_arrow(con, "duplicates", pa.Table.from_pylist([
            {"doc_id": d.doc_id, "canonical_id": d.duplicate_of, "method": "near", "similarity": 0.9,
             "matched_id": d.duplicate_of, "jaccard": 0.85, "containment": 0.9, "contained_id": d.duplicate_of,
             "run_id": RUN_ID} for d in duplicates
        ]))
        load.insert_arrow(con, "entities", pa.table({"entity_id": ["e-moscow"], "name": ["Moscow"], "label": ["GPE"]}))
        mentions = [
            {"doc_id": d.doc_id, "entity_id": "e-moscow", "label": "GPE", "text": "Moscow",
             "start_offset": d.text.index("Moscow"), "end_offset": d.text.index("Moscow") + 6,
             "sentence_index": 0, "run_id": RUN_ID}
            for d in made if "Moscow" in d.text
        ]
        load.insert_arrow(con, "mentions", pa.Table.from_pylist(mentions))
        load.write_rejects(con, [("docs/broken.pdf", "the PDF has no text layer")], RUN_ID, NOW)
    finally:
        con.close()
    return made
