"""Audit of the report's own arithmetic: each derived figure, stated against recomputed,
graded as :mod:`evidencebook.analysis.grading` describes."""

from __future__ import annotations

import re

import pandas as pd

from evidencebook.analysis.formatting import is_withheld
from evidencebook.analysis.grading import (  # noqa: F401 - the audit's grades, re-exported
    CANNOT_CHECK,
    DOES_NOT_FOLLOW,
    GRADES,
    MATCHES,
    MATERIAL,
    NOTE_GRADES,
    ROUNDING,
    ROUNDING_TOLERANCE,
    UNIT_OR_PERIOD,
    WITHHELD_STATUS,
    WITHHELD_TEXT,
    Check,
    _as_text,
    _missing,
    check,
    grade_with_note,
)


def audit(
    reference: pd.DataFrame,
    recomputed: dict[str, float],
    notes: dict[str, str] | None = None,
    withholding: bool = False,
    grades: dict[str, str] | None = None,
) -> pd.DataFrame:
    """The audit table for the ``derived`` rows of ``reference``, most serious grade first.

    Columns: id, stated, recomputed, difference, grade, material, reason. ``notes`` adds the
    book's reading of the report (what it appears to have done) to a figure's reason, and
    ``grades`` the grade that reading gives (see :func:`grade_with_note`).
    ``withholding``: the book withholds small counts, so a figure that could not be
    recomputed is withheld, and the report's value of it is not shown either (with the
    pack's data being the report's, it would give the withheld count away). In a list, only
    the items worked out from a withheld count are withheld (all of it if the report lists a
    different number of items).
    """
    notes = notes or {}
    grades = grades or {}
    rows = []
    for rec in reference[reference["kind"] == "derived"].to_dict("records"):
        fid = rec["id"]
        value = recomputed.get(fid)
        result = check(rec["value"], value)
        # withheld: worked out from a withheld count (pd.NA), or its chapter is left out
        # (None); a figure that is merely not available (NaN) is graded as any other
        if withholding and result.status == CANNOT_CHECK and (value is None or is_withheld(value)):
            rows.append(
                {
                    "id": fid,
                    "stated": WITHHELD_TEXT,
                    "recomputed": WITHHELD_TEXT,
                    "difference": None,
                    "grade": WITHHELD_STATUS,
                    "reason": "a count it needs is withheld in this copy of the book, or its "
                    "chapter is left out",
                }
            )
            continue
        if withholding and isinstance(value, (list, tuple)) and any(is_withheld(v) for v in value):
            parts = str(rec["value"]).split(";")
            items = [i + 1 for i, v in enumerate(value) if is_withheld(v)]
            rows.append(
                {
                    "id": fid,
                    "stated": ";".join(
                        WITHHELD_TEXT if is_withheld(v) else p.strip()
                        for p, v in zip(parts, value, strict=True)
                    )
                    if len(parts) == len(value)
                    else WITHHELD_TEXT,
                    "recomputed": _as_text(value),
                    "difference": None,
                    "grade": WITHHELD_STATUS,
                    "reason": f"item{'s' if len(items) > 1 else ''} "
                    f"{', '.join(map(str, items))}: a count it needs is withheld in this copy "
                    "of the book",
                }
            )
            continue
        try:
            difference = float(value) - float(rec["value"])
        except (TypeError, ValueError):
            difference = None
        note = notes.get(fid, "")
        note = "" if _missing(note) else str(note)
        rows.append(
            {
                "id": fid,
                "stated": rec["value"],
                "recomputed": _as_text(value),
                "difference": difference,
                "grade": grade_with_note(result, grades.get(fid)),
                "reason": "; ".join(n for n in (result.note, note) if n),
            }
        )
    table = pd.DataFrame(
        rows, columns=["id", "stated", "recomputed", "difference", "grade", "reason"]
    )
    table.insert(5, "material", table["grade"].isin(MATERIAL))
    order = table["grade"].map(GRADES.index)
    return table.iloc[order.argsort(kind="stable")].reset_index(drop=True)


def summary(table: pd.DataFrame) -> dict[str, int]:
    """How many figures got each grade, keyed ``audit.<grade id>`` for glue."""
    counts = table["grade"].value_counts()
    out = {"audit.derived": len(table), "audit.material": int(table["material"].sum())}
    for grade in GRADES:
        out[f"audit.{grade_id(grade)}"] = int(counts.get(grade, 0))
    return out


def grade_id(grade: str) -> str:
    """A grade as a short id: "unit or period error" is "unit_or_period_error"."""
    return re.sub(r"[^a-z]+", "_", grade.lower()).strip("_")


def material_text(table: pd.DataFrame, notes: dict[str, str] | None = None) -> str:
    """The material rows of an audit table as a Markdown list, each with what the figure is,
    where the report states it, its grade and the book's reading (or the arithmetic's
    reason where the book has none); a sentence where there are none."""
    from evidencebook.analysis.formatting import markdown_escape as md_escape

    notes = notes or {}
    rows = table[table["material"]]
    if rows.empty:
        return "No figure the report works out is materially wrong."
    lines = ["The material ones:", ""]
    for rec in rows.to_dict("records"):
        note = notes.get(rec["id"])
        reason = note if isinstance(note, str) and note else rec["reason"]
        what = rec.get("what") or rec["id"]
        where = rec.get("stated_in")
        place = f" ({where})" if isinstance(where, str) and where else ""
        lines.append(
            f"- **{md_escape(str(what))}**{md_escape(place)}: {rec['grade']}. "
            f"{md_escape(str(reason))}"
        )
    return "\n".join(lines)
