"""The Willow chapter's tables and text built from the data and the parameters."""

from __future__ import annotations

import pandas as pd

from evidencebook.analysis import figures, series
from evidencebook.chapters.willow import model as willow

#: The periods whose average monthly returns from going missing are compared: early in the
#: pilot, and six months on.
RETURNS_EARLY, RETURNS_LATER = ("2015-10", "2015-12"), ("2016-04", "2016-06")


def theory_of_change(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """How the pilot sites expected the change to work (Table 6): stage, statement, source."""
    toc = tables["theory_of_change"]
    return toc[toc["chapter"] == "willow"][["stage", "statement", "source"]]


def returns_rise(tables: dict[str, pd.DataFrame], stated_pct: float) -> str:
    """How children returning from going missing moved, beside the stated rise in children
    reported missing."""
    return series.returns_rise_text(
        tables["missing_returns"], RETURNS_EARLY, RETURNS_LATER, stated_pct
    )


def cost_steps(a: willow.WillowAssumptions, costs: willow.WillowCosts) -> pd.DataFrame:
    """Table 25's steps as shown: what, how it is worked out, and pounds a year."""
    steps = willow.cost_steps(a, costs)
    return steps.assign(gbp_per_year=steps["gbp_per_year"].map("£{:,.2f}".format)).rename(
        columns={"step": "Step", "how": "How it is worked out", "gbp_per_year": "GBP a year"}
    )


def check(figs: dict[str, object]) -> pd.DataFrame:
    """Each reference figure the report prints beside the book's, as shown."""
    table = figures.compare(figs, "cse")
    table["book"] = table["book"].map(
        lambda v: f"{v:,.2f}" if isinstance(v, (int, float)) else str(v)
    )
    return table[["what", "unit", "report", "book", "check", "where"]]
