"""The programme and its evaluation: the setting, the rise in demand and the evaluation's sample.

The report says demand rose by "11-30%" during the key months of the programme, compared
with March 2015. The book recomputes that range from the Children in Need counts: for each
authority, the change from its first count in or after the baseline month to its last count
on or before the end of the demand period; the range runs from the smallest of those changes
to the largest.

Every authority a pack names is described alike, in pack order; the report's figure ids for
Hampshire's and the Isle of Wight's populations are given when the pack has them.

Counts of case files, families and Children in Need may be withheld ("c" in the pack, or by
``--suppress-below``): they are ``pd.NA`` here, and so is every figure worked out from one (a
total, a change in demand, the range of the changes), and the paragraphs say "c".
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from evidencebook.analysis import series
from evidencebook.analysis.common import records, report_ids, whole
from evidencebook.analysis.formatting import NOT_AVAILABLE, WITHHELD, is_withheld
from evidencebook.analysis.pack import not_available

#: The report's figure ids, for each pilot authority: id -> generic name.
REPORT_IDS = {
    "hants": {"context.hants_population": "population"},
    "iow": {"context.iow_population": "population"},
}


@dataclass(frozen=True)
class OverviewAssumptions:
    """The period over which the rise in demand is measured."""

    baseline_from: str  # YYYY-MM: each authority's first count in or after this month
    demand_period_end: str  # YYYY-MM: each authority's last count on or before this month

    def __post_init__(self) -> None:
        start = series.month_start(self.baseline_from)  # each raises on a malformed month
        end = series.month_start(self.demand_period_end)
        if end <= start:
            raise ValueError(
                f"demand_period_end ({self.demand_period_end}) must come after "
                f"baseline_from ({self.baseline_from})"
            )


def sample_count(sample: pd.DataFrame, what: str, stage: str, strand: str = "all") -> object:
    """One count from ``evaluation_sample`` (for example case_files at the baseline): an
    int, or ``pd.NA`` where it is withheld."""
    rows = sample[
        (sample["sample"] == what) & (sample["stage"] == stage) & (sample["strand"] == strand)
    ]
    if len(rows) != 1:
        raise KeyError(f"evaluation_sample has no single row for {what}, {stage}, {strand}")
    return whole(rows["count"].iloc[0])


def retention_share(retained: int, interviewed: int) -> float:
    """Percentage of the people interviewed who were interviewed at every stage."""
    if interviewed <= 0:
        raise ValueError("the number interviewed must be more than 0")
    if not 0 <= retained <= interviewed:
        raise ValueError(
            f"staff interviewed at every stage ({retained}) must be between 0 and the number "
            f"interviewed ({interviewed})"
        )
    return retained / interviewed * 100


def demand_rise(a: OverviewAssumptions, children_in_need: pd.DataFrame) -> pd.DataFrame:
    """Each authority's change in Children in Need over the demand period
    (:func:`~evidencebook.analysis.series.demand_changes`, which the demand trends chapter
    uses too): first and last month, months between, the counts, and the percentage change
    (``pd.NA`` where either count is withheld)."""
    return series.demand_changes(children_in_need, a.baseline_from, a.demand_period_end)


def like_rise(a: OverviewAssumptions, children_in_need: pd.DataFrame) -> pd.DataFrame:
    """The change over the months every authority counted in the demand period
    (:func:`~evidencebook.analysis.series.like_period_changes`)."""
    return series.like_period_changes(children_in_need, a.baseline_from, a.demand_period_end)


def demand_range(rise: pd.DataFrame) -> tuple[float, float]:
    """The smallest and largest of the authorities' changes (percent); both ``pd.NA`` if
    one is withheld (the range of the others would not be the range)."""
    if rise["change_pct"].isna().any():
        return pd.NA, pd.NA
    return float(rise["change_pct"].min()), float(rise["change_pct"].max())


def range_text(low: float, high: float, decimals: int = 0) -> str:
    """A range as the report writes it: '11-31'; "c" where it is withheld, "x" where it is
    not available."""
    if is_withheld(low) or is_withheld(high):
        return WITHHELD
    if not_available(low) or not_available(high):
        return NOT_AVAILABLE
    return f"{low:.{decimals}f}-{high:.{decimals}f}"


def timeline(events: pd.DataFrame) -> pd.DataFrame:
    """The timeline with start and end dates (the end is the last day of the last month)."""
    out = events.copy()
    out["start"] = [series.month_start(m) for m in out["first_month"]]
    out["end"] = [series.month_start(m) + pd.offsets.MonthEnd(0) for m in out["last_month"]]
    bad = out[out["end"] < out["start"]]
    if len(bad):
        raise ValueError(
            f"programme_timeline: an event ends before it starts: {bad['event'].iloc[0]}"
        )
    out["months"] = [
        (e.year - s.year) * 12 + e.month - s.month + 1
        for s, e in zip(out["start"], out["end"], strict=True)
    ]
    return out.sort_values(["start", "end"]).reset_index(drop=True)


def figures(a: OverviewAssumptions, tables: dict[str, pd.DataFrame]) -> dict[str, object]:
    """Every ``eval.*`` and ``context.*`` figure of the reference list, from the pack.

    ``context.demand_rise`` is the (low, high) range of the Children in Need changes.
    """
    sample = tables["evaluation_sample"]
    population = tables["authority_context"].set_index("authority")["population"]
    interviewed = sample_count(sample, "staff", "any_stage")
    retained = sample_count(sample, "staff", "every_stage")
    out: dict[str, object] = {
        "eval.case_files_baseline": sample_count(sample, "case_files", "baseline"),
        "eval.case_files_final": sample_count(sample, "case_files", "final"),
        "eval.families_interviewed": sample_count(sample, "families", "final"),
        "eval.staff_interviewed": interviewed,
        "eval.staff_retained": retained,
        "eval.staff_retained_share": retention_share(retained, interviewed),
        "context.demand_rise": demand_range(demand_rise(a, tables["children_in_need"])),
    }
    by_authority = {str(a): {"population": int(n)} for a, n in population.dropna().items()}
    return out | report_ids(by_authority, REPORT_IDS)


def extra_figures(a: OverviewAssumptions, tables: dict[str, pd.DataFrame]) -> dict[str, object]:
    """Figures the chapter states that are not rows of the reference list."""
    sample = tables["evaluation_sample"]
    final = sample[(sample["sample"] == "case_files") & (sample["stage"] == "final")]
    by_strand = final[final["strand"] != "all"]
    rise = demand_rise(a, tables["children_in_need"])
    low, high = demand_range(rise)
    timescale = tables["programme_timescale"].set_index("step")["months"]
    out: dict[str, object] = {
        "overview.elements": len(tables["programme_elements"]),
        "overview.questions": len(tables["evaluation_questions"]),
        "overview.activities": len(tables["evaluation_activities"]),
        "overview.demand_rise_low": low,
        "overview.demand_rise_high": high,
        "overview.demand_rise_text": range_text(low, high),
        # with a strand withheld, the sum beside the others would give it away
        "overview.case_files_final_strands_sum": whole(by_strand["count"].sum(skipna=False)),
        "overview.staff_not_retained": sample_count(sample, "staff", "any_stage")
        - sample_count(sample, "staff", "every_stage"),
    }
    for step, months in timescale.items():
        out[f"overview.months_{step}"] = int(months)
    for strand, count in zip(by_strand["strand"], by_strand["count"], strict=True):
        out[f"overview.case_files_final_{strand}"] = whole(count)
    return out


def key_results(sample: pd.DataFrame, figs: dict[str, object], rise: pd.DataFrame) -> pd.DataFrame:
    """The chapter's key results: every count of the evaluation's sample, the share of staff
    interviewed in every round and each authority's rise in demand ("c" where withheld)."""
    rows = records(rise)
    out = pd.concat(
        [
            sample.assign(
                item=sample["sample"] + " / " + sample["stage"] + " / " + sample["strand"]
            )[["item", "count"]],
            pd.DataFrame(
                {
                    "item": ["staff retained (%)"]
                    + [f"demand rise {r['authority']} {r['from']}-{r['to']} (%)" for r in rows],
                    "count": [round(figs["eval.staff_retained_share"], 1)]
                    + [
                        pd.NA if pd.isna(r["change_pct"]) else round(r["change_pct"], 1)
                        for r in rows
                    ],
                }
            ),
        ],
        ignore_index=True,
    )
    if out["count"].isna().any():  # withheld (c)
        out["count"] = out["count"].astype(object).where(out["count"].notna(), WITHHELD)
    return out


def check_value(value: object) -> str:
    """A figure as the chapter's check table shows it: a range as '10.6-30.6', a whole
    number without decimals, others to one decimal place; "c" where withheld, "x" where
    not available."""
    if isinstance(value, tuple):
        return range_text(*value, decimals=1)
    if value is None:
        return "not in this pack"
    if isinstance(value, str):  # c: withheld, or x: not available
        return value
    if pd.isna(value):
        return "not in this pack"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def check_table(compared: pd.DataFrame) -> pd.DataFrame:
    """The check table from :func:`evidencebook.analysis.figures.compare` of the ``eval``
    and ``context`` figures."""
    out = compared.assign(book=[check_value(v) for v in compared["book"]])
    return out[["what", "unit", "report", "book", "check", "where"]]
