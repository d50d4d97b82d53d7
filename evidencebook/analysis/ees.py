"""Trend tables from the Department for Education's published statistics files.

Download a release's underlying data CSV from explore-education-statistics (for example
``cla_number_and_rate_per_10k_children.csv`` from "Children looked after in England including
adoptions", or the ``b1`` children in need and ``c1`` referrals files from "Children in
need"), then ``import_table(path, table, authority="Hampshire")`` - or ``code="850"`` /
``code="E10000014"``; "South East" or "England" pick the regional or national rows - gives one
of the pack's trend tables (``looked_after_children``, ``looked_after_starts_annual``,
``looked_after_rates``, ``children_in_need``, ``re_referral_rates``) for that area, and
``add_to_pack(pack_dir, table, frame)`` adds its rows to the pack's CSV file. Columns are
found by name (any order, extra columns ignored); suppressed cells (c, x, z, k, u, low, :) are
left out and listed in ``frame.attrs["not_available"]``; rows already in the pack are never
overwritten unless ``replace=True`` is given. Import and add one area at a time.
"""

from __future__ import annotations

import csv
import difflib
import io
import os
import re
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from evidencebook.analysis.pack import (
    NOT_AVAILABLE,
    csv_cell,
    has_table,
    read_table,
    read_text,
    table_source,
)
from evidencebook.analysis.schemas import ColumnSpec, TableSpec, all_tables
from evidencebook.exceptions import DataError, EvidenceBookError, Problem, shown

#: Symbols DfE files use for a value that is not available: the Government Statistical
#: Service symbols the pack already reads, plus ":" used by older DfE files.
EES_NOT_AVAILABLE = frozenset(NOT_AVAILABLE | {":"})

#: The geographic levels read, with each level's name column and code columns.
LEVELS: dict[str, tuple[str, tuple[str, ...]]] = {
    "Local authority": ("la_name", ("old_la_code", "new_la_code")),
    "Regional": ("region_name", ("region_code",)),
    "National": ("country_name", ("country_code",)),
}

#: Time identifiers understood, and how a ``time_period`` of each names its year's end.
TIME_IDENTIFIERS = {
    "reporting year": "a year such as 2016 (the year to 31 March 2016)",
    "financial year": "a financial year such as 201516 (April 2015 to March 2016)",
}

_SOURCE_PREFIX = "DfE explore-education-statistics: "


class EesError(EvidenceBookError):
    """A published statistics file cannot be used as asked (unknown table, area, ...)."""


class AreaNotFoundError(EesError):
    """The authority, region or country asked for is not in the file."""

    def __init__(self, message: str, near: Sequence[str] = ()):
        super().__init__(message)
        #: Names and codes in the file that look like the one asked for.
        self.near = list(near)


@dataclass(frozen=True)
class EesMapping:
    """How one explore-education-statistics file fills one pack table.

    ``ees_value`` is the file's column holding the value; ``alternatives`` are other names
    DfE has given the same measure in other years' files (tried in turn when ``ees_value``
    is absent). ``filters`` pick the rows of a file that holds several measures in one column
    (e.g. ``population_count``). For a ``month`` period, the value is dated ``month`` of the
    year the time period ends (3: counts at 31 March).
    """

    table: str
    area_column: str  # "area" or "authority"
    period_column: str  # "year_ending" or "month"
    value_column: str  # the pack column receiving the value
    ees_value: str
    alternatives: tuple[str, ...] = ()
    filters: tuple[tuple[str, str], ...] = ()
    month: int = 3
    publication: str = ""

    def __post_init__(self) -> None:
        if self.period_column not in ("year_ending", "month"):
            raise EesError(f"period column must be year_ending or month: {self.period_column}")
        if not 1 <= self.month <= 12:
            raise EesError(f"month must be 1 to 12: {self.month}")


_CLA = "Children looked after in England including adoptions: cla_number_and_rate_per_10k_children"
_CIN = "Children in need: b1_children_in_need"
_REF = "Children in need: c1_children_in_need_referrals_and_rereferrals"

#: Built-in mappings for the trend tables with national published equivalents.
MAPPINGS: dict[str, EesMapping] = {
    m.table: m
    for m in (
        EesMapping(
            "looked_after_children",
            "area",
            "month",
            "children",
            "number",
            filters=(("population_count", "Children looked after at 31 March each year"),),
            publication=_CLA,
        ),
        EesMapping(
            "looked_after_starts_annual",
            "area",
            "year_ending",
            "children",
            "number",
            filters=(("population_count", "Children starting to be looked after each year"),),
            publication=_CLA,
        ),
        EesMapping(
            "looked_after_rates",
            "area",
            "month",
            "per_10000",
            "rate_per_10000",
            filters=(("population_count", "Children looked after at 31 March each year"),),
            publication=_CLA,
        ),
        EesMapping(
            "children_in_need",
            "authority",
            "month",
            "children",
            "At31_episodes",
            alternatives=("at31_episodes_num", "at31_child_num"),
            publication=_CIN,
        ),
        EesMapping(
            "re_referral_rates",
            "area",
            "year_ending",
            "rate_pct",
            "Re_referrals_percent",
            alternatives=("rereferral_percent", "Re_referrals_percentage"),
            publication=_REF,
        ),
    )
}


def year_ending(time_period: str, time_identifier: str) -> int:
    """The year a DfE time period ends in: 2016 for Reporting year 2016 or Financial year 201516.

    Raises ``ValueError`` (with the reason) for any other form.
    """
    period = time_period.strip()
    kind = " ".join(time_identifier.split()).lower()
    if kind == "reporting year":
        if re.fullmatch(r"\d{4}", period):
            return int(period)
        raise ValueError(TIME_IDENTIFIERS[kind])
    if kind == "financial year":
        m = re.fullmatch(r"(\d{4})[/-]?(\d{2})", period)
        if m and (int(m.group(1)) + 1) % 100 == int(m.group(2)):
            return int(m.group(1)) + 1
        raise ValueError(TIME_IDENTIFIERS[kind])
    raise ValueError("a time_identifier of " + " or ".join(k.title() for k in TIME_IDENTIFIERS))


def parse_value(text: str, kind: str) -> object:
    """One published cell as a number, ``pd.NA`` for a suppression symbol or a blank.

    Thousands separators are allowed ("1,362"). ``kind`` is "int" or "number". Raises
    ``ValueError`` with the reason for anything else.
    """
    cleaned = text.strip().replace(",", "")
    if cleaned == "" or cleaned.lower() in EES_NOT_AVAILABLE:
        return pd.NA
    try:
        number = float(cleaned)
    except ValueError:
        raise ValueError("not a number") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError("not a number")
    if kind == "int":
        if not number.is_integer():
            raise ValueError("not a whole number")
        return int(number)
    return number


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _records(path: Path) -> tuple[_Columns, list[tuple[int, list[str]]]]:
    """The header's columns and every non-blank record after it, with its line number."""
    if not path.is_file():
        raise EesError(f"published statistics file not found: {path}")
    reader = csv.reader(io.StringIO(read_text(path), newline=""))
    header: _Columns | None = None
    rows: list[tuple[int, list[str]]] = []
    for record in reader:
        if not any(cell.strip() for cell in record):
            continue
        if header is None:
            header = _Columns([cell.strip() for cell in record], reader.line_num)
        else:
            rows.append((reader.line_num, record))
    if header is None:
        raise DataError([Problem(path.name, None, None, None, "a header row")])
    return header, rows


def _mapping(table: str | EesMapping) -> EesMapping:
    """The built-in mapping for a pack table; a table no published file holds is an error
    saying the rows must come from the authority's own records."""
    if isinstance(table, EesMapping):
        return table
    if table in MAPPINGS:
        return MAPPINGS[table]
    importable = ", ".join(sorted(MAPPINGS))
    tables = all_tables()
    if table not in tables:
        close = difflib.get_close_matches(table, list(tables), n=1)
        guess = f" (did you mean {close[0]}?)" if close else ""
        raise EesError(
            f"the data pack has no table {shown(table)}{guess}; tables that can be imported from "
            f"a published statistics file: {importable}"
        )
    raise EesError(
        f"no national published statistics file has table {shown(table)}: its rows must come "
        f"from the authority's own records (enter them in {tables[table].file_name} or its "
        f"sheet in the pack's workbook). "
        f"Tables that can be imported from a published file: {importable}"
    )


def _spec(name: str) -> TableSpec:
    tables = all_tables()
    if name not in tables:
        raise EesError(f"the data pack has no table {shown(name)}")
    return tables[name]


@dataclass
class _Columns:
    """Positions of the file's columns, found by name (case and spacing ignored)."""

    header: list[str]
    line: int  # the header's line number
    positions: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        self.positions = {}
        for i, name in enumerate(self.header):
            self.positions.setdefault(_fold(name), i)

    def find(self, name: str) -> int | None:
        return self.positions.get(_fold(name))

    def cell(self, record: list[str], name: str) -> str:
        i = self.find(name)
        return record[i].strip() if i is not None and i < len(record) else ""


def import_table(
    path: str | Path,
    table: str | EesMapping,
    authority: str | None = None,
    code: str | None = None,
    value_column: str | None = None,
    *,
    level: str | None = None,
    filters: Mapping[str, str | None] | None = None,
    label: str | None = None,
) -> pd.DataFrame:
    """One area's rows of a published DfE statistics file, as a pack table.

    ``table`` names a pack table with a built-in mapping (see ``MAPPINGS``) or is an
    ``EesMapping``. The area is chosen by ``authority`` (a local authority, region or country
    name, matched ignoring case) and/or ``code`` (old three-digit or new nine-character
    local authority code, region or country code); when both are given they must agree.
    ``level`` ("Local authority", "Regional" or "National") limits the search. ``value_column``
    overrides the file column holding the value; ``filters`` add to (or override) the
    mapping's row filters, by column name (a value of None drops one of the mapping's).
    ``label`` names the area in the output (default: the name the file gives it).

    Returns a frame with the pack table's columns, one row per period, oldest first, with
    ``source`` naming the file. Rows whose value is suppressed are left out (the pack's value
    columns may not be blank) and listed in ``frame.attrs["not_available"]``. Raises
    ``DataError`` naming file, line and column for missing columns or unreadable cells,
    ``AreaNotFoundError`` (listing near matches) when the area is not in the file.
    """
    path = Path(path)
    mapping = _mapping(table)
    spec = _spec(mapping.table)
    if authority is None and code is None:
        raise EesError("give the authority (a name) or its code, or both")
    levels = _levels(level)
    cols, rows = _records(path)
    row_filters: dict[str, str] = dict(mapping.filters)
    for column, value in (filters or {}).items():
        if value is None:
            row_filters.pop(column, None)
        else:
            row_filters[column] = value
    required = ["time_period", "time_identifier", "geographic_level", *row_filters]
    problems = [
        Problem(path.name, cols.line, name, None, "this column in the header row")
        for name in required
        if cols.find(name) is None
    ]
    identity = _identity_columns(levels, authority, code)
    if not any(cols.find(name) is not None for name in identity):
        expected = "one of the columns " + ", ".join(identity)
        problems.append(Problem(path.name, cols.line, identity[0], None, expected))
    wanted_value = _value_column(mapping, cols, value_column, path.name)
    if isinstance(wanted_value, Problem):
        problems.append(wanted_value)
    if problems:
        raise DataError(problems)
    assert isinstance(wanted_value, str)

    candidates = [
        (line, record)
        for line, record in rows
        if _level_of(cols.cell(record, "geographic_level")) in levels
    ]
    candidates = _apply_filters(candidates, cols, row_filters, path.name)
    try:
        matched, found_level = _match_area(candidates, cols, levels, authority, code, path.name)
    except AreaNotFoundError as err:
        if not row_filters:
            raise
        among = ", ".join(f"{c}={shown(v)}" for c, v in row_filters.items())
        raise AreaNotFoundError(f"{err} (among rows with {among})", err.near) from None
    return _build_frame(
        matched, cols, mapping, spec, wanted_value, found_level, authority, label, path.name
    )


def _levels(level: str | None) -> list[str]:
    if level is None:
        return list(LEVELS)
    for name in LEVELS:
        if _fold(name) == _fold(level):
            return [name]
    raise EesError(f"level must be one of {', '.join(LEVELS)}: {shown(level)}")


def _level_of(text: str) -> str | None:
    folded = _fold(text)
    return next((name for name in LEVELS if _fold(name) == folded), None)


def _value_column(
    mapping: EesMapping, cols: _Columns, chosen: str | None, label: str
) -> str | Problem:
    """The file's name for the value column, or the problem that it has none."""
    names = [chosen] if chosen else [mapping.ees_value, *mapping.alternatives]
    for name in names:
        position = cols.find(name)
        if position is not None:
            return cols.header[position]
    standard = {_fold(c) for c in ("time_period", "time_identifier", "geographic_level")}
    standard |= {_fold(c) for name, codes in LEVELS.values() for c in (name, *codes)}
    others = [h for h in cols.header if _fold(h) not in standard]
    tried = f"; also tried {', '.join(names[1:])}" if len(names) > 1 else ""
    return Problem(
        label,
        cols.line,
        names[0],
        None,
        f"this column in the header row (the value to read{tried}); other columns: "
        f"{', '.join(others) or 'none'}; choose one with value_column",
    )


def _identity_columns(levels: list[str], authority: str | None, code: str | None) -> list[str]:
    out: list[str] = []
    for lvl in levels:
        name_col, code_cols = LEVELS[lvl]
        if authority is not None:
            out.append(name_col)
        if code is not None:
            out.extend(code_cols)
    return out


def _apply_filters(
    rows: list[tuple[int, list[str]]],
    cols: _Columns,
    row_filters: Mapping[str, str],
    label: str,
) -> list[tuple[int, list[str]]]:
    for column, wanted in row_filters.items():
        kept = [(ln, r) for ln, r in rows if _fold(cols.cell(r, column)) == _fold(wanted)]
        if not kept and rows:
            present = sorted({cols.cell(r, column) for _, r in rows})
            raise DataError(
                [
                    Problem(
                        label,
                        None,
                        column,
                        wanted,
                        "a value the file has: " + "; ".join(repr(p) for p in present),
                    )
                ]
            )
        rows = kept
    return rows


def _match_area(
    rows: list[tuple[int, list[str]]],
    cols: _Columns,
    levels: list[str],
    authority: str | None,
    code: str | None,
    label: str,
) -> tuple[list[tuple[int, list[str]]], str]:
    """The rows of the area asked for, and the geographic level they are at."""
    by_name: dict[str, list[tuple[int, list[str]]]] = {}
    by_code: dict[str, list[tuple[int, list[str]]]] = {}
    names: set[str] = set()
    codes: set[str] = set()
    for line, record in rows:
        lvl = _level_of(cols.cell(record, "geographic_level"))
        assert lvl is not None
        name_col, code_cols = LEVELS[lvl]
        name = cols.cell(record, name_col)
        if name:
            names.add(name)
            if authority is not None and _fold(name) == _fold(authority):
                by_name.setdefault(lvl, []).append((line, record))
        for code_col in code_cols:
            value = cols.cell(record, code_col)
            if value:
                codes.add(value)
                if code is not None and _fold(value) == _fold(code):
                    by_code.setdefault(lvl, []).append((line, record))
                    break
    if authority is not None and code is not None:
        found = {
            lvl: [r for r in by_name.get(lvl, []) if r in by_code.get(lvl, [])] for lvl in levels
        }
        found = {lvl: r for lvl, r in found.items() if r}
        if not found and by_name and by_code:
            code_names = sorted(
                {cols.cell(r, LEVELS[lvl][0]) for lvl, rs in by_code.items() for _, r in rs}
            )
            raise AreaNotFoundError(
                f"{label}: code {shown(code)} is {' / '.join(code_names)} in this file, "
                f"not {shown(authority)}",
                code_names,
            )
    else:
        found = by_name if authority is not None else by_code
    if not found:
        asked = authority if authority is not None else code
        pool = names if authority is not None else codes
        near = _near(str(asked), pool)
        what = "authority" if authority is not None else "code"
        if authority is not None and code is not None:
            what, asked = "authority and code", f"{authority} ({code})"
            near = _near(authority, names)
        hint = f"; near matches: {', '.join(near)}" if near else ""
        raise AreaNotFoundError(
            f"{label}: {what} {shown(asked)} not found at level {' / '.join(levels)}{hint}", near
        )
    if len(found) > 1:
        raise EesError(
            f"{label}: {shown(authority or code)} is found at more than one level "
            f"({', '.join(found)}); choose one with level="
        )
    ((lvl, matched),) = found.items()
    return matched, lvl


def _near(asked: str, pool: set[str]) -> list[str]:
    """Names or codes like the one asked for: close spellings, then ones containing it."""
    lookup = {_fold(p): p for p in pool}
    close = difflib.get_close_matches(_fold(asked), list(lookup), n=5, cutoff=0.6)
    containing = [k for k in sorted(lookup) if _fold(asked) in k and k not in close]
    return [lookup[k] for k in [*close, *containing][:5]]


def _build_frame(
    rows: list[tuple[int, list[str]]],
    cols: _Columns,
    mapping: EesMapping,
    spec: TableSpec,
    value_name: str,
    lvl: str,
    authority: str | None,
    label: str | None,
    file_label: str,
) -> pd.DataFrame:
    value_spec = spec.column(mapping.value_column)
    problems: list[Problem] = []
    periods: dict[object, int] = {}  # period -> line it was read from
    names: dict[object, str] = {}  # period -> the area's name in that row
    kept: list[tuple[int, object, object]] = []  # line, period, value
    not_available: list[dict[str, object]] = []
    for line, record in rows:
        period_text = cols.cell(record, "time_period")
        identifier = cols.cell(record, "time_identifier")
        if _fold(identifier) not in TIME_IDENTIFIERS:
            expected = " or ".join(k.title() for k in TIME_IDENTIFIERS)
            problems.append(Problem(file_label, line, "time_identifier", identifier, expected))
            continue
        try:
            year = year_ending(period_text, identifier)
        except ValueError as why:
            problems.append(Problem(file_label, line, "time_period", period_text, str(why)))
            continue
        period: object = (
            year if mapping.period_column == "year_ending" else f"{year:04d}-{mapping.month:02d}"
        )
        if period in periods:
            problems.append(_duplicate(file_label, cols, rows, periods[period], line, period))
            continue
        periods[period] = line
        names[period] = cols.cell(record, LEVELS[lvl][0])
        text = cols.cell(record, value_name)
        try:
            value = parse_value(text, value_spec.kind)
        except ValueError as why:
            problems.append(
                Problem(file_label, line, value_name, text, f"{value_spec.valid} ({why})")
            )
            continue
        if value is pd.NA:
            not_available.append({"line": line, mapping.period_column: period, "symbol": text})
            if not value_spec.nullable:
                continue
        elif not _in_range(float(value), value_spec):  # type: ignore[arg-type]
            problems.append(Problem(file_label, line, value_name, text, value_spec.valid))
            continue
        kept.append((line, period, value))
    if problems:
        raise DataError(problems)
    kept.sort(key=lambda k: str(k[1]))  # years, or months written YYYY-MM: text order works
    if label is None:  # the name the file gives the area in its latest period
        named = sorted((str(p), names[p]) for p in periods if names[p])
        label = named[-1][1] if named else authority
    if not label:
        raise EesError(f"{file_label}: the file does not name the area; give it with label=")
    source = _SOURCE_PREFIX + file_label
    data: dict[str, list[object]] = {c: [] for c in spec.column_names}
    for _, period, value in kept:
        data[mapping.area_column].append(label)
        data[mapping.period_column].append(period)
        data[mapping.value_column].append(value)
        data["source"].append(source)
    extra = set(spec.column_names) - {
        mapping.area_column,
        mapping.period_column,
        mapping.value_column,
        "source",
    }
    for name in extra:  # other nullable columns of a custom mapping's table
        data[name] = [pd.NA] * len(kept)
    frame = pd.DataFrame(data, columns=spec.column_names)
    for col in spec.columns:
        frame[col.name] = frame[col.name].astype(
            {"int": "Int64", "number": "Float64"}.get(col.kind, "string")
        )
    frame.attrs["not_available"] = not_available
    frame.attrs["file"] = file_label
    frame.attrs["level"] = lvl
    frame.attrs["lines"] = [k[0] for k in kept]
    return frame


def _in_range(value: float, col: ColumnSpec) -> bool:
    lo, hi = col.minimum, col.maximum
    return (lo is None or value >= lo) and (hi is None or value <= hi)


def _duplicate(
    label: str,
    cols: _Columns,
    rows: list[tuple[int, list[str]]],
    first: int,
    line: int,
    period: object,
) -> Problem:
    records = dict(rows)
    a, b = records[first], records[line]
    differ = [
        name
        for i, name in enumerate(cols.header)
        if (a[i].strip() if i < len(a) else "") != (b[i].strip() if i < len(b) else "")
    ]
    hint = (
        f"; the rows differ in {', '.join(differ)}: pick one with filters="
        if differ
        else "; the rows are the same"
    )
    return Problem(label, line, None, period, f"one row for each period (line {first} too){hint}")


@dataclass(frozen=True)
class PackUpdate:
    """What ``add_to_pack`` did: the file written and how many rows it added or replaced."""

    path: Path
    added: int
    replaced: int
    unchanged: int


def add_to_pack(
    pack_dir: str | Path, table: str, frame: pd.DataFrame, replace: bool = False
) -> PackUpdate:
    """Add ``frame``'s rows to the pack's CSV file for ``table``; create the file if needed.

    A row whose key (e.g. area and year) is already in the file is left alone when it is
    identical, and otherwise is an error listing every clash - unless ``replace`` is True,
    when the file's row is replaced where it stands. The merged table is validated against
    the pack's schema before anything is written, and the file is replaced in one step, so a
    failure leaves the pack as it was. Other rows keep their text and order; new rows go at
    the end. The file is written as UTF-8. Key values are compared ignoring case.
    """
    pack = Path(pack_dir).expanduser()
    if not pack.is_dir():
        raise EesError(f"data pack folder not found: {pack}")
    spec = _spec(table)
    missing = [c for c in spec.column_names if c not in frame.columns]
    extra = [c for c in frame.columns if c not in spec.column_names]
    if missing or extra:
        raise EesError(
            f"the rows for {spec.file_name} must have exactly the columns "
            f"{', '.join(spec.column_names)} (missing: {', '.join(missing) or 'none'}; "
            f"extra: {', '.join(map(str, extra)) or 'none'})"
        )
    found = table_source(pack, spec)
    if found is not None and found[2] is not None and has_table(pack, spec):
        raise EesError(
            f"the pack holds {table} in {found[0]}; add the rows there, or move the table to "
            f"{spec.file_name} first"
        )
    path = pack / spec.file_name
    new = [[csv_cell(v) for v in row] for row in frame[spec.column_names].itertuples(index=False)]
    new_keys = [_key(spec, dict(zip(spec.column_names, r, strict=True))) for r in new]
    seen: dict[tuple[str, ...], int] = {}
    for i, key in enumerate(new_keys):
        if key in seen:
            values = dict(zip(spec.column_names, new[i], strict=True))
            raise EesError(f"the rows to add have {_say_key(spec, values)} twice")
        seen[key] = i

    if path.exists():
        existing = read_table(pack, spec)  # raises DataError if the file is already invalid
        reader = csv.reader(io.StringIO(read_text(path), newline=""))
        records = [(reader.line_num, r) for r in reader]
        header_line = next(ln for ln, r in records if any(c.strip() for c in r))
        header = next(r for ln, r in records if ln == header_line)
        body = [(ln, r) for ln, r in records if ln > header_line and any(c.strip() for c in r)]
    else:
        existing = pd.DataFrame(columns=spec.column_names)
        header = list(spec.column_names)
        body = []
    position = {h.strip(): i for i, h in enumerate(header)}

    old_by_key: dict[tuple[str, ...], tuple[int, dict[str, str]]] = {}
    for line, row in existing.iterrows():
        values = {c: csv_cell(row[c]) for c in spec.column_names}
        old_by_key[_key(spec, values)] = (int(line), values)
    clashes: list[Problem] = []
    replacing: dict[int, list[str]] = {}  # line of an existing row -> the row replacing it
    to_add: list[list[str]] = []
    unchanged = 0
    for values_list, key in zip(new, new_keys, strict=True):
        values = dict(zip(spec.column_names, values_list, strict=True))
        if key not in old_by_key:
            to_add.append(values_list)
            continue
        line, old = old_by_key[key]
        if _same(spec, old, values):
            unchanged += 1
            continue
        if replace:
            replacing[line] = values_list
            continue
        differ = [c for c in spec.column_names if old[c] != values[c]]
        clashes.append(
            Problem(
                spec.file_name,
                line,
                differ[0] if len(differ) == 1 else None,
                None,
                f"no row already for {_say_key(spec, values)}: the file has "
                + ", ".join(f"{c}={shown(old[c])}" for c in differ)
                + ", the new row "
                + ", ".join(f"{c}={shown(values[c])}" for c in differ)
                + " (use replace=True to replace it)",
            )
        )
    if clashes:
        raise DataError(clashes)

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)

    def in_file_order(values_list: list[str]) -> list[str]:
        row = [""] * len(header)
        for name, value in zip(spec.column_names, values_list, strict=True):
            row[position[name]] = value
        return row

    for line, record in body:
        writer.writerow(in_file_order(replacing[line]) if line in replacing else record)
    for values_list in to_add:
        writer.writerow(in_file_order(values_list))
    text = out.getvalue()
    with tempfile.TemporaryDirectory() as check_dir:
        (Path(check_dir) / spec.file_name).write_text(text, encoding="utf-8")
        read_table(Path(check_dir), spec)  # raises DataError before the pack is touched
    handle, temp = tempfile.mkstemp(dir=pack, prefix=f".{spec.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return PackUpdate(path, len(to_add), len(replacing), unchanged)


def _key(spec: TableSpec, values: Mapping[str, str]) -> tuple[str, ...]:
    return tuple(_fold(values[c]) for c in spec.key)


def _say_key(spec: TableSpec, values: Mapping[str, str]) -> str:
    return ", ".join(f"{c}={values[c]}" for c in spec.key)


def _same(spec: TableSpec, old: Mapping[str, str], new: Mapping[str, str]) -> bool:
    """Two rows hold the same values (numbers compared as numbers)."""
    for col in spec.columns:
        a, b = old[col.name], new[col.name]
        if col.kind in ("int", "number") and a and b:
            if float(a) != float(b):
                return False
        elif a != b:
            return False
    return True
