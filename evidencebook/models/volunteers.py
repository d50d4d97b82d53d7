"""Volunteers: the evidence and the Appendix 4 (Table 24) unit-cost models.

Two delivery models are costed.

Hampshire (coordinators employed by the council), step by step:

1. coordinator cost = coordinator salary plus overheads;
2. coordinator cost per volunteer = that / volunteers per coordinator; per substantive
   intervention = per volunteer / interventions per volunteer a year;
3. administration and marketing with overheads, shared between the coordinators; per
   coordinator / volunteers per coordinator = per volunteer; / interventions = per
   intervention;
4. expenses per volunteer a year = monthly expenses x 12; / interventions = per intervention;
5. unit cost per substantive intervention = the three per-intervention parts added;
   cost per volunteer a year = the three per-volunteer parts added;
6. cost per return interview = cost per volunteer a year / return interviews a volunteer
   does in a year (for a volunteer who does only return interviews).

Isle of Wight (a voluntary organisation, Home-Start, commissioned to run the service):

1. service cost per volunteer = annual cost of the service / volunteers on its books;
2. per substantive intervention = per volunteer / interventions per volunteer a year;
3. expenses per intervention as Hampshire's (the report applies Hampshire's figure);
4. unit cost = the two added; cost per volunteer a year = the per-volunteer parts added.
   No overheads are added: the provider bears them.

The edge of care model (``models.edge``) takes its volunteer mentor element from
``in_house_costs``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .common import pct_change, with_overheads

MONTHS_A_YEAR = 12


@dataclass(frozen=True)
class InHouseAssumptions:
    """Hampshire's model: volunteer coordinators employed by the council."""

    coordinator_salary: float  # average annual coordinator salary, GBP, no overheads
    overhead_rate: float  # overheads as a share of salary and of admin costs (0.2 = 20%)
    volunteers_per_coordinator: float  # active volunteers one full-time coordinator supports
    coordinators: float  # full-time coordinators sharing the admin and marketing costs
    admin_cost: float  # annual administration and marketing costs, GBP, no overheads
    expenses_monthly: float  # average expenses paid to a volunteer a month, GBP
    interventions_per_volunteer: float  # substantive interventions per volunteer a year

    def __post_init__(self) -> None:
        for name in ("coordinator_salary", "admin_cost", "expenses_monthly"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must be 0 or more")
        if self.overhead_rate < 0:
            raise ValueError("overhead_rate must be 0 or more")
        for name in ("volunteers_per_coordinator", "coordinators", "interventions_per_volunteer"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be more than 0")


@dataclass(frozen=True)
class CommissionedAssumptions:
    """The Isle of Wight's model: a voluntary organisation paid to run the service."""

    service_cost: float  # annual cost of the commissioned service (a part-time coordinator)
    volunteers: float  # volunteers on the service's books
    expenses_monthly: float  # average expenses a volunteer a month (Hampshire's figure)
    interventions_per_volunteer: float  # substantive interventions per volunteer a year

    def __post_init__(self) -> None:
        if self.service_cost < 0 or self.expenses_monthly < 0:
            raise ValueError("service_cost and expenses_monthly must be 0 or more")
        if self.volunteers <= 0 or self.interventions_per_volunteer <= 0:
            raise ValueError("volunteers and interventions_per_volunteer must be more than 0")


@dataclass(frozen=True)
class InHouseCosts:
    """Every step of the Hampshire model, in GBP (a year, or per intervention)."""

    coordinator_cost: float
    coordinator_per_volunteer: float
    coordinator_per_intervention: float
    admin_cost_with_overheads: float
    admin_per_coordinator: float
    admin_per_volunteer: float
    admin_per_intervention: float
    expenses_per_volunteer: float
    expenses_per_intervention: float
    unit_cost: float
    cost_per_volunteer: float


@dataclass(frozen=True)
class CommissionedCosts:
    """Every step of the Isle of Wight model, in GBP (a year, or per intervention)."""

    service_per_volunteer: float
    service_per_intervention: float
    expenses_per_volunteer: float
    expenses_per_intervention: float
    unit_cost: float
    cost_per_volunteer: float


def in_house_costs(a: InHouseAssumptions) -> InHouseCosts:
    """Table 24, Hampshire: the unit cost of a substantive volunteer intervention."""
    coordinator = with_overheads(a.coordinator_salary, a.overhead_rate)
    coord_vol = coordinator / a.volunteers_per_coordinator
    admin = with_overheads(a.admin_cost, a.overhead_rate)
    admin_coord = admin / a.coordinators
    admin_vol = admin_coord / a.volunteers_per_coordinator
    expenses_vol = a.expenses_monthly * MONTHS_A_YEAR
    n = a.interventions_per_volunteer
    return InHouseCosts(
        coordinator_cost=coordinator,
        coordinator_per_volunteer=coord_vol,
        coordinator_per_intervention=coord_vol / n,
        admin_cost_with_overheads=admin,
        admin_per_coordinator=admin_coord,
        admin_per_volunteer=admin_vol,
        admin_per_intervention=admin_vol / n,
        expenses_per_volunteer=expenses_vol,
        expenses_per_intervention=expenses_vol / n,
        unit_cost=(coord_vol + admin_vol + expenses_vol) / n,
        cost_per_volunteer=coord_vol + admin_vol + expenses_vol,
    )


def commissioned_costs(a: CommissionedAssumptions) -> CommissionedCosts:
    """Table 24, Isle of Wight: the unit cost of a substantive volunteer intervention."""
    per_volunteer = a.service_cost / a.volunteers
    expenses_vol = a.expenses_monthly * MONTHS_A_YEAR
    n = a.interventions_per_volunteer
    return CommissionedCosts(
        service_per_volunteer=per_volunteer,
        service_per_intervention=per_volunteer / n,
        expenses_per_volunteer=expenses_vol,
        expenses_per_intervention=expenses_vol / n,
        unit_cost=(per_volunteer + expenses_vol) / n,
        cost_per_volunteer=per_volunteer + expenses_vol,
    )


def return_interview_cost(costs: InHouseCosts, interviews_per_volunteer: float) -> float:
    """Cost of one return interview for a volunteer who does only return interviews:
    the volunteer's full annual cost spread over the interviews they complete."""
    if interviews_per_volunteer <= 0:
        raise ValueError("return interviews per volunteer must be more than 0")
    return costs.cost_per_volunteer / interviews_per_volunteer


def unit_cost_curve(
    in_house: InHouseAssumptions,
    commissioned: CommissionedAssumptions,
    interventions: list[float],
) -> pd.DataFrame:
    """Unit cost per substantive intervention in both models as interventions per
    volunteer a year vary (everything else as assumed)."""
    from dataclasses import replace

    rows = []
    for n in interventions:
        h = in_house_costs(replace(in_house, interventions_per_volunteer=n))
        w = commissioned_costs(replace(commissioned, interventions_per_volunteer=n))
        rows.append(("Hampshire", n, h.unit_cost))
        rows.append(("Isle of Wight", n, w.unit_cost))
    return pd.DataFrame(rows, columns=["authority", "interventions_per_volunteer", "unit_cost"])


# --- the evidence --------------------------------------------------------------------------


def recruitment(funnel: pd.DataFrame, authority: str = "Hampshire") -> dict[str, int]:
    """People at each recruitment stage, and those remaining (inducted less resigned and
    withdrawn), from ``vol_recruitment``."""
    rows = funnel[funnel["authority"] == authority].set_index("stage")["people"]
    out = {stage: int(rows[stage]) for stage in RECRUITMENT_STAGES if stage in rows.index}
    missing = [s for s in RECRUITMENT_STAGES if s not in out]
    if missing:
        raise KeyError(f"vol_recruitment has no {', '.join(missing)} for {authority}")
    out["remaining"] = out["inducted"] - out["resigned"] - out["withdrawn"]
    if out["remaining"] < 0:
        raise ValueError(f"{authority}: more volunteers left than were inducted")
    return out


def activity(table: pd.DataFrame, authority: str, stream: str, measure: str) -> float:
    """One activity figure from ``vol_activity``."""
    rows = table[
        (table["authority"] == authority)
        & (table["stream"] == stream)
        & (table["measure"] == measure)
    ]
    if len(rows) != 1:
        raise KeyError(f"vol_activity has no single row for {authority}, {stream}, {measure}")
    return float(rows["value"].iloc[0])


def share(part: float, whole: float) -> float:
    """``part`` as a percentage of ``whole``."""
    if whole <= 0:
        raise ZeroDivisionError("a share of nothing is undefined")
    return part / whole * 100


def missing_with_shares(missing: pd.DataFrame, authority: str = "Hampshire") -> pd.DataFrame:
    """Table 16 by month with the share of returning children who had a return interview."""
    rows = missing[missing["authority"] == authority].sort_values("month")
    if rows.empty:
        raise KeyError(f"missing_returns has no months for {authority}")
    if (rows["return_interviews"] > rows["returning"]).any():
        raise ValueError("more return interviews than children returning in a month")
    out = rows[["month", "returning", "return_interviews"]].astype(
        {"returning": int, "return_interviews": int}
    )
    out["share_pct"] = out["return_interviews"] / out["returning"] * 100
    return out.reset_index(drop=True)


def interviews_in(missing: pd.DataFrame, month: str, authority: str = "Hampshire") -> int:
    """Children who had a return interview in one month (Table 16)."""
    rows = missing[(missing["authority"] == authority) & (missing["month"] == month)]
    if len(rows) != 1:
        raise KeyError(f"missing_returns has no single row for {authority}, {month}")
    return int(rows["return_interviews"].iloc[0])


#: The months the report compares for "immediately prior to the pilot" and "12 months
#: into it" (Table 16: 61 in October 2015, 118 in September 2016).
RI_BEFORE, RI_AFTER = "2015-10", "2016-09"

RECRUITMENT_STAGES = ("enquiries", "applications", "inducted", "resigned", "withdrawn")

#: Reference keys of the training counts, by role in ``vol_training``.
TRAINING_KEYS = {
    "mentoring": "trained_mentors",
    "family_support": "trained_family_support",
    "advocacy": "trained_advocacy",
    "return_interviews": "trained_return_interviews",
}


@dataclass(frozen=True)
class VolunteerAssumptions:
    """Everything the chapter's cost figures depend on."""

    in_house: InHouseAssumptions
    commissioned: CommissionedAssumptions
    ri_per_volunteer_low: float  # return interviews a volunteer completes a year (pilot)
    ri_per_volunteer_high: float  # return interviews a year if volunteers are encouraged

    def __post_init__(self) -> None:
        if self.ri_per_volunteer_low <= 0 or self.ri_per_volunteer_high <= 0:
            raise ValueError("return interviews per volunteer must be more than 0")


def figures(a: VolunteerAssumptions, tables: dict[str, pd.DataFrame]) -> dict[str, float]:
    """Every ``vol.*`` figure of the reference list, from parameters and data.

    Values are in the reference list's units: percentages as 0-100, money in GBP.
    """
    h = in_house_costs(a.in_house)
    w = commissioned_costs(a.commissioned)
    funnel = recruitment(tables["vol_recruitment"])
    act = tables["vol_activity"]
    training = tables["vol_training"]
    training = training[training["authority"] == "Hampshire"].set_index("role")["volunteers"]
    missing = tables["missing_returns"]
    ri_before = interviews_in(missing, RI_BEFORE)
    ri_after = interviews_in(missing, RI_AFTER)
    mentor_referred = activity(act, "Hampshire", "mentoring", "referred")
    mentor_matched = activity(act, "Hampshire", "mentoring", "matched")
    ri_requests = activity(act, "Hampshire", "return_interviews", "requests")
    ri_completed = activity(act, "Hampshire", "return_interviews", "completed")
    iow_engaged = activity(act, "Isle of Wight", "family_support", "engaged_positively")
    iow_benefited = activity(act, "Isle of Wight", "family_support", "benefited")
    out: dict[str, float] = {
        "vol.enquiries": funnel["enquiries"],
        "vol.applications": funnel["applications"],
        "vol.inducted": funnel["inducted"],
        "vol.inducted_of_enquiries": share(funnel["inducted"], funnel["enquiries"]),
        "vol.inducted_of_applications": share(funnel["inducted"], funnel["applications"]),
        "vol.resigned": funnel["resigned"],
        "vol.withdrawn": funnel["withdrawn"],
        "vol.remaining": funnel["remaining"],
        "vol.remaining_share": share(funnel["remaining"], funnel["inducted"]),
        "vol.coordinators_hants": a.in_house.coordinators,
        "vol.per_coordinator": a.in_house.volunteers_per_coordinator,
        "vol.iow_volunteers": a.commissioned.volunteers,
        "vol.mentor_matched": mentor_matched,
        "vol.mentor_referred": mentor_referred,
        "vol.mentor_matched_share": share(mentor_matched, mentor_referred),
        "vol.mentor_engaged": activity(act, "Hampshire", "mentoring", "engaged_effectively"),
        "vol.iow_fs_benefit": share(iow_benefited, iow_engaged),
        "vol.ri_requests": ri_requests,
        "vol.ri_completed": ri_completed,
        "vol.ri_completed_share": share(ri_completed, ri_requests),
        "vol.ri_per_month_q3": activity(act, "Hampshire", "return_interviews", "per_month"),
        "vol.ri_monthly_before": ri_before,
        "vol.ri_monthly_after": ri_after,
        "vol.ri_rise": pct_change(ri_before, ri_after),
        "vol.advocacy_referrals": activity(act, "Hampshire", "advocacy", "referrals"),
        "vol.advocacy_completed": activity(act, "Hampshire", "advocacy", "completed"),
        "vol.coordinator_salary": a.in_house.coordinator_salary,
        "vol.coordinator_cost": h.coordinator_cost,
        "vol.coordinator_per_volunteer": h.coordinator_per_volunteer,
        "vol.interventions_per_volunteer": a.in_house.interventions_per_volunteer,
        "vol.coordinator_per_intervention": h.coordinator_per_intervention,
        "vol.admin_cost": a.in_house.admin_cost,
        "vol.admin_cost_oh": h.admin_cost_with_overheads,
        "vol.admin_per_coordinator": h.admin_per_coordinator,
        "vol.admin_per_volunteer": h.admin_per_volunteer,
        "vol.admin_per_intervention": h.admin_per_intervention,
        "vol.expenses_monthly": a.in_house.expenses_monthly,
        "vol.expenses_per_intervention": h.expenses_per_intervention,
        "vol.unit_cost_hants": h.unit_cost,
        "vol.cost_per_volunteer_hants": h.cost_per_volunteer,
        "vol.ri_per_volunteer_low": a.ri_per_volunteer_low,
        "vol.ri_unit_cost_5": return_interview_cost(h, a.ri_per_volunteer_low),
        "vol.ri_per_volunteer_high": a.ri_per_volunteer_high,
        "vol.ri_unit_cost_10": return_interview_cost(h, a.ri_per_volunteer_high),
        "vol.iow_coordinator_cost": a.commissioned.service_cost,
        "vol.iow_per_volunteer": w.service_per_volunteer,
        "vol.iow_coordinator_per_intervention": w.service_per_intervention,
        "vol.unit_cost_iow": w.unit_cost,
        "vol.iow_cost_per_volunteer": w.cost_per_volunteer,
    }
    for role, key in TRAINING_KEYS.items():
        if role in training.index:
            out[f"vol.{key}"] = int(training[role])
    return out


def cost_steps(a: VolunteerAssumptions) -> pd.DataFrame:
    """Both Table 24 models as a table of steps: what, how it is worked out, the result."""
    h_a, w_a = a.in_house, a.commissioned
    h, w = in_house_costs(h_a), commissioned_costs(w_a)
    oh = f"{h_a.overhead_rate:.0%}"
    n = f"{h_a.interventions_per_volunteer:g}"
    per = f"{h_a.volunteers_per_coordinator:g}"
    rows = [
        (
            "Hampshire",
            "Coordinator salary",
            "parameter vol_coordinator_salary",
            h_a.coordinator_salary,
        ),
        ("Hampshire", "Coordinator cost", f"salary plus {oh} overheads", h.coordinator_cost),
        (
            "Hampshire",
            "Coordinator cost per volunteer",
            f"/ {per} volunteers per coordinator",
            h.coordinator_per_volunteer,
        ),
        (
            "Hampshire",
            "Coordinator cost per intervention",
            f"/ {n} interventions per volunteer",
            h.coordinator_per_intervention,
        ),
        ("Hampshire", "Admin and marketing", "parameter vol_admin_cost", h_a.admin_cost),
        (
            "Hampshire",
            "Admin and marketing with overheads",
            f"plus {oh} overheads",
            h.admin_cost_with_overheads,
        ),
        (
            "Hampshire",
            "Admin per coordinator",
            f"/ {h_a.coordinators:g} coordinators",
            h.admin_per_coordinator,
        ),
        ("Hampshire", "Admin per volunteer", f"/ {per} volunteers", h.admin_per_volunteer),
        ("Hampshire", "Admin per intervention", f"/ {n} interventions", h.admin_per_intervention),
        (
            "Hampshire",
            "Expenses per volunteer",
            f"£{h_a.expenses_monthly:,.2f} a month x 12",
            h.expenses_per_volunteer,
        ),
        (
            "Hampshire",
            "Expenses per intervention",
            f"/ {n} interventions",
            h.expenses_per_intervention,
        ),
        (
            "Hampshire",
            "Unit cost per substantive intervention",
            "coordinator + admin + expenses per intervention",
            h.unit_cost,
        ),
        (
            "Hampshire",
            "Cost per volunteer a year",
            "coordinator + admin + expenses per volunteer",
            h.cost_per_volunteer,
        ),
        (
            "Hampshire",
            "Cost per return interview (low)",
            f"cost per volunteer / {a.ri_per_volunteer_low:g} interviews",
            return_interview_cost(h, a.ri_per_volunteer_low),
        ),
        (
            "Hampshire",
            "Cost per return interview (high)",
            f"cost per volunteer / {a.ri_per_volunteer_high:g} interviews",
            return_interview_cost(h, a.ri_per_volunteer_high),
        ),
        ("Isle of Wight", "Service cost", "parameter vol_iow_service_cost", w_a.service_cost),
        (
            "Isle of Wight",
            "Service cost per volunteer",
            f"/ {w_a.volunteers:g} volunteers",
            w.service_per_volunteer,
        ),
        (
            "Isle of Wight",
            "Service cost per intervention",
            f"/ {w_a.interventions_per_volunteer:g} interventions",
            w.service_per_intervention,
        ),
        (
            "Isle of Wight",
            "Expenses per intervention",
            "as Hampshire",
            w.expenses_per_intervention,
        ),
        (
            "Isle of Wight",
            "Unit cost per substantive intervention",
            "service + expenses per intervention (no overheads)",
            w.unit_cost,
        ),
        (
            "Isle of Wight",
            "Cost per volunteer a year",
            "service + expenses per volunteer",
            w.cost_per_volunteer,
        ),
    ]
    return pd.DataFrame(rows, columns=["authority", "step", "how", "gbp"])
