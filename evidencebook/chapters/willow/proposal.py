"""A roll-out of Willow teams (child sexual exploitation) appraised for an authority: what it
would cost and whom it would reach. The pilot valued no benefit, so there is no ratio: the
proposal says what the teams would buy (young people on their social workers' caseloads) and
at what cost each. See :mod:`evidencebook.analysis.proposal`.

Each team is Table 25's (a manager, social workers and administrators, council staff only;
``appraisal.willow_total``), with the authority's social worker and administrator salaries.
The number of teams is the council's choice; by default Hampshire's one team scaled by the
authority's children.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

from evidencebook.analysis import proposal as pr
from evidencebook.analysis.evidence import StrandEvidence, pilot_tables, stated_in
from evidencebook.analysis.uncertainty import array_safe
from evidencebook.chapters.willow import appraisal
from evidencebook.chapters.willow import model as willow
from evidencebook.chapters.willow.evidence import evidence as pilot_evidence
from evidencebook.chapters.willow.parameters import Parameters

#: The local inputs a Willow team reads (the D-grade administrator is paid as a PA).
LOCAL = ("sw_salary", "pa_salary", "overhead_rate")

#: Table 25's other figures: (name, what, unit).
PILOT = (
    ("cse_manager_salary", "Team manager's salary", "gbp"),
    ("cse_manager_posts", "Team manager posts a team", "number"),
    ("cse_sw_posts", "Social worker posts a team", "number"),
    ("cse_admin_d_posts", "Administrator posts at D grade a team", "number"),
    ("cse_admin_c_salary", "Administrator's salary at C grade", "gbp"),
    ("cse_admin_c_posts", "Administrator posts at C grade a team", "number"),
)

#: Willow teams in the pilot authority (Table 25 costs one).
PILOT_TEAMS = 1

#: The roll-out's size: Hampshire's team scaled by child population.
SCALE = pr.Scale("willow_teams", "Willow teams", "the Willow team (Table 25)", "child_population")


@array_safe
def model(v: Mapping[str, float]) -> pr.Flows:
    """A year of the roll-out at price-year prices: the teams at Table 25's cost, and the
    young people on their social workers' caseloads at any one time."""
    teams = v["willow_teams"]
    return pr.Flows(
        cost=teams * appraisal.willow_total({**v, "price_factor": 1.0}),
        reach=teams * v["cse_sw_posts"] * v["cse_caseload_per_worker"],
    )


@functools.cache
def caseload() -> float:
    """Young people a Willow worker works with at any one time (the report's figure)."""
    a = Parameters().assumptions()
    return float(willow.figures(a, pilot_tables("willow"))["cse.caseload_per_worker"])


def strand(evidence: StrandEvidence) -> pr.StrandModel:
    """The Willow strand's model (no valued benefit), its caveats from the evidence."""
    return pr.StrandModel(
        strand="willow",
        model=model,
        scale_name="willow_teams",
        scale_one="Willow team",
        scale_unit="Willow teams",
        reach_unit="young people on the teams' caseloads at any one time, a year",
        buys="specialist work on child sexual exploitation with about {reach} young people at "
        "any one time, and advice and consultation for other professionals",
        caveats=(
            "Table 25 costs council staff only: partner agencies' staff and police time are "
            "not in the cost.",
            f"{evidence.why}",
        ),
    )


def inputs(r: pr.Request) -> tuple[pr.Input, ...]:
    """Every input of :func:`model`: ``scale`` teams (default: Hampshire's one scaled by
    child population, ``reference`` being Hampshire's local inputs), the local salaries and
    overheads, Table 25's other figures and a worker's caseload."""
    return (
        SCALE.input(r.scale, PILOT_TEAMS, r.local, r.reference),
        *pr.local_inputs_of(r.local, LOCAL),
        *pr.parameter_inputs(Parameters, PILOT),
        pr.stated_input(
            "cse_caseload_per_worker",
            "Young people a Willow social worker works with at any one time",
            caseload(),
            f"The report ({stated_in('cse.caseload_per_worker')})",
            wide=r.wide,
        ),
    )


#: A Willow roll-out appraised for an authority: ``proposal(local, authority, settings=None,
#: evidence=None, scale=None, reference=None)``, ``scale`` in teams.
proposal = pr.Proposer(strand, inputs, pilot_evidence, appraisal.willow_ranges())
