"""Volunteers: the chapter's charts, each with its text description and the data behind it.

Each function returns :class:`~evidencebook.analysis.chapter.Chart` objects, one per
authority where the chart is drawn for each authority the pack names (in pack order), and
none where the pack lacks the figures. A chart whose every value is withheld has no figure:
its data is shown with a note instead.
"""

from __future__ import annotations

import pandas as pd

from evidencebook.analysis import charts, figures, series, uncertainty
from evidencebook.analysis.chapter import Chart
from evidencebook.analysis.formatting import NOT_AVAILABLE, WITHHELD, chart_text, symbol
from evidencebook.analysis.pack import cell, cells, withheld, withheld_column
from evidencebook.chapters.volunteers.model import (
    CommissionedAssumptions,
    InHouseAssumptions,
    missing_with_shares,
    unit_cost_curve,
)

Evidence = dict[str, dict[str, object]]

#: The recruitment stages drawn in the funnel: (label, name in the evidence).
FUNNEL = (
    ("Enquiries", "enquiries"),
    ("Applications", "applications"),
    ("Completed induction", "inducted"),
    ("Still volunteering", "remaining"),
)

#: How the training chart names each role of ``vol_training``.
ROLES = {
    "mentoring": "Mentoring",
    "return_interviews": "Return interviews",
    "family_support": "Family support",
    "advocacy": "Advocacy (excluded pupils)",
}


def _chart(key: str, fig, description: str, data: pd.DataFrame) -> Chart:
    return Chart(key, fig.layout.title.text, fig, description, data)


def recruitment_funnels(evidence: Evidence) -> list[Chart]:
    """For each authority with the recruitment counts: a funnel from enquiry to those still
    volunteering (every enquiry counted, so the shares carry no interval)."""
    out = []
    for name, ev in evidence.items():
        if "remaining" not in ev:
            continue
        stages = pd.DataFrame(
            {"stage": [s for s, _ in FUNNEL], "people": [ev[k] for _, k in FUNNEL]}
        )
        fig = charts.funnel(
            stages,
            "stage",
            "people",
            f"{chart_text(name)} volunteer recruitment, from enquiry to active",
        )
        desc = (
            f"Funnel chart of {name}'s volunteer recruitment; the percentages in brackets are "
            f"shares of enquiries. Of {ev['enquiries']:,} enquiries, {ev['applications']:,} "
            f"applied, {ev['inducted']:,} completed induction and {ev['remaining']:,} were "
            f"still volunteering after {ev['resigned']} resigned and {ev['withdrawn']} were "
            "withdrawn."
        )
        counted = ("enquiries", "applications", "inducted", "resigned", "withdrawn", "remaining")
        shown = pd.DataFrame(
            {
                "stage": list(counted),
                "people": [ev[k] for k in counted],
                "source": ["vol_recruitment"] * 5 + ["recomputed: inducted - resigned - withdrawn"],
            }
        )
        # every enquiry was counted: a complete count, not a sample, so no interval
        shown["share_of_enquiries"] = [
            uncertainty.format_share(n, ev["enquiries"], complete=True) for n in shown["people"]
        ]
        out.append(_chart(f"recruitment_funnel/{name}", fig, desc, shown))
    return out


def training(training_table: pd.DataFrame, evidence: Evidence) -> list[Chart]:
    """For each authority with training counts: volunteers trained for each role, as shares
    of those still volunteering where every count fits within that number."""
    out = []
    for name in evidence:
        trained = training_table[training_table["authority"] == name]
        if trained.empty:
            continue
        trained = trained.assign(
            role=lambda d: d["role"].map(ROLES), volunteers=lambda d: d["volunteers"].astype(int)
        ).sort_values("volunteers", ascending=False)
        base = evidence[name].get("remaining")
        if base and (trained["volunteers"] <= base).all():
            trained["share_of_remaining_pct"] = (trained["volunteers"] / base * 100).round(0)
            # every volunteer still volunteering is counted: a complete count, so no interval
            pairs = zip(trained["volunteers"], trained["share_of_remaining_pct"], strict=True)
            labels = [f"{n} ({p:.0f}%)" for n, p in pairs]
            rows = zip(
                trained["role"],
                trained["volunteers"],
                trained["share_of_remaining_pct"],
                strict=True,
            )
            desc = (
                "Horizontal bar chart of volunteers trained for each role, some for more than "
                f"one, as shares of the {base} still volunteering: "
                + "; ".join(f"{r}: {n} of {base} ({p:.0f}%)" for r, n, p in rows)
                + ". Counts of every volunteer, not a sample, so no interval."
            )
            columns = ["role", "volunteers", "share_of_remaining_pct", "source"]
        else:
            labels = [f"{n}" for n in trained["volunteers"]]
            rows = zip(trained["role"], trained["volunteers"], strict=True)
            desc = (
                "Horizontal bar chart of volunteers trained for each role, some for more than "
                "one: " + "; ".join(f"{r}: {n}" for r, n in rows) + "."
            )
            columns = ["role", "volunteers", "source"]
        fig = charts.bars(
            trained,
            "role",
            "volunteers",
            f"{chart_text(name)} volunteers trained for each role",
            "Volunteers trained",
            horizontal=True,
            traces={"text": labels},
            layout={"yaxis": {"automargin": True}, "margin": {"r": 250}},
        )
        out.append(_chart(f"training/{name}", fig, desc, trained[columns]))
    return out


def _said(share: str) -> str:
    """A share as a chart's description says it: '20%', 'c, withheld' or 'x, not
    available'."""
    return {WITHHELD: "c, withheld", NOT_AVAILABLE: "x, not available"}.get(share, share)


def completion(done: pd.DataFrame) -> list[Chart]:
    """The share of each kind of volunteer work matched or completed (rows of
    :func:`~evidencebook.chapters.volunteers.model.completion_rows`); none where there are
    no rows, and the data alone where every share is withheld (a share of a base of 0 is
    not available, x, and does not stop the chart)."""
    if not len(done):
        return []
    done = done.copy()
    # a share of a base of 0 is not available (x); one of a withheld count is withheld (c)
    done["share_pct"] = done["count"] / done["base"].replace(0, pd.NA) * 100
    shut = withheld(done, "count") | withheld(done, "base")
    done[withheld_column("share_pct")] = shut
    known = done["share_pct"].notna()
    shares = [
        symbol(w) if pd.isna(s) else f"{s:.0f}%"
        for s, w in zip(done["share_pct"], shut, strict=True)
    ]
    # every referral, request and family engaged is counted: complete counts, so no interval
    counted = [
        f"{figures.shown(c, '.0f')} of {figures.shown(b, '.0f')} {o} ({s})"
        for c, b, o, s in zip(
            cells(done, "count"), cells(done, "base"), done["outcome"], shares, strict=True
        )
    ]
    done["row"] = [f"{w}: {t}" for w, t in zip(done["work"], counted, strict=True)]
    title = "Share of volunteer work matched or completed, by kind of work"
    data = series.as_shown(done.round(1), ["count", "base", "share_pct"])
    if not known.any() and shut.all():  # every share withheld: no chart
        return [Chart("completion", title, None, "", data)]
    rows = [f"{chart_text(w)}<br>{t}" for w, t in zip(done["work"], counted, strict=True)]
    fig = charts.bars(
        done, "row", "share_pct", title, "Share (%)", horizontal=True,
        traces={"text": shares, "y": rows},
        layout={
            "xaxis": {"range": [0, 100], "title": {"text": "Share (%)"}},
            "yaxis": {"automargin": True},
        },
    )  # fmt: skip
    desc = (
        "Horizontal bar chart. "
        + "; ".join(
            f"{w}: {figures.shown(c, '.0f')} of {figures.shown(b, '.0f')} {bi} {o} ({_said(s)})"
            for w, o, bi, c, b, s in zip(
                done["work"],
                done["outcome"],
                done["base_is"],
                cells(done, "count"),
                cells(done, "base"),
                shares,
                strict=True,
            )
        )
        + ". Counts of everyone referred, every request and every family engaged, not "
        "samples, so no interval."
    )
    return [_chart("completion", fig, desc, data)]


def missing_returns(missing: pd.DataFrame, evidence: Evidence) -> list[Chart]:
    """For each authority with the monthly counts: children returning from going missing
    and return interviews, then the share interviewed (every child counted, so no interval;
    a month with a withheld count is not drawn)."""
    out = []
    for name, ev in evidence.items():
        if "ri_rise" not in ev:
            continue
        months = missing_with_shares(missing, name)
        months = months.assign(month_label=pd.to_datetime(months["month"]).dt.strftime("%b %Y"))
        returning, interviews = months["returning"], months["return_interviews"]
        known = months["share_pct"].notna()  # both counts shown
        counts = ["returning", "return_interviews", "share_pct"]
        # withheld (c) where marked; a share of no child returning is blank (not available)
        marks = [withheld_column(c) for c in counts]
        shown = series.as_shown(months[["month", *counts, *marks]].round(1), counts)
        shown = shown.assign(source="missing_returns (share recomputed)")
        all_shown = returning.notna().all() and interviews.notna().all()
        withheld_note = "" if all_shown else " Counts withheld (c) are not drawn."
        first, last = months["month_label"].iloc[0], months["month_label"].iloc[-1]

        title = f"{chart_text(name)} children returning from going missing, and return interviews"
        if returning.notna().any() or interviews.notna().any():
            long = pd.concat(
                [
                    months.assign(series="Children returning from missing", children=returning),
                    months.assign(series="Children having a return interview", children=interviews),
                ]
            )
            fig = charts.line_series(
                long.assign(children=long["children"].astype("Float64")),
                "month_label",
                "children",
                "series",
                title,
                "Children a month",
            )
            desc = (
                f"Line chart, {name}, {first} to {last}. Children returning from going missing "
                f"went from {figures.shown(cell(months, months.index[0], 'returning'))} to "
                f"{figures.shown(cell(months, months.index[-1], 'returning'))} a month"
            )
            if returning.notna().all():  # the peak of the counts shown could be a withheld one
                peak = months.loc[returning.idxmax()]
                desc += f", peaking at {peak['returning']} in {peak['month_label']}"
            desc += (
                f". Children having a return interview went from "
                f"{figures.shown(cell(months, months.index[0], 'return_interviews'))} to "
                f"{figures.shown(cell(months, months.index[-1], 'return_interviews'))}"
            )
            if interviews.notna().all():
                desc += f", with a low of {interviews.min()}"
            out.append(
                _chart(f"missing_returns/{name}/counts", fig, desc + "." + withheld_note, shown)
            )
        else:
            out.append(Chart(f"missing_returns/{name}/counts", title, None, "", shown))

        title = f"Share of returning children who had a return interview, {chart_text(name)}"
        if known.any():
            share = months.assign(series="Share having a return interview")
            fig = charts.line_series(
                share, "month_label", "share_pct", "series", title, "Share (%)", suffix="%",
                layout={"yaxis": {"range": [0, 100]}},
            )  # fmt: skip
            ends = [
                figures.shown(v, ".0f") + ("%" if not pd.isna(v) else "")
                for v in (cell(months, i, "share_pct") for i in (months.index[0], months.index[-1]))
            ]
            desc = (
                f"Line chart. Returning children in {name} who had a return interview: "
                f"{ends[0]} in {first} and {ends[1]} in {last}"
            )
            if known.all():
                low = months.loc[months["share_pct"].idxmin()]
                desc += f", with a low of {low['share_pct']:.0f}% in {low['month_label']}"
            note = withheld_note.replace("Counts", "Shares of counts")
            out.append(_chart(f"missing_returns/{name}/share", fig, desc + "." + note, shown))
        else:
            out.append(Chart(f"missing_returns/{name}/share", title, None, "", shown))
    return out


def unit_cost_curve_chart(
    in_house: InHouseAssumptions,
    commissioned: CommissionedAssumptions,
    home: str,
    bought: str,
) -> Chart:
    """The unit cost per substantive intervention in both models as the interventions a
    volunteer completes a year go from 1 to 10 (and the assumed number, marked)."""
    assumed_n = in_house.interventions_per_volunteer
    counts = list(range(1, 11))
    if assumed_n not in counts:
        counts = sorted(counts + [assumed_n])
    labels = (f"{home} (in-house)", f"{bought} (commissioned)")
    curve = unit_cost_curve(in_house, commissioned, counts, labels)
    curve["interventions"] = curve["interventions_per_volunteer"].map("{:g}".format)
    assumed = f"{assumed_n:g}"
    marked = (assumed, curve["interventions"].iloc[0])  # the first and the assumed labelled
    lines = [  # one per authority, as the chart draws them
        {
            "text": [
                f"£{y:,.0f}" if chart_text(x) in marked else ""
                for x, y in zip(part["interventions"], part["unit_cost"], strict=True)
            ],
            "textposition": "middle right",
            "hovertemplate": "%{x} a year: £%{y:,.2f}<extra></extra>",
        }
        for _, part in curve.dropna(subset=["unit_cost"]).groupby("authority", sort=False)
    ]
    fig = charts.line_series(
        curve,
        "interventions",
        "unit_cost",
        "authority",
        "Unit cost per intervention, by interventions a volunteer completes",
        "GBP per intervention",
        traces=lines,
        layout={
            "xaxis": {"title": {"text": "Substantive interventions per volunteer a year"}},
            "shapes": [charts.vline(counts.index(assumed_n), color=charts.PALETTE[4], dash="dot")],
            "annotations": [
                {
                    "x": counts.index(assumed_n), "y": 1.0, "yref": "paper", "showarrow": False,
                    "xanchor": "left", "text": f" Assumed: {assumed} a year",
                }
            ],
        },
    )  # fmt: skip
    at = {a: p.set_index("interventions")["unit_cost"] for a, p in curve.groupby("authority")}
    h, b = at[labels[0]], at[labels[1]]
    desc = (
        f"Line chart of unit cost per substantive intervention against interventions per "
        f"volunteer a year, from {counts[0]:g} to {counts[-1]:g}. {labels[0]} falls from "
        f"£{h.iloc[0]:,.0f} to £{h.iloc[-1]:,.0f}, {labels[1]} from £{b.iloc[0]:,.0f} to "
        f"£{b.iloc[-1]:,.0f}. At the assumed {assumed} a year: {labels[0]} £{h[assumed]:,.2f}, "
        f"{labels[1]} £{b[assumed]:,.2f}."
    )
    data = curve[["authority", "interventions_per_volunteer", "unit_cost"]].round(2)
    return _chart("unit_cost_curve", fig, desc, data)
