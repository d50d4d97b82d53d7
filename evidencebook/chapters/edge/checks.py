"""What the edge of care chapter needs of a pack beyond its tables' schemas, checked before
any notebook runs (``registry.chapter_problems``): quarterly starts counted by age for one
authority, in the two quarters the report compares."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from evidencebook.analysis.series import authorities_with_ages
from evidencebook.chapters.edge.model import AGES_14_18, CLA_AFTER, CLA_BEFORE
from evidencebook.chapters.edge.parameters import Parameters
from evidencebook.exceptions import Problem, shown

FILE = "looked_after_starts_quarterly.csv"


def problems(tables: Mapping[str, pd.DataFrame], p: Parameters) -> list[Problem]:
    """Why the chapter could not compare looked-after starts aged 14 to 18 with all ages, in
    plain words (none if it can)."""
    starts = tables["looked_after_starts_quarterly"]
    with_ages = authorities_with_ages(starts)
    if not with_ages:
        return _needs(
            "age",
            "quarterly starts by age (rows aged 14, 15, 16, 17 and 18, beside 'all ages') "
            "for at least one authority: the edge of care chapter compares children "
            "aged 14 to 18 starting to be looked after with all ages; the file has "
            f"counts by age for no authority (ages found: {_listed(_ages(starts))})",
        )
    authority = with_ages[0]
    rows = starts[starts["authority"] == authority]
    missing_ages = [a for a in ("all ages", *AGES_14_18) if a not in set(rows["age"])]
    if missing_ages:
        return _needs(
            "age",
            f"rows for {shown(authority)} aged {', '.join(missing_ages)} too: the edge of care "
            "chapter adds up ages 14 to 18 and compares them with all ages",
        )
    quarters = sorted(set(rows["quarter"]))
    missing = [q for q in (CLA_BEFORE, CLA_AFTER) if q not in quarters]
    if missing:
        return _needs(
            "quarter",
            f"counts for {shown(authority)} in {' and '.join(missing)}: the edge of care "
            f"chapter compares {CLA_BEFORE} (immediately before the pilot) with "
            f"{CLA_AFTER} (10 to 12 months into it), as the report does; the file has "
            f"{_listed(quarters)}",
        )
    return []


def _needs(column: str, expected: str) -> list[Problem]:
    """The one problem of the file: its ``column`` lacks what the chapter compares."""
    return [Problem(FILE, None, column, None, expected)]


def _ages(starts: pd.DataFrame) -> list[str]:
    return list(dict.fromkeys(starts["age"].dropna()))


def _listed(names: list[str]) -> str:
    """Names as a short list, or "none"."""
    if not names:
        return "none"
    shown_names = ", ".join(shown(n) for n in names[:12])
    return shown_names + (f" and {len(names) - 12} more" if len(names) > 12 else "")
