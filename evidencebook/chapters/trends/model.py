"""Demand trends (the report's Appendix 3): changes, shares and summaries from the counts.

The report prints a percentage change beside most of its counts. None of those is stored:
each is recomputed here from the counts, so a council's own pack gets the same treatment.
Changes are measured from each series' first count in or after a baseline month (the report
compares from March 2015 in Hampshire and June 2015 on the Isle of Wight, the first counts
in its tables; earlier counts, such as Hampshire's Children in Need in 2013 and 2014, are
history).

Every authority a pack names is profiled alike, in pack order (:func:`profile`, an
:class:`AuthorityTrends`); the report's figure ids for Hampshire and the Isle of Wight are
given when the pack has those authorities. England, and regions such as the South East, are
comparators (:func:`comparisons`). The chapter's text is written in
:mod:`~evidencebook.chapters.trends.wording` and its charts drawn in
:mod:`~evidencebook.chapters.trends.charts`; the time-series helpers are in
:mod:`evidencebook.analysis.series`; ``as_shown``, ``authorities_with_ages``, ``counted``,
``flag_withheld``, ``pct_text``, ``quarter_label`` and ``returns_rise_text`` are re-exported
here only while other chapters' notebooks read them from this module.

Counts of people may be withheld ("c" in the pack, or by ``--suppress-below``): they are
``pd.NA`` here, and so is every figure worked out from one (a change, a share, a total, an
average), and the paragraphs say "c". A withheld count is kept in its series (it is still the
first or last count); a blank one (the source has no data) is left out, as before. Frames from
:func:`series` and the functions built on it mark their withheld cells, and the cells worked
out from them, in ``<column>_withheld`` columns, as a loaded table does
(``evidencebook.analysis.pack.withheld``). A figure that is merely not available (a change
from 0) is NaN or None, and says "x".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from evidencebook.analysis.common import (
    PILOT_AUTHORITIES,
    authorities,
    pct_change,
    records,
    report_ids,
    whole,
)
from evidencebook.analysis.formatting import missing_symbol
from evidencebook.analysis.pack import not_available, withheld
from evidencebook.analysis.series import (  # noqa: F401 - some re-exported (see above)
    _MONTH,
    ALL_AGES,
    OLDER_AGES,
    _also_withheld,
    _n,
    as_shown,
    authorities_with_ages,
    before_baseline,
    change,
    changes,
    complete,
    counted,
    first_to_last,
    flag_withheld,
    month_label,
    month_start,
    once_a_compute,
    pct_text,
    quarter_label,
    quarter_start,
    returns_rise_text,
    series,
    since_baseline,
    values,
    year_label,
)

ENGLAND = "England"


@dataclass(frozen=True)
class TrendsAssumptions:
    """The one choice the report makes in comparing counts over time."""

    baseline_from: str  # YYYY-MM: changes run from each series' first count in or after it

    def __post_init__(self) -> None:
        if not _MONTH.match(str(self.baseline_from)):
            raise ValueError(
                f"baseline_from must be a month written YYYY-MM, got {self.baseline_from!r}"
            )


# --- particular tables ---------------------------------------------------------------------


@once_a_compute
def starts_by_age(starts: pd.DataFrame, authority: str) -> pd.DataFrame:
    """Quarterly starts of one authority by age (wide: a column per age), with the total of
    ages 14 to 18 (Table 14's 'totals by quarter'), all ages, and the older children's share.

    A blank age count (no data) is left out of the total; a withheld one withholds the total
    and the share. The frame marks its withheld cells, and those worked out from them, in
    ``<column>_withheld`` columns. (Worked out over the rows in plain Python: the frame is
    the one pandas' ``pivot`` of the ages, their sum by quarter and the all-ages count gave,
    columns named "age" as ``pivot`` names them.)"""
    where = (starts["authority"] == authority).to_numpy(dtype=bool, na_value=False).nonzero()[0]
    rows = list(
        zip(
            starts["quarter"].to_numpy()[where].tolist(),
            starts["age"].to_numpy()[where].tolist(),
            starts["children"].to_numpy(dtype=object)[where].tolist(),
            withheld(starts, "children").to_numpy()[where].tolist(),
            strict=True,
        )
    )
    # the older ages' counts, shown or withheld (``counted``); a withheld count is NA
    older = [(q, a, c, w) for q, a, c, w in rows if a in OLDER_AGES and (w or not pd.isna(c))]
    if not older:
        raise KeyError(f"looked_after_starts_quarterly has no counts by age for {authority}")
    columns = [a for a in OLDER_AGES if a in {row[1] for row in older}]
    counts: dict[tuple, object] = {}
    shut: dict[tuple, bool] = {}
    for q, a, c, w in older:
        if (q, a) in counts:
            raise ValueError("Index contains duplicate entries, cannot reshape")
        counts[q, a] = pd.NA if pd.isna(c) else float(c)
        shut[q, a] = bool(w)
    quarters = sorted(sorted({row[0] for row in older}), key=quarter_start)
    everyone: dict[object, tuple[object, bool]] = {}
    for q, a, c, w in rows:
        if a == ALL_AGES:
            if q in everyone:
                raise ValueError("cannot reindex on an axis with duplicate labels")
            everyone[q] = (pd.NA if pd.isna(c) else float(c), bool(w))

    def total(q: object) -> object:  # a withheld (NA) age withholds the total (skipna=False)
        present = [counts[q, a] for a in columns if (q, a) in counts]
        return pd.NA if any(pd.isna(v) for v in present) else sum(present, 0.0)

    wide = pd.DataFrame(
        {
            "quarter": pd.array(quarters, dtype=starts["quarter"].dtype),
            **{a: pd.array([counts.get((q, a)) for q in quarters], "Float64") for a in columns},
            "aged_14_18": pd.array([total(q) for q in quarters], "Float64"),
            "all_ages": pd.array([everyone.get(q, (None,))[0] for q in quarters], "Float64"),
        }
    )
    wide["share_14_18_pct"] = wide["aged_14_18"] / wide["all_ages"] * 100
    wide["date"] = [quarter_start(q) for q in quarters]
    wide["label"] = [quarter_label(q) for q in quarters]
    marks = {a: [shut.get((q, a), False) for q in quarters] for a in columns}
    marks["aged_14_18"] = [any(marks[a][i] for a in columns) for i in range(len(quarters))]
    marks["all_ages"] = [everyone.get(q, (None, False))[1] for q in quarters]
    marks["share_14_18_pct"] = [
        x or y for x, y in zip(marks["aged_14_18"], marks["all_ages"], strict=True)
    ]
    for column, marked in marks.items():
        _also_withheld(wide, column, marked)
    wide.columns = pd.Index(list(wide.columns), dtype="str", name="age")  # as ``pivot`` names them
    return wide


@once_a_compute(shared=True)
def all_ages(quarterly: pd.DataFrame) -> pd.DataFrame:
    """The quarterly starts of children of all ages (one frame for the profiles, the summary
    and the chart within a compute: read it, do not change it)."""
    return quarterly[quarterly["age"] == ALL_AGES]


@once_a_compute
def return_interviews(missing: pd.DataFrame, authority: str) -> pd.DataFrame:
    """Each month's children returning from going missing, return interviews and the share
    of returning children interviewed (percent; withheld where either count is)."""
    rows = series(missing, authority, value="returning")
    over = rows[(rows["return_interviews"] > rows["returning"]).fillna(False).astype(bool)]
    if len(over):
        months = ", ".join(over["month"])
        raise ValueError(
            f"missing_returns: more return interviews than children returning in {months}"
        )
    rows["share_pct"] = pd.array(
        [
            pd.NA
            if not_available(i) or not_available(r)
            else float(i) / float(r) * 100
            if r
            else pd.NA
            for i, r in zip(rows["return_interviews"], rows["returning"], strict=True)
        ],
        dtype="Float64",
    )
    shut = withheld(rows, "returning") | withheld(rows, "return_interviews")
    return _also_withheld(rows, "share_pct", shut)


@once_a_compute
def caseload_table(caseloads: pd.DataFrame, authority: str) -> pd.DataFrame:
    """One authority's team caseloads, long, in team and time order, with each team's change
    from its first count."""
    where = (caseloads["authority"] == authority).to_numpy(dtype=bool, na_value=False)
    where = where.nonzero()[0]
    if not len(where):
        raise KeyError(f"team_caseloads has no teams for {authority}")
    teams = caseloads["team"].to_numpy()[where].tolist()
    dates = [month_start(m) for m in caseloads["month"].to_numpy()[where]]
    order = {t: i for i, t in enumerate(dict.fromkeys(teams))}  # teams in pack order
    ranked = sorted(range(len(where)), key=lambda i: (order[teams[i]], dates[i]))
    rows = caseloads.take(where[ranked])
    rows.index = pd.RangeIndex(len(rows))
    months = dict.fromkeys(rows["month"])  # each month worked out once
    rows["date"] = rows["month"].map({m: month_start(m) for m in months})
    rows["label"] = rows["month"].map({m: month_label(m) for m in months})
    counts = rows["caseload"].astype(float).to_numpy()
    first: dict[object, float] = {}  # each team's first count (a blank one skipped)
    for team, count in zip(rows["team"].tolist(), counts.tolist(), strict=True):
        if team not in first and count == count:
            first[team] = count
    base = np.array([first.get(t, np.nan) for t in rows["team"].tolist()], dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        rows["change_pct"] = (counts - base) / base * 100
    return rows


@once_a_compute
def caseload_summary(caseloads: pd.DataFrame, authority: str) -> pd.DataFrame:
    """Per team: caseload at the first and last month counted, and the percentage change."""
    return team_summary(caseload_table(caseloads, authority))


def team_summary(rows: pd.DataFrame) -> pd.DataFrame:
    """:func:`caseload_summary` of one authority's :func:`caseload_table`: each team's first
    and last month and caseload (as pandas' ``groupby(...).first()`` and ``last()`` give
    them: each the first or last that is not blank)."""
    teams: dict[object, dict[str, object]] = {}
    for team, month, count in zip(
        rows["team"].tolist(), rows["month"].tolist(), rows["caseload"].tolist(), strict=True
    ):
        if not_available(team):  # (pandas' groups leave a blank key out)
            continue
        seen = teams.setdefault(team, {})
        for name, value in (("month", month), ("caseload", count)):
            if not_available(value):
                continue
            seen.setdefault(f"first_{name}", value)
            seen[f"last_{name}"] = value
    firsts = [int(v["first_caseload"]) for v in teams.values()]  # a team with no count: error
    lasts = [int(v["last_caseload"]) for v in teams.values()]
    return pd.DataFrame(
        {
            "team": pd.array(list(teams), dtype=rows["team"].dtype),
            "first_month": pd.array(
                [v["first_month"] for v in teams.values()], rows["month"].dtype
            ),
            "first": np.array(firsts, dtype=np.int64),
            "last_month": pd.array([v["last_month"] for v in teams.values()], rows["month"].dtype),
            "last": np.array(lasts, dtype=np.int64),
            "change_pct": [pct_change(f, s) for f, s in zip(firsts, lasts, strict=True)],
        }
    )


@once_a_compute
def caseload_totals(caseloads: pd.DataFrame, authority: str) -> pd.DataFrame:
    """All of an authority's teams added together, month by month, with the change from the
    first month. Only months in which every team was counted are kept."""
    return _team_totals(caseload_table(caseloads, authority), authority)


def _team_totals(rows: pd.DataFrame, authority: str) -> pd.DataFrame:
    """:func:`caseload_totals` of one authority's :func:`caseload_table`."""
    teams = rows["team"].tolist()
    every = {t for t in teams if not not_available(t)}
    counted_in: dict[object, set] = {}
    totals: dict[object, int] = {}
    months, counts = rows["month"].tolist(), rows["caseload"].tolist()
    for team, month, count in zip(teams, months, counts, strict=True):
        if not_available(month):  # (pandas' groups leave a blank key out)
            continue
        if not not_available(team):
            counted_in.setdefault(month, set()).add(team)
        if not not_available(count):
            totals[month] = totals.get(month, 0) + int(count)
    full = sorted(m for m, named in counted_in.items() if len(named) == len(every))
    frame = pd.DataFrame(
        {
            "month": pd.array(full, dtype=rows["month"].dtype),
            "caseload": pd.array([totals.get(m, 0) for m in full], dtype="Int64"),
        }
    ).assign(authority=authority)
    out = series(frame, authority, value="caseload")
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


def latest_comparison(
    frame: pd.DataFrame, value: str, period: str, authorities: Iterable[str] = ()
) -> pd.DataFrame:
    """The rows of a comparator table for its latest period, ``authorities`` first (in their
    order), then the other areas in file order."""
    latest = frame[frame[period] == frame[period].max()]
    order = ordered_areas(latest, authorities)
    return latest.set_index("area").loc[order].reset_index()


# --- the chapter's figures -----------------------------------------------------------------


def _cases(rows: pd.DataFrame) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """Each team's caseloads in time order, from one authority's :func:`caseload_table`."""
    cases: dict[object, list[int]] = {}
    for team, count in zip(rows["team"].tolist(), rows["caseload"].tolist(), strict=True):
        if not not_available(team):  # (pandas' groups leave a blank key out)
            cases.setdefault(team, []).append(int(count))
    return tuple((team, tuple(counts)) for team, counts in cases.items())


#: Tables naming authorities in an ``authority`` column, and those naming areas (authorities
#: and England) in an ``area`` column.
AUTHORITY_TABLES = (
    "children_in_need",
    "referrals",
    "contacts",
    "referral_ranges",
    "team_caseloads",
    "missing_returns",
    "looked_after_starts_quarterly",
)
AREA_TABLES = ("looked_after_children", "looked_after_starts_annual", "looked_after_starts_exact")


def pack_authorities(tables: dict[str, pd.DataFrame]) -> list[str]:
    """The authorities the chapter's tables name, in pack order; England is a comparator."""
    names = authorities(*(tables[t] for t in AUTHORITY_TABLES))
    for name in authorities(*(tables[t] for t in AREA_TABLES), column="area"):
        if name != ENGLAND and name not in names:
            names.append(name)
    return names


def _since(rows: pd.DataFrame, baseline_from: str, value: str) -> pd.DataFrame | None:
    known = counted(rows, value)
    if known.empty or (known["date"] < month_start(baseline_from)).all():
        return None
    return since_baseline(known, baseline_from, value)


# --- one authority's trends, typed: a part is None where the pack has no counts for it ------


@dataclass(frozen=True)
class Referrals:
    """Referrals counted from the baseline (with each count's change from the first), and
    those made through the MASH. ``rise`` runs from the first count to the last over every
    count (None with a single count); the MASH's figures are None where it is not counted
    (``mash_rise`` also with a single count)."""

    counts: tuple[object, ...]
    labels: tuple[str, ...]
    changes: tuple[object, ...]
    rise: object = None
    mash: tuple[object, ...] | None = None
    mash_share_first: object = None
    mash_share_last: object = None
    mash_rise: object = None


@dataclass(frozen=True)
class Snapshots:
    """Counts at points in time (Children in Need, looked after) from the baseline, each
    with its change from the baseline count, and the change from the first to the last
    (``pct``; None with a single count)."""

    counts: tuple[object, ...]
    changes: tuple[object, ...]
    first_label: str
    last_label: str
    pct: object = None


@dataclass(frozen=True)
class History:
    """Counts before the baseline."""

    counts: tuple[object, ...]
    labels: tuple[str, ...]


@dataclass(frozen=True)
class SameQuarter:
    """The last quarter's starts against the same quarter a year before (like with like)."""

    before_label: str
    before: object
    last_label: str
    last: object
    change: object


@dataclass(frozen=True)
class QuarterlyStarts:
    """Children starting to be looked after each quarter (all ages): the counts, the first
    and last with their quarters, the mean a quarter (``pd.NA`` if one is withheld), how
    many quarters have a count, the quarters with none (``gaps``), the change first to last
    (None with one count) and the like-with-like comparison (None where no quarter was
    counted a year before the last)."""

    counts: tuple[object, ...]
    first_label: str
    first_date: pd.Timestamp
    last_label: str
    mean: object
    known: int
    gaps: tuple[str, ...]
    rise: object = None
    same: SameQuarter | None = None

    @property
    def first(self) -> object:
        return self.counts[0]

    @property
    def last(self) -> object:
        return self.counts[-1]


@dataclass(frozen=True)
class LastTwoYears:
    """The last two published yearly counts and the change between them."""

    prev: object
    last: object
    prev_label: str
    last_label: str
    pct: object


@dataclass(frozen=True)
class YearlyStarts:
    """Published yearly starts (rounded), and the last two years (None with one year)."""

    counts: tuple[object, ...]
    last_two: LastTwoYears | None = None


@dataclass(frozen=True)
class ExactYear:
    """An authority's own count of starts for a year, beside the published (rounded) one
    (None where not published)."""

    year_ending: int
    label: str
    count: object
    published: object = None

    @property
    def monthly(self) -> object:
        return pd.NA if not_available(self.count) else self.count / 12

    @property
    def quarterly(self) -> object:
        return pd.NA if not_available(self.count) else self.count / 4


@dataclass(frozen=True)
class OlderStarts:
    """Starts aged 14 to 18 each quarter, and their lowest and highest share of all starts
    (``pd.NA`` if a share is withheld; None where no share can be worked out)."""

    totals: tuple[object, ...]
    share_min: object = None
    share_max: object = None


@dataclass(frozen=True)
class Caseloads:
    """Team caseloads: (team, caseloads) pairs, how many teams and how many rose, and all
    teams together from the first month to the last (``total_pct`` None with one month)."""

    teams: tuple[tuple[str, tuple[int, ...]], ...]
    count: int
    up: int
    total_from: str
    total_to: str
    total_first: float
    total_last: float
    total_pct: object = None


@dataclass(frozen=True)
class Missing:
    """Children returning from going missing each month and their return interviews: the
    totals (``pd.NA`` if a month is withheld), the first and last months, the share
    interviewed at each end and overall (None where no child returned), and the change in
    returns first to last (None with one month)."""

    returning: tuple[object, ...]
    interviews: tuple[object, ...]
    ri_share: tuple[object, ...]
    total: object
    interviews_total: object
    months: int
    first_label: str
    last_label: str
    share_first: object
    share_last: object
    share_overall: object = None
    rise: object = None

    @property
    def first(self) -> object:
        return self.returning[0]

    @property
    def last(self) -> object:
        return self.returning[-1]


@dataclass(frozen=True)
class Contacts:
    """Contacts by quarter: the counts, the quarters without one, and the average a month."""

    counts: tuple[object, ...]
    gaps: tuple[str, ...]

    @property
    def quarters(self) -> int:
        return len(self.counts)

    @property
    def per_month(self) -> float:
        return sum(self.counts) / (3 * len(self.counts))


@dataclass(frozen=True)
class ReferralRange:
    """Referrals given only as a range a month, and the months it covers."""

    low: float
    high: float
    first_label: str
    last_label: str


@dataclass(frozen=True)
class AuthorityTrends:
    """Every trend figure the pack has for one authority; a part is None where the pack
    has no counts for it. A withheld count is ``pd.NA`` in its list, and so is every figure
    worked out from it."""

    referrals: Referrals | None = None
    cin: Snapshots | None = None
    cin_history: History | None = None
    cla: Snapshots | None = None
    cla_history: History | None = None
    starts_q: QuarterlyStarts | None = None
    starts_y: YearlyStarts | None = None
    starts_exact: tuple[ExactYear, ...] = ()
    older: OlderStarts | None = None
    caseloads: Caseloads | None = None
    missing: Missing | None = None
    contacts: Contacts | None = None
    referral_range: ReferralRange | None = None

    def by_name(self) -> dict[str, object]:
        """The figures the report gives, under the generic names of :data:`REPORT_IDS`."""
        out: dict[str, object] = {}
        if self.referrals is not None:
            r = self.referrals
            out |= {"referrals": r.counts}
            if r.rise is not None:
                out["referrals_rise"] = r.rise
            if r.mash is not None:
                out["mash"] = r.mash
            if r.mash_rise is not None:
                out["mash_rise"] = r.mash_rise
        for name in ("cin", "cla"):
            now, history = getattr(self, name), getattr(self, f"{name}_history")
            if now is not None:
                out |= {name: now.counts, f"{name}_change": now.changes}
            if history is not None:
                out[f"{name}_history"] = history.counts
        if self.starts_q is not None:
            out["starts_q"] = self.starts_q.counts
        if self.starts_y is not None:
            out["starts_y"] = self.starts_y.counts
        for year in self.starts_exact:
            out[f"starts_exact_{year.year_ending}"] = year.count
            out[f"starts_exact_{year.year_ending}_monthly"] = year.monthly
            out[f"starts_exact_{year.year_ending}_quarterly"] = year.quarterly
        if self.older is not None:
            out["by_age_totals"] = self.older.totals
        if self.caseloads is not None:
            out["team_caseloads"] = self.caseloads.teams
        if self.missing is not None:
            m = self.missing
            out |= {"missing": m.returning, "return_interviews": m.interviews}
            out["ri_share"] = m.ri_share
        if self.contacts is not None:
            out["contacts"] = self.contacts.counts
        if self.referral_range is not None:
            out["referrals_monthly"] = (self.referral_range.low, self.referral_range.high)
        return out


def _snapshots(rows: pd.DataFrame, baseline_from: str) -> tuple[Snapshots | None, History | None]:
    """Counts at points in time (Children in Need, looked after): from the baseline, with
    each change from it, and the counts before it (history)."""
    if rows.empty:
        return None, None
    now = _since(rows, baseline_from, "children")
    snapshots = None
    if now is not None:
        snapshots = Snapshots(
            values(now),
            changes(now),
            str(now["label"].iloc[0]),
            str(now["label"].iloc[-1]),
            first_to_last(now) if len(now) > 1 else None,
        )
    history = before_baseline(counted(rows), baseline_from)
    return snapshots, History(values(history), tuple(history["label"])) if len(history) else None


def _mean(numbers: tuple[object, ...]) -> object:
    """The mean of some counts; ``pd.NA`` if one is withheld (with the others shown, the
    mean would give it away)."""
    return sum(numbers) / len(numbers) if complete(numbers) else pd.NA


def _total(numbers: tuple[object, ...]) -> object:
    """Counts added up; ``pd.NA`` if one is withheld."""
    return sum(numbers) if complete(numbers) else pd.NA


def _share(part: object, whole: object) -> object:
    """``part`` as a percentage of ``whole``: ``pd.NA`` if either is withheld, NaN if the
    whole is 0."""
    if not_available(part) or not_available(whole):
        return pd.NA
    return float(part) / float(whole) * 100 if whole else float("nan")


def _referrals(
    tables: dict[str, pd.DataFrame], authority: str, baseline_from: str
) -> Referrals | None:
    ref = counted(series(tables["referrals"], authority, "referrals"), "referrals")
    now = _since(ref, baseline_from, "referrals") if len(ref) else None
    if now is None:
        return None
    referrals = Referrals(
        values(now, "referrals"),
        tuple(now["label"]),
        changes(now),
        first_to_last(ref, "referrals") if len(ref) > 1 else None,
    )
    mash = counted(ref, "mash_referrals")
    if not len(mash):
        return referrals
    counts = values(mash, "mash_referrals")
    share = [_share(m, r) for m, r in zip(counts, values(mash, "referrals"), strict=True)]
    return replace(
        referrals,
        mash=counts,
        mash_share_first=share[0],
        mash_share_last=share[-1],
        mash_rise=first_to_last(mash, "mash_referrals") if len(mash) > 1 else None,
    )


def _quarterly_starts(quarterly: pd.DataFrame, authority: str) -> QuarterlyStarts | None:
    rows = series(all_ages(quarterly), authority)
    known = counted(rows)
    if not len(known):
        return None
    counts = values(known)
    gaps = rows["children"].isna() & ~withheld(rows, "children")
    # like with like: the last quarter against the same quarter a year before
    year_before = known[known["date"] == known["date"].iloc[-1] - pd.DateOffset(years=1)]
    same = None
    if len(year_before):
        before = values(year_before)[0]
        same = SameQuarter(
            str(year_before["label"].iloc[0]),
            before,
            str(known["label"].iloc[-1]),
            counts[-1],
            change(before, counts[-1]),
        )
    return QuarterlyStarts(
        counts,
        first_label=str(known["label"].iloc[0]),
        first_date=known["date"].iloc[0],
        last_label=str(known["label"].iloc[-1]),
        mean=_mean(counts),
        known=len(known),
        gaps=tuple(rows.loc[gaps, "label"]),
        rise=first_to_last(known) if len(known) > 1 else None,
        same=same,
    )


def _yearly_starts(annual: pd.DataFrame) -> YearlyStarts | None:
    if not len(annual):
        return None
    counts = values(annual)
    last_two = None
    if len(annual) > 1:
        prev, last = counts[-2:]
        last_two = LastTwoYears(
            prev,
            last,
            str(annual["label"].iloc[-2]),
            str(annual["label"].iloc[-1]),
            change(prev, last),
        )
    return YearlyStarts(counts, last_two)


def _older(quarterly: pd.DataFrame, authority: str) -> OlderStarts | None:
    ages = quarterly[(quarterly["authority"] == authority) & quarterly["age"].isin(OLDER_AGES)]
    if not len(counted(ages)):
        return None
    by_age = starts_by_age(quarterly, authority)
    shares = values(by_age, "share_14_18_pct")
    totals = values(by_age, "aged_14_18")
    if shares and complete(shares):
        return OlderStarts(totals, min(shares), max(shares))
    if shares:  # the lowest and highest shown need not be the lowest and highest
        return OlderStarts(totals, pd.NA, pd.NA)
    return OlderStarts(totals)


def _caseloads(caseloads: pd.DataFrame, authority: str) -> Caseloads | None:
    if not (caseloads["authority"] == authority).any():
        return None
    # each worked out once for the profile, the summary and the chart (once_a_compute)
    teams = caseload_summary(caseloads, authority)
    totals = caseload_totals(caseloads, authority)
    return Caseloads(
        _cases(caseload_table(caseloads, authority)),
        len(teams),
        int((teams["change_pct"] > 0).sum()),
        str(totals["label"].iloc[0]),
        str(totals["label"].iloc[-1]),
        float(totals["caseload"].iloc[0]),
        float(totals["caseload"].iloc[-1]),
        float(totals["change_pct"].iloc[-1]) if len(totals) > 1 else None,
    )


def _missing(returns: pd.DataFrame, authority: str) -> Missing | None:
    if not (returns["authority"] == authority).any():
        return None
    missing = return_interviews(returns, authority)
    returning = values(missing, "returning")
    interviews = values(missing, "return_interviews")
    shares = tuple(
        _share(i, r) for i, r in zip(interviews, returning, strict=True)
    )  # as ``share_pct``, with a month of no returns (NaN) kept in its place
    # a total with a withheld month in it would give the month away
    total, interviews_total = whole(_total(returning)), whole(_total(interviews))
    overall = None
    if not not_available(total) and total:
        overall = interviews_total / total * 100
    elif not_available(total) or not_available(interviews_total):
        overall = pd.NA
    return Missing(
        returning,
        interviews,
        values(missing, "share_pct"),
        total,
        interviews_total,
        len(missing),
        str(missing["label"].iloc[0]),
        str(missing["label"].iloc[-1]),
        shares[0],
        shares[-1],
        overall,
        first_to_last(missing, "returning") if len(missing) > 1 else None,
    )


def _referral_range(ranges: pd.DataFrame, authority: str) -> ReferralRange | None:
    ranges = ranges[ranges["authority"] == authority]
    if not len(ranges):
        return None
    row = ranges.iloc[0]
    return ReferralRange(
        float(row["low"]),
        float(row["high"]),
        month_label(str(row["first_month"])),
        month_label(str(row["last_month"])),
    )


def profile(tables: dict[str, pd.DataFrame], authority: str, baseline_from: str) -> AuthorityTrends:
    """Every trend figure the pack has for one authority (:class:`AuthorityTrends`)."""
    cin, cin_history = _snapshots(series(tables["children_in_need"], authority), baseline_from)
    cla, cla_history = _snapshots(series(tables["looked_after_children"], authority), baseline_from)
    quarterly = tables["looked_after_starts_quarterly"]
    annual = counted(series(tables["looked_after_starts_annual"], authority))
    published = dict(zip(annual["year_ending"], values(annual), strict=True))
    exact = counted(series(tables["looked_after_starts_exact"], authority))
    contacts = series(tables["contacts"], authority, "contacts")
    known_contacts = values(contacts, "contacts") if len(contacts) else ()
    return AuthorityTrends(
        referrals=_referrals(tables, authority, baseline_from),
        cin=cin,
        cin_history=cin_history,
        cla=cla,
        cla_history=cla_history,
        starts_q=_quarterly_starts(quarterly, authority),
        starts_y=_yearly_starts(annual),
        starts_exact=tuple(
            ExactYear(int(year), year_label(int(year)), count, published.get(year))
            for year, count in zip(exact["year_ending"], values(exact), strict=True)
        ),
        older=_older(quarterly, authority),
        caseloads=_caseloads(tables["team_caseloads"], authority),
        missing=_missing(tables["missing_returns"], authority),
        contacts=Contacts(known_contacts, tuple(contacts.loc[contacts["contacts"].isna(), "label"]))
        if known_contacts
        else None,
        referral_range=_referral_range(tables["referral_ranges"], authority),
    )


def profiles(a: TrendsAssumptions, tables: dict[str, pd.DataFrame]) -> dict[str, AuthorityTrends]:
    """:func:`profile` of each authority the pack names, in pack order."""
    return {name: profile(tables, name, a.baseline_from) for name in pack_authorities(tables)}


@dataclass(frozen=True)
class YearCounts:
    """England's counts a year apart: the counts (``pd.NA`` where withheld), each one's year
    (31 March for children looked after, a year label for starts), and the change over the
    last year (None where there is a single count)."""

    counts: tuple[object, ...]
    years: tuple[object, ...]
    rise: object = None

    @property
    def withheld(self) -> bool:
        """Whether a count is withheld."""
        return not complete(self.counts)


@dataclass(frozen=True)
class Latest:
    """A comparator table's latest period (a year label or a month label) and each area's
    value in it: the authorities first, then the other areas in file order."""

    period: str
    values: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class Comparisons:
    """England's counts and the comparator tables; None where the pack has none."""

    england_cla: YearCounts | None = None
    england_starts: YearCounts | None = None
    #: What the published yearly starts shown are multiples of (:func:`rounding_base`).
    england_starts_rounding: int | None = None
    authority_starts_rounding: int | None = None
    #: Whether some of the authorities' published yearly starts are withheld.
    authority_starts_withheld: bool = False
    rereferral: Latest | None = None
    cla_rate: Latest | None = None


def _year_counts(rows: pd.DataFrame, years: tuple[object, ...]) -> YearCounts | None:
    if rows.empty:
        return None
    counts = values(rows)
    return YearCounts(counts, years, change(*counts[-2:]) if len(counts) > 1 else None)


def comparisons(tables: dict[str, pd.DataFrame]) -> Comparisons:
    """England's counts and the comparator tables (authorities first, then other areas),
    with the rounding of the published yearly starts shown (a withheld one is not
    described)."""
    names = pack_authorities(tables)
    cla = counted(series(tables["looked_after_children"], ENGLAND))
    annual = tables["looked_after_starts_annual"]
    starts = counted(series(annual, ENGLAND))
    shown = [v for v in values(starts) if not not_available(v)]
    others = annual[annual["area"] != ENGLAND]
    latest = {}
    for table, value, period in (
        ("re_referral_rates", "rate_pct", "year_ending"),
        ("looked_after_rates", "per_10000", "month"),
    ):
        frame = tables[table].dropna(subset=[value])
        if frame.empty:
            latest[table] = None
            continue
        rows = latest_comparison(frame, value, period, names)
        when = rows[period].iloc[0]
        latest[table] = Latest(
            year_label(int(when)) if period == "year_ending" else month_label(str(when)),
            tuple((str(a), float(v)) for a, v in zip(rows["area"], rows[value], strict=True)),
        )
    return Comparisons(
        england_cla=_year_counts(cla, tuple(int(d.year) for d in cla["date"])),
        england_starts=_year_counts(starts, tuple(starts["label"])),
        england_starts_rounding=rounding_base(shown) if shown else None,
        authority_starts_rounding=(
            rounding_base(others["children"].dropna()) if others["children"].notna().any() else None
        ),
        authority_starts_withheld=bool(withheld(others, "children").any()),
        rereferral=latest["re_referral_rates"],
        cla_rate=latest["looked_after_rates"],
    )


#: The report's figure ids, for each pilot authority: id -> generic name in
#: :meth:`AuthorityTrends.by_name`.
_BOTH = {
    "cin": "cin",
    "cin_change": "cin_change",
    "cla": "cla",
    "cla_change": "cla_change",
    "cla_starts_q": "starts_q",
    "cla_starts_y": "starts_y",
    "team_caseloads": "team_caseloads",
}
REPORT_IDS = {
    "hants": {
        **{f"trends.hants_{k}": v for k, v in _BOTH.items()},
        "trends.hants_referrals": "referrals",
        "trends.hants_mash": "mash",
        "trends.hants_referrals_rise": "referrals_rise",
        "trends.hants_mash_rise": "mash_rise",
        "trends.hants_cin_history": "cin_history",
        "trends.hants_starts_by_age_totals": "by_age_totals",
        "trends.hants_missing": "missing",
        "trends.hants_return_interviews": "return_interviews",
        "trends.hants_ri_share": "ri_share",
    },
    "iow": {
        **{f"trends.iow_{k}": v for k, v in _BOTH.items()},
        "trends.iow_contacts": "contacts",
        "trends.iow_referrals_monthly": "referrals_monthly",
        "trends.iow_starts_2014_15": "starts_exact_2015",
        # The report says "approximately 21-22 per month"; 86 a year is about 7 a month.
        # Its 21-22 is the number per quarter (``starts_exact_2015_quarterly``).
        "trends.iow_starts_2014_15_monthly": "starts_exact_2015_monthly",
        "trends.iow_starts_2015_16": "starts_exact_2016",
    },
}


def figures(a: TrendsAssumptions, tables: dict[str, pd.DataFrame]) -> dict[str, object]:
    """Every ``trends.*`` figure of the reference list the pack's data give.

    The authorities' figures are given for whichever of the report's pilot authorities the
    pack holds; England's and the comparator lists wherever the pack has them. Single
    figures are floats; figures the report states as a list (one per period or area) are
    tuples, in time or comparator order; team caseloads are (team, caseloads) pairs.
    Percentages are 0-100.
    """
    return figures_from(profiles(a, tables), comparisons(tables))


def figures_from(profiled: dict[str, AuthorityTrends], comp: Comparisons) -> dict[str, object]:
    """:func:`figures` from the authorities' trends and the comparisons, already worked out
    (the chapter works them out once for its figures, text and charts)."""
    by_authority = {name: p.by_name() for name, p in profiled.items()}
    out: dict[str, object] = report_ids(by_authority, REPORT_IDS)
    for name, counts in (
        ("england_cla", comp.england_cla),
        ("england_starts", comp.england_starts),
    ):
        if counts is not None:
            out[f"trends.{name}"] = counts.counts
            if counts.rise is not None:
                out[f"trends.{name}_rise"] = counts.rise
    for name, latest in (("rereferral", comp.rereferral), ("cla_rate", comp.cla_rate)):
        if latest is not None:
            out[f"trends.{name}"] = tuple(v for _, v in latest.values)
    return out


def area_key(area: str) -> str:
    """A short key for an area: 'hants' and 'iow' for the report's two pilot authorities,
    otherwise the name in lower case with underscores ('South East' becomes 'south_east')."""
    keys = {v: k for k, v in PILOT_AUTHORITIES.items()}
    return keys.get(area, re.sub(r"[^a-z0-9]+", "_", area.lower()).strip("_"))


def comparator_figures(tables: dict[str, pd.DataFrame]) -> dict[str, object]:
    """Each area's figure in the comparator tables, under ``trends.rereferral_<area>`` and
    ``trends.cla_rate_<area>``, with the period each refers to."""
    comp = comparisons(tables)
    out: dict[str, object] = {}
    for key, when, latest in (
        ("rereferral", "rereferral_year", comp.rereferral),
        ("cla_rate", "cla_rate_month", comp.cla_rate),
    ):
        if latest is not None:
            out[f"trends.{when}"] = latest.period
            for area, value in latest.values:
                out[f"trends.{key}_{area_key(area)}"] = value
    return out


def report_differences(figs: dict[str, object], reference: pd.DataFrame) -> pd.DataFrame:
    """The reference rows whose recomputed value differs from the report's by more than
    rounding: those the arithmetic audit grades "does not follow from its inputs" (its
    :func:`~evidencebook.chapters.audit.model.check`, item by item in a list), so this
    chapter and the audit say the same of each figure. A figure the report cut down rather
    than rounded (30.6% printed as 30%) is rounding, not a difference. Rows stated in words
    are skipped, and so are withheld figures. ``reference`` is the reference list (id, value,
    ...)."""
    from evidencebook.analysis.grading import DOES_NOT_FOLLOW, check

    rows = []
    for rec in reference.to_dict("records"):
        fid = rec["id"]
        if fid not in figs:
            continue
        try:
            parse_stated(rec["value"])
        except ValueError:
            continue  # stated in words, such as "per team"
        value = figs[fid]
        got = value if isinstance(value, tuple) else (value,)
        if all(not_available(g) for g in got):
            continue  # withheld: neither compared nor shown
        parts = str(rec["value"]).split(";") if len(got) > 1 else [str(rec["value"])]
        if len(parts) != len(got) and len(got) == 2 and len(parts) == 1:
            parts = re.split(r"(?<=\d)-(?=\d)", parts[0])  # a range given as its two ends
        differs = len(parts) != len(got) or any(
            check(s.strip(), float(g)).status == DOES_NOT_FOLLOW
            for s, g in zip(parts, got, strict=True)
            if not not_available(g)  # a withheld figure is not compared (nor shown)
        )
        if differs:
            rows.append(
                {"id": fid, "what": rec.get("what", ""), "report": rec["value"], "book": value}
            )
    return pd.DataFrame(rows, columns=["id", "what", "report", "book"])


def summary(a: TrendsAssumptions, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Each trend from its first to its last count: the counts, the periods and the change.

    Counts at a point in time (Children in Need, looked after, referrals) run from the
    baseline; quarterly and monthly flows run over the whole period; published annual
    figures compare the latest year with the year before. Rows are keyed by
    :func:`area_key` of the area; a trend with fewer than two counts is left out. A withheld
    first or last count is ``pd.NA``, and so is the change.
    """
    base = a.baseline_from
    names = pack_authorities(tables)
    starts_q = tables["looked_after_starts_quarterly"]
    starts_q = all_ages(starts_q)
    annual = tables["looked_after_starts_annual"]
    items: list[tuple[str, str, str, pd.DataFrame | None, str]] = []
    for area in names:
        ref = series(tables["referrals"], area, "referrals")
        ref = _since(ref, base, "referrals") if len(ref) else None
        key = area_key(area)
        items += [
            (f"{key}_referrals_all", "Referrals", area, ref, "referrals"),
            (f"{key}_mash_all", "Referrals through the MASH", area, ref, "mash_referrals"),
        ]
    for area in names:
        key = area_key(area)
        for table, prefix, measure in (
            ("children_in_need", "cin", "Children in Need"),
            ("looked_after_children", "cla", "Children looked after"),
        ):
            rows = counted(series(tables[table], area))
            items.append(
                (f"{key}_{prefix}_now", measure, area, _since(rows, base, "children"), "children")
            )
    items.append(
        (
            "england_cla_year",
            "Children looked after",
            ENGLAND,
            series(tables["looked_after_children"], ENGLAND).tail(2),
            "children",
        )
    )
    for area in names:
        items.append(
            (
                f"{area_key(area)}_starts_quarters",
                "Starts, by quarter",
                area,
                series(starts_q, area),
                "children",
            )
        )
    for area in [*names, ENGLAND]:
        rows = counted(series(annual, area)).tail(2)
        items.append(
            (f"{area_key(area)}_starts_year", "Starts, by year (published)", area, rows, "children")
        )
    caseloads = tables["team_caseloads"]
    for area in names:
        if (caseloads["authority"] == area).any():
            totals = caseload_totals(caseloads, area)
            items.append(
                (
                    f"{area_key(area)}_caseload_total",
                    "Team caseloads, all teams",
                    area,
                    totals,
                    "caseload",
                )
            )
    missing = tables["missing_returns"]
    for area in names:
        if (missing["authority"] == area).any():
            rows = return_interviews(missing, area)
            key = area_key(area)
            items += [
                (
                    f"{key}_missing_month",
                    "Children returning from going missing",
                    area,
                    rows,
                    "returning",
                ),
                (f"{key}_interviews_month", "Return interviews", area, rows, "return_interviews"),
            ]
    rows = []
    for key, measure, area, frame, value in items:
        if frame is None:
            continue
        # the counts shown or withheld (as ``counted`` and ``values``), read once as lists
        counts, labels = frame[value].tolist(), frame["label"].tolist()
        shut = withheld(frame, value).tolist()
        known = [
            i for i, (v, w) in enumerate(zip(counts, shut, strict=True)) if w or not pd.isna(v)
        ]
        if len(known) < 2:
            continue
        first, last = (pd.NA if shut[i] else float(counts[i]) for i in (known[0], known[-1]))
        rows.append(
            {
                "key": key,
                "measure": measure,
                "area": area,
                "from": labels[known[0]],
                "to": labels[known[-1]],
                "first": first,
                "last": last,
                "change_pct": change(first, last),
            }
        )
    out = pd.DataFrame(
        rows, columns=["key", "measure", "area", "from", "to", "first", "last", "change_pct"]
    )
    return out.astype({"first": "Float64", "last": "Float64", "change_pct": "Float64"})


def summary_figures(table: pd.DataFrame) -> dict[str, object]:
    """The summary as figures to glue: ``trends.<key>_from``, ``_to``, ``_first``, ``_last``
    and ``_pct`` for each row."""
    out: dict[str, object] = {}
    for rec in records(table):
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
    team caseloads as 'team: a / b / c', a withheld figure as "c", one that is not
    available as "x"."""
    if not_available(value):
        return missing_symbol(value)
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


def stated_figures(figs: dict[str, object], reference: pd.DataFrame) -> dict[str, object]:
    """The report's own values of the two figures the chapter's prose discusses (England's
    rise in children looked after, the Isle of Wight's starts "per month"), each withheld
    (``pd.NA``) where the book's is: beside the pack's counts it would give a withheld count
    away. ``reference`` is the reference list (id, value, ...)."""
    stated = reference.set_index("id")["value"]

    def beside(fid: str, value: object) -> object:
        return pd.NA if fid in figs and not_available(figs[fid]) else value

    return {
        "trends.england_cla_rise_stated": beside(
            "trends.england_cla_rise", parse_stated(stated["trends.england_cla_rise"])[-1]
        ),
        "trends.iow_monthly_stated": beside(
            "trends.iow_starts_2014_15_monthly", stated["trends.iow_starts_2014_15_monthly"]
        ),
    }


def summary_table(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`summary` as the chapter shows it: counts and changes as text, "c" where
    withheld, "x" where not available."""
    return (
        table.drop(columns="key")
        .assign(
            first=table["first"].map(_n),
            last=table["last"].map(_n),
            change_pct=table["change_pct"].map(lambda v: pct_text(v, "+.1f")),
        )
        .rename(columns={"change_pct": "change"})
    )


def check_table(compared: pd.DataFrame) -> pd.DataFrame:
    """The chapter's check table from :func:`evidencebook.analysis.figures.compare`: the
    book's values as text (:func:`check_text`), lists spaced out."""
    book = compared["book"].map(
        lambda v: (
            "not in this pack"
            if v is None or (isinstance(v, float) and pd.isna(v))
            else check_text(v)
        )
    )
    out = compared.assign(book=book, report=compared["report"].str.replace(";", "; "))
    return out[["what", "unit", "report", "book", "check", "where"]]
