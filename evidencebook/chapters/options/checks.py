"""What the options chapter needs beyond its (no) tables, checked before any notebook runs
(``registry.chapter_problems``): that the council's inputs sheet, if one is named, can be
read for the authority and every value in it is one the roll-outs accept."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from evidencebook.analysis import local_inputs
from evidencebook.chapters.options.parameters import Parameters
from evidencebook.exceptions import Problem


def problems(tables: Mapping[str, pd.DataFrame], p: Parameters) -> list[Problem]:
    """Every problem of the inputs sheet ``p.inputs_sheet`` (none when it is empty or good),
    each naming the file (and sheet), row, column and what was expected."""
    return local_inputs.sheet_problems(p.inputs_sheet, p.la)
