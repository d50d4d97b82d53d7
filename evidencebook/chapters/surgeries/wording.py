"""The surgeries chapter's tables of words and its key-result text, built from data."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from evidencebook.analysis.chapter import report_check, steps_shown, two_decimals_or_text
from evidencebook.chapters.surgeries import model as surgeries

MEASURES = {
    "contacts": "Contacts",
    "referrals": "Referrals",
    "assessments": "Assessments",
    "children_in_need": "Children in Need",
}


def theory_of_change(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The pilot's theory of change (Table 7)."""
    toc = tables["theory_of_change"]
    return toc[toc["chapter"] == "surgeries"][["stage", "statement", "source"]]


def _target(value: float) -> str:
    return "no size set" if pd.isna(value) else f"{value:+.0f}%"


def targets_table(outcomes: pd.DataFrame) -> pd.DataFrame:
    """Each target beside what happened (``model.targets_vs_actual``), as shown."""
    happened = [
        f"c ({p})"
        if w  # worked out from a withheld count
        else "not reported"
        if pd.isna(v)
        else f"{v:+.1f}% ({p})"
        for v, p, w in zip(
            outcomes["change_pct"], outcomes["period"], outcomes["withheld"], strict=True
        )
    ]
    return pd.DataFrame(
        {
            "Measure": outcomes["measure"].map(MEASURES),
            "Target change": outcomes["target_change_pct"].map(_target),
            "What happened": happened,
            "Source": outcomes["source"],
        }
    )


def cost_steps(a: surgeries.SWSAssumptions, costs: surgeries.SWSCosts) -> pd.DataFrame:
    """The projection's steps, as shown (and printed as a key result)."""
    return steps_shown(surgeries.cost_steps(a, costs), "gbp_per_year", "GBP a year")


def check_table(figs: Mapping[str, object]) -> pd.DataFrame:
    """Each figure beside the value the report prints."""
    return report_check(figs, "sws", two_decimals_or_text)
