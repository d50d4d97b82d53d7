"""Each strand appraised for an authority: what a roll-out there would cost, what it would buy
or free, and how sure one can be. A proposal, in the conditional, never the authority's history.

A strand's proposal (``evidencebook/chapters/<strand>/proposal.py``) joins three things:

* **the pilot's evidence** (:class:`~evidencebook.analysis.evidence.StrandEvidence`): the
  effects a roll-out would borrow, with their bases, intervals and one grade for the strand;
* **the authority's scale** (``local_inputs``: published figures, or a council's own through
  the inputs sheet): how many posts or teams, their salaries and overheads;
* **the appraisal settings** (:class:`Settings`): the years appraised (5 by default), the price
  year, the Green Book discount rate, optimism bias on costs, the Monte Carlo's draws and seed.

:func:`appraise` turns them into a :class:`Proposal` the same way for every strand:

* **Real prices.** Every money input carries its own price year: the report's money is at
  2015-16 prices; a local input at the price year its inputs sheet gives beside it (the
  ``price_year`` column, or ``<name>_price_year`` in YAML: by default the input's own, the
  report's 2015-16 for its Hampshire values, a published figure's financial year), read into
  :attr:`LocalInput.price_year <evidencebook.analysis.local_inputs.LocalInput>`. Each is put at
  :attr:`Settings.price_year` prices with the GDP deflator (``appraisal.uprate``) once, from
  that year, before the strand's model sees it. :attr:`Settings.price_years` is only an
  override, for a caller with no sheet.
* **Streams and present values** by ``appraisal.appraise``: costs each year raised by optimism
  bias, benefits cut for the strength of the evidence, deadweight and attribution, discounted
  at the Green Book rate, cashable and notional benefits kept apart throughout.
* **One rule for the adjustments** (:func:`benefit_grade`, :data:`ADJUSTMENTS`): the grade a
  valued benefit is counted at is the *weakest* of the strand's grade and the grades of the
  effects it rests on, and the grade sets the cut, the deadweight and the attribution
  together. No strand gets a more generous grade than its evidence.
* **NPV, ratio and payback only where a benefit is valued.** A strand whose evidence values no
  benefit (most of them) says what the roll-out would buy (families, young people or social
  workers reached a year) and at what cost each, with no ratio.
* **Monte Carlo** over the cost inputs' documented ranges, the borrowed effects (each from its
  interval where the evidence has one, else from :data:`STATED_RANGE` around the stated figure)
  and the neighbouring evidence grades; every range drawn so that its mean is the base value
  (``uncertainty.with_mean``). A strand's model declared with ``uncertainty.array_safe``
  (every strand's is) runs on all the draws at once, with the same figures.
* **Switching values in words** (:class:`Switch`): "this would break even if the time freed
  were at least X% of what the pilot reported", right in direction whether the ratio is above
  or below 1, and "x" (not available) where no value within reach gives a ratio of 1.

:func:`text` writes a proposal as a conditional paragraph; :meth:`Proposal.row` gives it as
one row, for putting strands side by side. Each strand's module declares its model
(:class:`StrandModel`), its inputs (from a :class:`Request`) and its cost ranges, and makes
its ``proposal`` with :class:`Proposer`, so every strand is called the same way:
``proposal(local, authority, settings=None, evidence=None, scale=None, reference=None)``.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from evidencebook.analysis import appraisal as ap
from evidencebook.analysis import arrays, local_inputs, rollout, uncertainty
from evidencebook.analysis.common import in_place
from evidencebook.analysis.evidence import Effect, StrandEvidence
from evidencebook.analysis.local_inputs import LocalInput
from evidencebook.analysis.national.deflators import gdp_deflators
from evidencebook.analysis.ranges import InputRange, distributions, format_value
from evidencebook.analysis.strand_appraisal import payback_text
from evidencebook.exceptions import EvidenceBookError


class ProposalError(EvidenceBookError, ValueError):
    """A proposal cannot be worked out from what it was given (a local input missing, a
    price year for an input the strand does not read, a roll-out of no posts)."""


# --- settings -----------------------------------------------------------------------------

#: The years a council appraises by default (year 0, the first year of delivery, to year 4).
DEFAULT_YEARS = 5

#: The financial year money is shown at by default: the chapters' ``price_year``.
DEFAULT_PRICE_YEAR: str = rollout.price_year().default

#: Monte Carlo draws for a proposal: enough for a steady 90% interval of a ratio.
DEFAULT_DRAWS = 4000


@dataclass(frozen=True)
class Settings:
    """How a proposal is appraised; every field has a Green Book or book default.

    ``deflators`` is the GDP deflator (a mapping {financial year: index} or the
    ``gdp_deflators`` table); None reads the national series
    (``analysis.national.deflators.gdp_deflators``). Each money input's price year comes with it
    (a local input's from the inputs sheet, ``sw_salary_price_year: 2025-26``);
    ``price_years`` overrides it for a caller with no sheet (``{"sw_salary": "2025-26"}``).
    ``adjustments`` is the grade rule (see :data:`ADJUSTMENTS`).
    """

    years: int = DEFAULT_YEARS
    price_year: str = DEFAULT_PRICE_YEAR
    discount_rate: float = ap.GREEN_BOOK_DISCOUNT_RATE
    optimism_bias: float = ap.DEFAULT_OPTIMISM_BIAS
    deflators: Any = None
    price_years: Mapping[str, str] = field(default_factory=dict)
    adjustments: Mapping[int, tuple[float, float, float]] | None = None
    adjustment_step: float | None = None
    stated_range: float | None = None
    mc_runs: int = DEFAULT_DRAWS
    mc_seed: int = uncertainty.DEFAULT_SEED

    def __post_init__(self) -> None:
        if not isinstance(self.years, int) or not 1 <= self.years <= ap.MAX_YEARS:
            raise ProposalError(f"years must be a whole number from 1 to {ap.MAX_YEARS}")
        ap.check_financial_year(self.price_year)
        for year in self.price_years.values():
            ap.check_financial_year(year)
        ap.cost_factor(self.optimism_bias)
        if not 0 <= self.discount_rate < 1:
            raise ProposalError(f"discount_rate must be from 0 to 1, got {self.discount_rate}")
        if self.adjustment_step is not None and not 0 <= self.adjustment_step <= MAX_STEP:
            raise ProposalError(
                f"adjustment_step must be from 0 to {MAX_STEP}, got {self.adjustment_step}"
            )
        if self.stated_range is not None and not 0 <= self.stated_range < 1:
            raise ProposalError(f"stated_range must be from 0 to below 1, got {self.stated_range}")

    @classmethod
    def of(cls, params: Any) -> Settings:
        """The settings from a chapter's parameters (any object with ``appraisal_years``,
        ``price_year``, ``discount_rate``, ``optimism_bias``, ``mc_runs`` and ``mc_seed``,
        each declared with ``analysis.rollout``)."""
        return cls(
            years=params.appraisal_years,
            price_year=params.price_year,
            discount_rate=params.discount_rate,
            optimism_bias=params.optimism_bias,
            adjustment_step=params.rollout_adjustment_step,
            stated_range=params.rollout_stated_range,
            mc_runs=params.mc_runs,
            mc_seed=params.mc_seed,
        )

    def deflator_index(self) -> dict[str, float]:
        """The deflator as {financial year: index}."""
        if self.deflators is None:
            return ap.deflator_index(gdp_deflators())
        return ap.deflator_index(self.deflators)

    @property
    def rule(self) -> Mapping[int, tuple[float, float, float]]:
        """The grade rule: ``adjustments`` if given, else :func:`adjustment_rule` of
        ``adjustment_step`` (:data:`ADJUSTMENT_STEP` by default)."""
        if self.adjustments is not None:
            return self.adjustments
        step = ADJUSTMENT_STEP if self.adjustment_step is None else self.adjustment_step
        return adjustment_rule(step)

    @property
    def wide(self) -> float:
        """The range drawn around an effect with no interval (:data:`STATED_RANGE` by
        default)."""
        return STATED_RANGE if self.stated_range is None else self.stated_range


# --- the one rule from evidence to adjustments ----------------------------------------------

#: Deadweight added, and attribution taken away, for each confidence grade below the first:
#: with no comparison group, neither what would have happened anyway nor the share of the
#: change due to other things was measured, and the weaker the design, the less of a
#: before-and-after change can be taken as the strand's own. The book's judgement (not the
#: report's, nor the GMCA model's), declared as the chapters' parameter
#: ``rollout_adjustment_step`` (``analysis.rollout``), so a council may set its own.
ADJUSTMENT_STEP: float = rollout.adjustment_step().default

#: The largest step: at the weakest grade (6) deadweight would reach 100%.
MAX_STEP = 0.2


def adjustment_rule(step: float = ADJUSTMENT_STEP) -> Mapping[int, tuple[float, float, float]]:
    """The book's one rule: {confidence grade: (cut for the strength of the evidence,
    deadweight, attribution)}. The cut is the GMCA convention
    (``appraisal.CONFIDENCE_GRADE_REDUCTIONS``); deadweight rises and attribution falls by
    ``step`` for each grade below the first."""
    return MappingProxyType(
        {
            grade: (
                float(cut),
                round(step * (grade - 1), 10),
                round(1 - step * (grade - 1), 10),
            )
            for grade, cut in ap.CONFIDENCE_GRADE_REDUCTIONS.items()
        }
    )


#: The rule with the book's step (:data:`ADJUSTMENT_STEP`).
ADJUSTMENTS: Mapping[int, tuple[float, float, float]] = adjustment_rule()


def benefit_grade(evidence: StrandEvidence, effect_ids: Sequence[str]) -> int:
    """The grade a valued benefit is counted at: the weakest (highest) of the strand's grade
    and the grades of the effects the benefit rests on. The same rule for every strand."""
    return max([evidence.grade, *(evidence.effect(i).grade for i in effect_ids)])


def adjustments(grade: int, rule: Mapping[int, tuple[float, float, float]] = ADJUSTMENTS):
    """(cut, deadweight, attribution) of a grade under ``rule``."""
    if grade not in rule:
        raise ValueError(f"confidence grade must be one of {sorted(rule)}, got {grade!r}")
    return tuple(float(x) for x in rule[grade])


def benefit_multiplier(grade: float, rule: Mapping[int, tuple[float, float, float]]) -> float:
    """What is left of a benefit at a grade (a drawn grade is rounded to a whole one)."""
    cut, deadweight, attribution = adjustments(int(round(grade)), rule)
    return ap.benefit_factor(cut, deadweight, attribution)


def neighbouring_grades(grade: int, rule: Mapping[int, object] = ADJUSTMENTS) -> tuple[int, ...]:
    """The grade and those either side of it in ``rule``: how unsure the grading is."""
    return tuple(g for g in (grade - 1, grade, grade + 1) if g in rule)


# --- inputs ---------------------------------------------------------------------------------

#: Where an effect's figure is stated without an interval (no count behind it, or a
#: complete count that says nothing of how the effect would carry elsewhere), the Monte Carlo
#: draws it from this share below to this share above the stated figure, with the figure as
#: the mean. The book's judgement, declared as the chapters' parameter
#: ``rollout_stated_range`` (``analysis.rollout``): wide on purpose, as a figure from one
#: pilot with no comparison group may be far from what a roll-out elsewhere would find.
STATED_RANGE: float = rollout.stated_range().default


@dataclass(frozen=True)
class Input:
    """One input of a proposal with its source: a local input, a figure of the pilot's model
    or an effect borrowed from its evidence. ``unit`` is "gbp", "share" or "number"; money
    carries its ``price_year``. ``low`` and ``high`` (model units) are drawn in the Monte
    Carlo with ``value`` as the mean; ``how`` says where they come from."""

    name: str
    label: str
    value: float
    unit: str
    source: str
    kind: str  # "local", "pilot" or "evidence"
    price_year: str = ""
    low: float | None = None
    high: float | None = None
    how: str = ""
    assumption: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "value", float(self.value))
        if self.unit == "gbp" and not self.price_year:
            raise ValueError(f"{self.name}: an amount in pounds needs its price year")

    @property
    def varied(self) -> bool:
        return self.low is not None and self.high is not None and self.low < self.high

    def at(self, price_year: str, index: Mapping[str, float]) -> float:
        """The value at ``price_year`` prices (money only is uprated)."""
        if self.unit != "gbp":
            return self.value
        return ap.uprate(self.value, self.price_year, price_year, index)


def local_input(item: LocalInput, label: str = "", price_year: str = "") -> Input:
    """An :class:`Input` from a local input (its value, source and year, and price year)."""
    unit = {"money": "gbp", "share": "share"}.get(item.spec.kind, "number")
    year = f" ({item.year})" if item.year else ""
    source = f"{item.source}{year}"
    if item.changed_by:  # the council's own figure: say so first, and what it replaced
        source = (
            f"The council's own, from its inputs sheet {item.changed_by} (in place of: {source})"
        )
    return Input(
        name=item.name,
        label=label or item.spec.help,
        value=float(item.value),  # type: ignore[arg-type]
        unit=unit,
        source=source,
        kind="local",
        price_year=price_year or item.price_year,
        assumption=item.assumption and not item.changed_by,
    )


def effect_input(
    effect: Effect,
    name: str,
    label: str,
    transform: Callable[[float], float] = lambda x: x,
    wide: float = STATED_RANGE,
) -> Input:
    """An :class:`Input` from an effect: ``transform`` of its value (a percentage as the
    evidence holds it) and of the ends of its interval, or of :data:`STATED_RANGE` around it
    where it has none."""
    value = transform(effect.value)
    if effect.interval is not None:
        ends = sorted(transform(x) for x in effect.interval)
        how = f"{effect.interval_note} ({effect.base_text()})"
    else:
        ends = sorted((value * (1 - wide), value * (1 + wide)))
        how = (
            f"{effect.interval_note}; drawn from {wide:.0%} below to {wide:.0%} above the "
            "stated figure (the book's judgement)"
        )
    return Input(
        name=name,
        label=label,
        value=value,
        unit="share" if effect.unit == "%" else "number",
        source=f"{effect.text()} Source: {effect.source}.",
        kind="evidence",
        low=min(ends[0], value),
        high=max(ends[1], value),
        how=how,
    )


def stated_input(
    name: str,
    label: str,
    value: float,
    source: str,
    unit: str = "number",
    wide: float = STATED_RANGE,
) -> Input:
    """An :class:`Input` for a figure of the pilot a roll-out borrows that has no interval
    (how many families a team worked with): drawn from :data:`STATED_RANGE` around it."""
    value = float(value)
    return Input(
        name=name,
        label=label,
        value=value,
        unit=unit,
        source=source,
        kind="evidence",
        low=min(value * (1 - wide), value * (1 + wide)),
        high=max(value * (1 - wide), value * (1 + wide)),
        how=f"no interval; drawn from {wide:.0%} below to {wide:.0%} above the stated figure "
        "(the book's judgement)",
    )


def pilot_input(
    name: str, label: str, value: float, unit: str, source: str, price_year: str = ""
) -> Input:
    """An :class:`Input` from the pilot's cost model (the report's figure, at its prices)."""
    return Input(name, label, value, unit, source, "pilot", price_year=price_year)


def parameter_input(
    parameters: type, name: str, label: str, unit: str, price_year: str = ""
) -> Input:
    """An :class:`Input` from a chapter parameter's default (the report's figure) with its
    declared help as the source (``analysis.chapter.param``)."""
    declared = {f.name: f for f in dataclasses.fields(parameters)}
    if name not in declared:
        raise KeyError(f"{parameters.__name__} declares no parameter {name!r}")
    f = declared[name]
    return pilot_input(name, label, f.default, unit, str(f.metadata["help"]), price_year)


#: The authority whose pilot a roll-out elsewhere is scaled from (where the report costs a
#: team or a service for it).
PILOT_PLACE = "Hampshire"


@functools.cache
def pilot_place_inputs(place: str = PILOT_PLACE) -> Mapping[str, LocalInput]:
    """The pilot authority's local inputs from the same published figures as any other's."""
    return MappingProxyType(local_inputs.defaults(place))


def chosen_input(name: str, label: str, value: float) -> Input:
    """The size of a roll-out as the council chooses it (more than 0)."""
    if not value > 0:
        raise ProposalError(f"{name} must be more than 0, got {value}")
    return Input(name, label, value, "number", "The council's choice", "local")


@dataclass(frozen=True)
class Scale:
    """How big a roll-out is: the input ``name`` (``label`` in words), which the council
    chooses, or else the pilot's ``pilot_what`` in :data:`PILOT_PLACE` scaled by the
    authority's local input ``measure`` over the pilot authority's."""

    name: str
    label: str
    pilot_what: str
    measure: str

    def input(
        self,
        chosen: float | None,
        pilot_units: float,
        local: Mapping[str, LocalInput],
        reference: Mapping[str, LocalInput] | None = None,
        place: str = PILOT_PLACE,
    ) -> Input:
        """``chosen`` if given, else ``pilot_units`` times the authority's measure over the
        pilot authority's (``reference``: its local inputs from the same published figures),
        rounded to a whole number and at least 1."""
        if chosen is not None:
            return chosen_input(self.name, self.label, chosen)
        reference = pilot_place_inputs(place) if reference is None else reference
        (here,), (there,) = needed(local, [self.measure]), needed(reference, [self.measure])
        if not float(there.value) > 0:  # type: ignore[arg-type]
            raise ProposalError(f"{place}'s {self.measure} must be more than 0 to scale from")
        ratio = float(here.value) / float(there.value)  # type: ignore[arg-type]
        what = here.spec.help[0].lower() + here.spec.help[1:]
        return Input(
            self.name,
            self.label,
            max(1, round(pilot_units * ratio)),
            "number",
            f"Worked out, the council's choice to change: {self.pilot_what} in {place} "
            f"({pilot_units:g}) times the authority's {what} ({here.value:,}, {here.year}) over "
            f"{place}'s ({there.value:,}, {there.year}), rounded, at least 1",
            "local",
        )


def parameter_inputs(parameters: type, specs: Sequence[tuple[str, str, str]]) -> tuple[Input, ...]:
    """:func:`parameter_input` for each (name, label, unit): money at the report's prices."""
    return tuple(
        parameter_input(
            parameters, name, label, unit, local_inputs.REPORT_PRICE_YEAR if unit == "gbp" else ""
        )
        for name, label, unit in specs
    )


def local_inputs_of(local: Mapping[str, LocalInput], names: Sequence[str]) -> tuple[Input, ...]:
    """:func:`local_input` for each name (a :class:`ProposalError` naming any missing)."""
    return tuple(local_input(item) for item in needed(local, names))


def needed(local: Mapping[str, LocalInput], names: Sequence[str]) -> list[LocalInput]:
    """The local inputs named, or a :class:`ProposalError` naming those missing."""
    missing = [n for n in names if n not in local]
    if missing:
        raise ProposalError(
            f"the local inputs have no {', '.join(missing)} (see evidencebook inputs)"
        )
    return [local[n] for n in names]


# --- a strand's model -------------------------------------------------------------------------


@dataclass(frozen=True)
class Flows:
    """What a roll-out would cost and give in one year of delivery, at the price year's prices,
    before any adjustment: ``cost`` a year (and a one-off ``setup`` in year 0), the benefit
    that releases cash and the one that only values time or capacity, and ``reach``, how many
    it reaches a year (in the strand's ``reach_unit``)."""

    cost: float
    reach: float
    benefit_cashable: float = 0.0
    benefit_notional: float = 0.0
    setup: float = 0.0


@dataclass(frozen=True)
class Switch:
    """A switching value to look for: the input scaled (1 = its base value) until the ratio
    reaches 1, said as "{label} were at least X% of {of}"."""

    name: str
    label: str  # "the time freed"
    of: str  # "what the pilot reported"
    bounds: tuple[float, float] = (0.0, 100.0)  # multipliers of the base value searched


@dataclass(frozen=True)
class StrandModel:
    """What a strand's proposal declares: its model (named inputs at price-year prices ->
    :class:`Flows`), the unit of its scale and of its reach, the effects a valued benefit
    rests on (none: no benefit is valued) and what to find switching values of."""

    strand: str
    model: Callable[[Mapping[str, float]], Flows]
    scale_name: str  # the input that is the roll-out's size ("pa_posts")
    scale_unit: str  # "PA posts"
    scale_one: str  # the same for one: "PA post"
    reach_unit: str  # "social workers supported"
    buys: str  # what the roll-out would buy, a clause: "support for {reach} ..."
    benefit_effects: tuple[str, ...] = ()
    benefit_words: str = ""  # what the valued benefit is: "social workers' time freed"
    switches: tuple[Switch, ...] = ()
    caveats: tuple[str, ...] = ()

    @property
    def valued(self) -> bool:
        return bool(self.benefit_effects)


# --- present values ---------------------------------------------------------------------------


def present_values(
    flows: Flows, years: int, rate: float, optimism_bias: float, multiplier: float
) -> dict[str, float]:
    """Present values of a constant yearly flow over ``years`` (year 0 undiscounted), as
    ``appraisal.appraise`` works them out: pv_cost (with optimism bias, set-up included),
    pv_benefit (after ``multiplier``), npv, bcr, pv_reach and cost_per_reach (PV cost over
    discounted reach)."""
    annuity = math.fsum(ap.discount_factors(years, rate))
    return _present_values(flows, annuity, ap.cost_factor(optimism_bias), multiplier)


def _multipliers(
    grades: np.ndarray, multipliers: Mapping[int, float], rule: Mapping[int, Any]
) -> np.ndarray:
    """:func:`benefit_multiplier` of each drawn grade (each rounded to a whole one, halves
    to even as ``round`` does), from the multipliers of the rule's grades."""
    whole = np.rint(grades)
    out = np.full(whole.shape, np.nan)
    found = np.zeros(whole.shape, dtype=bool)
    for g, multiplier in multipliers.items():
        hit = whole == g
        out[hit] = multiplier
        found |= hit
    if not found.all():
        benefit_multiplier(float(grades[~found][0]), rule)  # not a grade of the rule: says so
    return out


def _present_values(
    flows: Flows, annuity: float, cost_factor: float, multiplier: float
) -> dict[str, float]:
    """:func:`present_values` from the sum of the discount factors (``annuity``) and the
    optimism bias's ``cost_factor``, worked out once for all a Monte Carlo's draws."""
    pv_cost = (flows.cost * annuity + flows.setup) * cost_factor
    pv_benefit = (flows.benefit_cashable + flows.benefit_notional) * annuity * multiplier
    pv_reach = flows.reach * annuity
    return {
        "annual_cost": flows.cost,
        "pv_cost": pv_cost,
        "pv_benefit": pv_benefit,
        "npv": pv_benefit - pv_cost,
        "bcr": ap.BenefitCost(pv_benefit, pv_cost).bcr,
        "cost_per_reach": arrays.ratio(pv_cost, pv_reach),
    }


# --- the result -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SwitchingValue:
    """A switching value found: the multiplier of the base value at which the ratio is 1
    (None where out of reach: "x"), and the sentence saying it."""

    name: str
    label: str
    multiplier: float | None
    sentence: str

    @property
    def pct_text(self) -> str:
        """The value as a percentage of the base, or "x" (not available)."""
        return "x" if self.multiplier is None else f"{self.multiplier * 100:.0f}%"


@dataclass(frozen=True, eq=False)
class Proposal:
    """A strand appraised for an authority (see the module docstring). Money at
    ``price_year`` prices. ``npv``, ``bcr``, ``bcr_interval`` and ``payback_year`` are None
    where no benefit is valued."""

    strand: str
    title: str
    authority: str
    model: StrandModel
    settings: Settings
    inputs: tuple[Input, ...]
    scale: float
    flows: Flows
    strength: str
    grade: int
    cut: float
    deadweight: float
    attribution: float
    appraisal: ap.Appraisal
    mc: uncertainty.MonteCarloResult
    npv: float | None
    bcr: float | None
    bcr_interval: tuple[float, float] | None
    npv_interval: tuple[float, float] | None
    payback_year: int | None
    pv_cost_interval: tuple[float, float]
    cost_per_reach: float
    cost_per_reach_interval: tuple[float, float]
    switching: tuple[SwitchingValue, ...]
    believe: tuple[str, ...]
    caveats: tuple[str, ...]

    @property
    def streams(self) -> pd.DataFrame:
        """Year by year: cost, cashable and notional benefit, their present values."""
        return self.appraisal.streams

    @property
    def valued(self) -> bool:
        return self.model.valued

    @property
    def empty(self) -> bool:
        """Whether the roll-out is of nothing (its scale 0: an authority too small for one
        post at the pilot's ratio, or a council's sheet setting 0): it would cost, buy and
        free nothing, so it has no ratio, cost per one reached or switching values."""
        return self.scale == 0

    def scale_input(self) -> Input | None:
        """The input that is the roll-out's size (``model.scale_name``), if among its inputs."""
        return next((i for i in self.inputs if i.name == self.model.scale_name), None)

    @property
    def price_year(self) -> str:
        return self.settings.price_year

    @property
    def years(self) -> int:
        return self.settings.years

    def row(self) -> dict[str, object]:
        """The proposal in one row, for putting strands side by side: scale, cost a year
        (with optimism bias), present values, cashable and notional benefit a year, ratio
        with its interval (None where no benefit is valued), cost per one reached, grade."""
        low, high = self.bcr_interval if self.bcr_interval is not None else (None, None)
        return {
            "strand": self.strand,
            "authority": self.authority,
            "scale": self.scale,
            "scale_unit": self.model.scale_unit,
            "cost_a_year": self.flows.cost * ap.cost_factor(self.settings.optimism_bias),
            "pv_cost": self.appraisal.pv_cost,
            "benefit_cashable_a_year": self.flows.benefit_cashable,
            "benefit_notional_a_year": self.flows.benefit_notional,
            "npv": self.npv,
            "bcr": self.bcr,
            "bcr_low": low,
            "bcr_high": high,
            "reach_a_year": self.flows.reach,
            "reach_unit": self.model.reach_unit,
            "cost_per_reach": self.cost_per_reach,
            "strength": self.strength,
            "grade": self.grade,
            "believe": " ".join(self.believe),
        }

    def inputs_table(self) -> pd.DataFrame:
        """The inputs used: name, what, value (at its own prices), price year, source, range."""
        rows = [
            {
                "input": i.name,
                "what": i.label,
                "value": format_value(i.value, i.unit),
                "price_year": i.price_year,
                "kind": i.kind,
                "assumption": i.assumption,
                "source": i.source,
                "range": ""
                if not i.varied
                else f"{format_value(i.low, i.unit)} to {format_value(i.high, i.unit)}"  # type: ignore[arg-type]
                + (f" ({i.how})" if i.how else ""),
            }
            for i in self.inputs
        ]
        return pd.DataFrame(rows)


def _interval(mc: uncertainty.MonteCarloResult, output: str) -> tuple[float, float]:
    low, high = uncertainty.INTERVAL
    x = mc.samples[output].to_numpy(dtype=float)
    return float(np.percentile(x, low)), float(np.percentile(x, high))


def _scaled(model: Callable[[Mapping[str, float]], Any], name: str) -> Callable:
    """The model with input ``name`` replaced by its base times ``multiplier``."""

    def scaled(params: Mapping[str, float]) -> Any:
        values = dict(params)
        values[name] = values.pop("base_" + name) * values.pop("multiplier")
        return model(values)

    return scaled


def switching(
    model: Callable[[Mapping[str, float]], ap.BenefitCost],
    values: Mapping[str, float],
    switch: Switch,
) -> SwitchingValue:
    """The multiple of an input's base value at which the ratio reaches 1, said in words,
    right in direction whether the ratio is now above or below 1; "x" where out of reach."""
    base = {k: v for k, v in values.items() if k != switch.name}
    base |= {"base_" + switch.name: values[switch.name], "multiplier": 1.0}
    scaled = _scaled(model, switch.name)
    found = ap.switching_value(scaled, base, "multiplier", bounds=switch.bounds)
    ratio = scaled(base).bcr
    rises = scaled({**base, "multiplier": 2.0}).bcr > ratio  # does more of it raise the ratio?
    bound = "at least" if rises else "at most"
    if found.value is None:
        lo, hi = (f"{b * 100:.0f}%" for b in switch.bounds)
        return SwitchingValue(
            switch.name,
            switch.label,
            None,
            f"No value of {switch.label} from {lo} to {hi} of {switch.of} would bring the "
            f"benefit-cost ratio to 1 (x: not available).",
        )
    pct = found.value * 100
    change = abs(pct - 100)
    if ratio >= 1:
        margin = "fall" if rises else "rise"
        tail = (
            f"; a {margin} of more than {change:.0f}% would take the valued benefits "
            "below the costs"
        )
        head = "This would still break even if"
    else:
        more = "more" if rises else "less"
        tail = f": {change:.0f}% {more} than that"
        head = "This would break even only if"
    return SwitchingValue(
        switch.name,
        switch.label,
        found.value,
        f"{head} {switch.label} were {bound} {pct:.0f}% of {switch.of}{tail}.",
    )


def appraise(
    strand: StrandModel,
    evidence: StrandEvidence,
    inputs: Sequence[Input],
    settings: Settings | None,
    authority: str,
    cost_ranges: Sequence[InputRange] | Callable[[Mapping[str, float]], Sequence[InputRange]] = (),
    extra_caveats: Sequence[str] = (),
) -> Proposal:
    """Appraise a strand's roll-out for ``authority``: ``inputs`` are everything the strand's
    model reads (money at its own prices), ``cost_ranges`` the documented ranges of its cost
    inputs (``ranges.InputRange``; the effects' ranges are on their :class:`Input`), or a
    function giving them from the inputs at price-year prices (for ranges given as values)."""
    settings = Settings() if settings is None else settings
    names = [i.name for i in inputs]
    if len(set(names)) != len(names):
        raise ValueError(f"{strand.strand}: inputs named twice: {names}")
    unknown = sorted(set(settings.price_years) - {i.name for i in inputs if i.unit == "gbp"})
    if unknown:
        raise ProposalError(
            f"price_years names {', '.join(unknown)}, which the {strand.strand} roll-out does "
            f"not read as money; it reads {', '.join(i.name for i in inputs if i.unit == 'gbp')}"
        )
    index = settings.deflator_index()
    py = settings.price_year
    overrides = settings.price_years
    years = {i.name: overrides.get(i.name, i.price_year) for i in inputs if i.unit == "gbp"}
    uncovered = sorted(f"{n} ({y})" for n, y in years.items() if y not in index)
    if uncovered or py not in index:
        span = f"{min(index)} to {max(index)}" if index else "no years"
        missing = ", ".join(uncovered + ([f"price_year ({py})"] if py not in index else []))
        raise ProposalError(
            f"{strand.strand}: no GDP deflator for the price year of {missing}; the series "
            f"covers {span}: give a price year it covers"
        )
    values = {
        i.name: (
            ap.uprate(i.value, overrides[i.name], py, index)
            if i.name in overrides and i.unit == "gbp"
            else i.at(py, index)
        )
        for i in inputs
    }
    flows = strand.model(values)
    rule = settings.rule
    grade = benefit_grade(evidence, strand.benefit_effects) if strand.valued else evidence.grade
    cut, deadweight, attribution = adjustments(grade, rule)
    result = ap.appraise(
        flows.cost,
        flows.benefit_cashable,
        flows.benefit_notional,
        settings.years,
        discount_rate=settings.discount_rate,
        start_year_cost=flows.setup,
        optimism_bias=settings.optimism_bias,
        benefit_confidence=1,
        deadweight=deadweight,
        attribution=attribution,
        grade_reductions={1: cut},
    )

    # the same for every draw of the Monte Carlo: worked out once
    annuity = math.fsum(ap.discount_factors(settings.years, settings.discount_rate))
    cost_factor = ap.cost_factor(settings.optimism_bias)
    multipliers = {g: benefit_multiplier(g, rule) for g in rule}

    def measures(params: Mapping[str, float]) -> dict[str, float]:
        p = dict(params)
        g = p.pop("grade", grade)
        if arrays.is_array(g):  # the draws' grades, all at once
            multiplier = _multipliers(g, multipliers, rule)
        else:
            multiplier = multipliers.get(int(round(g)))
            if multiplier is None:
                multiplier = benefit_multiplier(g, rule)  # not a grade of the rule: says so
        return _present_values(strand.model(p), annuity, cost_factor, multiplier)

    if uncertainty.is_array_safe(strand.model):  # the Monte Carlo runs it on all draws at once
        measures = uncertainty.array_safe(measures)

    def benefit_cost(params: Mapping[str, float]) -> ap.BenefitCost:
        m = measures(params)
        return ap.BenefitCost(m["pv_benefit"], m["pv_cost"])

    # the Monte Carlo: cost ranges, the borrowed effects, and the grade's neighbours
    ranges = cost_ranges(values) if callable(cost_ranges) else cost_ranges
    own = {i.name for i in inputs if i.varied}  # an input's own range (an effect's) wins
    ranges = [r for r in ranges if r.name not in own]
    draws: dict[str, Any] = dict(distributions(ranges, values))
    for i in inputs:
        if i.varied:  # money's range moves with it to the price year
            up = values[i.name] / i.value if i.unit == "gbp" and i.value else 1.0
            draws[i.name] = uncertainty.with_mean(i.low * up, values[i.name], i.high * up)  # type: ignore[operator]
    if strand.valued:
        draws["grade"] = uncertainty.Discrete(
            tuple(float(g) for g in neighbouring_grades(grade, rule))
        )
    mc = uncertainty.monte_carlo(
        measures, draws, settings.mc_runs, settings.mc_seed, base_params=values
    )
    base = measures(values)
    empty = values[strand.scale_name] == 0  # nothing rolled out: nothing to weigh (Proposal)
    valued = strand.valued and not empty
    switches = tuple(switching(benefit_cost, values, s) for s in strand.switches) if valued else ()
    return Proposal(
        strand=strand.strand,
        title=evidence.title,
        authority=authority,
        model=strand,
        settings=settings,
        inputs=tuple(inputs),
        scale=values[strand.scale_name],
        flows=flows,
        strength=evidence.strength,
        grade=grade,
        cut=cut,
        deadweight=deadweight,
        attribution=attribution,
        appraisal=result,
        mc=mc,
        npv=result.npv if valued else None,
        bcr=result.bcr if valued else None,
        bcr_interval=_interval(mc, "bcr") if valued else None,
        npv_interval=_interval(mc, "npv") if valued else None,
        payback_year=result.payback_year if valued else None,
        pv_cost_interval=_interval(mc, "pv_cost"),
        cost_per_reach=base["cost_per_reach"],
        cost_per_reach_interval=_interval(mc, "cost_per_reach"),
        switching=switches,
        believe=_nothing_to_believe(strand)
        if empty
        else _believe(strand, evidence, switches, base, settings),
        caveats=_caveats(
            strand, evidence, inputs, grade, (cut, deadweight, attribution), settings.wide
        )
        + tuple(extra_caveats),
    )


@dataclass(frozen=True)
class Request:
    """What a strand's inputs are made from: the authority's local inputs, the pilot's
    evidence, the size of the roll-out the council chooses (None: worked out) and the pilot
    authority's local inputs for that (None: :func:`pilot_place_inputs`)."""

    local: Mapping[str, LocalInput]
    evidence: StrandEvidence
    scale: float | None = None
    reference: Mapping[str, LocalInput] | None = None
    wide: float = STATED_RANGE  # the range drawn around an effect with no interval


@dataclass(frozen=True)
class Proposer:
    """A strand's proposal, called the same way for every strand:
    ``proposal(local, authority, settings=None, evidence=None, scale=None, reference=None)``.

    ``local`` are the authority's local inputs (the inputs sheet's values), ``evidence`` the
    pilot's (the default pack's, from ``pilot_evidence``, unless given), ``scale`` the size of
    the roll-out the council chooses (posts, teams, workers; by default worked out from the
    local inputs), ``reference`` the pilot authority's local inputs for that default
    (:func:`pilot_place_inputs` unless given). ``strand`` is the strand's model or makes it
    from the evidence; ``more_caveats`` adds caveats worked out from the result."""

    strand: StrandModel | Callable[[StrandEvidence], StrandModel]
    inputs: Callable[[Request], Sequence[Input]]
    pilot_evidence: Callable[[], StrandEvidence]
    cost_ranges: Sequence[InputRange] | Callable[[Mapping[str, float]], Sequence[InputRange]] = ()
    more_caveats: Callable[[Proposal, Mapping[str, LocalInput]], Sequence[str]] | None = None

    def __call__(
        self,
        local: Mapping[str, LocalInput],
        authority: str,
        settings: Settings | None = None,
        evidence: StrandEvidence | None = None,
        scale: float | None = None,
        reference: Mapping[str, LocalInput] | None = None,
    ) -> Proposal:
        ev = self.pilot_evidence() if evidence is None else evidence
        model = self.strand if isinstance(self.strand, StrandModel) else self.strand(ev)
        wide = (settings or Settings()).wide
        ins = self.inputs(Request(local, ev, scale, reference, wide))
        p = appraise(model, ev, ins, settings, authority, self.cost_ranges)
        return p if self.more_caveats is None else with_caveats(p, *self.more_caveats(p, local))


def with_caveats(p: Proposal, *more: str) -> Proposal:
    """The proposal with more caveats after its own (a strand's, worked out from its result)."""
    return dataclasses.replace(p, caveats=(*p.caveats, *more))


def _nothing_to_believe(strand: StrandModel) -> tuple[str, ...]:
    """What one would need to believe of a roll-out of nothing (``Proposal.empty``)."""
    return (
        f"Nothing yet: with no {strand.scale_unit} there is nothing to pay its way. The "
        f"question comes back once the council sets how many {strand.scale_unit} it would "
        f"fund ({strand.scale_name} in its inputs sheet).",
    )


def _believe(
    strand: StrandModel,
    evidence: StrandEvidence,
    switches: Sequence[SwitchingValue],
    base: Mapping[str, float],
    settings: Settings,
) -> tuple[str, ...]:
    """What one would need to believe for the roll-out to be worth its cost: the switching
    values (or, with no valued benefit, what each one reached would have to be worth), and
    that the pilot's findings would hold here."""
    hold = (
        f"One would also need to believe that what the pilot found in Hampshire and the Isle "
        f"of Wight would hold here: its evidence is rated {evidence.strength}. {evidence.why}"
    )
    if strand.valued:
        return (*(s.sentence for s in switches), hold)
    per = format_value(base["cost_per_reach"], "gbp")
    return (
        f"The pilot valued no benefit, so this would pay its way only if each of the "
        f"{strand.reach_unit} gained, or saved the council, at least {per} (the cost per "
        f"one reached, with optimism bias, over the {settings.years} years).",
        hold,
    )


def _caveats(
    strand: StrandModel,
    evidence: StrandEvidence,
    inputs: Sequence[Input],
    grade: int,
    adjust: tuple[float, float, float],
    wide: float = STATED_RANGE,
) -> tuple[str, ...]:
    cut, deadweight, attribution = adjust
    out = list(strand.caveats)
    if strand.valued:
        out.append(
            f"The benefit is counted at confidence grade {grade}, the weakest of the strand's "
            f"grade and its effects' (the book's one rule): cut by {cut:.0%}, with "
            f"{deadweight:.0%} deadweight and {attribution:.0%} attribution; the Monte Carlo "
            "also draws the grades either side."
        )
    else:
        out.append(
            f"No benefit is valued: the evidence of benefit is rated {evidence.strength} and "
            "the pilot put no money value on what it found, so there is no benefit-cost ratio."
        )
    stated = [i.label for i in inputs if i.kind == "evidence" and "judgement" in i.how]
    if stated:
        out.append(
            f"{'; '.join(stated)}: the evidence gives no interval, so a wide range "
            f"({wide:.0%} either side of the stated figure) stands for its uncertainty."
        )
    guessed = [i.label for i in inputs if i.assumption]
    if guessed:
        out.append(
            f"Assumed, not published for this authority: {'; '.join(guessed)} (the report's "
            "Hampshire values; replace them in the inputs sheet)."
        )
    return tuple(out)


# --- in words ---------------------------------------------------------------------------------


def _money(x: float) -> str:
    return format_value(x, "gbp")


def _range(pair: tuple[float, float], unit: str = "gbp") -> str:
    return f"{format_value(pair[0], unit)} to {format_value(pair[1], unit)}"


def text(p: Proposal) -> str:
    """The proposal as a conditional paragraph: what a roll-out would cost and buy or free,
    the ratio with its interval only where a benefit is valued, the switching values and the
    caveats. Never the authority's history."""
    return " ".join([cost_text(p), *p.believe, *p.caveats])


def cost_text(p: Proposal) -> str:
    """What a roll-out would cost and buy or free, in the conditional: the ratio with its
    interval, the net present value and payback only where a benefit is valued (why there
    is nothing to appraise, for a roll-out of nothing)."""
    if p.empty:
        return empty_text(p)
    s, m = p.settings, p.model
    low, high = uncertainty.INTERVAL
    level = f"{high - low}%"
    scale = f"{p.scale:,.0f}" if float(p.scale).is_integer() else f"{p.scale:,.1f}"
    unit = m.scale_one if p.scale == 1 else m.scale_unit
    cost = p.flows.cost * ap.cost_factor(s.optimism_bias)
    reach = f"{p.flows.reach:,.0f}"
    parts = [
        f"A roll-out of {scale} {unit} in {p.authority} would cost about "
        f"{_money(cost)} a year at {s.price_year} prices, with {s.optimism_bias:.0%} optimism "
        f"bias ({_money(p.flows.cost)} before it), and {_money(p.appraisal.pv_cost)} over "
        f"{s.years} years in present value, discounted at {s.discount_rate:.1%} "
        f"({level} interval {_range(p.pv_cost_interval)}).",
        f"It would buy {m.buys.format(reach=reach)}: about {_money(p.cost_per_reach)} for each "
        f"of the {m.reach_unit}, with optimism bias ({level} interval "
        f"{_range(p.cost_per_reach_interval)}).",
    ]
    if p.valued:
        a = p.appraisal
        kind = (
            "notional: it values time at salary and releases no cash"
            if a.pv_benefit_cashable == 0
            else f"{_money(a.pv_benefit_cashable)} of it cashable"
        )
        parts.append(
            f"It would free {m.benefit_words} worth about "
            f"{_money(p.flows.benefit_notional + p.flows.benefit_cashable)} a year ({kind}); "
            f"after the adjustments for the evidence, {_money(a.pv_benefit)} over the "
            f"{s.years} years in present value."
        )
        parts.append(
            f"The benefit-cost ratio would be {p.bcr:.2f} ({level} interval "
            f"{p.bcr_interval[0]:.2f} to {p.bcr_interval[1]:.2f}) and the net present value "  # type: ignore[index]
            f"{_money(p.npv)}; the roll-out " + _payback(p) + "."  # type: ignore[arg-type]
        )
    return " ".join(parts)


def empty_text(p: Proposal) -> str:
    """Why a roll-out of nothing (``Proposal.empty``) is not appraised, in the conditional:
    where its size of 0 comes from, and how a council would set one."""
    m = p.model
    given = p.scale_input()
    source = given.source if given else ""
    why = f" The size is the book's default: {source[:1].lower()}{source[1:]}." if source else ""
    return (
        f"A roll-out {in_place(p.authority, escape=False)} at the size the book takes for "
        f"it would be of no {m.scale_unit}, so it would cost nothing and buy or free nothing: "
        f"there is no cost per one reached, no benefit-cost ratio and nothing to appraise."
        f"{why} A council that would fund {m.scale_unit} sets how many in its inputs sheet "
        f"({m.scale_name}), and the appraisal follows from that."
    )


def _payback(p: Proposal) -> str:
    notional = p.appraisal.pv_benefit_notional > 0
    return payback_text(p.payback_year, p.years, notional=notional)
