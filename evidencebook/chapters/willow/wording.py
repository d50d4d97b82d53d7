"""The Willow chapter's tables and text built from the data and the parameters."""

from __future__ import annotations

import pandas as pd

from evidencebook.analysis import series
from evidencebook.analysis.chapter import report_check, steps_shown, two_decimals_or_text
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
    return steps_shown(willow.cost_steps(a, costs), "gbp_per_year", "GBP a year")


def check(figs: dict[str, object]) -> pd.DataFrame:
    """Each reference figure the report prints beside the book's, as shown."""
    return report_check(figs, "cse", two_decimals_or_text)
