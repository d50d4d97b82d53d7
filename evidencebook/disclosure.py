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

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from .exceptions import EvidenceBookError

#: How a withheld value is shown.
WITHHELD = "c"

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
