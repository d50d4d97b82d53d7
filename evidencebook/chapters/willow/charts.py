"""The Willow chapter's charts: each a figure, its description in words and its data."""

from __future__ import annotations

import pandas as pd

from evidencebook.analysis import charts, uncertainty
from evidencebook.analysis.chapter import Chart
from evidencebook.analysis.figures import shown, withheld_as_c
from evidencebook.analysis.formatting import chart_text
from evidencebook.analysis.series import month_label
from evidencebook.chapters.willow import model as willow

#: The survey's questions, as the chart names them.
QUESTIONS = {
    "advice_and_consultation": "Advice and consultation",
    "service_overall": "Service overall",
}


def team(makeup: pd.DataFrame) -> Chart:
    """The team's planned and actual members, by role."""
    long = makeup.melt(
        id_vars=["role", "employer", "source"],
        value_vars=["planned", "in_post"],
        var_name="status",
        value_name="posts",
    )
    long["status"] = long["status"].map(
        {"planned": "Planned (Table 6)", "in_post": "In the team (findings)"}
    )
    long = long.dropna(subset=["posts"])
    title = "Willow team: planned and actual members"
    fig = charts.grouped_bars(long, "role", "posts", "status", title, "Posts")
    desc = (
        "Grouped bar chart. "
        + "; ".join(
            f"{r['role']}: planned {'not named' if pd.isna(r['planned']) else int(r['planned'])}, "
            f"in the team {'not stated' if pd.isna(r['in_post']) else int(r['in_post'])}"
            for r in makeup.to_dict("records")
        )
        + ". Administrators appear only in the costs (Table 25)."
    )
    data = makeup.rename(
        columns={
            "role": "Role",
            "planned": "Planned",
            "in_post": "In the team",
            "employer": "Employer",
            "source": "Source",
        }
    )
    return Chart("team", title, fig, desc, data)


def survey(table: pd.DataFrame) -> Chart:
    """Professionals rating the team good or very good, with each share's interval."""
    rated = table.assign(
        question=table["question"].map(QUESTIONS),
        share_pct=100 * table["good_or_very_good"] / table["respondents"],
    )
    rated["label"] = [
        f"{k} of {n} ({p:.0f}%)"
        for k, n, p in zip(
            rated["good_or_very_good"], rated["respondents"], rated["share_pct"], strict=True
        )
    ]
    intervals = [
        uncertainty.share_interval(k, n)
        for k, n in zip(rated["good_or_very_good"], rated["respondents"], strict=True)
    ]
    level = f"{uncertainty.SHARE_CONFIDENCE:.0%}"
    title = "Professionals rating the Willow team good or very good"
    fig = charts.bars(
        rated.assign(question=rated["question"] + ": " + rated["label"]),
        "question",
        "share_pct",
        title,
        "Share of respondents (%)",
        suffix="%",
        traces={
            "text": None,
            "marker": {"pattern": {"shape": ["", "/"]}},
            "error_y": {
                "type": "data",
                "symmetric": False,
                "array": [i.high_pct - i.pct for i in intervals],
                "arrayminus": [i.pct - i.low_pct for i in intervals],
                "color": charts.PALETTE[3],
                "thickness": 3,
                "width": 8,
            },
        },
        layout={
            "yaxis": {"range": [0, 105], "title": {"text": f"Share (%) with {level} interval"}}
        },
    )
    desc = (
        "Bar chart from an online survey of professionals, with whiskers for each share's "
        f"{level} interval. "
        + "; ".join(
            f"{q}: {i.text()} rated it good or very good"
            for q, i in zip(rated["question"], intervals, strict=True)
        )
        + "."
    )
    data = rated.assign(
        interval_low_pct=[i.low_pct for i in intervals],
        interval_high_pct=[i.high_pct for i in intervals],
    )[
        [
            "question",
            "good_or_very_good",
            "respondents",
            "share_pct",
            "interval_low_pct",
            "interval_high_pct",
            "source",
        ]
    ].round(1)
    return Chart("survey", title, fig, desc, data)


def returns(table: pd.DataFrame) -> Chart | None:
    """Children returning from going missing each month in the first authority counted
    (None where the pack has no months; no figure where every count is withheld)."""
    authority = willow.returns_authority(table)
    rows = table[table["authority"] == authority]
    title = f"{chart_text(authority)} children returning from going missing, by month"
    monthly = rows.assign(series="Children returning from going missing")[
        ["series", "month", "returning", "source"]
    ]
    # a count that cannot be blank: blank is withheld (c)
    data = withheld_as_c(monthly, ["returning"])
    if not monthly["returning"].notna().any():
        return Chart("returns", title, None, "", data) if len(monthly) else None
    # each month named as the prose names it ("Oct 2015"); the data keep the pack's codes
    labels = [month_label(m) for m in monthly["month"]]
    fig = charts.line_series(
        monthly.assign(returning=monthly["returning"].astype("Float64"), label=labels),
        "label",
        "returning",
        "series",
        title,
        "Children",
        layout={"showlegend": False, "margin": {"t": 70}},
    )
    complete = monthly["returning"].notna().all()  # else the lowest shown need not be the lowest
    counts = ", ".join(f"{m} {shown(v)}" for m, v in zip(labels, monthly["returning"], strict=True))
    desc = (
        f"Line chart of Table 16, {labels[0]} to {labels[-1]}. "
        "Monthly "
        + (
            f"counts ran from {monthly['returning'].min()} to {monthly['returning'].max()}: "
            if complete
            else "counts: "
        )
        + counts
        + "."
        + ("" if complete else " Counts withheld (c) are not drawn.")
    )
    return Chart("returns", title, fig, desc, data)


def costs(a: willow.WillowAssumptions, costs: willow.WillowCosts) -> Chart:
    """Table 25's annual costs by post, and the overheads."""
    lines = costs.lines
    parts = pd.concat(
        [
            lines.assign(part=lines["resource"] + " (" + lines["posts"].astype(str) + ")")[
                ["part", "total"]
            ],
            pd.DataFrame(
                {"part": [f"Overheads ({a.overhead_rate:.0%})"], "total": [costs.overheads]}
            ),
        ],
        ignore_index=True,
    )
    title = "Willow team annual costs (council staff only)"
    fig = charts.bars(
        parts, "part", "total", title, "GBP a year", horizontal=True,
        traces={
            "texttemplate": "£%{x:,.0f}",
            "marker": {"pattern": {"shape": [""] * len(lines) + ["/"]}},
        },
        layout={
            "yaxis": {"automargin": True},
            "xaxis": {"range": [0, float(parts["total"].max()) * 1.3]},
        },
    )  # fmt: skip
    desc = (
        "Horizontal bar chart of Table 25. "
        + "; ".join(f"{p}: £{t:,.0f}" for p, t in zip(parts["part"], parts["total"], strict=True))
        + f". Total £{costs.total:,.0f} a year, excluding partner agencies' staff and police "
        "input."
    )
    return Chart("costs", title, fig, desc, parts.round(2))
