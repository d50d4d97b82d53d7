"""Family Intervention Teams (FIT): the evidence and the Appendix 4 worker costs.

The report costs each kind of FIT worker as a salary plus a flat overhead of £2,000 a year
(management was mostly shared with the parent agency), not a percentage. From those unit
costs this module works out:

1. the annual cost of each kind of worker (salary plus the flat overhead);
2. the annual cost of a full three-worker team, and of the team make-ups actually fielded
   in each authority (``fit_team_makeup``), against the cost had every team been full;
3. as an illustration the report did not make, a cost per family: the fielded teams' cost
   over the months the family count covers, divided by the families worked with.

The report made no cost-effectiveness judgement for FIT: the model was not implemented as
planned and too few outcomes were known. Nothing here changes that.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .common import PILOT_AUTHORITIES, pct_change

#: Kinds of FIT worker, with the column of ``fit_team_makeup`` that counts them.
WORKER_KINDS = {
    "domestic_abuse": "da_workers",
    "substance_misuse": "sm_workers",
    "mental_health": "mh_workers",
}
WORKER_LABELS = {
    "domestic_abuse": "Domestic abuse worker",
    "substance_misuse": "Substance misuse worker",
    "mental_health": "Mental health worker",
}

#: Quarters compared for children becoming looked after: the three months before the pilot
#: began and the three months after 9-12 months of it (FIT findings; Table 12).
CLA_BEFORE, CLA_AFTER = "2015-Q3", "2016-Q3"

AUTHORITY_KEYS = PILOT_AUTHORITIES

#: Reference ids read straight from ``fit_case_files``: id -> (authority, period, measure).
BOTH = "Hampshire and Isle of Wight"
CASE_FILE_IDS = {
    "fit.engagement_before": (BOTH, "baseline", "engaged"),
    "fit.engagement_hants": ("Hampshire", "pilot", "engaged"),
    "fit.engagement_iow": ("Isle of Wight", "pilot", "engaged"),
    "fit.trio_all3_hants": ("Hampshire", "pilot", "all_three"),
    "fit.trio_two_hants": ("Hampshire", "pilot", "two_of_three"),
    "fit.trio_all3_iow": ("Isle of Wight", "pilot", "all_three"),
    "fit.trio_two_iow": ("Isle of Wight", "pilot", "two_of_three"),
    "fit.history_significant": ("Hampshire", "pilot", "significant_history"),
    "fit.history_some": ("Hampshire", "pilot", "some_history"),
    "fit.positive_hants": ("Hampshire", "pilot", "clearly_positive"),
    "fit.positive_iow": ("Isle of Wight", "pilot", "clearly_positive"),
    "fit.mixed_hants": ("Hampshire", "pilot", "mixed"),
    "fit.mixed_iow": ("Isle of Wight", "pilot", "mixed"),
    "fit.baseline_da": (BOTH, "baseline", "domestic_abuse"),
    "fit.baseline_sm": (BOTH, "baseline", "substance_misuse"),
    "fit.baseline_mh": (BOTH, "baseline", "mental_health"),
    "fit.baseline_all3": (BOTH, "baseline", "all_three"),
    "fit.baseline_two": (BOTH, "baseline", "two_of_three"),
}


@dataclass(frozen=True)
class FITAssumptions:
    """The report's FIT cost assumptions; defaults live in the chapter's parameters."""

    da_salary: float  # domestic abuse worker, annual cost before overheads, GBP
    sm_salary: float  # substance misuse worker, annual cost before overheads, GBP
    mh_salary: float  # mental health worker, average annual cost before overheads, GBP
    overhead_per_worker: float  # flat annual overhead added to each worker, GBP
    mh_cost_low: float  # lowest mental health worker cost in practice, GBP a year
    mh_cost_high: float  # highest mental health worker cost in practice, GBP a year

    def __post_init__(self) -> None:
        for name in (
            "da_salary",
            "sm_salary",
            "mh_salary",
            "overhead_per_worker",
            "mh_cost_low",
            "mh_cost_high",
        ):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must be 0 or more")
        if self.mh_cost_low > self.mh_cost_high:
            raise ValueError("mh_cost_low must not be more than mh_cost_high")

    @property
    def salaries(self) -> dict[str, float]:
        return {
            "domestic_abuse": self.da_salary,
            "substance_misuse": self.sm_salary,
            "mental_health": self.mh_salary,
        }


@dataclass(frozen=True)
class FITCosts:
    """The FIT cost figures, in pounds a year unless named otherwise."""

    worker_cost: dict[str, float]  # each kind of worker, salary plus the flat overhead
    full_team_cost: float  # one of each kind
    full_team_cost_mh_low: float  # a full team at the lowest mental health worker cost
    full_team_cost_mh_high: float  # ... and at the highest
    fielded: pd.DataFrame  # per authority and make-up: teams, cost of one team, cost of all
    fielded_cost: dict[str, float]  # per authority, the teams actually fielded
    planned_cost: dict[str, float]  # per authority, had every team been full
    months: dict[str, int]  # months the family count covers, per authority
    period_cost: dict[str, float]  # fielded cost over those months
    families: dict[str, int]
    cost_per_family: dict[str, float]  # illustration only: the report did not make it
    cost_per_family_all: float  # both authorities together


def months_between(first: str, last: str) -> int:
    """Months from ``first`` to ``last`` (YYYY-MM), counting both: 2016-01 to 2016-06 is 6."""
    y1, m1 = (int(x) for x in first.split("-"))
    y2, m2 = (int(x) for x in last.split("-"))
    n = (y2 - y1) * 12 + (m2 - m1) + 1
    if n < 1:
        raise ValueError(f"the period {first} to {last} ends before it starts")
    return n


def team_cost(worker_cost: dict[str, float], workers: dict[str, int]) -> float:
    """Annual cost of one team with the given number of workers of each kind."""
    return sum(worker_cost[kind] * n for kind, n in workers.items())


def worker_costs(a: FITAssumptions) -> dict[str, float]:
    """Annual cost of each kind of worker: the salary plus the flat overhead."""
    return {kind: s + a.overhead_per_worker for kind, s in a.salaries.items()}


def full_team_cost(a: FITAssumptions) -> float:
    """Annual cost of a full team, one worker of each kind."""
    return sum(worker_costs(a).values())


def cost_model(a: FITAssumptions, makeup: pd.DataFrame, families: pd.DataFrame) -> FITCosts:
    """Worker, team and fielded costs, and the illustrative cost per family.

    ``makeup`` has the columns of ``fit_team_makeup``; ``families`` those of ``fit_families``.
    """
    worker = worker_costs(a)
    full = full_team_cost(a)
    base = worker["domestic_abuse"] + worker["substance_misuse"]
    rows = []
    for rec in makeup.to_dict("records"):
        workers = {kind: int(rec[col]) for kind, col in WORKER_KINDS.items()}
        one = team_cost(worker, workers)
        rows.append(
            {
                "authority": rec["authority"],
                "makeup": rec["makeup"],
                "teams": int(rec["teams"]),
                "cost_per_team": one,
                "cost": one * int(rec["teams"]),
                "full_cost": full * int(rec["teams"]),
            }
        )
    fielded = pd.DataFrame(
        rows, columns=["authority", "makeup", "teams", "cost_per_team", "cost", "full_cost"]
    )
    by_auth = fielded.groupby("authority", sort=False)
    fielded_cost = {k: float(v) for k, v in by_auth["cost"].sum().items()}
    planned_cost = {k: float(v) for k, v in by_auth["full_cost"].sum().items()}
    fam = {r["authority"]: int(r["families"]) for r in families.to_dict("records")}
    months = {
        r["authority"]: months_between(r["period_start"], r["period_end"])
        for r in families.to_dict("records")
    }
    period_cost = {auth: fielded_cost.get(auth, 0.0) * months[auth] / 12 for auth in fam}
    per_family = {auth: period_cost[auth] / n if n else float("nan") for auth, n in fam.items()}
    total_families = sum(fam.values())
    return FITCosts(
        worker_cost=worker,
        full_team_cost=full,
        full_team_cost_mh_low=base + a.mh_cost_low,
        full_team_cost_mh_high=base + a.mh_cost_high,
        fielded=fielded,
        fielded_cost=fielded_cost,
        planned_cost=planned_cost,
        months=months,
        period_cost=period_cost,
        families=fam,
        cost_per_family=per_family,
        cost_per_family_all=(
            sum(period_cost.values()) / total_families if total_families else float("nan")
        ),
    )


def case_file_share(case_files: pd.DataFrame, authority: str, period: str, measure: str) -> float:
    """Percentage of families with ``measure``, from ``fit_case_files``."""
    rows = case_files[
        (case_files["authority"] == authority)
        & (case_files["period"] == period)
        & (case_files["measure"] == measure)
    ]
    if len(rows) != 1:
        raise KeyError(f"fit_case_files has no single row for {authority}, {period}, {measure}")
    return float(rows["share_pct"].iloc[0])


def starts(quarterly: pd.DataFrame, authority: str, quarter: str, age: str = "all ages") -> float:
    """Children becoming looked after in one quarter, from ``looked_after_starts_quarterly``."""
    rows = quarterly[
        (quarterly["authority"] == authority)
        & (quarterly["quarter"] == quarter)
        & (quarterly["age"] == age)
    ]
    if len(rows) != 1 or pd.isna(rows["children"].iloc[0]):
        raise KeyError(f"looked_after_starts_quarterly has no count for {authority}, {quarter}")
    return float(rows["children"].iloc[0])


def starts_by_quarter(quarterly: pd.DataFrame) -> pd.DataFrame:
    """Quarterly counts for charting: each authority's all-ages series, and Hampshire's
    ages 14 to 18 added up (Table 14's totals, recomputed)."""
    all_ages = quarterly[quarterly["age"] == "all ages"].dropna(subset=["children"])
    series = [
        all_ages.assign(series=all_ages["authority"] + ", all ages")[
            ["series", "quarter", "children"]
        ]
    ]
    teens = quarterly[quarterly["age"] != "all ages"].dropna(subset=["children"])
    if len(teens):
        grouped = teens.groupby(["authority", "quarter"], as_index=False)["children"].sum()
        grouped["series"] = grouped["authority"] + ", ages 14 to 18"
        series.append(grouped[["series", "quarter", "children"]])
    out = pd.concat(series, ignore_index=True)
    out["children"] = out["children"].astype(int)
    return out.sort_values("quarter", kind="stable").reset_index(drop=True)


def demand_change(demand: pd.DataFrame, area: str, measure: str) -> float:
    """A stated percentage change, from ``fit_demand_change``."""
    rows = demand[(demand["area"] == area) & (demand["measure"] == measure)]
    if len(rows) != 1:
        raise KeyError(f"fit_demand_change has no single row for {area}, {measure}")
    return float(rows["change_pct"].iloc[0])


def smallest_base(percentages: list[float], largest: int = 500) -> int | None:
    """The smallest sample size n for which every percentage is some whole number of n,
    rounded to a whole percent (29 and 44 fit n = 34: 10/34 and 15/34). None if none up to
    ``largest``. A reading aid where the source gives percentages without their base."""
    for n in range(1, largest + 1):
        if all(any(abs(100 * k / n - p) <= 0.5 for k in range(n + 1)) for p in percentages):
            return n
    return None


#: Groups of case-file percentages that describe the same sample of families.
BASE_GROUPS = [
    ("Baseline, toxic trio issues", BOTH, "baseline",
     ("domestic_abuse", "substance_misuse", "mental_health", "all_three", "two_of_three")),
    ("Hampshire, toxic trio issues and history", "Hampshire", "pilot",
     ("all_three", "two_of_three", "significant_history", "some_history")),
    ("Isle of Wight, toxic trio issues", "Isle of Wight", "pilot", ("all_three", "two_of_three")),
    ("Hampshire, short-term outcomes", "Hampshire", "pilot", ("clearly_positive", "mixed")),
    ("Isle of Wight, short-term outcomes", "Isle of Wight", "pilot", ("clearly_positive", "mixed")),
]  # fmt: skip


def likely_bases(case_files: pd.DataFrame) -> pd.DataFrame:
    """For each group of percentages about one sample, the smallest number of families that
    reproduces all of them once rounded. The book's inference, where the report gives none."""
    rows = []
    for label, authority, period, measures in BASE_GROUPS:
        shares = [case_file_share(case_files, authority, period, m) for m in measures]
        rows.append(
            {
                "sample": label,
                "percentages": ", ".join(f"{p:g}%" for p in shares),
                "smallest_base": smallest_base(shares),
            }
        )
    return pd.DataFrame(rows)


def inferred_count(share_pct: float, base: int) -> int:
    """The whole number of ``base`` whose percentage is nearest ``share_pct`` (10 of 34 for
    29%). With the smallest base from :func:`smallest_base`, it rounds to ``share_pct``."""
    if base < 1:
        raise ValueError(f"base must be at least 1, got {base}")
    if not 0 <= share_pct <= 100:
        raise ValueError(f"share_pct must be from 0 to 100, got {share_pct}")
    return min(range(base + 1), key=lambda k: abs(100 * k / base - share_pct))


def inferred_shares(case_files: pd.DataFrame) -> dict[str, tuple[int, int]]:
    """For each reference figure in a group of :data:`BASE_GROUPS`, (count, base) on the
    smallest base consistent with the group's percentages: the book's inference, where the
    report gives none, for putting an interval beside the percentage. Groups with no
    consistent base up to the limit of :func:`smallest_base` are left out."""
    bases = likely_bases(case_files).set_index("sample")["smallest_base"]
    where = {v: k for k, v in CASE_FILE_IDS.items()}
    out: dict[str, tuple[int, int]] = {}
    for label, authority, period, measures in BASE_GROUPS:
        base = bases[label]
        if base is None or pd.isna(base):
            continue
        for measure in measures:
            fid = where.get((authority, period, measure))
            if fid is not None:
                share = case_file_share(case_files, authority, period, measure)
                out[fid] = (inferred_count(share, int(base)), int(base))
    return out


def figures(a: FITAssumptions, tables: dict[str, pd.DataFrame]) -> dict[str, float]:
    """Every ``fit.*`` figure of the reference list, computed from parameters and data.

    Values are in the reference list's units: percentages as 0-100, money in GBP a year.
    """
    case_files = tables["fit_case_files"]
    costs = cost_model(a, tables["fit_team_makeup"], tables["fit_families"])
    demand = tables["fit_demand_change"]
    new_cpp = tables["fit_new_cpp"].set_index("level")["plans"]
    quarterly = tables["looked_after_starts_quarterly"]
    out: dict[str, float] = {
        fid: case_file_share(case_files, *where) for fid, where in CASE_FILE_IDS.items()
    }
    out |= {
        "fit.families_total": sum(costs.families.values()),
        "fit.da_salary": a.da_salary,
        "fit.sm_salary": a.sm_salary,
        "fit.mh_salary": a.mh_salary,
        "fit.overhead_flat": a.overhead_per_worker,
        "fit.da_cost": costs.worker_cost["domestic_abuse"],
        "fit.sm_cost": costs.worker_cost["substance_misuse"],
        "fit.mh_cost": costs.worker_cost["mental_health"],
        "fit.mh_cost_low": a.mh_cost_low,
        "fit.mh_cost_high": a.mh_cost_high,
        "fit.cpp_change_iow": demand_change(demand, "Isle of Wight", "open_cpp"),
        "fit.cpp_new_low": int(new_cpp["lowest"]),
        "fit.cpp_new_high": int(new_cpp["highest"]),
        "fit.cla_starts_fit_teams": demand_change(demand, "Hampshire FIT teams", "cla_starts"),
        "fit.cla_starts_hants": pct_change(
            starts(quarterly, "Hampshire", CLA_BEFORE), starts(quarterly, "Hampshire", CLA_AFTER)
        ),
    }
    for key, authority in AUTHORITY_KEYS.items():
        if authority in costs.families:
            out[f"fit.families_{key}"] = costs.families[authority]
    return out


def cost_steps(a: FITAssumptions, costs: FITCosts) -> pd.DataFrame:
    """The cost model as a table of steps: what, how it is worked out, and the result."""
    oh = f"£{a.overhead_per_worker:,.0f}"
    rows = []
    for kind, label in WORKER_LABELS.items():
        rows.append(
            (
                label,
                f"salary £{a.salaries[kind]:,.0f} plus flat overhead {oh}",
                costs.worker_cost[kind],
            )
        )
    rows.append(("Full team (one of each)", "sum of the three workers", costs.full_team_cost))
    rows.append(
        (
            "Full team, cheapest mental health worker",
            f"mental health worker at £{a.mh_cost_low:,.0f}",
            costs.full_team_cost_mh_low,
        )
    )
    rows.append(
        (
            "Full team, dearest mental health worker",
            f"mental health worker at £{a.mh_cost_high:,.0f}",
            costs.full_team_cost_mh_high,
        )
    )
    for rec in costs.fielded.to_dict("records"):
        rows.append(
            (
                f"{rec['authority']}: {rec['makeup'].lower()}",
                f"{rec['teams']} team(s) x £{rec['cost_per_team']:,.0f}",
                rec["cost"],
            )
        )
    for auth, cost in costs.fielded_cost.items():
        rows.append(
            (
                f"{auth}: teams fielded",
                f"all make-ups (every team full: £{costs.planned_cost[auth]:,.0f})",
                cost,
            )
        )
    for auth, per in costs.cost_per_family.items():
        rows.append(
            (
                f"{auth}: cost per family (illustration)",
                f"{costs.months[auth]} months' cost / {costs.families[auth]} families",
                per,
            )
        )
    rows.append(
        (
            "Both authorities: cost per family (illustration)",
            f"both authorities' cost / {sum(costs.families.values())} families",
            costs.cost_per_family_all,
        )
    )
    return pd.DataFrame(rows, columns=["step", "how", "gbp"])
