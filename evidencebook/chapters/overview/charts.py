"""The programme chapter's charts: each a plotly figure, its description in words and the
data behind it (withheld counts written "c"; a chart whose every count is withheld has no
figure)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from evidencebook.analysis import charts
from evidencebook.analysis.chapter import Chart
from evidencebook.analysis.common import records
from evidencebook.analysis.figures import withheld_as_c
from evidencebook.analysis.pack import not_available
from evidencebook.analysis.series import (
    _n,
    as_shown,
    flag_withheld,
    month_label,
    month_start,
    pct_text,
    series,
    since_baseline,
)
from evidencebook.chapters.overview import model

#: The strands' names in the chart of case files.
STRAND_NAMES = {
    "fit": "FIT",
    "willow": "Willow",
    "edge": "Edge of care",
    "volunteers": "Volunteering",
}


def demand(
    children_in_need: pd.DataFrame,
    rise: pd.DataFrame,
    demand_range: tuple[object, object],
    baseline_from: str,
    period_end: str,
) -> Chart:
    """Each authority's change in Children in Need since its baseline count, with the end of
    the demand period and the range of the changes over it (:func:`model.demand_range`)."""
    low, high = demand_range
    end = month_start(period_end)
    parts = []
    for authority in dict.fromkeys(children_in_need["authority"]):
        rows = since_baseline(series(children_in_need, authority), baseline_from)
        change = rows["change_pct"].astype("Float64")
        change.iloc[0] = 0.0  # the baseline itself
        rows = flag_withheld(rows, "children", "change_pct").assign(
            series=authority,
            change=change,
            label_text=[
                "baseline" if i == 0 else pct_text(c) for i, c in enumerate(rows["change_pct"])
            ],
            in_period=rows["date"] <= end,
        )
        parts.append(rows)
    frame = pd.concat(parts, ignore_index=True)
    title = "Change in Children in Need since the baseline"
    columns = ["series", "label", "children", "change_pct", "in_period", "source"]
    data = as_shown(
        frame[[*columns, "children_withheld", "change_pct_withheld"]].round(1),
        ["children", "change_pct"],
    ).rename(
        columns={
            "series": "authority",
            "label": "month",
            "change_pct": "change from baseline (%)",
            "in_period": "in the demand period",
        }
    )
    if not frame["change_pct"].notna().any():
        return Chart("demand_chart", title, None, "", data)
    x_end = end.timestamp() * 1000
    shapes = [charts.vline(x_end, color=charts.PALETTE[4], dash="dot")]
    notes = [
        {
            "x": x_end, "y": 0, "yref": "paper", "yanchor": "bottom", "showarrow": False,
            "xanchor": "right", "text": f"End of the demand period ({month_label(period_end)}) ",
        }
    ]  # fmt: skip
    complete = not not_available(low)
    if complete:  # a shaded band across the plot from low to high, named at its top left
        shapes.append(
            {
                "type": "rect", "x0": 0, "x1": 1, "xref": "x domain", "y0": low, "y1": high,
                "yref": "y", "fillcolor": "#D9D9D9", "opacity": 0.45, "line": {"width": 0},
                "layer": "below",
            }
        )  # fmt: skip
        notes.append(
            {
                "x": 0, "xanchor": "left", "xref": "x domain", "y": high, "yanchor": "top",
                "yref": "y", "showarrow": False, "text": f"Range {low:.1f}% to {high:.1f}%",
            }
        )  # fmt: skip
    low_end = min(-10, float(frame["change"].min()) - 5)
    fig = charts.labelled_lines(
        frame, "date", "change", "series", title, "Change since the baseline (%)",
        text="label_text",
        layout={
            "shapes": shapes,
            "annotations": notes,
            "yaxis": {"range": [low_end, float(frame["change"].max()) + 10]},
        },
    )  # fmt: skip
    desc = (
        "Line chart of the change in Children in Need from each authority's baseline count. "
        + " ".join(
            f"{r['authority']}: {_n(r['first'])} in {r['from']} to {_n(r['last'])} in "
            f"{r['to']} ({pct_text(r['change_pct'])})."
            for r in records(rise)
        )
        + (
            f" The shaded band marks the range {low:.1f}% to {high:.1f}%; a dotted line marks "
            "the end of the demand period."
            if complete
            else " A dotted line marks the end of the demand period; the range is withheld "
            "(c), as a count it needs is."
        )
        + " Counts after it are shown but not used for the range."
        + (
            " Changes worked out from a withheld count (c) are not drawn."
            if frame["change_pct_withheld"].any()
            else ""
        )
    )
    return Chart("demand_chart", title, fig, desc, data)


def timeline(events: pd.DataFrame) -> Chart:
    """The programme and its evaluation, month by month (:func:`model.timeline`)."""
    events = model.timeline(events)
    events = events.assign(
        kind=events["kind"].map({"programme": "Programme", "evaluation": "Evaluation"})
    )
    title = "The programme and its evaluation"
    fig = charts.timeline(events, "start", "end", "event", "kind", title)
    desc = "Timeline. " + " ".join(
        f"{e}: {month_label(f)}"
        + ("" if f == la else f" to {month_label(la)}")
        + f" ({k.lower()})."
        for e, f, la, k in zip(
            events["event"],
            events["first_month"],
            events["last_month"],
            events["kind"],
            strict=True,
        )  # fmt: skip
    )
    data = events[["event", "kind", "first_month", "last_month", "months", "source"]]
    return Chart("timeline_chart", title, fig, desc, data)


def case_files(sample: pd.DataFrame, figs: Mapping[str, object]) -> Chart:
    """The case files read at the final stage, by the strand each mainly concerns."""
    files = sample[
        (sample["sample"] == "case_files")
        & (sample["stage"] == "final")
        & (sample["strand"] != "all")
    ]
    files = files.assign(strand=files["strand"].map(lambda s: STRAND_NAMES.get(s, s)))
    title = "Case files read at the final stage, by main strand"
    # a count cannot be blank: blank is withheld
    data = withheld_as_c(files[["strand", "count", "source"]], ["count"])
    if not files["count"].notna().any():
        return Chart("case_files_chart", title, None, "", data)
    fig = charts.bars(
        files.assign(count=files["count"].astype("Float64")), "strand", "count", title,
        "Case files", horizontal=True,
        traces={"text": [_n(c) for c in files["count"]]}, layout={"yaxis": {"automargin": True}},
    )  # fmt: skip
    desc = (
        f"Horizontal bar chart. Of {_n(figs['eval.case_files_final'])} case files read at the "
        "final stage: "
        + "; ".join(f"{s} {_n(c)}" for s, c in zip(files["strand"], files["count"], strict=True))
        + f" (baseline: {_n(figs['eval.case_files_baseline'])} files across all strands)."
    )
    if files["count"].isna().any():
        desc += " Counts withheld (c) are not drawn."
    return Chart("case_files_chart", title, fig, desc, data)


def staff(figs: Mapping[str, object]) -> Chart:
    """The staff interviewed at least once, and those interviewed in every round."""
    frame = pd.DataFrame(
        {
            "stage": ["Interviewed at least once", "Interviewed in every round"],
            "people": [figs["eval.staff_interviewed"], figs["eval.staff_retained"]],
        }
    )
    title = "Staff in the longitudinal interviews"
    share = figs["eval.staff_retained_share"]
    fig = charts.funnel(
        frame, "stage", "people", title,
        traces={
            "text": [f"{frame['people'].iloc[0]}", f"{frame['people'].iloc[1]} ({share:.1f}%)"]
        },
    )  # fmt: skip
    desc = (
        f"Funnel chart. {figs['eval.staff_interviewed']} staff were interviewed at least once; "
        f"{figs['eval.staff_retained']} ({share:.1f}%) in every round: "
        "counts of everyone interviewed, so no interval."
    )
    return Chart("staff_chart", title, fig, desc, frame)
