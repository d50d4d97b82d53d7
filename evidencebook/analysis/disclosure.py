"""Disclosure control for published outputs: small counts are withheld and shown as "c".

*Primary suppression* withholds every count from 1 to ``threshold - 1`` (a count of 0 is
shown unless ``show_zero=False``: saying that nobody had a characteristic usually discloses
nothing about a person). *Secondary suppression* then stops a withheld count being worked
out by subtraction: wherever the table states (or the reader knows) that some cells add up
to a total - the rows of a group adding up to its total row, or columns adding up to a total
column - a sum with exactly one withheld cell would give that cell away, so one more cell of
that sum is withheld: the smallest shown non-zero part (the smallest zero if there is none),
failing that the total. This repeats until every sum has no withheld cell or at least two,
so a cell withheld to protect a row can in turn protect a column.

This is the simple, conventional rule used for small published tables. It does not guard
against every attack (bounds worked out from several sums at once, differencing between
tables published separately, or dominance of a single contributor); check that the totals
of a table published elsewhere are declared with ``totals_known``.

The ``record`` of a result lists each withheld cell and why; it names cells, not their
values, so it is safe to keep with the output.
"""

from __future__ import annotations

import csv
import math
import shutil
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from evidencebook.analysis import formatting
from evidencebook.analysis.pack import csv_cell
from evidencebook.exceptions import EvidenceBookError

#: How a withheld value is shown (``analysis.formatting``: "x" is a value not available).
WITHHELD = formatting.WITHHELD

#: Columns of ``Suppressed.record``.
RECORD_COLUMNS = ["row", "column", "reason", "detail"]


class DisclosureError(EvidenceBookError):
    """The table or the options given to disclosure control cannot be used."""


Cell = tuple[int, str]  # (row position, column name)


@dataclass(frozen=True)
class _Sum:
    """Cells a reader knows add up to a total (``total`` None: known from elsewhere)."""

    parts: tuple[Cell, ...]
    total: Cell | None
    where: str


@dataclass
class Suppressed:
    """A table after disclosure control, with a record of what was withheld and why.

    ``frame`` is a copy of the input with withheld values replaced by ``"c"``; ``record`` has
    one row per withheld cell (``row`` is the frame's index label, ``column``, ``reason``:
    primary, secondary or dependent, and ``detail`` in words). ``unprotected`` lists any
    withheld cell that could not be protected (a sum with no other cell to withhold): it
    should be empty before the table is published.
    """

    frame: pd.DataFrame
    record: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=RECORD_COLUMNS))
    unprotected: list[str] = field(default_factory=list)

    def withheld(self, column: str) -> pd.Series:
        """True for each row whose value in ``column`` is withheld."""
        return self.frame[column].map(lambda v: isinstance(v, str) and v == WITHHELD)


def _count(value: object, where: str) -> int | None:
    """A count as an int; None for a value that is not available; "c" is handled by callers."""
    if value is None or value is pd.NA:
        return None
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()  # numpy and pandas scalars
    if isinstance(value, float) and math.isnan(value):
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or (isinstance(value, float) and not value.is_integer())
        or value < 0
    ):
        raise DisclosureError(f"{where}: a count must be a whole number of 0 or more: {value!r}")
    return int(value)


def _check_threshold(threshold: int) -> None:
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 1:
        raise DisclosureError(f"the threshold must be a whole number of 1 or more: {threshold!r}")


def _is_small(n: int, threshold: int, show_zero: bool) -> bool:
    return 0 < n < threshold or (n == 0 and not show_zero)


def suppress_value(n: object, threshold: int, show_zero: bool = True) -> int | str:
    """One count as it may be published: the count, or ``"c"`` when it is below the threshold.

    For a single figure glued into the text (there is no total beside it to protect).
    Counts from 1 to ``threshold - 1`` are withheld; 0 is shown unless ``show_zero`` is False.
    """
    _check_threshold(threshold)
    count = _count(n, "suppress_value")
    if count is None:
        raise DisclosureError("suppress_value: the count is not available")
    return WITHHELD if _is_small(count, threshold, show_zero) else count


def suppress(
    frame: pd.DataFrame,
    count_columns: Sequence[str],
    threshold: int,
    *,
    by: Sequence[str] = (),
    total_rows: Mapping[str, object] | None = None,
    column_totals: Mapping[str, Sequence[str]] | None = None,
    totals_known: bool = False,
    show_zero: bool = True,
    dependent: Mapping[str, str | Sequence[str]] | None = None,
) -> Suppressed:
    """Withhold small counts of a tidy table, and the cells that would reveal them.

    ``count_columns`` are the columns holding counts (whole numbers of 0 or more; blank for
    not available; ``"c"`` for a value already withheld). Counts from 1 to ``threshold - 1``
    are withheld (primary), and 0 too when ``show_zero`` is False.

    Sums the reader can use to work a withheld count out, for secondary suppression:

    - ``total_rows``: a column->value mapping marking total rows (e.g. ``{"age": "all
      ages"}``); within each group of rows sharing the ``by`` columns, the other rows add up
      to the group's total row, in every count column.
    - ``totals_known``: the rows of each ``by`` group add up to a total published elsewhere
      (or in the text), even though the table has no total row.
    - ``column_totals``: ``{"total": ["boys", "girls"]}`` - in every row, these count columns
      add up to the total column.

    ``dependent`` maps a column computed from counts (a percentage, a rate) to the count
    column(s) it is computed from; it is withheld wherever one of those is (see
    ``suppress_dependent``). Returns a ``Suppressed`` result; the input is not changed.
    """
    _check_threshold(threshold)
    counts = list(count_columns)
    if not counts:
        raise DisclosureError("name at least one count column")
    named = [*counts, *by, *(total_rows or {}), *(column_totals or {})]
    named += [c for parts in (column_totals or {}).values() for c in parts]
    missing = [c for c in dict.fromkeys(named) if c not in frame.columns]
    if missing:
        raise DisclosureError(f"the table has no column {', '.join(map(repr, missing))}")
    outside = [
        c
        for total, parts in (column_totals or {}).items()
        for c in (total, *parts)
        if c not in counts
    ]
    if outside:
        raise DisclosureError(
            f"column totals must use count columns; not counts: {', '.join(outside)}"
        )
    if by and total_rows is None and not totals_known:
        raise DisclosureError(
            "groups (by=) only matter with total_rows or totals_known: say which sums are known"
        )

    labels = list(frame.index)
    values: dict[Cell, int | None] = {}
    status: dict[Cell, tuple[str, str]] = {}  # withheld cell -> (reason, detail)
    for i, label in enumerate(labels):
        for column in counts:
            raw = frame[column].iloc[i]
            if isinstance(raw, str) and raw.strip().lower() == WITHHELD:
                values[(i, column)] = None
                status[(i, column)] = ("given", "already withheld in the input")
                continue
            n = _count(raw, f"row {label!r}, column {column!r}")
            values[(i, column)] = n
            if n is not None and _is_small(n, threshold, show_zero):
                what = (
                    "a zero (zeros withheld)" if n == 0 else f"below the threshold of {threshold}"
                )
                status[(i, column)] = ("primary", what)

    sums = _sums(frame, counts, by, total_rows, column_totals, totals_known)
    unprotected: list[str] = []
    changed = True
    while changed:
        changed = False
        for s in sums:
            members = [*s.parts, *([s.total] if s.total is not None else [])]
            withheld = [m for m in members if m in status]
            if len(withheld) != 1:
                continue
            pick = _second_cell(s, status, values)
            cell = _say(labels, withheld[0])
            if pick is None:
                note = f"{cell} can be worked out from {s.where}: nothing else to withhold"
                if note not in unprotected:
                    unprotected.append(note)
                continue
            status[pick] = ("secondary", f"stops {cell} being worked out from {s.where}")
            changed = True

    out = frame.copy()
    for column in counts:
        out[column] = out[column].astype(object)
    records = []
    for (i, column), (reason, detail) in status.items():
        out.iloc[i, out.columns.get_loc(column)] = WITHHELD
        if reason != "given":
            records.append({"row": labels[i], "column": column, "reason": reason, "detail": detail})
    order = {"primary": 0, "secondary": 1}
    records.sort(key=lambda r: order[r["reason"]])  # stable: rows in the order found
    result = Suppressed(out, pd.DataFrame(records, columns=RECORD_COLUMNS), unprotected)
    for column, sources in (dependent or {}).items():
        result = suppress_dependent(result, column, sources)
    return result


def _sums(
    frame: pd.DataFrame,
    counts: list[str],
    by: Sequence[str],
    total_rows: Mapping[str, object] | None,
    column_totals: Mapping[str, Sequence[str]] | None,
    totals_known: bool,
) -> list[_Sum]:
    """Every sum a reader of the table knows."""
    sums: list[_Sum] = []
    labels = list(frame.index)
    if total_rows is not None or totals_known:
        is_total = pd.Series(False, index=range(len(frame)))
        if total_rows:
            is_total = pd.Series(True, index=range(len(frame)))
            for column, value in total_rows.items():
                is_total &= (frame[column].reset_index(drop=True) == value).fillna(False)
        keys = (
            [tuple(frame[c].iloc[i] for c in by) for i in range(len(frame))]
            if by
            else [()] * len(frame)
        )
        groups: dict[tuple, list[int]] = {}
        for i, key in enumerate(keys):
            groups.setdefault(key, []).append(i)
        for key, rows in groups.items():
            totals = [i for i in rows if is_total[i]]
            parts = [i for i in rows if not is_total[i]]
            name = ", ".join(f"{c}={v}" for c, v in zip(by, key, strict=True)) or "the table"
            if len(totals) > 1:
                raise DisclosureError(
                    f"group {name} has {len(totals)} total rows "
                    f"({', '.join(repr(labels[i]) for i in totals)}): one at most"
                )
            if not totals and not totals_known:
                continue  # no total row, and no total known elsewhere: nothing to subtract from
            if not parts:
                continue  # a total row alone: no parts that add up to it
            where = f"the total of {name}" + ("" if totals else " (known)")
            for column in counts:
                total = (totals[0], column) if totals else None
                sums.append(
                    _Sum(tuple((i, column) for i in parts), total, f"{where}, column {column}")
                )
    for total_column, part_columns in (column_totals or {}).items():
        for i, label in enumerate(labels):
            sums.append(
                _Sum(
                    tuple((i, c) for c in part_columns),
                    (i, total_column),
                    f"{total_column} = {' + '.join(part_columns)} in row {label!r}",
                )
            )
    return sums


def _second_cell(
    s: _Sum, status: Mapping[Cell, tuple[str, str]], values: Mapping[Cell, int | None]
) -> Cell | None:
    """The cell to withhold beside a lone withheld one: smallest non-zero part, then total."""
    shown = [p for p in s.parts if p not in status and values[p] is not None]
    if shown:
        return min(shown, key=lambda p: (values[p] == 0, values[p], s.parts.index(p)))
    if s.total is not None and s.total not in status and values[s.total] is not None:
        return s.total
    return None


def _say(labels: list[Hashable], cell: Cell) -> str:
    return f"row {labels[cell[0]]!r}, {cell[1]}"


def suppress_dependent(
    result: Suppressed, column: str, depends_on: str | Sequence[str]
) -> Suppressed:
    """Withhold ``column`` (e.g. a percentage) wherever a count it is computed from is withheld.

    A share of a withheld count would give the count away (with the base beside it), so it is
    withheld too, recorded with reason "dependent". Returns a new result.
    """
    sources = [depends_on] if isinstance(depends_on, str) else list(depends_on)
    missing = [c for c in [column, *sources] if c not in result.frame.columns]
    if missing:
        raise DisclosureError(f"the table has no column {', '.join(map(repr, missing))}")
    out = result.frame.copy()
    out[column] = out[column].astype(object)
    records = []
    for i, label in enumerate(out.index):
        hidden = [c for c in sources if _is_withheld(out[c].iloc[i])]
        if hidden and not _is_withheld(out[column].iloc[i]):
            out.iloc[i, out.columns.get_loc(column)] = WITHHELD
            records.append(
                {
                    "row": label,
                    "column": column,
                    "reason": "dependent",
                    "detail": f"computed from withheld {', '.join(hidden)}",
                }
            )
    record = result.record
    if records:
        added = pd.DataFrame(records, columns=RECORD_COLUMNS)
        record = added if record.empty else pd.concat([record, added], ignore_index=True)
    return Suppressed(out, record, list(result.unprotected))


def _is_withheld(value: object) -> bool:
    return isinstance(value, str) and value == WITHHELD


# --- A whole data pack, for a published book ---------------------------------------------


def financial_year(quarter: object) -> str:
    """The financial year (April to March) of a calendar quarter: 2016-Q1 is in 2015-16."""
    year, q = str(quarter).split("-Q")
    start = int(year) - (1 if q == "1" else 0)
    return f"{start}-{str(start + 1)[-2:]}"


#: Grouping columns a ``KnownSum`` may work out from a table, by name.
DERIVED = {"financial_year": financial_year}

#: Columns of the record of what a book withholds (it names cells, never their values).
PACK_RECORD_COLUMNS = ["file", "line", "column", "reason", "detail"]


def withhold_table(spec, frame: pd.DataFrame, threshold: int) -> tuple[pd.DataFrame, pd.DataFrame]:  # noqa: ANN001
    """Disclosure control for one loaded pack table (``evidencebook.analysis.schemas.TableSpec``).

    Counts of people (the spec's disclosive columns, in the rows ``spec.may_withhold``
    allows) from 1 to ``threshold - 1`` are withheld, then any count that one of the
    table's ``known_sums`` would give away, until nothing changes. Counts the pack already
    withholds ("c") count as withheld. Returns the table as it may be published (withheld
    cells are "c") and a record naming each cell withheld here, by line and column.
    """
    from evidencebook.analysis.pack import withheld

    counts = spec.disclosive_columns
    out = frame.copy()
    for column in counts:
        out[column] = out[column].astype(object).where(~withheld(frame, column), WITHHELD)
    if not counts:
        return out, pd.DataFrame(columns=PACK_RECORD_COLUMNS)
    rows = [spec.may_withhold(r) for r in frame.astype(object).to_dict("records")]
    part = out[rows].astype(object)
    part = part.where(part.notna(), None)
    records: list[pd.DataFrame] = []
    passes = [None, *spec.known_sums]  # primary suppression, then each known sum
    changed = True
    while changed:
        changed = False
        for known in passes:
            result = suppress(part, counts, threshold, **_sum_options(part, known))
            if not result.record.empty:
                records.append(result.record)
                changed = True
            # ``result.unprotected`` (a lone withheld count of a sum with nothing else shown
            # to withhold) needs nothing more here: the sum's other parts are then not
            # available, so the count cannot be worked out from it
            part = result.frame[part.columns]
        passes = list(spec.known_sums)  # until no known sum withholds anything more
        changed = changed and bool(passes)
    for column in counts:
        out.loc[part.index, column] = part[column]
        out[column] = out[column].where(out[column].notna(), None)
    record = (
        pd.concat(records, ignore_index=True) if records else pd.DataFrame(columns=RECORD_COLUMNS)
    )
    record = record.rename(columns={"row": "line"})
    record.insert(0, "file", spec.file_name)
    return out, record[PACK_RECORD_COLUMNS]


def _sum_options(frame: pd.DataFrame, known) -> dict:  # noqa: ANN001
    """``suppress`` options for one ``KnownSum`` (none: primary suppression only)."""
    if known is None:
        return {}
    for column, function, source in known.derive:
        frame[column] = frame[source].map(DERIVED[function])
    return {
        "by": list(known.by),
        "total_rows": dict(known.total_rows) or None,
        "totals_known": known.totals_known,
    }


def withhold_pack(pack: Path, target: Path, threshold: int) -> pd.DataFrame:
    """Write the copy of a pack a published book is built from, with small counts withheld.

    Every table the pack holds is written to ``target`` as CSV (its values as read, withheld
    counts as "c"); the pack itself is never changed. Returns the record of withheld cells
    (file, line in the pack's own file, column, reason, detail), which names cells but not
    their values.
    """
    from evidencebook.analysis.pack import has_table, read_bytes, read_table
    from evidencebook.analysis.schemas import all_tables

    _check_threshold(threshold)
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in ("pack.yaml", "parameters.yaml"):
        if (pack / name).exists():  # copied as read_bytes reads: never through a link
            (target / name).write_bytes(read_bytes(pack / name))
    records = []
    for spec in all_tables().values():
        if not has_table(pack, spec):
            continue
        frame = read_table(pack, spec)
        published, record = withhold_table(spec, frame, threshold)
        records.append(record)
        with open(target / spec.file_name, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(spec.column_names)
            for row in published[spec.column_names].itertuples(index=False):
                writer.writerow([csv_cell(v) for v in row])
    found = [r for r in records if not r.empty]
    if not found:
        return pd.DataFrame(columns=PACK_RECORD_COLUMNS)
    return pd.concat(found, ignore_index=True)
