"""The PA chapter's charts: each a plotly figure, its description in words and the data
behind it (the notebook shows them with ``result.show(key)``)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from evidencebook.analysis import charts
from evidencebook.analysis.appraisal import Appraisal
from evidencebook.analysis.chapter import Chart
from evidencebook.analysis.formatting import missing_symbol
from evidencebook.analysis.pack import not_available
from evidencebook.analysis.strand_appraisal import format_value
from evidencebook.analysis.uncertainty import INTERVAL, MonteCarloResult
from evidencebook.chapters.pa.model import CASELOAD_END, CASELOAD_START, PACosts, month_words

ACTIVITIES = {"administration": "Administration", "with_families": "With families"}
PERIODS = {"before": "Before the pilot", "after": "After 9 months"}
RESPONSES = {
    "very_much": "Very much time",
    "quite_a_lot": "Quite a lot",
    "not_very_much": "Not very much",
}
SICKNESS_TEAMS = {"pa_pilot": "Teams piloting PAs", "other": "Other teams"}


def time_use(time_use: pd.DataFrame, figs: Mapping[str, float]) -> Chart:
    """The share of the week on administration and with families, before and after."""
    data = time_use.assign(
        activity=time_use["activity"].map(ACTIVITIES), period=time_use["period"].map(PERIODS)
    )[["activity", "period", "share_pct", "respondents", "source"]]
    title = "Share of the working week, social workers with a PA"
    fig = charts.slope(
        data,
        x="period",
        y="share_pct",
        series="activity",
        title=title,
        y_title="Share of the week (%)",
        suffix="%",
        layout={"yaxis": {"range": [0, 70]}},
    )
    n = int(data["respondents"].max())
    desc = (
        f"Slope chart. Based on {n} social workers' self-reports, the share of the week on "
        f"administration fell from {figs['pa.admin_share_before']:.0f}% to "
        f"{figs['pa.admin_share_after']:.0f}%, and the share with families rose from "
        f"{figs['pa.family_time_before']:.0f}% to {figs['pa.family_time_after']:.0f}%."
    )
    return Chart("time_use_chart", title, fig, desc, data)


def time_for_families(answers: pd.DataFrame) -> Chart:
    """The final round's answers of social workers with a PA: time to spend with families."""
    pa_final = answers[(answers["group"] == "pa_teams") & (answers["period"] == "final")]
    split = pa_final.assign(response=pa_final["response"].map(RESPONSES))
    title = "Time to spend with families: social workers with a PA, final round"
    fig = charts.bars(
        split, "response", "share_pct", title, "Share of social workers (%)", suffix="%",
        traces={"texttemplate": "%{y:.0f}%"},
    )  # fmt: skip
    shares = "; ".join(
        f"{r}: {v:.0f}%" for r, v in zip(split["response"], split["share_pct"], strict=True)
    )
    desc = (
        f"Bar chart. Among social workers with a PA at the final round: {shares}. The report "
        "gives no base for these percentages."
    )
    return Chart(
        "time_for_families_chart", title, fig, desc, split[["response", "share_pct", "source"]]
    )


def caseloads(
    changes: pd.DataFrame,
    rise: Mapping[str, float],
    authority: str,
    start: str = CASELOAD_START,
    end: str = CASELOAD_END,
) -> Chart:
    """Each team's change in caseload from ``start`` to ``end`` (YYYY-MM), with the
    average of the teams."""
    first, last = month_words(start), month_words(end)
    table = changes.assign(
        team=changes["team"],
        start=changes["start"].astype(int),
        end=changes["end"].astype(int),
    ).sort_values("change_pct", ascending=False)
    title = f"Change in team caseloads, {first} to {last}"
    mean = rise["mean_of_teams"]
    fig = charts.bars(
        table, "team", "change_pct", title, "Change in caseload (%)", suffix="%", horizontal=True,
        layout={
            "shapes": [charts.vline(mean, color=charts.PALETTE[4], dash="dash")],
            "annotations": [
                {
                    "x": mean, "y": 1.02, "yref": "paper", "showarrow": False,
                    "text": f"Average of teams: {mean:+.1f}%",
                }
            ],
        },
    )  # fmt: skip
    up = int((table["change_pct"] > 0).sum())
    desc = (
        f"Horizontal bar chart of {len(table)} Child in Need teams "
        f"({authority or 'all authorities'}). Caseloads rose in {up} "
        f"teams and fell in {len(table) - up}; changes ranged from "
        f"{table['change_pct'].min():+.0f}% ({table.iloc[-1]['team']}) to "
        f"{table['change_pct'].max():+.0f}% ({table.iloc[0]['team']}). "
        f"The average of the teams' changes was {rise['mean_of_teams']:+.1f}%."
    )
    shown = (
        table[["team", "start", "end", "change_pct"]]
        .rename(columns={"start": first, "end": last, "change_pct": "change (%)"})
        .round(1)
    )
    return Chart("caseload_chart", title, fig, desc, shown)


def sickness(sick: pd.DataFrame) -> Chart | None:
    """The change in sickness rates in teams with and without PAs (None if the pack has
    no sickness figures)."""
    if not len(sick):
        return None
    sick = sick.assign(teams=sick["teams"].map(SICKNESS_TEAMS))
    title = "Change in social worker sickness rates, " + ", ".join(sick["authority"].unique())
    fig = charts.bars(sick, "teams", "change_pct", title, "Change in sickness rate (%)", suffix="%")
    changes = "; ".join(
        f"{t}: {v:+.0f}%" for t, v in zip(sick["teams"], sick["change_pct"], strict=True)
    )
    desc = f"Bar chart. {changes}. Percentage changes only; the underlying rates are not published."
    return Chart(
        "sickness_chart", title, fig, desc, sick[["authority", "teams", "change_pct", "source"]]
    )


def _per_pound(value: float) -> str:
    """The benefit per pound ('£2.04'); "x (not available)" where it cannot be worked out
    (a net cost of 0)."""
    return f"{missing_symbol(value)} (not available)" if not_available(value) else f"£{value:.2f}"


def cost_against_value(costs: PACosts, extra_caseload_value: float) -> Chart:
    """The net on-cost of a PA beside the notional value of its work."""
    compare = pd.DataFrame(
        {
            "measure": [
                "Net on-cost of one PA",
                "Notional saving per PA (admin time)",
                "Notional value of extra caseload per PA",
            ],
            "gbp_per_year": [costs.on_cost, costs.saving_per_pa, extra_caseload_value],
            "kind": ["cost", "notional benefit", "notional benefit (not counted by the report)"],
        }
    )
    title = "Net cost of a PA against the notional value of its work"
    colours = [charts.PALETTE[3], charts.PALETTE[0], charts.PALETTE[1]]
    fig = charts.bars(
        compare, "measure", "gbp_per_year", title, "GBP a year", horizontal=True,
        traces={"marker": {"color": colours, "pattern": {"shape": ["/", "", "."]}}},
    )  # fmt: skip
    desc = (
        f"Horizontal bar chart. Net on-cost of one PA £{costs.on_cost:,.0f} a year; notional "
        f"saving in social worker administrative time £{costs.saving_per_pa:,.0f} a year; "
        f"notional value of extra caseload £{extra_caseload_value:,.0f} a year (not counted in "
        f"the benefit per pound of {_per_pound(costs.benefit_per_pound)})."
    )
    return Chart("cost_chart", title, fig, desc, compare.round(2))


STREAM_COLUMNS = [
    "year",
    "discount_factor",
    "cost",
    "benefit_cashable",
    "benefit_notional",
    "pv_cost",
    "pv_benefit_cashable",
    "pv_benefit_notional",
    "cum_pv_cost",
    "cum_pv_benefit",
]


def streams(result: Appraisal, price_year: str, payback: str) -> Chart:
    """The roll-out's discounted costs and benefits, added up year by year."""
    flows = result.streams
    long = pd.concat(
        [
            flows.assign(series="Costs, with optimism bias", gbp=flows["cum_pv_cost"]),
            flows.assign(series="Benefits, after adjustments", gbp=flows["cum_pv_benefit"]),
        ],
        ignore_index=True,
    )
    long["year_label"] = "Year " + long["year"].astype(str)
    title = "PA roll-out: discounted costs and benefits, cumulative"
    fig = charts.line_series(
        long, "year_label", "gbp", "series", title, f"GBP, present value at {price_year} prices",
        traces={"hovertemplate": "%{x}: £%{y:,.0f}<extra></extra>", "cliponaxis": False},
        layout={"margin": {"r": 110}},
        last_label=lambda y: f"£{y / 1e6:,.1f}m",
    )  # fmt: skip
    last = flows.iloc[-1]
    desc = (
        f"Line chart over years 0 to {len(flows) - 1}, benefits dashed. Discounted costs add up "
        f"to £{last['cum_pv_cost']:,.0f} and discounted benefits to "
        f"£{last['cum_pv_benefit']:,.0f}, a net present value of "
        f"{format_value(result.npv, 'gbp')}. Counting every benefit, the roll-out {payback}."
    )
    return Chart("streams_chart", title, fig, desc, flows[STREAM_COLUMNS].round(4))


def switching_values(switches: pd.DataFrame, labels: Mapping[str, str]) -> Chart:
    """Each key assumption's base value beside its switching value, as % of the base."""
    plotted = switches.dropna(subset=["ratio_to_base"]).copy()
    plotted["assumption"] = plotted["input"].map(labels)
    plotted["base_index"] = 100.0
    plotted["switch_index"] = plotted["ratio_to_base"].astype(float) * 100
    plotted["base_label"] = plotted["base_text"]
    plotted["switch_label"] = plotted["value_text"]
    plotted["shown"] = plotted["base_text"] + " to " + plotted["value_text"]
    plotted = plotted.sort_values("switch_index", key=lambda s: (s - 100).abs())
    title = "PA roll-out: switching values of key assumptions"
    fig = charts.dumbbell(
        plotted,
        "assumption",
        "base_index",
        "switch_index",
        title,
        "Switching value as % of the base value (base = 100)",
        "Base value",
        "Switching value (ratio of 1)",
        "shown",
        layout={"shapes": [charts.vline(100, color=charts.PALETTE[4], dash="dot")]},
    )
    left_out = switches.loc[switches["ratio_to_base"].isna(), "input"].map(labels).tolist()
    rows = "; ".join(
        f"{a}: {b} to {v} ({s:.0f})"
        for a, b, v, s in zip(
            plotted["assumption"],
            plotted["base_label"],
            plotted["switch_label"],
            plotted["switch_index"],
            strict=True,
        )
    )
    desc = (
        "Dot chart, one row per assumption, closest to its switching value first: a circle at "
        "the base value (100) and a diamond at the switching value, as a percentage of the "
        f"base. {rows}."
    )
    if left_out:
        desc += f" Not shown, because their base value is 0: {', '.join(left_out)} (see the table)."
    data = plotted[["input", "assumption", "base", "value", "switch_index", "change"]].round(4)
    return Chart("switching_chart", title, fig, desc, data)


def tornado(spread: pd.DataFrame, base_bcr: float) -> Chart:
    """The benefit-cost ratio at each end of each input's range, widest swing first."""
    title = "PA roll-out: what moves the benefit-cost ratio"
    fig = charts.tornado(
        spread, base_bcr, title, "Benefit-cost ratio", base_label="base",
        marks=[(1, charts.PALETTE[3], "dot", "dotted line: 1")],
    )  # fmt: skip
    ends = "; ".join(
        f"{label}: {lt} gives {ol:.2f}, {ht} gives {oh:.2f}"
        for label, lt, ol, ht, oh in spread[
            ["label", "low_text", "output_low", "high_text", "output_high"]
        ].itertuples(index=False)
    )
    desc = (
        f"Tornado chart of the benefit-cost ratio (base {base_bcr:.2f}), widest swing first. "
        f"{ends}. A dotted line marks a ratio of 1."
    )
    data = spread[
        ["parameter", "label", "low", "high", "output_low", "output_high", "swing"]
    ].round(4)
    return Chart("tornado_chart", title, fig, desc, data)


def monte_carlo(mc: MonteCarloResult, runs: int, seed: int) -> Chart:
    """The benefit-cost ratio across the Monte Carlo draws, with its interval and median."""
    p_low, p_high = INTERVAL
    lo_col, hi_col = f"p{p_low}", f"p{p_high}"
    bcr = mc.summary.set_index("output").loc["bcr"]
    bins = charts.histogram_bins(mc.samples["bcr"], 40)
    title = "PA roll-out: benefit-cost ratio in Monte Carlo draws"
    fig = charts.histogram(
        bins,
        title,
        "Benefit-cost ratio",
        [
            (bcr[lo_col], f"{p_low}th percentile: {bcr[lo_col]:.2f}"),
            (bcr["median"], f"Median: {bcr['median']:.2f}"),
            (bcr[hi_col], f"{p_high}th percentile: {bcr[hi_col]:.2f}"),
            (1.0, "Ratio of 1"),
        ],
    )
    desc = (
        f"Histogram of the benefit-cost ratio in {runs:,} draws (seed {seed}), from "
        f"{mc.samples['bcr'].min():.2f} to {mc.samples['bcr'].max():.2f}. Vertical lines mark "
        f"the {p_low}th percentile ({bcr[lo_col]:.2f}), the median ({bcr['median']:.2f}), the "
        f"{p_high}th percentile ({bcr[hi_col]:.2f}) and a ratio of 1; "
        f"{mc.share_at_least('bcr', 1.0):.1%} of draws are at 1 or above."
    )
    return Chart("mc_chart", title, fig, desc, bins.round(4))
