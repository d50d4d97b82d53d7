"""Every figure and table the default book publishes, against a reviewed snapshot.

For each chapter of the default book: every glued figure (its id and the text the book
shows), what its key-result cells print (the figures at full precision), and every
downloadable table (CSV; and every sheet of ``tables.xlsx``).
A change to what the book says fails here until the snapshot is updated on purpose and its
diff reviewed::

    .venv/bin/pytest tests/test_book_snapshot.py --snapshot-update

Charts are not compared as drawn (their ids and layout vary): their data is compared as the
downloadable CSV behind each, and their descriptions are glued text.
"""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook
from syrupy.extensions.json import JSONSnapshotExtension

from evidencebook.building import build

CHAPTERS = sorted(c for c in build.chapter_notebooks() if c not in build.authority_chapters())
RECORD = "application/papermill.record/"


def key_results(notebook) -> list[str]:
    """What each key-result cell (tagged ``nbval-check-output``) printed: the figures a
    chapter checks at full precision, beyond the rounding of its text."""
    found = []
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        if "nbval-check-output" not in cell.get("metadata", {}).get("tags", []):
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                text = output.get("text", "")
                found.append("".join(text) if isinstance(text, list) else text)
    return found


def glued(notebook) -> dict[str, str]:
    """Every figure a chapter glues, by its glue id: the text (or Markdown) it shows."""
    found: dict[str, str] = {}
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            if not name:
                continue
            data = output.get("data", {})
            for kind in ("text/markdown", "text/plain"):
                if RECORD + kind in data:
                    text = data[RECORD + kind]
                    found[name] = "".join(text) if isinstance(text, list) else text
                    break
    return found


@pytest.fixture
def snapshot_json(snapshot):
    return snapshot.use_extension(JSONSnapshotExtension)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_figures_and_tables(built_default, chapter, snapshot_json):
    sources = built_default.sources
    notebook = sources / "notebooks" / f"{chapter}.ipynb"
    downloads = built_default.out_dir / "downloads"
    tables = {
        path.name: path.read_text(encoding="utf-8")
        for path in sorted((downloads / chapter).glob("*.csv"))
    }
    result = {"figures": glued(notebook), "key_results": key_results(notebook), "tables": tables}
    assert result["figures"] or result["tables"], f"{chapter} publishes nothing"
    assert result == snapshot_json


def test_workbook(built_default, snapshot_json):
    """Every sheet of ``tables.xlsx``, cell by cell."""
    book = load_workbook(built_default.out_dir / "downloads" / "tables.xlsx", read_only=True)
    try:
        values = {
            name: [[str(v) if v is not None else None for v in row]
                   for row in book[name].iter_rows(values_only=True)]
            for name in book.sheetnames
        }  # fmt: skip
    finally:
        book.close()
    assert values == snapshot_json
