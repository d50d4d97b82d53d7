"""An edge of care roll-out appraised for an authority: what it would cost and whom it would
reach. The pilot valued no benefit, so there is no ratio: the proposal says what the service
would buy (young people worked with a year) and at what cost each, and what the pilot found
of them, without a comparison group. See :mod:`evidencebook.analysis.proposal`.

Each young person costs Table 23's unit cost (``appraisal.edge_unit_cost``: a share of an
edge worker with overheads, the activities programme and a volunteer mentor). The number of
edge workers is the council's choice; by default enough to work with as many young people a
year as the authority's children aged 10 and over who start to be looked after.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from evidencebook.analysis import proposal as pr
from evidencebook.analysis.evidence import StrandEvidence, pilot_tables
from evidencebook.analysis.local_inputs import LocalInput
from evidencebook.analysis.ranges import InputRange
from evidencebook.analysis.uncertainty import array_safe
from evidencebook.chapters.edge import appraisal
from evidencebook.chapters.edge.evidence import evidence as pilot_evidence
from evidencebook.chapters.edge.parameters import Parameters
from evidencebook.chapters.volunteers import proposal as volunteers

#: The local inputs the edge of care roll-out reads.
LOCAL = ("edge_worker_salary", "vol_coordinator_salary", "overhead_rate")

#: The pilot's figures of Table 23, and of the volunteer mentor behind it (the volunteers'
#: in-house model): (name, what, unit).
PILOT = (
    ("edge_young_people_per_worker", "Young people an edge worker works with a year", "number"),
    ("edge_activities_cost", "Activities programme cost per young person (average)", "gbp"),
    ("edge_activities_cost_low", "Lowest activities programme cost per young person", "gbp"),
    ("edge_activities_cost_high", "Highest activities programme cost per young person", "gbp"),
    *volunteers.PILOT,
    ("vol_interventions_per_volunteer", "Substantive interventions a volunteer a year", "number"),
)


@array_safe
def model(v: Mapping[str, float]) -> pr.Flows:
    """A year of the roll-out at price-year prices: the young people the workers would work
    with, each at Table 23's unit cost."""
    young_people = v["edge_workers"] * v["edge_young_people_per_worker"]
    return pr.Flows(
        cost=young_people * appraisal.edge_unit_cost({**v, "price_factor": 1.0}),
        reach=young_people,
    )


def strand(evidence: StrandEvidence) -> pr.StrandModel:
    """The edge of care strand's model (no valued benefit), its caveats from the evidence."""
    entered = evidence.effect("entered_care")
    negative = evidence.effect("outcome_negative")
    return pr.StrandModel(
        strand="edge",
        model=model,
        scale_name="edge_workers",
        scale_one="edge of care worker",
        scale_unit="edge of care workers",
        reach_unit="young people worked with a year",
        buys="intensive work with about {reach} young people a year on the edge of care, with "
        "an activities programme and a volunteer mentor",
        caveats=(
            f"In the pilot, {entered.text()}; with no comparison group, how many would have "
            f"entered care without the service is not known. Of the case files read, "
            f"{negative.text()}.",
        ),
    )


def workers_input(local: Mapping[str, LocalInput], per_worker: float, chosen: float | None):
    """The edge workers: the council's choice, or enough to work with as many young people a
    year as the authority's children aged 10 and over who start to be looked after."""
    if chosen is not None:
        return pr.chosen_input("edge_workers", "Edge of care workers", chosen)
    starts = [local["cla_starts_10_15"], local["cla_starts_16_over"]]
    total = sum(float(s.value) for s in starts)  # type: ignore[arg-type]
    return pr.Input(
        "edge_workers",
        "Edge of care workers",
        max(1, math.ceil(total / per_worker)),
        "number",
        f"Worked out, the council's choice to change: the authority's children aged 10 and "
        f"over who started to be looked after ({total:,.0f}, {starts[0].year}) over the young "
        f"people an edge worker works with a year ({per_worker:g}), rounded up: a service "
        "sized to its starts into care at those ages (the book's judgement)",
        "local",
    )


def cost_ranges(values: Mapping[str, float]) -> tuple[InputRange, ...]:
    """The chapter's documented ranges of the unit cost's inputs, at price-year prices."""
    delivery = pilot_tables("edge")["vol_delivery"]
    return appraisal.edge_ranges(appraisal.assumptions_from(values), delivery)


def inputs(r: pr.Request) -> tuple[pr.Input, ...]:
    """Every input of :func:`model`: ``scale`` edge workers (default: sized to the
    authority's starts into care aged 10 and over), the local salaries and Table 23's figures
    (``reference`` is not used)."""
    pilot = pr.parameter_inputs(Parameters, PILOT)
    per_worker = next(i.value for i in pilot if i.name == "edge_young_people_per_worker")
    return (
        workers_input(r.local, per_worker, r.scale),
        *pr.local_inputs_of(r.local, LOCAL),
        *pilot,
    )


#: An edge of care roll-out appraised for an authority: ``proposal(local, authority,
#: settings=None, evidence=None, scale=None)``, ``scale`` in edge workers.
proposal = pr.Proposer(strand, inputs, pilot_evidence, cost_ranges)
