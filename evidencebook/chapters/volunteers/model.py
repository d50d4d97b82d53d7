"""Volunteers: the evidence and the Appendix 4 (Table 24) unit-cost models.

Two delivery models are costed, named in the chapter's parameters after the authority each
describes (the report's are Hampshire's and the Isle of Wight's).

In-house (coordinators employed by the council; Hampshire's in the report), step by step:

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

Commissioned (a voluntary organisation paid to run the service; the Isle of Wight's, run by
Home-Start, in the report):

1. service cost per volunteer = annual cost of the service / volunteers on its books;
2. per substantive intervention = per volunteer / interventions per volunteer a year;
3. expenses per intervention as in-house (the report applies Hampshire's figure);
4. unit cost = the two added; cost per volunteer a year = the per-volunteer parts added.
   No overheads are added: the provider bears them.

The edge of care model (``models.edge``) takes its volunteer mentor element from
``in_house_costs``.

The evidence (recruitment, training, activity, return interviews) is read for every
authority a pack names, in pack order, under generic names (:func:`evidence`); the report's
figure ids for Hampshire and the Isle of Wight are given when the pack has those authorities.

Activity counts (people, families, requests, interviews, referrals) and the monthly counts of
children returning from going missing may be withheld ("c" in the pack, or by
``--suppress-below``): they are ``pd.NA`` here, and so is every figure worked out from one (a
share, a change, a total), and the paragraphs say "c".

This module holds the numbers only: the paragraphs written from them are in
:mod:`.wording`, the charts in :mod:`.charts`, the roll-out appraisal's inputs and ranges in
:mod:`.appraisal`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from evidencebook.analysis import arrays
from evidencebook.analysis.common import (
    authorities,
    pct_change,
    records,
    report_ids,
    window_means,
    with_overheads,
)
from evidencebook.analysis.formatting import is_withheld
from evidencebook.analysis.pack import not_available, withheld, withheld_column
from evidencebook.analysis.series import once_a_compute

MONTHS_A_YEAR = 12


@dataclass(frozen=True)
class InHouseAssumptions:
    """The in-house model: volunteer coordinators employed by the council."""

    coordinator_salary: float  # average annual coordinator salary, GBP, no overheads
    overhead_rate: float  # overheads as a share of salary and of admin costs (0.2 = 20%)
    volunteers_per_coordinator: float  # active volunteers one full-time coordinator supports
    coordinators: float  # full-time coordinators sharing the admin and marketing costs
    admin_cost: float  # annual administration and marketing costs, GBP, no overheads
    expenses_monthly: float  # average expenses paid to a volunteer a month, GBP
    interventions_per_volunteer: float  # substantive interventions per volunteer a year

    def __post_init__(self) -> None:
        for name in ("coordinator_salary", "admin_cost", "expenses_monthly"):
            if arrays.any_of(getattr(self, name) < 0):
                raise ValueError(f"{name} must be 0 or more")
        if arrays.any_of(self.overhead_rate < 0):
            raise ValueError("overhead_rate must be 0 or more")
        for name in ("volunteers_per_coordinator", "coordinators", "interventions_per_volunteer"):
            if arrays.any_of(getattr(self, name) <= 0):
                raise ValueError(f"{name} must be more than 0")


@dataclass(frozen=True)
class CommissionedAssumptions:
    """The commissioned model: a voluntary organisation paid to run the service."""

    service_cost: float  # annual cost of the commissioned service (a part-time coordinator)
    volunteers: float  # volunteers on the service's books
    expenses_monthly: float  # average expenses a volunteer a month (the in-house figure)
    interventions_per_volunteer: float  # substantive interventions per volunteer a year

    def __post_init__(self) -> None:
        if arrays.any_of(self.service_cost < 0) or arrays.any_of(self.expenses_monthly < 0):
            raise ValueError("service_cost and expenses_monthly must be 0 or more")
        if arrays.any_of(self.volunteers <= 0) or arrays.any_of(
            self.interventions_per_volunteer <= 0
        ):
            raise ValueError("volunteers and interventions_per_volunteer must be more than 0")


@dataclass(frozen=True)
class InHouseCosts:
    """Every step of the in-house model, in GBP (a year, or per intervention)."""

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
    """Every step of the commissioned model, in GBP (a year, or per intervention)."""

    service_per_volunteer: float
    service_per_intervention: float
    expenses_per_volunteer: float
    expenses_per_intervention: float
    unit_cost: float
    cost_per_volunteer: float


def in_house_costs(a: InHouseAssumptions) -> InHouseCosts:
    """Table 24, in-house: the unit cost of a substantive volunteer intervention."""
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
    """Table 24, commissioned: the unit cost of a substantive volunteer intervention."""
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
    labels: tuple[str, str],
) -> pd.DataFrame:
    """Unit cost per substantive intervention in both models as interventions per
    volunteer a year vary (everything else as assumed). ``labels`` name the in-house and
    the commissioned model in the ``authority`` column."""
    from dataclasses import replace

    rows = []
    for n in interventions:
        h = in_house_costs(replace(in_house, interventions_per_volunteer=n))
        w = commissioned_costs(replace(commissioned, interventions_per_volunteer=n))
        rows.append((labels[0], n, h.unit_cost))
        rows.append((labels[1], n, w.unit_cost))
    return pd.DataFrame(rows, columns=["authority", "interventions_per_volunteer", "unit_cost"])


# --- the evidence --------------------------------------------------------------------------


def recruitment(funnel: pd.DataFrame, authority: str) -> dict[str, int]:
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


def _number(value: object) -> float:
    """A figure as a float; ``pd.NA`` where it is withheld, None where it is not available."""
    if not_available(value):
        return pd.NA if value is pd.NA else None
    return float(value)


def _count(value: object) -> object:
    """A count as an int; ``pd.NA`` where it is withheld, None where it is not available."""
    if not_available(value):
        return pd.NA if value is pd.NA else None
    return int(value)


def activity(table: pd.DataFrame, authority: str, stream: str, measure: str) -> float:
    """One activity figure from ``vol_activity`` (``pd.NA`` where the count is withheld)."""
    rows = table[
        (table["authority"] == authority)
        & (table["stream"] == stream)
        & (table["measure"] == measure)
    ]
    if len(rows) != 1:
        raise KeyError(f"vol_activity has no single row for {authority}, {stream}, {measure}")
    return _number(rows["value"].iloc[0])


def share(part: float, whole: float) -> float:
    """``part`` as a percentage of ``whole`` (``pd.NA`` if either is withheld)."""
    if not_available(part) or not_available(whole):
        return pd.NA
    if whole <= 0:
        raise ZeroDivisionError("a share of nothing is undefined")
    return part / whole * 100


def change(before: object, after: object) -> float:
    """Percentage change from ``before`` to ``after`` (``pd.NA`` if either is withheld)."""
    if not_available(before) or not_available(after):
        return pd.NA
    return pct_change(float(before), float(after))


@once_a_compute  # the evidence and the chart read it: once a compute
def missing_with_shares(missing: pd.DataFrame, authority: str) -> pd.DataFrame:
    """Table 16 by month with the share of returning children who had a return interview
    (``pd.NA`` in a month with either count withheld, marked in ``share_pct_withheld``, or
    with no child returning: not available). The counts' withheld marks come along."""
    rows = missing[missing["authority"] == authority].sort_values("month")
    if rows.empty:
        raise KeyError(f"missing_returns has no months for {authority}")
    if (rows["return_interviews"] > rows["returning"]).any():
        raise ValueError("more return interviews than children returning in a month")
    counts = ["returning", "return_interviews"]
    out = rows[["month", *counts]].astype({c: "Int64" for c in counts})
    out["share_pct"] = (out["return_interviews"] / out["returning"] * 100).astype("Float64")
    marks = {withheld_column(c): withheld(rows, c) for c in counts}
    out = out.assign(**marks)
    out[withheld_column("share_pct")] = (
        marks[withheld_column("returning")] | marks[withheld_column("return_interviews")]
    )
    return out.reset_index(drop=True)


RECRUITMENT_STAGES = ("enquiries", "applications", "inducted", "resigned", "withdrawn")

#: Generic names of the training counts, by role in ``vol_training``.
TRAINING_KEYS = {
    "mentoring": "trained_mentors",
    "family_support": "trained_family_support",
    "advocacy": "trained_advocacy",
    "return_interviews": "trained_return_interviews",
}

#: Generic names of the activity figures, by (stream, measure) of ``vol_activity``.
ACTIVITY_KEYS = {
    ("mentoring", "referred"): "mentor_referred",
    ("mentoring", "matched"): "mentor_matched",
    ("mentoring", "engaged_effectively"): "mentor_engaged",
    ("family_support", "engaged_positively"): "fs_engaged",
    ("family_support", "benefited"): "fs_benefited",
    ("family_support", "benefited_very_much"): "fs_very_much",
    ("family_support", "benefited_somewhat"): "fs_somewhat",
    ("return_interviews", "requests"): "ri_requests",
    ("return_interviews", "completed"): "ri_completed",
    ("return_interviews", "per_month"): "ri_per_month",
    ("return_interviews", "not_completed_volunteer"): "ri_not_volunteer",
    ("advocacy", "referrals"): "advocacy_referrals",
    ("advocacy", "completed"): "advocacy_completed",
}

#: Shares worked out wherever an authority has both counts: name -> (part, whole).
SHARES = {
    "inducted_of_enquiries": ("inducted", "enquiries"),
    "inducted_of_applications": ("inducted", "applications"),
    "remaining_share": ("remaining", "inducted"),
    "resigned_share": ("resigned", "inducted"),
    "withdrawn_share": ("withdrawn", "inducted"),
    "mentor_matched_share": ("mentor_matched", "mentor_referred"),
    "fs_benefit": ("fs_benefited", "fs_engaged"),
    "ri_completed_share": ("ri_completed", "ri_requests"),
    "advocacy_share": ("advocacy_completed", "advocacy_referrals"),
    "ri_share_before": ("ri_monthly_before", "returning_before"),
    "ri_share_after": ("ri_monthly_after", "returning_after"),
    **{f"{key}_share": (key, "remaining") for key in TRAINING_KEYS.values()},
}


def pack_authorities(tables: dict[str, pd.DataFrame]) -> list[str]:
    """The authorities the chapter's tables name, in pack order (``vol_delivery`` first)."""
    return authorities(
        *(
            tables[name]
            for name in (
                "vol_delivery",
                "vol_recruitment",
                "vol_training",
                "vol_activity",
                "missing_returns",
            )
        )
    )


def evidence(tables: dict[str, pd.DataFrame]) -> dict[str, dict[str, object]]:
    """Every evidence figure the pack has, for each authority it names, in pack order.

    Counts and percentages are numbers under generic names (``enquiries``,
    ``mentor_matched``, ``fs_benefit``, ...; see :data:`ACTIVITY_KEYS` and :data:`SHARES`);
    an activity's period, where given, is a (first, last) month pair under ``<name>_period``;
    the first and last months of the return interview counts are ``ri_month_before`` and
    ``ri_month_after``. An authority has only the figures its rows give.
    """
    delivery = tables["vol_delivery"].set_index("authority")
    funnel = tables["vol_recruitment"]
    training = tables["vol_training"]
    act = tables["vol_activity"]
    missing = tables["missing_returns"]
    out: dict[str, dict[str, object]] = {}
    for authority in pack_authorities(tables):
        ev: dict[str, object] = {}
        if authority in delivery.index:
            for col, name in (
                ("active_per_coordinator_low", "active_low"),
                ("active_per_coordinator_high", "active_high"),
            ):
                value = delivery.loc[authority, col]
                if not pd.isna(value):
                    ev[name] = int(value)
        if (funnel["authority"] == authority).any():
            ev |= recruitment(funnel, authority)
        trained = training[training["authority"] == authority]
        for role, count in zip(trained["role"], trained["volunteers"], strict=True):
            ev[TRAINING_KEYS[role]] = int(count)
        rows = act[act["authority"] == authority]
        for rec in records(rows):
            name = ACTIVITY_KEYS.get((rec["stream"], rec["measure"]))
            if name is None:
                continue
            ev[name] = _number(rec["value"])  # a value is required: blank only if withheld
            if not pd.isna(rec["period_from"]) and not pd.isna(rec["period_to"]):
                ev[f"{name}_period"] = (str(rec["period_from"]), str(rec["period_to"]))
        if (missing["authority"] == authority).any():
            months = missing_with_shares(missing, authority)
            first, last = months.iloc[0], months.iloc[-1]
            ev |= {
                "ri_month_before": str(first["month"]),
                "ri_month_after": str(last["month"]),
                "ri_monthly_before": _count(first["return_interviews"]),
                "ri_monthly_after": _count(last["return_interviews"]),
                "returning_before": _count(first["returning"]),
                "returning_after": _count(last["returning"]),
                # a total with a withheld month in it would give the month away
                "ri_total": _count(months["return_interviews"].sum(skipna=False)),
                "returning_total": _count(months["returning"].sum(skipna=False)),
                "missing_months": len(months),
            }
            if len(months) > 1:
                ev["ri_rise"] = change(first["return_interviews"], last["return_interviews"])
                ev["returning_rise"] = change(first["returning"], last["returning"])
            # the ends of a noisy monthly series, each the mean of a few months
            for key, column in (
                ("ri_window", "return_interviews"),
                ("returning_window", "returning"),
            ):
                w = window_means(months["month"], months[column])
                if w is not None:
                    ev[key] = w
        for name, (part, whole) in SHARES.items():
            if part in ev and whole in ev and (not_available(ev[whole]) or ev[whole]):
                ev[name] = share(ev[part], ev[whole])
        out[authority] = ev
    return out


#: The report's figure ids, for each pilot authority: id -> generic name in :func:`evidence`.
REPORT_IDS = {
    "hants": {
        "vol.enquiries": "enquiries",
        "vol.applications": "applications",
        "vol.inducted": "inducted",
        "vol.inducted_of_enquiries": "inducted_of_enquiries",
        "vol.inducted_of_applications": "inducted_of_applications",
        "vol.resigned": "resigned",
        "vol.withdrawn": "withdrawn",
        "vol.remaining": "remaining",
        "vol.remaining_share": "remaining_share",
        **{f"vol.{key}": key for key in TRAINING_KEYS.values()},
        "vol.mentor_matched": "mentor_matched",
        "vol.mentor_referred": "mentor_referred",
        "vol.mentor_matched_share": "mentor_matched_share",
        "vol.mentor_engaged": "mentor_engaged",
        "vol.ri_requests": "ri_requests",
        "vol.ri_completed": "ri_completed",
        "vol.ri_completed_share": "ri_completed_share",
        "vol.ri_per_month_q3": "ri_per_month",
        "vol.ri_monthly_before": "ri_monthly_before",
        "vol.ri_monthly_after": "ri_monthly_after",
        "vol.ri_rise": "ri_rise",
        "vol.advocacy_referrals": "advocacy_referrals",
        "vol.advocacy_completed": "advocacy_completed",
    },
    "iow": {"vol.iow_fs_benefit": "fs_benefit"},
}


@dataclass(frozen=True)
class VolunteerAssumptions:
    """Everything the chapter's cost figures depend on."""

    in_house: InHouseAssumptions
    commissioned: CommissionedAssumptions
    ri_per_volunteer_low: float  # return interviews a volunteer completes a year (pilot)
    ri_per_volunteer_high: float  # return interviews a year if volunteers are encouraged
    in_house_authority: str  # the authority whose in-house service the model describes
    commissioned_authority: str  # the authority whose commissioned service it describes

    def __post_init__(self) -> None:
        if self.ri_per_volunteer_low <= 0 or self.ri_per_volunteer_high <= 0:
            raise ValueError("return interviews per volunteer must be more than 0")
        if not str(self.in_house_authority).strip():
            raise ValueError("in_house_authority must name an authority")
        if not str(self.commissioned_authority).strip():
            raise ValueError("commissioned_authority must name an authority")


def figures(
    a: VolunteerAssumptions,
    tables: dict[str, pd.DataFrame],
    found: dict[str, dict[str, object]] | None = None,
) -> dict[str, float]:
    """Every ``vol.*`` figure of the reference list, from parameters and data.

    The cost figures come from the parameters and are always given (the ``_hants`` ones
    from the in-house model, the ``iow`` ones from the commissioned model); the evidence
    figures are given for whichever of the report's pilot authorities the pack holds.
    Values are in the reference list's units: percentages as 0-100, money in GBP.
    ``found`` (:func:`evidence` of the tables) is worked out here unless a caller that has
    it already passes it.
    """
    h = in_house_costs(a.in_house)
    w = commissioned_costs(a.commissioned)
    out: dict[str, float] = report_ids(evidence(tables) if found is None else found, REPORT_IDS)
    out |= {
        "vol.coordinators_hants": a.in_house.coordinators,
        "vol.per_coordinator": a.in_house.volunteers_per_coordinator,
        "vol.iow_volunteers": a.commissioned.volunteers,
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
    return out


def extra_figures(a: VolunteerAssumptions) -> dict[str, float]:
    """Figures the chapter states beyond the reference list: the overhead rate as a
    percentage, a volunteer's expenses a year, and the expenses the commissioned model
    applies per intervention."""
    return {
        "vol.overhead_pct": a.in_house.overhead_rate * 100,
        "vol.expenses_per_volunteer": in_house_costs(a.in_house).expenses_per_volunteer,
        "vol.iow_expenses_per_intervention": commissioned_costs(
            a.commissioned
        ).expenses_per_intervention,
    }


#: The report's printed figures the chapter sets beside the book's: glued id -> reference id.
STATED = {
    "vol.unit_cost_hants_report": "vol.unit_cost_hants",
    "vol.cost_per_volunteer_hants_report": "vol.cost_per_volunteer_hants",
    "vol.iow_cost_per_volunteer_report": "vol.iow_cost_per_volunteer",
    "vol.ri_unit_cost_5_report": "vol.ri_unit_cost_5",
    "vol.ri_unit_cost_10_report": "vol.ri_unit_cost_10",
    "vol.coordinator_cost_report": "vol.coordinator_cost",
    "vol.coordinator_cost_report_edge": "edge.worker_cost",
}


def stated_figures(reference: pd.DataFrame) -> dict[str, float]:
    """The values the report prints for the figures in :data:`STATED` (from the reference
    list), and the annual cost of a volunteer its costs per return interview imply."""
    value = reference.set_index("id")["value"]
    out = {glued: float(value[fid]) for glued, fid in STATED.items()}
    out["vol.ri_implied_per_volunteer"] = float(value["vol.ri_unit_cost_5"]) * float(
        value["vol.ri_per_volunteer_low"]
    )
    return out


def cost_steps(a: VolunteerAssumptions) -> pd.DataFrame:
    """Both Table 24 models as a table of steps: what, how it is worked out, the result."""
    h_a, w_a = a.in_house, a.commissioned
    h, w = in_house_costs(h_a), commissioned_costs(w_a)
    oh = f"{h_a.overhead_rate:.0%}"
    n = f"{h_a.interventions_per_volunteer:g}"
    per = f"{h_a.volunteers_per_coordinator:g}"
    home, bought = a.in_house_authority, a.commissioned_authority
    rows = [
        (
            home,
            "Coordinator salary",
            "parameter vol_coordinator_salary",
            h_a.coordinator_salary,
        ),
        (home, "Coordinator cost", f"salary plus {oh} overheads", h.coordinator_cost),
        (
            home,
            "Coordinator cost per volunteer",
            f"/ {per} volunteers per coordinator",
            h.coordinator_per_volunteer,
        ),
        (
            home,
            "Coordinator cost per intervention",
            f"/ {n} interventions per volunteer",
            h.coordinator_per_intervention,
        ),
        (home, "Admin and marketing", "parameter vol_admin_cost", h_a.admin_cost),
        (
            home,
            "Admin and marketing with overheads",
            f"plus {oh} overheads",
            h.admin_cost_with_overheads,
        ),
        (
            home,
            "Admin per coordinator",
            f"/ {h_a.coordinators:g} coordinators",
            h.admin_per_coordinator,
        ),
        (home, "Admin per volunteer", f"/ {per} volunteers", h.admin_per_volunteer),
        (home, "Admin per intervention", f"/ {n} interventions", h.admin_per_intervention),
        (
            home,
            "Expenses per volunteer",
            f"£{h_a.expenses_monthly:,.2f} a month x 12",
            h.expenses_per_volunteer,
        ),
        (
            home,
            "Expenses per intervention",
            f"/ {n} interventions",
            h.expenses_per_intervention,
        ),
        (
            home,
            "Unit cost per substantive intervention",
            "coordinator + admin + expenses per intervention",
            h.unit_cost,
        ),
        (
            home,
            "Cost per volunteer a year",
            "coordinator + admin + expenses per volunteer",
            h.cost_per_volunteer,
        ),
        (
            home,
            "Cost per return interview (low)",
            f"cost per volunteer / {a.ri_per_volunteer_low:g} interviews",
            return_interview_cost(h, a.ri_per_volunteer_low),
        ),
        (
            home,
            "Cost per return interview (high)",
            f"cost per volunteer / {a.ri_per_volunteer_high:g} interviews",
            return_interview_cost(h, a.ri_per_volunteer_high),
        ),
        (bought, "Service cost", "parameter vol_iow_service_cost", w_a.service_cost),
        (
            bought,
            "Service cost per volunteer",
            f"/ {w_a.volunteers:g} volunteers",
            w.service_per_volunteer,
        ),
        (
            bought,
            "Service cost per intervention",
            f"/ {w_a.interventions_per_volunteer:g} interventions",
            w.service_per_intervention,
        ),
        (
            bought,
            "Expenses per intervention",
            "as in-house",
            w.expenses_per_intervention,
        ),
        (
            bought,
            "Unit cost per substantive intervention",
            "service + expenses per intervention (no overheads)",
            w.unit_cost,
        ),
        (
            bought,
            "Cost per volunteer a year",
            "service + expenses per volunteer",
            w.cost_per_volunteer,
        ),
    ]
    return pd.DataFrame(rows, columns=["authority", "step", "how", "gbp"])


def completion_rows(evidence_: dict[str, dict[str, object]]) -> pd.DataFrame:
    """For the chart of work matched or completed: one row per kind of work and authority
    with both counts (columns work, outcome, count, base, base_is; a withheld count is
    ``pd.NA``, marked in count_withheld or base_withheld)."""
    kinds = [
        ("Mentoring", "matched", "mentor_matched", "mentor_referred", "young people referred"),
        ("Return interviews", "completed", "ri_completed", "ri_requests", "requests"),
        ("Advocacy", "completed", "advocacy_completed", "advocacy_referrals", "referrals"),
        ("Family support", "benefited", "fs_benefited", "fs_engaged", "families engaged"),
    ]
    rows = [
        (
            f"{label} ({name})",
            outcome,
            _number(ev[part]),
            _number(ev[whole]),
            base_is,
            is_withheld(ev[part]),
            is_withheld(ev[whole]),
        )
        for label, outcome, part, whole, base_is in kinds
        for name, ev in evidence_.items()
        if part in ev and whole in ev
    ]
    columns = ["work", "outcome", "count", "base", "base_is"]
    marks = [withheld_column("count"), withheld_column("base")]
    out = pd.DataFrame(rows, columns=[*columns, *marks])
    return out.astype({"count": "Float64", "base": "Float64"} | dict.fromkeys(marks, bool))
