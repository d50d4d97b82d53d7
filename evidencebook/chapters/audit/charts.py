"""The audit chapter's chart: derived figures by chapter and grade."""

from __future__ import annotations

import pandas as pd

from evidencebook.analysis import charts
from evidencebook.analysis.chapter import ChapterResult

TITLE = "Figures the report derives, by chapter and grade"

#: What each prefix of a figure's id (``pa.on_cost``) stands for, as the chart names it.
PARTS = {
    "pa": "PAs",
    "fit": "FIT",
    "vol": "Volunteering",
    "edge": "Edge of care",
    "cse": "Willow",
    "sws": "Surgeries",
    "trends": "Demand trends",
    "eval": "The evaluation",
    "context": "Context",
    "claims": "Comparisons in the text",
}


def part(figure_id: str) -> str:
    """The part of the report a figure id belongs to, in words (its prefix if unknown)."""
    prefix = figure_id.split(".")[0]
    return PARTS.get(prefix, prefix)


def by_chapter(table: pd.DataFrame) -> pd.DataFrame:
    """How many derived figures each chapter has of each grade."""
    return (
        table.assign(chapter=table["id"].map(part))
        .groupby(["chapter", "grade"])
        .size()
        .rename("figures")
        .reset_index()
    )


def add_grades_chart(result: ChapterResult, table: pd.DataFrame) -> None:
    counts = by_chapter(table)
    description = (
        "Stacked bar chart of derived figures by chapter. "
        + "; ".join(
            f"{c}: " + ", ".join(f"{n} {s}" for s, n in zip(g["grade"], g["figures"], strict=True))
            for c, g in counts.groupby("chapter")
        )
        + "."
    )
    result.add_chart(
        "grades_by_chapter", TITLE, charts.stacked_status(counts, TITLE), description, counts
    )
