"""The FIT chapter's charts: each a figure, its description in words and its data.

The case file shares carry an interval only where the pack states their base (the source
gives none): :func:`interval_of` gives it, and the whiskers, columns and words follow."""

from __future__ import annotations

import pandas as pd

from evidencebook.analysis import charts, series, uncertainty
from evidencebook.analysis.chapter import Chart
from evidencebook.analysis.figures import shown, withheld_as_c
from evidencebook.analysis.formatting import symbol, symbols_said
from evidencebook.chapters.fit import model as fit

#: {(authority, period, measure): (count, base)} where the pack states the base.
Stated = dict[tuple[str, str, str], tuple[int, int]]

ISSUES = {"all_three": "All three issues", "two_of_three": "Two of the three"}
OUTCOMES = {"clearly_positive": "Clearly positive", "mixed": "Mixed"}
ROUGH = (
    " Case file samples; the source gives no bases, so the shares are rough figures from a "
    "few dozen families at most and carry no interval."
)
LEVEL = f"{uncertainty.SHARE_CONFIDENCE:.0%}"


def interval_of(stated: Stated, authority: str, period: str, measure: str):
    """The share's interval, only where the pack states its base (else None)."""
    key = (authority, period, measure)
    return uncertainty.share_interval(*stated[key]) if key in stated else None


def _whiskers(rows: pd.DataFrame) -> dict:
    pairs = list(zip(rows["interval"], rows["share_pct"], strict=True))
    return {
        "type": "data",
        "symmetric": False,
        "array": [0 if i is None else i.high_pct - p for i, p in pairs],
        "arrayminus": [0 if i is None else p - i.low_pct for i, p in pairs],
        "color": charts.PALETTE[3],
        "thickness": 3,
        "width": 6,
    }


def _interval_columns(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(
        base=[pd.NA if i is None else i.n for i in frame["interval"]],
        interval_low_pct=[pd.NA if i is None else round(i.low_pct, 1) for i in frame["interval"]],
        interval_high_pct=[pd.NA if i is None else round(i.high_pct, 1) for i in frame["interval"]],
    )


def _share_words(p: float, i) -> str:
    return f"{p:.0f}%" if i is None else f"{p:.0f}% ({i.successes} of {i.n}; {i.interval_text()})"


def _whiskers_of(frame: pd.DataFrame, by: str) -> tuple[list[dict] | None, dict]:
    """Whiskers only where some share has a stated base (the printed values stay
    otherwise): the changes to each trace (one per ``by`` group, in order) and to the
    layout."""
    if frame["interval"].isna().all():
        return None, {}
    # the whiskers would cross printed values; they are in the description
    traces = [{"error_y": _whiskers(r), "text": None} for _, r in frame.groupby(by, sort=False)]
    title = f"Share (%); whiskers: {LEVEL} interval where the base is stated"
    return traces, {"yaxis": {"title": {"text": title}}}


def _columns(stated: Stated) -> list[str]:
    """The data columns of a share chart: bases and intervals only where the pack states a
    base."""
    if stated:
        return ["share_pct", "base", "interval_low_pct", "interval_high_pct", "source"]
    return ["share_pct", "source"]


def _with_intervals(rows: pd.DataFrame, stated: Stated) -> pd.DataFrame:
    rows = rows.copy()
    rows["interval"] = [
        interval_of(stated, a, p, m)
        for a, p, m in zip(rows["authority"], rows["period"], rows["measure"], strict=True)
    ]
    return rows


def trio(
    case_files: pd.DataFrame,
    before: fit.BaselineShares | None,
    evidence: dict[str, fit.FITEvidence],
    stated: Stated,
) -> Chart | None:
    """Families with more than one toxic trio issue, before the pilot and in it."""
    groups = (
        {(before.label, "baseline"): "Before the pilot (baseline)"} if before is not None else {}
    )
    groups |= {(name, "pilot"): f"{name} FIT families" for name in evidence}
    rows = case_files[case_files["measure"].isin(list(ISSUES))].copy()
    rows["group"] = [
        groups.get((a, p)) for a, p in zip(rows["authority"], rows["period"], strict=True)
    ]
    rows = rows.dropna(subset=["group"])
    if not len(rows):
        return None
    rows["issues"] = rows["measure"].map(ISSUES)
    return _shares_chart(
        "trio",
        _with_intervals(rows, stated),
        ("issues", "group"),
        "group",
        "Families with more than one toxic trio issue",
        "Share of families (%)",
        stated,
    )


def engaged(
    case_files: pd.DataFrame,
    before: fit.BaselineShares | None,
    evidence: dict[str, fit.FITEvidence],
) -> Chart | None:
    """Families engaging at first, before the pilot and with FIT."""
    rows = []
    if before is not None and before.engaged is not None:
        rows.append(("Before the pilot", before.engaged, before.label, "baseline"))
    rows += [
        (f"{name}, with FIT", ev.shares.engaged, name, "pilot")
        for name, ev in evidence.items()
        if ev.shares.engaged is not None
    ]
    if not rows:
        return None
    frame = pd.DataFrame(rows, columns=["group", "share_pct", "authority", "period"])
    engaged_rows = case_files[case_files["measure"] == "engaged"]
    frame["source"] = [
        engaged_rows.loc[
            (engaged_rows["authority"] == a) & (engaged_rows["period"] == p), "source"
        ].iloc[0]
        for a, p in zip(frame["authority"], frame["period"], strict=True)
    ]
    shapes = ["", ".", "x", "-", "+"]
    title = "Families engaging at first with support for toxic trio issues"
    patterns = [
        "/" if p == "baseline" else shapes[i % len(shapes)] for i, p in enumerate(frame["period"])
    ]
    fig = charts.bars(
        frame, "group", "share_pct", title, "Share of families (%)", suffix="%",
        traces={"texttemplate": "%{y:.0f}%", "marker": {"pattern": {"shape": patterns}}},
        layout={"yaxis": {"range": [0, 100]}},
    )  # fmt: skip
    desc = (
        "Bar chart of families engaging at first with support for toxic trio issues: "
        + "; ".join(
            f"{g} {v:.0f}%" for g, v in zip(frame["group"], frame["share_pct"], strict=True)
        )
        + ". Case file samples; the source gives no bases."
    )
    return Chart("engaged", title, fig, desc, frame[["group", "share_pct", "source"]])


def outcomes(case_files: pd.DataFrame, stated: Stated) -> Chart | None:
    """Short-term outcomes of the FIT families sampled."""
    out = case_files[
        case_files["measure"].isin(list(OUTCOMES)) & (case_files["period"] == "pilot")
    ].copy()
    if not len(out):
        return None
    out["outcome"] = out["measure"].map(OUTCOMES)
    return _shares_chart(
        "outcomes_chart",
        _with_intervals(out, stated),
        ("authority", "outcome"),
        "authority",
        "Short-term outcomes of FIT families sampled",
        "Share of families sampled (%)",
        stated,
        " The source does not describe the remaining families.",
    )


def _shares_chart(
    key: str,
    rows: pd.DataFrame,
    bars: tuple[str, str],
    by: str,
    title: str,
    y_title: str,
    stated: Stated,
    note: str = "",
) -> Chart:
    """A grouped bar chart of shares (``share_pct``, with their intervals as whiskers):
    ``bars`` is (the column along the axis, the column each colour of bar shows), ``by`` the
    one of the two the description (and the data's first column) groups the rows by;
    ``note`` follows the description."""
    x, colour = bars
    item = colour if by == x else x
    whiskers, changes = _whiskers_of(rows, colour)
    fig = charts.grouped_bars(
        rows, x, "share_pct", colour, title, y_title, suffix="%", traces=whiskers,
        layout=charts.merge({"yaxis": {"range": [0, 100]}}, changes),
    )  # fmt: skip
    desc = (
        "Grouped bar chart. "
        + "; ".join(
            f"{g}: "
            + ", ".join(
                f"{what.lower()} {_share_words(p, i)}"
                for what, p, i in zip(r[item], r["share_pct"], r["interval"], strict=True)
            )
            for g, r in rows.groupby(by, sort=False)
        )
        + "."
        + note
        + (ROUGH if rows["interval"].isna().any() else "")
    )
    data = _interval_columns(rows)[[by, item, *_columns(stated)]]
    return Chart(key, title, fig, desc, data)


def change(evidence: dict[str, fit.FITEvidence]) -> Chart | None:
    """Changes in looked-after starts and open plans (no figure where every change is
    worked out from a withheld count; a change not available is labelled x)."""
    frame = fit.demand_rows(evidence)
    if not len(frame):
        return None
    title = "Change in looked-after starts and open plans"
    # c: needs a withheld count; x: not available
    labels = [
        symbol(w) if pd.isna(v) else f"{v:+.0f}%"
        for v, w in zip(frame["change_pct"], frame["change_pct_withheld"], strict=True)
    ]
    data = series.as_shown(frame.round(1), ["change_pct"])
    if not frame["change_pct"].notna().any() and frame["change_pct_withheld"].all():
        return Chart("change", title, None, "", data)
    known = frame["change_pct"].dropna()
    low, high = (known.min(), known.max()) if len(known) else (0, 0)
    fig = charts.bars(
        frame, "measure", "change_pct", title, "Change (%)", suffix="%", horizontal=True,
        traces={"text": labels},
        layout={
            "yaxis": {"automargin": True},
            "xaxis": {"range": [min(0, low) - 25, max(0, high) + 20]},
        },
    )  # fmt: skip
    desc = (
        (
            "Horizontal bar chart of percentage changes from before the pilot to nine to "
            "twelve months in, for children starting to be looked after (starts) and open "
            "Child Protection Plans (CPPs). "
        )
        + "; ".join(f"{m}: {v}" for m, v in zip(frame["measure"], labels, strict=True))
        + ". Children becoming looked after compares the same three months a year apart."
        + symbols_said(labels)
    )
    return Chart("change", title, fig, desc, data)


def starts(quarterly: pd.DataFrame, evidence: dict[str, fit.FITEvidence]) -> Chart | None:
    """Children becoming looked after each quarter in the pilot authorities (quarters with
    no data left out; no figure where every count is withheld)."""
    frame = fit.starts_by_quarter(quarterly)
    frame = frame[frame["series"].str.rsplit(", ", n=1).str[0].isin(list(evidence))]
    if not len(frame):
        return None
    frame["period"] = frame["quarter"].map(series.quarter_label)
    title = "Children becoming looked after each quarter"
    data = withheld_as_c(frame[["series", "period", "children"]], ["children"])
    if not frame["children"].notna().any():
        return Chart("starts", title, None, "", data)
    fig = charts.line_series(
        frame.assign(children=frame["children"].astype("Float64")),
        "period",
        "children",
        "series",
        title,
        "Children",
    )
    desc = (
        "Line chart. "
        + "; ".join(
            f"{name}: "
            + ", ".join(
                f"{p} {shown(c)}" for p, c in zip(part["period"], part["children"], strict=True)
            )
            for name, part in frame.groupby("series", sort=False)
        )
        + ". All ages, and ages 14 to 18 added up where the pack counts them by age; quarters "
        "with no count are left out."
    )
    if frame["children"].isna().any():
        desc += " Counts withheld (c) are not drawn."
    return Chart("starts", title, fig, desc, data)


def fielded(costs: fit.FITCosts) -> Chart:
    """The teams fielded against every team full, a year, by authority."""
    frame = pd.DataFrame(
        [
            {"authority": auth, "teams": label, "gbp_per_year": value}
            for auth in costs.fielded_cost
            for label, value in (
                ("Teams actually fielded", costs.fielded_cost[auth]),
                ("Every team full (as planned)", costs.planned_cost[auth]),
            )
        ]
    )
    title = "Annual cost of the FIT teams fielded, against every team full"
    fig = charts.grouped_bars(
        frame, "authority", "gbp_per_year", "teams", title, "GBP a year",
        traces={"texttemplate": "£%{y:,.0f}"},
    )  # fmt: skip
    desc = (
        "Grouped bar chart. "
        + "; ".join(
            f"{auth}: teams fielded £{costs.fielded_cost[auth]:,.0f} a year, every team full "
            f"£{costs.planned_cost[auth]:,.0f}"
            for auth in costs.fielded_cost
        )
        + ". Costed from the worker costs and the team make-ups read from the findings."
    )
    return Chart("fielded_chart", title, fig, desc, frame.round(0))
