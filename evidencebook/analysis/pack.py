"""Reading and checking a data pack: a folder of CSV files described in ``schemas``.

Files are read as text first, so that every problem can be reported with the file, the
line number a spreadsheet would show, the column, the value found and what was expected.
Source files are only ever read, never written.
"""

from __future__ import annotations

import calendar
import csv
import functools
import hashlib
import io
import math
import pickle
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from evidencebook import paths
from evidencebook.analysis import formatting, snapshot
from evidencebook.analysis.kept import Kept
from evidencebook.analysis.reading import read_bytes, read_text
from evidencebook.analysis.schemas import TableSpec, all_tables, tables_for
from evidencebook.analysis.yamlfile import read_yaml
from evidencebook.exceptions import DataError, EvidenceBookError, Problem

if TYPE_CHECKING:
    from pandera.errors import SchemaErrors

#: Symbols the Government Statistical Service uses for values that are not available:
#: c confidential, x not applicable/withheld, z not applicable, k less than half the unit,
#: u low reliability, "low" a small number withheld. They are read as "not available".
NOT_AVAILABLE = {"c", "x", "z", "k", "u", "low", ".."}
#: How a withheld count is written (in a column that may hold one, it is not just missing);
#: the book shows "c" for it and for every figure worked out from it, and "x" for a value
#: that is merely not available (``analysis.formatting``).
WITHHELD = formatting.WITHHELD

#: Characters a text cell may not hold: every C0 control but tab and line breaks, DEL, the
#: C1 controls and Unicode's line and paragraph separators. Excel files cannot hold most of
#: them (openpyxl refuses them when the build writes the workbook of every table) and a
#: terminal may act on them.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
#: The same, and line breaks: for a name (a key column, or the authority in pack.yaml),
#: which must be one line to find its row, label a chart or title the book.
CONTROL_OR_LINE_BREAK = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")

#: Months, quarters and years in a pack run from this year to the end of next year (a
#: target may look a little ahead). A date outside is almost always mistyped: 2099 for
#: 2019, or 1916 for 2016.
EARLIEST_YEAR = 1990

_NUMBER = re.compile(r"^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")


def default_pack_dir() -> Path:
    """The default data pack (Hampshire and the Isle of Wight) in the project's ``data/``."""
    return paths.data_dir()


def not_available(value: object) -> bool:
    """Whether a value is missing (``None``, ``pd.NA`` or NaN), for either reason: withheld
    (``pd.NA``: a count written "c" or withheld by ``--suppress-below``, or a figure worked
    out from one), or not available (``None`` or NaN: no data, or it cannot be worked out).
    ``analysis.formatting.missing_symbol`` gives the symbol that says which."""
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def csv_cell(value: object) -> str:
    """A value as a CSV file holds it: blank if not available, a whole number without
    ".0", numpy and pandas scalars as plain Python values."""
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if not_available(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def resolve_pack(data_dir: str | Path | None) -> Path:
    """The pack folder to read: the one given, or the default pack when empty."""
    path = Path(data_dir).expanduser() if data_dir else default_pack_dir()
    if not path.is_dir():
        raise EvidenceBookError(f"data pack folder not found: {path}")
    return path.resolve()


def control_character(text: str, one_line: bool = False) -> str | None:
    """What a text cell may not hold, in words (``None`` if nothing): the first control
    character in it (or line break, for ``one_line`` text such as a name), escaped, and
    where it is."""
    found = (CONTROL_OR_LINE_BREAK if one_line else CONTROL_CHARACTERS).search(text)
    if found is None:
        return None
    what = (
        "one line of text without control characters"
        if one_line
        else ("text without control characters")
    )
    return f"{what} (character {found.start() + 1} is {found.group()!r}: delete it)"


def latest_year(today: date | None = None) -> int:
    """The last year a pack's months, quarters and years may be in: next year."""
    return (today or date.today()).year + 1


def _parse_number(text: str, kind: str) -> tuple[object, str | None]:
    """Parse one numeric cell. Returns (value, None) or (None, reason it failed)."""
    cleaned = text.strip().replace(",", "").replace("£", "").replace(" ", "")
    if cleaned.lower() in NOT_AVAILABLE:
        return pd.NA, None
    if cleaned.endswith("%"):
        cleaned = cleaned[:-1]
    if not _NUMBER.match(cleaned):
        return None, "not a number"
    number = float(cleaned)
    if not math.isfinite(number):
        return None, "not a finite number"
    if kind == "int":
        if abs(number) >= 2**63:
            return None, "too large for a whole number"
        if not number.is_integer():
            return None, "not a whole number"
        return int(number), None
    return number, None


#: The workbook form of a pack: one sheet per table, named as the CSV file without .csv.
WORKBOOK = "pack.xlsx"
#: The file naming the authority a pack describes (and, if set, its disclosure threshold).
PACK_FILE = "pack.yaml"
#: What each key of ``pack.yaml`` may hold, in words.
PACK_KEYS = {
    "name": "the authority's name: one line of text without control characters, not blank",
    "old_la_code": 'text, in quotes if it is a number (old_la_code: "850")',
    "new_la_code": 'text, in quotes if it is a number (new_la_code: "E10000014")',
    "suppress_below": "a whole number of 2 or more (counts below it are withheld), or nothing",
}


def read_pack_meta(pack: Path) -> dict[str, object]:
    """A pack's ``pack.yaml``, checked: the authority's name and codes, and the disclosure
    threshold. A pack without one gives ``{}``. Read with ``yamlfile.read_yaml`` (size,
    aliases, duplicated keys); every problem is raised at once as a ``DataError``."""
    path = pack / PACK_FILE
    try:
        meta, lines = read_yaml(path, DataError)
    except FileNotFoundError:
        return {}
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise DataError([Problem(PACK_FILE, 1, None, None, "a mapping of name: value")])
    problems = []
    for key, value in meta.items():
        line = lines.get(str(key))
        if key not in PACK_KEYS:
            expected = "only the keys " + ", ".join(PACK_KEYS)
            problems.append(Problem(PACK_FILE, line, str(key), None, expected))
            continue
        if key == "suppress_below":
            ok = value is None or (
                isinstance(value, int) and not isinstance(value, bool) and value >= 2
            )
        elif key == "name":
            ok = isinstance(value, str) and value.strip() != ""
            ok = ok and control_character(value, one_line=True) is None
        else:
            ok = value is None or (isinstance(value, str) and not control_character(value, True))
        if not ok:
            problems.append(Problem(PACK_FILE, line, key, value, PACK_KEYS[key]))
    if problems:
        raise DataError(problems)
    return meta


_MONTHS = {
    name: i
    for i, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        start=1,
    )
    for name in names
}  # fmt: skip


def parse_month(text: str) -> str | None:
    """A month in the forms councils use, as YYYY-MM; None if it is not one.

    Accepts 2015-04, 2015-04-01, 04/2015, 01/04/2015 (day first, as in the UK),
    Apr 2015, April 2015, Apr-15 and 2015 Apr. A day, where given, must be one the month
    has: 31/06/2016 is not a date, so not a month either.
    """
    t = text.strip().lower().replace(",", " ")
    day = None
    m = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", t)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
        day = int(m.group(3)) if m.group(3) else None
    elif m := re.fullmatch(r"(\d{1,2})/(\d{4})", t):
        year, month = int(m.group(2)), int(m.group(1))
    elif m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", t):
        year, month, day = int(m.group(3)), int(m.group(2)), int(m.group(1))
    elif m := re.fullmatch(r"([a-z]+)[\s\-/]+(\d{2}|\d{4})", t):
        if m.group(1) not in _MONTHS:
            return None
        month = _MONTHS[m.group(1)]
        year = int(m.group(2)) + (2000 if len(m.group(2)) == 2 else 0)
    elif m := re.fullmatch(r"(\d{4})[\s\-/]+([a-z]+)", t):
        if m.group(2) not in _MONTHS:
            return None
        year, month = int(m.group(1)), _MONTHS[m.group(2)]
    else:
        return None
    if not 1 <= month <= 12:
        return None
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None  # a day the month does not have, such as 31/06/2016
    return f"{year:04d}-{month:02d}"


def _cell_text(value: object) -> str:
    """A workbook cell as the text a CSV would hold."""
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _csv_records(path: Path) -> list[tuple[int, list[str]]]:
    """Each record of a CSV file with the row number a spreadsheet shows for it (the line
    number, unless a quoted cell spans lines). A quoted cell left open (which would swallow
    the rest of the file) is an error naming the line it starts on."""
    reader = csv.reader(io.StringIO(read_text(path), newline=""), strict=True)
    records = []
    start = 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return records
        except csv.Error as err:
            if "end of data" in str(err):
                reason = "a closing quote mark for the quoted cell that starts on this row"
            else:
                reason = f"a well-formed CSV row ({err}): put quote marks around the whole cell"
            raise DataError([Problem(path.name, start, None, None, reason)]) from None
        records.append((len(records) + 1, record))
        start = reader.line_num + 1


def open_workbook(path: Path):  # returns an openpyxl Workbook
    """A pack's Excel workbook, read only; one that cannot be opened is a ``DataError``."""
    import zipfile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    content = io.BytesIO(read_bytes(path))
    try:
        return openpyxl.load_workbook(content, read_only=True, data_only=True)
    except SyntaxError:  # the XML of a part (ElementTree's ParseError): name the sheet
        raise DataError(_damaged_sheets(path, content)) from None
    except (OSError, zipfile.BadZipFile, InvalidFileException, KeyError, ValueError) as err:
        reason = f"an Excel workbook (.xlsx) that can be opened ({type(err).__name__}: {err})"
        raise DataError([Problem(path.name, None, None, None, reason)]) from None


#: What a sheet whose XML cannot be read should be, and what to do.
DAMAGED_SHEET = (
    "a sheet that can be read (it is damaged): open the workbook in Excel and save it again, "
    "or fill in the CSV file instead"
)


def _damaged_sheets(path: Path, content: io.BytesIO) -> list[Problem]:
    """A problem for each sheet of a workbook whose XML cannot be read (or, if no sheet's
    is damaged, one for the workbook), naming the sheet as Excel shows it."""
    import posixpath
    import zipfile
    from xml.etree import ElementTree

    def parse(archive: zipfile.ZipFile, part: str) -> ElementTree.Element | None:
        try:
            with archive.open(part) as handle:
                return ElementTree.parse(handle).getroot()
        except (SyntaxError, KeyError, OSError, zipfile.BadZipFile):
            return None

    problems = []
    with zipfile.ZipFile(content) as archive:
        book = parse(archive, "xl/workbook.xml")
        rels = parse(archive, "xl/_rels/workbook.xml.rels")
        targets = {r.get("Id"): r.get("Target", "") for r in (rels if rels is not None else [])}
        for sheet in book.iter() if book is not None else []:
            if not sheet.tag.endswith("}sheet"):
                continue
            rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
            target = targets.get(rid, "")
            part = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
            if parse(archive, posixpath.normpath(part)) is None:
                label = f"{path.name}, sheet '{sheet.get('name')}'"
                problems.append(Problem(label, None, None, None, DAMAGED_SHEET))
    reason = "an Excel workbook (.xlsx) that can be opened (a part of it is damaged)"
    return problems or [Problem(path.name, None, None, None, reason)]


def _file_key(path: Path) -> tuple[str, str]:
    """What tells one version of a file from another: its path and a digest of its bytes
    (read as a pack file is: a link is refused, see ``reading.read_bytes``)."""
    return str(path.resolve()), hashlib.sha256(read_bytes(path)).hexdigest()


def sheet_names(path: Path) -> tuple[str, ...]:
    """The sheets of a pack's workbook (opened once for each version of the file; one that
    cannot be opened is tried once too, and its problems said each time it is asked for)."""
    found, _ = _workbook(_file_key(path))
    if isinstance(found, list):
        raise DataError(found)
    return found


def sheet_cells(path: Path, sheet: str) -> list[list[tuple[object, str]]]:
    """Every row of one sheet of a pack's workbook, as (value, number format) per cell
    (the workbook is opened and every sheet read once for each version of the file: a
    pack's checks read each sheet, some several times).

    A damaged sheet (the workbook opens, but the sheet's XML cannot be read) is a
    ``DataError`` naming the workbook and the sheet, not a traceback.
    """
    found, cells = _workbook(_file_key(path))
    if isinstance(found, list):
        raise DataError(found)
    rows = cells.get(sheet)
    if rows is None:
        label = f"{path.name}, sheet '{sheet}'"
        raise DataError([Problem(label, None, None, None, DAMAGED_SHEET)])
    return [list(row) for row in rows]


@functools.lru_cache(maxsize=16)
def _workbook(
    key: tuple[str, str],
) -> tuple[tuple[str, ...] | list[Problem], dict[str, tuple | None]]:
    """A workbook's sheet names and every sheet's rows (None for a sheet whose XML cannot be
    read), or the problems of a workbook that cannot be opened."""
    try:
        book = open_workbook(Path(key[0]))
    except DataError as err:  # a damaged workbook: why, kept like the names of a good one
        return list(err.problems), {}
    cells: dict[str, tuple | None] = {}
    try:
        for name in book.sheetnames:
            try:
                rows = book[name].iter_rows()
                cells[name] = tuple(
                    tuple((c.value, c.number_format or "") for c in row) for row in rows
                )
            except Exception:  # noqa: BLE001 - which error depends on the XML parser installed
                cells[name] = None
        return tuple(book.sheetnames), cells
    finally:
        book.close()


def _percent_cell(value: object, number_format: str) -> object:
    """A cell Excel shows as a percentage (format "0%": 0.14 shown as 14%) as the
    percentage it shows, 14, rounded so that float error (14.000000000000002) is not kept."""
    if "%" in number_format and isinstance(value, int | float) and not isinstance(value, bool):
        return round(value * 100, 10)
    return value


def _sheet_records(
    path: Path, sheet: str, percent_columns: frozenset[str] = frozenset()
) -> list[tuple[int, list[str]]]:
    """A sheet's rows as the text a CSV file would hold. In ``percent_columns`` (named by
    the sheet's first filled row, its header), a cell formatted as a percentage is read as
    the percentage Excel shows."""
    records = []
    header: list[str] | None = None
    for i, row in enumerate(sheet_cells(path, sheet), start=1):
        if header is None and any(_cell_text(v).strip() for v, _ in row):
            header = [_cell_text(v).strip() for v, _ in row]
        names = header or []
        cells = [
            _percent_cell(v, fmt) if j < len(names) and names[j] in percent_columns else v
            for j, (v, fmt) in enumerate(row)
        ]
        records.append((i, [_cell_text(v) for v in cells]))
    return records


def _has_rows(records: list[tuple[int, list[str]]]) -> bool:
    filled = [r for _, r in records if any(cell.strip() for cell in r)]
    return len(filled) > 1  # a header and at least one data row


def table_source(pack: Path, spec: TableSpec) -> tuple[str, Path, str | None] | None:
    """Where a pack holds a table: its CSV file or the sheet of that name in ``pack.xlsx``.

    A pack made by ``scaffold`` has both forms, empty; the one with data rows is read. Both
    holding rows is an error, since the book cannot know which is meant. Returns (label for
    messages, path, sheet name or None), or None when the pack has the table in neither.
    """
    csv_path = pack / spec.file_name
    book = pack / WORKBOOK
    sheet_found = False
    if book.exists():
        sheet_found = spec.name in sheet_names(book)
    csv_found = csv_path.exists()
    if csv_found and sheet_found:
        csv_rows = _has_rows(_csv_records(csv_path))
        sheet_rows = _has_rows(_sheet_records(book, spec.name))
        if csv_rows and sheet_rows:
            raise DataError(
                [
                    Problem(
                        spec.file_name,
                        None,
                        None,
                        None,
                        f"the table in one place only, but {WORKBOOK} sheet '{spec.name}' "
                        "has rows too: empty one of them",
                    )
                ]
            )
        if sheet_rows:
            return f"{WORKBOOK}, sheet '{spec.name}'", book, spec.name
    if csv_found:
        return spec.file_name, csv_path, None
    if sheet_found:
        return f"{WORKBOOK}, sheet '{spec.name}'", book, spec.name
    return None


def has_table(pack: Path, spec: TableSpec) -> bool:
    """True when the pack holds the table with at least one data row, in either form."""
    try:
        found = table_source(pack, spec)
        if found is None:
            return False
        _, path, sheet = found
        return _has_rows(_csv_records(path) if sheet is None else _sheet_records(path, sheet))
    except DataError:
        return True  # present (twice, or unreadable): reading it will report the problem


#: Tables read and checked in this process, by what was read (see ``read_table``): the
#: frame, or the problems found.
_READ = Kept(256)


def read_table(pack: Path, spec: TableSpec) -> pd.DataFrame:
    """Read and validate one table of a pack; raise ``DataError`` listing every problem.

    The table comes from its CSV file or, failing that, from the sheet of the same name in
    the pack's workbook. The frame's index is each row's line number in the file (the
    header is line 1).

    The file is read every time; checking it is done once in a process for the same rows
    (a digest of the text of every cell read), the same table and the same year: the same
    rows give a copy of the frame, or the same problems, without being checked again, and
    a changed cell, in any copy of the file, is checked as new.
    """
    found = table_source(pack, spec)
    if found is None:
        raise DataError(
            [Problem(spec.file_name, None, None, None, "the file to exist in the pack")]
        )
    label, path, sheet = found
    percent = frozenset(c.name for c in spec.columns if c.unit == "%")
    raw = _csv_records(path) if sheet is None else _sheet_records(path, sheet, percent)
    rows = hashlib.sha256(pickle.dumps(raw, protocol=5)).hexdigest()
    key = (spec, label, sheet is None, latest_year(), rows)
    kept = _READ.get(key)
    if kept is None:
        try:
            kept = _checked_frame(spec, label, sheet, raw)
        except DataError as err:
            kept = tuple(err.problems)
        _READ.put(key, kept)
    if isinstance(kept, pd.DataFrame):
        return kept
    raise DataError(list(kept))


def _checked_frame(
    spec: TableSpec, label: str, sheet: str | None, raw: list[tuple[int, list[str]]]
) -> pd.DataFrame:
    """The table ``read_table`` reads, from the rows of its file (or sheet), checked."""
    problems: list[Problem] = []
    header: list[str] | None = None
    records: list[list[str]] = []
    lines: list[int] = []
    for line, record in raw:
        if not any(cell.strip() for cell in record):
            continue  # blank rows are allowed and ignored
        if header is None:
            header = [h.strip() for h in record]
            while header and header[-1] == "" and sheet is not None:
                header.pop()  # empty trailing cells of a worksheet
            continue
        records.append(record)
        lines.append(line)
    if header is None:
        raise DataError([Problem(label, None, None, None, "a header row")])
    expected = spec.column_names
    missing = [c for c in expected if c not in header]
    unknown = [h for h in header if h not in expected]
    for name in missing:
        problems.append(Problem(label, 1, name, None, "this column in the header row"))
    for name in dict.fromkeys(unknown):
        problems.append(
            Problem(label, 1, name or "(blank)", None, "only the columns " + ", ".join(expected))
        )
    for name in dict.fromkeys(h for h in header if h in expected and header.count(h) > 1):
        problems.append(Problem(label, 1, name, None, "this column once only in the header row"))
    if problems:
        raise DataError(problems)
    position = {h: i for i, h in enumerate(header)}
    columns: dict[str, list[object]] = {c.name: [] for c in spec.columns}
    unreadable: set[tuple[int, str]] = set()  # cells already reported as unreadable
    withheld: set[tuple[int, str]] = set()  # counts written "c" where a count may be withheld
    for record, line in zip(records, lines, strict=True):
        if sheet is None and len(record) != len(header):
            problems.append(
                Problem(label, line, None, len(record), f"{len(header)} cells, as in the header")
            )
        row = {h: (record[i].strip() if i < len(record) else "") for h, i in position.items()}
        for col in spec.columns:
            text = row[col.name]
            if text == "":
                columns[col.name].append(pd.NA)
            elif col.disclosive and text.lower() == WITHHELD and spec.may_withhold(row):
                columns[col.name].append(pd.NA)
                withheld.add((line, col.name))
            elif col.disclosive and text.lower() == WITHHELD:
                rows_column, values = spec.withhold_rows
                problems.append(
                    Problem(
                        label,
                        line,
                        col.name,
                        text,
                        f"a number: c (withheld) is only for counts of people, where "
                        f"{rows_column} is {' or '.join(values)}",
                    )
                )
                unreadable.add((line, col.name))
                columns[col.name].append(pd.NA)
            elif col.kind in ("int", "number"):
                value, why = _parse_number(text, col.kind)
                if why:
                    problems.append(Problem(label, line, col.name, text, col.valid))
                    unreadable.add((line, col.name))
                    value = pd.NA
                columns[col.name].append(value)
            elif col.kind == "month":
                month = parse_month(text)
                if month is None:
                    problems.append(Problem(label, line, col.name, text, col.valid))
                    unreadable.add((line, col.name))
                columns[col.name].append(month if month else pd.NA)
            else:
                if why := control_character(text, one_line=col.name in spec.key):
                    problems.append(Problem(label, line, col.name, text, why))
                    unreadable.add((line, col.name))
                columns[col.name].append(text)
    frame = pd.DataFrame(columns, index=pd.Index(lines, name="line"))
    for col in spec.columns:
        dtype = {"int": "Int64", "number": "Float64"}.get(col.kind, "string")
        frame[col.name] = frame[col.name].astype(dtype)
    import pandera.errors  # only where a table is validated: kernels reading the snapshot skip it

    try:
        spec.pandera_schema().validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as err:
        problems.extend(
            p
            for p in _schema_problems(spec, frame, err, label)
            if (p.row, p.column) not in unreadable | withheld
        )
    flagged = {(p.row, p.column) for p in problems} | unreadable
    problems.extend(
        p for p in _row_problems(spec, frame, label) if (p.row, p.column) not in flagged
    )
    if problems:
        raise DataError(sorted(set(problems), key=_problem_order))
    return with_withheld_marks(frame, spec, withheld)


# --- withheld counts -----------------------------------------------------------------------
# A loaded table carries its withheld counts in one way only: for each column that may hold
# a withheld count (``Column.disclosive``), a boolean column ``<column>_withheld``, True
# where the count is withheld (the count itself is ``pd.NA`` there, as a blank one is).
# The marks are ordinary columns, so they follow the rows through filtering, sorting,
# ``reset_index``, ``merge`` and ``concat``; figures worked out from a withheld count mark
# their own column the same way (``analysis.series``).

#: The end of the name of a column marking withheld cells: ``children_withheld``.
WITHHELD_SUFFIX = "_withheld"


def withheld_column(column: str) -> str:
    """The name of the column marking the withheld cells of ``column``."""
    return f"{column}{WITHHELD_SUFFIX}"


def with_withheld_marks(
    frame: pd.DataFrame, spec: TableSpec, cells: set[tuple[int, str]] = frozenset()
) -> pd.DataFrame:
    """``frame`` (a table read for ``spec``, indexed by line) with a ``<column>_withheld``
    column for each column that may hold a withheld count: True for the ``(line, column)``
    cells given."""
    for column in spec.disclosive_columns:
        shut = {line for line, name in cells if name == column}
        frame[withheld_column(column)] = pd.Series(
            [line in shut for line in frame.index], index=frame.index, dtype=bool
        )
    return frame


def withheld(frame: pd.DataFrame, column: str) -> pd.Series:
    """True for each row whose ``column`` is withheld ("c", or worked out from a withheld
    count), False for a value that is shown or simply not available: the frame's
    ``<column>_withheld`` column, or all False where it has none."""
    mark = withheld_column(column)
    if mark in frame.columns:
        marks = frame[mark]
        if marks.dtype == bool:  # as a loaded table has it: nothing to fill or convert
            return marks.copy()
        return marks.fillna(False).astype(bool)
    return pd.Series(False, index=frame.index, dtype=bool)


def cell(frame: pd.DataFrame, label: object, column: str) -> object:
    """One cell of a table as a figure: ``pd.NA`` where it is withheld (shown "c"), None
    where it is blank (not available: "x"), else its value."""
    value = frame.loc[label, column]
    if not not_available(value):
        return value
    return pd.NA if bool(withheld(frame, column).loc[label]) else None


def cells(frame: pd.DataFrame, column: str) -> list[object]:
    """A column's values as figures, in order (see :func:`cell`): ``pd.NA`` where withheld,
    None where blank (not available)."""
    return [cell(frame, label, column) for label in frame.index]


def has_withheld(frame: pd.DataFrame) -> bool:
    """Whether any value of a table is withheld."""
    marks = [c for c in frame.columns if str(c).endswith(WITHHELD_SUFFIX)]
    return bool(marks) and bool(frame[marks].fillna(False).astype(bool).to_numpy().any())


def _row_problems(spec: TableSpec, frame: pd.DataFrame, label: str) -> list[Problem]:
    """Checks across columns and rows: a part larger than its whole; a period (or a range)
    out of order; a month, quarter or year outside ``EARLIEST_YEAR`` to next year;
    percentages that all look like fractions (0.36 written for 36%)."""
    problems = _period_problems(spec, frame, label)
    for col in spec.columns:
        values = frame[col.name].dropna() if col.unit == "%" else pd.Series(dtype=float)
        if len(values) >= 2 and (values > 0).any() and values.abs().le(1).all():
            line = int(values.index[0])
            problems.append(
                Problem(
                    label,
                    line,
                    col.name,
                    float(values.iloc[0]),
                    "percentages written from 0 to 100 (every value here is 1 or less, as if "
                    "0.36 were written for 36%: write 36 or 36%)",
                )
            )
    for part, whole in spec.not_more_than:
        bad = frame[frame[part].notna() & frame[whole].notna() & (frame[part] > frame[whole])]
        for line, row in bad.iterrows():
            problems.append(
                Problem(label, int(line), part, row[part], f"not more than {whole} ({row[whole]})")
            )
    for earlier, later in spec.in_order:
        bad = frame[frame[earlier].notna() & frame[later].notna() & (frame[earlier] > frame[later])]
        word = "before" if spec.column(earlier).kind in ("month", "quarter") else "less than"
        for line, row in bad.iterrows():
            problems.append(
                Problem(
                    label, int(line), later, row[later], f"not {word} {earlier} ({row[earlier]})"
                )
            )
    return problems


def _period_problems(spec: TableSpec, frame: pd.DataFrame, label: str) -> list[Problem]:
    """Months, quarters and years (columns whose unit is "year") outside ``EARLIEST_YEAR``
    to the end of next year."""
    problems = []
    last = latest_year()
    for col in spec.columns:
        if col.kind in ("month", "quarter"):
            what = f"a {col.kind} from {EARLIEST_YEAR} to the end of next year"
        elif col.unit == "year":
            what = f"a year from {EARLIEST_YEAR} to next year"
        else:
            continue
        for line, value in frame[col.name].dropna().items():
            text = str(value)
            if col.kind != "int" and not text[:4].isdigit():
                continue  # not a month or quarter at all: reported as such
            year = int(value) if col.kind == "int" else int(text[:4])
            if not EARLIEST_YEAR <= year <= last:
                problems.append(
                    Problem(label, int(line), col.name, value, f"{what} (is the year mistyped?)")
                )
    return problems


def _problem_order(p: Problem) -> tuple:
    return (p.file, p.row or 0, p.column or "", str(p.value))


def _schema_problems(
    spec: TableSpec, frame: pd.DataFrame, err: SchemaErrors, label: str
) -> list[Problem]:
    """Turn pandera's failure cases into problems that name line, column and value."""
    problems = []
    for case in err.failure_cases.to_dict("records"):
        column = case.get("column")
        index = case.get("index")
        check = str(case.get("check"))
        value = case.get("failure_case")
        line = int(index) if index is not None and not pd.isna(index) else None
        if "uniqueness" in check or "duplicates" in check:
            key = ", ".join(spec.key)
            problems.append(
                Problem(label, line, None, None, f"one row only for each {key} (a duplicate)")
            )
        elif column in spec.column_names:
            col = spec.column(column)
            if "not_nullable" in check:
                problems.append(Problem(label, line, column, None, col.valid + ", not blank"))
            else:
                problems.append(Problem(label, line, column, value, col.valid))
        else:
            problems.append(Problem(label, line, column, value, check))
    return problems


def load_tables(pack: Path, specs: list[TableSpec]) -> dict[str, pd.DataFrame]:
    """Read several tables, collecting the problems of all of them before raising.

    An optional table the pack does not have comes back empty, with its columns.
    """
    tables: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    said: set[str] = set()  # a broken workbook is one problem, not one per table
    for spec in specs:
        if spec.national_default and not has_table(pack, spec):
            tables[spec.name] = national_table(spec)
            continue
        if spec.optional and not has_table(pack, spec):
            tables[spec.name] = with_withheld_marks(spec.empty_frame(), spec)
            continue
        try:
            tables[spec.name] = read_table(pack, spec)
        except DataError as err:
            for problem in err.problems:
                if str(problem) not in said:
                    said.add(str(problem))
                    problems.append(problem)
    if problems:
        raise DataError(problems)
    return tables


def national_table(spec: TableSpec) -> pd.DataFrame:
    """A table the book has from the national published data (``spec.national_default``),
    in the pack table's layout and types, checked against its schema; rows are numbered as
    lines of a CSV file would be."""
    from evidencebook.analysis.national import pack_table

    found = pack_table(spec.name)[spec.column_names]
    frame = found.set_axis(pd.Index(range(2, len(found) + 2), name="line"))
    for col in spec.columns:
        frame[col.name] = frame[col.name].astype(
            {"int": "Int64", "number": "Float64"}.get(col.kind, "string")
        )
    seen = (spec, hashlib.sha256(pickle.dumps(frame, protocol=5)).hexdigest())
    if seen not in _VALID_NATIONAL:  # validated once in a process for the same rows
        spec.pandera_schema().validate(frame)
        _VALID_NATIONAL.add(seen)
    return with_withheld_marks(frame, spec)


#: The national tables (by spec and a digest of their rows) that passed their schema.
_VALID_NATIONAL: set[tuple[TableSpec, str]] = set()


def checked_table(pack: Path, spec: TableSpec) -> pd.DataFrame:
    """One table of a pack: in a build, as the build read and checked it (see
    :mod:`evidencebook.analysis.snapshot`); otherwise read and checked now."""
    held = snapshot.tables(pack, [spec.name])
    return held[spec.name] if held is not None else read_table(pack, spec)


def load_chapter(chapter: str, data_dir: str | Path | None = None) -> dict[str, pd.DataFrame]:
    """Every table one chapter needs, from the given pack (or the default pack).

    In a build, from the tables the build has already read and checked (see
    :mod:`evidencebook.analysis.snapshot`)."""
    pack = resolve_pack(data_dir)
    held = snapshot.chapter_tables(pack, chapter)
    if held is not None:
        return held
    specs = tables_for(chapter)
    held = snapshot.tables(pack, [s.name for s in specs])
    return held if held is not None else load_tables(pack, specs)


def validate_pack(data_dir: str | Path | None = None) -> list[Problem]:
    """Every problem in a pack, across all its tables; an empty list means it is valid."""
    pack = resolve_pack(data_dir)
    try:
        load_tables(pack, list(all_tables().values()))
    except DataError as err:
        return err.problems
    return []
