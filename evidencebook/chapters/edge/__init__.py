"""Edge of care: ``compute(load(data_dir), Parameters(...))`` gives everything the chapter
states (see :mod:`evidencebook.analysis.chapter`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from evidencebook.analysis import local_rollout, pack, prices
from evidencebook.analysis import rollout as ro
from evidencebook.analysis.chapter import ChapterResult
from evidencebook.chapters.edge import appraisal, charts, proposal, wording
from evidencebook.chapters.edge import evidence as pilot
from evidencebook.chapters.edge import model as edge
from evidencebook.chapters.edge.parameters import Parameters

__all__ = ["Parameters", "compute", "figures", "load"]


def load(data_dir: str = "") -> dict[str, pd.DataFrame]:
    """The chapter's tables from a pack (empty: the default pack)."""
    return pack.load_chapter("edge", data_dir)


def figures(tables: Mapping[str, pd.DataFrame], params: Parameters) -> dict[str, Any]:
    """Every ``edge.*`` figure of the reference list (read by the strand registry)."""
    params = prices.at_input_prices(params, tables["gdp_deflators"])  # one price base
    return edge.figures(params.assumptions(), tables)


def compute(tables: dict[str, pd.DataFrame], params: Parameters) -> ChapterResult:
    """Every figure, table, chart and passage the chapter shows."""
    params = prices.at_input_prices(params, tables["gdp_deflators"])  # one price base
    a = params.assumptions()
    starts = tables["looked_after_starts_quarterly"]
    authority = edge.pilot_authority(starts)
    quarters = edge.starts_by_quarter(starts, authority)  # once, for the figures and chart
    figs = edge.figures(a, tables, quarters)  # as figures(tables, params)
    costs = edge.cost_model(a)
    result = ChapterResult("edge")
    result.add_figures(figs, source="The report's figures, worked out from the pack")
    result.add_figures(
        edge.chapter_figures(a, tables, figs, quarters),
        source="Worked out from the chapter's parameters and the pack",
    )
    result.add_table("theory_of_change", wording.theory_of_change(tables))
    result.add_charts(
        [
            charts.needs(tables["edge_cohort"]),
            charts.engagement(tables["edge_engagement"], figs),
            charts.case_files(tables["edge_case_files"]),
            charts.starts_by_age(starts, authority),
            charts.starts_by_quarter(quarters, authority),
            charts.unit_cost(a, costs),
        ]
    )
    steps = wording.cost_steps(a)
    result.add_table("cost_steps", steps)
    result.add_text("cost_steps", steps.to_string(index=False))
    appraisal.rollout(
        a,
        tables,
        ro.RolloutSettings.of(params),
    ).add_to(result)
    result.add_table("check", wording.check(figs))
    local_rollout.add_to(result, "edge", proposal.proposal, pilot.evidence, params)
    return result
