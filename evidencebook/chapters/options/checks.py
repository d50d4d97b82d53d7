"""What the options chapter needs beyond its (no) tables, checked before any notebook runs
(``registry.chapter_problems``): that the council's inputs sheet, if one is named, can be
read for the authority and every value in it is one the roll-outs accept."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from evidencebook.analysis import local_inputs
from evidencebook.chapters.options.parameters import Parameters
from evidencebook.exceptions import EvidenceBookError, Problem, ProblemsError


def problems(tables: Mapping[str, pd.DataFrame], p: Parameters) -> list[Problem]:
    """Every problem of the inputs sheet ``p.inputs_sheet`` (none when it is empty or good),
    each naming the file (and sheet), row, column and what was expected."""
    sheet = str(p.inputs_sheet).strip()
    if not sheet:
        return []
    path = Path(sheet)
    if not path.is_file():
        return [
            Problem(
                "inputs_sheet",
                None,
                None,
                sheet,
                "the path of an inputs sheet that exists (an absolute path, or one relative to "
                "the folder the build is run in); write one with evidencebook inputs --la NAME "
                "--out inputs.yaml",
            )
        ]
    try:
        local_inputs.read_sheet(path, p.la)
    except ProblemsError as err:
        return list(err.problems)
    except EvidenceBookError as err:
        return [Problem(path.name, None, None, None, f"an inputs sheet that can be read ({err})")]
    return []
