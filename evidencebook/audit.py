"""Audit of the report's own arithmetic: each derived figure, stated against recomputed.

For every ``derived`` row of the reference list the book recomputes the figure from the
inputs in the data pack, and classes the pair:

* ``matches``: the recomputed value, rounded to the places the report prints, is the
  report's value;
* ``matches after rounding``: the report rounded more coarsely than it prints (to the
  nearest 10, 100 or 1,000, say "about £9,000"), or cut digits off instead of rounding;
* ``differs``: neither, so the report's figure does not follow from its own inputs;
* ``not determined``: the inputs in the pack do not determine the figure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation

import pandas as pd

from .pack import not_available

MATCHES = "matches"
ROUNDED = "matches after rounding"
DIFFERS = "differs"
UNDETERMINED = "not determined"
#: In a book that withholds small counts: a figure worked out from a withheld count.
WITHHELD_STATUS = "withheld"
WITHHELD_TEXT = "c"
STATUSES = (MATCHES, ROUNDED, DIFFERS, UNDETERMINED, WITHHELD_STATUS)


@dataclass(frozen=True)
class Check:
    status: str
    note: str


def _places(stated: Decimal) -> int:
    exponent = stated.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def check(stated: str, recomputed: object) -> Check:
    """Class one stated figure against its recomputed value.

    A figure the report states as a list ("44;46;30") is checked item by item against a
    recomputed sequence; one stated as text ("8/12", "11-30") is compared as text.
    """
    if isinstance(recomputed, (list, tuple)):
        return _check_list(str(stated), list(recomputed))
    if isinstance(recomputed, str):
        if recomputed.replace(" ", "") == str(stated).replace(" ", ""):
            return Check(MATCHES, "")
        return Check(DIFFERS, f"recomputed from the report's inputs it is {recomputed}")
    try:
        value = Decimal(str(stated).strip().replace(",", ""))
    except InvalidOperation:
        return Check(UNDETERMINED, f"the report states {stated!r}, not a single number")
    if (
        recomputed is None
        or recomputed is pd.NA
        or (isinstance(recomputed, float) and math.isnan(recomputed))
    ):
        return Check(
            UNDETERMINED,
            "the pack's inputs do not determine this figure (or a count it needs is withheld)",
        )
    exact = Decimal(repr(float(recomputed)))
    places = _places(value)
    unit = Decimal(1).scaleb(-places)
    if exact.quantize(unit, ROUND_HALF_UP) == value:
        return Check(MATCHES, "")
    if exact.quantize(unit, ROUND_DOWN) == value:
        return Check(ROUNDED, f"the report cut {_fmt(exact)} down to {stated} instead of rounding")
    if places == 0 and value != 0:
        step = 10
        while value % step == 0 and step <= abs(value):
            if (exact / step).quantize(Decimal(1), ROUND_HALF_UP) * step == value:
                return Check(ROUNDED, f"the report rounded {_fmt(exact)} to the nearest {step:,}")
            step *= 10
    return Check(DIFFERS, f"recomputed from the report's inputs it is {_fmt(exact)}")


def _check_list(stated: str, recomputed: list) -> Check:
    parts = [p.strip() for p in stated.split(";")]
    if len(parts) != len(recomputed):
        return Check(DIFFERS, f"the report lists {len(parts)} values, the book {len(recomputed)}")
    checks = [check(s, r) for s, r in zip(parts, recomputed, strict=True)]
    for status in (UNDETERMINED, DIFFERS, ROUNDED):
        notes = [f"item {i + 1}: {c.note}" for i, c in enumerate(checks) if c.status == status]
        if notes:
            return Check(status, "; ".join(notes))
    return Check(MATCHES, "")


def _fmt(value: Decimal) -> str:
    return f"{float(value):,.4f}".rstrip("0").rstrip(".")


def _as_text(value: object) -> object:
    if isinstance(value, (list, tuple)):
        return ";".join(
            WITHHELD_TEXT if not_available(v) else f"{v:g}" if isinstance(v, float) else str(v)
            for v in value
        )
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return value


def audit(
    reference: pd.DataFrame,
    recomputed: dict[str, float],
    notes: dict[str, str] | None = None,
    withholding: bool = False,
) -> pd.DataFrame:
    """The audit table for the ``derived`` rows of ``reference``.

    Columns: id, stated, recomputed, difference, status, note. ``notes`` adds an
    explanation (why the report differs, or what it did) to a figure's automatic note.
    ``withholding``: the book withholds small counts, so a figure that could not be
    recomputed is withheld, and the report's value of it is not shown either (with the
    pack's data being the report's, it would give the withheld count away). In a list, only
    the items worked out from a withheld count are withheld (all of it if the report lists a
    different number of items).
    """
    notes = notes or {}
    rows = []
    for rec in reference[reference["kind"] == "derived"].to_dict("records"):
        fid = rec["id"]
        value = recomputed.get(fid)
        result = check(rec["value"], value)
        if withholding and result.status == UNDETERMINED and not_available(value):
            rows.append(
                {
                    "id": fid,
                    "stated": WITHHELD_TEXT,
                    "recomputed": WITHHELD_TEXT,
                    "difference": None,
                    "status": WITHHELD_STATUS,
                    "note": "a count it needs is withheld in this copy of the book, or its "
                    "chapter is left out",
                }
            )
            continue
        if (
            withholding
            and isinstance(value, (list, tuple))
            and any(not_available(v) for v in value)
        ):
            parts = str(rec["value"]).split(";")
            items = [i + 1 for i, v in enumerate(value) if not_available(v)]
            rows.append(
                {
                    "id": fid,
                    "stated": ";".join(
                        WITHHELD_TEXT if not_available(v) else p.strip()
                        for p, v in zip(parts, value, strict=True)
                    )
                    if len(parts) == len(value)
                    else WITHHELD_TEXT,
                    "recomputed": _as_text(value),
                    "difference": None,
                    "status": WITHHELD_STATUS,
                    "note": f"item{'s' if len(items) > 1 else ''} "
                    f"{', '.join(map(str, items))}: a count it needs is withheld in this copy "
                    "of the book",
                }
            )
            continue
        try:
            difference = float(value) - float(rec["value"])
        except (TypeError, ValueError):
            difference = None
        note = "; ".join(n for n in (result.note, notes.get(fid, "")) if n)
        rows.append(
            {
                "id": fid,
                "stated": rec["value"],
                "recomputed": _as_text(value),
                "difference": difference,
                "status": result.status,
                "note": note,
            }
        )
    return pd.DataFrame(
        rows, columns=["id", "stated", "recomputed", "difference", "status", "note"]
    )
