"""Edge of care: the Table 23 unit cost as the model of an appraisal at today's prices, with
documented ranges for the tornado and the Monte Carlo.

The report values no outcomes, so only the unit cost is modelled. Each model input is named
as the chapter parameter it comes from (``edge_worker_salary``, ``vol_coordinator_salary``,
...), plus ``price_factor`` (the deflator at the price year over the deflator at the input
prices' year). The volunteer mentor's inputs and ranges are the in-house volunteer model's.
The section "Appraising a roll-out today" is built by :mod:`evidencebook.analysis.rollout`
(:func:`rollout`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import pandas as pd

from evidencebook.analysis import rollout as ro
from evidencebook.analysis.ranges import JUDGEMENT, InputRange
from evidencebook.analysis.uncertainty import array_safe
from evidencebook.chapters.edge import model as edge
from evidencebook.chapters.volunteers import appraisal as vol_appraisal


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
        mentor=vol_appraisal.in_house_from(params),
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


@array_safe
def edge_unit_cost(params: Mapping[str, float]) -> float:
    """Unit cost of a typical edge of care intervention (Table 23), at price-year prices."""
    return edge.cost_model(assumptions_from(params)).unit_cost * params["price_factor"]


def edge_ranges(a: edge.EdgeAssumptions, delivery: pd.DataFrame | None) -> tuple[InputRange, ...]:
    """Ranges of the edge of care model's inputs (``InputRange``), the mentor's from the
    volunteer model."""
    own = (
        InputRange(
            "edge_activities_cost",
            "Activities programme cost per young person",
            "gbp",
            "values",
            a.activities_cost_low,
            a.activities_cost_high,
            "Table 23: the lowest and highest programme costs reported",
            minimum=0.0,
        ),
        InputRange(
            "edge_young_people_per_worker",
            "Young people an edge worker works with a year",
            "number",
            "relative",
            -0.20,
            0.20,
            f"{JUDGEMENT}: the report's rounded rate of starts per team (Table 23); how many "
            "a worker sees in a year depends on how long each young person stays",
            minimum=1.0,
        ),
        InputRange(
            "edge_worker_salary",
            "Edge worker salary",
            "gbp",
            "relative",
            -0.10,
            0.10,
            f"{JUDGEMENT}: Table 23 gives the mid-point of the pay scale and no range",
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

#: How the edge of care chapter words its roll-out section.
WORDING = ro.RolloutWording(
    outputs=(
        ro.RolloutOutput(
            "output",
            "Unit cost of a typical intervention",
            "Monte Carlo unit cost",
            "unit_cost",
            "unit_cost",
        ),
    ),
    tornado_title="Edge of care: what moves the unit cost",
    tornado_subject="the unit cost of a typical edge of care intervention",
    histogram_title="Edge of care: unit cost in Monte Carlo draws",
    histogram_subject="the unit cost of a typical edge of care intervention",
    value_unit="GBP per young person",
    mc_unit="GBP",
    decimals=2,
    histogram_data_decimals=4,
)


def rollout(
    a: edge.EdgeAssumptions,
    tables: dict[str, pd.DataFrame],
    settings: ro.RolloutSettings,
) -> ro.Rollout:
    """The unit cost at ``price_year`` prices, its tornado and its Monte Carlo (see
    :mod:`evidencebook.analysis.rollout`)."""
    deflators = tables["gdp_deflators"]
    costs = edge.cost_model(a)
    rows = [
        ("Edge worker, per young person", costs.worker_per_intervention),
        ("Activities programme, per young person (average)", costs.activities_per_intervention),
        ("Volunteer mentor, per young person", costs.mentor_per_intervention),
        ("Unit cost of a typical intervention", costs.unit_cost),
        ("Unit cost with the cheapest activities programme", costs.unit_cost_low),
        ("Unit cost with the dearest activities programme", costs.unit_cost_high),
    ]
    return ro.cost_rollout(
        "edge",
        edge_unit_cost,
        edge_params(a, settings.price_factor(deflators)),
        edge_ranges(a, tables["vol_delivery"]),
        rows,
        settings=settings,
        deflators=deflators,
        wording=WORDING,
    )
