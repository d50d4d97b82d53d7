"""Social worker surgeries: the evidence, the demand trends and the scaled-up projection.

The evaluators projected the cost of running the surgery model across the whole of
Hampshire as a number of family support workers times the cost of one. The report gives
only the rounded total and the number of workers, not the cost of one worker; the book's
default is a salary plus the shared overhead rate (see the chapter's parameters).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .common import pct_change, with_overheads

#: Trend tables this chapter reads from the trends strand (Tables 8 and 9).
TREND_TABLES = ("referrals", "children_in_need")

#: Months compared, as the report compares them: referrals from the month the programme
#: went live to 12 months in (Table 8); Children in Need from when the bid was formed to the
#: last month available (Table 9).
REFERRALS_FROM, REFERRALS_TO = "2015-10", "2016-09"
CIN_FROM, CIN_TO = "2015-03", "2016-10"
AUTHORITY = "Hampshire"


@dataclass(frozen=True)
class SWSAssumptions:
    """The scaled-up model's assumptions; defaults live in the chapter's parameters."""

    workers: int  # family support workers needed county-wide
    worker_salary: float  # annual salary of one family support worker, GBP
    overhead_rate: float  # overheads as a share of salary (0.2 = 20%)

    def __post_init__(self) -> None:
        if self.workers < 0 or int(self.workers) != self.workers:
            raise ValueError("workers must be a whole number, 0 or more")
        if self.worker_salary < 0:
            raise ValueError("worker_salary must be 0 or more")
        if self.overhead_rate < 0:
            raise ValueError("overhead_rate must be 0 or more")


@dataclass(frozen=True)
class SWSCosts:
    worker_cost: float  # one worker with overheads, GBP a year
    scaled_cost: float  # the county-wide model, GBP a year


def cost_model(a: SWSAssumptions) -> SWSCosts:
    """The scaled-up model: workers x (salary plus overheads)."""
    worker = with_overheads(a.worker_salary, a.overhead_rate)
    return SWSCosts(worker_cost=worker, scaled_cost=worker * a.workers)


def count_at(table: pd.DataFrame, column: str, month: str, authority: str = AUTHORITY) -> float:
    """One authority's count in one month, from a trend table."""
    rows = table[(table["authority"] == authority) & (table["month"] == month)]
    if len(rows) != 1 or pd.isna(rows[column].iloc[0]):
        raise KeyError(f"no {column} count for {authority}, {month}")
    return float(rows[column].iloc[0])


def rise(table: pd.DataFrame, column: str, first: str, last: str) -> float:
    """Percentage change in an authority's count from ``first`` to ``last``."""
    return pct_change(count_at(table, column, first), count_at(table, column, last))


def target(targets: pd.DataFrame, measure: str) -> float:
    """A targeted reduction, as a percentage; NaN where no size was set."""
    rows = targets[targets["measure"] == measure]
    if len(rows) != 1:
        raise KeyError(f"sws_targets has no single row for {measure}")
    value = rows["target_reduction_pct"].iloc[0]
    return float("nan") if pd.isna(value) else float(value)


def pupils_text(schools: pd.DataFrame, school: str) -> object:
    """A school's pupils as the report gives them: a number, or a range written '50-60'."""
    rows = schools[schools["school"] == school]
    if len(rows) != 1:
        raise KeyError(f"sws_schools has no single row for {school}")
    low, high = int(rows["pupils_low"].iloc[0]), int(rows["pupils_high"].iloc[0])
    if low > high:
        raise ValueError(f"sws_schools: {school} has more pupils at the low end than the high")
    return low if low == high else f"{low}-{high}"


#: How each target measure is checked, where the pack has the counts: table, column, months.
OUTCOME_SOURCES = {
    "referrals": ("referrals", "referrals", REFERRALS_FROM, REFERRALS_TO, "Table 8"),
    "children_in_need": ("children_in_need", "children", CIN_FROM, CIN_TO, "Table 9"),
}


def targets_vs_actual(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Each target of the theory of change beside the change that happened, where known.

    ``change_pct`` is the actual change (positive is a rise); blank where the pack has no
    counts for the measure."""
    rows = []
    for rec in tables["sws_targets"].to_dict("records"):
        measure = rec["measure"]
        goal = rec["target_reduction_pct"]
        row = {
            "measure": measure,
            "target_change_pct": float("nan") if pd.isna(goal) else -float(goal),
            "change_pct": float("nan"),
            "period": "",
            "source": rec["source"],
        }
        if measure in OUTCOME_SOURCES:
            name, column, first, last, where = OUTCOME_SOURCES[measure]
            try:
                row["change_pct"] = rise(tables[name], column, first, last)
                row["period"] = f"{first} to {last}"
                row["source"] = f"{rec['source']}; {where}"
            except KeyError:
                pass
        rows.append(row)
    return pd.DataFrame(rows)


def figures(a: SWSAssumptions, tables: dict[str, pd.DataFrame]) -> dict[str, object]:
    """Every ``sws.*`` figure of the reference list, computed from parameters and data."""
    costs = cost_model(a)
    targets = tables["sws_targets"]
    return {
        "sws.scaled_cost": costs.scaled_cost,
        "sws.workers": a.workers,
        "sws.referral_target": target(targets, "referrals"),
        "sws.contact_target": target(targets, "contacts"),
        "sws.referral_rise": rise(tables["referrals"], "referrals", REFERRALS_FROM, REFERRALS_TO),
        "sws.cin_rise": rise(tables["children_in_need"], "children", CIN_FROM, CIN_TO),
        "sws.school_small": pupils_text(tables["sws_schools"], "additional_needs"),
        "sws.school_large": pupils_text(tables["sws_schools"], "mainstream_secondary"),
    }


def cost_steps(a: SWSAssumptions, costs: SWSCosts) -> pd.DataFrame:
    """The projection as a table of steps."""
    rows = [
        ("Family support worker salary", "parameter sws_worker_salary", a.worker_salary),
        (
            "One worker with overheads",
            f"salary plus {a.overhead_rate:.0%} overheads",
            costs.worker_cost,
        ),
        ("County-wide model", f"{a.workers} workers x cost of one", costs.scaled_cost),
    ]
    return pd.DataFrame(rows, columns=["step", "how", "gbp_per_year"])
