"""Reading and checking a data pack: a folder of CSV files described in ``schemas``.

Files are read as text first, so that every problem can be reported with the file, the
line number a spreadsheet would show, the column, the value found and what was expected.
Source files are only ever read, never written.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd
import pandera.errors

from .exceptions import DataError, EvidenceBookError, Problem
from .schemas import TableSpec, all_tables, tables_for

#: Symbols the Government Statistical Service uses for values that are not available:
#: c confidential, x not applicable/withheld, z not applicable, k less than half the unit,
#: u low reliability, "low" a small number withheld. They are read as "not available".
NOT_AVAILABLE = {"c", "x", "z", "k", "u", "low", ".."}

_NUMBER = re.compile(r"^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")


def default_pack_dir() -> Path:
    """The default data pack (Hampshire and the Isle of Wight) in the project's ``data/``."""
    return Path(__file__).resolve().parents[1] / "data"


def resolve_pack(data_dir: str | Path | None) -> Path:
    """The pack folder to read: the one given, or the default pack when empty."""
    path = Path(data_dir).expanduser() if data_dir else default_pack_dir()
    if not path.is_dir():
        raise EvidenceBookError(f"data pack folder not found: {path}")
    return path.resolve()


def read_text(path: Path) -> str:
    """A file's text: UTF-8 (with or without a byte order mark), else Windows-1252."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


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
    if kind == "int":
        if not number.is_integer():
            return None, "not a whole number"
        return int(number), None
    return number, None


def read_table(pack: Path, spec: TableSpec) -> pd.DataFrame:
    """Read and validate one table of a pack; raise ``DataError`` listing every problem.

    The frame's index is each row's line number in the file (the header is line 1).
    """
    path = pack / spec.file_name
    label = spec.file_name
    if not path.exists():
        raise DataError([Problem(label, None, None, None, "the file to exist in the pack")])
    reader = csv.reader(io.StringIO(read_text(path), newline=""))
    problems: list[Problem] = []
    header: list[str] | None = None
    records: list[list[str]] = []
    lines: list[int] = []
    for record in reader:
        if not any(cell.strip() for cell in record):
            continue  # blank rows are allowed and ignored
        if header is None:
            header = [h.strip() for h in record]
            continue
        records.append(record)
        lines.append(reader.line_num)
    if header is None:
        raise DataError([Problem(label, None, None, None, "a header row")])
    expected = spec.column_names
    missing = [c for c in expected if c not in header]
    unknown = [h for h in header if h not in expected]
    for name in missing:
        problems.append(Problem(label, 1, name, None, "this column in the header row"))
    for name in unknown:
        problems.append(
            Problem(label, 1, name or "(blank)", None, "only the columns " + ", ".join(expected))
        )
    if problems:
        raise DataError(problems)
    position = {h: i for i, h in enumerate(header)}
    columns: dict[str, list[object]] = {c.name: [] for c in spec.columns}
    for record, line in zip(records, lines, strict=True):
        if len(record) != len(header):
            problems.append(
                Problem(label, line, None, len(record), f"{len(header)} cells, as in the header")
            )
        for col in spec.columns:
            i = position[col.name]
            text = record[i].strip() if i < len(record) else ""
            if text == "":
                columns[col.name].append(pd.NA)
            elif col.kind in ("int", "number"):
                value, why = _parse_number(text, col.kind)
                if why:
                    problems.append(Problem(label, line, col.name, text, col.valid))
                    value = pd.NA
                columns[col.name].append(value)
            else:
                columns[col.name].append(text)
    frame = pd.DataFrame(columns, index=pd.Index(lines, name="line"))
    for col in spec.columns:
        dtype = {"int": "Int64", "number": "Float64"}.get(col.kind, "string")
        frame[col.name] = frame[col.name].astype(dtype)
    try:
        spec.pandera_schema().validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as err:
        problems.extend(_schema_problems(spec, frame, err))
    if problems:
        raise DataError(sorted(set(problems), key=_problem_order))
    return frame


def _problem_order(p: Problem) -> tuple:
    return (p.file, p.row or 0, p.column or "", str(p.value))


def _schema_problems(
    spec: TableSpec, frame: pd.DataFrame, err: pandera.errors.SchemaErrors
) -> list[Problem]:
    """Turn pandera's failure cases into problems that name line, column and value."""
    problems = []
    label = spec.file_name
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
    """Read several tables, collecting the problems of all of them before raising."""
    tables: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    for spec in specs:
        try:
            tables[spec.name] = read_table(pack, spec)
        except DataError as err:
            problems.extend(err.problems)
    if problems:
        raise DataError(problems)
    return tables


def load_chapter(chapter: str, data_dir: str | Path | None = None) -> dict[str, pd.DataFrame]:
    """Every table one chapter needs, from the given pack (or the default pack)."""
    pack = resolve_pack(data_dir)
    return load_tables(pack, tables_for(chapter))


def validate_pack(data_dir: str | Path | None = None) -> list[Problem]:
    """Every problem in a pack, across all its tables; an empty list means it is valid."""
    pack = resolve_pack(data_dir)
    try:
        load_tables(pack, list(all_tables().values()))
    except DataError as err:
        return err.problems
    return []
