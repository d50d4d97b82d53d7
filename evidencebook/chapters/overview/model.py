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
from evidencebook.analysis.common import in_place, join_words, possessive, report_ids, the, whole
from evidencebook.analysis.pack import not_available
from evidencebook.chapters.trends import wording as trends_wording

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
    """A range as the report writes it: '11-31'; "c" where it is withheld."""
    if not_available(low) or not_available(high):
        return "c"
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


# --- Paragraphs written from the pack -------------------------------------------------------


def demand_glance_text(rise: pd.DataFrame, like: pd.DataFrame | None = None) -> str:
    """The 'at a glance' bullet on the change in Children in Need: the sentence the demand
    trends chapter gives too (:func:`~evidencebook.chapters.trends.wording.cin_glance_text`)."""
    if rise.empty:
        return "- The data pack has no Children in Need counts to show how demand changed."
    like = like if like is not None else rise.head(0)
    return "- " + trends_wording.cin_glance_text(rise, like)


def demand_text(rise: pd.DataFrame, stated: str) -> str:
    """The bullet on rising statutory demand: what the report's range is, and the changes
    the pack's Children in Need counts give (each with its period). Where a count the range
    needs is withheld, so is the report's range (with the report's counts in the pack it
    would give the count away)."""
    low, high = demand_range(rise) if len(rise) else (None, None)
    if len(rise) and not_available(low):
        size = (
            "The report gives a size for it, over the main months of the programme compared "
            "with March 2015, when the bid was being drawn up (withheld here, c, as it would "
            "give away a withheld count)."
        )
    else:
        size = (
            f"The report puts the rise at {stated}% on average over the main months of the "
            "programme, compared with March 2015, when the bid was being drawn up, and says "
            "the rise was more marked in some locality teams than others. It gives no counts "
            "by locality team, so the range cannot be recomputed; its two ends are the "
            "changes its Tables 9 and 18 print for the two authorities, one to September 2016 "
            "and the other to July 2016, periods of different lengths."
        )
    text = (
        "- *Rising statutory demand.* More children and young people needed a Child in Need or "
        f"Child Protection Plan. {size}"
    )
    if rise.empty:
        return text + " The data pack has no Children in Need counts to compare with it."
    moves = [
        f"{series.pct_text(r['change_pct'])} {in_place(r['authority'])} "
        f"({r['from']} to {r['to']}, {r['months']} months)"
        for r in rise.to_dict("records")
    ]
    text += (
        f" From the pack's Children in Need counts, over the demand period this book uses, "
        f"the change was {join_words(moves)}"
    )
    return text + ". The demand trends chapter gives the same figures and shows every count."


def population_text(population: pd.Series) -> str:
    """The authorities' populations, and how many times larger the largest is."""
    known = population.dropna()
    if known.empty:
        return "The data pack gives no population for its authorities."
    parts = [f"{the(str(a))} has about {int(n):,} people" for a, n in known.items()]
    text = "; ".join(parts)
    text = text[:1].upper() + text[1:] + "."
    if len(known) > 1:
        big, small = known.idxmax(), known.idxmin()
        text += (
            f" {possessive(str(big))[:1].upper()}{possessive(str(big))[1:]} population is about "
            f"{known[big] / known[small]:.1f} times as large as {possessive(str(small))}."
        )
    return text
