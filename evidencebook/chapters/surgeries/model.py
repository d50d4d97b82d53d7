"""Social worker surgeries: the evidence, the demand trends and the scaled-up projection.

The evaluators projected the cost of running the surgery model across the whole of
Hampshire as a number of family support workers times the cost of one. The report gives
only the rounded total and the number of workers, not the cost of one worker; the book's
default is a salary plus the shared overhead rate (see the chapter's parameters).

The pilot ran in one authority, named by the chapter's parameters: its referrals and
Children in Need are set beside the pilot's targets (:func:`evidence`). The report's figure
ids for those changes are given when that authority is Hampshire.

Counts of referrals and Children in Need may be withheld ("c" in the pack, or by
``--suppress-below``): they are ``pd.NA`` here, and so is every change worked out from one,
and the paragraphs say "c" (and not whether referrals fell).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from evidencebook.analysis import arrays, series
from evidencebook.analysis.common import (
    capital,
    in_place,
    join_words,
    month_name,
    no_data,
    pct_change,
    possessive,
    report_ids,
    the,
    with_overheads,
)
from evidencebook.analysis.formatting import missing_symbol
from evidencebook.analysis.pack import not_available, withheld

#: Trend tables this chapter reads from the trends strand (Tables 8 and 9).
TREND_TABLES = ("referrals", "children_in_need")


@dataclass(frozen=True)
class SWSAssumptions:
    """The scaled-up model's assumptions; defaults live in the chapter's parameters."""

    workers: int  # family support workers needed county-wide
    worker_salary: float  # annual salary of one family support worker, GBP
    overhead_rate: float  # overheads as a share of salary (0.2 = 20%)
    #: The authority that ran the pilot, whose demand is set beside its targets; empty for
    #: the cost model alone (the appraisal's draws), which reads no data.
    authority: str = ""
    #: YYYY-MM: Children in Need are compared from the first count in or after this month.
    baseline_from: str = ""

    def __post_init__(self) -> None:
        if self.authority:
            series.month_start(self.baseline_from)  # raises on a malformed month
        if arrays.any_of(self.workers < 0) or not arrays.is_whole(self.workers):
            raise ValueError("workers must be a whole number, 0 or more")
        if arrays.any_of(self.worker_salary < 0):
            raise ValueError("worker_salary must be 0 or more")
        if arrays.any_of(self.overhead_rate < 0):
            raise ValueError("overhead_rate must be 0 or more")


@dataclass(frozen=True)
class SWSCosts:
    worker_cost: float  # one worker with overheads, GBP a year
    scaled_cost: float  # the county-wide model, GBP a year


def cost_model(a: SWSAssumptions) -> SWSCosts:
    """The scaled-up model: workers x (salary plus overheads)."""
    worker = with_overheads(a.worker_salary, a.overhead_rate)
    return SWSCosts(worker_cost=worker, scaled_cost=worker * a.workers)


def count_at(table: pd.DataFrame, column: str, month: str, authority: str) -> float:
    """One authority's count in one month, from a trend table."""
    rows = table[(table["authority"] == authority) & (table["month"] == month)]
    if len(rows) != 1 or pd.isna(rows[column].iloc[0]):
        raise KeyError(f"no {column} count for {authority}, {month}")
    return float(rows[column].iloc[0])


def rise(table: pd.DataFrame, column: str, first: str, last: str, authority: str) -> float:
    """Percentage change in an authority's count from ``first`` to ``last``."""
    return pct_change(
        count_at(table, column, first, authority), count_at(table, column, last, authority)
    )


#: The measures of ``sws_targets`` whose targeted reduction the chapter states.
TARGETS_STATED = ("referrals", "contacts", "assessments")


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


def evidence(a: SWSAssumptions, tables: dict[str, pd.DataFrame]) -> dict[str, object]:
    """The pilot authority's demand over the pilot, where the pack has the counts.

    ``referrals_from`` and ``referrals_to`` (its first and last referral counts: months),
    ``referrals_first``, ``referrals_last`` and ``referral_rise``, with ``mash_rise`` where
    the MASH counts are given at both; ``cin_from`` and ``cin_to`` (its first Child in Need
    count in or after the baseline month, and its last), ``cin_first``, ``cin_last`` and
    ``cin_rise``; and ``cin_before``, ``cin_before_month``: its last count before the
    baseline; ``referrals_source`` and ``cin_source``: the source of the last count.
    A withheld count is ``pd.NA``, and so is a change worked out from it.
    """
    out: dict[str, object] = {}
    if not a.authority:
        return out
    refs = series.series(tables["referrals"], a.authority, "referrals")
    refs = series.counted(refs, "referrals")
    if len(refs) > 1:
        first, last = refs.iloc[0], refs.iloc[-1]
        out |= _first_and_last(refs, "referrals", "referrals", "referral_rise")
        # a MASH count that is blank is not known; one that is withheld is kept
        mash = (refs["mash_referrals"].notna() | withheld(refs, "mash_referrals")).tolist()
        if mash[0] and mash[-1]:
            out["mash_rise"] = series.change(first["mash_referrals"], last["mash_referrals"])
    cin = series.counted(series.series(tables["children_in_need"], a.authority))
    now = cin[cin["date"] >= series.month_start(a.baseline_from)]
    if len(now) > 1:
        out |= _first_and_last(now, "cin", "children", "cin_rise")
    before = series.before_baseline(cin, a.baseline_from)
    if len(before):
        out["cin_before"] = _count(before["children"].iloc[-1])
        out["cin_before_month"] = str(before["month"].iloc[-1])
    return out


def _first_and_last(rows: pd.DataFrame, name: str, column: str, rise: str) -> dict[str, object]:
    """A series' first and last months and counts of ``column`` (``<name>_from``,
    ``<name>_to``, ``<name>_first``, ``<name>_last``), the change between them (``rise``)
    and the last count's source (``<name>_source``)."""
    first, last = rows.iloc[0], rows.iloc[-1]
    return {
        f"{name}_from": str(first["month"]),
        f"{name}_to": str(last["month"]),
        f"{name}_first": _count(first[column]),
        f"{name}_last": _count(last[column]),
        rise: series.change(first[column], last[column]),
        f"{name}_source": str(last["source"]),
    }


def _count(value: object) -> object:
    """A count as a float, or ``pd.NA`` where it is withheld."""
    return pd.NA if not_available(value) else float(value)


#: How each target measure is checked, where the pack has the counts: the name of the
#: change in :func:`evidence` and of the months it runs between.
OUTCOMES = {"referrals": ("referral_rise", "referrals"), "children_in_need": ("cin_rise", "cin")}


def targets_vs_actual(a: SWSAssumptions, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Each target of the theory of change beside the change that happened in the pilot
    authority, where known.

    ``change_pct`` is the actual change (positive is a rise); blank where the pack has no
    counts for the measure, or where a count it needs is withheld (``withheld`` is then
    True)."""
    ev = evidence(a, tables)
    rows = []
    for rec in tables["sws_targets"].to_dict("records"):
        measure = rec["measure"]
        goal = rec["target_reduction_pct"]
        row = {
            "measure": measure,
            "target_change_pct": float("nan") if pd.isna(goal) else -float(goal),
            "change_pct": float("nan"),
            "withheld": False,
            "period": "",
            "source": rec["source"],
        }
        change, months = OUTCOMES.get(measure, (None, None))
        if change in ev:
            withheld_ = not_available(ev[change])
            row["change_pct"] = float("nan") if withheld_ else ev[change]
            row["withheld"] = withheld_
            row["period"] = f"{ev[f'{months}_from']} to {ev[f'{months}_to']}"
            row["source"] = f"{rec['source']}; {ev[f'{months}_source']}"
        rows.append(row)
    return pd.DataFrame(rows)


#: The report's figure ids for its pilot authority: id -> name in :func:`evidence`.
REPORT_IDS = {"hants": {"sws.referral_rise": "referral_rise", "sws.cin_rise": "cin_rise"}}


def figures(a: SWSAssumptions, tables: dict[str, pd.DataFrame]) -> dict[str, object]:
    """Every ``sws.*`` figure of the reference list, computed from parameters and data.

    The changes in referrals and Children in Need are the report's figures when the pilot
    authority is Hampshire and the pack has its counts."""
    costs = cost_model(a)
    targets = tables["sws_targets"]
    out: dict[str, object] = {
        "sws.scaled_cost": costs.scaled_cost,
        "sws.workers": a.workers,
        "sws.referral_target": target(targets, "referrals"),
        "sws.contact_target": target(targets, "contacts"),
        "sws.school_small": pupils_text(tables["sws_schools"], "additional_needs"),
        "sws.school_large": pupils_text(tables["sws_schools"], "mainstream_secondary"),
    }
    return out | report_ids({a.authority: evidence(a, tables)}, REPORT_IDS)


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


# --- Paragraphs written from the pack -------------------------------------------------------


def _n(value: object) -> str:
    """A count as text: "c" where it is withheld, "x" where it is not available."""
    return missing_symbol(value) if not_available(value) else f"{value:,.0f}"


def glance_text(a: SWSAssumptions, ev: dict[str, object], referral_target: float) -> str:
    """The 'at a glance' bullet on referrals and Children in Need against the target."""
    aim = (
        f"The aim was {referral_target:.0f}% fewer referrals"
        if not pd.isna(referral_target)
        else "The aim was fewer referrals"
    )
    if "referral_rise" not in ev:
        return f"- {aim}; this data pack has no referral counts for {the(a.authority)} to compare."
    rise = ev["referral_rise"]
    if not_available(rise):  # whether referrals fell would say something of it
        text = aim
    else:
        text = ("Referrals fell. " if rise < 0 else "Referrals did not fall. ") + aim
    text += f"; across {the(a.authority)}, referrals changed by {series.pct_text(rise, '+.0f')}"
    if "cin_rise" in ev:
        text += f" and Children in Need by {series.pct_text(ev['cin_rise'], '+.0f')}"
    text += " over the same period. The pilot was far too small to move those numbers."
    return f"- {text}"


def outcomes_text(a: SWSAssumptions, outcomes: pd.DataFrame) -> str:
    """What the table of targets against outcomes covers."""
    names = {
        "contacts": "contacts",
        "referrals": "referrals",
        "assessments": "assessments",
        "children_in_need": "Children in Need",
    }
    none = outcomes["change_pct"].isna() & ~outcomes["withheld"].astype(bool)
    missing = [names.get(m, m) for m in outcomes.loc[none, "measure"]]
    text = (
        "The table below sets each target beside what happened "
        f"{in_place(a.authority)} over the pilot, where the pack gives the numbers."
    )
    if missing:
        text += f" It gives none for {join_words(missing, 'or')} {in_place(a.authority)}."
    return text


def demand_text(a: SWSAssumptions, ev: dict[str, object]) -> str:
    """Referrals and Children in Need in the pilot authority, as bullets."""
    bullets = []
    if "referral_rise" in ev:
        text = (
            f"**Referrals** to {possessive(a.authority)} children's social care went from "
            f"{_n(ev['referrals_first'])} in {month_name(ev['referrals_from'])} to "
            f"{_n(ev['referrals_last'])} in {month_name(ev['referrals_to'])} "
            f"({series.pct_text(ev['referral_rise'])})."
        )
        if "mash_rise" in ev:
            text += (
                " Referrals through the Multi-Agency Safeguarding Hub changed by "
                f"{series.pct_text(ev['mash_rise'], '+.0f')}."
            )
        bullets.append(text)
    if "cin_rise" in ev:
        bullets.append(
            f"**Children in Need** {in_place(a.authority)} went from {_n(ev['cin_first'])} in "
            f"{month_name(ev['cin_from'])} to {_n(ev['cin_last'])} in "
            f"{month_name(ev['cin_to'])} ({series.pct_text(ev['cin_rise'])})."
        )
    if not bullets:
        return no_data(f"referrals or Children in Need {in_place(a.authority)}")
    text = "\n".join(f"- {b}" for b in bullets)
    if "cin_before" in ev and "cin_last" in ev:
        # higher or lower would say something of a withheld count
        known = series.complete((ev["cin_before"], ev["cin_last"]))
        moved = "higher" if known and ev["cin_before"] > ev["cin_last"] else "lower"
        text += (
            f"\n\nIn {month_name(ev['cin_before_month'])} the Child in Need count had been "
            f"{moved} still, at {_n(ev['cin_before'])}."
            if moved == "higher"
            else f"\n\nIn {month_name(ev['cin_before_month'])} the Child in Need count had been "
            f"{_n(ev['cin_before'])}."
        )
    return capital(text)
