"""Downloadable tables: each chart's data as CSV, and every table as one Excel workbook.

While the build executes a chapter it sets ``EVIDENCEBOOK_DOWNLOADS`` to a folder for that
chapter; ``save`` writes a table there and returns a link to it for the page. Run outside
a build (in Jupyter, or under nbval) nothing is written and no link is shown. After all
chapters have run, ``workbook`` gathers every saved table into one Excel file.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

import pandas as pd

from .text import slug

ENV = "EVIDENCEBOOK_DOWNLOADS"
FOLDER = "downloads"
WORKBOOK_NAME = "tables.xlsx"


def save(frame: pd.DataFrame, name: str) -> str:
    """Write ``frame`` as ``<name>.csv`` for this chapter; return the HTML link ("" if none)."""
    folder = os.environ.get(ENV)
    if not folder:
        return ""
    path = Path(folder) / f"{slug(name, 'table')}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, encoding="utf-8")
    chapter = Path(folder).name
    href = f"../{FOLDER}/{chapter}/{path.name}"
    return (
        f'<a class="evb-download" href="{html.escape(href)}" download>'
        f"Download this table (CSV, {html.escape(path.name)})</a>"
    )


def workbook(folder: Path, target: Path) -> Path | None:
    """One Excel workbook with a sheet for every CSV saved under ``folder``."""
    files = sorted(folder.glob("*/*.csv"))
    if not files:
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    with pd.ExcelWriter(target, engine="openpyxl") as writer:
        index = []
        for file in files:
            base = f"{file.parent.name}-{file.stem}"[:31]
            name, n = base, 2
            while name.lower() in used:
                name = f"{base[:28]}-{n}"
                n += 1
            used.add(name.lower())
            pd.read_csv(file).to_excel(writer, sheet_name=name, index=False)
            index.append({"sheet": name, "chapter": file.parent.name, "table": file.stem})
        pd.DataFrame(index).to_excel(writer, sheet_name="contents", index=False)
    return target
