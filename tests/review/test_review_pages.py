"""``ingest review`` as its reader meets it: the pages' HTML, read back with an HTML parser."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from typer.testing import CliRunner

from bench.review_warehouse import HOSTILE, RUN_ID, build
from ingest.cli import app
from ingest.document import doc_id_for
from ingest.review import NothingToReview, Selection, write_review
from ingest.warehouse_queries import connect_read_only


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> tuple[Path, list]:
    path = tmp_path_factory.mktemp("review") / "w.duckdb"
    return path, build(path, 40)


@pytest.fixture
def reader(made):
    con = connect_read_only(made[0])
    yield con
    con.close()


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_each_removal_is_struck_through_with_its_kind_and_rule(reader, made, tmp_path):
    review = write_review(reader, tmp_path, Selection(every_document=True))
    assert review.run_id == RUN_ID and review.documents == 40
    for document in made[1]:
        page = soup(tmp_path / "documents" / f"{document.doc_id}.html")
        struck = [(d.get_text(), d["data-kind"], d["title"]) for d in page.select("#raw del.removed")]
        expected = [(c.before, c.kind, f"{c.kind} · {c.rule}") for c in document.changes if c.after == "" and c.kind != "hyphenation"]
        assert struck == expected
        repairs = page.select("#raw span.repair")
        assert [r["data-rule"] for r in repairs] == ["join_split_words"]
        assert repairs[0].find("del").get_text() == "-↵\n"
        # Kept text and changes together are the raw text, in order.
        assert page.select_one("#raw").get_text().replace("↵", "") == document.raw_text
        assert page.select_one("#clean-text").get_text() == document.text


def test_a_hostile_document_is_text_not_markup(reader, made, tmp_path):
    write_review(reader, tmp_path, Selection(every_document=True))
    hostile = made[1][0]
    html = (tmp_path / "documents" / f"{hostile.doc_id}.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser")
    assert page.find("script") is None and page.find("img") is None
    assert HOSTILE in page.select_one("#clean-text").get_text()
    assert "&lt;script&gt;" in html
    policy = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "default-src 'none'" in policy and "script-src" not in policy


def test_run_page_counts_charts_duplicates_and_rejects(reader, made, tmp_path):
    review = write_review(reader, tmp_path, Selection())
    page = soup(review.index)
    text = page.get_text(" ")
    assert f"Run {RUN_ID}" in text
    counts = {row.find_all("td")[0].get_text(): row.find_all("td")[1].get_text() for row in page.select("#counts + table tr")}
    assert counts["documents"] == "40" and counts["duplicates"] == "4" and counts["rejects"] == "1"
    assert counts["spans removed"] == "80" and counts["repairs"] == "40"
    bars = {g.title.get_text() for g in page.select("svg g")}
    removed = {kind: sum(len(c.before) for d in made[1] for c in d.changes if c.kind == kind)
               for kind in ("page_furniture", "call_to_action")}
    assert {f"{kind}: {chars:,}" for kind, chars in removed.items()} <= bars
    assert "the PDF has no text layer" in text and "docs/broken.pdf" in text
    assert len(page.select("#duplicates + table tr")) == 1 + 4


def test_near_duplicate_page_shows_its_group_and_a_side_by_side_diff(reader, made, tmp_path):
    write_review(reader, tmp_path, Selection(every_document=True))
    copy = made[1][9]
    page = soup(tmp_path / "documents" / f"{copy.doc_id}.html")
    assert [a.get_text() for a in page.select("#group + table a")] == [copy.duplicate_of]
    changed = [(row["class"], row.select_one(".left").get_text()) for row in page.select("table.diff tr[class]")]
    assert (["delete"], "One more line here.") in changed
    assert sum(1 for row in page.select("table.diff tr.equal")) == 7  # six paragraphs and "summit"


def test_mentions_are_highlighted_with_their_entity(reader, made, tmp_path):
    write_review(reader, tmp_path, Selection(every_document=True))
    with_moscow = next(d for d in made[1] if "Moscow" in d.text)
    marks = soup(tmp_path / "documents" / f"{with_moscow.doc_id}.html").select("#clean-text mark.mention")
    assert [(m.get_text(), m["title"]) for m in marks] == [("Moscow", "Moscow (GPE)")]


def test_sampling_is_seeded_and_filters_narrow_the_choice(reader, made, tmp_path):
    def pages(selection: Selection) -> list[str]:
        folder = tmp_path / str(hash(selection))
        write_review(reader, folder, selection)
        return [a["href"] for a in soup(folder / "index.html").select("#documents ~ table a")]

    top = pages(Selection(top=3, sample=0))
    assert len(top) == 3
    assert top[0] == f"documents/{made[1][0].doc_id}.html"  # the hostile one is the shortest body, so the largest share
    first, again, other = (pages(Selection(top=0, sample=5, seed=s)) for s in (1, 1, 2))
    assert first == again and first != other and len(first) == 5
    assert pages(Selection(top=100, sample=0, rule="no_such_rule")) == []
    assert len(pages(Selection(top=100, sample=0, kind="call_to_action"))) == 40


def test_a_second_review_leaves_no_page_of_the_first(reader, tmp_path):
    write_review(reader, tmp_path, Selection(every_document=True))
    write_review(reader, tmp_path, Selection(top=2, sample=0))
    assert len(list((tmp_path / "documents").iterdir())) == 2


def test_whole_warehouse_and_unknown_runs(reader, tmp_path):
    assert write_review(reader, tmp_path, Selection(run="all", top=1, sample=0)).run_id is None
    with pytest.raises(NothingToReview, match="no run with id 'nope'"):
        write_review(reader, tmp_path, Selection(run="nope"))


def test_the_command_writes_beside_the_warehouse_and_says_where(made):
    result = CliRunner().invoke(app, ["review", "--run", "latest", "--warehouse", str(made[0]), "--top", "2", "--sample", "1"])
    assert result.exit_code == 0, result.output
    index = made[0].with_name("w.review") / "index.html"
    assert index.exists() and str(index) in result.stderr and "3 document pages" in result.stderr
    assert doc_id_for("docs/00000.txt") + ".html" in {p.name for p in index.parent.joinpath("documents").iterdir()}
    refused = CliRunner().invoke(app, ["review", "--run", "nope", "--warehouse", str(made[0])])
    assert refused.exit_code == 2 and "no run with id" in refused.stderr


def test_the_templates_are_compiled_once_for_every_later_review(reader, tmp_path, monkeypatch):
    from ingest import review

    cache = tmp_path / "compiled"
    cache.mkdir()
    monkeypatch.setattr(review, "_compiled_templates", lambda: review._CompiledTemplates(str(cache)))
    review._environment.cache_clear()
    try:
        write_review(reader, tmp_path / "first", Selection(every_document=True))
        assert len(list(cache.iterdir())) == 3  # the document and run pages, and the base they extend
        review._environment.cache_clear()
        compiled = []
        monkeypatch.setattr(review.Environment, "compile", lambda *args, **kwargs: compiled.append(args) or None)
        write_review(reader, tmp_path / "second", Selection(every_document=True))
        assert compiled == []  # the second environment read the first one's compiled templates
    finally:
        review._environment.cache_clear()


def test_a_template_cache_that_cannot_be_written_still_gives_the_review(reader, tmp_path, monkeypatch):
    from jinja2 import FileSystemBytecodeCache

    from ingest import review

    def full_disk(self, bucket):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(review, "_compiled_templates", lambda: review._CompiledTemplates(str(tmp_path / "compiled")))
    monkeypatch.setattr(FileSystemBytecodeCache, "dump_bytecode", full_disk)
    review._environment.cache_clear()
    try:
        written = write_review(reader, tmp_path / "out", Selection(every_document=True))
    finally:
        review._environment.cache_clear()
    assert written.index.read_text(encoding="utf-8").lower().startswith("<!doctype html>")
