"""Skilled administrators for social workers (PAs): the chapter as a function.

``compute(load(data_dir), Parameters(...))`` gives every figure the chapter states, the
tables, charts and passages of text it shows, and what its key-result cells print; the
notebook glues the figures and shows each part with ``result.show(key)``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from evidencebook.analysis import local_rollout, prices
from evidencebook.analysis.chapter import ChapterResult
from evidencebook.analysis.pack import load_chapter
from evidencebook.chapters.pa import appraisal, charts, model, proposal, wording
from evidencebook.chapters.pa import evidence as pilot
from evidencebook.chapters.pa.parameters import Parameters

__all__ = ["Parameters", "compute", "figures", "load"]

#: Where the figures come from.
REPORT = "the report's figure, recomputed from the pack and the chapter's parameters"
BOOK = "the book's, worked out from the pack"
APPRAISAL = "the book's appraisal of a roll-out today (Green Book 2022; GMCA model)"


def load(data_dir: str = "") -> dict[str, pd.DataFrame]:
    """The chapter's tables, read and checked from the pack in ``data_dir`` (the default
    pack if empty)."""
    return load_chapter("pa", data_dir)


def figures(tables: Mapping[str, pd.DataFrame], p: Parameters) -> dict[str, Any]:
    """The report's PA figures, recomputed (what the strand registry reads)."""
    p = prices.at_input_prices(p, tables["gdp_deflators"])  # one price base
    return model.figures(p.assumptions(), tables)


def compute(tables: dict[str, pd.DataFrame], p: Parameters) -> ChapterResult:
    """Everything the PA chapter shows, from its tables and parameters."""
    p = prices.at_input_prices(p, tables["gdp_deflators"])  # one price base
    a = p.assumptions()
    figs = figures(tables, p)
    pa_posts = tables["pa_posts"]
    posts = {k: int(n) for k, n in zip(pa_posts["authority"], pa_posts["posts"], strict=True)}
    costs = model.cost_model(
        a, figs["pa.admin_share_before"] / 100, figs["pa.admin_share_after"] / 100, posts
    )
    changes = model.caseload_changes(
        model.authority_caseloads(tables["team_caseloads"], p.caseload_authority),
        p.caseload_start,
        p.caseload_end,
    )
    rise = model.caseload_rise(changes)
    deflators = tables["gdp_deflators"]
    roll = appraisal.rollout(p, costs, figs, deflators)
    roll_figs = appraisal.rollout_figures(roll, p, costs, deflators)

    result = ChapterResult("pa")
    result.add_figures(figs, REPORT)
    result.add_figures(
        {
            "pa.time_use_n": int(tables["pa_time_use"]["respondents"].max()),
            "pa.caseload_teams": rise["teams"],
            "pa.caseload_all_teams_rise": rise["all_teams"],
            "pa.net_value_per_pa": costs.saving_per_pa - costs.on_cost,
        },
        BOOK,
    )
    result.add_figures(roll_figs, APPRAISAL)

    result.add_text("posts", model.posts_text(posts))
    result.add_text(
        "caseloads",
        model.caseload_text(
            tables["pa_caseload_change"],
            rise,
            p.caseload_authority,
            p.caseload_start,
            p.caseload_end,
        ),
    )
    result.add_text("sickness", model.sickness_text(tables["pa_sickness"]))
    result.add_text("pilot_costs", model.pilot_costs_text(costs, posts))
    steps = wording.cost_steps(model.cost_steps(a, costs))
    result.add_text("key_costs", steps.to_string(index=False))
    result.add_text(
        "key_appraisal",
        wording.key_appraisal(
            roll.result,
            roll.switches,
            roll.mc,
            roll.price_factor,
            p.input_price_year,
            p.price_year,
            p.appraisal_years,
        ),
    )

    result.add_table("theory_of_change", wording.theory_of_change(tables["theory_of_change"]))
    result.add_table("cost_steps", steps)
    result.add_table("prices", wording.prices(roll.prices, p.input_price_year, p.price_year))
    result.add_table("measures", wording.measures(roll.result, roll_figs, p.price_year))
    result.add_table("grades", wording.grades(roll.grades))
    result.add_table("switches", wording.switches(roll.switches, roll.labels))
    result.add_table("ranges", wording.ranges(roll.ranges, roll.base))
    result.add_table("monte_carlo", wording.monte_carlo(roll.mc_summary, p.price_year))
    result.add_table("check", wording.check(figs))

    shown = [
        charts.time_use(tables["pa_time_use"], figs),
        charts.time_for_families(tables["pa_time_for_families"]),
        charts.caseloads(changes, rise, p.caseload_authority, p.caseload_start, p.caseload_end),
        charts.sickness(tables["pa_sickness"]),
        charts.cost_against_value(costs, p.extra_caseload_value),
        charts.streams(roll.result, p.price_year, roll_figs["pa.payback"]),
        charts.switching_values(roll.switches, roll.labels),
        charts.tornado(roll.spread, roll.central.bcr),
        charts.monte_carlo(roll.mc, p.mc_runs, p.mc_seed),
    ]
    result.add_charts(shown)
    result.optional_keys.add("sickness_chart")  # a pack may have no sickness figures
    local_rollout.add_to(result, "pa", proposal.proposal, pilot.evidence, p)
    return result
