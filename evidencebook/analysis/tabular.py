"""Tables written out as text: HTML for the page and CSV to download, exactly as pandas
writes them (``DataFrame.to_html`` and ``DataFrame.to_csv``), straight from the values.

pandas sends every value of a table through its general formatting machinery: about 2 ms
for a chart's small data table as HTML and as much again as CSV, which was a fifth of the
demand trends chapter's work (12 charts). For the tables the book shows (text, whole
numbers, booleans, numbers as the page formats them, blanks) these functions write the
same text directly; a table with anything else in it (a column of dates, a numpy column of
floats shown without a format, a value of another kind) is written by pandas itself. Either
way the text is pandas' own: ``tests/test_tabular.py`` compares both with pandas for
hand-made tables and for every table the book shows, for the default pack and an
authority's.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from numbers import Integral, Real
from typing import Any

import numpy as np
import pandas as pd

#: What pandas' HTML writer puts for ``&``, ``<`` and ``>`` (``&`` first).
_HTML_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
#: The control characters pandas writes as escapes in a table's cells (not its headers).
_CELL_ESCAPES = (("\t", r"\t"), ("\r", r"\r"), ("\n", r"\n"))


class _Unhandled(Exception):
    """A table these writers leave to pandas."""


def html_table(
    frame: pd.DataFrame,
    classes: str = "",
    na_rep: str = "NaN",
    float_format: Callable[[float], str] | None = None,
    blank: str | None = None,
    whole: bool = False,
) -> str:
    """``frame.to_html(index=False, escape=True, border=0, classes=classes, na_rep=na_rep,
    float_format=float_format)``, the same text; with ``blank``, the same for
    ``frame.astype(object).where(frame.notna(), blank)`` (every value written as an object,
    every missing one as ``blank``); with ``whole``, for :func:`whole_numbers` of it (a
    column of whole counts kept as floats written 27, not 27.0)."""
    try:
        columns = [
            _html_column(
                (kind, whole_values(values) if whole else values), na_rep, float_format, blank
            )
            for kind, values in _columns(frame, objects=blank is not None, for_csv=False)
        ]
    except _Unhandled:
        shown = whole_numbers(frame) if whole else frame
        shown = shown if blank is None else shown.astype(object).where(shown.notna(), blank)
        return shown.to_html(
            index=False,
            escape=True,
            border=0,
            classes=classes or None,
            na_rep=na_rep,
            float_format=float_format,
        )
    lines = [f'<table class="{" ".join(["dataframe", *classes.split()])}">', "  <thead>"]
    lines.append('    <tr style="text-align: right;">')
    lines += [f"      <th>{_cell(str(name))}</th>" for name in frame.columns]
    lines += ["    </tr>", "  </thead>", "  <tbody>"]
    for row in zip(*columns, strict=True):
        lines.append("    <tr>")
        lines += [f"      <td>{cell}</td>" for cell in row]
        lines.append("    </tr>")
    lines += ["  </tbody>", "</table>"]
    return "\n".join(lines)


def csv_text(
    frame: pd.DataFrame,
    column: Callable[[list[Any]], list[Any]] | None = None,
    header: Callable[[str], str] | None = None,
) -> str | None:
    """``frame.to_csv(index=False)``, the same text, or None for a table pandas must write.

    ``column`` and ``header``, if given, change each column's values (as Python objects,
    missing ones as ``None``, ``pd.NA`` or NaN) and each column's name before they are
    written."""
    try:
        columns = [
            _csv_column(kind, column(values) if column else values)
            for kind, values in _columns(frame, objects=False, for_csv=True)
        ]
    except _Unhandled:
        return None
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([header(name) if header else name for name in frame.columns])
    writer.writerows(zip(*columns, strict=True))
    return out.getvalue()


# --- whole numbers ----------------------------------------------------------------------------


def whole_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` in which a column of numbers that are all whole (counts kept as
    floats because some are missing, or mixed with "c" for withheld ones) holds whole
    numbers: 27, not 27.0."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_float_dtype(values):
            known = values.dropna()
            if len(known) and (known % 1 == 0).all() and (known.abs() < 2**53).all():
                out[column] = values.astype("Int64")
        elif values.dtype == object:
            listed = values.tolist()
            kept = whole_values(listed)
            if kept is not listed:  # kept as objects: whole numbers and blanks would be
                # read as floats again (27.0)
                out[column] = pd.Series(kept, index=values.index, dtype=object)
    return out


def whole_values(values: list[Any]) -> list[Any]:
    """A column's values (as Python objects) with its floats as whole numbers where every one
    of them is whole (:func:`whole_numbers`, for one column's values): a new list, or
    ``values`` itself where nothing changes."""
    numbers = [v for v in values if isinstance(v, float) and v == v]
    if numbers and all(v.is_integer() and abs(v) < 2**53 for v in numbers):
        return [int(v) if isinstance(v, float) and v == v else v for v in values]
    return values


# --- reading a table's columns ----------------------------------------------------------------


def _columns(frame: pd.DataFrame, objects: bool, for_csv: bool) -> Iterator[tuple[str, list[Any]]]:
    """Each column of ``frame`` as its kind (how pandas formats it: "plain", "object" or
    "float") and its values as Python objects; raises :class:`_Unhandled` for a table
    pandas should write. With ``objects``, every column is read as a column of objects;
    ``for_csv``: a numpy column of floats is read (as "float"), and the columns' own name
    (which the HTML shows, the CSV not) does not matter."""
    names = frame.columns
    if isinstance(names, pd.MultiIndex) or not len(frame):
        raise _Unhandled
    if names.name is not None and not for_csv:
        raise _Unhandled
    if not all(isinstance(name, str) for name in names):
        raise _Unhandled
    for _, column in frame.items():
        dtype = column.dtype
        if isinstance(dtype, np.dtype):
            if dtype.kind in "iub":  # whole numbers and booleans: each written as it is
                yield ("object" if objects else "plain"), column.tolist()
            elif dtype.kind == "O":
                yield "object", column.tolist()
            elif dtype == np.float64 and (objects or for_csv):
                yield ("object" if objects else "float"), column.tolist()
            else:  # floats on the page without ``objects`` (pandas formats the column as one)
                raise _Unhandled
        elif isinstance(
            dtype,
            (pd.StringDtype, pd.Int64Dtype, pd.Int32Dtype, pd.Float64Dtype, pd.BooleanDtype),
        ):
            yield "object", np.asarray(column.array, dtype=object).tolist()
        else:  # dates, categories, ...
            raise _Unhandled


def _missing(value: object) -> bool:
    """Whether pandas reads ``value`` as missing (``isna``) among the values handled here."""
    return (
        value is None
        or value is pd.NA
        or (isinstance(value, (float, np.floating)) and value != value)
    )


# --- HTML ---------------------------------------------------------------------------------------


def _cell(text: str) -> str:
    """A formatted value as pandas' HTML writer puts it in a cell: ``&``, ``<`` and ``>``
    escaped, no space at either end, two spaces as two non-breaking ones."""
    for char, escape in _HTML_ESCAPES:
        text = text.replace(char, escape)
    return text.strip().replace("  ", "&nbsp;&nbsp;")


def _float_text(float_format: Callable[[float], str] | None) -> Callable[[float], str]:
    """How pandas writes a float in a column of objects: with ``float_format``, or else with
    the display options' format (``display.float_format``; by default ``display.precision``
    decimal places with the trailing zeros trimmed)."""
    if float_format is not None:
        if not callable(float_format):
            raise _Unhandled
        return float_format
    option = pd.get_option("display.float_format")
    if option is not None:
        return option
    precision = int(pd.get_option("display.precision"))

    def trimmed(x: float) -> str:
        text = f"{x: .{precision}f}".rstrip("0")
        return text + "0" if text.endswith(".") else text

    return trimmed


def _html_column(
    column: tuple[str, list[Any]],
    na_rep: str,
    float_format: Callable[[float], str] | None,
    blank: str | None,
) -> list[str]:
    kind, values = column
    if kind == "plain":
        return [_cell(str(v)) for v in values]
    as_float = _float_text(float_format)
    out = []
    for v in values:
        if blank is not None and _missing(v):
            text = blank
        elif v is None:
            text = "None"
        elif v is pd.NA:
            text = "<NA>"
        elif isinstance(v, str):
            text = v
            for char, escape in _CELL_ESCAPES:
                text = text.replace(char, escape)
        elif isinstance(v, (bool, np.bool_)):
            text = str(v)
        elif isinstance(v, (float, np.floating)):
            text = na_rep if v != v else as_float(v)
        elif isinstance(v, (int, np.integer)):
            text = str(v)
        else:
            raise _Unhandled
        out.append(_cell(str(text)))
    return out


# --- CSV ----------------------------------------------------------------------------------------


def _csv_column(kind: str, values: list[Any]) -> list[Any]:
    """A column's values as pandas hands them to Python's CSV writer: missing as "", the
    floats of a numpy column of floats as numpy writes them (the shortest text that reads
    back the same, as Python's ``repr``), anything else as itself (the writer writes it)."""
    if kind == "plain":
        return values
    out = []
    for v in values:
        if _missing(v):
            out.append("")
        elif isinstance(v, (str, bool, np.bool_, Integral)):
            out.append(v)
        elif isinstance(v, Real):
            out.append(repr(float(v)) if kind == "float" else v)
        else:
            raise _Unhandled
    return out
