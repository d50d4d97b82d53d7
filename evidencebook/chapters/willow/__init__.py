"""The Willow team: ``compute(load(data_dir), Parameters(...))`` gives everything the chapter
states (see :mod:`evidencebook.analysis.chapter`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from evidencebook.analysis import local_rollout, pack, prices
from evidencebook.analysis import rollout as ro
from evidencebook.analysis.chapter import ChapterResult
from evidencebook.chapters.willow import appraisal, charts, proposal, wording
from evidencebook.chapters.willow import evidence as pilot
from evidencebook.chapters.willow import model as willow
from evidencebook.chapters.willow.parameters import Parameters

__all__ = ["Parameters", "compute", "figures", "load"]


def load(data_dir: str = "") -> dict[str, pd.DataFrame]:
    """The chapter's tables from a pack (empty: the default pack)."""
    return pack.load_chapter("willow", data_dir)


def figures(tables: Mapping[str, pd.DataFrame], params: Parameters) -> dict[str, Any]:
    """Table 25 and the findings' ``cse.*`` figures, as the registry reads them."""
    params = prices.at_input_prices(params, tables["gdp_deflators"])  # one price base
    return willow.figures(params.assumptions(), tables)


def compute(tables: dict[str, pd.DataFrame], params: Parameters) -> ChapterResult:
    """Every figure, table, chart and passage the chapter shows."""
    params = prices.at_input_prices(params, tables["gdp_deflators"])  # one price base
    a = params.assumptions()
    figs = figures(tables, params)
    costs = willow.cost_model(a)
    result = ChapterResult("willow", optional_keys={"returns"})
    result.add_figures(figs, source="The report's figures, worked out from the pack")
    result.add_figures(
        willow.chapter_figures(a, costs, tables),
        source="Worked out from the chapter's parameters and the pack",
    )
    result.add_table("theory_of_change", wording.theory_of_change(tables))
    result.add_text("returns_rise", wording.returns_rise(tables, figs["cse.missing_rise"]))
    result.add_charts(
        [
            charts.team(tables["cse_team_makeup"]),
            charts.survey(tables["cse_survey"]),
            charts.returns(tables["missing_returns"]),
            charts.costs(a, costs),
        ]
    )
    steps = wording.cost_steps(a, costs)
    result.add_table("cost_steps", steps)
    result.add_text("cost_steps", steps.to_string(index=False))
    appraisal.rollout(
        a,
        tables["gdp_deflators"],
        ro.RolloutSettings.of(params),
    ).add_to(result)
    result.add_table("check", wording.check(figs))
    local_rollout.add_to(result, "willow", proposal.proposal, pilot.evidence, params)
    return result
