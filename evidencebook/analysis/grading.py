"""Grading one stated figure against the book's recomputation (the audit's grades).

For every ``derived`` row of the reference list the book recomputes the figure from the
inputs in the data pack and gives the pair one grade, with a one-line reason:

* ``does not follow from its inputs``: the printed figure and the recomputed one are
  further apart than rounding can explain, and the book finds no single slip behind it;
* ``unit or period error``: the printed figure is for another unit or period than the one
  the report says (a slipped decimal point, a quarterly count given as monthly, a rise
  over a longer period than the pilot's), whether or not its arithmetic matches;
* ``cannot be checked``: the inputs in the pack do not determine the figure;
* ``rounding only``: the report rounded more coarsely than it prints (to a round number
  with at least two significant figures, "about £27,000"), cut digits off
  instead of rounding, or added or multiplied parts it had already rounded, which moves
  the figure by less than :data:`ROUNDING_TOLERANCE` of itself;
* ``matches``: the recomputed value, rounded to the places the report prints, is the
  report's value.

The first two are *material* (:data:`MATERIAL`): a reader would be misled by the printed
figure. A unit or period error cannot be seen in the arithmetic alone, so it comes from the
book's reading of the report (``data/audit_notes.csv``, column ``grade``); a note may make a
grade more serious than the arithmetic gives, never less.

Besides the figures the reference list marks ``derived``, the audit re-derives the
comparisons the report's text states from its own tables (the ``claims.*`` rows: shares of
counts it gives, totals of parts, per-worker figures, rises between two of its counts; the
pass over every section is in ``docs/audit-claims.md``). They are graded by the same rules.

*"Approximately" gets no grade of its own.* The report's "approximately", "about" and
"around" figures are nearly all printed to the precision of their inputs (£396, 269 a year,
85%, 93%) and match at that precision; the one that does not ("approximately 50%" for
Table 14's 45%) is set against other figures (80%, 11%) where five points matter. So an
approximate figure is checked at the precision it is printed to, like any other, and its
"approximately" is kept in the row's description. A separate grade would sit between
``matches`` and ``does not follow`` without telling a reader which of the two to act on,
and would make the set larger for no such help. What the report gives only as a side of
a number ("over 160 case files", "slightly lower than" Hampshire's share, a rise "less
significant" than 53%) is written as a bound (``over 160``, ``below 0``, ``under 53``)
and matches when the recomputed figure lies on that side (:func:`check`). Its "almost"
statements ("almost double", "almost 20%") restate a figure it also prints exactly
(93%, 19%), and that figure is the one graded.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation

import pandas as pd

from evidencebook.analysis.formatting import WITHHELD, missing_symbol
from evidencebook.analysis.pack import not_available

DOES_NOT_FOLLOW = "does not follow from its inputs"
UNIT_OR_PERIOD = "unit or period error"
CANNOT_CHECK = "cannot be checked"
ROUNDING = "rounding only"
MATCHES = "matches"
#: In a book that withholds small counts: a figure worked out from a withheld count.
WITHHELD_STATUS = "withheld"
WITHHELD_TEXT = WITHHELD
#: Every grade, most serious first (the order the appendix lists them in).
GRADES = (DOES_NOT_FOLLOW, UNIT_OR_PERIOD, CANNOT_CHECK, ROUNDING, MATCHES, WITHHELD_STATUS)
#: The grades a reader would be misled by.
MATERIAL = (DOES_NOT_FOLLOW, UNIT_OR_PERIOD)
#: Grades the book's notes may give (the rest come from the arithmetic alone).
NOTE_GRADES = (DOES_NOT_FOLLOW, UNIT_OR_PERIOD, CANNOT_CHECK, ROUNDING)
#: Largest difference, as a share of the recomputed figure, put down to rounding parts the
#: report had already rounded. The report's sums of rounded parts are out by under 0.2%
#: (396.40 for 396.07, 915 for 913.94); half a per cent leaves room for a product of two
#: rounded parts while a real slip (14% for 1.4%, £183.80 for £237.64) stays far outside.
ROUNDING_TOLERANCE = 0.005

_RANGE = re.compile(r"^\s*(-?[\d,.]+)\s*(?:-|–|to)\s*(-?[\d,.]+)\s*$")
#: A figure given only as a side of a number: "over 160", "below 0", "under 53".
_BOUND = re.compile(r"^\s*(over|above|more than|under|below|less than)\s+(-?[\d,.]+)\s*$", re.I)
_ABOVE = ("over", "above", "more than")


@dataclass(frozen=True)
class Check:
    status: str
    note: str

    @property
    def grade(self) -> str:
        return self.status


def _places(stated: Decimal) -> int:
    exponent = stated.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _missing(recomputed: object) -> bool:
    return (
        recomputed is None
        or recomputed is pd.NA
        or (isinstance(recomputed, float) and math.isnan(recomputed))
    )


def check(stated: str, recomputed: object) -> Check:
    """Grade one stated figure against its recomputed value, with a one-line reason.

    A figure the report states as a list ("44;46;30") is checked item by item against a
    recomputed sequence, and takes its most serious item's grade; one stated as a range
    ("21-22") matches when the recomputed value, rounded as printed, lies within it; one
    stated as other text ("8/12") is compared as text. One stated as a bound ("over 160",
    "below 0") matches when the recomputed value lies on that side of it; a range stated
    beside a recomputed pair (low, high) is checked end by end.
    """
    if isinstance(recomputed, (list, tuple)):
        span = _RANGE.match(str(stated).strip().replace(",", ""))
        if span and ";" not in str(stated) and len(recomputed) == 2:
            return _check_ends(str(stated), span.group(1), span.group(2), list(recomputed))
        return _check_list(str(stated), list(recomputed))
    if isinstance(recomputed, str):
        if recomputed.replace(" ", "") == str(stated).replace(" ", ""):
            return Check(MATCHES, f"recomputed it is {recomputed}, as printed")
        return Check(DOES_NOT_FOLLOW, f"recomputed from the report's inputs it is {recomputed}")
    if _missing(recomputed):
        return Check(
            CANNOT_CHECK,
            "the pack's inputs do not determine this figure (or a count it needs is withheld)",
        )
    text = str(stated).strip().replace(",", "")
    bound = _BOUND.match(text)
    if bound:
        return _check_bound(str(stated), bound.group(1).lower(), bound.group(2), recomputed)
    span = _RANGE.match(text)
    if span:
        return _check_range(str(stated), span.group(1), span.group(2), recomputed)
    try:
        value = Decimal(text)
    except InvalidOperation:
        return Check(CANNOT_CHECK, f"the report states {stated!r}, not a single number")
    exact = Decimal(repr(float(recomputed)))
    places = _places(value)
    unit = Decimal(1).scaleb(-places)
    if exact.quantize(unit, ROUND_HALF_UP) == value:
        return Check(MATCHES, f"recomputed {_fmt(exact)}, the same to the places printed")
    if exact.quantize(unit, ROUND_DOWN) == value:
        return Check(ROUNDING, f"the report cut {_fmt(exact)} down to {stated} instead of rounding")
    if places == 0 and value != 0:
        step = 10
        # to a round number, keeping at least two significant figures ("about £27,000")
        while value % step == 0 and step * 10 <= abs(value):
            if (exact / step).quantize(Decimal(1), ROUND_HALF_UP) * step == value:
                return Check(ROUNDING, f"the report rounded {_fmt(exact)} to the nearest {step:,}")
            step *= 10
    gap = abs(value - exact)
    share = gap / abs(exact) if exact else Decimal("Infinity")
    if share <= Decimal(str(ROUNDING_TOLERANCE)):
        return Check(
            ROUNDING,
            f"recomputed {_fmt(exact)}: {_fmt(gap)} ({float(share):.2%}) apart, what "
            "working from parts already rounded gives",
        )
    return Check(
        DOES_NOT_FOLLOW,
        f"recomputed from the report's inputs it is {_fmt(exact)} ({_apart(value, exact)})",
    )


def _apart(value: Decimal, exact: Decimal) -> str:
    if exact == 0:
        return "the report's is not 0"
    return f"the report's is {float(value / exact):.2f} times that"


def _check_range(stated: str, low_text: str, high_text: str, recomputed: object) -> Check:
    try:
        low, high = sorted((Decimal(low_text), Decimal(high_text)))
    except InvalidOperation:
        return Check(CANNOT_CHECK, f"the report states {stated!r}, not a single number")
    exact = Decimal(repr(float(recomputed)))
    unit = Decimal(1).scaleb(-max(_places(low), _places(high)))
    if low <= exact.quantize(unit, ROUND_HALF_UP) <= high:
        return Check(MATCHES, f"recomputed {_fmt(exact)}, within the range printed")
    return Check(
        DOES_NOT_FOLLOW,
        f"recomputed from the report's inputs it is {_fmt(exact)}, outside {stated}",
    )


def _check_bound(stated: str, side: str, limit_text: str, recomputed: object) -> Check:
    try:
        limit = Decimal(limit_text)
    except InvalidOperation:
        return Check(CANNOT_CHECK, f"the report states {stated!r}, not a single number")
    exact = Decimal(repr(float(recomputed)))
    holds = exact > limit if side in _ABOVE else exact < limit
    if holds:
        return Check(MATCHES, f"recomputed {_fmt(exact)}, {stated} as the report says")
    return Check(
        DOES_NOT_FOLLOW,
        f"recomputed from the report's inputs it is {_fmt(exact)}, not {stated}",
    )


def _check_ends(stated: str, low_text: str, high_text: str, recomputed: list) -> Check:
    """A stated range ("10-15") against a recomputed (low, high): each end graded as a
    number, the range taking the more serious grade."""
    if any(_missing(v) for v in recomputed):
        return check(stated, None)
    ends = sorted(float(v) for v in recomputed)
    checks = [check(t, v) for t, v in zip((low_text, high_text), ends, strict=True)]
    worst = min((c.status for c in checks), key=GRADES.index)
    if worst == MATCHES:
        return Check(MATCHES, f"recomputed {_fmt_pair(ends)}, the same range to the places printed")
    if worst == DOES_NOT_FOLLOW:
        return Check(
            DOES_NOT_FOLLOW,
            f"recomputed from the report's inputs it is {_fmt_pair(ends)}, not {stated}",
        )
    notes = [f"{end}: {c.note}" for end, c in zip(("low", "high"), checks, strict=True)]
    return Check(
        worst, "; ".join(n for n, c in zip(notes, checks, strict=True) if c.status == worst)
    )


def _fmt_pair(ends: list[float]) -> str:
    return " to ".join(_fmt(Decimal(repr(v))) for v in ends)


def _check_list(stated: str, recomputed: list) -> Check:
    parts = [p.strip() for p in stated.split(";")]
    if len(parts) != len(recomputed):
        return Check(
            DOES_NOT_FOLLOW, f"the report lists {len(parts)} values, the book {len(recomputed)}"
        )
    checks = [check(s, r) for s, r in zip(parts, recomputed, strict=True)]
    for status in (CANNOT_CHECK, DOES_NOT_FOLLOW, ROUNDING):
        notes = [f"item {i + 1}: {c.note}" for i, c in enumerate(checks) if c.status == status]
        if notes:
            return Check(status, "; ".join(notes))
    return Check(MATCHES, "every item is the same to the places printed")


def grade_with_note(automatic: Check, note_grade: str | None) -> str:
    """The grade of a figure, from the arithmetic and the book's reading of the report.

    A material grade in a note (a unit or period error, or a figure that does not follow)
    stands: it names what the numbers alone cannot show, and once the slip is found a figure
    that "does not follow" is graded by its cause. Any other note grade counts only where it
    is more serious than the arithmetic's: a note cannot excuse a difference the numbers show.
    """
    if note_grade is None or _missing(note_grade) or not str(note_grade).strip():
        return automatic.status
    if note_grade not in NOTE_GRADES:
        raise ValueError(
            f"an audit note's grade must be one of {', '.join(NOTE_GRADES)}; got {note_grade!r}"
        )
    if note_grade in MATERIAL:
        return note_grade
    return min(automatic.status, note_grade, key=GRADES.index)


def _fmt(value: Decimal) -> str:
    return f"{float(value):,.4f}".rstrip("0").rstrip(".")


def _as_text(value: object) -> object:
    if isinstance(value, (list, tuple)):
        return ";".join(
            missing_symbol(v) if not_available(v) else f"{v:g}" if isinstance(v, float) else str(v)
            for v in value
        )
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return value
