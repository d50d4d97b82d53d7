"""The value-for-money chapter's chart: unit cost against strength of evidence."""

from __future__ import annotations

import pandas as pd

from evidencebook.analysis import charts
from evidencebook.analysis.chapter import ChapterResult
from evidencebook.chapters.value_for_money.model import STRENGTH_ORDER

TITLE = "Unit cost against strength of evidence of benefit"


def add_strength_chart(result: ChapterResult, table: pd.DataFrame) -> None:
    points = table.assign(
        strength=pd.Categorical(
            table["evidence_strength"], categories=list(STRENGTH_ORDER), ordered=True
        )
    )
    description = (
        "Scatter chart with a logarithmic cost axis. "
        + "; ".join(
            f"{r.strand}: £{r.unit_cost:,.0f} per unit, evidence {r.evidence_strength}"
            + (f", £{r.bcr:.2f} of benefit per £1" if pd.notna(r.bcr) else "")
            for r in table.itertuples()
        )
        + "."
    )
    data = table[["strand", "unit", "unit_cost", "bcr", "evidence_strength"]].round(2)
    result.add_chart("strength_cost", TITLE, charts.strength_cost(points, TITLE), description, data)
