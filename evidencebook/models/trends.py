"""Demand trends (the report's Appendix 3): changes, shares and summaries from the counts.

The report prints a percentage change beside most of its counts. None of those is stored:
each is recomputed here from the counts, so a council's own pack gets the same treatment.
Changes are measured from each series' first count in or after a baseline month (the report
compares from March 2015 in Hampshire and June 2015 on the Isle of Wight, the first counts
in its tables; earlier counts, such as Hampshire's Children in Need in 2013 and 2014, are
history).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from .common import PILOT_AUTHORITIES, pct_change

AUTHORITY_KEYS = PILOT_AUTHORITIES
ENGLAND = "England"
#: Ages whose quarterly counts add up to Table 14's "totals by quarter" (14 to 18).
OLDER_AGES = ("14", "15", "16", "17", "18")
ALL_AGES = "all ages"

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_MONTH_NAMES = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


@dataclass(frozen=True)
class TrendsAssumptions:
    """The one choice the report makes in comparing counts over time."""

    baseline_from: str  # YYYY-MM: changes run from each series' first count in or after it

    def __post_init__(self) -> None:
        if not _MONTH.match(str(self.baseline_from)):
            raise ValueError(
                f"baseline_from must be a month written YYYY-MM, got {self.baseline_from!r}"
            )


# --- periods -------------------------------------------------------------------------------


def month_start(month: str) -> pd.Timestamp:
    """The first day of a month written YYYY-MM."""
    if not _MONTH.match(str(month)):
        raise ValueError(f"not a month written YYYY-MM: {month!r}")
    return pd.Timestamp(f"{month}-01")


def quarter_start(quarter: str) -> pd.Timestamp:
    """The first day of a calendar quarter written YYYY-Qn (2015-Q3 starts 1 July 2015)."""
    match = _QUARTER.match(str(quarter))
    if not match:
        raise ValueError(f"not a quarter written YYYY-Qn (such as 2015-Q3): {quarter!r}")
    year, q = int(match.group(1)), int(match.group(2))
    return pd.Timestamp(year=year, month=3 * q - 2, day=1)


def month_label(month: str) -> str:
    """'2015-10' becomes 'Oct 2015'."""
    start = month_start(month)
    return f"{_MONTH_NAMES[start.month - 1]} {start.year}"


def quarter_label(quarter: str) -> str:
    """'2015-Q3' becomes 'Jul-Sep 2015'."""
    start = quarter_start(quarter)
    first = _MONTH_NAMES[start.month - 1]
    last = _MONTH_NAMES[start.month + 1]
    return f"{first}-{last} {start.year}"


def year_label(year_ending: int) -> str:
    """2016 (year to March 2016) becomes '2015-16'."""
    return f"{int(year_ending) - 1}-{int(year_ending) % 100:02d}"


# --- series and changes --------------------------------------------------------------------


def series(
    frame: pd.DataFrame, area: str, value: str = "children", area_col: str | None = None
) -> pd.DataFrame:
    """One area's rows of a trend table, in time order, with a ``date`` and a ``label``.

    The period column is found from the table: ``month``, ``quarter`` or ``year_ending``.
    """
    area_col = area_col or ("area" if "area" in frame.columns else "authority")
    rows = frame[frame[area_col] == area].copy()
    if "month" in rows.columns:
        rows["date"] = [month_start(m) for m in rows["month"]]
        rows["label"] = [month_label(m) for m in rows["month"]]
    elif "quarter" in rows.columns:
        rows["date"] = [quarter_start(q) for q in rows["quarter"]]
        rows["label"] = [quarter_label(q) for q in rows["quarter"]]
    elif "year_ending" in rows.columns:
        rows["date"] = [pd.Timestamp(year=int(y), month=3, day=31) for y in rows["year_ending"]]
        rows["label"] = [year_label(y) for y in rows["year_ending"]]
    else:
        raise KeyError("a trend table needs a month, quarter or year_ending column")
    rows = rows.sort_values("date").reset_index(drop=True)
    rows[value] = rows[value].astype("Float64")
    return rows


def since_baseline(rows: pd.DataFrame, baseline_from: str, value: str = "children") -> pd.DataFrame:
    """The rows from the first one dated in or after ``baseline_from``, each with its
    percentage change from that first (baseline) row; the baseline's own change is blank."""
    rows = rows[rows["date"] >= month_start(baseline_from)].reset_index(drop=True)
    if rows.empty:
        raise KeyError(f"no counts in or after {baseline_from}")
    base = float(rows[value].iloc[0])
    changes = [pd.NA] + [pct_change(base, float(v)) for v in rows[value].iloc[1:]]
    return rows.assign(change_pct=pd.array(changes, dtype="Float64"))


def before_baseline(rows: pd.DataFrame, baseline_from: str) -> pd.DataFrame:
    """The rows dated before ``baseline_from`` (history the report quotes for context)."""
    return rows[rows["date"] < month_start(baseline_from)].reset_index(drop=True)


def period_changes(rows: pd.DataFrame, value: str = "children") -> pd.DataFrame:
    """Each row with its percentage change from the row before (blank for the first, and
    wherever either count is missing)."""
    values = rows[value].astype("Float64").tolist()
    changes: list[object] = [pd.NA]
    for before, after in zip(values, values[1:], strict=False):
        if pd.isna(before) or pd.isna(after):
            changes.append(pd.NA)
        else:
            changes.append(pct_change(float(before), float(after)))
    return rows.assign(change_pct=pd.array(changes, dtype="Float64"))


def values(rows: pd.DataFrame, value: str = "children") -> tuple[float, ...]:
    """The known values of a series, in order (missing values are left out)."""
    return tuple(float(v) for v in rows[value] if not pd.isna(v))


def changes(rows: pd.DataFrame) -> tuple[float, ...]:
    """The known percentage changes of a series, in order."""
    return values(rows, "change_pct")


def first_to_last(rows: pd.DataFrame, value: str = "children") -> float:
    """Percentage change from the first known value of a series to its last."""
    known = values(rows, value)
    if len(known) < 2:
        raise ValueError("a change needs at least two counts")
    return pct_change(known[0], known[-1])


# --- particular tables ---------------------------------------------------------------------


def starts_by_age(starts: pd.DataFrame, authority: str) -> pd.DataFrame:
    """Quarterly starts of one authority by age (wide: a column per age), with the total of
    ages 14 to 18 (Table 14's 'totals by quarter'), all ages, and the older children's share."""
    rows = starts[starts["authority"] == authority]
    ages = rows[rows["age"].isin(OLDER_AGES)]
    if ages.empty:
        raise KeyError(f"looked_after_starts_quarterly has no counts by age for {authority}")
    wide = ages.pivot_table(index="quarter", columns="age", values="children", aggfunc="sum")
    wide = wide.reindex(columns=[a for a in OLDER_AGES if a in set(ages["age"])])
    wide = wide.astype(float)
    wide["aged_14_18"] = wide.sum(axis=1)
    everyone = rows[rows["age"] == ALL_AGES].set_index("quarter")["children"]
    wide["all_ages"] = everyone.reindex(wide.index).astype("Float64")
    wide["share_14_18_pct"] = wide["aged_14_18"] / wide["all_ages"] * 100
    wide = wide.reset_index()
    wide["date"] = [quarter_start(q) for q in wide["quarter"]]
    wide["label"] = [quarter_label(q) for q in wide["quarter"]]
    return wide.sort_values("date").reset_index(drop=True)


def return_interviews(missing: pd.DataFrame, authority: str) -> pd.DataFrame:
    """Each month's children returning from going missing, return interviews and the share
    of returning children interviewed (percent)."""
    rows = series(missing, authority, value="returning")
    over = rows[rows["return_interviews"] > rows["returning"]]
    if len(over):
        months = ", ".join(over["month"])
        raise ValueError(
            f"missing_returns: more return interviews than children returning in {months}"
        )
    rows["share_pct"] = [
        float(i) / float(r) * 100 if r else float("nan")
        for i, r in zip(rows["return_interviews"], rows["returning"], strict=True)
    ]
    return rows


def caseload_table(caseloads: pd.DataFrame, authority: str) -> pd.DataFrame:
    """One authority's team caseloads, long, in team and time order, with each team's change
    from its first count."""
    rows = caseloads[caseloads["authority"] == authority].copy()
    if rows.empty:
        raise KeyError(f"team_caseloads has no teams for {authority}")
    rows["date"] = [month_start(m) for m in rows["month"]]
    rows["label"] = [month_label(m) for m in rows["month"]]
    order = list(dict.fromkeys(rows["team"]))
    rows["order"] = rows["team"].map({t: i for i, t in enumerate(order)})
    rows = rows.sort_values(["order", "date"]).drop(columns="order").reset_index(drop=True)
    first = rows.groupby("team", sort=False)["caseload"].transform("first").astype(float)
    rows["change_pct"] = (rows["caseload"].astype(float) - first) / first * 100
    return rows


def caseload_summary(caseloads: pd.DataFrame, authority: str) -> pd.DataFrame:
    """Per team: caseload at the first and last month counted, and the percentage change."""
    rows = caseload_table(caseloads, authority)
    grouped = rows.groupby("team", sort=False)
    out = pd.DataFrame(
        {
            "first_month": grouped["month"].first(),
            "first": grouped["caseload"].first().astype(int),
            "last_month": grouped["month"].last(),
            "last": grouped["caseload"].last().astype(int),
        }
    )
    out["change_pct"] = [pct_change(f, s) for f, s in zip(out["first"], out["last"], strict=True)]
    return out.reset_index()


def caseload_totals(caseloads: pd.DataFrame, authority: str) -> pd.DataFrame:
    """All of an authority's teams added together, month by month, with the change from the
    first month. Only months in which every team was counted are kept."""
    rows = caseload_table(caseloads, authority)
    teams = rows["team"].nunique()
    counted = rows.groupby("month")["team"].nunique()
    full = counted[counted == teams].index
    totals = rows[rows["month"].isin(full)].groupby("month", as_index=False)["caseload"].sum()
    totals = totals.assign(authority=authority)
    out = series(totals, authority, value="caseload")
    return since_baseline(out, str(out["month"].iloc[0]), value="caseload")


def rounding_base(numbers: Iterable[float], bases: tuple[int, ...] = (1000, 100, 10, 5)) -> int:
    """The largest of ``bases`` that every number is a multiple of (1 if none is).

    Published looked-after figures for local authorities are rounded to the nearest 5 and
    for England to the nearest 10; this shows which rounding a set of figures carries.
    """
    numbers = [float(n) for n in numbers]
    for base in bases:
        if numbers and all(n % base == 0 for n in numbers):
            return base
    return 1


def ordered_areas(frame: pd.DataFrame, authorities: Iterable[str]) -> list[str]:
    """The areas of a comparator table: the authorities first, then the others in file order."""
    present = list(dict.fromkeys(frame["area"]))
    first = [a for a in authorities if a in present]
    return first + [a for a in present if a not in first]


def latest_comparison(frame: pd.DataFrame, value: str, period: str) -> pd.DataFrame:
    """The rows of a comparator table for its latest period, authorities first."""
    latest = frame[frame[period] == frame[period].max()]
    order = ordered_areas(latest, AUTHORITY_KEYS.values())
    return latest.set_index("area").loc[order].reset_index()


# --- the chapter's figures -----------------------------------------------------------------


def _cases(caseloads: pd.DataFrame, authority: str) -> tuple[tuple[str, tuple[int, ...]], ...]:
    rows = caseload_table(caseloads, authority)
    return tuple(
        (team, tuple(int(c) for c in part["caseload"]))
        for team, part in rows.groupby("team", sort=False)
    )


def figures(a: TrendsAssumptions, tables: dict[str, pd.DataFrame]) -> dict[str, object]:
    """Every ``trends.*`` figure of the reference list, computed from the pack's data.

    Single figures are floats; figures the report states as a list (one per period or area)
    are tuples, in time or comparator order; team caseloads are (team, caseloads) pairs.
    Percentages are 0-100.
    """
    base = a.baseline_from
    hants, iow = AUTHORITY_KEYS["hants"], AUTHORITY_KEYS["iow"]
    referrals = series(tables["referrals"], hants, value="referrals")
    cin = {k: series(tables["children_in_need"], v) for k, v in AUTHORITY_KEYS.items()}
    cla = {k: series(tables["looked_after_children"], v) for k, v in AUTHORITY_KEYS.items()}
    england_cla = series(tables["looked_after_children"], ENGLAND)
    starts_q = tables["looked_after_starts_quarterly"]
    starts_q_all = starts_q[starts_q["age"] == ALL_AGES]
    annual = tables["looked_after_starts_annual"]
    exact = tables["looked_after_starts_exact"]
    england_starts = series(annual, ENGLAND)
    by_age = starts_by_age(starts_q, hants)
    missing = return_interviews(tables["missing_returns"], hants)
    rereferral = latest_comparison(tables["re_referral_rates"], "rate_pct", "year_ending")
    rates = latest_comparison(tables["looked_after_rates"], "per_10000", "month")
    ranges = tables["referral_ranges"].set_index("authority")
    iow_exact = series(exact, iow)
    iow_2015 = float(iow_exact.loc[iow_exact["year_ending"] == 2015, "children"].iloc[0])
    iow_2016 = float(iow_exact.loc[iow_exact["year_ending"] == 2016, "children"].iloc[0])

    out: dict[str, object] = {
        "trends.hants_referrals": values(since_baseline(referrals, base, "referrals"), "referrals"),
        "trends.hants_mash": values(referrals, "mash_referrals"),
        "trends.hants_referrals_rise": first_to_last(referrals, "referrals"),
        "trends.hants_mash_rise": first_to_last(referrals, "mash_referrals"),
        "trends.rereferral": values(rereferral, "rate_pct"),
        "trends.hants_cin_history": values(before_baseline(cin["hants"], base)),
        "trends.england_cla": values(england_cla),
        "trends.england_cla_rise": pct_change(*values(england_cla)[-2:]),
        "trends.england_starts": values(england_starts),
        "trends.england_starts_rise": pct_change(*values(england_starts)[-2:]),
        "trends.hants_starts_by_age_totals": tuple(float(v) for v in by_age["aged_14_18"]),
        "trends.hants_team_caseloads": _cases(tables["team_caseloads"], hants),
        "trends.iow_team_caseloads": _cases(tables["team_caseloads"], iow),
        "trends.hants_missing": values(missing, "returning"),
        "trends.hants_return_interviews": values(missing, "return_interviews"),
        "trends.hants_ri_share": values(missing, "share_pct"),
        "trends.iow_contacts": values(series(tables["contacts"], iow, "contacts"), "contacts"),
        "trends.iow_referrals_monthly": (
            float(ranges.loc[iow, "low"]),
            float(ranges.loc[iow, "high"]),
        ),
        "trends.cla_rate": values(rates, "per_10000"),
        "trends.iow_starts_2014_15": iow_2015,
        # The report says "approximately 21-22 per month"; 86 a year is about 7 a month.
        # Its 21-22 is the number per quarter (see ``extra_figures``).
        "trends.iow_starts_2014_15_monthly": iow_2015 / 12,
        "trends.iow_starts_2015_16": iow_2016,
    }
    for key, authority in AUTHORITY_KEYS.items():
        cin_now = since_baseline(cin[key], base)
        cla_now = since_baseline(cla[key], base)
        out[f"trends.{key}_cin"] = values(cin_now)
        out[f"trends.{key}_cin_change"] = changes(cin_now)
        out[f"trends.{key}_cla"] = values(cla_now)
        out[f"trends.{key}_cla_change"] = changes(cla_now)
        out[f"trends.{key}_cla_starts_q"] = values(series(starts_q_all, authority))
        out[f"trends.{key}_cla_starts_y"] = values(series(annual, authority))
    return out


def extra_figures(a: TrendsAssumptions, tables: dict[str, pd.DataFrame]) -> dict[str, object]:
    """Figures the chapter states that are not rows of the reference list: bases, shares,
    per-period summaries and the changes the report prints for periods between the ends."""
    base = a.baseline_from
    hants, iow = AUTHORITY_KEYS["hants"], AUTHORITY_KEYS["iow"]
    referrals = since_baseline(series(tables["referrals"], hants, "referrals"), base, "referrals")
    mash_share = referrals["mash_referrals"].astype(float) / referrals["referrals"] * 100
    missing = return_interviews(tables["missing_returns"], hants)
    by_age = starts_by_age(tables["looked_after_starts_quarterly"], hants)
    starts_q = tables["looked_after_starts_quarterly"]
    iow_q = series(starts_q[starts_q["age"] == ALL_AGES], iow)
    hants_q = series(starts_q[starts_q["age"] == ALL_AGES], hants)
    annual = tables["looked_after_starts_annual"]
    exact = series(tables["looked_after_starts_exact"], iow)
    iow_exact_2015 = float(exact.loc[exact["year_ending"] == 2015, "children"].iloc[0])
    iow_published = series(annual, iow).set_index("year_ending")["children"]
    authorities_annual = annual[annual["area"] != ENGLAND]["children"]
    contacts = series(tables["contacts"], iow, "contacts")
    hants_cases = caseload_totals(tables["team_caseloads"], hants)
    iow_cases = caseload_totals(tables["team_caseloads"], iow)
    hants_teams = caseload_summary(tables["team_caseloads"], hants)
    iow_teams = caseload_summary(tables["team_caseloads"], iow)
    rates = latest_comparison(tables["looked_after_rates"], "per_10000", "month")
    rate = dict(zip(rates["area"], rates["per_10000"].astype(float), strict=True))
    cin = {
        k: since_baseline(series(tables["children_in_need"], v), base)
        for k, v in AUTHORITY_KEYS.items()
    }
    cla = {
        k: since_baseline(series(tables["looked_after_children"], v), base)
        for k, v in AUTHORITY_KEYS.items()
    }
    return {
        "trends.hants_referrals_mid_change": float(referrals["change_pct"].iloc[1]),
        "trends.hants_mash_share_first": float(mash_share.iloc[0]),
        "trends.hants_mash_share_last": float(mash_share.iloc[-1]),
        "trends.hants_cin_rise_latest": float(cin["hants"]["change_pct"].iloc[-1]),
        "trends.iow_cin_rise_latest": float(cin["iow"]["change_pct"].iloc[-1]),
        "trends.hants_cla_change_latest": float(cla["hants"]["change_pct"].iloc[-1]),
        "trends.iow_cla_change_latest": float(cla["iow"]["change_pct"].iloc[-1]),
        "trends.hants_starts_q_rise": first_to_last(hants_q),
        "trends.hants_starts_q_first": float(hants_q["children"].iloc[0]),
        "trends.hants_starts_q_last": float(hants_q["children"].iloc[-1]),
        "trends.hants_share_14_18_min": float(by_age["share_14_18_pct"].min()),
        "trends.hants_share_14_18_max": float(by_age["share_14_18_pct"].max()),
        "trends.iow_starts_q_mean": float(iow_q["children"].mean()),
        "trends.iow_starts_q_known": int(iow_q["children"].notna().sum()),
        "trends.iow_starts_2014_15_quarterly": iow_exact_2015 / 4,
        "trends.iow_starts_2014_15_published": float(iow_published.loc[2015]),
        "trends.authority_starts_rounding": rounding_base(authorities_annual),
        "trends.england_starts_rounding": rounding_base(
            annual[annual["area"] == ENGLAND]["children"]
        ),
        "trends.missing_total": int(missing["returning"].sum()),
        "trends.missing_interviews_total": int(missing["return_interviews"].sum()),
        "trends.missing_share_overall": float(
            missing["return_interviews"].sum() / missing["returning"].sum() * 100
        ),
        "trends.missing_months": len(missing),
        "trends.missing_share_first": float(missing["share_pct"].iloc[0]),
        "trends.missing_share_last": float(missing["share_pct"].iloc[-1]),
        "trends.missing_rise": first_to_last(missing, "returning"),
        "trends.iow_contacts_quarters": len(values(contacts, "contacts")),
        "trends.iow_contacts_per_month": sum(values(contacts, "contacts"))
        / (3 * len(values(contacts, "contacts"))),
        "trends.hants_caseload_teams": len(hants_teams),
        "trends.iow_caseload_teams": len(iow_teams),
        "trends.hants_caseload_total_change": float(hants_cases["change_pct"].iloc[-1]),
        "trends.iow_caseload_total_change": float(iow_cases["change_pct"].iloc[-1]),
        "trends.hants_caseload_teams_up": int((hants_teams["change_pct"] > 0).sum()),
        "trends.iow_caseload_teams_up": int((iow_teams["change_pct"] > 0).sum()),
        "trends.iow_rate_vs_england": pct_change(rate[ENGLAND], rate[iow])
        if ENGLAND in rate and iow in rate
        else float("nan"),
    }


def area_key(area: str) -> str:
    """A short key for an area: 'hants' and 'iow' for the two authorities, otherwise the name
    in lower case with underscores ('South East' becomes 'south_east')."""
    keys = {v: k for k, v in AUTHORITY_KEYS.items()}
    return keys.get(area, re.sub(r"[^a-z0-9]+", "_", area.lower()).strip("_"))


def comparator_figures(tables: dict[str, pd.DataFrame]) -> dict[str, object]:
    """Each area's figure in the comparator tables, under ``trends.rereferral_<area>`` and
    ``trends.cla_rate_<area>``, with the period each refers to."""
    rereferral = latest_comparison(tables["re_referral_rates"], "rate_pct", "year_ending")
    rates = latest_comparison(tables["looked_after_rates"], "per_10000", "month")
    out: dict[str, object] = {
        "trends.rereferral_year": year_label(int(rereferral["year_ending"].iloc[0])),
        "trends.cla_rate_month": month_label(str(rates["month"].iloc[0])),
    }
    for area, value in zip(rereferral["area"], rereferral["rate_pct"], strict=True):
        out[f"trends.rereferral_{area_key(area)}"] = float(value)
    for area, value in zip(rates["area"], rates["per_10000"], strict=True):
        out[f"trends.cla_rate_{area_key(area)}"] = float(value)
    return out


def report_differences(
    figs: dict[str, object], reference: pd.DataFrame, tolerance: float = 0.5
) -> pd.DataFrame:
    """The reference rows whose recomputed value differs from the report's by more than its
    rounding (``tolerance``, half of the report's last digit). Rows stated in words are
    skipped. ``reference`` is the reference list (id, value, ...)."""
    rows = []
    for rec in reference.to_dict("records"):
        fid = rec["id"]
        if fid not in figs:
            continue
        try:
            stated = parse_stated(rec["value"])
        except ValueError:
            continue  # stated in words, such as "per team"
        value = figs[fid]
        got = value if isinstance(value, tuple) else (value,)
        if len(got) != len(stated) or any(
            abs(float(g) - s) > tolerance for g, s in zip(got, stated, strict=True)
        ):
            rows.append(
                {"id": fid, "what": rec.get("what", ""), "report": rec["value"], "book": value}
            )
    return pd.DataFrame(rows, columns=["id", "what", "report", "book"])


def summary(a: TrendsAssumptions, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Each trend from its first to its last count: the counts, the periods and the change.

    Counts at a point in time (Children in Need, looked after, referrals) run from the
    baseline; quarterly and monthly flows run over the whole period; published annual
    figures compare the latest year with the year before.
    """
    base = a.baseline_from
    hants = AUTHORITY_KEYS["hants"]
    starts_q = tables["looked_after_starts_quarterly"]
    starts_q = starts_q[starts_q["age"] == ALL_AGES]
    annual = tables["looked_after_starts_annual"]
    referrals = since_baseline(series(tables["referrals"], hants, "referrals"), base, "referrals")
    missing = return_interviews(tables["missing_returns"], hants)
    items: list[tuple[str, str, str, pd.DataFrame, str]] = [
        ("hants_referrals_all", "Referrals", hants, referrals, "referrals"),
        ("hants_mash_all", "Referrals through the MASH", hants, referrals, "mash_referrals"),
    ]
    for key, area in AUTHORITY_KEYS.items():
        cin = since_baseline(series(tables["children_in_need"], area), base)
        cla = since_baseline(series(tables["looked_after_children"], area), base)
        items += [
            (f"{key}_cin_now", "Children in Need", area, cin, "children"),
            (f"{key}_cla_now", "Children looked after", area, cla, "children"),
        ]
    items.append(
        (
            "england_cla_year",
            "Children looked after",
            ENGLAND,
            _last_two(tables, ENGLAND),
            "children",
        )
    )
    for key, area in AUTHORITY_KEYS.items():
        items.append(
            (
                f"{key}_starts_quarters",
                "Starts, by quarter",
                area,
                series(starts_q, area),
                "children",
            )
        )
    for area_key, area in [*AUTHORITY_KEYS.items(), ("england", ENGLAND)]:
        rows = series(annual, area).tail(2)
        items.append(
            (f"{area_key}_starts_year", "Starts, by year (published)", area, rows, "children")
        )
    for key, area in AUTHORITY_KEYS.items():
        totals = caseload_totals(tables["team_caseloads"], area)
        items.append(
            (f"{key}_caseload_total", "Team caseloads, all teams", area, totals, "caseload")
        )
    items += [
        (
            "hants_missing_month",
            "Children returning from going missing",
            hants,
            missing,
            "returning",
        ),
        ("hants_interviews_month", "Return interviews", hants, missing, "return_interviews"),
    ]
    rows = []
    for key, measure, area, frame, value in items:
        known = frame.dropna(subset=[value])
        rows.append(
            {
                "key": key,
                "measure": measure,
                "area": area,
                "from": known["label"].iloc[0],
                "to": known["label"].iloc[-1],
                "first": float(known[value].iloc[0]),
                "last": float(known[value].iloc[-1]),
                "change_pct": first_to_last(known, value),
            }
        )
    return pd.DataFrame(rows)


def _last_two(tables: dict[str, pd.DataFrame], area: str) -> pd.DataFrame:
    return series(tables["looked_after_children"], area).tail(2)


def summary_figures(table: pd.DataFrame) -> dict[str, object]:
    """The summary as figures to glue: ``trends.<key>_from``, ``_to``, ``_first``, ``_last``
    and ``_pct`` for each row."""
    out: dict[str, object] = {}
    for rec in table.to_dict("records"):
        for field, suffix in [
            ("from", "from"),
            ("to", "to"),
            ("first", "first"),
            ("last", "last"),
            ("change_pct", "pct"),
        ]:
            out[f"trends.{rec['key']}_{suffix}"] = rec[field]
    return out


def as_text(value: object, decimals: int = 0) -> str:
    """A figure as text for glued prose and the check table: lists joined with '; ',
    team caseloads as 'team: a / b / c'."""
    if isinstance(value, tuple):
        if value and isinstance(value[0], tuple):
            return "; ".join(f"{team}: " + " / ".join(f"{c:,}" for c in cs) for team, cs in value)
        return "; ".join(as_text(v, decimals) for v in value)
    if isinstance(value, float | int) and not isinstance(value, bool):
        places = 0 if float(value).is_integer() else decimals
        return f"{value:,.{places}f}"
    return str(value)


def check_text(value: object) -> str:
    """A figure as the check table shows it: like ``as_text`` to one decimal place, but team
    caseloads summarised as the number of teams and counts."""
    if isinstance(value, tuple) and value and isinstance(value[0], tuple):
        counts = {len(cs) for _, cs in value}
        return f"{len(value)} teams, {'/'.join(str(c) for c in sorted(counts))} counts each"
    return as_text(value, 1)


def glue_values(figs: dict[str, object], decimals: int = 1) -> dict[str, object]:
    """The figures ready to glue: numbers stay numbers; lists become text."""
    return {k: as_text(v, decimals) if isinstance(v, tuple) else v for k, v in figs.items()}


def parse_stated(text: str) -> tuple[float, ...]:
    """A value as the reference list writes it: '8582;9055', '11-30' or '13' as numbers."""
    text = str(text).strip()
    parts = text.split(";") if ";" in text else re.split(r"(?<=\d)-(?=\d)", text)
    return tuple(float(p) for p in parts)
