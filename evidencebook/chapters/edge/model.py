"""Edge of care: the evidence and the Appendix 4 (Table 23) unit-cost model.

The unit cost of a typical edge of care intervention adds three elements:

1. the edge worker: salary plus overheads, divided by the young people an edge worker
   works with in a year;
2. the structured activities programme: its average cost per young person (the report
   gives the average and the range, not how the average was worked out);
3. the volunteer mentor: the unit cost of a substantive volunteer intervention from the
   volunteer model (``models.volunteers.in_house_costs``), not a copy of its arithmetic.

The social worker and other services of the child's statutory plan are not included.

Counts of young people may be withheld ("c" in the pack, or by ``--suppress-below``): they
are ``pd.NA`` here, and so is every figure worked out from one (a share, a rate, a total).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from evidencebook.analysis import arrays, uncertainty
from evidencebook.analysis.common import whole, with_overheads
from evidencebook.analysis.figures import reference_figures
from evidencebook.analysis.pack import cell, withheld, withheld_column
from evidencebook.analysis.series import authorities_with_ages, change
from evidencebook.chapters.volunteers import model as volunteers

MONTHS_A_YEAR = 12


@dataclass(frozen=True)
class EdgeAssumptions:
    """The report's assumptions for Table 23; defaults live in the chapter's parameters."""

    worker_salary: float  # average annual edge worker salary, GBP, no overheads
    overhead_rate: float  # overheads as a share of salary (0.2 = 20%)
    young_people_per_worker: float  # young people an edge worker works with a year
    activities_cost: float  # average activities programme cost per young person, GBP
    activities_cost_low: float  # lowest programme cost per young person, GBP
    activities_cost_high: float  # highest programme cost per young person, GBP
    mentor: volunteers.InHouseAssumptions  # the volunteer model behind the mentor element

    def __post_init__(self) -> None:
        for name in ("worker_salary", "activities_cost", "activities_cost_low"):
            if arrays.any_of(getattr(self, name) < 0):
                raise ValueError(f"{name} must be 0 or more")
        if arrays.any_of(self.overhead_rate < 0):
            raise ValueError("overhead_rate must be 0 or more")
        if arrays.any_of(self.young_people_per_worker <= 0):
            raise ValueError("young_people_per_worker must be more than 0")
        if not arrays.within(
            self.activities_cost, self.activities_cost_low, self.activities_cost_high
        ):
            raise ValueError(
                "the average activities cost must lie between the lowest and the highest"
            )


@dataclass(frozen=True)
class EdgeCosts:
    """Every step of Table 23, in GBP (a year, or per intervention)."""

    worker_cost: float
    worker_per_intervention: float
    activities_per_intervention: float
    mentor_per_intervention: float
    unit_cost: float
    unit_cost_low: float  # with the cheapest activities programme
    unit_cost_high: float  # with the dearest activities programme


def cost_model(a: EdgeAssumptions) -> EdgeCosts:
    """Table 23: the unit cost of a typical edge of care intervention."""
    worker = with_overheads(a.worker_salary, a.overhead_rate)
    worker_per = worker / a.young_people_per_worker
    mentor = volunteers.in_house_costs(a.mentor).unit_cost
    return EdgeCosts(
        worker_cost=worker,
        worker_per_intervention=worker_per,
        activities_per_intervention=a.activities_cost,
        mentor_per_intervention=mentor,
        unit_cost=worker_per + a.activities_cost + mentor,
        unit_cost_low=worker_per + a.activities_cost_low + mentor,
        unit_cost_high=worker_per + a.activities_cost_high + mentor,
    )


# --- the evidence --------------------------------------------------------------------------


def months_between(first: str, last: str) -> int:
    """Calendar months from ``first`` to ``last`` (YYYY-MM), both counted."""
    y1, m1 = (int(x) for x in first.split("-"))
    y2, m2 = (int(x) for x in last.split("-"))
    months = (y2 - y1) * 12 + (m2 - m1) + 1
    if months <= 0:
        raise ValueError(f"period ends ({last}) before it starts ({first})")
    return months


def one_row(table: pd.DataFrame, name: str, column: str, key: str) -> pd.DataFrame:
    """The one row of the table ``name`` whose ``column`` is ``key`` (KeyError if there is
    none, or more than one)."""
    rows = table[table[column] == key]
    if len(rows) != 1:
        raise KeyError(f"{name} has no single row for {key}")
    return rows


def count(counts: pd.DataFrame, measure: str) -> object:
    """One count from ``edge_counts`` (``pd.NA`` if withheld)."""
    return whole(one_row(counts, "edge_counts", "measure", measure)["count"].iloc[0])


def annual_rate(counts: pd.DataFrame, measure: str) -> float:
    """A count over its period turned into a rate a year (202 in 9 months is 269 a year)."""
    row = one_row(counts, "edge_counts", "measure", measure)
    first, last = row["period_from"].iloc[0], row["period_to"].iloc[0]
    if pd.isna(first) or pd.isna(last):
        raise ValueError(f"edge_counts: {measure} needs period_from and period_to for a rate")
    n = whole(row["count"].iloc[0])
    return n * MONTHS_A_YEAR / months_between(str(first), str(last)) if n is not pd.NA else pd.NA


def share(part: float, whole: float) -> float:
    """``part`` as a percentage of ``whole`` (``pd.NA`` if either is withheld)."""
    if pd.isna(part) or pd.isna(whole):
        return pd.NA
    if whole <= 0:
        raise ZeroDivisionError("a share of nothing is undefined")
    return part / whole * 100


def cohort_share(cohort: pd.DataFrame, item: str) -> float:
    """Share of the cohort with one characteristic, from ``edge_cohort``."""
    return float(one_row(cohort, "edge_cohort", "item", item)["share_pct"].iloc[0])


def engagement(table: pd.DataFrame, measure: str) -> float:
    """One engagement percentage from ``edge_engagement``."""
    return float(one_row(table, "edge_engagement", "measure", measure)["share_pct"].iloc[0])


def case_files(table: pd.DataFrame, question: str) -> pd.DataFrame:
    """The case-file judgements on one question, with the sample (base) they come from.

    The base is the question's cases added up; if any is withheld, so is the base (it would
    give the withheld count away), and every share.
    """
    rows = table[table["question"] == question][["judgement", "label", "cases"]].copy()
    if rows.empty:
        raise KeyError(f"edge_case_files has no rows for {question}")
    rows["cases"] = rows["cases"].astype("Int64")
    rows["base"] = pd.array([rows["cases"].sum(skipna=False)] * len(rows), dtype="Int64")
    rows["share_pct"] = (rows["cases"] / rows["base"] * 100).astype("Float64")
    return rows.reset_index(drop=True)


def case_count(table: pd.DataFrame, question: str, judgement: str) -> tuple[object, object]:
    """(cases, base) for one judgement (``pd.NA`` where withheld)."""
    rows = case_files(table, question).set_index("judgement")
    if judgement not in rows.index:
        raise KeyError(f"edge_case_files has no {judgement} for {question}")
    return whole(rows.loc[judgement, "cases"]), whole(rows.loc[judgement, "base"])


def stated_rise(table: pd.DataFrame, ages: str) -> float:
    """The rise in children becoming looked after as the report states it."""
    rows = table[table["ages"] == ages]
    if len(rows) != 1:
        raise KeyError(f"edge_cla_change has no single row for {ages}")
    return float(rows["change_pct"].iloc[0])


#: Ages counted in Table 14.
AGES_14_18 = ("14", "15", "16", "17", "18")


def starts_by_quarter(starts: pd.DataFrame, authority: str = "Hampshire") -> pd.DataFrame:
    """Children becoming looked after each quarter: all ages (Table 12) and ages 14 to 18
    added up from Table 14, side by side. A withheld (or missing) count is ``pd.NA``, and so
    is the 14-to-18 total of a quarter with one; ``all_ages_withheld`` and
    ``ages_14_18_withheld`` mark those worked out from a withheld count."""
    rows = starts[starts["authority"] == authority].assign(shut=withheld(starts, "children"))
    wide = rows.pivot(index="quarter", columns="age", values="children")
    shut = rows.pivot(index="quarter", columns="age", values="shut").fillna(False).astype(bool)
    missing = [a for a in ("all ages", *AGES_14_18) if a not in wide.columns]
    if missing:
        raise KeyError(f"looked_after_starts_quarterly has no {', '.join(missing)} rows")
    out = pd.DataFrame(
        {
            "quarter": wide.index,
            "all_ages": wide["all ages"].astype("Int64").to_numpy(),
            "ages_14_18": wide[list(AGES_14_18)]
            .astype("Int64")
            .sum(axis=1, skipna=False)
            .to_numpy(),
            withheld_column("all_ages"): shut["all ages"].to_numpy(),
            withheld_column("ages_14_18"): shut[list(AGES_14_18)].any(axis=1).to_numpy(),
        }
    )
    return out.sort_values("quarter").reset_index(drop=True)


def recomputed_rise(quarters: pd.DataFrame, column: str, first: str, last: str) -> float:
    """Percentage change in one column of ``starts_by_quarter`` between two quarters."""
    by = quarters.set_index("quarter")
    for q in (first, last):
        if q not in by.index:
            raise KeyError(f"no looked-after starts for {q}")
    return change(cell(by, first, column), cell(by, last, column))


#: The quarters compared for "immediately prior to the pilot" (July to September 2015) and
#: "10-12 months into it" (July to September 2016).
CLA_BEFORE, CLA_AFTER = "2015-Q3", "2016-Q3"


@dataclass(frozen=True)
class RecomputedRises:
    """The two looked-after rises of the edge of care findings, recomputed from the
    quarterly counts over :data:`CLA_BEFORE` to :data:`CLA_AFTER` (percentages; ``pd.NA``
    where worked out from a withheld count)."""

    ages_14_18: object  # Table 14
    all_ages: object  # Table 12

    def figures(self) -> dict[str, object]:
        """The rises under the reference list's ids."""
        return {
            "edge.cla_rise_14_18_recomputed": self.ages_14_18,
            "edge.cla_rise_all_recomputed": self.all_ages,
        }


def recomputed_rises(
    starts: pd.DataFrame, quarters: pd.DataFrame | None = None
) -> RecomputedRises | None:
    """The edge of care findings' two looked-after rises recomputed from the quarterly
    counts, over :data:`CLA_BEFORE` to :data:`CLA_AFTER` ("immediately prior to the pilot
    and 10-12 months into it"), for the first authority counted by age: ages 14 to 18
    (Table 14) and all ages (Table 12). None where the pack has no such counts.
    ``quarters``, the :func:`starts_by_quarter` of that authority (:func:`pilot_authority`),
    is worked out here unless a caller that has it passes it."""
    if quarters is None:
        with_ages = authorities_with_ages(starts)
        if not with_ages:
            return None
        quarters = starts_by_quarter(starts, with_ages[0])
    try:
        return RecomputedRises(
            ages_14_18=recomputed_rise(quarters, "ages_14_18", CLA_BEFORE, CLA_AFTER),
            all_ages=recomputed_rise(quarters, "all_ages", CLA_BEFORE, CLA_AFTER),
        )
    except KeyError:  # the pack does not count both quarters
        return None


def figures(
    a: EdgeAssumptions, tables: dict[str, pd.DataFrame], quarters: pd.DataFrame | None = None
) -> dict[str, object]:
    """Every ``edge.*`` figure of the reference list, from parameters and data.

    Values are in the reference list's units: percentages as 0-100, money in GBP. The three
    the list writes as text are text here too: the caseload range ("10-12") and case-file
    counts out of their sample ("8/12"). ``quarters``: as for :func:`recomputed_rises`.
    """
    counts = tables["edge_counts"]
    cohort = tables["edge_cohort"]
    eng = tables["edge_engagement"]
    files = tables["edge_case_files"]
    changes = tables["edge_cla_change"]
    costs = cost_model(a)
    started = count(counts, "started")
    started_annual = annual_rate(counts, "started")
    teams = count(counts, "teams")
    requests = count(counts, "mentor_requested")
    matched = count(counts, "mentor_matched")
    entered = count(counts, "entered_care")
    eet = count(counts, "eet_improved")

    def out_of(question: str, judgement: str) -> object:
        n, base = case_count(files, question, judgement)
        return pd.NA if n is pd.NA or base is pd.NA else f"{n}/{base}"

    rises = recomputed_rises(tables["looked_after_starts_quarterly"], quarters)
    return ({} if rises is None else rises.figures()) | {
        "edge.referred": count(counts, "referred"),
        "edge.referred_annual": annual_rate(counts, "referred"),
        "edge.started": started,
        "edge.started_annual": started_annual,
        "edge.teams": teams,
        "edge.per_team": started_annual / teams if started_annual is not pd.NA else pd.NA,
        "edge.caseload": f"{count(counts, 'caseload_low')}-{count(counts, 'caseload_high')}",
        "edge.male": cohort_share(cohort, "male"),
        "edge.aged_14_15": cohort_share(cohort, "aged_14_15"),
        "edge.engaged_well": engagement(eng, "engaged_well"),
        "edge.disengaged": engagement(eng, "disengaged"),
        "edge.never_engaged": engagement(eng, "never_engaged"),
        "edge.activity_usage": engagement(eng, "activity_usage"),
        "edge.activity_completed": engagement(eng, "activity_completed"),
        "edge.mentor_requests": requests,
        "edge.mentor_matched": matched,
        "edge.mentor_matched_share": share(matched, requests),
        "edge.entered_care": entered,
        "edge.entered_care_share": share(entered, started),
        "edge.cla_rise_14_18": stated_rise(changes, "14-18"),
        "edge.cla_rise_all_ages": stated_rise(changes, "all ages"),
        "edge.eet_improved": eet,
        "edge.eet_improved_share": share(eet, started),
        "edge.imminent_risk": out_of("imminent_risk", "imminent"),
        "edge.outcome_positive": out_of("short_term_outcome", "positive"),
        "edge.outcome_partial": out_of("short_term_outcome", "partial"),
        "edge.outcome_negative": out_of("short_term_outcome", "negative"),
        "edge.worker_salary": a.worker_salary,
        "edge.worker_cost": costs.worker_cost,
        "edge.worker_per_intervention": costs.worker_per_intervention,
        "edge.activities_low": a.activities_cost_low,
        "edge.activities_high": a.activities_cost_high,
        "edge.activities_average": a.activities_cost,
        "edge.mentor_per_intervention": costs.mentor_per_intervention,
        "edge.unit_cost": costs.unit_cost,
    }


def pilot_authority(starts: pd.DataFrame) -> str:
    """The authority whose quarterly starts are counted by age (Hampshire in the report).
    The build checks a pack has one before any notebook runs (``checks.py``)."""
    found = authorities_with_ages(starts)
    if not found:
        raise KeyError("looked_after_starts_quarterly has no counts by age for any authority")
    return found[0]


def chapter_figures(
    a: EdgeAssumptions,
    tables: dict[str, pd.DataFrame],
    figs: dict[str, object],
    quarters: pd.DataFrame | None = None,
) -> dict[str, object]:
    """The figures the chapter states beyond the reference list's (``figs``, from
    :func:`figures`): counts and shares behind the case-file sample with their intervals,
    the quarterly starts, the cost steps and the report's printed costs beside them.
    ``quarters``, the :func:`starts_by_quarter` of the :func:`pilot_authority`, is worked
    out here unless a caller that has it passes it."""
    counts = tables["edge_counts"]
    cohort = tables["edge_cohort"]
    files = tables["edge_case_files"]
    costs = cost_model(a)
    mentor = volunteers.in_house_costs(a.mentor)
    risk = case_files(files, "imminent_risk").set_index("judgement")
    outcome = case_files(files, "short_term_outcome").set_index("judgement")
    starts = tables["looked_after_starts_quarterly"]
    if quarters is None:
        quarters = starts_by_quarter(starts, pilot_authority(starts))
    by_q = quarters.set_index("quarter")
    reported = reference_figures().set_index("id")["value"]
    started = counts[counts["measure"] == "started"].iloc[0]
    out = {
        "edge.months": months_between(started["period_from"], started["period_to"]),
        "edge.caseload_low": count(counts, "caseload_low"),
        "edge.caseload_high": count(counts, "caseload_high"),
        "edge.female": cohort_share(cohort, "female"),
        "edge.aged_16": cohort_share(cohort, "aged_16"),
        "edge.aged_17": cohort_share(cohort, "aged_17"),
        "edge.case_files_n": whole(risk["base"].iloc[0]),
        "edge.outcome_files_n": whole(outcome["base"].iloc[0]),
        "edge.imminent_n": whole(risk.loc["imminent", "cases"]),
        "edge.imminent_pct": risk.loc["imminent", "share_pct"],
        "edge.chronic_n": whole(risk.loc["chronic", "cases"]),
        "edge.escalating_n": whole(risk.loc["escalating", "cases"]),
        "edge.positive_n": whole(outcome.loc["positive", "cases"]),
        "edge.partial_n": whole(outcome.loc["partial", "cases"]),
        "edge.negative_n": whole(outcome.loc["negative", "cases"]),
        "edge.positive_pct": outcome.loc["positive", "share_pct"],
        "edge.partial_pct": outcome.loc["partial", "share_pct"],
        "edge.negative_pct": outcome.loc["negative", "share_pct"],
        "edge.cla_14_18_before": whole(cell(by_q, CLA_BEFORE, "ages_14_18")),
        "edge.cla_14_18_after": whole(cell(by_q, CLA_AFTER, "ages_14_18")),
        "edge.cla_all_before": whole(cell(by_q, CLA_BEFORE, "all_ages")),
        "edge.cla_all_after": whole(cell(by_q, CLA_AFTER, "all_ages")),
        "edge.cla_all_max_rise": (
            quarters["all_ages"].max(skipna=False) / quarters["all_ages"].min(skipna=False) - 1
        )
        * 100,
        "edge.overhead_pct": a.overhead_rate * 100,
        "edge.per_worker": a.young_people_per_worker,
        # NA if starts are withheld
        "edge.worker_per_intervention_at_rate": costs.worker_cost / figs["edge.per_team"],
        "edge.mentor_coordinator": mentor.coordinator_per_intervention,
        "edge.mentor_admin": mentor.admin_per_intervention,
        "edge.mentor_expenses": mentor.expenses_per_intervention,
        "edge.interventions_per_volunteer": a.mentor.interventions_per_volunteer,
        "edge.unit_cost_low": costs.unit_cost_low,
        "edge.unit_cost_high": costs.unit_cost_high,
        "edge.worker_cost_report": float(reported["edge.worker_cost"]),
        "edge.worker_cost_report_vol": float(reported["vol.coordinator_cost"]),
        "edge.mentor_report": float(reported["edge.mentor_per_intervention"]),
        "edge.unit_cost_report": float(reported["edge.unit_cost"]),
    }
    # Intervals only for the random sample of case files; the cohort's counts (everyone who
    # started, every mentor request) are complete counts, so their shares carry none.
    bases = {  # each percentage from a sample with a stated base: (count, base)
        "edge.imminent_pct": (out["edge.imminent_n"], out["edge.case_files_n"]),
        "edge.positive_pct": (out["edge.positive_n"], out["edge.outcome_files_n"]),
        "edge.partial_pct": (out["edge.partial_n"], out["edge.outcome_files_n"]),
        "edge.negative_pct": (out["edge.negative_n"], out["edge.outcome_files_n"]),
    }
    out |= uncertainty.interval_figures(bases)
    out["edge.ci_level"] = uncertainty.SHARE_CONFIDENCE * 100
    return out


def cost_steps(a: EdgeAssumptions) -> pd.DataFrame:
    """Table 23 as a table of steps: what, how it is worked out, and the result."""
    c = cost_model(a)
    m = volunteers.in_house_costs(a.mentor)
    oh = f"{a.overhead_rate:.0%}"
    rows = [
        ("Edge worker salary", "parameter edge_worker_salary", a.worker_salary),
        ("Edge worker cost", f"salary plus {oh} overheads", c.worker_cost),
        (
            "Edge worker, per young person",
            f"/ {a.young_people_per_worker:g} young people a year",
            c.worker_per_intervention,
        ),
        (
            "Activities programme, per young person",
            "parameter edge_activities_cost (the reported average)",
            c.activities_per_intervention,
        ),
        (
            "Volunteer mentor: coordinator",
            "volunteer model, coordinator cost per intervention",
            m.coordinator_per_intervention,
        ),
        (
            "Volunteer mentor: administration",
            "volunteer model, admin cost per intervention",
            m.admin_per_intervention,
        ),
        (
            "Volunteer mentor: expenses",
            "volunteer model, expenses per intervention",
            m.expenses_per_intervention,
        ),
        (
            "Volunteer mentor, per young person",
            "volunteer model, unit cost per substantive intervention",
            c.mentor_per_intervention,
        ),
        ("Unit cost of a typical intervention", "edge worker + activities + mentor", c.unit_cost),
    ]
    return pd.DataFrame(rows, columns=["step", "how", "gbp"])
