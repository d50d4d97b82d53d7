"""The chapter notebooks: committed clean, parameters tagged, every chapter listed.

What each chapter computes is checked against the reviewed snapshot of the default book
(``tests/test_book_snapshot.py``), which replaced the golden executed copies."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
import yaml

from evidencebook.building import build

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = build.chapter_notebooks()


@pytest.mark.parametrize("name", sorted(NOTEBOOKS))
def test_committed_clean(name):
    nb = nbformat.read(NOTEBOOKS[name], as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, name
    assert nb.metadata.get("language_info", {}).get("name") == "python"


@pytest.mark.parametrize("name", sorted(NOTEBOOKS))
def test_parameters_cell_is_tagged_and_hidden(name):
    nb = nbformat.read(NOTEBOOKS[name], as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, name
    assert "remove-cell" in tagged[0].metadata["tags"]


def test_every_chapter_in_the_contents_exists():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    for entry in build.toc_files(toc):
        if entry.startswith("notebooks/"):
            assert entry.split("/", 1)[1] in NOTEBOOKS, entry
        else:
            assert (ROOT / f"{entry}.md").exists(), entry
