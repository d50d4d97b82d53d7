"""A volunteering roll-out appraised for an authority: what it would cost and what it would
deliver. The pilot valued no benefit, so there is no ratio: the proposal says what the
volunteers would deliver (substantive interventions a year: family support, mentoring,
advocacy) and at what cost each. See :mod:`evidencebook.analysis.proposal`.

The service is the pilot's in-house model (Table 24): coordinators employed by the council,
each supporting the active volunteers the pilot thought manageable, with the administration,
marketing and expenses of Hampshire's service a volunteer. The number of coordinators is the
council's choice; by default Hampshire's scaled by the authority's children.
"""

from __future__ import annotations

from collections.abc import Mapping

from evidencebook.analysis import proposal as pr
from evidencebook.analysis.evidence import StrandEvidence, pilot_tables
from evidencebook.analysis.ranges import InputRange
from evidencebook.analysis.uncertainty import array_safe
from evidencebook.chapters.volunteers import appraisal
from evidencebook.chapters.volunteers.evidence import evidence as pilot_evidence
from evidencebook.chapters.volunteers.model import in_house_costs
from evidencebook.chapters.volunteers.parameters import Parameters

#: The local inputs the volunteering roll-out reads.
LOCAL = ("vol_coordinator_salary", "overhead_rate")

#: The pilot's figures of Table 24: (name, what, unit).
PILOT = (
    ("vol_per_coordinator", "Active volunteers one coordinator supports", "number"),
    ("vol_coordinators_hants", "Coordinators sharing Hampshire's service costs", "number"),
    ("vol_admin_cost", "Hampshire's administration and marketing a year", "gbp"),
    ("vol_expenses_monthly", "Expenses per volunteer a month", "gbp"),
)


#: The roll-out's size: Hampshire's coordinators scaled by child population.
SCALE = pr.Scale(
    "vol_coordinators", "Volunteer coordinators", "the pilot's volunteer coordinators",
    "child_population",
)  # fmt: skip


@array_safe
def model(v: Mapping[str, float]) -> pr.Flows:
    """A year of the roll-out at price-year prices: the coordinators' volunteers at the
    in-house model's cost per volunteer, and the substantive interventions they deliver."""
    per = in_house_costs(appraisal.in_house_from(v))
    volunteers = v["vol_coordinators"] * v["vol_per_coordinator"]
    return pr.Flows(
        cost=volunteers * per.cost_per_volunteer,
        reach=volunteers * v["vol_interventions_per_volunteer"],
    )


def strand(evidence: StrandEvidence) -> pr.StrandModel:
    """The volunteering strand's model (no valued benefit), its caveats from the evidence."""
    return pr.StrandModel(
        strand="volunteers",
        model=model,
        scale_name="vol_coordinators",
        scale_one="volunteer coordinator",
        scale_unit="volunteer coordinators",
        reach_unit="substantive interventions a year",
        buys="about {reach} substantive interventions a year by volunteers (family support, "
        "mentoring, advocacy), beside return interviews",
        caveats=(
            f"The interventions a volunteer delivers a year are the report's assumption, not "
            f"a count: {evidence.effect('interventions_per_volunteer').text()}.",
        ),
    )


def cost_ranges(values: Mapping[str, float]) -> tuple[InputRange, ...]:
    """The chapter's documented ranges of the in-house model's inputs (price-year prices)."""
    delivery = pilot_tables("volunteers")["vol_delivery"]
    return appraisal.volunteer_ranges(delivery, with_commissioned=False, authority=pr.PILOT_PLACE)


def inputs(r: pr.Request) -> tuple[pr.Input, ...]:
    """Every input of :func:`model`: ``scale`` coordinators (default: Hampshire's scaled by
    child population, ``reference`` being Hampshire's local inputs), the local salary and
    overheads, Table 24's figures and the interventions a volunteer delivers a year."""
    pilot = pr.parameter_inputs(Parameters, PILOT)
    hants = next(i.value for i in pilot if i.name == "vol_coordinators_hants")
    return (
        SCALE.input(r.scale, hants, r.local, r.reference),
        *pr.local_inputs_of(r.local, LOCAL),
        *pilot,
        pr.effect_input(
            r.evidence.effect("interventions_per_volunteer"),
            "vol_interventions_per_volunteer",
            "Substantive interventions a volunteer delivers a year",
            wide=r.wide,
        ),
    )


#: A volunteering roll-out appraised for an authority: ``proposal(local, authority,
#: settings=None, evidence=None, scale=None, reference=None)``, ``scale`` in coordinators.
proposal = pr.Proposer(strand, inputs, pilot_evidence, cost_ranges)
