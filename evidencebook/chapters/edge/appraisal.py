"""Edge of care: the Table 23 unit cost as the model of an appraisal at today's prices, with
documented ranges for the tornado and the Monte Carlo.

The report values no outcomes, so only the unit cost is modelled. Each model input is named
as the chapter parameter it comes from (``edge_worker_salary``, ``vol_coordinator_salary``,
...), plus ``price_factor`` (the deflator at the price year over the deflator at the input
prices' year). The volunteer mentor's inputs and ranges are the in-house volunteer model's.

The generic parts (:class:`~evidencebook.analysis.strand_appraisal.InputRange`, the volunteer
inputs and ranges) are read from :mod:`evidencebook.analysis.strand_appraisal` as a module
(``st.InputRange``) when a function runs: that module still imports the strand registry,
which imports this chapter, so names bound at import time could meet it half-loaded.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import pandas as pd

from evidencebook.analysis import appraisal as ap
from evidencebook.analysis import charts, uncertainty
from evidencebook.analysis import strand_appraisal as st
from evidencebook.analysis.chapter import ChapterResult
from evidencebook.chapters.edge import model as edge
from evidencebook.chapters.volunteers import appraisal as vol_appraisal
from evidencebook.chapters.volunteers import model as volunteers


def assumptions_from(params: Mapping[str, Any]) -> edge.EdgeAssumptions:
    """The edge of care assumptions (with the in-house volunteer model behind the mentor)
    from named inputs: the chapter's parameter names."""
    return edge.EdgeAssumptions(
        worker_salary=params["edge_worker_salary"],
        overhead_rate=params["overhead_rate"],
        young_people_per_worker=params["edge_young_people_per_worker"],
        activities_cost=params["edge_activities_cost"],
        activities_cost_low=params["edge_activities_cost_low"],
        activities_cost_high=params["edge_activities_cost_high"],
        mentor=volunteers.InHouseAssumptions(
            coordinator_salary=params["vol_coordinator_salary"],
            overhead_rate=params["overhead_rate"],
            volunteers_per_coordinator=params["vol_per_coordinator"],
            coordinators=params["vol_coordinators_hants"],
            admin_cost=params["vol_admin_cost"],
            expenses_monthly=params["vol_expenses_monthly"],
            interventions_per_volunteer=params["vol_interventions_per_volunteer"],
        ),
    )


def edge_params(a: edge.EdgeAssumptions, price_factor: float) -> dict[str, float]:
    """Inputs of :func:`edge_unit_cost`, named as the chapter parameters."""
    return {
        "edge_worker_salary": a.worker_salary,
        "edge_young_people_per_worker": a.young_people_per_worker,
        "edge_activities_cost": a.activities_cost,
        "edge_activities_cost_low": a.activities_cost_low,
        "edge_activities_cost_high": a.activities_cost_high,
        **vol_appraisal.volunteer_params(a.mentor, None, price_factor),
    }


def edge_unit_cost(params: Mapping[str, float]) -> float:
    """Unit cost of a typical edge of care intervention (Table 23), at price-year prices."""
    return edge.cost_model(assumptions_from(params)).unit_cost * params["price_factor"]


def edge_ranges(a: edge.EdgeAssumptions, delivery: pd.DataFrame | None) -> tuple[Any, ...]:
    """Ranges of the edge of care model's inputs (``InputRange``), the mentor's from the
    volunteer model."""
    own = (
        st.InputRange(
            "edge_activities_cost",
            "Activities programme cost per young person",
            "gbp",
            "values",
            a.activities_cost_low,
            a.activities_cost_high,
            "Table 23: the lowest and highest programme costs reported",
            minimum=0.0,
        ),
        st.InputRange(
            "edge_young_people_per_worker",
            "Young people an edge worker works with a year",
            "number",
            "relative",
            -0.20,
            0.20,
            f"{st.JUDGEMENT}: the report's rounded rate of starts per team (Table 23); how many "
            "a worker sees in a year depends on how long each young person stays",
            minimum=1.0,
        ),
        st.InputRange(
            "edge_worker_salary",
            "Edge worker salary",
            "gbp",
            "relative",
            -0.10,
            0.10,
            f"{st.JUDGEMENT}: Table 23 gives the mid-point of the pay scale and no range",
            minimum=0.0,
        ),
    )
    mentor = tuple(
        r
        if r.name == "overhead_rate"
        else replace(r, label=f"Mentor: {r.label[0].lower()}{r.label[1:]}")
        for r in vol_appraisal.volunteer_ranges(delivery, with_commissioned=False)
    )
    return own + mentor


# --- the section "Appraising a roll-out today" ------------------------------------------


def rollout(
    a: edge.EdgeAssumptions,
    tables: dict[str, pd.DataFrame],
    result: ChapterResult,
    *,
    input_price_year: str,
    price_year: str,
    optimism_bias: float,
    mc_runs: int,
    mc_seed: int,
) -> None:
    """Add the roll-out section to ``result``: the unit cost at ``price_year`` prices (table
    ``rollout_prices``), its tornado (chart ``rollout_tornado``, table ``rollout_ranges``),
    its Monte Carlo (chart ``rollout_histogram``, table ``rollout_mc``), the key results
    (text ``rollout_key``) and the figures the section states."""
    deflators = tables["gdp_deflators"]
    costs = edge.cost_model(a)
    factor = ap.uprate(1.0, input_price_year, price_year, deflators)
    prices = st.price_base(
        [
            ("Edge worker, per young person", "cost", costs.worker_per_intervention),
            (
                "Activities programme, per young person (average)",
                "cost",
                costs.activities_per_intervention,
            ),
            ("Volunteer mentor, per young person", "cost", costs.mentor_per_intervention),
            ("Unit cost of a typical intervention", "cost", costs.unit_cost),
            ("Unit cost with the cheapest activities programme", "cost", costs.unit_cost_low),
            ("Unit cost with the dearest activities programme", "cost", costs.unit_cost_high),
        ],
        input_price_year,
        price_year,
        deflators,
        cost_multiplier=ap.cost_factor(optimism_bias),
    )
    base = edge_params(a, factor)
    ranges = edge_ranges(a, tables["vol_delivery"])
    spread = st.tornado_table(edge_unit_cost, base, ranges)
    mc = uncertainty.monte_carlo(
        edge_unit_cost, st.distributions(ranges, base), mc_runs, mc_seed, base
    )
    p_low, p_high = uncertainty.INTERVAL
    lo_col, hi_col = f"p{p_low}", f"p{p_high}"
    unit = mc.summary.set_index("output").loc["output"]
    top = spread.iloc[0]
    today = edge_unit_cost(base)
    index = ap.deflator_index(deflators)
    result.add_figures(
        {
            "edge.input_price_year": input_price_year,
            "edge.price_year": price_year,
            "edge.deflator_from": index[input_price_year],
            "edge.deflator_to": index[price_year],
            "edge.price_factor": factor,
            "edge.price_rise_pct": (factor - 1) * 100,
            "edge.deflator_source": st.deflator_source(deflators, input_price_year, price_year),
            "edge.optimism_bias_pct": optimism_bias * 100,
            "edge.unit_cost_today": today,
            "edge.unit_cost_planning": today * ap.cost_factor(optimism_bias),
            "edge.tornado_top": top["label"][0].lower() + top["label"][1:],
            "edge.tornado_top_from": min(top["output_low"], top["output_high"]),
            "edge.tornado_top_to": max(top["output_low"], top["output_high"]),
            "edge.tornado_inputs": len(spread),
            "edge.mc_runs": mc_runs,
            "edge.mc_seed": mc_seed,
            "edge.mc_level": p_high - p_low,
            "edge.mc_inputs": len(mc.inputs),
            "edge.mc_unit_cost_low": unit[lo_col],
            "edge.mc_unit_cost_median": unit["median"],
            "edge.mc_unit_cost_high": unit[hi_col],
        },
        source="Book's analysis (Green Book 2022): the report's unit cost at today's prices "
        "with the GDP deflator and optimism bias; one-at-a-time ranges and a Monte Carlo",
    )
    money = "£{:,.2f}".format
    result.add_table(
        "rollout_prices",
        pd.DataFrame(
            {
                "What": prices["what"],
                f"At {input_price_year} prices (the report's)": prices["input_prices"].map(money),
                f"At {price_year} prices": prices["price_year"].map(money),
                f"At {price_year} prices, with optimism bias": prices["adjusted"].map(money),
            }
        ),
    )
    table = st.ranges_table(ranges, base)
    result.add_table(
        "rollout_ranges",
        pd.DataFrame(
            {
                "Assumption": table["assumption"],
                "Base": table["base"],
                "Range": table["low"] + " to " + table["high"],
                "How it is set, and why": table["range"] + ". " + table["why"],
            }
        ),
    )
    result.add_table(
        "rollout_mc",
        pd.DataFrame(
            {
                f"Output (GBP, {price_year} prices, before optimism bias)": [
                    "Unit cost of a typical intervention"
                ],
                "Mean": [money(unit["mean"])],
                "Median": [money(unit["median"])],
                f"{p_low}th percentile": [money(unit[lo_col])],
                f"{p_high}th percentile": [money(unit[hi_col])],
            }
        ),
    )
    title = "Edge of care: what moves the unit cost"
    fig = charts.tornado(
        spread,
        today,
        title,
        f"GBP per young person, {price_year} prices",
        value_format=",.0f",
        prefix="£",
    )
    rows = spread[["label", "low_text", "output_low", "high_text", "output_high"]]
    desc = (
        f"Tornado chart of the unit cost of a typical edge of care intervention at {price_year} "
        f"prices (base £{today:,.2f}), widest swing first. "
        + "; ".join(
            f"{label}: {lt} gives £{ol:,.2f}, {ht} gives £{oh:,.2f}"
            for label, lt, ol, ht, oh in rows.itertuples(index=False)
        )
        + "."
    )
    data = spread[["parameter", "label", "low", "high", "output_low", "output_high", "swing"]]
    result.add_chart("rollout_tornado", title, fig, desc, data.round(4))
    drawn = mc.samples["output"]
    bins = charts.histogram_bins(drawn, 40)
    title = "Edge of care: unit cost in Monte Carlo draws"
    fig = charts.histogram(
        bins,
        title,
        f"GBP per young person, {price_year} prices",
        [
            (unit[lo_col], f"{p_low}th percentile: £{unit[lo_col]:,.2f}"),
            (unit["median"], f"Median: £{unit['median']:,.2f}"),
            (unit[hi_col], f"{p_high}th percentile: £{unit[hi_col]:,.2f}"),
        ],
    )
    desc = (
        f"Histogram of the unit cost of a typical edge of care intervention in {mc_runs:,} draws "
        f"(seed {mc_seed}), from £{drawn.min():,.2f} to £{drawn.max():,.2f}. Vertical lines "
        f"mark the {p_low}th percentile (£{unit[lo_col]:,.2f}), the median "
        f"(£{unit['median']:,.2f}) and the {p_high}th percentile (£{unit[hi_col]:,.2f})."
    )
    result.add_chart("rollout_histogram", title, fig, desc, bins.round(4))
    key = pd.DataFrame(
        [
            ("Price factor", f"{input_price_year} to {price_year}", f"{factor:.4f}"),
            *[
                (w, price_year, f"{v:,.2f}")
                for w, v in zip(prices["what"], prices["price_year"], strict=True)
            ],
            (
                "Monte Carlo unit cost",
                f"p{p_low} / median / p{p_high}, {mc_runs} draws, seed {mc_seed}",
                " / ".join(f"{unit[c]:,.2f}" for c in (lo_col, "median", hi_col)),
            ),
        ],
        columns=["measure", "basis", "value"],
    )
    result.add_text("rollout_key", key.to_string(index=False))
