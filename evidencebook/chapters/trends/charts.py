"""The demand trends chapter's charts: each a plotly figure, its description in words and
the data behind it (withheld counts written "c").

Charts drawn once per authority (referrals, contacts, older children, going missing) come as
a list, in pack order, one for each authority with the counts; the others are one chart, or
None where the pack has no counts for it. A chart whose every count is withheld has no
figure (:class:`~evidencebook.analysis.chapter.Chart`): its data is shown with a note.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from evidencebook.analysis import charts
from evidencebook.analysis.chapter import Chart
from evidencebook.analysis.figures import withheld_as_c
from evidencebook.analysis.formatting import chart_text
from evidencebook.analysis.pack import cells, withheld
from evidencebook.analysis.series import (
    OLDER_AGES,
    _n,
    as_shown,
    counted,
    flag_withheld,
    month_label,
    pct_text,
    period_changes,
    series,
    since_baseline,
    year_label,
)
from evidencebook.chapters.trends import model

Tables = Mapping[str, pd.DataFrame]
Profiles = Mapping[str, model.AuthorityTrends]

#: The columns of a chart's data for counts with their changes, withheld ones marked.
_COUNTS = ["children", "change_pct", "source", "children_withheld", "change_pct_withheld"]


def with_change(rows: pd.DataFrame, value: str = "children", decimals: int = 1) -> list[str]:
    """Point labels: the count, and its change in brackets where there is one (c where
    withheld)."""
    changed = withheld(rows, "change_pct")
    return [
        _n(v) if pd.isna(c) and not w else f"{_n(v)} ({pct_text(c, f'+.{decimals}f')})"
        for v, c, w in zip(rows[value], rows["change_pct"], changed, strict=True)
    ]


def withheld_note(frame: pd.DataFrame, value: str) -> str:
    """A sentence for a chart's description where some of its counts are withheld."""
    return " Counts withheld (c) are not drawn." if frame[f"{value}_withheld"].any() else ""


def from_baseline(
    table: pd.DataFrame, area: str, baseline_from: str, value: str = "children"
) -> pd.DataFrame:
    """One area's counts from the baseline, each with its change from the baseline count
    (marked where withheld)."""
    rows = counted(series(table, area, value), value)
    rows = since_baseline(rows, baseline_from, value)
    return flag_withheld(rows, value, "change_pct")


def panels(
    table: pd.DataFrame, profiles: Profiles, prefix: str, baseline_from: str
) -> pd.DataFrame | None:
    """Each authority's counts from the baseline, for small multiples (one panel each)."""
    parts = []
    for area, profile in profiles.items():
        if getattr(profile, prefix) is not None:
            rows = from_baseline(table, area, baseline_from)
            parts.append(rows.assign(panel=area, label_text=with_change(rows)))
    return pd.concat(parts, ignore_index=True) if parts else None


def _panels_text(n: int) -> str:
    return f"{n} line chart{'s' if n != 1 else ''}, one per authority, each on its own scale. "


# --- referrals and contacts ------------------------------------------------------------------


def _per_authority(
    profiles: Profiles, part: str, chart: Callable[[str, model.AuthorityTrends], Chart]
) -> list[Chart]:
    """One chart per authority whose profile has ``part`` (``referrals``, ``contacts``,
    ...), in the profiles' order: ``chart(name, profile)``."""
    return [chart(name, p) for name, p in profiles.items() if getattr(p, part) is not None]


def referrals(tables: Tables, profiles: Profiles, baseline_from: str) -> list[Chart]:
    """Each authority's referrals, and those through its MASH, from the baseline."""
    return _per_authority(
        profiles, "referrals", lambda name, p: _referrals_chart(tables, name, baseline_from)
    )


def _referrals_chart(tables: Tables, name: str, baseline_from: str) -> Chart:
    """One authority's referrals chart."""
    ref = from_baseline(tables["referrals"], name, baseline_from, "referrals")
    parts = [
        ref.assign(
            series="All referrals",
            count=ref["referrals"],
            count_withheld=ref["referrals_withheld"],
            label_text=with_change(ref, "referrals"),
        )
    ]
    mash = counted(ref, "mash_referrals")
    if len(mash):
        mash = since_baseline(mash, baseline_from, "mash_referrals")
        mash = flag_withheld(mash, "mash_referrals", "change_pct")
        parts.append(
            mash.assign(
                series="Through the MASH",
                count=mash["mash_referrals"],
                count_withheld=mash["mash_referrals_withheld"],
                label_text=with_change(mash, "mash_referrals"),
            )
        )
    chart_data = pd.concat(parts)
    title = f"Referrals in {chart_text(name)}, {ref['label'].iloc[0]} to {ref['label'].iloc[-1]}"
    columns = ["series", "label", "count", "change_pct", "source"]
    shown_data = as_shown(
        chart_data[[*columns, "count_withheld", "change_pct_withheld"]].round(1),
        ["count", "change_pct"],
    ).rename(columns={"label": "month", "change_pct": "change from first (%)"})
    key = f"referrals:{name}"
    if chart_data["count"].isna().all():
        return Chart(key, title, None, "", shown_data)
    fig = charts.labelled_lines(
        chart_data, "date", "count", "series", title, "Referrals", text="label_text",
        layout={"yaxis": {"rangemode": "tozero"}},
    )  # fmt: skip
    desc = (
        f"Line chart. {name} referrals: "
        + "; ".join(
            f"{lab}: {_n(v)}" for lab, v in zip(ref["label"], ref["referrals"], strict=True)
        )
        + (
            f" (changed by {pct_text(ref['change_pct'].iloc[-1])} overall)."
            if len(ref) > 1
            else "."
        )
        + (
            ""
            if len(mash) == 0
            else " Of these, through the MASH: "
            + "; ".join(
                f"{lab}: {_n(v)}"
                for lab, v in zip(mash["label"], mash["mash_referrals"], strict=True)
            )
            + (f" ({pct_text(mash['change_pct'].iloc[-1])})." if len(mash) > 1 else ".")
        )
        + f" Labels give the change from {ref['label'].iloc[0]}."
        + withheld_note(chart_data, "count")
    )
    return Chart(key, title, fig, desc, shown_data)


def rereferral(tables: Tables, names: list[str]) -> Chart | None:
    """Re-referral rates in the latest year, the authorities first."""
    rates = tables["re_referral_rates"].dropna(subset=["rate_pct"])
    if not len(rates):
        return None
    rr = model.latest_comparison(rates, "rate_pct", "year_ending", names)
    rr = rr.assign(year=[year_label(y) for y in rr["year_ending"]])
    title = f"Re-referral rate, {rr['year'].iloc[0]}"
    fig = charts.bars(
        rr, "area", "rate_pct", title, "Share of referrals (%)",
        traces={"text": [f"{v:.0f}%" for v in rr["rate_pct"]]},
        layout={"yaxis": {"range": [0, float(rr["rate_pct"].max()) * 1.25]}},
    )  # fmt: skip
    desc = (
        "Bar chart. Re-referral rates "
        + rr["year"].iloc[0]
        + ": "
        + "; ".join(f"{a} {v:.0f}%" for a, v in zip(rr["area"], rr["rate_pct"], strict=True))
        + "."
    )
    return Chart("rereferral_chart", title, fig, desc, rr[["area", "year", "rate_pct", "source"]])


def contacts(tables: Tables, profiles: Profiles) -> list[Chart]:
    """Each authority's contacts by quarter, with the change on the quarter before."""
    return _per_authority(profiles, "contacts", lambda name, p: _contacts_chart(tables, name, p))


def _contacts_chart(tables: Tables, name: str, p: model.AuthorityTrends) -> Chart:
    """One authority's contacts chart."""
    rows = period_changes(series(tables["contacts"], name, "contacts"), "contacts")
    known = rows.dropna(subset=["contacts"])
    missing_q = rows.loc[rows["contacts"].isna(), "label"].tolist()
    title = f"Contacts with children's social care, {chart_text(name)}"
    fig = charts.bars(
        known, "label", "contacts", title, "Contacts in the quarter",
        traces={"text": with_change(known, "contacts")},
        layout={"yaxis": {"range": [0, float(known["contacts"].max()) * 1.2]}},
    )  # fmt: skip
    desc = (
        f"Bar chart. {name} contacts by quarter: "
        + "; ".join(
            f"{lab}: {v:,.0f}" for lab, v in zip(known["label"], known["contacts"], strict=True)
        )
        + ". Labels give the change from the quarter before."
        + (f" No count for {', '.join(missing_q)}." if missing_q else "")
        + (
            f" Referrals were between {p.referral_range.low:,.0f} and "
            f"{p.referral_range.high:,.0f} a month."
            if p.referral_range is not None
            else ""
        )
    )
    data = (
        rows[["label", "contacts", "change_pct", "source"]]
        .rename(columns={"label": "quarter", "change_pct": "change (%)"})
        .round(1)
    )
    return Chart(f"contacts:{name}", title, fig, desc, data)


# --- Children in Need and looked after ---------------------------------------------------


def panel_chart(key: str, frame: pd.DataFrame | None, title: str) -> Chart | None:
    """Counts at points in time, one panel per authority (:func:`panels`)."""
    if frame is None:
        return None
    data = as_shown(
        frame[["panel", "label", *_COUNTS]].round(1), ["children", "change_pct"]
    ).rename(
        columns={"panel": "authority", "label": "month", "change_pct": "change from baseline (%)"}
    )
    if frame["children"].isna().all():
        return Chart(key, title, None, "", data)
    n = frame["panel"].nunique()
    fig = charts.small_multiples(
        frame, "date", "children", "panel", title, "Children", cols=1, text="label_text",
        shared_y=False, layout={"height": 160 + 230 * n},
    )  # fmt: skip
    desc = (
        _panels_text(n)
        + " ".join(
            f"{area}: "
            + "; ".join(f"{lab} {_n(v)}" for lab, v in zip(p["label"], p["children"], strict=True))
            + (
                f" ({pct_text(p['change_pct'].iloc[-1])} from {p['label'].iloc[0]})."
                if len(p) > 1
                else "."
            )
            for area, p in frame.groupby("panel", sort=False)
        )
        + withheld_note(frame, "children")
    )
    return Chart(key, title, fig, desc, data)


def england(tables: Tables) -> Chart | None:
    """Children looked after in England at 31 March, with the change on the year before."""
    eng = period_changes(series(tables["looked_after_children"], model.ENGLAND))
    if not len(eng):
        return None
    eng = flag_withheld(eng, "children", "change_pct")
    eng = eng.assign(
        series=model.ENGLAND, year=eng["date"].dt.year.astype(str), label_text=with_change(eng)
    )
    title = "Children looked after in England, at 31 March"
    data = as_shown(eng[["year", *_COUNTS]].round(1), ["children", "change_pct"]).rename(
        columns={"change_pct": "change on year before (%)"}
    )
    if not eng["children"].notna().any():
        return Chart("england_chart", title, None, "", data)
    fig = charts.labelled_lines(
        eng, "year", "children", "series", title, "Children", text="label_text",
        layout={"xaxis": {"type": "category"}},
    )  # fmt: skip
    desc = (
        "Line chart. Children looked after in England at 31 March: "
        + "; ".join(
            f"{y}: {_n(v)}"
            + ("" if pd.isna(c) and not w else f" ({pct_text(c)} on the year before)")
            for y, v, c, w in zip(
                eng["year"],
                eng["children"],
                eng["change_pct"],
                eng["change_pct_withheld"],
                strict=True,
            )
        )
        + "."
        + withheld_note(eng, "children")
    )
    return Chart("england_chart", title, fig, desc, data)


def rates(tables: Tables, names: list[str]) -> Chart | None:
    """Children looked after per 10,000 children in the latest month, the authorities first."""
    known = tables["looked_after_rates"].dropna(subset=["per_10000"])
    if not len(known):
        return None
    latest = model.latest_comparison(known, "per_10000", "month", names)
    month = month_label(latest["month"].iloc[0])
    title = f"Children looked after per 10,000 children, {month}"
    fig = charts.bars(
        latest, "area", "per_10000", title, "Per 10,000 children",
        layout={"yaxis": {"range": [0, float(latest["per_10000"].max()) * 1.25]}},
    )  # fmt: skip
    desc = (
        f"Bar chart. Children looked after per 10,000 children, {month}: "
        + "; ".join(
            f"{a} {v:.0f}" for a, v in zip(latest["area"], latest["per_10000"], strict=True)
        )
        + "."
    )
    data = latest[["area", "month", "per_10000", "source"]]
    return Chart("rates_chart", title, fig, desc, data)


# --- children starting to be looked after ----------------------------------------------------


def _starts_panels(
    counts: pd.DataFrame, areas: list[str], known_only: bool = False
) -> pd.DataFrame | None:
    """Each area's starts with the change on the period before (labels in ``label_text``),
    one panel per area (None where there is no area); ``known_only``: the periods with a
    count, shown or withheld (``counted``), alone."""
    parts = []
    for area in areas:
        rows = series(counts, area)
        rows = period_changes(counted(rows) if known_only else rows)
        parts.append(
            flag_withheld(rows, "children", "change_pct").assign(
                panel=area, label_text=with_change(rows, decimals=0)
            )
        )
    return pd.concat(parts, ignore_index=True) if parts else None


def _starts_data(starts: pd.DataFrame, area: str, period: str) -> pd.DataFrame:
    """The starts charts' data as shown, the panel named ``area`` and the period ``period``."""
    return as_shown(
        starts[["panel", "label", *_COUNTS]].round(1), ["children", "change_pct"]
    ).rename(
        columns={"panel": area, "label": period, "change_pct": f"change on {period} before (%)"}
    )


def _starts_figure(starts: pd.DataFrame, title: str, layout: dict | None = None) -> Any:
    """One line chart of starts per panel, each on its own scale, labelled with the change
    (``layout`` changed as given)."""
    return charts.small_multiples(
        starts, "label", "children", "panel", title, "Children", cols=1, text="label_text",
        shared_y=False, layout=layout,
    )  # fmt: skip


def starts_by_quarter(tables: Tables, profiles: Profiles) -> Chart | None:
    """Each authority's starts by quarter, with the change on the quarter before."""
    sq = tables["looked_after_starts_quarterly"]
    areas = [area for area, profile in profiles.items() if profile.starts_q is not None]
    starts = _starts_panels(model.all_ages(sq), areas)
    if starts is None:
        return None
    parts = areas
    title = "Children starting to be looked after, by quarter"
    data = _starts_data(starts, "authority", "quarter")
    if not starts["children"].notna().any():
        return Chart("starts_quarter_chart", title, None, "", data)
    fig = _starts_figure(starts, title, {"height": 160 + 230 * len(parts)})
    gaps = starts[starts["children"].isna() & ~starts["children_withheld"]]
    desc = (
        _panels_text(len(parts))
        + " ".join(
            f"{area}: "
            + "; ".join(
                f"{lab} {_n(v)}"
                for lab, v, w in zip(p["label"], p["children"], p["children_withheld"], strict=True)
                if w or not pd.isna(v)
            )
            + "."
            for area, p in starts.groupby("panel", sort=False)
        )
        + " Labels give the change from the quarter before."
        + "".join(
            f" No count for {a}, {lab}."
            for a, lab in zip(gaps["panel"], gaps["label"], strict=True)
        )
        + withheld_note(starts, "children")
    )
    return Chart("starts_quarter_chart", title, fig, desc, data)


def _rounding(comp: model.Comparisons) -> list[str]:
    """What the description says of the rounding of the published yearly figures."""
    rounding = []
    if comp.authority_starts_rounding is not None:
        shown = " shown" if comp.authority_starts_withheld else ""
        rounding.append(
            f"authority figures{shown} are multiples of {comp.authority_starts_rounding}"
        )
    if comp.england_starts_rounding is not None:
        withheld = comp.england_starts is not None and comp.england_starts.withheld
        england = "England's" + (" shown" if withheld else "")
        england += " of " if rounding else " figures are multiples of "
        rounding.append(f"{england}{comp.england_starts_rounding}")
    return rounding


def starts_by_year(tables: Tables, comp: model.Comparisons) -> Chart | None:
    """The published yearly starts of each area (rounded), with the change on the year
    before."""
    annual = tables["looked_after_starts_annual"]
    parts = list(dict.fromkeys(counted(annual)["area"]))
    starts = _starts_panels(annual, parts, known_only=True)  # each area's series worked out once
    if starts is None:
        return None
    title = "Children starting to be looked after, by year (published, rounded)"
    data = _starts_data(starts, "area", "year")
    if not starts["children"].notna().any():
        return Chart("starts_year_chart", title, None, "", data)
    rounding = _rounding(comp)
    fig = _starts_figure(starts, title)
    desc = (
        f"{len(parts)} line charts, one per area, each on its own scale. "
        + " ".join(
            f"{area}: "
            + "; ".join(f"{lab} {_n(v)}" for lab, v in zip(p["label"], p["children"], strict=True))
            + "."
            for area, p in starts.groupby("panel", sort=False)
        )
        + " Labels give the change from the year before."
        + (f" In this pack {', '.join(rounding)} (rounded)." if rounding else "")
        + withheld_note(starts, "children")
    )
    return Chart("starts_year_chart", title, fig, desc, data)


def _shown(frame: pd.DataFrame, keep: list[str], counts: list[str]) -> pd.DataFrame:
    """A chart's data as shown: the columns ``keep``, to one decimal, with each withheld
    value in ``counts`` (and each worked out from one) as c."""
    return withheld_as_c(frame[keep].round(1), counts, {c: withheld(frame, c) for c in counts})


def older(tables: Tables, profiles: Profiles) -> list[Chart]:
    """Each authority's starts aged 14 and over, by quarter and age."""
    return _per_authority(profiles, "older", lambda name, p: _older_chart(tables, name))


def _older_chart(tables: Tables, name: str) -> Chart:
    """One authority's chart of starts aged 14 and over."""
    by_age = model.starts_by_age(tables["looked_after_starts_quarterly"], name)
    ages = [a for a in OLDER_AGES if a in by_age.columns]
    columns = [*ages, "aged_14_18", "all_ages", "share_14_18_pct"]
    title = f"{chart_text(name)} children aged 14 and over starting to be looked after"
    data = _shown(by_age, ["label", *columns], columns).rename(
        columns={
            "label": "quarter",
            "aged_14_18": "aged 14-18",
            "all_ages": "all ages",
            "share_14_18_pct": "share aged 14-18 (%)",
        }
    )
    key = f"older:{name}"
    if by_age[ages].isna().all().all():
        return Chart(key, title, None, "", data)
    long = by_age.melt(id_vars=["label"], value_vars=ages, var_name="age", value_name="children")
    long["age"] = "Aged " + long["age"]
    totals = by_age.set_index("label")["aged_14_18"]  # c where an age is withheld
    fig = charts.stacked_bars(
        long, "label", "children", "age", title, "Children", totals=totals,
        layout={"yaxis": {"range": [0, float(by_age[ages].sum(axis=1).max()) * 1.2]}},
    )  # fmt: skip
    desc = (
        f"Stacked bar chart by quarter and age, {name}. Children aged 14 to 18 starting to "
        "be looked after: "
        + "; ".join(
            f"{lab}: {_n(t)} of {_n(a)} starts ({pct_text(s, '.0f')})"
            for lab, t, a, s in zip(
                by_age["label"],
                cells(by_age, "aged_14_18"),
                cells(by_age, "all_ages"),
                cells(by_age, "share_14_18_pct"),
                strict=True,
            )  # fmt: skip
        )
        + "."
    )
    if withheld(by_age, "aged_14_18").any():
        desc += (
            " Counts withheld (c), and the totals and shares worked out from them, are not "
            "drawn or given."
        )
    return Chart(key, title, fig, desc, data)


# --- caseloads and going missing ----------------------------------------------------------


def caseloads(tables: Tables, profiles: Profiles) -> Chart | None:
    """Open cases by Child in Need team, one small chart per team."""
    with_teams = [a for a, p in profiles.items() if p.caseloads is not None]
    if not with_teams:
        return None
    table = tables["team_caseloads"]
    tables_by_authority = [model.caseload_table(table, a) for a in with_teams]
    teams = pd.concat(tables_by_authority, ignore_index=True)
    title = "Open cases by Child in Need team"
    fig = charts.small_multiples(
        teams, "date", "caseload", "team", title, "Cases", group="authority", cols=5
    )
    per_team = {
        (a, rec["team"]): rec
        for a in with_teams
        for rec in model.caseload_summary(table, a).to_dict("records")
    }
    desc = (
        f"Small multiple line charts, one per team ({len(per_team)} teams), on a shared scale; "
        "each authority's teams have their own colour, dash and marker, named in the legend. "
        + " ".join(
            f"{t}: {r['first']:,.0f} in {month_label(r['first_month'])} to {r['last']:,.0f} in "
            f"{month_label(r['last_month'])} ({r['change_pct']:+.0f}%)."
            for (_, t), r in per_team.items()
        )
    )
    return Chart("caseloads_chart", title, fig, desc, _caseloads_data(teams, per_team))


def _caseloads_data(teams: pd.DataFrame, per_team: dict[tuple, dict]) -> pd.DataFrame:
    """The caseloads chart's data: a row per team (authority and team), a column per month
    (in the order first counted) with its caseload, and the change from first to last, as
    pandas' ``pivot_table`` (summed) merged with each team's change would give it."""
    months = list(dict.fromkeys(teams["month"].tolist()))
    cells: dict[tuple, dict] = {}
    for a, t, m, c in zip(
        teams["authority"].tolist(),
        teams["team"].tolist(),
        teams["month"].tolist(),
        teams["caseload"].tolist(),
        strict=True,
    ):
        row = cells.setdefault((a, t), {})
        if not pd.isna(c):
            row[m] = row.get(m, 0) + c
    cells = {k: row for k, row in cells.items() if k in per_team}
    wide = pd.DataFrame(
        {
            "authority": pd.Series([a for a, _ in cells], dtype=object),
            "team": pd.array([t for _, t in cells], dtype=teams["team"].dtype),
            **{m: pd.array([row.get(m) for row in cells.values()], "Int64") for m in months},
            "change first to last (%)": np.round(
                np.array([per_team[k]["change_pct"] for k in cells], dtype=float), 1
            ),
        }
    )
    wide.columns = pd.Index(list(wide.columns), dtype="string")
    return wide


def missing(tables: Tables, profiles: Profiles) -> list[Chart]:
    """Each authority's children returning from going missing, and those interviewed."""
    return _per_authority(profiles, "missing", lambda name, p: _missing_chart(tables, name))


def _missing_chart(tables: Tables, name: str) -> Chart:
    """One authority's chart of children returning from going missing."""
    miss = model.return_interviews(tables["missing_returns"], name)
    columns = ["returning", "return_interviews", "share_pct"]
    title = f"Children returning from going missing, {chart_text(name)}"
    data = _shown(miss, ["label", *columns, "source"], columns).rename(
        columns={"label": "month", "share_pct": "share interviewed (%)"}
    )
    key = f"missing:{name}"
    if miss[["returning", "return_interviews"]].isna().all().all():
        return Chart(key, title, None, "", data)
    long = pd.concat(
        [
            miss.assign(
                series="Returning from going missing",
                count=miss["returning"],
                text=[_n(v) for v in cells(miss, "returning")],
            ),
            miss.assign(
                series="Had a return interview",
                count=miss["return_interviews"],
                text=[
                    f"{_n(v)}<br>{pct_text(s, '.0f')}"
                    for v, s in zip(
                        cells(miss, "return_interviews"), cells(miss, "share_pct"), strict=True
                    )
                ],
            ),
        ]
    )
    fig = charts.grouped_bars(
        long, "label", "count", "series", title, "Children", text="text", wrap=True,
        layout={"uniformtext": {"minsize": 10, "mode": "show"}, "height": 520},
    )  # fmt: skip
    desc = (
        f"Grouped bar chart by month, {name}. "
        + "; ".join(
            f"{lab}: {_n(r)} returning, {_n(i)} interviewed ({pct_text(s, '.0f')})"
            for lab, r, i, s in zip(
                miss["label"],
                cells(miss, "returning"),
                cells(miss, "return_interviews"),
                cells(miss, "share_pct"),
                strict=True,
            )
        )
        + "."
    )
    counts = ["returning", "return_interviews"]
    shut = withheld(miss, counts[0]) | withheld(miss, counts[1])
    if shut.any():
        desc += " Counts withheld (c) are not drawn."
    if (miss[counts].isna().any(axis=1) & ~shut).any():
        desc += " Counts not available (x) are not drawn."
    return Chart(key, title, fig, desc, data)
