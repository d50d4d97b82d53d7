"""What the surgeries chapter needs of a pack beyond its tables' schemas, checked before
any notebook runs (``registry.chapter_problems``): a row for each target it states."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from evidencebook.chapters.surgeries.model import TARGETS_STATED
from evidencebook.chapters.surgeries.parameters import Parameters
from evidencebook.exceptions import Problem, shown


def problems(tables: Mapping[str, pd.DataFrame], p: Parameters) -> list[Problem]:
    """The targets the chapter states that ``sws_targets`` has no single row for, in plain
    words (none if it has them all)."""
    measures = tables["sws_targets"]["measure"].value_counts()
    missing = [m for m in TARGETS_STATED if measures.get(m, 0) != 1]
    if not missing:
        return []
    return [
        Problem(
            "sws_targets.csv",
            None,
            "measure",
            None,
            "one row for each target the surgeries chapter states "
            f"({', '.join(map(shown, TARGETS_STATED))}; leave target_reduction_pct empty "
            f"where no size was set), but it has none for {', '.join(map(shown, missing))}",
        )
    ]
