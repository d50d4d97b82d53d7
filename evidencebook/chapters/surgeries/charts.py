"""The surgeries chapter's charts: each a figure, its description in words and its data."""

from __future__ import annotations

import pandas as pd

from evidencebook.analysis import charts, series
from evidencebook.analysis.chapter import Chart
from evidencebook.analysis.figures import shown, withheld_as_c
from evidencebook.analysis.formatting import chart_text, is_withheld
from evidencebook.chapters.surgeries import model as surgeries


def _counts(
    table: pd.DataFrame, column: str, name: str, authority: str, since: str | None = None
) -> pd.DataFrame:
    """The pilot authority's counts in one column, shown or withheld (marked), blanks left
    out."""
    rows = table[table["authority"] == authority]
    rows = series.counted(rows if since is None else rows[rows["month"] >= since], column)
    return series.flag_withheld(rows, column).assign(
        series=name, count=rows[column], count_withheld=lambda r: r[f"{column}_withheld"]
    )


def trend(a: surgeries.SWSAssumptions, tables: dict[str, pd.DataFrame]) -> Chart | None:
    """Referrals (and those through the MASH) and Children in Need in the pilot authority
    (None where the pack has no counts; no figure where every count is withheld)."""
    referrals, cin = tables["referrals"], tables["children_in_need"]
    frame = pd.concat(
        [
            _counts(referrals, "referrals", "Referrals", a.authority),
            _counts(referrals, "mash_referrals", "Of which through the MASH", a.authority),
            _counts(cin, "children", "Children in Need", a.authority, since=a.baseline_from),
        ],
        ignore_index=True,
    )[["series", "month", "count", "source", "count_withheld"]]
    title = f"{chart_text(a.authority)} referrals and Children in Need"
    data = series.as_shown(frame, ["count"])
    if not frame["count"].notna().any():
        return Chart("trend", title, None, "", data) if len(frame) else None
    # each month named as the prose names it ("Mar 2015"), the months of all the series in
    # time order on one axis; the data keep the pack's codes
    months = sorted(set(frame["month"]))
    label = {m: series.month_label(m) for m in months}
    fig = charts.line_series(
        frame.assign(label=frame["month"].map(label)), "label", "count", "series", title,
        "Number",
        layout={"xaxis": {"categoryorder": "array", "categoryarray": [label[m] for m in months]}},
    )  # fmt: skip
    desc = (
        f"Line chart, {a.authority}. "
        + "; ".join(
            f"{name}: "
            + ", ".join(f"{label[m]} {shown(c)}" for m, c in part[["month", "count"]].values)
            for name, part in frame.groupby("series", sort=False)
        )
        + ". The surgery pilot ran in two schools from January 2016."
    )
    if frame["count_withheld"].any():
        desc += " Counts withheld (c) are not drawn."
    return Chart("trend", title, fig, desc, data)


def targets(
    a: surgeries.SWSAssumptions, referral_target: float, evidence: dict[str, object]
) -> Chart | None:
    """The referral target beside what happened to referrals and Children in Need (None
    where the pack has neither change)."""
    bars = [("Referrals", "Target", -referral_target)]
    if "referral_rise" in evidence:
        bars.append(("Referrals", "What happened", evidence["referral_rise"]))
    if "cin_rise" in evidence:
        bars.append(("Children in Need", "What happened", evidence["cin_rise"]))
    if len(bars) < 2:
        return None
    compare = pd.DataFrame(bars, columns=["measure", "what", "change_pct"]).astype(
        {"change_pct": "Float64"}
    )
    title = f"Targets against what happened, {chart_text(a.authority)}"
    zero = {
        "type": "line",
        "x0": 0,
        "x1": 1,
        "xref": "x domain",
        "y0": 0,
        "y1": 0,
        "yref": "y",
        "line": {"color": charts.PALETTE[4]},
    }  # a line across the plot at 0, as add_hline draws it
    fig = charts.grouped_bars(
        compare, "measure", "change_pct", "what", title, "Change (%)", suffix="%",
        layout={"shapes": [zero]},
    )  # fmt: skip
    desc = (
        f"Grouped bar chart, {a.authority}. "
        + "; ".join(f"{m}, {w.lower()}: {series.pct_text(v)}" for m, w, v in bars)
        + ". No size of fall was set for Children in Need."
    )
    # a change worked out from a withheld count (pd.NA); one not available (x) is NaN
    worked_out = pd.Series([is_withheld(v) for _, _, v in bars], index=compare.index)
    if worked_out.any():
        desc += " Changes worked out from a withheld count (c) are not drawn."
    if (compare["change_pct"].isna() & ~worked_out).any():
        desc += " Changes not available (x) are not drawn."
    data = withheld_as_c(compare.round(1), ["change_pct"], {"change_pct": worked_out})
    return Chart("targets_chart", title, fig, desc, data)
