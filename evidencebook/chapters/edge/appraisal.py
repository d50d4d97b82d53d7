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

from evidencebook.analysis import strand_appraisal as st
from evidencebook.chapters.edge import model as edge
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
        **st.volunteer_params(a.mentor, None, price_factor),
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
        for r in st.volunteer_ranges(delivery, with_commissioned=False)
    )
    return own + mentor
