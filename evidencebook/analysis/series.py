"""Time series from a pack's counts: months and quarters, series for one authority, changes
from a baseline month, and the text of a change. Shared by the trends, overview, surgeries,
edge of care and Willow chapters.

Counts of people may be withheld ("c" in the pack, or by ``--suppress-below``): they are
``pd.NA`` here, and so is every figure worked out from one; a blank count (the source has
no data) is left out. Frames from :func:`series` and the functions built on it mark their
withheld cells, and the cells worked out from them, as a loaded table does: a boolean
column ``<column>_withheld`` (``evidencebook.analysis.pack.withheld``).
"""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from evidencebook.analysis.common import (
    authorities,
    in_place,
    no_data,
    pct_change,
)
from evidencebook.analysis.formatting import is_withheld, missing_symbol
from evidencebook.analysis.pack import WITHHELD_SUFFIX, not_available, withheld, withheld_column

#: Ages whose quarterly counts add up to Table 14's "totals by quarter" (14 to 18).
OLDER_AGES = ("14", "15", "16", "17", "18")


ALL_AGES = "all ages"


_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


_MONTH_NAMES = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def _also_withheld(frame: pd.DataFrame, column: str, where: Iterable[bool]) -> pd.DataFrame:
    """``frame`` with the cells of ``column`` where ``where`` is true marked as withheld
    (figures worked out from a withheld count, shown as "c" like it), in its column
    ``<column>_withheld``; changed in place, and returned."""
    also = np.array(list(where), dtype=bool)
    frame[withheld_column(column)] = withheld(frame, column).to_numpy(dtype=bool) | also
    return frame


def counted(rows: pd.DataFrame, value: str = "children") -> pd.DataFrame:
    """The rows with a count in ``value``, shown or withheld (kept as ``pd.NA``); a blank
    (the source has no data) is left out."""
    return rows[rows[value].notna().to_numpy(dtype=bool) | withheld(rows, value).to_numpy()]


def change(before: object, after: object) -> object:
    """Percentage change from ``before`` to ``after``; ``pd.NA`` if either is withheld
    (``pd.NA``), NaN if either is otherwise not available (``None`` or NaN)."""
    if is_withheld(before) or is_withheld(after):
        return pd.NA
    if not_available(before) or not_available(after):
        return float("nan")
    return pct_change(float(before), float(after))


@functools.lru_cache(maxsize=4096)  # each period worked out once (periods repeat)
def month_start(month: str) -> pd.Timestamp:
    """The first day of a month written YYYY-MM."""
    if not _MONTH.match(str(month)):
        raise ValueError(f"not a month written YYYY-MM: {month!r}")
    return pd.Timestamp(f"{month}-01")


@functools.lru_cache(maxsize=4096)  # each period worked out once (periods repeat)
def quarter_start(quarter: str) -> pd.Timestamp:
    """The first day of a calendar quarter written YYYY-Qn (2015-Q3 starts 1 July 2015)."""
    match = _QUARTER.match(str(quarter))
    if not match:
        raise ValueError(f"not a quarter written YYYY-Qn (such as 2015-Q3): {quarter!r}")
    year, q = int(match.group(1)), int(match.group(2))
    return pd.Timestamp(year=year, month=3 * q - 2, day=1)


@functools.lru_cache(maxsize=4096)  # each period worked out once (periods repeat)
def month_label(month: str) -> str:
    """'2015-10' becomes 'Oct 2015'."""
    start = month_start(month)
    return f"{_MONTH_NAMES[start.month - 1]} {start.year}"


@functools.lru_cache(maxsize=4096)  # each period worked out once (periods repeat)
def quarter_label(quarter: str) -> str:
    """'2015-Q3' becomes 'Jul-Sep 2015'."""
    start = quarter_start(quarter)
    first = _MONTH_NAMES[start.month - 1]
    last = _MONTH_NAMES[start.month + 1]
    return f"{first}-{last} {start.year}"


def year_label(year_ending: int) -> str:
    """2016 (year to March 2016) becomes '2015-16'."""
    return f"{int(year_ending) - 1}-{int(year_ending) % 100:02d}"


def _periods(frame: pd.DataFrame, positions: Iterable[int]) -> list[tuple[pd.Timestamp, str]]:
    """The period of each of the rows at ``positions`` as its date and label: the period
    column is found from the table (``month``, ``quarter`` or ``year_ending``)."""
    rows = list(positions)
    if "month" in frame.columns:
        return [(month_start(m), month_label(m)) for m in frame["month"].take(rows)]
    if "quarter" in frame.columns:
        return [(quarter_start(q), quarter_label(q)) for q in frame["quarter"].take(rows)]
    if "year_ending" in frame.columns:
        return [
            (pd.Timestamp(year=int(y), month=3, day=31), year_label(y))
            for y in frame["year_ending"].take(rows)
        ]
    raise KeyError("a trend table needs a month, quarter or year_ending column")


#: Within :func:`worked_out_once`: each frame already worked out by a function declared
#: with :func:`once_a_compute`, by the function, the identity of the frame it was given and
#: its other arguments, with that frame itself (so that its identity is not taken by another
#: frame while the result is kept). None outside it.
_ONCE: ContextVar[dict[tuple, tuple[pd.DataFrame, pd.DataFrame]] | None] = ContextVar(
    "worked_out_once", default=None
)

F = TypeVar("F", bound=Callable[..., pd.DataFrame])


@contextmanager
def worked_out_once() -> Iterator[None]:
    """Within the block, each function declared with :func:`once_a_compute` (such as
    :func:`series`) is worked out once for the same frame and arguments: a chapter's
    ``compute`` asks for the same series for its figures, its text and its charts. Each call
    still gets its own copy, so a caller may change it. The frames given must not be changed
    within the block (a chapter's tables are not); what was kept is dropped when it ends,
    so a later call (another pack, or the same tables changed) works it out afresh."""
    token = _ONCE.set({})
    try:
        yield
    finally:
        _ONCE.reset(token)


def once_a_compute(function: F | None = None, *, shared: bool = False) -> Any:
    """Declare ``function(frame, ...)`` (a table and plain, hashable arguments, giving a new
    frame) worked out once for the same frame and arguments within :func:`worked_out_once`;
    outside it, it is worked out every time, as before.

    Each call gets its own copy, unless the function is declared ``shared``
    (``@once_a_compute(shared=True)``): then every call within the block gets the same frame,
    which must only be read (a part of a table, say), so that a function of it declared
    with ``once_a_compute`` (:func:`series` of it, say) is worked out once too."""
    if function is None:
        return functools.partial(once_a_compute, shared=shared)
    signature = inspect.signature(function)

    @functools.wraps(function)
    def kept(frame: pd.DataFrame, *args: Any, **kwargs: Any) -> pd.DataFrame:
        memo = _ONCE.get()
        if memo is None:
            return function(frame, *args, **kwargs)
        bound = signature.bind(frame, *args, **kwargs)
        bound.apply_defaults()
        key = (function, id(frame), *list(bound.arguments.values())[1:])
        found = memo.get(key)
        if found is None or found[0] is not frame:
            found = memo[key] = (frame, function(frame, *args, **kwargs))
        return found[1] if shared else found[1].copy()

    return kept  # type: ignore[return-value]


@once_a_compute
def series(
    frame: pd.DataFrame, area: str, value: str = "children", area_col: str | None = None
) -> pd.DataFrame:
    """One area's rows of a trend table, in time order, with a ``date`` and a ``label``.

    The period column is found from the table: ``month``, ``quarter`` or ``year_ending``.
    """
    area_col = area_col or ("area" if "area" in frame.columns else "authority")
    # the area's rows by position, in time order (a stable sort keeps ties in table order),
    # taken from the table once
    where = (frame[area_col] == area).to_numpy(dtype=bool, na_value=False).nonzero()[0]
    periods = _periods(frame, where)
    order = sorted(range(len(periods)), key=lambda i: periods[i][0])
    rows = frame.take(where[order])
    rows.index = pd.RangeIndex(len(rows))
    return rows.assign(
        **{
            value: rows[value].astype("Float64"),
            "date": pd.DatetimeIndex([periods[i][0] for i in order]),
            "label": [periods[i][1] for i in order],
        }
    )


def since_baseline(rows: pd.DataFrame, baseline_from: str, value: str = "children") -> pd.DataFrame:
    """The rows from the first one dated in or after ``baseline_from``, each with its
    percentage change from that first (baseline) row; the baseline's own change is blank.
    A change is withheld (``pd.NA``, listed as withheld) where its count or the baseline's
    is."""
    keep = (rows["date"] >= month_start(baseline_from)).to_numpy(dtype=bool).nonzero()[0]
    if not len(keep):
        raise KeyError(f"no counts in or after {baseline_from}")
    out = rows.take(keep)  # a new frame, changed in place below
    out.index = pd.RangeIndex(len(out))
    counts = out[value].tolist()
    shut = withheld(out, value).tolist()
    out["change_pct"] = pd.array([pd.NA] + [change(counts[0], v) for v in counts[1:]], "Float64")
    return _also_withheld(out, "change_pct", [False] + [shut[0] or s for s in shut[1:]])


def before_baseline(rows: pd.DataFrame, baseline_from: str) -> pd.DataFrame:
    """The rows dated before ``baseline_from`` (history the report quotes for context)."""
    return rows[rows["date"] < month_start(baseline_from)].reset_index(drop=True)


def period_changes(rows: pd.DataFrame, value: str = "children") -> pd.DataFrame:
    """Each row with its percentage change from the row before (blank for the first, and
    wherever either count is missing; withheld where either count is withheld)."""
    values = rows[value].astype("Float64").tolist()
    changes: list[object] = [pd.NA]
    for before, after in zip(values, values[1:], strict=False):
        if pd.isna(before) or pd.isna(after):
            changes.append(pd.NA)
        else:
            changes.append(pct_change(float(before), float(after)))
    out = rows.assign(change_pct=pd.array(changes, dtype="Float64"))
    shut = withheld(rows, value).tolist()
    pairs = zip(shut, shut[1:], strict=False)
    return _also_withheld(out, "change_pct", [False] + [a or b for a, b in pairs])


def values(rows: pd.DataFrame, value: str = "children") -> tuple[float, ...]:
    """The values of a series, in order: blanks (no data) are left out, a withheld value
    is kept as ``pd.NA``."""
    shut = withheld(rows, value)
    return tuple(
        pd.NA if w else float(v)
        for v, w in zip(rows[value], shut, strict=True)
        if w or not pd.isna(v)
    )


def changes(rows: pd.DataFrame) -> tuple[float, ...]:
    """The percentage changes of a series, in order (``pd.NA`` where withheld)."""
    return values(rows, "change_pct")


def first_to_last(rows: pd.DataFrame, value: str = "children") -> float:
    """Percentage change from the first value of a series to its last (blanks are left
    out); ``pd.NA`` if either is withheld."""
    known = values(rows, value)
    if len(known) < 2:
        raise ValueError("a change needs at least two counts")
    return change(known[0], known[-1])


def flag_withheld(rows: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """``rows`` with a column ``<name>_withheld`` for each of ``columns`` (True where the
    value is withheld), made all False for a column that has none yet (nothing of it is
    withheld), so that a chart's data can select them (see :func:`as_shown`)."""
    return rows.assign(**{withheld_column(c): withheld(rows, c).to_numpy() for c in columns})


def as_shown(frame: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    """A copy of a chart's data to show or download: in each of ``columns`` a withheld
    value (marked by :func:`flag_withheld`) is written "c", other blanks stay blank; the
    ``_withheld`` marks are dropped."""
    from evidencebook.analysis.figures import withheld_as_c

    columns = [c for c in columns if withheld_column(c) in frame.columns]
    marks = {c: withheld(frame, c) for c in columns}
    kept = frame.drop(columns=[c for c in frame.columns if str(c).endswith(WITHHELD_SUFFIX)])
    return withheld_as_c(kept, columns, marks)


def complete(numbers: Iterable[object]) -> bool:
    """Whether none of ``numbers`` is withheld (so a total, mean, lowest or highest of them
    may be given)."""
    return not any(not_available(n) for n in numbers)


def _months_between(first: pd.Timestamp, last: pd.Timestamp) -> int:
    return (last.year - first.year) * 12 + last.month - first.month


def demand_changes(
    children_in_need: pd.DataFrame,
    baseline_from: str,
    period_end: str | None = None,
    skip_short: bool = False,
) -> pd.DataFrame:
    """Each authority's change in Children in Need from its first count in or after
    ``baseline_from`` to its last count on or before ``period_end`` (its last count, if
    None): columns authority, from, to, months (between the two counts), first, last and
    change_pct (``pd.NA`` where either count is withheld). Authorities in pack order; one
    with fewer than two counts in the period is an error, or left out with ``skip_short``."""
    end = month_start(period_end) if period_end else None
    rows = []
    for authority in dict.fromkeys(children_in_need["authority"]):
        own = counted(series(children_in_need, authority))
        if skip_short and not (own["date"] >= month_start(baseline_from)).any():
            continue
        counts = since_baseline(
            own if skip_short else series(children_in_need, authority), baseline_from
        )
        if end is not None:
            counts = counts[counts["date"] <= end]
        if len(counts) < 2 and skip_short:
            continue
        if len(counts) < 2:
            raise ValueError(
                f"children_in_need needs two counts for {authority} between "
                f"{baseline_from} and {period_end or 'its last count'}"
            )
        first, last = counts["children"].iloc[0], counts["children"].iloc[-1]
        rows.append(
            {
                "authority": authority,
                "from": counts["label"].iloc[0],
                "to": counts["label"].iloc[-1],
                "months": _months_between(counts["date"].iloc[0], counts["date"].iloc[-1]),
                "first": pd.NA if not_available(first) else float(first),
                "last": pd.NA if not_available(last) else float(last),
                "change_pct": change(first, last),
            }
        )
    columns = ["authority", "from", "to", "months", "first", "last", "change_pct"]
    out = pd.DataFrame(rows, columns=columns)
    return out.astype({"first": "Float64", "last": "Float64", "change_pct": "Float64"})


def like_period_changes(
    children_in_need: pd.DataFrame,
    baseline_from: str,
    period_end: str | None = None,
    among: Iterable[str] | None = None,
) -> pd.DataFrame:
    """The change in Children in Need over the same months for every authority (of those in
    ``among``, if given): from the first to the last month, in or after ``baseline_from``
    and on or before ``period_end``, that every one counted. Columns as
    :func:`demand_changes`; empty with one authority, or when the authorities share fewer
    than two counted months."""
    names = list(dict.fromkeys(children_in_need["authority"]))
    if among is not None:
        among = set(among)
        names = [name for name in names if name in among]
    empty = demand_changes(children_in_need.head(0), baseline_from)
    if len(names) < 2:
        return empty
    start = month_start(baseline_from)
    end = month_start(period_end) if period_end else None
    shared = None
    for authority in names:
        rows = counted(series(children_in_need, authority))
        dates = {d for d in rows["date"] if d >= start and (end is None or d <= end)}
        shared = dates if shared is None else shared & dates
    if not shared or len(shared) < 2:
        return empty
    first, last = min(shared), max(shared)
    cin = children_in_need.assign(_date=[month_start(m) for m in children_in_need["month"]])
    cin = cin[cin["_date"].isin([first, last]) & cin["authority"].isin(names)].drop(columns="_date")
    return demand_changes(cin, f"{first.year}-{first.month:02d}")


def _n(value: object) -> str:
    """A count as text: "c" where it is withheld, "x" where it is not available."""
    return missing_symbol(value) if not_available(value) else f"{value:,.0f}"


def pct_text(value: object, spec: str = "+.1f") -> str:
    """A percentage ('+12.6%'); "c" where it is worked out from a withheld count
    (``pd.NA``), "x" where it is not available (``None`` or NaN: no data, or a base of 0)."""
    return missing_symbol(value) if not_available(value) else f"{value:{spec}}%"


def authorities_with_ages(starts: pd.DataFrame) -> list[str]:
    """The authorities whose quarterly starts are also counted by age (14 to 18), in pack
    order: those the edge of care chapter can show."""
    rows = starts[starts["age"].isin(OLDER_AGES)].dropna(subset=["children"])
    return authorities(rows)


def average_returns(missing: pd.DataFrame, authority: str, first: str, last: str) -> object:
    """Average children returning from going missing a month, ``first`` to ``last``
    (YYYY-MM, both counted); None when the pack has no months then (or a month's count is
    blank: not available), ``pd.NA`` when a month's count is withheld (an average of the
    others would be wrong)."""
    rows = missing[
        (missing["authority"] == authority)
        & (missing["month"] >= first)
        & (missing["month"] <= last)
    ]
    if not len(rows):
        return None
    if withheld(rows, "returning").any():
        return pd.NA
    if rows["returning"].isna().any():
        return None
    return float(rows["returning"].mean())


def returns_rise_text(
    missing: pd.DataFrame, early: tuple[str, str], later: tuple[str, str], stated_pct: float
) -> str:
    """How the monthly average of children returning from going missing moved between two
    periods, for the first authority with those counts, beside a stated change in children
    reported missing (``stated_pct``)."""
    from evidencebook.analysis.common import period_text

    names = authorities(missing)
    means = [average_returns(missing, names[0], *w) for w in (early, later)] if names else []
    if not names or any(m is None for m in means):
        return no_data(
            f"children returning from going missing in {period_text(*early)} and "
            f"{period_text(*later)}"
        )
    if any(m is pd.NA for m in means):
        return (
            f"Table 16, in the trends appendix, counts something different: children "
            f"{in_place(names[0])} returning from going missing each month. Its monthly "
            f"averages for {period_text(*early)} and {period_text(*later)} are withheld (c), "
            "as a count they are worked out from is."
        )
    before, after = means
    rise = pct_change(before, after) if before else float("nan")
    text = (
        f"Table 16, in the trends appendix, counts something different: children "
        f"{in_place(names[0])} returning from going missing each month. It "
        f"{'rose' if after > before else 'fell' if after < before else 'stayed'} from an "
        f"average of {before:.0f} a month in {period_text(*early)} to {after:.0f} a month in "
        f"{period_text(*later)}"
    )
    if rise > 2 * stated_pct > 0:
        text += ", a much steeper rise than the figure above"
    elif rise > stated_pct:
        text += ", a steeper rise than the figure above"
    return text + "."
