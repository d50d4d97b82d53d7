"""The PA roll-out appraised as the Green Book and the GMCA model expect (the book's own
analysis, beyond the report).

* :func:`pa_bcr` is the Appendix 4 model (``model.cost_model``) as a benefit-cost function:
  the benefit and cost of one PA a year, with optional adjustments.
* :func:`pa_rollout_values` appraises the roll-out over several years (present values, NPV,
  BCR). It is the closed form of ``appraisal.appraise`` (constant real flows, so the present
  value is the annual amount times the sum of the discount factors) and is tested against it
  (:func:`pa_rollout_appraisal`); being quick, it is the one model behind the switching
  values, the tornado and the Monte Carlo.
* :func:`pa_appraisal_params` builds its inputs from the chapter's parameters, and
  :func:`pa_appraisal_from_parameters` from the book's flat parameter namespace, for the
  value-for-money chapter, which shows the PA appraisal without declaring its parameters.
* :data:`PA_RANGES`, :data:`PA_ADJUSTMENT_RANGES` and :data:`PA_SWITCHES` document what the
  tornado, the Monte Carlo and the switching values vary, and why.
* :func:`rollout` appraises the roll-out for the chapter (a :class:`Rollout`: the price base,
  the years, the grades, the switching values, the tornado and the Monte Carlo), and
  :func:`rollout_figures` gives the figures the chapter states about it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import pandas as pd

from evidencebook.analysis import appraisal as ap
from evidencebook.analysis import arrays, uncertainty
from evidencebook.analysis import strand_appraisal as sa
from evidencebook.analysis.strand_appraisal import (
    JUDGEMENT,
    OVERHEAD_RANGE,
    InputRange,
    SwitchSpec,
)
from evidencebook.analysis.uncertainty import MonteCarloResult
from evidencebook.chapters.pa import wording
from evidencebook.chapters.pa.model import PAAssumptions, PACosts, cost_model
from evidencebook.chapters.pa.parameters import Parameters

# --- the PA model as a benefit-cost function --------------------------------------------

#: Inputs :func:`pa_bcr` needs. Shares are fractions (0.36 for 36%).
PA_INPUTS = (
    "admin_share_before",  # share of social worker time on admin without a PA
    "admin_share_after",  # share still on admin with a PA
    "sw_salary",  # social worker salary, GBP a year
    "sw_per_pa",  # social workers one PA supports
    "rollout_net_cost",  # net annual roll-out cost before overheads, GBP
    "rollout_posts",  # PA posts in the roll-out
    "overhead_rate",  # overheads as a share of cost
)

#: Optional inputs of :func:`pa_bcr` and their neutral values (no adjustment).
PA_OPTIONAL = MappingProxyType(
    {"optimism_bias": 0.0, "benefit_reduction": 0.0, "deadweight": 0.0, "attribution": 1.0}
)


def pa_params(
    a: PAAssumptions, admin_share_before: float, admin_share_after: float
) -> dict[str, float]:
    """The inputs of :func:`pa_bcr` from the PA chapter's assumptions and time shares."""
    return {
        "admin_share_before": admin_share_before,
        "admin_share_after": admin_share_after,
        "sw_salary": a.sw_salary,
        "sw_per_pa": a.sw_per_pa,
        "rollout_net_cost": a.rollout_net_cost,
        "rollout_posts": a.rollout_posts,
        "overhead_rate": a.overhead_rate,
    }


def pa_bcr(params: Mapping[str, float]) -> ap.BenefitCost:
    """Benefit and cost of one PA a year, from the Appendix 4 model (``model.cost_model``).

    Benefit = notional saving per PA (social worker time released from admin); cost = net
    on-cost of one PA with overheads. Optional inputs ``optimism_bias``, ``benefit_reduction``
    (e.g. a confidence-grade cut), ``deadweight`` and ``attribution`` adjust them. With the
    same flows every year and no set-up cost, the ratio is the same over any horizon, so
    switching values found here hold for a multi-year appraisal too.
    """
    missing = [k for k in PA_INPUTS if k not in params]
    if missing:
        raise KeyError(f"pa_bcr needs {', '.join(missing)}")
    unknown = set(params) - set(PA_INPUTS) - set(PA_OPTIONAL)
    if unknown:
        raise KeyError(f"pa_bcr does not use {', '.join(sorted(unknown))}")
    p = {**PA_OPTIONAL, **params}
    a = PAAssumptions(
        pa_salary=0.0,  # not used by the on-cost or the saving
        overhead_rate=p["overhead_rate"],
        sw_salary=p["sw_salary"],
        sw_per_pa=p["sw_per_pa"],
        rollout_posts=p["rollout_posts"],
        rollout_net_cost=p["rollout_net_cost"],
        extra_caseload_value=0.0,  # not counted: the report treats it separately
    )
    costs = cost_model(a, p["admin_share_before"], p["admin_share_after"], {})
    down = ap.benefit_factor(p["benefit_reduction"], p["deadweight"], p["attribution"])
    return ap.BenefitCost(
        costs.saving_per_pa * down, costs.on_cost * ap.cost_factor(p["optimism_bias"])
    )


# --- the PA roll-out: a multi-year appraisal --------------------------------------------

#: Inputs :func:`pa_rollout_values` needs beyond those of :func:`pa_bcr`.
PA_APPRAISAL_INPUTS = (
    "price_factor",  # deflator at the price year / deflator at the input prices' year
    "years",  # years of delivery appraised (whole number, 1 to 30)
    "discount_rate",  # real discount rate a year
    "optimism_bias",  # uplift on all costs
    "benefit_reduction",  # confidence-grade cut to benefits (a share)
    "deadweight",  # share of the benefit that would have happened anyway
    "attribution",  # share of the rest due to PAs
    "cashable_share",  # share of the benefit that releases cash
    "setup_cost",  # one-off cost in year 0, GBP at price-year prices
    "pa_salary",  # PA salary, GBP a year before overheads (for the gross roll-out cost)
    "admin_cuts_made",  # share of the cuts in other admin support the net cost assumes
)


def pa_admin_cuts(pa_salary: float, rollout_posts: float, rollout_net_cost: float) -> float:
    """The cuts in other administrative support a year, before overheads, that the roll-out's
    net cost assumes: the posts at the PA salary less the net cost (Appendix 4 gives the net
    cost "including a small reduction in general administrative support")."""
    f = arrays.as_float
    return arrays.larger(f(pa_salary) * f(rollout_posts) - f(rollout_net_cost), 0.0)


def pa_net_cost(params: Mapping[str, float]) -> float:
    """The roll-out's net annual cost before overheads when only ``admin_cuts_made`` of the
    assumed cuts in other administrative support are made (1: all, the report's figure)."""
    made = arrays.as_float(params["admin_cuts_made"])
    if not arrays.within(made, 0, 1):
        raise ValueError(f"admin_cuts_made must be from 0 to 1, got {made}")
    cuts = pa_admin_cuts(params["pa_salary"], params["rollout_posts"], params["rollout_net_cost"])
    return arrays.as_float(params["rollout_net_cost"]) + (1 - made) * cuts


def pa_appraisal_params(
    a: PAAssumptions,
    admin_share_before: float,
    admin_share_after: float,
    *,
    price_factor: float,
    years: int,
    discount_rate: float,
    optimism_bias: float,
    benefit_reduction: float,
    deadweight: float,
    attribution: float,
    cashable_share: float,
    setup_cost: float,
    admin_cuts_made: float = 1.0,
) -> dict[str, float]:
    """The inputs of :func:`pa_rollout_values`, from the PA chapter's parameters."""
    return {
        **pa_params(a, admin_share_before, admin_share_after),
        "price_factor": price_factor,
        "years": years,
        "discount_rate": discount_rate,
        "optimism_bias": optimism_bias,
        "benefit_reduction": benefit_reduction,
        "deadweight": deadweight,
        "attribution": attribution,
        "cashable_share": cashable_share,
        "setup_cost": setup_cost,
        "pa_salary": a.pa_salary,
        "admin_cuts_made": admin_cuts_made,
    }


def pa_appraisal_from_parameters(
    params: Mapping[str, Any],
    a: PAAssumptions,
    pa_figures: Mapping[str, Any],
    deflators: Mapping[str, float] | pd.DataFrame,
) -> dict[str, float]:
    """The inputs of :func:`pa_rollout_values` from the book's parameters, named as the PA
    chapter declares them (``input_price_year``, ``price_year``, ``appraisal_years``,
    ``discount_rate``, ``optimism_bias``, ``benefit_confidence_grade``, ``deadweight``,
    ``attribution``, ``pa_cashable_share``, ``pa_setup_cost``), the PA assumptions and the
    PA figures (the shares of time on administration, as percentages)."""
    return pa_appraisal_params(
        a,
        float(pa_figures["pa.admin_share_before"]) / 100,
        float(pa_figures["pa.admin_share_after"]) / 100,
        price_factor=ap.uprate(1.0, params["input_price_year"], params["price_year"], deflators),
        years=int(params["appraisal_years"]),
        discount_rate=float(params["discount_rate"]),
        optimism_bias=float(params["optimism_bias"]),
        benefit_reduction=ap.confidence_reduction(int(params["benefit_confidence_grade"])),
        deadweight=float(params["deadweight"]),
        attribution=float(params["attribution"]),
        cashable_share=float(params["pa_cashable_share"]),
        setup_cost=float(params["pa_setup_cost"]),
        admin_cuts_made=float(params.get("pa_admin_cuts_made", 1.0)),
    )


@dataclass(frozen=True)
class RolloutValues(ap.PresentValues):
    """The PA roll-out appraised: money at price-year prices, present values over the years."""

    unit_cost: float  # net on-cost of one PA a year (with overheads), before optimism bias
    annual_cost: float  # roll-out cost a year (with overheads), before optimism bias
    annual_benefit: float  # notional value of time released a year, before adjustments
    pv_cost: float  # with optimism bias, set-up cost included
    pv_benefit_cashable: float  # after confidence grade, deadweight and attribution
    pv_benefit_notional: float


def pa_rollout_values(params: Mapping[str, float]) -> RolloutValues:
    """The PA roll-out over ``years`` years, in closed form.

    Each year the roll-out costs ``rollout_net_cost`` plus overheads (the on-cost of one PA
    times the posts) and releases social worker time worth the notional saving per PA times
    the posts (:func:`pa_bcr`, i.e. the Appendix 4 model), both uprated by
    ``price_factor``. Present values: the annual amount times the sum of the discount
    factors for years 0 to ``years`` - 1, costs (and the year-0 ``setup_cost``) raised by
    optimism bias, benefits cut by the confidence grade, deadweight and attribution, and
    split into cashable and notional by ``cashable_share``. Same answers as
    ``appraisal.appraise`` (see :func:`pa_rollout_appraisal`), much faster.
    """
    needed = (*PA_INPUTS, *PA_APPRAISAL_INPUTS)
    missing = [k for k in needed if k not in params]
    if missing:
        raise KeyError(f"the PA roll-out appraisal needs {', '.join(missing)}")
    unknown = set(params) - set(needed)
    if unknown:
        raise KeyError(f"the PA roll-out appraisal does not use {', '.join(sorted(unknown))}")
    years, rate = params["years"], float(params["discount_rate"])
    if float(years) != int(years) or not 1 <= int(years) <= ap.MAX_YEARS:
        raise ValueError(f"years must be a whole number from 1 to {ap.MAX_YEARS}, got {years}")
    if not 0 <= rate < 1:
        raise ValueError(f"discount_rate must be from 0 to 1, got {rate}")
    if not arrays.within(params["cashable_share"], 0, 1):
        raise ValueError(f"cashable_share must be from 0 to 1, got {params['cashable_share']}")
    if arrays.any_of(params["setup_cost"] < 0):
        raise ValueError(f"setup_cost must be 0 or more, got {params['setup_cost']}")
    if not params["price_factor"] > 0:
        raise ValueError(f"price_factor must be more than 0, got {params['price_factor']}")
    inputs = {k: params[k] for k in PA_INPUTS} | {"rollout_net_cost": pa_net_cost(params)}
    per_pa = pa_bcr(inputs)  # no adjustments
    factor = arrays.as_float(params["price_factor"])
    posts = arrays.as_float(params["rollout_posts"])
    annuity = math.fsum(ap.discount_factors(int(years), rate))
    up = ap.cost_factor(params["optimism_bias"])
    down = ap.benefit_factor(
        params["benefit_reduction"], params["deadweight"], params["attribution"]
    )
    annual_cost = per_pa.cost * posts * factor
    annual_benefit = per_pa.benefit * posts * factor
    pv_benefit = annual_benefit * annuity * down
    cash = arrays.as_float(params["cashable_share"])
    return RolloutValues(
        unit_cost=per_pa.cost * factor,
        annual_cost=annual_cost,
        annual_benefit=annual_benefit,
        pv_cost=(annual_cost * annuity + float(params["setup_cost"])) * up,
        pv_benefit_cashable=pv_benefit * cash,
        pv_benefit_notional=pv_benefit * (1 - cash),
    )


@uncertainty.array_safe
def pa_rollout(params: Mapping[str, float]) -> ap.BenefitCost:
    """The roll-out as a benefit-cost model (present values) for switching values and
    the tornado (array-safe: a switching value's grid is worked out in one call)."""
    v = pa_rollout_values(params)
    return ap.BenefitCost(v.pv_benefit, v.pv_cost)


@uncertainty.array_safe
def pa_rollout_outputs(params: Mapping[str, float]) -> dict[str, float]:
    """The roll-out's unit cost, benefit-cost ratio and NPV, for the Monte Carlo."""
    v = pa_rollout_values(params)
    return {"unit_cost": v.unit_cost, "bcr": v.bcr, "npv": v.npv}


def pa_rollout_appraisal(params: Mapping[str, float]) -> ap.Appraisal:
    """The same appraisal through ``appraisal.appraise``, with its year-by-year streams.

    The confidence-grade cut is passed as a one-grade table, so any cut can be used.
    """
    v = pa_rollout_values(params)
    cash = float(params["cashable_share"])
    return ap.appraise(
        v.annual_cost,
        v.annual_benefit * cash,
        v.annual_benefit * (1 - cash),
        int(params["years"]),
        discount_rate=float(params["discount_rate"]),
        start_year_cost=float(params["setup_cost"]),
        optimism_bias=float(params["optimism_bias"]),
        benefit_confidence=1,
        deadweight=float(params["deadweight"]),
        attribution=float(params["attribution"]),
        grade_reductions={1: float(params["benefit_reduction"])},
    )


#: The PA model inputs varied in the tornado and the Monte Carlo, with their ranges.
PA_RANGES = (
    InputRange(
        "admin_share_before",
        "Share of the week on administration without a PA",
        "share",
        "points",
        -0.05,
        0.05,
        f"{JUDGEMENT}: self-reports of one typical week by a small group of social workers "
        "(PA findings); 5 percentage points either way allows for recall and an untypical week",
        minimum=0.0,
        maximum=1.0,
    ),
    InputRange(
        "admin_share_after",
        "Share of the week on administration with a PA",
        "share",
        "points",
        -0.05,
        0.05,
        f"{JUDGEMENT}: as for the share before",
        minimum=0.0,
        maximum=1.0,
    ),
    InputRange(
        "sw_salary",
        "Social worker salary",
        "gbp",
        "relative",
        -0.10,
        0.10,
        f"{JUDGEMENT}: Appendix 4 uses one average salary and gives no range",
        minimum=0.0,
    ),
    InputRange(
        "sw_per_pa",
        "Social workers supported by one PA",
        "number",
        "points",
        -1.0,
        1.0,
        f"{JUDGEMENT}: the pilot assumed one PA for every 3 social workers and trialled it "
        "'mostly' on that basis (PA findings), so some PAs supported more or fewer",
        minimum=1.0,
    ),
    InputRange(
        "rollout_net_cost",
        "Net annual cost of the roll-out, if the cuts are made",
        "gbp",
        "relative",
        -0.10,
        0.10,
        f"{JUDGEMENT}: Hampshire's estimate is 'in the region of' its figure (Appendix 4); "
        "the cuts in other administrative support it assumes are varied on their own",
        minimum=0.0,
    ),
    InputRange(
        "admin_cuts_made",
        "Share of the assumed cuts in other administrative support that are made",
        "share",
        "values",
        0.5,
        1.0,
        f"{JUDGEMENT}, an assumption: Appendix 4 says the cuts were made 'in some teams, at "
        "least during the pilot' and are planned for the roll-out, so the net cost assumes "
        "all of them; the range allows half of them not to be made. The base (all) is drawn "
        "as the most likely value, with the risk one-sided",
        minimum=0.0,
        maximum=1.0,
        base_is_mean=False,
    ),
    OVERHEAD_RANGE,
)

#: The appraisal adjustments varied in the tornado (not in the Monte Carlo: they correct
#: for bias and for what the evidence cannot show, they are not random).
PA_ADJUSTMENT_RANGES = (
    InputRange(
        "optimism_bias",
        "Optimism bias on costs",
        "share",
        "values",
        ap.OPTIMISM_BIAS_LOWER["outsourcing"],
        ap.OPTIMISM_BIAS_UPPER["outsourcing"],
        "Green Book supplementary guidance on optimism bias: lower to upper bound for "
        "'outsourcing' (operating expenditure)",
        minimum=0.0,
    ),
    InputRange(
        "benefit_reduction",
        "Confidence-grade cut to benefits",
        "share",
        "values",
        min(ap.CONFIDENCE_GRADE_REDUCTIONS.values()),
        max(ap.CONFIDENCE_GRADE_REDUCTIONS.values()),
        "GMCA cost-benefit model convention: from the best grade (no cut) to the worst",
        minimum=0.0,
        maximum=1.0,
    ),
    InputRange(
        "deadweight",
        "Deadweight",
        "share",
        "values",
        0.0,
        0.3,
        f"{JUDGEMENT}, illustrative: with no comparison group the report cannot say how much "
        "of the fall in administration would have happened anyway",
        minimum=0.0,
        maximum=1.0,
    ),
    InputRange(
        "attribution",
        "Attribution to PAs",
        "share",
        "values",
        0.7,
        1.0,
        f"{JUDGEMENT}, illustrative: other changes during the pilot may share the credit",
        minimum=0.0,
        maximum=1.0,
    ),
)


#: Key assumptions of the PA roll-out and where to look for their switching values.
PA_SWITCHES = (
    SwitchSpec(
        "admin_share_after",
        "social workers with a PA still spend {value} of their week on administration",
        "share",
        (0.0, 1.0),
    ),
    SwitchSpec(
        "admin_share_before",
        "social workers without a PA spend {value} of their week on administration",
        "share",
        (0.0, 1.0),
    ),
    SwitchSpec(
        "sw_salary", "the social worker salary that values the time is {value}", "gbp", (0, 1e7)
    ),
    SwitchSpec("sw_per_pa", "one PA supports {value} social workers", "number", (0.01, 100)),
    SwitchSpec(
        "rollout_net_cost",
        "the roll-out costs {value} a year net, before overheads,",
        "gbp",
        (0, 1e10),
    ),
    SwitchSpec(
        "admin_cuts_made",
        "only {value} of the assumed cuts in other administrative support are made",
        "share",
        (0.0, 1.0),
    ),
    SwitchSpec("overhead_rate", "overheads add {value} to costs", "share", (0.0, 50.0)),
    SwitchSpec("optimism_bias", "optimism bias adds {value} to costs", "share", (0.0, 50.0)),
    SwitchSpec(
        "benefit_reduction",
        "the confidence grade cuts benefits by {value}",
        "share",
        (0.0, 1.0),
    ),
    SwitchSpec(
        "deadweight",
        "{value} of the time saving would have happened anyway (deadweight)",
        "share",
        (0.0, 1.0),
    ),
    SwitchSpec(
        "attribution",
        "only {value} of the time saving is due to PAs (attribution)",
        "share",
        (0.0, 1.0),
    ),
)


# --- the chapter's appraisal of a roll-out today ------------------------------------------


@dataclass(frozen=True, eq=False)
class Rollout:
    """Everything the chapter's appraisal section shows: the inputs at the price year, the
    multi-year appraisal, its price-base table, the ratio under each confidence grade, the
    switching values, the tornado and the Monte Carlo."""

    price_factor: float  # deflator at the price year / deflator at the input prices' year
    deflator_index: Mapping[str, float]  # {financial year: GDP deflator}
    cut: float  # the confidence grade's cut to benefits
    base: dict[str, float]  # inputs of pa_rollout_values
    result: ap.Appraisal  # year by year
    central: RolloutValues  # the same in closed form
    prices: pd.DataFrame  # money at the report's prices, at the price year, adjusted
    grades: pd.DataFrame  # grade, cut, bcr
    switches: pd.DataFrame  # switching values (strand_appraisal.switching_table)
    ranges: tuple[InputRange, ...]  # ranges varied in the tornado
    spread: pd.DataFrame  # the tornado (strand_appraisal.tornado_table)
    mc: MonteCarloResult

    @property
    def labels(self) -> dict[str, str]:
        """Each varied input's label, by its name."""
        return {r.name: r.label for r in self.ranges}

    @property
    def mc_summary(self) -> pd.DataFrame:
        """The Monte Carlo summary by output (mean, median and the interval's ends)."""
        return self.mc.summary.set_index("output")


def rollout(
    p: Parameters, costs: PACosts, figs: Mapping[str, float], deflators: pd.DataFrame
) -> Rollout:
    """The roll-out appraised at ``p.price_year`` prices from the chapter's parameters, the
    Appendix 4 model's costs and the chapter's figures (the shares of time on
    administration, as percentages)."""
    price_factor = ap.uprate(1.0, p.input_price_year, p.price_year, deflators)
    cut = ap.confidence_reduction(p.benefit_confidence_grade)
    base = pa_appraisal_params(
        p.assumptions(),
        figs["pa.admin_share_before"] / 100,
        figs["pa.admin_share_after"] / 100,
        price_factor=price_factor,
        years=p.appraisal_years,
        discount_rate=p.discount_rate,
        optimism_bias=p.optimism_bias,
        benefit_reduction=cut,
        deadweight=p.deadweight,
        attribution=p.attribution,
        cashable_share=p.pa_cashable_share,
        setup_cost=p.pa_setup_cost,
        admin_cuts_made=p.pa_admin_cuts_made,
    )
    prices = sa.price_base(
        [
            ("Unit cost of a PA (salary plus overheads)", "cost", costs.unit_cost_with_overheads),
            ("Net on-cost of one PA", "cost", costs.on_cost),
            ("Net on-cost per social worker", "cost", costs.on_cost_per_sw),
            (
                f"Roll-out cost a year, {p.rollout_posts} posts with overheads",
                "cost",
                costs.rollout_cost_with_overheads,
            ),
            ("Notional saving per PA (social worker time)", "benefit", costs.saving_per_pa),
            (
                f"Notional saving a year, {p.rollout_posts} posts",
                "benefit",
                costs.saving_per_pa * p.rollout_posts,
            ),
        ],
        p.input_price_year,
        p.price_year,
        deflators,
        cost_multiplier=ap.cost_factor(p.optimism_bias),
        benefit_multiplier=ap.benefit_factor(cut, p.deadweight, p.attribution),
    )
    ranges = PA_RANGES + PA_ADJUSTMENT_RANGES
    grade_cuts = ap.neighbouring_cuts(p.benefit_confidence_grade)
    mc = uncertainty.monte_carlo(
        pa_rollout_outputs,
        sa.distributions(PA_RANGES, base) | {"benefit_reduction": uncertainty.Discrete(grade_cuts)},
        p.mc_runs,
        p.mc_seed,
        base,
    )
    return Rollout(
        price_factor=price_factor,
        deflator_index=ap.deflator_index(deflators),
        cut=cut,
        base=base,
        result=pa_rollout_appraisal(base),
        central=pa_rollout_values(base),
        prices=prices,
        grades=sa.bcr_by_grade(pa_rollout, base),
        switches=sa.switching_table(pa_rollout, base, PA_SWITCHES),
        ranges=ranges,
        spread=sa.tornado_table(pa_rollout, base, ranges),
        mc=mc,
    )


def rollout_figures(
    r: Rollout, p: Parameters, costs: PACosts, deflators: pd.DataFrame
) -> dict[str, Any]:
    """Every ``pa.*`` figure of the appraisal section (the book's, not the report's)."""
    result, central, grades, spread = r.result, r.central, r.grades, r.spread
    mc_sum = r.mc_summary
    p_low, p_high = uncertainty.INTERVAL
    lo_col, hi_col = f"p{p_low}", f"p{p_high}"
    grade = p.benefit_confidence_grade
    best, worst = min(ap.CONFIDENCE_GRADE_REDUCTIONS), max(ap.CONFIDENCE_GRADE_REDUCTIONS)
    by_grade = grades.set_index("grade")["bcr"]
    top = spread.iloc[0]
    out: dict[str, Any] = {
        "pa.input_price_year": p.input_price_year,
        "pa.price_year": p.price_year,
        "pa.deflator_from": r.deflator_index[p.input_price_year],
        "pa.deflator_to": r.deflator_index[p.price_year],
        "pa.price_factor": r.price_factor,
        "pa.price_rise_pct": (r.price_factor - 1) * 100,
        "pa.deflator_source": sa.deflator_source(deflators, p.input_price_year, p.price_year),
        "pa.on_cost_today": central.unit_cost,
        "pa.saving_per_pa_today": costs.saving_per_pa * r.price_factor,
        "pa.appraisal_years": p.appraisal_years,
        "pa.last_year": p.appraisal_years - 1,
        "pa.discount_rate_pct": p.discount_rate * 100,
        "pa.optimism_bias_pct": p.optimism_bias * 100,
        "pa.ob_lower_pct": ap.OPTIMISM_BIAS_LOWER["outsourcing"] * 100,
        "pa.ob_upper_pct": ap.OPTIMISM_BIAS_UPPER["outsourcing"] * 100,
        "pa.confidence_grade": grade,
        "pa.grade_evidence": wording.grade_evidence(grade),
        "pa.grade_low": max(grade - 1, best),
        "pa.grade_high": min(grade + 1, worst),
        "pa.bcr_grade_1": float(grades.loc[grades["grade"] == best, "bcr"].iloc[0]),
        "pa.bcr_next_grade": float(by_grade.get(grade + 1, float("nan"))),
        "pa.admin_cuts": pa_admin_cuts(p.pa_salary, p.rollout_posts, p.rollout_net_cost)
        * (1 + p.overhead_rate),
        "pa.admin_cuts_made_pct": p.pa_admin_cuts_made * 100,
        "pa.bcr_time_with_overheads": result.bcr * (1 + p.overhead_rate),
        "pa.overhead_pct": p.overhead_rate * 100,
        "pa.confidence_cut_pct": r.cut * 100,
        "pa.grade_best": best,
        "pa.grade_best_cut_pct": ap.confidence_reduction(best) * 100,
        "pa.grade_worst": worst,
        "pa.grade_worst_cut_pct": ap.confidence_reduction(worst) * 100,
        "pa.deadweight_pct": p.deadweight * 100,
        "pa.attribution_pct": p.attribution * 100,
        "pa.cashable_share_pct": p.pa_cashable_share * 100,
        "pa.setup_cost": p.pa_setup_cost,
        "pa.annual_cost_today": central.annual_cost,
        "pa.annual_benefit_today": central.annual_benefit,
        "pa.pv_cost": result.pv_cost,
        "pa.pv_benefit_cashable": result.pv_benefit_cashable,
        "pa.pv_benefit_notional": result.pv_benefit_notional,
        "pa.npv_text": sa.format_value(result.npv, "gbp"),
        "pa.npv_cashable_text": sa.format_value(result.npv_cashable, "gbp"),
        "pa.bcr": result.bcr,
        "pa.bcr_cashable": result.bcr_cashable,
        "pa.payback": sa.payback_text(result.payback_year, p.appraisal_years, notional=True),
        "pa.payback_cashable": sa.payback_text(result.payback_year_cashable, p.appraisal_years),
        "pa.first_grade_below_1": wording.first_grade_below_1(grades),
        "pa.tornado_top": wording.lower_first(top["label"]),
        "pa.tornado_top_from": min(top["output_low"], top["output_high"]),
        "pa.tornado_top_to": max(top["output_low"], top["output_high"]),
        "pa.tornado_inputs": len(spread),
        "pa.mc_runs": p.mc_runs,
        "pa.mc_seed": p.mc_seed,
        "pa.mc_level": p_high - p_low,
        "pa.mc_inputs": len(r.mc.inputs),
        "pa.mc_bcr_low": mc_sum.loc["bcr", lo_col],
        "pa.mc_bcr_median": mc_sum.loc["bcr", "median"],
        "pa.mc_bcr_high": mc_sum.loc["bcr", hi_col],
        "pa.mc_unit_cost_low": mc_sum.loc["unit_cost", lo_col],
        "pa.mc_unit_cost_median": mc_sum.loc["unit_cost", "median"],
        "pa.mc_unit_cost_high": mc_sum.loc["unit_cost", hi_col],
        "pa.mc_bcr_at_least_1_pct": r.mc.share_at_least("bcr", 1.0) * 100,
    }
    for name, text in zip(r.switches["input"], r.switches["value_text"], strict=True):
        out[f"pa.switch_{name}_value"] = text or "a value out of reach"
    return out
