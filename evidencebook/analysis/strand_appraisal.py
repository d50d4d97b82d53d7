"""Strand appraisals: the PA, volunteer and edge of care models at today's prices, with
documented ranges for sensitivity and Monte Carlo analysis.

This module joins the strand cost models (``models.pa``, ``models.volunteers``,
``models.edge``) to the generic appraisal code (``appraisal``) and the uncertainty code
(``uncertainty``):

* :func:`price_base` puts each money figure at the report's prices beside the same figure
  uprated to a chosen financial year with the GDP deflator, and after the appraisal
  adjustments (optimism bias on costs; confidence grade, deadweight and attribution on
  benefits).
* The PA strand has a benefit estimate, so :func:`pa_rollout_values` appraises the roll-out
  over several years (present values, NPV, BCR). It is the closed form of
  ``appraisal.appraise`` (constant real flows, so the present value is the annual amount
  times the sum of the discount factors) and is tested against it; being quick, it is the
  one model behind the switching values, the tornado and the Monte Carlo.
* The volunteer, edge of care, FIT, Willow and surgery strands have no benefit estimate, so
  only their main costs are modelled (:func:`volunteer_unit_costs`, :func:`edge_unit_cost`,
  :func:`fit_team_cost`, :func:`willow_total`, :func:`surgeries_scaled_cost`).
* :func:`pa_appraisal_from_parameters` builds the PA roll-out's inputs from the book's flat
  parameter namespace, for chapters (value for money) that show the PA appraisal without
  declaring its parameters themselves.
* :class:`InputRange` documents each input's range for the tornado and the Monte Carlo: how
  its low and high values follow from the base value (so they move with the parameters) and
  why. Unless a range says it comes from the report, it is a judgement, stated as one.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from evidencebook.analysis import appraisal as ap
from evidencebook.analysis.uncertainty import Beta, Triangular, with_mean
from evidencebook.chapters import registry as strands
from evidencebook.chapters.fit import model as fit
from evidencebook.chapters.pa.model import PAAssumptions
from evidencebook.chapters.surgeries import model as surgeries
from evidencebook.chapters.volunteers import model as volunteers

# --- input ranges -----------------------------------------------------------------------

#: Units of a model input: a share (a fraction, shown as %), money (GBP) or a number.
UNITS = ("share", "gbp", "number")

#: How an :class:`InputRange` turns its ``low`` and ``high`` into values.
RANGE_KINDS = {
    "points": "base plus low to base plus high",
    "relative": "base x (1 + low) to base x (1 + high)",
    "values": "low to high, as given",
}


@dataclass(frozen=True)
class InputRange:
    """The range one model input is varied over, and why.

    ``kind`` says how ``low`` and ``high`` apply (see :data:`RANGE_KINDS`). The range is
    always widened to include the base value, and kept within ``minimum`` and ``maximum``,
    so a triangular distribution (low, base, high) can be drawn whatever the parameters.
    """

    name: str  # the model input varied
    label: str  # what it is, in plain English
    unit: str  # "share" (a fraction shown as %), "gbp" or "number"
    kind: str  # "points", "relative" or "values"
    low: float
    high: float
    why: str  # the source of the range, or the judgement behind it
    minimum: float = -math.inf
    maximum: float = math.inf
    #: The base value is an average (the draws keep it as their mean); False for a plan or
    #: a best case whose risk runs one way (the base is drawn as the most likely value).
    base_is_mean: bool = True

    def __post_init__(self) -> None:
        if self.kind not in RANGE_KINDS:
            raise ValueError(f"kind must be one of {sorted(RANGE_KINDS)}, got {self.kind!r}")
        if self.unit not in UNITS:
            raise ValueError(f"unit must be one of {sorted(UNITS)}, got {self.unit!r}")
        if not self.low <= self.high:
            raise ValueError(f"{self.name}: low ({self.low}) is more than high ({self.high})")

    def bounds(self, base: float) -> tuple[float, float]:
        """The low and high values for a base value."""
        if self.kind == "points":
            low, high = base + self.low, base + self.high
        elif self.kind == "relative":
            low, high = base * (1 + self.low), base * (1 + self.high)
        else:
            low, high = self.low, self.high
        low, high = min(low, base), max(high, base)
        return max(low, self.minimum), min(high, self.maximum)

    def describe(self, base: float | None = None) -> str:
        """How the range is set, in words: "base -5 to +5 percentage points", "base -10% to
        +10%", or for given values the range itself (widened to the base, if one is given)."""
        if self.kind == "points":
            scale, suffix = (100, " percentage points") if self.unit == "share" else (1, "")
            return f"base {self.low * scale:+g} to {self.high * scale:+g}{suffix}"
        if self.kind == "relative":
            return f"base {self.low:+.0%} to {self.high:+.0%}"
        low, high = (self.low, self.high) if base is None else self.bounds(base)
        return f"{format_value(low, self.unit)} to {format_value(high, self.unit)}"


def format_value(value: float, unit: str) -> str:
    """A value for a table or a sentence: shares as %, money as £, counts plainly."""
    if unit == "share":
        pct = value * 100
        return f"{pct:.0f}%" if abs(pct - round(pct)) < 1e-9 else f"{pct:.1f}%"
    if unit == "gbp":
        sign = "-" if value < 0 else ""
        amount = abs(value)
        return f"{sign}£{amount:,.0f}" if amount >= 100 else f"{sign}£{amount:,.2f}"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def resolve(ranges: Sequence[InputRange], base: Mapping[str, float]) -> dict[str, tuple]:
    """{input: (low, high)} for each range, at the base values."""
    return {r.name: r.bounds(float(base[r.name])) for r in _known(ranges, base)}


def distributions(
    ranges: Sequence[InputRange], base: Mapping[str, float]
) -> dict[str, Triangular | Beta]:
    """{input: a distribution over its range whose mean is the base value}.

    The base values are the report's figures, often averages (an average cost of
    activities, an average salary), so the draws keep them as their mean: a triangle where
    one fits, a beta distribution where the range is too lopsided for one (see
    :func:`~evidencebook.analysis.uncertainty.with_mean`). A base value outside its range (a range
    cut at a limit) is moved to the nearer end first.
    """
    out = {}
    for r in _known(ranges, base):
        low, high = r.bounds(float(base[r.name]))
        value = min(max(float(base[r.name]), low), high)
        if r.base_is_mean:
            out[r.name] = with_mean(low, value, high)
        else:
            out[r.name] = Triangular(low, value, high)
    return out


def ranges_table(ranges: Sequence[InputRange], base: Mapping[str, float]) -> pd.DataFrame:
    """The ranges as a table: input, label, base, low, high (formatted), how set, and why."""
    rows = []
    for r in _known(ranges, base):
        low, high = r.bounds(float(base[r.name]))
        rows.append(
            {
                "input": r.name,
                "assumption": r.label,
                "base": format_value(float(base[r.name]), r.unit),
                "low": format_value(low, r.unit),
                "high": format_value(high, r.unit),
                "range": r.describe(float(base[r.name])),
                "why": r.why,
            }
        )
    return pd.DataFrame(rows)


def _known(ranges: Sequence[InputRange], base: Mapping[str, float]) -> Sequence[InputRange]:
    missing = [r.name for r in ranges if r.name not in base]
    if missing:
        raise KeyError(f"no base value for {', '.join(missing)}")
    return ranges


JUDGEMENT = "Judgement (not from the report)"

#: Overhead rate: the report applies 20% throughout (PA, volunteers, edge of care).
OVERHEAD_RANGE = InputRange(
    "overhead_rate",
    "Overhead rate",
    "share",
    "points",
    -0.05,
    0.05,
    f"{JUDGEMENT}: the report applies one rate throughout and gives no range",
    minimum=0.0,
)


# --- price base -------------------------------------------------------------------------


def price_base(
    items: Sequence[tuple[str, str, float]],
    from_year: str,
    to_year: str,
    deflators: Mapping[str, float] | pd.DataFrame,
    cost_multiplier: float = 1.0,
    benefit_multiplier: float = 1.0,
) -> pd.DataFrame:
    """Money figures at ``from_year`` prices, uprated to ``to_year``, and adjusted.

    ``items`` are (what, kind, amount) with kind "cost" or "benefit". Columns: what, kind,
    input_prices, price_year (uprated with the GDP deflator) and adjusted (the uprated cost
    times ``cost_multiplier``, e.g. 1 + optimism bias; the uprated benefit times
    ``benefit_multiplier``, e.g. after confidence grade, deadweight and attribution).
    """
    rows = []
    for what, kind, amount in items:
        if kind not in ("cost", "benefit"):
            raise ValueError(f"{what}: kind must be 'cost' or 'benefit', got {kind!r}")
        today = ap.uprate(float(amount), from_year, to_year, deflators)
        factor = cost_multiplier if kind == "cost" else benefit_multiplier
        rows.append((what, kind, float(amount), today, today * factor))
    columns = ["what", "kind", "input_prices", "price_year", "adjusted"]
    return pd.DataFrame(rows, columns=columns)


def deflator_source(deflators: pd.DataFrame, *years: str) -> str:
    """The ``source`` notes of the deflator rows for ``years``: each row's text is split at
    semicolons and the distinct parts joined in order, so a shared source is named once and
    each year's own note (e.g. "forecast, not outturn") is kept."""
    rows = deflators.set_index("financial_year")
    missing = [y for y in years if y not in rows.index]
    if missing:
        raise KeyError(f"no GDP deflator for {', '.join(missing)}")
    parts = (p.strip() for y in years for p in str(rows.loc[y, "source"]).split(";"))
    return "; ".join(dict.fromkeys(p for p in parts if p))


# --- the PA roll-out: a multi-year appraisal --------------------------------------------

#: Inputs :func:`pa_rollout_values` needs beyond those of ``appraisal.pa_bcr``.
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
    return max(float(pa_salary) * float(rollout_posts) - float(rollout_net_cost), 0.0)


def pa_net_cost(params: Mapping[str, float]) -> float:
    """The roll-out's net annual cost before overheads when only ``admin_cuts_made`` of the
    assumed cuts in other administrative support are made (1: all, the report's figure)."""
    made = float(params["admin_cuts_made"])
    if not 0 <= made <= 1:
        raise ValueError(f"admin_cuts_made must be from 0 to 1, got {made}")
    cuts = pa_admin_cuts(params["pa_salary"], params["rollout_posts"], params["rollout_net_cost"])
    return float(params["rollout_net_cost"]) + (1 - made) * cuts


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
        **ap.pa_params(a, admin_share_before, admin_share_after),
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
class RolloutValues:
    """The PA roll-out appraised: money at price-year prices, present values over the years."""

    unit_cost: float  # net on-cost of one PA a year (with overheads), before optimism bias
    annual_cost: float  # roll-out cost a year (with overheads), before optimism bias
    annual_benefit: float  # notional value of time released a year, before adjustments
    pv_cost: float  # with optimism bias, set-up cost included
    pv_benefit_cashable: float  # after confidence grade, deadweight and attribution
    pv_benefit_notional: float

    @property
    def pv_benefit(self) -> float:
        return self.pv_benefit_cashable + self.pv_benefit_notional

    @property
    def npv(self) -> float:
        return self.pv_benefit - self.pv_cost

    @property
    def bcr(self) -> float:
        return ap.BenefitCost(self.pv_benefit, self.pv_cost).bcr


def pa_rollout_values(params: Mapping[str, float]) -> RolloutValues:
    """The PA roll-out over ``years`` years, in closed form.

    Each year the roll-out costs ``rollout_net_cost`` plus overheads (the on-cost of one PA
    times the posts) and releases social worker time worth the notional saving per PA times
    the posts (``appraisal.pa_bcr``, i.e. the Appendix 4 model), both uprated by
    ``price_factor``. Present values: the annual amount times the sum of the discount
    factors for years 0 to ``years`` - 1, costs (and the year-0 ``setup_cost``) raised by
    optimism bias, benefits cut by the confidence grade, deadweight and attribution, and
    split into cashable and notional by ``cashable_share``. Same answers as
    ``appraisal.appraise`` (see :func:`pa_rollout_appraisal`), much faster.
    """
    needed = (*ap.PA_INPUTS, *PA_APPRAISAL_INPUTS)
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
    if not 0 <= params["cashable_share"] <= 1:
        raise ValueError(f"cashable_share must be from 0 to 1, got {params['cashable_share']}")
    if params["setup_cost"] < 0:
        raise ValueError(f"setup_cost must be 0 or more, got {params['setup_cost']}")
    if not params["price_factor"] > 0:
        raise ValueError(f"price_factor must be more than 0, got {params['price_factor']}")
    inputs = {k: params[k] for k in ap.PA_INPUTS} | {"rollout_net_cost": pa_net_cost(params)}
    per_pa = ap.pa_bcr(inputs)  # no adjustments
    factor, posts = float(params["price_factor"]), float(params["rollout_posts"])
    annuity = math.fsum(ap.discount_factors(int(years), rate))
    up = ap.cost_factor(params["optimism_bias"])
    down = ap.benefit_factor(
        params["benefit_reduction"], params["deadweight"], params["attribution"]
    )
    annual_cost = per_pa.cost * posts * factor
    annual_benefit = per_pa.benefit * posts * factor
    pv_benefit = annual_benefit * annuity * down
    cash = float(params["cashable_share"])
    return RolloutValues(
        unit_cost=per_pa.cost * factor,
        annual_cost=annual_cost,
        annual_benefit=annual_benefit,
        pv_cost=(annual_cost * annuity + float(params["setup_cost"])) * up,
        pv_benefit_cashable=pv_benefit * cash,
        pv_benefit_notional=pv_benefit * (1 - cash),
    )


def pa_rollout(params: Mapping[str, float]) -> ap.BenefitCost:
    """The roll-out as a benefit-cost model (present values) for switching values and
    the tornado."""
    v = pa_rollout_values(params)
    return ap.BenefitCost(v.pv_benefit, v.pv_cost)


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


def payback_text(year: int | None, years: int, notional: bool = False) -> str:
    """The payback year as a clause ("pays back in year 2 ..."); year 0 is the first year.
    With ``notional`` (the benefits counted include time valued in money, not cash), the
    clause says the valued benefits would match the costs: nothing is paid back in cash."""
    when = f"year {year} (the {_ordinal(year + 1)} year of delivery)" if year is not None else ""
    if notional:
        if year is None:
            return (
                f"would not see its valued benefits match its costs within the {years} years "
                "appraised"
            )
        return (
            f"would see its valued benefits, which are notional, match its costs by {when}; "
            "that is a break-even on paper, not cash paid back"
        )
    if year is None:
        return f"does not pay back within the {years} years appraised"
    return f"pays back in {when}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def bcr_by_grade(
    model: Callable[[Mapping[str, float]], ap.BenefitCost],
    base: Mapping[str, float],
    reductions: Mapping[int, float] | None = None,
) -> pd.DataFrame:
    """The benefit-cost ratio under each confidence grade's cut (grade, cut, bcr)."""
    table = ap.CONFIDENCE_GRADE_REDUCTIONS if reductions is None else reductions
    rows = [
        (grade, float(cut), model({**base, "benefit_reduction": float(cut)}).bcr)
        for grade, cut in sorted(table.items())
    ]
    return pd.DataFrame(rows, columns=["grade", "cut", "bcr"])


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


@dataclass(frozen=True)
class SwitchSpec:
    """A key assumption to find the switching value of, and how to say it."""

    name: str
    label: str  # a phrase with "{value}" where the value goes
    unit: str
    bounds: tuple[float, float]  # values searched

    def phrase(self, value: float) -> str:
        return self.label.format(value=format_value(value, self.unit))


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


def switching_table(
    model: Callable[[Mapping[str, float]], ap.BenefitCost],
    base: Mapping[str, float],
    specs: Sequence[SwitchSpec],
    target_bcr: float = 1.0,
) -> pd.DataFrame:
    """The switching value of each key assumption, with a sentence saying what it means.

    Columns: input, unit, base, value (None where no value within the bounds reaches the
    target), ratio_to_base (value / base, None if base is 0), change (in words), sentence.
    """
    base_bcr = model(base).bcr
    verb = "falls" if base_bcr >= target_bcr else "rises"
    rows = []
    for spec in specs:
        sv = ap.switching_value(model, base, spec.name, bounds=spec.bounds, target_bcr=target_bcr)
        b = float(base[spec.name])
        base_text = format_value(b, spec.unit)
        if sv.value is None:
            lo, hi = (format_value(x, spec.unit) for x in spec.bounds)
            sentence = (
                f"No value from {lo} to {hi} brings the benefit-cost ratio to {target_bcr:g} "
                f"(base {base_text})."
            )
            change, ratio = "not reached", None
        else:
            if spec.unit == "share":
                change = f"{(sv.value - b) * 100:+.1f} percentage points"
            else:
                change = f"{sv.change_pct:+.0f}%" if sv.change_pct is not None else "from 0"
            sentence = (
                f"The benefit-cost ratio {verb} to {target_bcr:g} if {spec.phrase(sv.value)} "
                f"instead of {base_text} ({change})."
            )
            ratio = sv.value / b if b else None
        rows.append(
            {
                "input": spec.name,
                "unit": spec.unit,
                "base": b,
                "value": sv.value,
                "base_text": base_text,
                "value_text": None if sv.value is None else format_value(sv.value, spec.unit),
                "ratio_to_base": ratio,
                "change": change,
                "sentence": sentence,
            }
        )
    return pd.DataFrame(rows)


# --- volunteers: unit costs -------------------------------------------------------------

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
    in_house: volunteers.InHouseAssumptions,
    commissioned: volunteers.CommissionedAssumptions | None,
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


def in_house_from(params: Mapping[str, float]) -> volunteers.InHouseAssumptions:
    """The in-house volunteer model's assumptions from named inputs (the registry's builder)."""
    return strands.in_house_assumptions(params)


def volunteer_unit_cost_hants(params: Mapping[str, float]) -> float:
    """The in-house model's unit cost per substantive intervention, at price-year prices."""
    return volunteers.in_house_costs(in_house_from(params)).unit_cost * params["price_factor"]


def volunteer_unit_costs(params: Mapping[str, float]) -> dict[str, float]:
    """Unit cost per substantive intervention in both models, at price-year prices."""
    commissioned = volunteers.CommissionedAssumptions(
        service_cost=params["vol_iow_service_cost"],
        volunteers=params["vol_iow_volunteers"],
        expenses_monthly=params["vol_expenses_monthly"],
        interventions_per_volunteer=params["vol_interventions_per_volunteer"],
    )
    factor = params["price_factor"]
    return {
        "unit_cost_hants": volunteer_unit_cost_hants(params),
        "unit_cost_iow": volunteers.commissioned_costs(commissioned).unit_cost * factor,
    }


def coordinator_load_range(
    delivery: pd.DataFrame | None, authority: str | None = None
) -> InputRange:
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
        return InputRange(
            "vol_per_coordinator",
            "Active volunteers per coordinator",
            "number",
            "relative",
            -0.3,
            0.0,
            f"{JUDGEMENT}: coordinators were supporting fewer volunteers than assumed",
            minimum=1.0,
        )
    low, high = float(row["active_per_coordinator_low"]), row["active_per_coordinator_high"]
    seen = f"{low:g} to {float(high):g}" if pd.notna(high) else f"at least {low:g}"
    return InputRange(
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
) -> tuple[InputRange, ...]:
    """Ranges of the volunteer models' inputs (the in-house model's, then the commissioned
    model's); ``authority`` is the in-house model's, whose coordinator load is read from
    ``delivery`` (see :func:`coordinator_load_range`)."""
    hants = (
        InputRange(
            "vol_interventions_per_volunteer",
            "Substantive interventions per volunteer a year",
            "number",
            "points",
            -1.0,
            3.0,
            f"{JUDGEMENT}: the report calls its figure conservative (Table 24), so the range "
            "reaches further up than down",
            minimum=0.5,
        ),
        coordinator_load_range(delivery, authority),
        InputRange(
            "vol_coordinator_salary",
            "Volunteer coordinator salary",
            "gbp",
            "relative",
            -0.10,
            0.10,
            f"{JUDGEMENT}: Table 24 gives one average salary and no range",
            minimum=0.0,
        ),
        InputRange(
            "vol_admin_cost",
            "Administration and marketing costs a year",
            "gbp",
            "relative",
            -0.20,
            0.20,
            f"{JUDGEMENT}: pilot-period costs (Table 24); recruitment marketing may change "
            "once the service is established",
            minimum=0.0,
        ),
        InputRange(
            "vol_expenses_monthly",
            "Expenses per volunteer a month",
            "gbp",
            "relative",
            -0.25,
            0.25,
            f"{JUDGEMENT}: an average over the pilot (Table 24); claims vary with the work",
            minimum=0.0,
        ),
        OVERHEAD_RANGE,
    )
    if not with_commissioned:
        return hants
    iow = (
        InputRange(
            "vol_iow_service_cost",
            "Commissioned service cost a year",
            "gbp",
            "relative",
            -0.10,
            0.10,
            f"{JUDGEMENT}: the contract price for a part-time coordinator (Table 24)",
            minimum=0.0,
        ),
        InputRange(
            "vol_iow_volunteers",
            "Volunteers on the commissioned service's books",
            "number",
            "relative",
            -0.20,
            0.20,
            f"{JUDGEMENT}: a count 10-12 months into the pilot (Table 24), which will move "
            "as volunteers join and leave",
            minimum=1.0,
        ),
    )
    return hants + iow


# --- FIT: a full team ---------------------------------------------------------------------


def fit_params(a: fit.FITAssumptions, price_factor: float) -> dict[str, float]:
    """Inputs of :func:`fit_team_cost`, named as the chapter parameters."""
    return {
        "fit_da_salary": a.da_salary,
        "fit_sm_salary": a.sm_salary,
        "fit_mh_salary": a.mh_salary,
        "fit_overhead_per_worker": a.overhead_per_worker,
        "fit_mh_cost_low": a.mh_cost_low,
        "fit_mh_cost_high": a.mh_cost_high,
        "price_factor": price_factor,
    }


def fit_team_cost(params: Mapping[str, float]) -> float:
    """A full three-worker FIT team a year (Appendix 4), at price-year prices."""
    return fit.full_team_cost(strands.STRANDS["fit"].assumptions(params)) * params["price_factor"]


def fit_ranges(a: fit.FITAssumptions) -> tuple[InputRange, ...]:
    """Ranges of the FIT team's inputs. The mental health worker's comes from the report's
    lowest and highest costs in practice (parameters ``fit_mh_cost_low`` and
    ``fit_mh_cost_high``), read as full costs as in the chapter, so the flat overhead is
    taken off to give the salary range."""
    return (
        InputRange(
            "fit_mh_salary",
            "Mental health worker salary",
            "gbp",
            "values",
            a.mh_cost_low - a.overhead_per_worker,
            a.mh_cost_high - a.overhead_per_worker,
            "FIT findings (cost effectiveness): mental health worker costs varied in practice "
            "from the lowest to the highest given, read as full costs (less the flat overhead)",
            minimum=0.0,
        ),
        InputRange(
            "fit_sm_salary",
            "Substance misuse worker salary",
            "gbp",
            "relative",
            -0.10,
            0.10,
            f"{JUDGEMENT}: Appendix 4 gives one annual cost for the post and no range",
            minimum=0.0,
        ),
        InputRange(
            "fit_da_salary",
            "Domestic abuse worker salary",
            "gbp",
            "relative",
            -0.10,
            0.10,
            f"{JUDGEMENT}: Appendix 4 gives one annual cost for the post and no range",
            minimum=0.0,
        ),
        InputRange(
            "fit_overhead_per_worker",
            "Flat overhead per worker",
            "gbp",
            "relative",
            -0.50,
            1.00,
            f"{JUDGEMENT}: Appendix 4's flat sum is low because the workers' own agencies "
            "carried most of their management; a team managed wholly by the council would "
            "cost more, so the range reaches further up than down",
            minimum=0.0,
        ),
    )


# --- social work surgeries: the county-wide projection ------------------------------------


def surgeries_params(a: surgeries.SWSAssumptions, price_factor: float) -> dict[str, float]:
    """Inputs of :func:`surgeries_scaled_cost`, named as the chapter parameters."""
    return {
        "sws_workers": a.workers,
        "sws_worker_salary": a.worker_salary,
        "overhead_rate": a.overhead_rate,
        "price_factor": price_factor,
    }


def surgeries_scaled_cost(params: Mapping[str, float]) -> float:
    """The county-wide surgery model a year, at price-year prices. Workers are whole posts:
    a number drawn from a range (in the Monte Carlo) is rounded to the nearest one."""
    whole = {**params, "sws_workers": int(round(params["sws_workers"]))}
    a = strands.STRANDS["surgeries"].assumptions(whole)
    return surgeries.cost_model(a).scaled_cost * params["price_factor"]


#: Ranges of the surgery projection's inputs.
SURGERIES_RANGES = (
    InputRange(
        "sws_workers",
        "Number of family support workers county-wide",
        "number",
        "points",
        -1.0,
        3.0,
        f"{JUDGEMENT}: the evaluators call their number a conservative estimate (SWS "
        "findings), so the range reaches further up than down",
        minimum=1.0,
    ),
    InputRange(
        "sws_worker_salary",
        "Family support worker salary",
        "gbp",
        "relative",
        -0.20,
        0.20,
        f"{JUDGEMENT}: the report gives no salary; the base is the book's assumption "
        "(Hampshire's average for comparable posts, Tables 23 and 24), so the range is wider "
        "than for salaries the report states",
        minimum=0.0,
    ),
    OVERHEAD_RANGE,
)


# --- tornado and Monte Carlo helpers ----------------------------------------------------


def tornado_table(
    model: Callable[[Mapping[str, float]], object],
    base: Mapping[str, float],
    ranges: Sequence[InputRange],
) -> pd.DataFrame:
    """``appraisal.tornado`` over documented ranges, with each input's label and its low and
    high values in words (columns of ``appraisal.tornado`` plus label, low_text, high_text)."""
    table = ap.tornado(model, base, resolve(ranges, base))
    by_name = {r.name: r for r in ranges}
    table.insert(1, "label", [by_name[n].label for n in table["parameter"]])
    table["low_text"] = [
        format_value(v, by_name[n].unit)
        for n, v in zip(table["parameter"], table["low"], strict=True)
    ]
    table["high_text"] = [
        format_value(v, by_name[n].unit)
        for n, v in zip(table["parameter"], table["high"], strict=True)
    ]
    return table
