"""The chapter notebooks: committed clean, golden copies current, every chapter listed."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
import yaml

from evidencebook.building import build

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = build.chapter_notebooks()


def sources(path: Path) -> list[tuple[str, str]]:
    nb = nbformat.read(path, as_version=4)
    return [(c.cell_type, c.source) for c in nb.cells]


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


@pytest.mark.parametrize("name", sorted(NOTEBOOKS))
def test_golden_copy_is_current(name):
    golden = ROOT / "tests" / "golden" / f"{name}.ipynb"
    assert golden.exists(), f"run: .venv/bin/python scripts/update_golden.py {name}"
    assert sources(golden) == sources(NOTEBOOKS[name]), (
        f"the golden copy of {name} is out of date: run scripts/update_golden.py {name}"
    )
    checked = [
        c
        for c in nbformat.read(golden, as_version=4).cells
        if "nbval-check-output" in c.metadata.get("tags", [])
    ]
    assert checked and all(c.outputs for c in checked), name


def test_every_chapter_in_the_contents_exists():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    for entry in build.toc_files(toc):
        if entry.startswith("notebooks/"):
            assert entry.split("/", 1)[1] in NOTEBOOKS, entry
        else:
            assert (ROOT / f"{entry}.md").exists(), entry
