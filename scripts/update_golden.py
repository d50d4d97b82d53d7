"""Regenerate the golden copies of the chapter notebooks in tests/golden/.

Each golden copy is its chapter executed with the default data pack, keeping outputs only
on cells tagged ``nbval-check-output`` (the key result cells). ``pytest --nbval-lax`` then
re-runs the copy and compares those cells, so a change in a key result fails the tests until
this script is run again and the new golden output is reviewed in the diff.

    .venv/bin/python scripts/update_golden.py [chapter ...]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import nbformat
import papermill

ROOT = Path(__file__).resolve().parents[1]
TAG = "nbval-check-output"


def golden(notebook: Path, target: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / notebook.name
        papermill.execute_notebook(
            str(notebook), str(out), cwd=str(notebook.parent), progress_bar=False
        )
        nb = nbformat.read(out, as_version=4)
    kept = 0
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        if TAG in cell.metadata.get("tags", []):
            kept += 1
        else:
            cell.outputs = []
            cell.execution_count = None
    nb.metadata.pop("papermill", None)
    nbformat.write(nb, target)
    print(f"{target.relative_to(ROOT)}: {kept} checked cell(s)")


def main(names: list[str]) -> None:
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    for nb in notebooks:
        if names and nb.stem not in names:
            continue
        golden(nb, ROOT / "tests" / "golden" / nb.name)


if __name__ == "__main__":
    main(sys.argv[1:])
