"""Volunteers: the Table 24 unit-cost models as inputs of an appraisal at today's prices,
with documented ranges for the tornado and the Monte Carlo.

The report values no benefits, so only the unit costs are modelled: each model input is
named as the chapter parameter it comes from (``vol_coordinator_salary``, ...), plus
``price_factor`` (the deflator at the price year over the deflator at the input prices'
year). The edge of care chapter takes its mentor's inputs and ranges from here.

The generic parts (:class:`~evidencebook.analysis.strand_appraisal.InputRange`, the price
base, the tornado table) are in :mod:`evidencebook.analysis.strand_appraisal`, read as a
module (``st.InputRange``) when a function runs: that module still imports the strand
models (the edge of care appraisal there uses :func:`volunteer_params` and
:func:`volunteer_ranges`), so names bound at import time could meet it half-loaded.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from evidencebook.analysis import appraisal as ap
from evidencebook.analysis import strand_appraisal as st
from evidencebook.analysis import uncertainty
from evidencebook.chapters.volunteers.model import (
    CommissionedAssumptions,
    InHouseAssumptions,
    VolunteerAssumptions,
    commissioned_costs,
    in_house_costs,
    return_interview_cost,
)

#: Where the roll-out figures come from (the book's own analysis, not the report's).
SOURCE = (
    "Book's analysis (Green Book 2022): the report's costs at today's prices with the GDP "
    "deflator and optimism bias; one-at-a-time ranges and a Monte Carlo"
)

#: Inputs of :func:`volunteer_unit_costs`, named as the chapter parameters.
VOLUNTEER_INPUTS = (
    "vol_coordinator_salary",
    "overhead_rate",
    "vol_per_coordinator",
    "vol_coordinators_hants",
    "vol_admin_cost",
    "vol_expenses_monthly",
    "vol_interventions_per_volunteer",
    "price_factor",
)
#: The commissioned model's own inputs.
VOLUNTEER_IOW_INPUTS = ("vol_iow_service_cost", "vol_iow_volunteers")


def volunteer_params(
    in_house: InHouseAssumptions,
    commissioned: CommissionedAssumptions | None,
    price_factor: float,
) -> dict[str, float]:
    """Inputs of the volunteer unit-cost models, named as the chapter parameters."""
    out = {
        "vol_coordinator_salary": in_house.coordinator_salary,
        "overhead_rate": in_house.overhead_rate,
        "vol_per_coordinator": in_house.volunteers_per_coordinator,
        "vol_coordinators_hants": in_house.coordinators,
        "vol_admin_cost": in_house.admin_cost,
        "vol_expenses_monthly": in_house.expenses_monthly,
        "vol_interventions_per_volunteer": in_house.interventions_per_volunteer,
        "price_factor": price_factor,
    }
    if commissioned is not None:
        out["vol_iow_service_cost"] = commissioned.service_cost
        out["vol_iow_volunteers"] = commissioned.volunteers
    return out


def in_house_from(params: Mapping[str, float]) -> InHouseAssumptions:
    """The in-house volunteer model's assumptions from named inputs (the chapter parameters'
    names; the strand registry maps them the same way)."""
    return InHouseAssumptions(
        coordinator_salary=params["vol_coordinator_salary"],
        overhead_rate=params["overhead_rate"],
        volunteers_per_coordinator=params["vol_per_coordinator"],
        coordinators=params["vol_coordinators_hants"],
        admin_cost=params["vol_admin_cost"],
        expenses_monthly=params["vol_expenses_monthly"],
        interventions_per_volunteer=params["vol_interventions_per_volunteer"],
    )


def commissioned_from(params: Mapping[str, float]) -> CommissionedAssumptions:
    """The commissioned volunteer model's assumptions from named inputs."""
    return CommissionedAssumptions(
        service_cost=params["vol_iow_service_cost"],
        volunteers=params["vol_iow_volunteers"],
        expenses_monthly=params["vol_expenses_monthly"],
        interventions_per_volunteer=params["vol_interventions_per_volunteer"],
    )


def volunteer_unit_cost_hants(params: Mapping[str, float]) -> float:
    """The in-house model's unit cost per substantive intervention, at price-year prices."""
    return in_house_costs(in_house_from(params)).unit_cost * params["price_factor"]


def volunteer_unit_costs(params: Mapping[str, float]) -> dict[str, float]:
    """Unit cost per substantive intervention in both models, at price-year prices."""
    factor = params["price_factor"]
    return {
        "unit_cost_hants": volunteer_unit_cost_hants(params),
        "unit_cost_iow": commissioned_costs(commissioned_from(params)).unit_cost * factor,
    }


def coordinator_load_range(
    delivery: pd.DataFrame | None, authority: str | None = None
) -> st.InputRange:
    """The range of active volunteers per coordinator: from the fewest coordinators were
    actually supporting (``vol_delivery``, the row of ``authority``, or the first row that
    gives the number when no authority is named) up to the base value (what they thought
    manageable). Without that figure, a judgement of 30% below the base."""
    row = None
    if delivery is not None:
        rows = delivery[delivery["active_per_coordinator_low"].notna()]
        if authority is not None:
            rows = rows[rows["authority"] == authority]
        if len(rows):
            row = rows.iloc[0]
    if row is None:
        return st.InputRange(
            "vol_per_coordinator",
            "Active volunteers per coordinator",
            "number",
            "relative",
            -0.3,
            0.0,
            f"{st.JUDGEMENT}: coordinators were supporting fewer volunteers than assumed",
            minimum=1.0,
        )
    low, high = float(row["active_per_coordinator_low"]), row["active_per_coordinator_high"]
    seen = f"{low:g} to {float(high):g}" if pd.notna(high) else f"at least {low:g}"
    return st.InputRange(
        "vol_per_coordinator",
        "Active volunteers per coordinator",
        "number",
        "values",
        low,
        low,  # widened up to the base value by InputRange.bounds
        f"Volunteering findings: several months in, each coordinator was supporting {seen} "
        "active volunteers; the base is what they thought manageable over time",
        minimum=1.0,
    )


def volunteer_ranges(
    delivery: pd.DataFrame | None, with_commissioned: bool = True, authority: str | None = None
) -> tuple[st.InputRange, ...]:
    """Ranges of the volunteer models' inputs (the in-house model's, then the commissioned
    model's); ``authority`` is the in-house model's, whose coordinator load is read from
    ``delivery`` (see :func:`coordinator_load_range`)."""
    judgement = st.JUDGEMENT
    hants = (
        st.InputRange(
            "vol_interventions_per_volunteer",
            "Substantive interventions per volunteer a year",
            "number",
            "points",
            -1.0,
            3.0,
            f"{judgement}: the report calls its figure conservative (Table 24), so the range "
            "reaches further up than down",
            minimum=0.5,
        ),
        coordinator_load_range(delivery, authority),
        st.InputRange(
            "vol_coordinator_salary",
            "Volunteer coordinator salary",
            "gbp",
            "relative",
            -0.10,
            0.10,
            f"{judgement}: Table 24 gives one average salary and no range",
            minimum=0.0,
        ),
        st.InputRange(
            "vol_admin_cost",
            "Administration and marketing costs a year",
            "gbp",
            "relative",
            -0.20,
            0.20,
            f"{judgement}: pilot-period costs (Table 24); recruitment marketing may change "
            "once the service is established",
            minimum=0.0,
        ),
        st.InputRange(
            "vol_expenses_monthly",
            "Expenses per volunteer a month",
            "gbp",
            "relative",
            -0.25,
            0.25,
            f"{judgement}: an average over the pilot (Table 24); claims vary with the work",
            minimum=0.0,
        ),
        st.OVERHEAD_RANGE,
    )
    if not with_commissioned:
        return hants
    iow = (
        st.InputRange(
            "vol_iow_service_cost",
            "Commissioned service cost a year",
            "gbp",
            "relative",
            -0.10,
            0.10,
            f"{judgement}: the contract price for a part-time coordinator (Table 24)",
            minimum=0.0,
        ),
        st.InputRange(
            "vol_iow_volunteers",
            "Volunteers on the commissioned service's books",
            "number",
            "relative",
            -0.20,
            0.20,
            f"{judgement}: a count 10-12 months into the pilot (Table 24), which will move "
            "as volunteers join and leave",
            minimum=1.0,
        ),
    )
    return hants + iow


# --- appraising a roll-out today -----------------------------------------------------------


@dataclass(frozen=True)
class Rollout:
    """The unit costs at today's prices, what moves them and how uncertain they are."""

    prices: pd.DataFrame  # the price base: each cost at input prices, today's, with bias
    price_factor: float  # deflator at the price year / at the input prices' year
    base: dict[str, float]  # the models' inputs at today's prices
    spread: pd.DataFrame  # the tornado of the in-house unit cost
    ranges: tuple  # every input's range (in-house, then commissioned)
    mc: uncertainty.MonteCarloResult  # draws of both unit costs
    figures: dict[str, object]  # the ``vol.*`` figures the section states


def rollout(
    a: VolunteerAssumptions,
    deflators: pd.DataFrame,
    delivery: pd.DataFrame,
    input_price_year: str,
    price_year: str,
    optimism_bias: float,
    runs: int,
    seed: int,
) -> Rollout:
    """Both Table 24 models at ``price_year`` prices (GDP deflator), with optimism bias on
    costs; a tornado of the in-house unit cost over its inputs' ranges and a Monte Carlo of
    both unit costs (``runs`` draws from ``seed``)."""
    home, bought = a.in_house_authority, a.commissioned_authority
    h, w = in_house_costs(a.in_house), commissioned_costs(a.commissioned)
    low, high = a.ri_per_volunteer_low, a.ri_per_volunteer_high
    index = ap.deflator_index(deflators)
    price_factor = ap.uprate(1.0, input_price_year, price_year, deflators)
    prices = st.price_base(
        [
            (f"{home}: unit cost per substantive intervention", "cost", h.unit_cost),
            (f"{home}: cost per volunteer a year", "cost", h.cost_per_volunteer),
            (
                f"{home}: cost per return interview at {low:g} a year",
                "cost",
                return_interview_cost(h, low),
            ),
            (
                f"{home}: cost per return interview at {high:g} a year",
                "cost",
                return_interview_cost(h, high),
            ),
            (f"{bought}: unit cost per substantive intervention", "cost", w.unit_cost),
            (f"{bought}: cost per volunteer a year", "cost", w.cost_per_volunteer),
        ],
        input_price_year,
        price_year,
        deflators,
        cost_multiplier=ap.cost_factor(optimism_bias),
    )
    base = volunteer_params(a.in_house, a.commissioned, price_factor)
    home_ranges = volunteer_ranges(delivery, with_commissioned=False, authority=home)
    all_ranges = volunteer_ranges(delivery, authority=home)
    spread = st.tornado_table(volunteer_unit_cost_hants, base, home_ranges)
    mc = uncertainty.monte_carlo(
        volunteer_unit_costs, st.distributions(all_ranges, base), runs, seed, base
    )
    summary = mc.summary.set_index("output")
    p_low, p_high = uncertainty.INTERVAL
    lo_col, hi_col = f"p{p_low}", f"p{p_high}"
    top = spread.iloc[0]
    today = volunteer_unit_costs(base)
    figs = {
        "vol.input_price_year": input_price_year,
        "vol.price_year": price_year,
        "vol.deflator_from": index[input_price_year],
        "vol.deflator_to": index[price_year],
        "vol.price_factor": price_factor,
        "vol.price_rise_pct": (price_factor - 1) * 100,
        "vol.deflator_source": st.deflator_source(deflators, input_price_year, price_year),
        "vol.optimism_bias_pct": optimism_bias * 100,
        "vol.unit_cost_hants_today": volunteer_unit_cost_hants(base),
        "vol.unit_cost_iow_today": today["unit_cost_iow"],
        "vol.unit_cost_hants_planning": volunteer_unit_cost_hants(base)
        * ap.cost_factor(optimism_bias),
        "vol.tornado_top": top["label"][0].lower() + top["label"][1:],
        "vol.tornado_top_from": min(top["output_low"], top["output_high"]),
        "vol.tornado_top_to": max(top["output_low"], top["output_high"]),
        "vol.tornado_inputs": len(spread),
        "vol.mc_runs": runs,
        "vol.mc_seed": seed,
        "vol.mc_level": p_high - p_low,
        "vol.mc_inputs": len(mc.inputs),
        "vol.mc_hants_low": summary.loc["unit_cost_hants", lo_col],
        "vol.mc_hants_median": summary.loc["unit_cost_hants", "median"],
        "vol.mc_hants_high": summary.loc["unit_cost_hants", hi_col],
        "vol.mc_iow_low": summary.loc["unit_cost_iow", lo_col],
        "vol.mc_iow_median": summary.loc["unit_cost_iow", "median"],
        "vol.mc_iow_high": summary.loc["unit_cost_iow", hi_col],
    }
    return Rollout(prices, price_factor, base, spread, all_ranges, mc, figs)


def _money(value: float) -> str:
    return f"£{value:,.2f}"


def prices_table(r: Rollout, input_price_year: str, price_year: str) -> pd.DataFrame:
    """The price base to show: each cost at the report's prices, today's, and with bias."""
    return pd.DataFrame(
        {
            "What": r.prices["what"],
            f"At {input_price_year} prices (the report's)": r.prices["input_prices"].map(_money),
            f"At {price_year} prices": r.prices["price_year"].map(_money),
            f"At {price_year} prices, with optimism bias": r.prices["adjusted"].map(_money),
        }
    )


def ranges_table(r: Rollout) -> pd.DataFrame:
    """Every input's base value and range, how the range is set and why."""
    table = st.ranges_table(r.ranges, r.base)
    return pd.DataFrame(
        {
            "Assumption": table["assumption"],
            "Base": table["base"],
            "Range": table["low"] + " to " + table["high"],
            "How it is set, and why": table["range"] + ". " + table["why"],
        }
    )


def monte_carlo_table(r: Rollout, home: str, bought: str, price_year: str) -> pd.DataFrame:
    """Mean, median and interval of both unit costs in the draws."""
    names = {
        "unit_cost_hants": f"{home} (in-house): unit cost per substantive intervention",
        "unit_cost_iow": f"{bought} (commissioned): unit cost per substantive intervention",
    }
    summary = r.mc.summary.set_index("output")
    p_low, p_high = uncertainty.INTERVAL
    return pd.DataFrame(
        {
            f"Output (GBP, {price_year} prices, before optimism bias)": [
                names[o] for o in summary.index
            ],
            "Mean": [_money(v) for v in summary["mean"]],
            "Median": [_money(v) for v in summary["median"]],
            f"{p_low}th percentile": [_money(v) for v in summary[f"p{p_low}"]],
            f"{p_high}th percentile": [_money(v) for v in summary[f"p{p_high}"]],
        }
    )


def key_results(
    r: Rollout, input_price_year: str, price_year: str, runs: int, seed: int
) -> pd.DataFrame:
    """The section's key results: the price factor, each cost at today's prices and the
    Monte Carlo interval of each unit cost (measure, basis, value)."""
    summary = r.mc.summary.set_index("output")
    p_low, p_high = uncertainty.INTERVAL
    columns = (f"p{p_low}", "median", f"p{p_high}")
    rows = [("Price factor", f"{input_price_year} to {price_year}", f"{r.price_factor:.4f}")]
    rows += [
        (what, price_year, f"{value:,.2f}")
        for what, value in zip(r.prices["what"], r.prices["price_year"], strict=True)
    ]
    rows += [
        (
            f"Monte Carlo {o}",
            f"p{p_low} / median / p{p_high}, {runs} draws, seed {seed}",
            " / ".join(f"{summary.loc[o, c]:,.2f}" for c in columns),
        )
        for o in summary.index
    ]
    return pd.DataFrame(rows, columns=["measure", "basis", "value"])
