"""The chapter notebooks: committed clean, parameters tagged, every chapter listed.

What each chapter computes is checked against the reviewed snapshot of the default book
(``tests/test_book_snapshot.py``), which replaced the golden executed copies."""

from __future__ import annotations

import ast
import subprocess
import sys
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


#: What a narrative chapter's code cells must not hold: the computing is in the package.
NOT_NARRATIVE = (
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.ClassDef,
    ast.For,
    ast.While,
    ast.ListComp,
    ast.DictComp,
    ast.SetComp,
    ast.GeneratorExp,
    ast.Lambda,
)


@pytest.mark.parametrize("name", sorted(NOTEBOOKS))
def test_notebooks_are_narrative(name):
    """No function definitions, loops or data-building comprehensions in a chapter's code
    cells, and no cell longer than a few lines: one call computes, one-line calls show."""
    nb = nbformat.read(NOTEBOOKS[name], as_version=4)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or "parameters" in cell.metadata.get("tags", []):
            continue
        tree = ast.parse(cell.source)
        found = sorted({type(n).__name__ for n in ast.walk(tree) if isinstance(n, NOT_NARRATIVE)})
        assert not found, f"notebooks/{name}.ipynb cell {i} holds {found}: move it to the package"
        statements = len(tree.body)
        assert statements <= 5, f"notebooks/{name}.ipynb cell {i} has {statements} statements"


def test_notebook_code_is_linted_like_the_package():
    ruff = Path(sys.executable).with_name("ruff")
    done = subprocess.run(
        [str(ruff), "check", "--no-cache", "notebooks"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
