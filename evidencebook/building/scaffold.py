"""Create a new, empty data pack for an authority, in both CSV and Excel form.

The pack has a CSV template (header row only) for every table, ``parameters.yaml`` holding
the report's value of every assumption with a comment saying what it means, ``pack.yaml``
naming the authority, and the same tables and parameters as one Excel workbook
(``pack.xlsx``: a "read me" sheet, a "parameters" sheet and one sheet per table). Either
form can be filled in and is read back.
"""

from __future__ import annotations

import csv
from pathlib import Path

import yaml

from evidencebook.analysis import parameters as params_mod
from evidencebook.analysis.pack import PACK_FILE, WORKBOOK
from evidencebook.analysis.parameters import chapter_parameters
from evidencebook.analysis.schemas import all_tables
from evidencebook.exceptions import EvidenceBookError

README_SHEET = "read me"
PARAMETERS_SHEET = "parameters"


def scaffold(
    folder: str | Path,
    name: str,
    old_la_code: str = "",
    new_la_code: str = "",
    chapters: dict[str, dict[str, params_mod.Parameter]] | None = None,
) -> Path:
    """Create the pack in ``folder``, which must not exist yet or be empty."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise EvidenceBookError(f"{folder} is a file: choose a new folder for the pack")
    if folder.exists() and any(folder.iterdir()):
        raise EvidenceBookError(f"{folder} is not empty: choose a new folder for the pack")
    if not name.strip():
        raise EvidenceBookError("the authority's name must not be blank")
    folder.mkdir(parents=True, exist_ok=True)
    chapters = chapters if chapters is not None else chapter_parameters()
    meta = {"name": name, "old_la_code": old_la_code, "new_la_code": new_la_code}
    (folder / PACK_FILE).write_text(
        "# The authority this data pack describes.\n"
        + yaml.safe_dump(meta, sort_keys=False)
        + "# For a book to be published: withhold counts of children, young people and\n"
        "# families below this number (shown as c), and any count that would reveal one.\n"
        "# suppress_below: 10\n",
        encoding="utf-8",
    )
    header = (
        f"Parameters for {name}.\n"
        "Each value is the report's (DFE-RR587); change it to your own, keeping the type.\n"
        "The comment above each says what it means and where the report's value comes from."
    )
    (folder / params_mod.PARAMETERS_FILE).write_text(
        params_mod.yaml_text(chapters, header), encoding="utf-8"
    )
    for spec in all_tables().values():
        with open(folder / spec.file_name, "w", newline="", encoding="utf-8") as handle:
            csv.writer(handle, lineterminator="\n").writerow(spec.column_names)
    write_workbook(folder / WORKBOOK, name, chapters)
    return folder


def write_workbook(
    path: Path, name: str, chapters: dict[str, dict[str, params_mod.Parameter]]
) -> None:
    """The Excel form of an empty pack."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    readme = book.active
    readme.title = README_SHEET
    readme.append([f"Data pack for {name}"])
    readme["A1"].font = Font(bold=True, size=14)
    for line in (
        "Fill in each table's sheet below the header row, or the CSV file of the same name: "
        "not both.",
        "Write numbers without formulas; '£', thousands separators and '%' signs are read.",
        "Percentages are written as 0 to 100 (36 or 36%, not 0.36).",
        "Leave a cell blank, or write c, x, z, k, u or low, where a value is not available.",
        "Months may be written 2015-04, Apr 2015, 04/2015 or 01/04/2015.",
        "Change assumptions on the 'parameters' sheet (or in parameters.yaml).",
        "",
    ):
        readme.append([line])
    bold = Font(bold=True)
    readme.append(["sheet", "column", "meaning", "unit", "valid values", "report source"])
    for cell in readme[readme.max_row]:
        cell.font = bold
    for spec in all_tables().values():
        for col in spec.columns:
            readme.append([spec.name, col.name, col.meaning, col.unit, col.valid, spec.source])
    params = book.create_sheet(PARAMETERS_SHEET)
    params.append(["name", "value", "type", "meaning"])
    for cell in params[1]:
        cell.font = bold
    seen = set()
    for declared in chapters.values():
        for p in declared.values():
            if p.name in params_mod.RESERVED or p.name in seen:
                continue
            seen.add(p.name)
            params.append([p.name, p.default, p.type, p.help])
    for spec in all_tables().values():
        sheet = book.create_sheet(spec.name[:31])
        sheet.append(spec.column_names)
        for cell in sheet[1]:
            cell.font = bold
    for sheet in book.worksheets:
        for column in sheet.columns:
            width = max(len(str(c.value or "")) for c in column)
            sheet.column_dimensions[column[0].column_letter].width = min(60, max(10, width + 2))
    book.save(path)


def workbook_parameters(path: Path) -> tuple[dict[str, object], dict[str, int]]:
    """The name: value pairs of a workbook's parameters sheet, and each one's row.

    Values are read as stored: a share formatted as a percentage in Excel (shown 20%,
    stored 0.2) is already the fraction the parameters use. A blank value is empty text
    (a money input's price year left blank: ``input_price_year``'s).
    """
    from evidencebook.analysis.pack import open_workbook, sheet_cells

    book = open_workbook(path)
    names = book.sheetnames
    book.close()
    if PARAMETERS_SHEET not in names:
        return {}, {}
    values, rows = {}, {}
    for i, row in enumerate(sheet_cells(path, PARAMETERS_SHEET), start=1):
        if i == 1 or not row or row[0][0] in (None, ""):
            continue
        name = str(row[0][0]).strip()
        value = row[1][0] if len(row) > 1 else None
        values[name] = "" if value is None else value  # a blank cell: empty text
        rows[name] = i
    return values, rows


def copy_rows(pack: str | Path, table: str, authority: str | None = None, source=None) -> int:  # noqa: ANN001
    """Append a default-pack table's rows to a pack's CSV file: only ``authority``'s rows if
    given (for tables with an ``authority`` or ``area`` column), else all of them. Returns
    rows copied.

    Useful to start a pack from the report's data, or to reuse national tables such as the
    GDP deflators.
    """
    from evidencebook.analysis.pack import default_pack_dir

    source = Path(source) if source else default_pack_dir()
    with open(source / f"{table}.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    if authority is not None:
        column = next((c for c in ("authority", "area") if c in header), None)
        if column is None:
            raise EvidenceBookError(
                f"{table}.csv has no authority or area column to choose rows by"
            )
        body = [r for r in body if r[header.index(column)] == authority]
    target = Path(pack) / f"{table}.csv"
    if not target.exists():
        target.write_text(",".join(header) + "\n", encoding="utf-8")
    with open(target, "a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(body)
    return len(body)
