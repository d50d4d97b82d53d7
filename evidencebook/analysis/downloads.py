"""Downloadable tables: each chart's data as CSV, and every table as one Excel workbook.

While the build executes a chapter it sets ``EVIDENCEBOOK_DOWNLOADS`` to a folder for that
chapter; ``save`` writes a table there and returns a link to it for the page. Run outside
a build (in Jupyter, or under nbval) nothing is written and no link is shown. After all
chapters have run, ``workbook`` gathers every saved table into one Excel file.

Text from a pack is never live in a spreadsheet: a cell that a spreadsheet would run as a
formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, and not a
plain number such as -12 or -1.5%) is written with a leading apostrophe, as OWASP advises
against CSV injection; in the Excel workbook such text is stored as text with Excel's
"quote prefix", so it shows as written.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

import pandas as pd

from evidencebook.analysis import tabular
from evidencebook.analysis.formatting import slug
from evidencebook.analysis.tabular import whole_numbers  # noqa: F401 - re-exported (its home before)

ENV = "EVIDENCEBOOK_DOWNLOADS"
FOLDER = "downloads"
WORKBOOK_NAME = "tables.xlsx"

#: First characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: A plain number a spreadsheet reads as a number, not a formula: -12, +3.5, -1,200, -7%.
_PLAIN_NUMBER = re.compile(r"^[-+]?£?(\d[\d,]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?%?$")


def inert(value: object) -> object:
    """``value``, or, if it is text a spreadsheet would run as a formula, that text with a
    leading apostrophe so that it is shown as written."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        if not _PLAIN_NUMBER.match(value.strip()):
            return "'" + value
    return value


def inert_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells and column names are all ``inert``."""
    out = frame.copy()
    out.columns = [inert(str(c)) if isinstance(c, str) else c for c in out.columns]
    for column in out.columns:
        if out[column].dtype == object:  # kept as objects (whole numbers stay whole)
            values = [inert(v) for v in out[column]]
            out[column] = pd.Series(values, index=out.index, dtype=object)
        elif pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(inert, na_action="ignore")
    return out


def _readable(values: list[object]) -> list[object]:
    """A column's values as :func:`write_csv` writes them: floats that are all whole as
    whole numbers (as :func:`whole_numbers`), text ``inert``."""
    return [inert(v) for v in tabular.whole_values(values)]


def csv_for_readers(frame: pd.DataFrame) -> str:
    """A table as CSV text for readers: whole numbers without ".0", and any formula-like text
    made inert (``inert_frame(whole_numbers(frame)).to_csv(index=False)``, written directly
    where :mod:`~evidencebook.analysis.tabular` can)."""
    text = tabular.csv_text(frame, column=_readable, header=inert)
    if text is None:
        text = inert_frame(whole_numbers(frame)).to_csv(index=False)
    return text


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write a table as a CSV file for readers (:func:`csv_for_readers`), in UTF-8."""
    path.write_text(csv_for_readers(frame), encoding="utf-8", newline="")


def save(frame: pd.DataFrame, name: str) -> str:
    """Write ``frame`` as ``<name>.csv`` for this chapter; return the HTML link ("" if none)."""
    folder = os.environ.get(ENV)
    if not folder:
        return ""
    path = Path(folder) / f"{slug(name, 'table')}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_csv(frame, path)
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
            inert_frame(pd.read_csv(file)).to_excel(writer, sheet_name=name, index=False)
            index.append({"sheet": name, "chapter": file.parent.name, "table": file.stem})
        pd.DataFrame(index).to_excel(writer, sheet_name="contents", index=False)
        for sheet in writer.book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    _text_cell(cell)
    return target


def _text_cell(cell) -> None:  # noqa: ANN001 - an openpyxl cell
    """Store formula-like text as text: Excel's own "quote prefix" keeps it from running
    and shows it without the apostrophe the CSV file needs."""
    value = cell.value
    if cell.data_type == "f" or (
        isinstance(value, str) and value[:1] == "'" and value[1:].startswith(FORMULA_START)
    ):
        text = value if cell.data_type == "f" else value[1:]
        cell.value = text
        cell.data_type = "s"  # openpyxl takes any text starting with = for a formula
        cell.quotePrefix = True
