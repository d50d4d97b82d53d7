"""A roll-out of Family Intervention Teams (FIT) appraised for an authority: what it would cost
and whom it would reach. The pilot valued no benefit, so there is no ratio: the proposal says
what the teams would buy (families worked with a year) and at what cost each. See
:mod:`evidencebook.analysis.proposal`.

Each team is the report's full three-worker team (domestic abuse, substance misuse and mental
health workers, Appendix 4; ``appraisal.fit_team_cost``). The number of teams is the council's
choice; by default the pilot's teams in Hampshire scaled by the authority's children in need.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

from evidencebook.analysis import proposal as pr
from evidencebook.analysis.evidence import pilot_tables
from evidencebook.analysis.uncertainty import array_safe
from evidencebook.chapters.fit import appraisal
from evidencebook.chapters.fit import model as fit
from evidencebook.chapters.fit.evidence import evidence as pilot_evidence
from evidencebook.chapters.fit.parameters import Parameters

#: The FIT team's inputs (the report's, at its prices): (name, what, unit).
PILOT = (
    ("fit_da_salary", "Domestic abuse worker's annual cost", "gbp"),
    ("fit_sm_salary", "Substance misuse worker's annual cost", "gbp"),
    ("fit_mh_salary", "Mental health worker's average annual cost", "gbp"),
    ("fit_overhead_per_worker", "Flat overhead per worker a year", "gbp"),
    ("fit_mh_cost_low", "Lowest annual cost of a mental health worker in practice", "gbp"),
    ("fit_mh_cost_high", "Highest annual cost of a mental health worker in practice", "gbp"),
)

#: The roll-out's size: the pilot's Hampshire teams scaled by children in need.
SCALE = pr.Scale("fit_teams", "Full FIT teams", "the pilot's FIT teams", "children_in_need")


@array_safe
def model(v: Mapping[str, float]) -> pr.Flows:
    """A year of the roll-out at price-year prices: the teams at a full team's cost, and the
    families they would work with."""
    teams = v["fit_teams"]
    return pr.Flows(
        cost=teams * appraisal.fit_team_cost({**v, "price_factor": 1.0}),
        reach=teams * v["fit_families_per_team"],
    )


#: The FIT strand's model (no valued benefit).
STRAND = pr.StrandModel(
    strand="fit",
    model=model,
    scale_name="fit_teams",
    scale_one="full FIT team (a domestic abuse, a substance misuse and a mental health worker)",
    scale_unit="full FIT teams (a domestic abuse, a substance misuse and a mental health worker "
    "each)",
    reach_unit="families worked with a year",
    buys="specialist work with about {reach} families a year affected by domestic abuse, "
    "substance misuse or parental mental ill health",
    caveats=(
        "In the pilot the full team was rarely fielded as planned and some posts were hard to "
        "fill; the families a team works with a year is the pilot's rate over six months.",
    ),
)


@functools.cache
def families_per_team() -> tuple[float, str]:
    """Families a team worked with a year in the pilot (both authorities: families over
    teams, over the months counted), and how it is worked out."""
    found = fit.evidence(pilot_tables("fit"))
    rows = [
        (e.families, e.teams)
        for e in found.values()
        if e.families is not None and e.teams is not None
    ]
    families = sum(int(f.count) for f, _ in rows)  # type: ignore[call-overload]
    teams = sum(t.total for _, t in rows)
    months = max(f.months for f, _ in rows)
    rate = families / teams * 12 / months
    how = (
        f"Worked out from the pilot: {families} families across {teams} teams in "
        f"{months} months, a year's rate (FIT findings; fit_families and fit_team_makeup)"
    )
    return rate, how


def inputs(r: pr.Request) -> tuple[pr.Input, ...]:
    """Every input of :func:`model`: ``scale`` full teams (default: the pilot's Hampshire
    teams scaled by children in need, ``reference`` being Hampshire's local inputs), the
    report's costs of a team and the families a team worked with a year in the pilot."""
    fielded = fit.evidence(pilot_tables("fit"))[pr.PILOT_PLACE].teams
    if fielded is None:
        raise KeyError(f"fit_team_makeup has no teams for {pr.PILOT_PLACE}")
    pilot_teams = float(fielded.total)
    rate, how = families_per_team()
    return (
        SCALE.input(r.scale, pilot_teams, r.local, r.reference),
        *pr.parameter_inputs(Parameters, PILOT),
        pr.stated_input(
            "fit_families_per_team", "Families a team works with a year", rate, how, wide=r.wide
        ),
    )


def cost_ranges(values: Mapping[str, float]) -> tuple:
    """The chapter's documented ranges of a team's costs, at price-year prices."""
    return appraisal.fit_ranges(appraisal.assumptions_from(values))


#: A FIT roll-out appraised for an authority: ``proposal(local, authority, settings=None,
#: evidence=None, scale=None, reference=None)``, ``scale`` in full teams.
proposal = pr.Proposer(STRAND, inputs, pilot_evidence, cost_ranges)
