"""Social worker surgeries: ``compute(load(data_dir), Parameters(...))`` gives everything the
chapter states (see :mod:`evidencebook.analysis.chapter`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from evidencebook.analysis import local_rollout, pack, prices
from evidencebook.analysis import rollout as ro
from evidencebook.analysis.chapter import ChapterResult
from evidencebook.chapters.surgeries import appraisal, charts, proposal, wording
from evidencebook.chapters.surgeries import evidence as pilot
from evidencebook.chapters.surgeries import model as surgeries
from evidencebook.chapters.surgeries.parameters import Parameters

__all__ = ["Parameters", "compute", "figures", "load"]


def load(data_dir: str = "") -> dict[str, pd.DataFrame]:
    """The chapter's tables from a pack (empty: the default pack)."""
    return pack.load_chapter("surgeries", data_dir)


def figures(tables: Mapping[str, pd.DataFrame], params: Parameters) -> dict[str, Any]:
    """The ``sws.*`` figures the report states, recomputed for the registry."""
    params = prices.at_input_prices(params, tables["gdp_deflators"])  # one price base
    return surgeries.figures(params.assumptions(), tables)


def compute(tables: dict[str, pd.DataFrame], params: Parameters) -> ChapterResult:
    """Every figure, table, chart and passage the chapter shows."""
    params = prices.at_input_prices(params, tables["gdp_deflators"])  # one price base
    a = params.assumptions()
    figs = figures(tables, params)
    costs = surgeries.cost_model(a)
    evidence = surgeries.evidence(a, tables)
    outcomes = surgeries.targets_vs_actual(a, tables)
    result = ChapterResult("surgeries", optional_keys={"trend", "targets_chart"})
    result.add_figures(figs, source="The report's figures, worked out from the pack")
    extra = {
        "sws.worker_salary": a.worker_salary,
        "sws.overhead_rate": a.overhead_rate * 100,
        "sws.worker_cost": costs.worker_cost,
        "sws.scaled_cost_rounded": round(costs.scaled_cost, -3),
        "sws.assessment_target": surgeries.target(tables["sws_targets"], "assessments"),
    }
    result.add_figures(extra, source="Worked out from the chapter's parameters and the pack")
    result.add_text("glance", surgeries.glance_text(a, evidence, figs["sws.referral_target"]))
    result.add_text("outcomes", surgeries.outcomes_text(a, outcomes))
    result.add_text("demand", surgeries.demand_text(a, evidence))
    result.add_table("theory_of_change", wording.theory_of_change(tables))
    result.add_table("targets", wording.targets_table(outcomes))
    steps = wording.cost_steps(a, costs)
    result.add_table("cost_steps", steps)
    result.add_text("key_costs", steps.to_string(index=False))
    result.add_charts(
        [
            charts.trend(a, tables),
            charts.targets(a, figs["sws.referral_target"], evidence),
        ]
    )
    appraisal.rollout(
        a,
        costs,
        tables["gdp_deflators"],
        ro.RolloutSettings.of(params),
    ).add_to(result)
    result.add_table("check", wording.check_table(figs))
    local_rollout.add_to(result, "surgeries", proposal.proposal, pilot.evidence, params)
    return result
