"""The edge of care chapter's tables and text built from the data and the parameters."""

from __future__ import annotations

import pandas as pd

from evidencebook.analysis import figures
from evidencebook.chapters.edge import model as edge


def theory_of_change(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """How Hampshire expected the pilot to work (Table 4): stage, statement, source."""
    toc = tables["theory_of_change"]
    return toc[toc["chapter"] == "edge"][["stage", "statement", "source"]]


def cost_steps(a: edge.EdgeAssumptions) -> pd.DataFrame:
    """Table 23's steps as shown: what, how it is worked out, and the amount in pounds."""
    steps = edge.cost_steps(a)
    return steps.assign(gbp=steps["gbp"].map("£{:,.2f}".format)).rename(
        columns={"step": "Step", "how": "How it is worked out", "gbp": "GBP"}
    )


def check(figs: dict[str, object]) -> pd.DataFrame:
    """Each reference figure the report prints beside the book's, as shown."""
    table = figures.compare(figs, "edge")
    table["book"] = table["book"].map(lambda v: v if isinstance(v, str) else f"{v:,.2f}")
    return table[["what", "unit", "report", "book", "check", "where"]]
