"""The FIT chapter's tables of words and its key-result text, built from data (the
paragraphs are the ``*_text`` functions of :mod:`evidencebook.chapters.fit.model`)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from evidencebook.analysis.chapter import report_check, steps_shown, two_decimals_or_text
from evidencebook.analysis.formatting import missing_symbol
from evidencebook.analysis.pack import not_available
from evidencebook.chapters.fit import model as fit


def theory_of_change(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The pilot's theory of change (Table 3)."""
    toc = tables["theory_of_change"]
    return toc[toc["chapter"] == "fit"][["stage", "statement", "source"]]


def makeup_table(makeup: pd.DataFrame) -> pd.DataFrame:
    """The team make-ups fielded, and how the book reads the report."""
    return makeup[["authority", "makeup", "teams", "basis"]].rename(
        columns={
            "authority": "Authority",
            "makeup": "Team make-up",
            "teams": "Teams",
            "basis": "What the report says, and how the book reads it",
        }
    )


def bases_table(bases: pd.DataFrame) -> pd.DataFrame:
    """The smallest samples consistent with each set of rounded percentages
    (``model.likely_bases``)."""
    smallest = "Smallest sample that gives them all once rounded (the book's inference, not a base)"
    return pd.DataFrame(
        {
            "Families": bases["sample"],
            "Percentages (as the source gives them)": bases["percentages"],
            smallest: [
                "none up to 500" if pd.isna(b) else f"{b:,.0f}" for b in bases["smallest_base"]
            ],
        }
    )


def _gbp_text(value: object) -> str:
    """Pounds and pence; "c" where worked out from a withheld count, "x" where not
    available (a cost per family of no families)."""
    return missing_symbol(value) if not_available(value) else f"£{value:,.2f}"


def cost_steps(a: fit.FITAssumptions, costs: fit.FITCosts) -> pd.DataFrame:
    """The cost steps, as shown (and printed as a key result)."""
    return steps_shown(fit.cost_steps(a, costs), "gbp", "GBP", _gbp_text)


def _book_value(v: object) -> str:
    if v is None or (isinstance(v, float) and pd.isna(v)):
        return "not in this pack"
    return two_decimals_or_text(v)


def check_table(figs: Mapping[str, object]) -> pd.DataFrame:
    """Each figure beside the value the report prints."""
    return report_check(figs, "fit", _book_value)
