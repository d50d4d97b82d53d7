"""What the PA chapter needs of a pack beyond its tables' schemas, checked before any
notebook runs (``registry.chapter_problems``): the team caseloads of the authority and the
two months its parameters name."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from evidencebook.chapters.pa.model import month_words
from evidencebook.chapters.pa.parameters import Parameters
from evidencebook.exceptions import Problem, shown

FILE = "team_caseloads.csv"


def problems(tables: Mapping[str, pd.DataFrame], p: Parameters) -> list[Problem]:
    """Why the chapter could not show the team caseload change, in plain words (none if
    it can): ``caseload_authority`` has no rows, or no team is counted in both
    ``caseload_start`` and ``caseload_end``."""
    caseloads = tables["team_caseloads"]
    authorities = list(dict.fromkeys(caseloads["authority"].dropna()))
    authority = p.caseload_authority
    if authority and authority not in authorities:
        return [
            Problem(
                FILE,
                None,
                "authority",
                None,
                f"rows for {shown(authority)}, the authority the parameter caseload_authority "
                "names (the PA chapter shows its teams' caseload change); the file has "
                f"{_listed(authorities)}: set caseload_authority to one of them, or to '' for "
                "every authority",
            )
        ]
    rows = caseloads if not authority else caseloads[caseloads["authority"] == authority]
    rows = rows.dropna(subset=["caseload"])
    start, end = p.caseload_start, p.caseload_end
    months = sorted(set(rows["month"]))
    whose = f" for {shown(authority)}" if authority else ""
    missing = [m for m in (start, end) if m not in months]
    if missing:
        return [
            Problem(
                FILE,
                None,
                "month",
                None,
                f"caseloads{whose} in {' and '.join(missing)} (the parameters caseload_start "
                f"and caseload_end: the PA chapter shows each team's caseload change from "
                f"{month_words(start)} to {month_words(end)}); the file has "
                f"{_listed(months)}: set caseload_start and caseload_end to two of them",
            )
        ]
    both = rows[rows["month"].isin([start, end])].groupby(["authority", "team"])["month"]
    if not (both.nunique() == 2).any():
        return [
            Problem(
                FILE,
                None,
                "team",
                None,
                f"at least one team{whose} counted in both {start} and {end} (the parameters "
                "caseload_start and caseload_end); no team is counted in both",
            )
        ]
    return []


def _listed(names: list[str]) -> str:
    """Names as a short list, or "none"."""
    if not names:
        return "none"
    shown_names = ", ".join(shown(n) for n in names[:12])
    return shown_names + (f" and {len(names) - 12} more" if len(names) > 12 else "")
