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

The evidence is read for every authority a pack names, in pack order, under generic names
(:func:`evidence`); the report's figure ids for Hampshire and the Isle of Wight are given
when the pack has those authorities.

Counts of families, case files, new plans and children becoming looked after may be withheld
("c" in the pack, or by ``--suppress-below``): they are ``pd.NA`` here, and so is every figure
worked out from one (a total, a cost per family, a change), and the paragraphs say "c".
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from evidencebook.analysis import arrays
from evidencebook.analysis.common import (
    authorities,
    capital,
    in_place,
    join_words,
    no_data,
    pct_change,
    period_text,
    possessive,
    records,
    report_ids,
    the,
    whole,
)
from evidencebook.analysis.formatting import is_withheld, missing_symbol
from evidencebook.analysis.pack import not_available, withheld

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

#: Case file measures read for each authority's FIT families (period "pilot") and for the
#: families read before the pilot (period "baseline"), under their own names.
PILOT_MEASURES = (
    "engaged",
    "all_three",
    "two_of_three",
    "significant_history",
    "some_history",
    "clearly_positive",
    "mixed",
)
BASELINE_MEASURES = (
    "domestic_abuse",
    "substance_misuse",
    "mental_health",
    "all_three",
    "two_of_three",
    "engaged",
)

#: How the chapter names each case file measure.
MEASURE_LABELS = {
    "domestic_abuse": "domestic abuse",
    "substance_misuse": "parental substance misuse",
    "mental_health": "parental mental health problems",
    "all_three": "all three toxic trio issues",
    "two_of_three": "two of the three toxic trio issues",
    "significant_history": "a significant history with social care",
    "some_history": "some history with social care",
    "engaged": "took up support at first",
    "clearly_positive": "clearly positive short-term outcomes",
    "mixed": "mixed short-term outcomes",
}

#: The report's figure ids, for each pilot authority: id -> generic name in
#: :meth:`FITEvidence.by_name`.
REPORT_IDS = {
    "hants": {
        "fit.engagement_hants": "engaged",
        "fit.trio_all3_hants": "all_three",
        "fit.trio_two_hants": "two_of_three",
        "fit.history_significant": "significant_history",
        "fit.history_some": "some_history",
        "fit.positive_hants": "clearly_positive",
        "fit.mixed_hants": "mixed",
        "fit.families_hants": "families",
        "fit.cpp_new_low": "cpp_new_low",
        "fit.cpp_new_high": "cpp_new_high",
        "fit.cla_starts_fit_teams": "fit_teams_cla_starts",
        "fit.cla_starts_hants": "cla_starts_change",
    },
    "iow": {
        "fit.engagement_iow": "engaged",
        "fit.trio_all3_iow": "all_three",
        "fit.trio_two_iow": "two_of_three",
        "fit.positive_iow": "clearly_positive",
        "fit.mixed_iow": "mixed",
        "fit.families_iow": "families",
        "fit.cpp_change_iow": "open_cpp",
    },
}

#: The report's ids for the baseline case files (all authorities together).
BASELINE_IDS = {
    "fit.engagement_before": "engaged",
    "fit.baseline_da": "domestic_abuse",
    "fit.baseline_sm": "substance_misuse",
    "fit.baseline_mh": "mental_health",
    "fit.baseline_all3": "all_three",
    "fit.baseline_two": "two_of_three",
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
            if arrays.any_of(getattr(self, name) < 0):
                raise ValueError(f"{name} must be 0 or more")
        if arrays.any_of(self.mh_cost_low > self.mh_cost_high):
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
    families: dict[str, object]  # pd.NA where withheld
    cost_per_family: dict[str, float]  # illustration only: the report did not make it
    cost_per_family_all: float  # both authorities together (pd.NA if a count is withheld)


def added_up(counts: list[object]) -> object:
    """Counts added up; ``pd.NA`` if any is withheld (a total beside its other parts would
    give the withheld one away)."""
    counts = list(counts)
    return pd.NA if any(not_available(n) for n in counts) else sum(counts)


def per(amount: float, count: object) -> float:
    """``amount`` per one of ``count``: ``pd.NA`` if the count is withheld, NaN if it is 0."""
    if not_available(count):
        return pd.NA
    return amount / count if count else float("nan")


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
    fam = {r["authority"]: whole(r["families"]) for r in records(families)}
    months = {
        r["authority"]: months_between(r["period_start"], r["period_end"])
        for r in records(families)
    }
    period_cost = {auth: fielded_cost.get(auth, 0.0) * months[auth] / 12 for auth in fam}
    per_family = {auth: per(period_cost[auth], n) for auth, n in fam.items()}
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
        cost_per_family_all=per(sum(period_cost.values()), added_up(fam.values())),
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


@dataclass(frozen=True)
class CaseFileTable:
    """The percentages of ``fit_case_files`` by authority, period and measure, read from the
    table once: :meth:`share` gives what :func:`case_file_share` gives, for a caller that
    looks up many (:func:`case_file_shares`)."""

    rows: dict[tuple[str, str, str], tuple[object, ...]]

    def share(self, authority: str, period: str, measure: str) -> float:
        """Percentage of families with ``measure``, as :func:`case_file_share`."""
        found = self.rows.get((authority, period, measure), ())
        if len(found) != 1:
            raise KeyError(f"fit_case_files has no single row for {authority}, {period}, {measure}")
        return float(found[0])  # type: ignore[arg-type]


def case_file_shares(case_files: pd.DataFrame) -> CaseFileTable:
    """Every percentage of ``fit_case_files``, by authority, period and measure (a
    :class:`CaseFileTable`)."""
    rows: dict[tuple[str, str, str], list[object]] = {}
    for authority, period, measure, share in zip(
        case_files["authority"],
        case_files["period"],
        case_files["measure"],
        case_files["share_pct"],
        strict=True,
    ):
        rows.setdefault((authority, period, measure), []).append(share)
    return CaseFileTable({key: tuple(shares) for key, shares in rows.items()})


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


def counted(rows: pd.DataFrame, column: str = "children") -> pd.DataFrame:
    """The rows of a loaded table with a count, shown or withheld ("c", kept as ``pd.NA``);
    a blank (the source has no data) is left out."""
    return rows[rows[column].notna() | withheld(rows, column)]


def starts_by_quarter(quarterly: pd.DataFrame) -> pd.DataFrame:
    """Quarterly counts for charting: each authority's all-ages series, and its ages 14 to
    18 added up where it counts them by age (Table 14's totals, recomputed). Quarters with no
    data are left out; a withheld count is ``pd.NA``, and so is the 14 to 18 total of a
    quarter with one."""
    quarterly = counted(quarterly)
    all_ages = quarterly[quarterly["age"] == "all ages"]
    series = [
        all_ages.assign(series=all_ages["authority"] + ", all ages")[
            ["series", "quarter", "children"]
        ]
    ]
    teens = quarterly[quarterly["age"] != "all ages"]
    if len(teens):
        grouped = (
            teens.astype({"children": "Int64"})
            .groupby(["authority", "quarter"], as_index=False)["children"]
            .sum(skipna=False)
        )
        grouped["series"] = grouped["authority"] + ", ages 14 to 18"
        series.append(grouped[["series", "quarter", "children"]])
    out = pd.concat(series, ignore_index=True)
    out["children"] = out["children"].astype("Int64")
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


def year_on(quarter: str) -> str:
    """The same quarter a year later: '2015-Q3' becomes '2016-Q3'."""
    year, q = quarter.split("-")
    return f"{int(year) + 1}-{q}"


def quarter_text(quarter: str) -> str:
    """'2015-Q3' as prose: 'July to September 2015'."""
    year, q = quarter.split("-Q")
    first = ["January", "April", "July", "October"][int(q) - 1]
    last = ["March", "June", "September", "December"][int(q) - 1]
    return f"{first} to {last} {year}"


def pilot_authorities(tables: dict[str, pd.DataFrame]) -> list[str]:
    """The authorities with FIT data in a pack, in pack order: those named by its families,
    team make-ups, pilot case files and new plans."""
    case_files = tables["fit_case_files"]
    return authorities(
        tables["fit_families"],
        tables["fit_team_makeup"],
        case_files[case_files["period"] == "pilot"],
        tables["fit_new_cpp"],
    )


def _makeup_kind(rec: dict) -> str:
    kinds = [k for k, col in WORKER_KINDS.items() if int(rec[col]) > 0]
    if len(kinds) == len(WORKER_KINDS):
        return "full"
    if kinds == ["domestic_abuse"]:
        return "da_only"
    if kinds == ["domestic_abuse", "substance_misuse"]:
        return "da_sm"
    return "other"


@dataclass(frozen=True)
class FamiliesCounted:
    """The families one authority's teams worked with, and the months they were counted."""

    count: object  # int; pd.NA where withheld
    period_start: str  # YYYY-MM
    period_end: str  # YYYY-MM
    months: int  # counting both ends

    @property
    def period(self) -> str:
        return period_text(self.period_start, self.period_end)


@dataclass(frozen=True)
class TeamsFielded:
    """One authority's teams, by make-up (see ``_makeup_kind``)."""

    total: int
    full: int  # one worker of each kind
    da_only: int  # only ever a domestic abuse worker
    da_sm: int  # domestic abuse and substance misuse workers
    other: int  # other make-ups
    full_basis: str  # what the source says of the full teams ("" where it says nothing)


@dataclass(frozen=True)
class CaseFileShares:
    """The case file percentages (0-100) of one authority's FIT families, one field for
    each of :data:`PILOT_MEASURES`; None where the pack has no such percentage."""

    engaged: float | None = None
    all_three: float | None = None
    two_of_three: float | None = None
    significant_history: float | None = None
    some_history: float | None = None
    clearly_positive: float | None = None
    mixed: float | None = None

    def share(self, measure: str) -> float | None:
        """The percentage for one of :data:`PILOT_MEASURES` (None where the pack lacks it)."""
        if measure not in PILOT_MEASURES:
            raise KeyError(f"{measure!r} is not a FIT case file measure")
        return getattr(self, measure)


@dataclass(frozen=True)
class NewPlans:
    """The lowest or highest number of new Child Protection Plans in a three-month period."""

    plans: object  # int; pd.NA where withheld, None where not available
    when: str


@dataclass(frozen=True)
class QuarterlyStarts:
    """Children becoming looked after, from the all-ages quarterly counts: the first and
    last quarters counted and, where counted, the same quarter a year after the first.
    A withheld count is ``pd.NA``, and so is a change worked out from one."""

    first_quarter: str
    first: object
    last_quarter: str
    last: object
    year_on_quarter: str  # the same quarter a year after the first
    year_on: object = None  # None where that quarter is not counted
    change: object = None  # % change from first to year_on; None where year_on is None

    @property
    def compared(self) -> bool:
        """Whether the pack counts the quarter a year on (so there is a change)."""
        return self.year_on is not None


@dataclass(frozen=True)
class PublishedStarts:
    """The last two years of the published yearly starts (years ending March)."""

    prev_year: int
    prev: object  # int; pd.NA where withheld
    last_year: int
    last: object


@dataclass(frozen=True)
class FITEvidence:
    """Every evidence figure a pack has for one FIT authority; a part is None where the
    pack lacks it."""

    families: FamiliesCounted | None = None
    teams: TeamsFielded | None = None
    shares: CaseFileShares = field(default_factory=CaseFileShares)
    open_cpp: float | None = None  # stated % change in open plans, the whole authority
    cla_starts_stated: float | None = None  # stated % change in starts, the whole authority
    fit_teams_open_cpp: float | None = None  # ... in its teams piloting FIT
    fit_teams_cla_starts: float | None = None  # ... in its teams piloting FIT
    cpp_new_low: NewPlans | None = None
    cpp_new_high: NewPlans | None = None
    starts: QuarterlyStarts | None = None
    published: PublishedStarts | None = None

    def by_name(self) -> dict[str, object]:
        """The figures the report gives, under the generic names of :data:`REPORT_IDS`."""
        out: dict[str, object] = {
            m: self.shares.share(m) for m in PILOT_MEASURES if self.shares.share(m) is not None
        }
        if self.families is not None:
            out["families"] = self.families.count
        for name in ("open_cpp", "fit_teams_cla_starts"):
            if getattr(self, name) is not None:
                out[name] = getattr(self, name)
        if self.cpp_new_low is not None:
            out["cpp_new_low"] = self.cpp_new_low.plans
        if self.cpp_new_high is not None:
            out["cpp_new_high"] = self.cpp_new_high.plans
        if self.starts is not None and self.starts.compared:
            out["cla_starts_change"] = self.starts.change
        return out


def evidence(tables: dict[str, pd.DataFrame]) -> dict[str, FITEvidence]:
    """Every evidence figure the pack has, for each FIT authority, in pack order (a
    :class:`FITEvidence` each): the families and the months they were counted; the teams by
    make-up, with what the source says of the full ones (the make-up's basis); each case
    file share of :data:`PILOT_MEASURES`; the authority's stated changes in open plans and
    in starts, and those of its teams piloting FIT (the area '<authority> FIT teams'); the
    lowest and highest new plans in a quarter; from the quarterly starts, the first and last
    quarters counted and the same quarter a year after the first, with the change to it
    where counted; from the published yearly starts, the last two years.
    """
    families = tables["fit_families"]
    makeup = tables["fit_team_makeup"]
    case_files = tables["fit_case_files"]
    demand = tables["fit_demand_change"]
    new_cpp = tables["fit_new_cpp"]
    quarterly = tables["looked_after_starts_quarterly"]
    quarterly = quarterly[quarterly["age"] == "all ages"]
    annual = tables["looked_after_starts_annual"]
    out: dict[str, FITEvidence] = {}
    for authority in pilot_authorities(tables):
        parts: dict[str, object] = {}
        fam = families[families["authority"] == authority]
        if len(fam):
            rec = fam.iloc[0]
            parts["families"] = FamiliesCounted(
                count=whole(rec["families"]),
                period_start=str(rec["period_start"]),
                period_end=str(rec["period_end"]),
                months=months_between(rec["period_start"], rec["period_end"]),
            )
        teams = makeup[makeup["authority"] == authority]
        if len(teams):
            made = teams.to_dict("records")
            kinds = {
                kind: sum(int(r["teams"]) for r in made if _makeup_kind(r) == kind)
                for kind in ("full", "da_only", "da_sm", "other")
            }
            parts["teams"] = TeamsFielded(
                total=int(teams["teams"].sum()),
                **kinds,
                full_basis="; ".join(
                    str(r["basis"]).strip().rstrip(".")
                    for r in made
                    if _makeup_kind(r) == "full"
                    and not pd.isna(r["basis"])
                    and str(r["basis"]).strip()
                ),
            )
        rows = case_files[
            (case_files["authority"] == authority) & (case_files["period"] == "pilot")
        ]
        shares = {
            measure: float(value)
            for measure, value in zip(rows["measure"], rows["share_pct"], strict=True)
            if measure in PILOT_MEASURES and not pd.isna(value)
        }
        parts["shares"] = CaseFileShares(**shares)
        for area, prefix in ((authority, ""), (f"{authority} FIT teams", "fit_teams_")):
            rows = demand[demand["area"] == area]
            for measure, value in zip(rows["measure"], rows["change_pct"], strict=True):
                name = "open_cpp" if measure == "open_cpp" else "cla_starts"
                if prefix == "" and name == "cla_starts":
                    name = "cla_starts_stated"
                if not pd.isna(value):
                    parts[prefix + name] = float(value)
        rows = new_cpp[new_cpp["authority"] == authority]
        for level, plans, when in zip(rows["level"], rows["plans"], rows["when"], strict=True):
            parts[f"cpp_new_{'low' if level == 'lowest' else 'high'}"] = NewPlans(
                whole(plans), str(when)
            )
        q = counted(quarterly[quarterly["authority"] == authority]).sort_values("quarter")
        if len(q):
            first, last = q.iloc[0], q.iloc[-1]
            first_count = whole(first["children"])
            on = year_on(str(first["quarter"]))
            later = q[q["quarter"] == on]
            year_on_count = whole(later["children"].iloc[0]) if len(later) else None
            change = None
            if len(later):
                change = (
                    pd.NA
                    if not_available(first_count) or not_available(year_on_count)
                    else pct_change(float(first_count), float(year_on_count))
                )
            parts["starts"] = QuarterlyStarts(
                first_quarter=str(first["quarter"]),
                first=first_count,
                last_quarter=str(last["quarter"]),
                last=whole(last["children"]),
                year_on_quarter=on,
                year_on=year_on_count,
                change=change,
            )
        years = counted(annual[annual["area"] == authority]).sort_values("year_ending")
        if len(years) >= 2:
            prev, last = years.iloc[-2], years.iloc[-1]
            parts["published"] = PublishedStarts(
                prev_year=int(prev["year_ending"]),
                prev=whole(prev["children"]),
                last_year=int(last["year_ending"]),
                last=whole(last["children"]),
            )
        out[authority] = FITEvidence(**parts)  # type: ignore[arg-type]
    return out


@dataclass(frozen=True)
class BaselineShares:
    """The case file percentages (0-100) read before the pilot, one field for each of
    :data:`BASELINE_MEASURES`; None where the pack has no such percentage. ``label`` is the
    authority column of those rows (the report's covers both authorities)."""

    label: str
    domestic_abuse: float | None = None
    substance_misuse: float | None = None
    mental_health: float | None = None
    all_three: float | None = None
    two_of_three: float | None = None
    engaged: float | None = None

    def share(self, measure: str) -> float | None:
        """The percentage for one of :data:`BASELINE_MEASURES` (None where the pack lacks it)."""
        if measure not in BASELINE_MEASURES:
            raise KeyError(f"{measure!r} is not a FIT baseline case file measure")
        return getattr(self, measure)


def baseline(case_files: pd.DataFrame) -> BaselineShares | None:
    """The case file shares read before the pilot (period "baseline"); None when the pack
    has no baseline percentage."""
    rows = case_files[case_files["period"] == "baseline"]
    shares = {
        measure: float(value)
        for measure, value in zip(rows["measure"], rows["share_pct"], strict=True)
        if measure in BASELINE_MEASURES and not pd.isna(value)
    }
    if not shares:
        return None
    return BaselineShares(label=str(rows["authority"].iloc[0]), **shares)


#: The groups of case-file percentages that describe one sample of families.
PROFILE = ("all_three", "two_of_three", "significant_history", "some_history")
OUTCOMES = ("clearly_positive", "mixed")
BASELINE_TRIO = ("domestic_abuse", "substance_misuse", "mental_health", "all_three", "two_of_three")


def base_groups(case_files: pd.DataFrame) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """Groups of case file percentages about one sample: (label, authority, period,
    measures), for the baseline and for each authority's FIT families (their toxic trio
    issues and history; their short-term outcomes), with the measures the pack has."""

    def present(authority: str, period: str, measures: tuple[str, ...]) -> tuple[str, ...]:
        rows = case_files[
            (case_files["authority"] == authority)
            & (case_files["period"] == period)
            & case_files["share_pct"].notna()
        ]
        return tuple(m for m in measures if m in set(rows["measure"]))

    groups = []
    before = case_files[case_files["period"] == "baseline"]
    if len(before):
        label = str(before["authority"].iloc[0])
        measures = present(label, "baseline", BASELINE_TRIO)
        if measures:
            groups.append(("Baseline, toxic trio issues", label, "baseline", measures))
    pilot = case_files[case_files["period"] == "pilot"]
    for authority in authorities(pilot):
        measures = present(authority, "pilot", PROFILE)
        if measures:
            history = (
                " and history" if {"significant_history", "some_history"} & set(measures) else ""
            )
            groups.append(
                (f"{authority}, toxic trio issues{history}", authority, "pilot", measures)
            )
        measures = present(authority, "pilot", OUTCOMES)
        if measures:
            groups.append((f"{authority}, short-term outcomes", authority, "pilot", measures))
    return groups


def likely_bases(case_files: pd.DataFrame) -> pd.DataFrame:
    """For each group of percentages about one sample, the smallest number of families that
    reproduces all of them once rounded. The book's inference, where the report gives none."""
    rows = []
    found = case_file_shares(case_files)
    for label, authority, period, measures in base_groups(case_files):
        shares = [found.share(authority, period, m) for m in measures]
        rows.append(
            {
                "sample": label,
                "authority": authority,
                "period": period,
                "kind": "outcomes" if set(measures) <= set(OUTCOMES) else "profile",
                "percentages": ", ".join(f"{p:g}%" for p in shares),
                "smallest_base": smallest_base(shares),
            }
        )
    return pd.DataFrame(
        rows,
        columns=["sample", "authority", "period", "kind", "percentages", "smallest_base"],
    )


def inferred_count(share_pct: float, base: int) -> int:
    """The whole number of ``base`` whose percentage is nearest ``share_pct`` (10 of 34 for
    29%). With the smallest base from :func:`smallest_base`, it rounds to ``share_pct``."""
    if base < 1:
        raise ValueError(f"base must be at least 1, got {base}")
    if not 0 <= share_pct <= 100:
        raise ValueError(f"share_pct must be from 0 to 100, got {share_pct}")
    return min(range(base + 1), key=lambda k: abs(100 * k / base - share_pct))


def stated_shares(case_files: pd.DataFrame) -> dict[tuple[str, str, str], tuple[int, int]]:
    """For each case file percentage whose base the pack states (its ``case_files``
    column), keyed by (authority, period, measure): (count, base), the count the whole
    number of the base nearest the percentage. Only these carry a confidence interval: the
    report gives no bases, and the smallest samples consistent with its rounding
    (:func:`likely_bases`) differ for the same families, so an interval on them would rest
    on a guess."""
    out: dict[tuple[str, str, str], tuple[int, int]] = {}
    for rec in case_files.to_dict("records"):
        base, share = rec.get("case_files"), rec["share_pct"]
        if base is None or pd.isna(base) or pd.isna(share):
            continue
        key = (str(rec["authority"]), str(rec["period"]), str(rec["measure"]))
        out[key] = (inferred_count(float(share), int(base)), int(base))
    return out


def figures(
    a: FITAssumptions,
    tables: dict[str, pd.DataFrame],
    found: dict[str, FITEvidence] | None = None,
    costs: FITCosts | None = None,
) -> dict[str, float]:
    """Every ``fit.*`` figure of the reference list, computed from parameters and data.

    The cost figures come from the parameters and are always given; the evidence figures
    for whichever of the report's pilot authorities the pack holds, and the baseline ones
    where the pack has baseline case files. Values are in the reference list's units:
    percentages as 0-100, money in GBP a year. ``found`` (:func:`evidence` of the tables)
    and ``costs`` (:func:`cost_model` of ``a`` and the tables) are worked out here unless a
    caller that has them already passes them.
    """
    if costs is None:
        costs = cost_model(a, tables["fit_team_makeup"], tables["fit_families"])
    if found is None:
        found = evidence(tables)
    before = baseline(tables["fit_case_files"])
    out: dict[str, float] = {}
    if before is not None:
        out |= {
            fid: before.share(name)
            for fid, name in BASELINE_IDS.items()
            if before.share(name) is not None
        }
    out |= report_ids({n: ev.by_name() for n, ev in found.items()}, REPORT_IDS)
    out |= {
        "fit.families_total": added_up(costs.families.values()),
        "fit.da_salary": a.da_salary,
        "fit.sm_salary": a.sm_salary,
        "fit.mh_salary": a.mh_salary,
        "fit.overhead_flat": a.overhead_per_worker,
        "fit.da_cost": costs.worker_cost["domestic_abuse"],
        "fit.sm_cost": costs.worker_cost["substance_misuse"],
        "fit.mh_cost": costs.worker_cost["mental_health"],
        "fit.mh_cost_low": a.mh_cost_low,
        "fit.mh_cost_high": a.mh_cost_high,
    }
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
                f"{costs.months[auth]} months' cost / {_n(costs.families[auth])} families",
                per,
            )
        )
    if len(costs.families) > 1:
        together = "Both" if len(costs.families) == 2 else f"All {len(costs.families)}"
        rows.append(
            (
                f"{together} authorities: cost per family (illustration)",
                f"{together.lower()} authorities' cost / {_n(added_up(costs.families.values()))} "
                "families",
                costs.cost_per_family_all,
            )
        )
    return pd.DataFrame(rows, columns=["step", "how", "gbp"])


# --- Paragraphs written from the pack -------------------------------------------------------
# Each writes Markdown for the authorities that have the figures, naming them as the pack
# does (escaped), or says the pack has no such figures. ``stated`` is the result of
# :func:`stated_shares`: only a percentage whose base the pack states gets an interval, with
# that base; the others are rough figures, and the text says so in words.

Stated = dict[tuple[str, str, str], tuple[int, int]]


def _pct(value: float, key: tuple[str, str, str], stated: Stated, after: str = "") -> str:
    """'29% (19 of 65; 95% interval 18% to 41%)' where the pack states the base, else
    '29%'; ``after`` goes between the percentage and the rest ('29% of them (...)')."""
    from evidencebook.analysis.uncertainty import share_interval

    text = f"{value:.0f}%{after}"
    if key not in stated:
        return text
    share = share_interval(*stated[key])
    return f"{text} ({share.successes} of {share.n}; {share.interval_text()})"


def _files(samples: pd.DataFrame | None, sample: str) -> float | None:
    """The number of case files Table 1 lists for ``sample`` (``fit_samples``), or None."""
    if samples is None or not len(samples):
        return None
    rows = samples[samples["sample"] == sample]
    if not len(rows) or pd.isna(rows["case_files"].iloc[0]):
        return None
    return float(rows["case_files"].iloc[0])


def rough_words(samples: pd.DataFrame | None, period: str, authorities_: int = 1) -> str:
    """Why a case file percentage with no stated base carries no interval, in words: 'the
    report gives no base, only that 65 case files were read at baseline (Table 1), so no
    interval can be given'. ``authorities_``: how many authorities the pilot figures cover."""
    if period == "baseline":
        files = _files(samples, "baseline_case_files")
        which = f"{_n(files)} case files were read at baseline"
    else:
        files = _files(samples, "fit_case_files")
        across = {1: "", 2: " across both authorities"}.get(authorities_, " across the authorities")
        which = f"{_n(files)} case files were read mainly about FIT{across}"
    listed = f", only that {which} (Table 1)" if files else ""
    return f"the report gives no base{listed}, so no interval can be given"


def _n(value: float) -> str:
    """A count as text: "c" where it is withheld, "x" where it is not available."""
    return missing_symbol(value) if not_available(value) else f"{value:,.0f}"


def _gbp(value: float) -> str:
    """Money in whole pounds: "c" where it is worked out from a withheld count, "x" where it
    is not available (a cost per family of no families)."""
    return missing_symbol(value) if not_available(value) else f"£{value:,.0f}"


def _change(value: float, spec: str) -> str:
    """A percentage change ('53.4%'): "c" where it is worked out from a withheld count, "x"
    where it is not available."""
    return missing_symbol(value) if not_available(value) else f"{value:{spec}}%"


def _teams_clause(name: str, fielded: TeamsFielded) -> str:
    teams, full = fielded.total, fielded.full
    if full == teams:
        basis = fielded.full_basis
        return (
            f"{possessive(name)} {_n(teams)} team{'s' if teams != 1 else ''} "
            f"{'were' if teams != 1 else 'was a'} full three-worker "
            f"team{'s' if teams != 1 else ''}" + (f" ({_lower_first(basis)})" if basis else "")
        )
    return (
        f"only {_n(full)} of {possessive(name)} {_n(teams)} teams "
        f"{'was' if full == 1 else 'were'} fully staffed"
    )


def _lower_first(text: str) -> str:
    """'Only 1 team' as 'only 1 team' (a quoted basis inside a sentence)."""
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def glance_text(
    evidence_: dict[str, FITEvidence],
    before: BaselineShares | None,
    stated: Stated,
    samples: pd.DataFrame | None = None,
) -> str:
    """The 'at a glance' bullets on the evidence: the families' problems before the pilot,
    the teams fielded, the families reached, engagement and short-term outcomes. A case file
    percentage gets an interval only where the pack states its base (``stated``); otherwise
    the bullet says in words why it is a rough figure (``samples``: Table 1's counts)."""
    bullets = []
    if before is not None and before.all_three is not None:
        key = (before.label, "baseline", "all_three")
        bullets.append(
            "Families with a Child in Need or Child Protection Plan often live with domestic "
            'abuse, parental substance misuse or parental mental health problems (the "toxic '
            f'trio"). Before the pilot, {_pct(before.all_three, key, stated)} had all three'
            + ("." if key in stated else f" (a rough figure: {rough_words(samples, 'baseline')}).")
        )
    staffed = {n: ev.teams for n, ev in evidence_.items() if ev.teams is not None}
    if staffed:
        lead = (
            "Recruiting the planned three-worker teams proved hard: "
            if any(t.full < t.total for t in staffed.values())
            else "Teams fielded: "
        )
        bullets.append(lead + "; ".join(_teams_clause(n, t) for n, t in staffed.items()) + ".")
    counted = {n: ev.families for n, ev in evidence_.items() if ev.families is not None}
    if counted:
        total = added_up([f.count for f in counted.values()])
        periods = {f.period for f in counted.values()}
        if len(periods) == 1:
            parts = [f"{_n(f.count)} {in_place(n)}" for n, f in counted.items()]
            if len(counted) > 1:
                text = f"{_n(total)} families took part in some way from {periods.pop()}"
                text += f" ({', '.join(parts)})."
            else:
                text = (
                    f"{_n(total)} families {in_place(next(iter(counted)))} took part in some "
                    f"way from {periods.pop()}."
                )
        else:
            text = (
                f"{_n(total)} families took part in some way: "
                + join_words(
                    [f"{_n(f.count)} {in_place(n)} ({f.period})" for n, f in counted.items()]
                )
                + "."
            )
        bullets.append(text)
    engaged = {n: ev.shares.engaged for n, ev in evidence_.items()}
    engaged = {n: share for n, share in engaged.items() if share is not None}
    if engaged:
        shares = join_words([f"{share:.0f}% {in_place(n)}" for n, share in engaged.items()])
        if before is not None and before.engaged is not None:
            bullets.append(
                "Families taking up support at first: "
                f"{before.engaged:.0f}% in the case files read before the pilot and about "
                + shares
                + " in those read at its end. That is a before-and-after comparison of case "
                "files with no comparison group, so it shows a change, not how much of it FIT "
                "made."
            )
        else:
            bullets.append(f"Families taking up support at first with FIT: about {shares}.")
    positive = [n for n, ev in evidence_.items() if ev.shares.clearly_positive is not None]
    if positive:
        parts = [
            _pct(
                evidence_[n].shares.clearly_positive,
                (n, "pilot", "clearly_positive"),
                stated,
                f" of the families sampled {in_place(n)}",
            )
            for n in positive
        ]
        unstated = [n for n in positive if (n, "pilot", "clearly_positive") not in stated]
        bullets.append(
            "Short-term outcomes were clearly positive for "
            + join_words(parts)
            + (
                "; the samples were small, so these are rough figures: "
                + rough_words(samples, "pilot", len(positive))
                + "."
                if unstated
                else "; the samples were small."
            )
        )
    if not bullets:
        return "- " + no_data("the families the teams worked with")
    return "\n".join(f"- {b}" for b in bullets)


def baseline_text(
    before: BaselineShares | None,
    stated: Stated,
    bases: pd.DataFrame,
    samples: pd.DataFrame | None = None,
) -> str:
    """The toxic trio issues of families with a plan, from the case files read before the
    pilot: with intervals where the pack states the bases, otherwise as rough figures."""
    if before is None or any(
        before.share(m) is None for m in ("domestic_abuse", "substance_misuse", "mental_health")
    ):
        return no_data("the families read before the pilot (the baseline)")
    label = before.label

    def pct(measure: str, after: str = "") -> str:
        return _pct(before.share(measure), (label, "baseline", measure), stated, after)

    text = (
        "The baseline analysis of families with a Child in Need or Child Protection Plan found "
        f"domestic abuse in {pct('domestic_abuse', ' of them')}, parental substance misuse in "
        f"{pct('substance_misuse')} and parental mental health problems in "
        f"{pct('mental_health')}."
    )
    if before.all_three is not None and before.two_of_three is not None:
        text += (
            f" {capital(pct('all_three'))} had all three and another {pct('two_of_three')} had two."
        )
    keys = [(label, "baseline", m) for m in BASELINE_TRIO if before.share(m) is not None]
    if any(k not in stated for k in keys):
        text += (
            " These are rough figures: "
            + rough_words(samples, "baseline")
            + " (see the families the teams worked with)."
        )
    return text


def teams_text(evidence_: dict[str, FITEvidence]) -> str:
    """The teams each authority fielded, by make-up."""
    parts = []
    for name, ev in evidence_.items():
        if ev.teams is None:
            continue
        fielded = ev.teams
        teams, full = fielded.total, fielded.full
        if full == teams:
            which = {1: "the one team was", 2: "both teams were"}.get(
                teams, f"all {teams} teams were"
            )
        else:
            which = f"{_n(full)} of the {_n(teams)} teams {'was' if full == 1 else 'were'}"
        text = f"{capital(in_place(name))}, {which} fully staffed"
        if full == teams and fielded.full_basis:
            text += f" ({_lower_first(fielded.full_basis)})"
        others = []
        if fielded.da_only:
            others.append(f"{_n(fielded.da_only)} only ever recruited a domestic abuse worker")
        if fielded.da_sm:
            others.append(
                f"{_n(fielded.da_sm)} had mostly domestic abuse and substance misuse workers"
            )
        if fielded.other:
            others.append(f"{_n(fielded.other)} had other make-ups")
        text += ("; " + join_words(others) if others else "") + "."
        parts.append(text)
    if not parts:
        return no_data("the teams fielded")
    return " ".join(parts) + " The table shows the teams as this book reads the findings."


def families_text(evidence_: dict[str, FITEvidence]) -> str:
    """The families who took part, in each authority."""
    counted = {n: ev.families for n, ev in evidence_.items() if ev.families is not None}
    if not counted:
        return no_data("the families who took part")
    total = added_up([f.count for f in counted.values()])
    periods = {(f.months, f.period) for f in counted.values()}
    if len(periods) == 1:
        months, period = periods.pop()
        when = f"in the {months} months from {period}"
        parts = [f"{_n(f.count)} {in_place(n)}" for n, f in counted.items()]
    else:
        when = "in the months each authority counted"
        parts = [f"{_n(f.count)} {in_place(n)} ({f.period})" for n, f in counted.items()]
    if len(counted) == 1:
        return (
            f"Even so, {_n(total)} families {in_place(next(iter(counted)))} took part in some "
            f"way {when}."
        )
    return f"Even so, {_n(total)} families took part in some way {when}: {join_words(parts)}."


def profile_text(
    evidence_: dict[str, FITEvidence],
    stated: Stated,
    bases: pd.DataFrame,
    samples: pd.DataFrame,
) -> str:
    """The toxic trio issues and social care history of the FIT families sampled, then how
    many families the percentages rest on."""
    parts = []
    for name, ev in evidence_.items():
        has = ev.shares
        if has.all_three is None:
            continue

        def pct(measure: str, name: str = name, has: CaseFileShares = has) -> str:
            return _pct(has.share(measure), (name, "pilot", measure), stated)

        text = f"{capital(in_place(name))}, {pct('all_three')} had all three"
        if has.two_of_three is not None:
            text += f" and {pct('two_of_three')} two of the three"
        if has.significant_history is not None and has.some_history is not None:
            text += (
                f"; {pct('significant_history')} had a significant history with social care "
                f"and {pct('some_history')} some history"
            )
        parts.append(text + ".")
    if not parts:
        return no_data("the toxic trio issues of the families the teams worked with")
    text = (
        " ".join(parts)
        + "\n\nThe source does not say how many families each percentage is based on."
    )
    counts = dict(zip(samples["sample"], samples["case_files"], strict=True))
    if "fit_case_files" in counts and "baseline_case_files" in counts:
        text += (
            f" Table 1 lists {_n(counts['fit_case_files'])} case files read mainly about FIT and "
            f"{_n(counts['baseline_case_files'])} at baseline."
        )
    if all(k in stated for k in _keys(evidence_, PROFILE)):
        return text
    profile = bases[(bases["period"] == "pilot") & (bases["kind"] == "profile")].dropna(
        subset=["smallest_base"]
    )
    if len(profile):
        found = [
            f"{_n(b)} families {in_place(a)}"
            for a, b in zip(profile["authority"], profile["smallest_base"], strict=True)
        ]
        text += " The smallest samples that give all of these percentages once rounded are "
        text += join_words(found)
        outcomes = bases[(bases["period"] == "pilot") & (bases["kind"] == "outcomes")].dropna(
            subset=["smallest_base"]
        )
        if len(outcomes):
            text += (
                ", but the same families' short-term outcomes need only "
                + join_words([_n(b) for b in outcomes["smallest_base"]])
                + ": the rounding fits many sample sizes, and no one sample fits every "
                "percentage"
            )
        text += (
            ". So the book does not guess a base or put a confidence interval on these "
            "percentages. Read them as rough figures from samples of a few dozen families at "
            "most, where one family more or less moves a share by several points: treat "
            "differences of a few points as no difference."
        )
    return text


def _keys(evidence_: dict[str, FITEvidence], measures: tuple[str, ...]) -> list:
    """(authority, "pilot", measure) for each of ``measures`` the evidence holds."""
    return [
        (n, "pilot", m)
        for n, ev in evidence_.items()
        for m in measures
        if ev.shares.share(m) is not None
    ]


def engagement_text(evidence_: dict[str, FITEvidence], before: BaselineShares | None) -> str:
    """Families taking up help at first, before the pilot and with FIT."""
    engaged = {n: ev.shares.engaged for n, ev in evidence_.items()}
    engaged = {n: share for n, share in engaged.items() if share is not None}
    if not engaged:
        return no_data("families taking up help at first")
    engaged_before = None if before is None else before.engaged
    of = "" if engaged_before is not None else " of families"
    shares = join_words(
        [
            f"{share:.0f}%{of if i == 0 else ''} {in_place(n)}"
            for i, (n, share) in enumerate(engaged.items())
        ]
    )
    if engaged_before is not None:
        return (
            f"Before the pilot {engaged_before:.0f}% of families took up help for their toxic "
            f"trio issues at first; with FIT it was about {shares} (case file analysis)."
        )
    return f"With FIT, about {shares} took up help at first (case file analysis)."


def outcomes_text(evidence_: dict[str, FITEvidence], stated: Stated, bases: pd.DataFrame) -> str:
    """Clearly positive and mixed short-term outcomes of the FIT families sampled."""
    sampled = [
        n
        for n, ev in evidence_.items()
        if ev.shares.clearly_positive is not None or ev.shares.mixed is not None
    ]
    if not sampled:
        return no_data("short-term outcomes")
    text = ""
    for measure, lead in (
        ("clearly_positive", "Clearly positive changes showed for "),
        (
            "mixed",
            "Mixed outcomes, with some things better but risks or needs remaining, showed for ",
        ),
    ):
        found = {n: evidence_[n].shares.share(measure) for n in sampled}
        found = {n: share for n, share in found.items() if share is not None}
        if found:
            of = " of the families sampled" if measure == "clearly_positive" else ""
            shares = [
                _pct(share, (n, "pilot", measure), stated, f"{of} {in_place(n)}")
                for n, share in found.items()
            ]
            text += lead + join_words(shares) + ". "
    text += "The source does not describe the rest."
    if all(k in stated for k in _keys(evidence_, OUTCOMES)):
        return text
    found = bases[(bases["period"] == "pilot") & (bases["kind"] == "outcomes")].dropna(
        subset=["smallest_base"]
    )
    if len(found):
        sizes = join_words([_n(b) for b in found["smallest_base"]])
        text += (
            " The source gives no sample sizes; the smallest consistent with these "
            f"percentages are {sizes} families, so one family more or less moves a share by "
            "several points. They are rough figures, and the book puts no interval on them."
        )
    return text


def demand_text(evidence_: dict[str, FITEvidence]) -> str:
    """Changes in open Child Protection Plans and in children becoming looked after, as
    bullets, for each authority with the figures."""
    bullets = []
    plans = []
    for name, ev in evidence_.items():
        if ev.open_cpp is not None:
            text = f"{in_place(name)} the number changed by {ev.open_cpp:+.0f}% overall"
            if ev.fit_teams_open_cpp is not None:
                text += f" and by {ev.fit_teams_open_cpp:+.0f}% in the teams piloting FIT"
            plans.append(text)
        elif ev.fit_teams_open_cpp is not None:
            plans.append(
                f"in {possessive(name)} teams piloting FIT the number changed by "
                f"{ev.fit_teams_open_cpp:+.0f}%"
            )
    new = [
        f"New plans in each three-month period varied {in_place(n)} from "
        f"{_n(ev.cpp_new_low.plans)} to {_n(ev.cpp_new_high.plans)}."
        for n, ev in evidence_.items()
        if ev.cpp_new_low is not None and ev.cpp_new_high is not None
    ]
    if plans or new:
        text = "**Open Child Protection Plans:** "
        if plans:
            text += (
                "from just before the pilot to nine to twelve months in, " + "; ".join(plans) + ". "
            )
        bullets.append((text + " ".join(new)).strip())
    for name, ev in evidence_.items():
        parts = []
        starts = ev.starts
        if ev.fit_teams_cla_starts is not None:
            text = (
                f"in {possessive(name)} teams piloting FIT, up {ev.fit_teams_cla_starts:.0f}% "
                "from the three months before the pilot to the same three months a year later"
            )
            # the whole authority's change: recomputed, or as stated where the recomputed one
            # needs a withheld count
            across = None if starts is None else starts.change
            if not_available(across):
                across = ev.cla_starts_stated
            if not not_available(across) and ev.fit_teams_cla_starts > across:
                text += f", faster than across the whole of {the(name)}"
            parts.append(text + ".")
        if starts is not None and starts.compared:
            counts = (
                f"{_n(starts.first)} children in {quarter_text(starts.first_quarter)}, "
                f"{_n(starts.year_on)} in {quarter_text(starts.year_on_quarter)}"
            )
            if ev.cla_starts_stated is not None:
                parts.append(
                    f"For the whole of {the(name)} the source says "
                    f"{ev.cla_starts_stated:.0f}%; recomputed from the quarterly counts "
                    f"({counts}) it is {_change(starts.change, '.1f')}."
                )
            else:
                parts.append(
                    f"Across the whole of {the(name)}, recomputed from the quarterly counts "
                    f"({counts}), the change was {_change(starts.change, '+.1f')}."
                )
        if parts:
            bullets.append("**Children becoming looked after:** " + " ".join(parts))
    if not bullets:
        return "- " + no_data("Child Protection Plans or children becoming looked after")
    return "\n".join(f"- {b}" for b in bullets)


def published_text(evidence_: dict[str, FITEvidence]) -> str:
    """The published yearly starts, and the quarterly counts where there is no like-for-like
    comparison a year apart."""
    parts = []
    for name, ev in evidence_.items():
        published, starts = ev.published, ev.starts
        if published is not None:
            prev, last = published.prev, published.last
            if not_available(prev) or not_available(
                last
            ):  # the direction would say something of it
                parts.append(
                    f"The published yearly figures for {the(name)} were {_n(prev)} children "
                    f"starting to be looked after in the year to March "
                    f"{published.prev_year} and {_n(last)} in the year to March "
                    f"{published.last_year}."
                )
            else:
                moved = "a fall" if last < prev else "a rise" if last > prev else "no change"
                parts.append(
                    f"The published yearly figures for {the(name)} had suggested {moved}, from "
                    f"{_n(prev)} children starting to be looked after in the year to March "
                    f"{published.prev_year} to {_n(last)} in the year to March "
                    f"{published.last_year}."
                )
        if starts is not None and not starts.compared:
            text = (
                f"{capital(possessive(name))} quarterly counts went from {_n(starts.first)} in "
                f"{quarter_text(starts.first_quarter)} to {_n(starts.last)} in "
                f"{quarter_text(starts.last_quarter)}"
            )
            parts.append(
                text + f", and there is no count for {quarter_text(starts.year_on_quarter)} to "
                "compare like with like."
            )
    return " ".join(parts)


def fielded_text(costs: FITCosts, evidence_: dict[str, FITEvidence]) -> str:
    """What each authority's fielded teams cost, against every team full."""
    parts = []
    for name, cost in costs.fielded_cost.items():
        planned = costs.planned_cost[name]
        ev = evidence_.get(name)
        teams = None if ev is None or ev.teams is None else ev.teams.total
        if cost < planned:
            parts.append(
                f"{possessive(name)} teams came to £{cost:,.0f} a year, against "
                f"£{planned:,.0f} had all {_n(teams)} been full"
            )
        else:
            parts.append(f"{possessive(name)} {_n(teams)} full teams cost £{cost:,.0f}")
    if not parts:
        return ""
    return (
        "Costed as this book reads the make-ups above, "
        + "; ".join(parts)
        + ". In reality posts were empty at times and some workers left, so these are upper "
        "estimates of what was spent."
    )


def per_family_text(costs: FITCosts) -> str:
    """The illustrative cost per family: the fielded teams' cost over the months the
    families were counted, divided by the families ("c" where their count is withheld)."""
    names = [
        n for n in costs.cost_per_family if not_available(costs.families[n]) or costs.families[n]
    ]
    if not names:
        return ""
    months = {costs.months[n] for n in names}
    over = (
        f"Over the {months.pop()} months in which the families were counted"
        if len(months) == 1
        else "Over the months in which each authority counted its families"
    )
    text = (
        f"**Cost per family: an illustration the report did not make.** {over}, the fielded "
        "teams would cost "
        + join_words([f"£{costs.period_cost[n]:,.0f} {in_place(n)}" for n in names])
        + ". Divided by the families who took part, that is about "
        + join_words(
            [f"{_gbp(costs.cost_per_family[n])} a family {in_place(n)}" for n in names]
            + (
                [f"{_gbp(costs.cost_per_family_all)} across {'both' if len(names) == 2 else 'all'}"]
                if len(names) > 1
                else []
            )
        )
        + "."
    )
    return text


def demand_rows(evidence_: dict[str, FITEvidence]) -> pd.DataFrame:
    """The changes in looked-after starts and open plans, for a chart: measure, change_pct
    (blank where it is worked out from a withheld count, or not available), source, and
    change_pct_withheld (True where it is withheld)."""
    rows = []
    for name, ev in evidence_.items():
        recomputed = ev.starts is not None and ev.starts.compared
        for present, value, label, source in (
            (
                ev.fit_teams_cla_starts is not None,
                ev.fit_teams_cla_starts,
                f"Starts, {name} FIT teams",
                "stated",
            ),
            (
                recomputed,
                ev.starts.change if recomputed else None,
                f"Starts, all {name}",
                "recomputed from quarterly counts",
            ),
            (
                ev.fit_teams_open_cpp is not None,
                ev.fit_teams_open_cpp,
                f"Open CPPs, {name} FIT teams",
                "stated",
            ),
            (ev.open_cpp is not None, ev.open_cpp, f"Open CPPs, all {name}", "stated"),
        ):
            if present:
                shown = pd.NA if not_available(value) else float(value)
                rows.append((label, shown, source, is_withheld(value)))
    out = pd.DataFrame(rows, columns=["measure", "change_pct", "source", "change_pct_withheld"])
    out["change_pct"] = out["change_pct"].astype("Float64")
    return out.astype({"change_pct_withheld": bool})
