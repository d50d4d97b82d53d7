"""What the Willow chapter needs of a pack beyond its tables' schemas, checked before any
notebook runs (``registry.chapter_problems``): the team's roles it states."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from evidencebook.chapters.willow.model import ROLES_SHOWN
from evidencebook.chapters.willow.parameters import Parameters
from evidencebook.exceptions import Problem, shown


def problems(tables: Mapping[str, pd.DataFrame], p: Parameters) -> list[Problem]:
    """The roles of ``cse_team_makeup`` the chapter states and the pack lacks, in plain
    words (none if it has them all)."""
    roles = set(tables["cse_team_makeup"]["role"].dropna())
    missing = [r for r in ROLES_SHOWN if r not in roles]
    if not missing:
        return []
    return [
        Problem(
            "cse_team_makeup.csv",
            None,
            "role",
            None,
            f"a row for each role the Willow chapter states ({', '.join(map(shown, ROLES_SHOWN))}; "
            "leave planned and in_post empty where the team has none), but it has no row for "
            f"{', '.join(map(shown, missing))}",
        )
    ]
