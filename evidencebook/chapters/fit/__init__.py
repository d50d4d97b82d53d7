"""Family Intervention Teams: ``compute(load(data_dir), Parameters(...))`` gives everything
the chapter states (see :mod:`evidencebook.analysis.chapter`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from evidencebook.analysis import local_rollout, pack, prices
from evidencebook.analysis import rollout as ro
from evidencebook.analysis.chapter import ChapterResult
from evidencebook.chapters.fit import appraisal, charts, proposal, wording
from evidencebook.chapters.fit import evidence as pilot
from evidencebook.chapters.fit import model as fit
from evidencebook.chapters.fit.parameters import Parameters

__all__ = ["Parameters", "compute", "figures", "load"]

#: Parts a pack may have no data for: ``result.show`` shows nothing for them.
OPTIONAL = {"bases", "trio", "engaged", "outcomes_chart", "change", "starts"}


def load(data_dir: str = "") -> dict[str, pd.DataFrame]:
    """The chapter's tables from a pack (empty: the default pack)."""
    return pack.load_chapter("fit", data_dir)


def figures(tables: Mapping[str, pd.DataFrame], params: Parameters) -> dict[str, Any]:
    """The report's FIT figures and a full team's cost (the registry's unit cost)."""
    params = prices.at_input_prices(params, tables["gdp_deflators"])  # one price base
    a = params.assumptions()
    costs = fit.cost_model(a, tables["fit_team_makeup"], tables["fit_families"])
    return fit.figures(a, tables) | {"fit.full_team_cost": costs.full_team_cost}


def compute(tables: dict[str, pd.DataFrame], params: Parameters) -> ChapterResult:
    """Every figure, table, chart and passage the chapter shows."""
    params = prices.at_input_prices(params, tables["gdp_deflators"])  # one price base
    a = params.assumptions()
    costs = fit.cost_model(a, tables["fit_team_makeup"], tables["fit_families"])
    evidence = fit.evidence(tables)
    # as figures(tables, params), from the costs and evidence worked out once
    figs = fit.figures(a, tables, evidence, costs) | {"fit.full_team_cost": costs.full_team_cost}
    case_files = tables["fit_case_files"]
    before = fit.baseline(case_files)
    bases = fit.likely_bases(case_files)
    stated = fit.stated_shares(case_files)
    samples = tables["fit_samples"]
    cla_target = (
        tables["fit_targets"].set_index("measure")["target_reduction_pct"].get("cla_starts", pd.NA)
    )
    result = ChapterResult("fit", optional_keys=set(OPTIONAL))
    result.add_figures(figs, source="The report's figures, worked out from the pack")
    extra = {
        "fit.full_team_cost_mh_low": costs.full_team_cost_mh_low,
        "fit.full_team_cost_mh_high": costs.full_team_cost_mh_high,
        "fit.da_sm_team_cost": costs.worker_cost["domestic_abuse"]
        + costs.worker_cost["substance_misuse"],
        "fit.cla_target_text": "fewer children"
        if pd.isna(cla_target)
        else f"{cla_target:.0f}% fewer children",
    }
    result.add_figures(extra, source="Worked out from the chapter's parameters and the pack")
    for key, text in {
        "glance": fit.glance_text(evidence, before, stated, samples),
        "baseline": fit.baseline_text(before, stated, bases, samples),
        "teams": fit.teams_text(evidence),
        "families": fit.families_text(evidence),
        "profile": fit.profile_text(evidence, stated, bases, samples),
        "engagement": fit.engagement_text(evidence, before),
        "outcomes": fit.outcomes_text(evidence, stated, bases),
        "demand": fit.demand_text(evidence),
        "published": fit.published_text(evidence),
        "fielded": fit.fielded_text(costs, evidence),
        "per_family": fit.per_family_text(costs),
    }.items():
        result.add_text(key, text)
    result.add_table("theory_of_change", wording.theory_of_change(tables))
    result.add_table("makeup", wording.makeup_table(tables["fit_team_makeup"]))
    if len(bases):
        result.add_table("bases", wording.bases_table(bases))
    steps = wording.cost_steps(a, costs)
    result.add_table("cost_steps", steps)
    result.add_text("key_costs", steps.to_string(index=False))
    result.add_charts(
        [
            charts.trio(case_files, before, evidence, stated),
            charts.engaged(case_files, before, evidence),
            charts.outcomes(case_files, stated),
            charts.change(evidence),
            charts.starts(tables["looked_after_starts_quarterly"], evidence),
            charts.fielded(costs),
        ]
    )
    appraisal.rollout(
        a,
        costs,
        tables["gdp_deflators"],
        ro.RolloutSettings.of(params),
    ).add_to(result)
    result.add_table("check", wording.check_table(figs))
    local_rollout.add_to(result, "fit", proposal.proposal, pilot.evidence, params)
    return result
