"""The Willow team (child sexual exploitation): the evidence and the Table 25 costs.

Table 25 costs the council-employed staff only: staffing is each post's mid-scale salary
times the posts, overheads are a share of staffing, and the total is the two added up. It
leaves out the partner agencies' staff working in the team (the Barnardo's worker, the two
health safeguarding nurses) and police input.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from evidencebook.analysis import arrays, uncertainty
from evidencebook.analysis.common import authorities, records, with_overheads


@dataclass(frozen=True)
class WillowAssumptions:
    """Table 25's salaries, posts and overhead rate; defaults live in the chapter's parameters."""

    manager_salary: float  # team manager, mid-scale annual salary, GBP
    manager_posts: int
    sw_salary: float  # social worker, mid-scale annual salary, GBP
    sw_posts: int
    admin_d_salary: float  # administrator at D grade, GBP
    admin_d_posts: int
    admin_c_salary: float  # administrator at C grade, GBP
    admin_c_posts: int
    overhead_rate: float  # overheads as a share of staffing costs (0.2 = 20%)

    def __post_init__(self) -> None:
        for name in ("manager_salary", "sw_salary", "admin_d_salary", "admin_c_salary"):
            if arrays.any_of(getattr(self, name) < 0):
                raise ValueError(f"{name} must be 0 or more")
        for name in ("manager_posts", "sw_posts", "admin_d_posts", "admin_c_posts"):
            value = getattr(self, name)
            if arrays.any_of(value < 0) or not arrays.is_whole(value):
                raise ValueError(f"{name} must be a whole number, 0 or more")
        if arrays.any_of(self.overhead_rate < 0):
            raise ValueError("overhead_rate must be 0 or more")

    def lines(self) -> list[tuple[str, int, float]]:
        """Table 25's rows: resource, posts, cost per worker."""
        return [
            ("Team manager", self.manager_posts, self.manager_salary),
            ("Social workers", self.sw_posts, self.sw_salary),
            ("Administrator, D grade", self.admin_d_posts, self.admin_d_salary),
            ("Administrator, C grade", self.admin_c_posts, self.admin_c_salary),
        ]


@dataclass(frozen=True)
class WillowCosts:
    """Table 25, recomputed: GBP a year."""

    lines: pd.DataFrame  # resource, posts, cost_per_worker, total
    staffing: float
    overheads: float
    total: float
    posts: int


def staffing_cost(a: WillowAssumptions) -> float:
    """Table 25's total staffing: each post's salary times the posts, added up."""
    return arrays.fsum(posts * salary for _, posts, salary in a.lines())


def total_cost(a: WillowAssumptions) -> float:
    """Table 25's total: staffing plus overheads. Quick (no table), for Monte Carlo runs."""
    return with_overheads(staffing_cost(a), a.overhead_rate)


def cost_model(a: WillowAssumptions) -> WillowCosts:
    """Table 25: staffing by grade, overheads at the rate, and the total."""
    lines = pd.DataFrame(a.lines(), columns=["resource", "posts", "cost_per_worker"])
    lines["total"] = lines["posts"] * lines["cost_per_worker"]
    staffing = staffing_cost(a)
    return WillowCosts(
        lines=lines,
        staffing=staffing,
        overheads=staffing * a.overhead_rate,
        total=total_cost(a),
        posts=int(lines["posts"].sum()),
    )


def rated_good(survey: pd.DataFrame, question: str) -> tuple[int, int]:
    """(respondents rating good or very good, respondents) for one survey question."""
    rows = survey[survey["question"] == question]
    if len(rows) != 1:
        raise KeyError(f"cse_survey has no single row for {question}")
    good, n = int(rows["good_or_very_good"].iloc[0]), int(rows["respondents"].iloc[0])
    if good > n:
        raise ValueError(f"cse_survey: {good} rated {question} good, but only {n} answered")
    return good, n


def caseload_range(caseload: pd.DataFrame, measure: str) -> tuple[int, int]:
    """(low, high) for one caseload measure."""
    rows = caseload[caseload["measure"] == measure]
    if len(rows) != 1:
        raise KeyError(f"cse_caseload has no single row for {measure}")
    low, high = int(rows["low"].iloc[0]), int(rows["high"].iloc[0])
    if low > high:
        raise ValueError(f"cse_caseload: {measure} runs from {low} to a lower {high}")
    return low, high


def range_text(low: int, high: int) -> str:
    """'20-30', or '20' where both ends are the same."""
    return f"{low}" if low == high else f"{low}-{high}"


def number_or_range(low: int, high: int) -> int | str:
    """The number where both ends are the same, else the range as text ('20-30')."""
    return low if low == high else range_text(low, high)


#: The rows of ``cse_samples`` counting families interviewed, by who took part, and the field
#: of :class:`Samples` each fills.
INTERVIEWS = {
    "interview_young_person_and_carer": "young_person_and_carer",
    "interview_carer_only": "carer_only",
    "interview_young_person_only": "young_person_only",
}


@dataclass(frozen=True)
class Samples:
    """Case files analysed and families interviewed, by who took part: a count is an int,
    ``pd.NA`` where the pack withholds it, 0 where the pack has no row for it."""

    case_files: object = 0
    young_person_and_carer: object = 0  # interviews with the young person and a carer
    carer_only: object = 0
    young_person_only: object = 0

    @property
    def families_interviewed(self) -> object:
        """All the families interviewed; ``pd.NA`` where one of its parts is withheld."""
        parts = [self.young_person_and_carer, self.carer_only, self.young_person_only]
        return pd.NA if any(pd.isna(v) for v in parts) else sum(parts)  # type: ignore[arg-type]


def samples(samples_table: pd.DataFrame) -> Samples:
    """Case files analysed and families interviewed (all, and by who took part).

    A count the pack withholds ("c") is not available (``pd.NA``), and so is the number of
    families interviewed when one of its parts is withheld.
    """
    counts = {
        r["sample"]: pd.NA if pd.isna(r["count"]) else int(r["count"])
        for r in records(samples_table)
    }
    return Samples(
        case_files=counts.get("case_files", 0),
        **{field: counts[row] for row, field in INTERVIEWS.items() if row in counts},
    )


def figures(a: WillowAssumptions, tables: dict[str, pd.DataFrame]) -> dict[str, object]:
    """Every ``cse.*`` figure of the reference list, computed from parameters and data.

    Money in GBP a year, percentages as 0-100. Figures the report states as a range or a
    count out of a base ("20-30", "17/19") are given as that text.
    """
    costs = cost_model(a)
    survey = tables["cse_survey"]
    advice_good, advice_n = rated_good(survey, "advice_and_consultation")
    service_good, service_n = rated_good(survey, "service_overall")
    per_worker = caseload_range(tables["cse_caseload"], "children_per_worker")
    investigations = caseload_range(tables["cse_caseload"], "cp_investigations_per_month")
    counts = samples(tables["cse_samples"])
    missing = tables["cse_missing_change"]
    if len(missing) != 1:
        raise KeyError("cse_missing_change should have one row, the change the findings state")
    return {
        "cse.team_manager": a.manager_salary,
        "cse.social_workers": a.sw_posts,
        "cse.social_worker_cost": a.sw_salary,
        "cse.social_workers_total": a.sw_salary * a.sw_posts,
        "cse.admin_d": a.admin_d_salary,
        "cse.admin_c": a.admin_c_salary,
        "cse.staffing": costs.staffing,
        "cse.overheads": costs.overheads,
        "cse.total": costs.total,
        "cse.caseload_per_worker": number_or_range(*per_worker),
        "cse.cp_investigations": number_or_range(*investigations),
        "cse.advice_good": 100 * advice_good / advice_n,
        "cse.advice_good_n": f"{advice_good}/{advice_n}",
        "cse.service_good": 100 * service_good / service_n,
        "cse.service_good_n": f"{service_good}/{service_n}",
        "cse.case_files": counts.case_files,
        "cse.families_interviewed": counts.families_interviewed,
        "cse.missing_rise": float(missing["change_pct"].iloc[0]),
    }


def cost_steps(a: WillowAssumptions, costs: WillowCosts) -> pd.DataFrame:
    """Table 25 as a table of steps: what, how it is worked out, and the result."""
    rows = [
        (r["resource"], f"{r['posts']} x £{r['cost_per_worker']:,.0f}", r["total"])
        for r in costs.lines.to_dict("records")
    ]
    rows += [
        ("Total staffing", f"sum of the {costs.posts} posts", costs.staffing),
        ("Overheads", f"{a.overhead_rate:.0%} of staffing", costs.overheads),
        ("Total with overheads", "staffing plus overheads", costs.total),
    ]
    return pd.DataFrame(rows, columns=["step", "how", "gbp_per_year"])


def returns_authority(returns: pd.DataFrame) -> str:
    """The authority whose children returning from going missing are counted (Hampshire in
    the report; empty where the pack counts none)."""
    return (authorities(returns) or [""])[0]


#: The roles of ``cse_team_makeup`` whose posts the chapter states (:func:`chapter_figures`).
ROLES_SHOWN = (
    "Team manager",
    "Social workers",
    "Health practitioners (nurses)",
    "Barnardo's workers",
    "Police officers",
)


def chapter_figures(
    a: WillowAssumptions, costs: WillowCosts, tables: dict[str, pd.DataFrame]
) -> dict[str, object]:
    """The figures the chapter states beyond the reference list's (see :func:`figures`): the
    posts costed and in the team, the survey's counts with their intervals, the interviews
    and the period of the missing-children change."""
    team = tables["cse_team_makeup"].set_index("role")
    counts = samples(tables["cse_samples"])
    advice = rated_good(tables["cse_survey"], "advice_and_consultation")
    service = rated_good(tables["cse_survey"], "service_overall")
    per_sw = caseload_range(tables["cse_caseload"], "cp_investigations_per_social_worker")
    missing = tables["cse_missing_change"].iloc[0]
    partner = team[team["employer"] == "partner"]

    def post(role: str, column: str = "in_post") -> int:
        if role not in team.index:  # checked before the build (checks.py): ROLES_SHOWN
            raise KeyError(f"cse_team_makeup has no row for the role {role!r}")
        value = team.loc[role, column]
        return 0 if pd.isna(value) else int(value)

    out: dict[str, object] = {
        "cse.manager_posts": a.manager_posts,
        "cse.admin_d_posts": a.admin_d_posts,
        "cse.admin_c_posts": a.admin_c_posts,
        "cse.costed_posts": costs.posts,
        "cse.overhead_rate": a.overhead_rate * 100,
        "cse.in_post_total": int(team["in_post"].dropna().sum()),
        "cse.in_post_sw": post("Social workers"),
        "cse.in_post_nurses": post("Health practitioners (nurses)"),
        "cse.in_post_barnardos": post("Barnardo's workers"),
        "cse.in_post_manager": post("Team manager"),
        "cse.in_post_police": post("Police officers"),
        "cse.planned_police": post("Police officers", "planned"),
        "cse.planned_barnardos": post("Barnardo's workers", "planned"),
        "cse.partner_in_post": int(partner["in_post"].fillna(0).sum()),
        "cse.cp_per_sw": number_or_range(*per_sw),
        "cse.advice_good_k": advice[0],
        "cse.advice_good_base": advice[1],
        "cse.service_good_k": service[0],
        "cse.service_good_base": service[1],
        "cse.interview_both": counts.young_person_and_carer,
        "cse.interview_carer": counts.carer_only,
        "cse.interview_young_person": counts.young_person_only,
        "cse.missing_from": missing["period_from"],
        "cse.missing_to": missing["period_to"],
    }
    # (rated good, respondents)
    out |= uncertainty.interval_figures({"cse.advice_good": advice, "cse.service_good": service})
    out["cse.ci_level"] = uncertainty.SHARE_CONFIDENCE * 100
    return out
