"""The Willow team: Table 25's total as the model of an appraisal at today's prices, with
documented ranges for the tornado and the Monte Carlo.

The report values no benefit, so only the cost is modelled. Each model input is named as the
chapter parameter it comes from (``cse_manager_salary``, ``sw_salary``, ...), plus
``price_factor`` (the deflator at the price year over the deflator at the input prices'
year).

The generic parts (:class:`~evidencebook.analysis.strand_appraisal.InputRange`) are read from
:mod:`evidencebook.analysis.strand_appraisal` as a module (``st.InputRange``) when a function
runs: that module still imports the strand registry, which imports this chapter, so names
bound at import time could meet it half-loaded. That is why the ranges are built by
:func:`willow_ranges` rather than held in a constant.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from evidencebook.analysis import appraisal as ap
from evidencebook.analysis import charts, uncertainty
from evidencebook.analysis import strand_appraisal as st
from evidencebook.analysis.chapter import ChapterResult
from evidencebook.chapters.willow import model as willow

#: Why each salary is varied (after the judgement label).
MID_SCALE = (
    "Table 25 costs the post at the middle of its grade's pay scale; a post may be paid "
    "anywhere on the scale"
)


def assumptions_from(params: Mapping[str, Any]) -> willow.WillowAssumptions:
    """Table 25's assumptions from named inputs: the chapter's parameter names."""
    return willow.WillowAssumptions(
        manager_salary=params["cse_manager_salary"],
        manager_posts=params["cse_manager_posts"],
        sw_salary=params["sw_salary"],
        sw_posts=params["cse_sw_posts"],
        admin_d_salary=params["pa_salary"],
        admin_d_posts=params["cse_admin_d_posts"],
        admin_c_salary=params["cse_admin_c_salary"],
        admin_c_posts=params["cse_admin_c_posts"],
        overhead_rate=params["overhead_rate"],
    )


def willow_params(a: willow.WillowAssumptions, price_factor: float) -> dict[str, float]:
    """Inputs of :func:`willow_total`, named as the chapter parameters."""
    return {
        "cse_manager_salary": a.manager_salary,
        "cse_manager_posts": a.manager_posts,
        "sw_salary": a.sw_salary,
        "cse_sw_posts": a.sw_posts,
        "pa_salary": a.admin_d_salary,
        "cse_admin_d_posts": a.admin_d_posts,
        "cse_admin_c_salary": a.admin_c_salary,
        "cse_admin_c_posts": a.admin_c_posts,
        "overhead_rate": a.overhead_rate,
        "price_factor": price_factor,
    }


def willow_total(params: Mapping[str, float]) -> float:
    """Table 25's total with overheads (council staff only), at price-year prices."""
    return willow.total_cost(assumptions_from(params)) * params["price_factor"]


def willow_ranges() -> tuple[Any, ...]:
    """Ranges (``InputRange``) of the Willow team's inputs. The posts are not varied: Table
    25 costs the posts in the team, and what it leaves out (partner agencies' staff, police
    time) is not a range but a gap, stated in the chapter."""
    why = f"{st.JUDGEMENT}: {MID_SCALE}"
    salaries = (
        ("sw_salary", "Social worker salary"),
        ("cse_manager_salary", "Team manager salary"),
        ("pa_salary", "Administrator salary, D grade"),
        ("cse_admin_c_salary", "Administrator salary, C grade"),
    )
    return (
        *(
            st.InputRange(name, label, "gbp", "relative", -0.10, 0.10, why, 0.0)
            for name, label in salaries
        ),
        st.OVERHEAD_RANGE,
    )


# --- the section "Appraising a roll-out today" ------------------------------------------


def rollout(
    a: willow.WillowAssumptions,
    deflators: pd.DataFrame,
    result: ChapterResult,
    *,
    input_price_year: str,
    price_year: str,
    optimism_bias: float,
    mc_runs: int,
    mc_seed: int,
) -> None:
    """Add the roll-out section to ``result``: Table 25 at ``price_year`` prices (table
    ``rollout_prices``), the total's tornado (chart ``rollout_tornado``, table
    ``rollout_ranges``), its Monte Carlo (chart ``rollout_histogram``, table ``rollout_mc``),
    the key results (text ``rollout_key``) and the figures the section states."""
    costs = willow.cost_model(a)
    factor = ap.uprate(1.0, input_price_year, price_year, deflators)
    prices = st.price_base(
        [
            *[
                (f"{r['resource']} ({r['posts']})", "cost", r["total"])
                for r in costs.lines.to_dict("records")
            ],
            ("Total staffing", "cost", costs.staffing),
            (f"Overheads ({a.overhead_rate:.0%})", "cost", costs.overheads),
            ("Total with overheads", "cost", costs.total),
        ],
        input_price_year,
        price_year,
        deflators,
        cost_multiplier=ap.cost_factor(optimism_bias),
    )
    base = willow_params(a, factor)
    ranges = willow_ranges()
    spread = st.tornado_table(willow_total, base, ranges)
    mc = uncertainty.monte_carlo(
        willow_total, st.distributions(ranges, base), mc_runs, mc_seed, base
    )
    p_low, p_high = uncertainty.INTERVAL
    lo_col, hi_col = f"p{p_low}", f"p{p_high}"
    total = mc.summary.set_index("output").loc["output"]
    top = spread.iloc[0]
    today = willow_total(base)
    index = ap.deflator_index(deflators)
    result.add_figures(
        {
            "cse.input_price_year": input_price_year,
            "cse.price_year": price_year,
            "cse.deflator_from": index[input_price_year],
            "cse.deflator_to": index[price_year],
            "cse.price_factor": factor,
            "cse.price_rise_pct": (factor - 1) * 100,
            "cse.deflator_source": st.deflator_source(deflators, input_price_year, price_year),
            "cse.optimism_bias_pct": optimism_bias * 100,
            "cse.total_today": today,
            "cse.total_planning": today * ap.cost_factor(optimism_bias),
            "cse.tornado_top": top["label"][0].lower() + top["label"][1:],
            "cse.tornado_top_from": min(top["output_low"], top["output_high"]),
            "cse.tornado_top_to": max(top["output_low"], top["output_high"]),
            "cse.tornado_inputs": len(spread),
            "cse.mc_runs": mc_runs,
            "cse.mc_seed": mc_seed,
            "cse.mc_level": p_high - p_low,
            "cse.mc_inputs": len(mc.inputs),
            "cse.mc_total_low": total[lo_col],
            "cse.mc_total_median": total["median"],
            "cse.mc_total_high": total[hi_col],
        },
        source="Book's analysis (Green Book 2022): Table 25 at today's prices with the GDP "
        "deflator and optimism bias; one-at-a-time ranges and a Monte Carlo",
    )
    money = "£{:,.0f}".format
    result.add_table(
        "rollout_prices",
        pd.DataFrame(
            {
                "What (GBP a year)": prices["what"],
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
                f"Output (GBP a year, {price_year} prices, before optimism bias)": [
                    "Total with overheads (council staff)"
                ],
                "Mean": [money(total["mean"])],
                "Median": [money(total["median"])],
                f"{p_low}th percentile": [money(total[lo_col])],
                f"{p_high}th percentile": [money(total[hi_col])],
            }
        ),
    )
    title = "Willow: what moves the team's total cost"
    fig = charts.tornado(
        spread, today, title, f"GBP a year, {price_year} prices", value_format=",.0f", prefix="£"
    )
    rows = spread[["label", "low_text", "output_low", "high_text", "output_high"]]
    desc = (
        "Tornado chart of the Willow team's total cost with overheads (council staff only) at "
        f"{price_year} prices (base £{today:,.0f}), widest swing first. "
        + "; ".join(
            f"{label}: {lt} gives £{ol:,.0f}, {ht} gives £{oh:,.0f}"
            for label, lt, ol, ht, oh in rows.itertuples(index=False)
        )
        + "."
    )
    data = spread[["parameter", "label", "low", "high", "output_low", "output_high", "swing"]]
    result.add_chart("rollout_tornado", title, fig, desc, data.round(4))
    drawn = mc.samples["output"]
    bins = charts.histogram_bins(drawn, 40)
    title = "Willow: total cost in Monte Carlo draws"
    fig = charts.histogram(
        bins,
        title,
        f"GBP a year, {price_year} prices",
        [
            (total[lo_col], f"{p_low}th percentile: £{total[lo_col]:,.0f}"),
            (total["median"], f"Median: £{total['median']:,.0f}"),
            (total[hi_col], f"{p_high}th percentile: £{total[hi_col]:,.0f}"),
        ],
    )
    desc = (
        f"Histogram of the Willow team's total cost (council staff only) in {mc_runs:,} draws "
        f"(seed {mc_seed}), from £{drawn.min():,.0f} to £{drawn.max():,.0f}. Vertical lines "
        f"mark the {p_low}th percentile (£{total[lo_col]:,.0f}), the median "
        f"(£{total['median']:,.0f}) and the {p_high}th percentile (£{total[hi_col]:,.0f})."
    )
    result.add_chart("rollout_histogram", title, fig, desc, bins.round(2))
    key = pd.DataFrame(
        [
            ("Price factor", f"{input_price_year} to {price_year}", f"{factor:.4f}"),
            *[
                (w, price_year, f"{v:,.2f}")
                for w, v in zip(prices["what"], prices["price_year"], strict=True)
            ],
            (
                "Monte Carlo total",
                f"p{p_low} / median / p{p_high}, {mc_runs} draws, seed {mc_seed}",
                " / ".join(f"{total[c]:,.2f}" for c in (lo_col, "median", hi_col)),
            ),
        ],
        columns=["measure", "basis", "value"],
    )
    result.add_text("rollout_key", key.to_string(index=False))
