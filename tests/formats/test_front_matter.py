"""A Markdown file's front matter is its metadata, recorded as removed from the body; anything else is left whole."""

from datetime import date

import pytest

from ingest.discover import SourceFile
from ingest.formats import extract
from ingest.formats.front_matter import FRONT_MATTER_KIND, FrontMatter, front_matter
from ingest.pipeline import process_batch

BODY = "# Corridor talks resume\n\nThe ministers met in Moscow on Tuesday and agreed to meet again next year.\n"
POST = '---\ntitle: "Talks resume in Moscow"\nauthor: Jane Doe\ndate: 2024-03-02\ntags: [trade, transport]\n---\n' + BODY


def test_a_posts_front_matter_becomes_its_title_author_and_date_and_leaves_the_body(tmp_path):
    (tmp_path / "post.md").write_text(POST, encoding="utf-8")

    [document] = process_batch([SourceFile(tmp_path / "post.md", "post.md")]).documents

    assert (document.title, document.author, document.published) == ("Talks resume in Moscow", "Jane Doe", date(2024, 3, 2))
    assert document.metadata == {
        "title": "Talks resume in Moscow", "author": "Jane Doe", "date": "2024-03-02", "tags": '["trade", "transport"]'
    }
    assert document.text.startswith("Corridor talks resume\n\nThe ministers met in Moscow")
    assert "tags" not in document.text and document.raw_text == POST
    [removed] = [change for change in document.changes if change.kind == FRONT_MATTER_KIND]
    assert removed.before == POST[: POST.index("# Corridor")]


def test_front_matter_is_no_share_of_the_body_that_the_body_loss_guard_counts(tmp_path):
    """Its words went to the metadata: a short post under a long block is not doubted for losing them."""
    block = "---\ntitle: Talks\ndescription: " + "A long summary of the talks and what was agreed there. " * 8 + "\n---\n"
    (tmp_path / "short.md").write_text(block + BODY, encoding="utf-8")

    [document] = process_batch([SourceFile(tmp_path / "short.md", "short.md")]).documents

    assert document.review_reason is None
    assert document.text.startswith("Corridor talks resume")


@pytest.mark.parametrize(
    ("block", "metadata"),
    [
        ("authors: [Jane Doe, Ali Rezaei]\n", {"author": "Jane Doe, Ali Rezaei"}),
        ("author:\n  name: Jane Doe\n  email: jane@example.org\n", {"author": "Jane Doe"}),
        ("date: 2024-03-02T10:30:00Z\n", {"published": "2024-03-02"}),
        ("date: '2024-03-02 10:30'\n", {"published": "2024-03-02"}),
        ("date: last spring\ntitle: 42\n", {"title": "42"}),
        ("draft: true\n", {}),
    ],
)
def test_front_matter_fields_are_read_as_they_are_written(block, metadata):
    text = f"---\n{block}...\n{BODY}"
    found = front_matter(text)
    [removal] = found.removals
    assert found.metadata == metadata
    assert (removal.start, removal.end, removal.after) == (0, text.index("# Corridor"), "")


@pytest.mark.parametrize(
    "text",
    [
        BODY,
        "---\n\nThe ministers met in Moscow on Tuesday.\n\n---\n\nThey agreed to meet again.\n",  # thematic breaks
        "---\ntitle: [unclosed\n---\n" + BODY,  # not YAML
        "Intro line\n---\ntitle: x\n---\n" + BODY,  # not at the start
        "---\ntitle: never closed\n" + BODY,
    ],
)
def test_a_file_without_front_matter_is_read_whole(text):
    assert front_matter(text) == FrontMatter()
    extracted = extract(text.encode(), "notes.md")
    assert extracted.markup_removals == [] and extracted.metadata == {}


def test_front_matter_is_markdowns_alone():
    assert extract(POST.encode(), "notes.txt").markup_removals == []
