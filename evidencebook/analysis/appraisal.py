"""Economic appraisal beyond the report: price base, multi-year streams, switching values.

The report gives single-year costs and benefits at 2015-16 prices. This module carries them
forward the way the HM Treasury Green Book asks:

* **Price base.** :func:`uprate` moves an amount between financial years with the GDP
  deflator at market prices (table ``gdp_deflators``). Every build reads *HM Treasury, GDP
  deflators at market prices, and money GDP*, March 2026 (2024-25 = 100; outturn to
  2024-25, OBR forecast after) from the national data (``evidencebook.analysis.national``), unless
  a pack carries its own ``gdp_deflators.csv``. A money input given at another year's prices
  (its ``<name>_price_year``) is first moved to the report's (``analysis.prices``), so one
  factor then uprates every input.
* **Discounting.** Year 0 is the first year of delivery and is not discounted; year *t* is
  multiplied by ``1 / (1 + r) ** t``. The Green Book rate is 3.5% a year in real terms for
  years 0 to 30 (it falls after year 30, which this module does not model, so horizons are
  capped at 30 years). Costs and benefits are assumed to be real (constant-price) amounts.
* **Adjustments.** Costs are raised by optimism bias; benefits are cut by a confidence grade,
  then by deadweight (what would have happened anyway) and attribution (the share due to
  this intervention): ``benefit x (1 - grade reduction) x (1 - deadweight) x attribution``.
* **Decision measures.** Present values (cashable and notional benefits kept apart), net
  present value, benefit-cost ratios, payback year, switching values and a tornado table.

A *model* here is any function from a mapping of named inputs to a :class:`BenefitCost` (or
to a plain number, read as the benefit-cost ratio). The PA model is
``evidencebook.chapters.pa.appraisal.pa_bcr``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
import pandas as pd

from evidencebook.analysis import arrays

#: Green Book discount rate (social time preference rate): 3.5% a year, real, for years 0-30.
#: Source: HM Treasury, The Green Book (2022), Annex A6 (discounting).
GREEN_BOOK_DISCOUNT_RATE = 0.035

#: Longest horizon the constant 3.5% rate covers; the Green Book rate falls to 3.0% after 30.
MAX_YEARS = 30

#: Upper bounds of optimism bias, as a share added to cost estimates, by project type.
#: Source: HM Treasury, Green Book supplementary guidance: optimism bias (Mott MacDonald,
#: Review of large public procurement in the UK, 2002). The first five are uplifts
#: on capital expenditure; "outsourcing" is the uplift on operating expenditure.
OPTIMISM_BIAS_UPPER: Mapping[str, float] = MappingProxyType(
    {
        "standard_buildings": 0.24,
        "non_standard_buildings": 0.51,
        "standard_civil_engineering": 0.44,
        "non_standard_civil_engineering": 0.66,
        "equipment_development": 2.00,
        "outsourcing": 0.41,
    }
)

#: Lower bounds of the same ranges (same source): what is left once risks are managed.
OPTIMISM_BIAS_LOWER: Mapping[str, float] = MappingProxyType(
    {
        "standard_buildings": 0.02,
        "non_standard_buildings": 0.04,
        "standard_civil_engineering": 0.03,
        "non_standard_civil_engineering": 0.06,
        "equipment_development": 0.10,
        "outsourcing": 0.00,
    }
)

#: Default optimism bias on costs: 41%, the Green Book supplementary guidance's upper bound
#: for "outsourcing" (operating expenditure), the closest of its categories to a staffed
#: service paid from revenue budgets. The guidance says to start from the upper bound and
#: reduce it only as evidence that the risks are managed builds up (its lower bound is 0%).
DEFAULT_OPTIMISM_BIAS = OPTIMISM_BIAS_UPPER["outsourcing"]

#: Share by which a benefit is cut for each confidence grade of its evidence (1 = strongest).
#: Convention of the Greater Manchester Combined Authority (formerly New Economy) cost-benefit
#: analysis model, as in HM Treasury / New Economy, Supporting public service transformation:
#: cost benefit analysis guidance for local partnerships (2014). Transcribed, not checked
#: against the current GMCA model in this project: pass ``grade_reductions`` to override.
CONFIDENCE_GRADE_REDUCTIONS: Mapping[int, float] = MappingProxyType(
    {1: 0.0, 2: 0.10, 3: 0.20, 4: 0.30, 5: 0.40, 6: 0.60}
)

#: The book's one rule from the strength of a strand's evidence of benefit (the scale of the
#: value-for-money comparison, ``vfm_strands.evidence_strength``) to a confidence grade: one
#: grade for each step below "strong". Grade 1 (no cut) is kept for a benefit measured against
#: a comparison group and checked independently, which no strand of this pilot has. The
#: book's judgement, not the GMCA model's: set ``benefit_confidence_grade`` to test another.
EVIDENCE_GRADES: Mapping[str, int] = MappingProxyType(
    {"strong": 2, "moderate": 3, "emerging": 4, "limited": 5, "none": 6}
)

#: Default confidence grade: 1, no reduction, so the report's benefits pass through unchanged
#: until the appraiser grades the evidence (the chapters grade it with :func:`grade_for_evidence`).
DEFAULT_CONFIDENCE_GRADE = 1


def grade_for_evidence(strength: str) -> int:
    """The confidence grade the book gives evidence of a strength ("moderate" is grade 3)."""
    if strength not in EVIDENCE_GRADES:
        raise ValueError(
            f"evidence strength must be one of {', '.join(EVIDENCE_GRADES)}; got {strength!r}"
        )
    return EVIDENCE_GRADES[strength]


def neighbouring_cuts(
    grade: int, reductions: Mapping[int, float] | None = None
) -> tuple[float, ...]:
    """The cuts of a grade and the grades either side of it (within the table): how unsure
    the grading is, for drawing in a Monte Carlo analysis."""
    table = CONFIDENCE_GRADE_REDUCTIONS if reductions is None else reductions
    if grade not in table:
        raise ValueError(f"confidence grade must be one of {sorted(table)}, got {grade!r}")
    return tuple(float(table[g]) for g in (grade - 1, grade, grade + 1) if g in table)


#: Default deadweight: none. The report compares before and after without a counterfactual,
#: so it makes no deadweight adjustment; set a share to test one.
DEFAULT_DEADWEIGHT = 0.0

#: Default attribution: all of the benefit is credited to the intervention, as in the report.
DEFAULT_ATTRIBUTION = 1.0

_FINANCIAL_YEAR = re.compile(r"^(\d{4})-(\d{2})$")


# --- price base -------------------------------------------------------------------------


def check_financial_year(year: str) -> str:
    """Return ``year`` if it is a financial year written YYYY-YY (e.g. 2015-16), else raise."""
    match = _FINANCIAL_YEAR.match(str(year).strip())
    if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
        raise ValueError(f"financial years are written YYYY-YY, e.g. 2015-16; got {year!r}")
    return str(year).strip()


def deflator_index(deflators: Mapping[str, float] | pd.DataFrame) -> dict[str, float]:
    """The deflator as {financial year: index}, from a mapping or the ``gdp_deflators`` table."""
    if isinstance(deflators, pd.DataFrame):
        pairs = zip(deflators["financial_year"], deflators["index"], strict=True)
    else:
        pairs = deflators.items()
    out: dict[str, float] = {}
    for year, value in pairs:
        index = float(value)
        if not index > 0:
            raise ValueError(f"the deflator for {year} must be more than 0, got {value}")
        out[check_financial_year(year)] = index
    return out


def uprate(
    amount: float,
    from_year: str,
    to_year: str,
    deflators: Mapping[str, float] | pd.DataFrame,
) -> float:
    """An amount at ``from_year`` prices expressed at ``to_year`` prices, with a GDP deflator.

    ``amount x index[to_year] / index[from_year]``; e.g. a 2015-16 cost at 2024-25 prices.
    """
    index = deflator_index(deflators)
    start, end = check_financial_year(from_year), check_financial_year(to_year)
    for year in (start, end):
        if year not in index:
            span = f"{min(index)} to {max(index)}" if index else "no years"
            raise KeyError(f"no GDP deflator for {year} (the series covers {span})")
    return amount * index[end] / index[start]


# --- benefit-cost models ----------------------------------------------------------------


@dataclass(frozen=True)
class BenefitCost:
    """What a model returns: benefit and cost of the same period, in pounds."""

    benefit: float
    cost: float

    @property
    def bcr(self) -> float:
        """Benefit-cost ratio: pounds of benefit for each pound of cost (NaN if cost is 0)."""
        return arrays.ratio(self.benefit, self.cost)

    @property
    def net(self) -> float:
        """Benefit minus cost."""
        return self.benefit - self.cost


Model = Callable[[Mapping[str, float]], "BenefitCost | float"]


def bcr_of(result: BenefitCost | float) -> float:
    """The benefit-cost ratio of a model's result (a plain number is taken as the ratio)."""
    return result.bcr if isinstance(result, BenefitCost) else float(result)


def confidence_reduction(grade: int, reductions: Mapping[int, float] | None = None) -> float:
    """The share by which a benefit is cut for a confidence grade (GMCA model convention)."""
    table = CONFIDENCE_GRADE_REDUCTIONS if reductions is None else reductions
    if grade not in table:
        raise ValueError(f"confidence grade must be one of {sorted(table)}, got {grade!r}")
    return float(table[grade])


def cost_factor(optimism_bias: float) -> float:
    """Multiplier on costs for optimism bias (0.41 adds 41%)."""
    if arrays.any_of(optimism_bias < 0):
        raise ValueError(f"optimism_bias must be 0 or more, got {optimism_bias}")
    return 1 + optimism_bias


def benefit_factor(
    reduction: float, deadweight: float = DEFAULT_DEADWEIGHT, attribution: float = 1.0
) -> float:
    """Multiplier on benefits: ``(1 - reduction) x (1 - deadweight) x attribution``."""
    for name, share in (("reduction", reduction), ("deadweight", deadweight)):
        if not arrays.within(share, 0, 1):
            raise ValueError(f"{name} must be a share from 0 to 1, got {share}")
    if not arrays.within(attribution, 0, 1):
        raise ValueError(f"attribution must be a share from 0 to 1, got {attribution}")
    return (1 - reduction) * (1 - deadweight) * attribution


# --- multi-year appraisal ---------------------------------------------------------------


@dataclass(frozen=True)
class AppraisalInputs:
    """Everything a multi-year appraisal needs. Money is real, at one price base, a year."""

    annual_cost: float  # recurring cost each year, GBP
    annual_benefit_cashable: float  # benefit that releases money each year, GBP
    annual_benefit_notional: float  # benefit that values time or capacity (no cash), GBP
    years: int  # years of delivery, year 0 to years - 1
    discount_rate: float = GREEN_BOOK_DISCOUNT_RATE
    start_year_cost: float = 0.0  # one-off set-up cost in year 0, GBP
    optimism_bias: float = DEFAULT_OPTIMISM_BIAS  # uplift on all costs
    benefit_confidence: int = DEFAULT_CONFIDENCE_GRADE  # GMCA grade 1 (best) to 6
    deadweight: float = DEFAULT_DEADWEIGHT  # share of benefit that would happen anyway
    attribution: float = DEFAULT_ATTRIBUTION  # share of the rest due to this intervention
    grade_reductions: Mapping[int, float] = field(  # confidence grade -> share cut
        default_factory=lambda: CONFIDENCE_GRADE_REDUCTIONS
    )

    def __post_init__(self) -> None:
        if not isinstance(self.years, int) or not 1 <= self.years <= MAX_YEARS:
            raise ValueError(f"years must be a whole number from 1 to {MAX_YEARS}")
        if not 0 <= self.discount_rate < 1:
            raise ValueError(f"discount_rate must be from 0 to 1, got {self.discount_rate}")
        for name in ("annual_cost", "start_year_cost"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must be 0 or more")
        cost_factor(self.optimism_bias)  # validates the uplift
        _ = self.benefit_multiplier  # validates grade, deadweight and attribution

    @property
    def cost_multiplier(self) -> float:
        return cost_factor(self.optimism_bias)

    @property
    def benefit_multiplier(self) -> float:
        reduction = confidence_reduction(self.benefit_confidence, self.grade_reductions)
        return benefit_factor(reduction, self.deadweight, self.attribution)


class PresentValues:
    """The totals of an appraisal's present values: a class with ``pv_cost``,
    ``pv_benefit_cashable`` and ``pv_benefit_notional`` gets its total benefit, net present
    value and benefit-cost ratio from this one place."""

    pv_cost: float
    pv_benefit_cashable: float
    pv_benefit_notional: float

    @property
    def pv_benefit(self) -> float:
        return self.pv_benefit_cashable + self.pv_benefit_notional

    @property
    def npv(self) -> float:
        """Net present value: PV of all benefits minus PV of costs."""
        return self.pv_benefit - self.pv_cost

    @property
    def bcr(self) -> float:
        return BenefitCost(self.pv_benefit, self.pv_cost).bcr


@dataclass(frozen=True, eq=False)
class Appraisal(PresentValues):
    """Results of a multi-year appraisal. ``streams`` has one row per year."""

    inputs: AppraisalInputs
    streams: pd.DataFrame
    pv_cost: float
    pv_benefit_cashable: float
    pv_benefit_notional: float
    payback_year: int | None  # first year cumulative PV benefits >= cumulative PV costs
    payback_year_cashable: int | None  # the same, counting cashable benefits only

    @property
    def npv_cashable(self) -> float:
        """Net present value counting cashable benefits only."""
        return self.pv_benefit_cashable - self.pv_cost

    @property
    def bcr_cashable(self) -> float:
        return BenefitCost(self.pv_benefit_cashable, self.pv_cost).bcr

    def summary(self) -> pd.DataFrame:
        """The headline measures as a two-column table (measure, value)."""
        rows = [
            ("PV of costs", self.pv_cost),
            ("PV of cashable benefits", self.pv_benefit_cashable),
            ("PV of notional benefits", self.pv_benefit_notional),
            ("Net present value", self.npv),
            ("Net present value, cashable only", self.npv_cashable),
            ("Benefit-cost ratio", self.bcr),
            ("Benefit-cost ratio, cashable only", self.bcr_cashable),
        ]
        return pd.DataFrame(rows, columns=["measure", "value"])


def discount_factors(years: int, rate: float = GREEN_BOOK_DISCOUNT_RATE) -> list[float]:
    """``1 / (1 + rate) ** t`` for t = 0 .. years - 1 (year 0 is not discounted)."""
    return [1 / (1 + rate) ** t for t in range(years)]


def payback(cum_benefit: list[float], cum_cost: list[float]) -> int | None:
    """First year cumulative benefits reach cumulative costs, or None if they never do."""
    for year, (benefit, cost) in enumerate(zip(cum_benefit, cum_cost, strict=True)):
        if benefit >= cost:
            return year
    return None


def evaluate(inputs: AppraisalInputs) -> Appraisal:
    """Run a multi-year appraisal from an :class:`AppraisalInputs`."""
    n = inputs.years
    years = list(range(n))
    factors = discount_factors(n, inputs.discount_rate)
    up, down = inputs.cost_multiplier, inputs.benefit_multiplier
    cost = [(inputs.annual_cost + (inputs.start_year_cost if t == 0 else 0.0)) * up for t in years]
    cash = [inputs.annual_benefit_cashable * down] * n
    notional = [inputs.annual_benefit_notional * down] * n
    frame = pd.DataFrame(
        {
            "year": years,
            "discount_factor": factors,
            "cost": cost,
            "benefit_cashable": cash,
            "benefit_notional": notional,
        }
    )
    for name in ("cost", "benefit_cashable", "benefit_notional"):
        frame[f"pv_{name}"] = frame[name] * frame["discount_factor"]
    frame["cum_pv_cost"] = frame["pv_cost"].cumsum()
    frame["cum_pv_benefit_cashable"] = frame["pv_benefit_cashable"].cumsum()
    frame["cum_pv_benefit"] = (frame["pv_benefit_cashable"] + frame["pv_benefit_notional"]).cumsum()
    cum_cost = frame["cum_pv_cost"].tolist()
    return Appraisal(
        inputs=inputs,
        streams=frame,
        pv_cost=math.fsum(frame["pv_cost"]),
        pv_benefit_cashable=math.fsum(frame["pv_benefit_cashable"]),
        pv_benefit_notional=math.fsum(frame["pv_benefit_notional"]),
        payback_year=payback(frame["cum_pv_benefit"].tolist(), cum_cost),
        payback_year_cashable=payback(frame["cum_pv_benefit_cashable"].tolist(), cum_cost),
    )


def appraise(
    annual_cost: float,
    annual_benefit_cashable: float,
    annual_benefit_notional: float,
    years: int,
    *,
    discount_rate: float = GREEN_BOOK_DISCOUNT_RATE,
    start_year_cost: float = 0.0,
    optimism_bias: float = DEFAULT_OPTIMISM_BIAS,
    benefit_confidence: int = DEFAULT_CONFIDENCE_GRADE,
    deadweight: float = DEFAULT_DEADWEIGHT,
    attribution: float = DEFAULT_ATTRIBUTION,
    grade_reductions: Mapping[int, float] = CONFIDENCE_GRADE_REDUCTIONS,
) -> Appraisal:
    """Discounted costs and benefits over ``years`` years of delivery (year 0 undiscounted).

    Costs each year are ``annual_cost`` (plus ``start_year_cost`` in year 0) times
    ``1 + optimism_bias``; benefits are cut by the confidence grade, deadweight and
    attribution. Cashable and notional benefits are kept apart throughout.
    """
    return evaluate(
        AppraisalInputs(
            annual_cost=annual_cost,
            annual_benefit_cashable=annual_benefit_cashable,
            annual_benefit_notional=annual_benefit_notional,
            years=years,
            discount_rate=discount_rate,
            start_year_cost=start_year_cost,
            optimism_bias=optimism_bias,
            benefit_confidence=benefit_confidence,
            deadweight=deadweight,
            attribution=attribution,
            grade_reductions=grade_reductions,
        )
    )


def appraisal_bcr(params: Mapping[str, float]) -> BenefitCost:
    """:func:`appraise` as a model: present values of all benefits and of costs.

    ``params`` holds the arguments of :func:`appraise` by name, so :func:`switching_value`
    and :func:`tornado` can vary e.g. ``optimism_bias``, ``deadweight`` or ``discount_rate``.
    """
    result = appraise(**params)  # type: ignore[arg-type]
    return BenefitCost(result.pv_benefit, result.pv_cost)


# --- switching values -------------------------------------------------------------------


@dataclass(frozen=True)
class SwitchingValue:
    """The value of one input at which the benefit-cost ratio reaches a target."""

    parameter: str
    base_value: float
    target_bcr: float
    value: float | None  # None when no value within the bounds reaches the target
    method: str  # "closed form (linear)", "bisection" or "none"
    reason: str  # how it was found, or why it was not

    @property
    def found(self) -> bool:
        return self.value is not None

    @property
    def change(self) -> float | None:
        """How far the input must move from its base value."""
        return None if self.value is None else self.value - self.base_value

    @property
    def change_pct(self) -> float | None:
        """That move as a percentage of the base value (None if the base is 0)."""
        if self.value is None or self.base_value == 0:
            return None
        return (self.value - self.base_value) / abs(self.base_value) * 100

    def describe(self) -> str:
        """One plain-English sentence."""
        if self.value is None:
            return (
                f"No value of {self.parameter} gives a ratio of {self.target_bcr:g}: {self.reason}"
            )
        pct = self.change_pct
        change = "" if pct is None else f", a change of {pct:+.0f}%"
        return (
            f"The benefit-cost ratio reaches {self.target_bcr:g} when {self.parameter} is "
            f"{_number(self.value)} (base {_number(self.base_value)}{change})."
        )


def _number(x: float) -> str:
    """A number for a sentence: thousands with commas, smaller ones to 4 significant figures."""
    return f"{x:,.0f}" if abs(x) >= 1000 else f"{x:.4g}"


def _gap(model: Model, params: Mapping[str, float], name: str, x: float, target: float) -> float:
    """benefit - target x cost (or bcr - target for a number): zero at the switching value."""
    result = model({**params, name: x})
    if isinstance(result, BenefitCost):
        return result.benefit - target * result.cost
    return float(result) - target


def _grid_gaps(
    model: Model, params: Mapping[str, float], name: str, xs: list[float], target: float
) -> list[float]:
    """:func:`_gap` at each of ``xs``, from one call of an array-safe ``model`` with the
    parameter an array of ``xs`` (a result that does not depend on it is one number)."""
    result = model({**params, name: np.array(xs, dtype=float)})  # type: ignore[dict-item]
    if isinstance(result, BenefitCost):
        gaps = result.benefit - target * result.cost
    else:
        gaps = np.asarray(result, dtype=float) - target
    return [float(g) for g in np.broadcast_to(gaps, (len(xs),))]


def _is_affine(xs: list[float], gs: list[float]) -> bool:
    """Whether the points lie on one straight line (to floating-point accuracy)."""
    x0, x1, g0, g1 = xs[0], xs[-1], gs[0], gs[-1]
    scale = max(abs(g) for g in gs) or 1.0
    for x, g in zip(xs[1:-1], gs[1:-1], strict=True):
        line = g0 + (g1 - g0) * (x - x0) / (x1 - x0)
        if abs(g - line) > 1e-9 * scale:
            return False
    return True


def _bisect(f: Callable[[float], float], lo: float, hi: float, tol: float = 1e-12) -> float:
    """A root of ``f`` between ``lo`` and ``hi``, where ``f`` changes sign (bisection)."""
    f_lo = f(lo)
    for _ in range(200):
        mid = (lo + hi) / 2
        f_mid = f(mid)
        if f_mid == 0 or (hi - lo) / 2 < tol * max(1.0, abs(mid)):
            return mid
        if (f_mid < 0) == (f_lo < 0):
            lo, f_lo = mid, f_mid
        else:
            hi = mid
    return (lo + hi) / 2


def switching_value(
    model: Model,
    base_params: Mapping[str, float],
    parameter: str,
    *,
    bounds: tuple[float, float],
    target_bcr: float = 1.0,
    grid: int = 64,
    at_once: bool = False,
) -> SwitchingValue:
    """The value of ``parameter`` (others at ``base_params``) at which the BCR = ``target_bcr``.

    Solves ``benefit - target x cost = 0``. Where that is a straight line in the parameter
    (as it is for a salary, a time share or a net cost), the root is found in closed form
    from two points; otherwise the bounds are scanned on a grid of ``grid`` steps and the
    first crossing refined by bisection. Returns ``value=None`` with a reason when no value
    within ``bounds`` reaches the target.

    With ``at_once``, for a model declared array-safe (``uncertainty.array_safe``: it gives,
    value by value, exactly what it gives for Python numbers), the grid is worked out in one
    call of the model, with the parameter an array of the grid's values: the same answer.
    """
    if parameter not in base_params:
        raise KeyError(f"{parameter!r} is not one of the model's inputs: {sorted(base_params)}")
    lo, hi = sorted(float(b) for b in bounds)
    if lo == hi:
        raise ValueError("bounds must be two different values")
    base = float(base_params[parameter])

    def gap(x: float) -> float:
        return _gap(model, base_params, parameter, x, target_bcr)

    xs = [lo + (hi - lo) * i / grid for i in range(grid + 1)]
    if at_once:  # the whole grid in one call of an array-safe model
        gs = _grid_gaps(model, base_params, parameter, xs, target_bcr)
    else:
        gs = [gap(x) for x in xs]

    def none(method: str, why: str) -> SwitchingValue:
        return SwitchingValue(parameter, base, target_bcr, None, method, why)

    if _is_affine(xs, gs):
        if gs[-1] == gs[0]:
            return none("none", f"the ratio does not depend on {parameter}")
        root = lo - gs[0] * (hi - lo) / (gs[-1] - gs[0])
        if not lo <= root <= hi:
            return none("none", f"the ratio would reach it at {root:.4g}, outside {lo:g}-{hi:g}")
        return SwitchingValue(parameter, base, target_bcr, root, "closed form (linear)", "exact")
    for i, g in enumerate(gs):
        if g == 0:
            return SwitchingValue(parameter, base, target_bcr, xs[i], "bisection", "grid point")
        if i + 1 < len(gs) and gs[i + 1] != 0 and (g < 0) != (gs[i + 1] < 0):
            root = _bisect(gap, xs[i], xs[i + 1])
            return SwitchingValue(parameter, base, target_bcr, root, "bisection", "converged")
    return none("none", f"the ratio stays on one side of {target_bcr:g} from {lo:g} to {hi:g}")


# --- sensitivity ------------------------------------------------------------------------


def tornado(
    model: Model,
    base_params: Mapping[str, float],
    ranges: Mapping[str, tuple[float, float]],
) -> pd.DataFrame:
    """One-at-a-time sensitivity: the model's BCR with each input at its low and high value.

    Returns one row per input (parameter, low, high, output_low, output_high, output_base,
    swing = |output_high - output_low|), largest swing first.
    """
    base_output = bcr_of(model(base_params))
    rows = []
    for name, (low, high) in ranges.items():
        if name not in base_params:
            raise KeyError(f"{name!r} is not one of the model's inputs: {sorted(base_params)}")
        out_low = bcr_of(model({**base_params, name: low}))
        out_high = bcr_of(model({**base_params, name: high}))
        rows.append((name, low, high, out_low, out_high, base_output, abs(out_high - out_low)))
    columns = ["parameter", "low", "high", "output_low", "output_high", "output_base", "swing"]
    frame = pd.DataFrame(rows, columns=columns)
    frame = frame.sort_values(["swing", "parameter"], ascending=[False, True], kind="mergesort")
    return frame.reset_index(drop=True)
