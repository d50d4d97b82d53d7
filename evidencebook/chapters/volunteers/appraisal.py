"""Volunteers: the Table 24 unit-cost models as inputs of an appraisal at today's prices,
with documented ranges for the tornado and the Monte Carlo.

The report values no benefits, so only the unit costs are modelled: each model input is
named as the chapter parameter it comes from (``vol_coordinator_salary``, ...), plus
``price_factor`` (the deflator at the price year over the deflator at the input prices'
year). The edge of care chapter takes its mentor's inputs and ranges from here.

The generic parts (:class:`~evidencebook.analysis.strand_appraisal.InputRange`, the price
base, the tornado table) are in :mod:`evidencebook.analysis.strand_appraisal`, read as a
module (``InputRange``) when a function runs: that module still imports the strand
models (the edge of care appraisal there uses :func:`volunteer_params` and
:func:`volunteer_ranges`), so names bound at import time could meet it half-loaded.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from evidencebook.analysis import rollout as ro
from evidencebook.analysis.common import possessive
from evidencebook.analysis.formatting import chart_text
from evidencebook.analysis.ranges import JUDGEMENT, OVERHEAD_RANGE, InputRange
from evidencebook.analysis.uncertainty import array_safe
from evidencebook.chapters.volunteers.model import (
    CommissionedAssumptions,
    InHouseAssumptions,
    VolunteerAssumptions,
    commissioned_costs,
    in_house_costs,
    return_interview_cost,
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
    """Inputs of the volunteer unit-cost models, named as the chapter parameters (the
    inputs both models share, the in-house model's)."""
    out = IN_HOUSE_INPUTS.inputs(in_house, price_factor)
    if commissioned is not None:
        out |= {n: v for n, v in COMMISSIONED_INPUTS.inputs(commissioned).items() if n not in out}
    return out


#: The in-house model's fields, named as the chapter's parameters.
IN_HOUSE_INPUTS = ro.NamedInputs(
    InHouseAssumptions,
    {
        "coordinator_salary": "vol_coordinator_salary",
        "overhead_rate": "overhead_rate",
        "volunteers_per_coordinator": "vol_per_coordinator",
        "coordinators": "vol_coordinators_hants",
        "admin_cost": "vol_admin_cost",
        "expenses_monthly": "vol_expenses_monthly",
        "interventions_per_volunteer": "vol_interventions_per_volunteer",
    },
)
#: The commissioned model's fields, named as the chapter's parameters.
COMMISSIONED_INPUTS = ro.NamedInputs(
    CommissionedAssumptions,
    {
        "service_cost": "vol_iow_service_cost",
        "volunteers": "vol_iow_volunteers",
        "expenses_monthly": "vol_expenses_monthly",
        "interventions_per_volunteer": "vol_interventions_per_volunteer",
    },
)


def in_house_from(params: Mapping[str, float]) -> InHouseAssumptions:
    """The in-house volunteer model's assumptions from named inputs (the chapter parameters'
    names; the edge of care chapter's mentor is built the same way)."""
    return IN_HOUSE_INPUTS.assumptions(params)


def commissioned_from(params: Mapping[str, float]) -> CommissionedAssumptions:
    """The commissioned volunteer model's assumptions from named inputs."""
    return COMMISSIONED_INPUTS.assumptions(params)


@array_safe
def volunteer_unit_cost_hants(params: Mapping[str, float]) -> float:
    """The in-house model's unit cost per substantive intervention, at price-year prices."""
    return in_house_costs(in_house_from(params)).unit_cost * params["price_factor"]


@array_safe
def volunteer_unit_costs(params: Mapping[str, float]) -> dict[str, float]:
    """Unit cost per substantive intervention in both models, at price-year prices."""
    factor = params["price_factor"]
    return {
        "unit_cost_hants": volunteer_unit_cost_hants(params),
        "unit_cost_iow": commissioned_costs(commissioned_from(params)).unit_cost * factor,
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
    judgement = JUDGEMENT
    hants = (
        InputRange(
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
        InputRange(
            "vol_coordinator_salary",
            "Volunteer coordinator salary",
            "gbp",
            "relative",
            -0.10,
            0.10,
            f"{judgement}: Table 24 gives one average salary and no range",
            minimum=0.0,
        ),
        InputRange(
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
        InputRange(
            "vol_expenses_monthly",
            "Expenses per volunteer a month",
            "gbp",
            "relative",
            -0.25,
            0.25,
            f"{judgement}: an average over the pilot (Table 24); claims vary with the work",
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
            f"{judgement}: the contract price for a part-time coordinator (Table 24)",
            minimum=0.0,
        ),
        InputRange(
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


def rollout_wording(home: str, bought: str) -> ro.RolloutWording:
    """How the shared roll-out section (:mod:`evidencebook.analysis.rollout`) names the
    volunteers' outputs, charts and tables: both unit costs, the in-house one drawn."""
    subject = f"{possessive(home, escape=False)} in-house unit cost per substantive intervention"
    return ro.RolloutWording(
        outputs=(
            ro.RolloutOutput(
                "unit_cost_hants",
                f"{home} (in-house): unit cost per substantive intervention",
                "Monte Carlo unit_cost_hants",
                today_id="unit_cost_hants",
                mc_id="hants",
            ),
            ro.RolloutOutput(
                "unit_cost_iow",
                f"{bought} (commissioned): unit cost per substantive intervention",
                "Monte Carlo unit_cost_iow",
                today_id="unit_cost_iow",
                mc_id="iow",
                planning=False,
            ),
        ),
        tornado_title=f"{chart_text(home)} volunteers (in-house): what moves the unit cost",
        tornado_subject=subject,
        histogram_title=f"{chart_text(home)} volunteers (in-house): unit cost in Monte Carlo draws",
        histogram_subject=subject,
        value_unit="GBP per substantive intervention",
        mc_unit="GBP",
        decimals=2,
        histogram_data_decimals=4,
        histogram_output="unit_cost_hants",
    )


def rollout(
    a: VolunteerAssumptions,
    deflators: pd.DataFrame,
    delivery: pd.DataFrame,
    settings: ro.RolloutSettings,
) -> ro.Rollout:
    """Both Table 24 models at the settings' price year's prices (GDP deflator), with
    optimism bias on costs; the tornado varies the in-house unit cost's inputs one at a time,
    the Monte Carlo draws both models' inputs together."""
    home, bought = a.in_house_authority, a.commissioned_authority
    h, w = in_house_costs(a.in_house), commissioned_costs(a.commissioned)
    low, high = a.ri_per_volunteer_low, a.ri_per_volunteer_high
    factor = settings.price_factor(deflators)
    return ro.cost_rollout(
        "vol",
        volunteer_unit_costs,
        volunteer_params(a.in_house, a.commissioned, factor),
        volunteer_ranges(delivery, authority=home),
        [
            (f"{home}: unit cost per substantive intervention", h.unit_cost),
            (f"{home}: cost per volunteer a year", h.cost_per_volunteer),
            (f"{home}: cost per return interview at {low:g} a year", return_interview_cost(h, low)),
            (
                f"{home}: cost per return interview at {high:g} a year",
                return_interview_cost(h, high),
            ),
            (f"{bought}: unit cost per substantive intervention", w.unit_cost),
            (f"{bought}: cost per volunteer a year", w.cost_per_volunteer),
        ],
        settings=settings,
        deflators=deflators,
        wording=rollout_wording(home, bought),
        tornado_model=volunteer_unit_cost_hants,
        tornado_ranges=volunteer_ranges(delivery, with_commissioned=False, authority=home),
    )
