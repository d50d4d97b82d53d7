"""The printed book's last step, without a browser: ``pdf.tidy_outline`` on small PDFs made
here with pypdf (bookmarks, title, the window showing them), written as an incremental
update, and the whole-file way it falls back to. The printed book itself is in test_pdf."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from evidencebook.building import pdf

#: Bookmarks as Chromium may write them (see ``pdf._key``), and the headings they stand for.
GARBLED = {
    "The programme": "The programme",
    "Familyintervention teams": "Family intervention teams",
    "CostsCosts": "Costs",
}
HEADINGS = ["The programme", "Family intervention teams", "Costs", "Not bookmarked"]


def made_pdf(path: Path, info: bool = True) -> Path:
    """Three pages, a bookmark to each (the third under the second), as pypdf writes them:
    a cross-reference table, as Chromium writes."""
    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(200, 200)
    titles = list(GARBLED)
    writer.add_outline_item(title=titles[0], page_number=0)
    parent = writer.add_outline_item(title=titles[1], page_number=1)
    writer.add_outline_item(title=titles[2], page_number=2, parent=parent)
    if not info:
        writer.metadata = None
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def _flat(outline: list) -> list:
    return [d for item in outline for d in (_flat(item) if isinstance(item, list) else [item])]


def read_back(path: Path) -> dict:
    reader = PdfReader(path, strict=True)
    root = reader.trailer["/Root"]
    items = _flat(reader.outline)
    return {
        "pages": len(reader.pages),
        "title": reader.metadata.title if reader.metadata else None,
        "page_mode": root.get("/PageMode"),
        "display_title": (root.get("/ViewerPreferences") or {}).get("/DisplayDocTitle"),
        "bookmarks": [str(i.title) for i in items],
        "where": [reader.get_destination_page_number(i) for i in items],
    }


def test_each_bookmark_gets_its_headings_text_and_the_window_the_books_title(tmp_path, caplog):
    path = made_pdf(tmp_path / "book.pdf")
    before = path.read_bytes()
    pdf.tidy_outline(path, HEADINGS, "A book: Northshire")
    with caplog.at_level(logging.WARNING):
        seen = read_back(path)
    assert seen == {
        "pages": 3,
        "title": "A book: Northshire",
        "page_mode": "/UseOutlines",
        "display_title": True,
        "bookmarks": ["The programme", "Family intervention teams", "Costs"],
        "where": [0, 1, 2],
    }
    assert not caplog.records, [r.getMessage() for r in caplog.records]  # read as written
    after = path.read_bytes()
    assert after.startswith(before) and len(after) - len(before) < 2_000  # only the changes


def test_the_update_is_the_same_as_writing_the_whole_file_again(tmp_path):
    incremental = made_pdf(tmp_path / "incremental.pdf")
    whole = made_pdf(tmp_path / "whole.pdf")
    pdf.tidy_outline(incremental, HEADINGS, "A book")
    pdf._tidy_whole(whole, HEADINGS, "A book")
    assert read_back(incremental) == read_back(whole)


def test_a_file_tidied_twice_and_one_with_no_document_information(tmp_path):
    path = made_pdf(tmp_path / "twice.pdf")
    pdf.tidy_outline(path, HEADINGS, "First")
    pdf.tidy_outline(path, HEADINGS, "Second")
    assert read_back(path)["title"] == "Second"
    bare = made_pdf(tmp_path / "bare.pdf", info=False)
    assert b"/Info" not in bare.read_bytes()
    pdf.tidy_outline(bare, HEADINGS, "Titled")
    assert read_back(bare)["title"] == "Titled"
    assert read_back(bare)["bookmarks"][1] == "Family intervention teams"


def test_without_a_title_only_the_bookmarks_change(tmp_path):
    path = made_pdf(tmp_path / "book.pdf")
    pdf.tidy_outline(path, HEADINGS)
    seen = read_back(path)
    assert seen["bookmarks"] == ["The programme", "Family intervention teams", "Costs"]
    assert seen["display_title"] is None and seen["page_mode"] == "/UseOutlines"


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        (b"startxref\n9\n%%EOF\n", 9),  # a table at 9
        (b"startxref\n2\n%%EOF", None),  # a stream: no "xref" there
        (b"%%EOF\n", None),  # no startxref
    ],
)
def test_the_last_cross_reference_table_is_found_only_where_it_is_one(tail, expected):
    assert pdf._last_xref_table(b"%PDF-1.4\nxref\n" + tail) == expected


def test_a_file_whose_cross_references_are_a_stream_is_written_again_whole(tmp_path, monkeypatch):
    path = made_pdf(tmp_path / "book.pdf")
    before = path.read_bytes()
    monkeypatch.setattr(pdf, "_last_xref_table", lambda data: None)
    pdf.tidy_outline(path, HEADINGS, "A book")
    assert not path.read_bytes().startswith(before)  # written again, by pypdf
    assert read_back(path)["bookmarks"][1] == "Family intervention teams"
