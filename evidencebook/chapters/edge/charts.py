"""The edge of care chapter's charts: each a figure, its description in words and its data."""

from __future__ import annotations

import textwrap

import pandas as pd

from evidencebook.analysis import charts, pack, series, uncertainty
from evidencebook.analysis.chapter import Chart
from evidencebook.analysis.figures import shown, withheld_as_c
from evidencebook.analysis.formatting import chart_text, missing_symbol
from evidencebook.chapters.edge import model as edge

#: The engagement measures, as the chart names them.
ENGAGEMENT_LABELS = {
    "engaged_well": "Engaged well",
    "disengaged": "Disengaged soon after starting",
    "never_engaged": "Never engaged (whole cohort)",
    "activity_usage": "Activities programme places used",
    "activity_completed": "Completed the activities programme",
}


def needs(cohort: pd.DataFrame) -> Chart:
    """The share of young people starting with each need (young person plain, family
    striped), with the report's ranges where it gives one."""
    rows = cohort[cohort["group"].isin(["young_person", "family"])].copy()
    rows["share_pct"] = rows["share_pct"].astype(float)
    rows = rows.sort_values(["group", "share_pct"], ascending=[False, False])
    rows["who"] = rows["label"]
    rows["shown"] = [
        f"{lo:.0f}-{hi:.0f}%" if pd.notna(hi) else f"{lo:.0f}%"
        for lo, hi in zip(rows["share_pct"], rows["share_pct_high"], strict=True)
    ]
    title = "Needs of young people starting the edge of care programme"
    is_family = (rows["group"] == "family").tolist()
    colours = [charts.PALETTE[1] if f else charts.PALETTE[0] for f in is_family]
    pattern = {
        "shape": ["/" if f else "" for f in is_family],
        "fgcolor": "white",
        "bgcolor": colours,
    }
    axis_title = "Share of young people (%)<br>Plain: young person; striped: family"
    fig = charts.bars(
        rows, "who", "share_pct", title, "Share of young people (%)", suffix="%", horizontal=True,
        traces={"text": rows["shown"].tolist(), "marker": {"color": colours, "pattern": pattern}},
        layout={
            "xaxis": {"range": [0, 100], "title": {"text": axis_title}},
            "yaxis": {"automargin": True},
            "margin": {"b": 100},
        },
    )  # fmt: skip
    pairs = list(zip(rows["who"], rows["shown"], is_family, strict=True))
    desc = (
        "Horizontal bar chart of the share of young people with each need. The young person: "
        + "; ".join(f"{w}: {s}" for w, s, f in pairs if not f)
        + ". The family (striped bars): "
        + "; ".join(f"{w}: {s}" for w, s, f in pairs if f)
        + ". Ranges are shown where the report gives a range. No base is given."
    )
    data = rows[["group", "label", "share_pct", "share_pct_high", "source"]]
    return Chart("needs", title, fig, desc, data)


def engagement(table: pd.DataFrame, figs: dict[str, object]) -> Chart:
    """Engagement and activity shares (bases not stated) and the mentor requests matched."""
    eng = table.assign(what=lambda d: d["measure"].map(ENGAGEMENT_LABELS))
    eng["share_pct"] = eng["share_pct"].astype(float)
    matched = figs["edge.mentor_matched_share"]
    missing = pack.not_available(matched)  # from a withheld count (c), or not available (x)
    mentors = pd.DataFrame(
        {
            "what": ["Mentor requests matched"],
            "share_pct": [float("nan") if missing else matched],
            "shown": [
                uncertainty.format_share(figs["edge.mentor_matched"], figs["edge.mentor_requests"])
            ],
            "source": ["Edge of care findings (recomputed)"],
        }
    )
    eng["shown"] = eng["share_pct"].map("{:.0f}% (base not stated)".format)
    both = pd.concat([eng[["what", "share_pct", "shown", "source"]], mentors], ignore_index=True)
    title = "Engagement with the edge of care programme"
    layout = {"xaxis": {"range": [0, 100]}, "yaxis": {"automargin": True}, "margin": {"r": 290}}
    if missing:  # no bar to carry its label: the symbol written where the bar would start
        layout["annotations"] = [
            {"x": 0, "y": "Mentor requests matched", "xanchor": "left", "showarrow": False,
             "text": f" {missing_symbol(matched)}", "font": {"size": 14}}
        ]  # fmt: skip
    fig = charts.bars(
        both, "what", "share_pct", title, "Share (%)", suffix="%", horizontal=True,
        traces={"text": both["shown"].tolist()}, layout=layout,
    )  # fmt: skip
    desc = (
        "Horizontal bar chart: "
        + "; ".join(f"{w}: {s}" for w, s in zip(both["what"], both["shown"], strict=True))
        + "."
        + (
            " A share whose counts are withheld (c) or not available (x) is not drawn."
            if missing
            else ""
        )
    )
    data = both.round(1)
    if missing:  # its cell says why it is blank, as the label does
        data["share_pct"] = (
            data["share_pct"]
            .astype(object)
            .where(data["share_pct"].notna(), missing_symbol(matched))
        )
    return Chart("engagement", title, fig, desc, data)


def case_files(files: pd.DataFrame) -> Chart:
    """The evaluators' judgements on the sampled case files, with each share's interval as
    whiskers (no figure where the counts are withheld)."""
    judged = pd.concat(
        [
            edge.case_files(files, "imminent_risk").assign(question="How close to care"),
            edge.case_files(files, "short_term_outcome").assign(question="Short-term outcome"),
        ],
        ignore_index=True,
    )
    judged["what"] = (
        judged["question"] + ": " + judged["label"].str[0].str.lower() + judged["label"].str[1:]
    )
    known = judged["cases"].notna() & judged["base"].notna()
    intervals = [
        uncertainty.share_interval(c, b) if k else None
        for c, b, k in zip(judged["cases"], judged["base"], known, strict=True)
    ]
    judged["shown"] = [
        f"{shown(c)} of {shown(b)}" for c, b in zip(judged["cases"], judged["base"], strict=True)
    ]
    level = f"{uncertainty.SHARE_CONFIDENCE:.0%}"
    data = withheld_as_c(
        judged[["question", "label", "cases", "base"]].assign(
            share_pct=judged["share_pct"].round(0),
            interval_low_pct=[round(i.low_pct, 1) if i else None for i in intervals],
            interval_high_pct=[round(i.high_pct, 1) if i else None for i in intervals],
        ),
        ["cases", "base", "share_pct", "interval_low_pct", "interval_high_pct"],
    )
    title = "Evaluators' judgements on sampled edge of care case files"
    if not known.any():
        return Chart("case_files", title, None, "", data)
    whiskers = {
        "type": "data",
        "symmetric": False,
        "array": [i.high_pct / 100 * i.n - i.successes if i else None for i in intervals],
        "arrayminus": [i.successes - i.low_pct / 100 * i.n if i else None for i in intervals],
        "color": charts.PALETTE[3],
        "thickness": 3,
        "width": 8,
    }
    rows = [
        "<br>".join([*textwrap.wrap(w, 34), f"({s})"])
        for w, s in zip(judged["what"], judged["shown"], strict=True)
    ]
    fig = charts.bars(
        judged.assign(cases=judged["cases"].astype("Float64")),
        "what",
        "cases",
        title,
        "Case files",
        horizontal=True,
        traces={"error_x": whiskers, "text": None, "y": rows},
        layout={
            "height": 90 * len(judged) + 180,
            "xaxis": {
                "range": [0, int(judged["base"].max())],
                "title": {"text": f"Case files; whiskers: {level} interval"},
            },
            "yaxis": {"automargin": True},
        },
    )
    desc = (
        f"Horizontal bar chart of case files, with whiskers for each share's {level} interval: "
        + "; ".join(
            f"{w}: {i.text() if i else 'c (withheld)'}"
            for w, i in zip(judged["what"], intervals, strict=True)
        )
        + "."
    )
    return Chart("case_files", title, fig, desc, data)


def starts_by_age(starts: pd.DataFrame, authority: str) -> Chart:
    """Children aged 14 to 18 becoming looked after each quarter, one line per age."""
    ages = starts[(starts["authority"] == authority) & starts["age"].isin(edge.AGES_14_18)].copy()
    ages = ages.sort_values(["age", "quarter"])
    ages["quarter_label"] = ages["quarter"].map(series.quarter_label)
    ages["series"] = "Age " + ages["age"]
    ages["children"] = ages["children"].astype("Float64")
    title = f"{chart_text(authority)} children aged 14 to 18 becoming looked after, by age"
    fig = charts.line_series(
        ages, "quarter_label", "children", "series", title, "Children starting to be looked after"
    )
    ends = "; ".join(
        f"age {age}: {shown(pack.cell(part, part.index[0], 'children'), ',.0f')} then "
        f"{shown(pack.cell(part, part.index[-1], 'children'), ',.0f')}"
        for age, part in ages.groupby("age")
    )
    desc = (
        f"Line chart, one line per age, {ages['quarter_label'].iloc[0]} to "
        f"{ages['quarter_label'].iloc[-1]}. First and last quarters: {ends}."
    )
    withheld = {"children": pack.withheld(starts, "children")}
    data = withheld_as_c(ages[["quarter", "age", "children", "source"]], ["children"], withheld)
    return Chart("starts_by_age", title, fig, desc, data)


def starts_by_quarter(quarters: pd.DataFrame, authority: str) -> Chart:
    """Children becoming looked after each quarter: all ages, and ages 14 to 18 added up."""
    long = pd.concat(
        [
            quarters.assign(series="All ages (Table 12)", children=quarters["all_ages"]),
            quarters.assign(
                series="Ages 14 to 18 (Table 14, added up)", children=quarters["ages_14_18"]
            ),
        ]
    )
    long["quarter_label"] = long["quarter"].map(series.quarter_label)
    long["children"] = long["children"].astype("Float64")
    title = f"{chart_text(authority)} children becoming looked after each quarter"
    fig = charts.line_series(
        long, "quarter_label", "children", "series", title, "Children starting to be looked after"
    )
    first, last = quarters.index[0], quarters.index[-1]
    desc = (
        f"Line chart. All ages: {shown(pack.cell(quarters, first, 'all_ages'))} in "
        f"{series.quarter_label(quarters.loc[first, 'quarter'])}, "
        f"{shown(pack.cell(quarters, last, 'all_ages'))} in "
        f"{series.quarter_label(quarters.loc[last, 'quarter'])}. Ages 14 to 18: "
        f"{shown(pack.cell(quarters, first, 'ages_14_18'))} then "
        f"{shown(pack.cell(quarters, last, 'ages_14_18'))}."
    )
    data = series.as_shown(
        quarters.assign(source="Tables 12 and 14 (ages 14 to 18 added up)"),
        ["all_ages", "ages_14_18"],
    )
    return Chart("starts_by_quarter", title, fig, desc, data)


def unit_cost(a: edge.EdgeAssumptions, costs: edge.EdgeCosts) -> Chart:
    """The unit cost by element, with the cheapest, average and dearest activities."""
    variants = [
        ("Cheapest activities", a.activities_cost_low, costs.unit_cost_low),
        ("Average activities", a.activities_cost, costs.unit_cost),
        ("Dearest activities", a.activities_cost_high, costs.unit_cost_high),
    ]
    names = [v[0] for v in variants]
    elements = [
        ("Edge worker", [costs.worker_per_intervention] * 3),
        ("Activities programme", [v[1] for v in variants]),
        ("Volunteer mentor", [costs.mentor_per_intervention] * 3),
    ]
    data = [
        {
            "type": "bar",
            "y": names,
            "x": values,
            "name": name,
            "orientation": "h",
            "marker": {
                "color": charts.PALETTE[i],
                "pattern": {
                    "shape": charts.PATTERNS[i],
                    "fgcolor": "white",
                    "bgcolor": charts.PALETTE[i],
                },
            },
            "hovertemplate": f"{name}: £%{{x:,.2f}}<extra></extra>",
        }
        for i, (name, values) in enumerate(elements)
    ]
    data.append(
        {
            "type": "scatter",
            "y": names,
            "x": [v[2] for v in variants],
            "mode": "text",
            "text": [f"  Total £{v[2]:,.2f}" for v in variants],
            "textposition": "middle right",
            "showlegend": False,
            "cliponaxis": False,
        }
    )
    title = "Unit cost of a typical edge of care intervention, by element"
    layout = {
        "barmode": "stack",
        "xaxis": {"title": {"text": "GBP per young person"}},
        "height": 460,
        "margin": {"r": 150, "b": 130},
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.3, "x": 0, "traceorder": "normal"},
        "yaxis": {"autorange": "reversed", "automargin": True},
    }
    fig = charts.figure(data, charts.styled(layout, title, ""))
    desc = (
        "Stacked horizontal bar chart (edge worker plain, activities programme striped, volunteer "
        f"mentor dotted). Edge worker £{costs.worker_per_intervention:,.2f} and volunteer "
        f"mentor £{costs.mentor_per_intervention:,.2f} in every bar; the activities programme "
        + "; ".join(f"{v[0].lower()} £{v[1]:,.0f} (total £{v[2]:,.2f})" for v in variants)
        + "."
    )
    data = pd.DataFrame(
        {
            "variant": names,
            "edge_worker": [round(costs.worker_per_intervention, 2)] * 3,
            "activities": [v[1] for v in variants],
            "volunteer_mentor": [round(costs.mentor_per_intervention, 2)] * 3,
            "total": [round(v[2], 2) for v in variants],
        }
    )
    return Chart("unit_cost", title, fig, desc, data)
