"""The edge of care chapter's tables and text built from the data and the parameters."""

from __future__ import annotations

import pandas as pd

from evidencebook.analysis.chapter import report_check, steps_shown
from evidencebook.chapters.edge import model as edge


def theory_of_change(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """How Hampshire expected the pilot to work (Table 4): stage, statement, source."""
    toc = tables["theory_of_change"]
    return toc[toc["chapter"] == "edge"][["stage", "statement", "source"]]


def cost_steps(a: edge.EdgeAssumptions) -> pd.DataFrame:
    """Table 23's steps as shown: what, how it is worked out, and the amount in pounds."""
    return steps_shown(edge.cost_steps(a), "gbp", "GBP")


def check(figs: dict[str, object]) -> pd.DataFrame:
    """Each reference figure the report prints beside the book's, as shown."""
    return report_check(figs, "edge", lambda v: v if isinstance(v, str) else f"{v:,.2f}")
