"""How an authority compares: its published figures beside its statistical neighbours, its
region and England, with its rank and quartile among all authorities, as DfE's Local
Authority Interactive Tool (LAIT) shows them, and its direction of travel.

Everything here works on the tidy national table (``evidencebook.analysis.national.measures``:
one row per area, year and measure, with a status for figures that are withheld or not
available) and DfE's statistical neighbours, passed in, so it can be tested on small
hand-made tables. Figures that are not published (withheld, not available, or rounding to
nought) are never treated as numbers: they are left out of medians and ranks and named
where they would have been shown.

Rates, percentages, caseloads and spending per child can be compared between authorities of
different sizes; counts (children, referrals, social workers) cannot, so for a count the
chapter shows the authority's own series and compares its *change* with England's.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from evidencebook.analysis.common import capital, the
from evidencebook.analysis.formatting import markdown_escape

#: What a series is called in the chapter's tables and charts.
NEIGHBOURS_MEDIAN = "Statistical neighbours (median)"
NEIGHBOURS_RANGE = "Statistical neighbours (lowest to highest)"
ENGLAND = "England"
#: Statuses of figures that are numbers (others are withheld or not available): published,
#: or the council's own figure given in its pack (``authority_figures``), which wins.
PUBLISHED = "published"
COUNCIL = "council"
NUMBERS = (PUBLISHED, COUNCIL)
#: Status words for what is not a number.
STATUS_WORDS = {
    "withheld": "withheld to protect confidentiality",
    "low": "fewer than 5 or rounding to nought",
    "not_available": "not available",
}
#: Units that count things: not comparable between authorities of different sizes.
COUNT_UNITS = {"children", "referrals", "plans", "FTE"}
#: A change smaller than this (in per cent) is "about the same".
STEADY_PCT = 1.0
#: How many years back the direction of travel looks, at most.
TRAVEL_YEARS = 5


@dataclass(frozen=True)
class View:
    """One measure as the chapter shows it."""

    measure: str
    label: str  # as a table heading: "Children looked after per 10,000 children"
    unit: str  # the national table's unit, e.g. "per 10,000 children", "%", "children"
    decimals: int = 0
    better: str = ""  # "lower", "higher" or "" (none stated by DfE)

    @property
    def comparable(self) -> bool:
        """Whether the measure can be compared between authorities (not a count)."""
        return self.unit not in COUNT_UNITS

    def number(self, value: float) -> str:
        """A value as the text shows it: 1,234; 8.5%; £1,234; 85 per 10,000 children."""
        text = f"{value:,.{self.decimals}f}"
        if self.unit.startswith("%"):
            return text + "%"
        if self.unit.startswith("£"):
            return "£" + text
        return text


@dataclass(frozen=True)
class Standing:
    """An authority's latest published figure for one measure, and where it stands."""

    view: View
    year: int
    value: float
    #: Years and values of the authority's earlier published figures, oldest first.
    history: tuple[tuple[int, float], ...] = ()
    rank: int | None = None  # 1 = the highest figure of all authorities that year
    of: int | None = None
    quartile: int | None = None  # 1 = the highest quarter
    england: float | None = None
    region: float | None = None
    neighbours_median: float | None = None
    neighbours_low: float | None = None
    neighbours_high: float | None = None
    neighbours_n: int = 0
    #: Years after the latest published one in which the figure is not published, by status.
    not_published: dict[int, str] = field(default_factory=dict)
    #: England's change over the same years as ``travel`` (per cent), for counts.
    england_change: float | None = None
    travel_from: tuple[int, float] | None = None
    #: Whether the latest figure is the council's own (from its pack), not the published one.
    own: bool = False


def published(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows whose value is a published number."""
    return frame[frame["status"].isin(NUMBERS) & frame["value"].notna()]


def _area_values(
    frame: pd.DataFrame, measure: str, level: str, name: str | None = None
) -> pd.Series:
    """A region's (by name) or England's published figures, by year."""
    rows = published(frame)
    rows = rows[(rows["measure"] == measure) & (rows["geographic_level"] == level)]
    if name is not None:
        named = rows["la_name"].fillna("").eq(name) | rows["region_name"].fillna("").eq(name)
        rows = rows[named]
    rows = rows.drop_duplicates("year")
    return rows.set_index("year")["value"].sort_index()


def benchmark(
    frame: pd.DataFrame,
    view: View,
    code: str,
    neighbour_codes: list[str],
    region: str | None,
) -> pd.DataFrame:
    """Year by year: the authority's figure (or its status), its neighbours' median, lowest
    and highest (and how many had a figure), its region's and England's. Years in which
    nothing is published for the authority or England are left out."""
    rows = frame[frame["measure"] == view.measure]
    la = rows[(rows["geographic_level"] == "Local authority") & (rows["old_la_code"] == code)]
    la = la.set_index("year")
    near = published(rows)
    near = near[
        (near["geographic_level"] == "Local authority") & near["old_la_code"].isin(neighbour_codes)
    ]
    grouped = near.groupby("year")["value"]
    out = pd.DataFrame(
        {
            "authority": la["value"].where(la["status"].isin(NUMBERS)),
            "authority_status": la["status"],
            "neighbours_median": grouped.median(),
            "neighbours_low": grouped.min(),
            "neighbours_high": grouped.max(),
            "neighbours_n": grouped.count(),
            "region": _area_values(frame, view.measure, "Regional", region) if region else None,
            "england": _area_values(frame, view.measure, "National"),
        }
    )
    out = out[out["authority_status"].notna() | out["england"].notna()]
    out["neighbours_n"] = out["neighbours_n"].fillna(0).astype(int)
    return out.rename_axis("year").reset_index()


def rank(frame: pd.DataFrame, measure: str, year: int, code: str) -> tuple[int, int] | None:
    """The authority's rank among every authority with a published figure that year (1 is
    the highest; equal figures share the better rank), and how many there were."""
    rows = published(frame)
    rows = rows[
        (rows["measure"] == measure)
        & (rows["year"] == year)
        & (rows["geographic_level"] == "Local authority")
    ]
    if code not in set(rows["old_la_code"]):
        return None
    ranks = rows.set_index("old_la_code")["value"].rank(ascending=False, method="min")
    return int(ranks[code]), len(rows)


def quartile(position: int, of: int) -> int:
    """The quarter a rank falls in: 1 for the highest quarter, 4 for the lowest."""
    return min(4, math.ceil(4 * position / of))


def standing(
    frame: pd.DataFrame,
    view: View,
    code: str,
    neighbour_codes: list[str],
    region: str | None,
    table: pd.DataFrame | None = None,
) -> Standing | None:
    """The authority's latest published figure and where it stands; None if it has none.
    ``table`` is its :func:`benchmark` (worked out here if not given)."""
    if table is None:
        table = benchmark(frame, view, code, neighbour_codes, region)
    shown = table[table["authority"].notna()]
    if shown.empty:
        return None
    latest = shown.iloc[-1]
    year = int(latest["year"])
    later = table[(table["year"] > year) & table["authority_status"].notna()]
    history = tuple(
        (int(y), float(v)) for y, v in zip(shown["year"], shown["authority"], strict=True)
    )[:-1]
    earlier = [h for h in history if h[0] >= year - TRAVEL_YEARS]
    travel_from = earlier[0] if earlier else None
    england_change = None
    if travel_from is not None:
        eng = table.set_index("year")["england"]
        before, now = eng.get(travel_from[0]), eng.get(year)
        if before and now is not None and not pd.isna(before) and not pd.isna(now):
            england_change = 100 * (float(now) - float(before)) / float(before)
    placed = rank(frame, view.measure, year, code) if view.comparable else None
    neighbours_n = int(latest["neighbours_n"])

    def num(key: str) -> float | None:
        value = latest[key]
        return None if value is None or pd.isna(value) else float(value)

    return Standing(
        view=view,
        year=year,
        value=float(latest["authority"]),
        history=history,
        rank=placed[0] if placed else None,
        of=placed[1] if placed else None,
        quartile=quartile(*placed) if placed else None,
        england=num("england"),
        region=num("region"),
        neighbours_median=num("neighbours_median") if neighbours_n else None,
        neighbours_low=num("neighbours_low") if neighbours_n else None,
        neighbours_high=num("neighbours_high") if neighbours_n else None,
        neighbours_n=neighbours_n,
        not_published=dict(
            zip(later["year"].astype(int), later["authority_status"].astype(str), strict=True)
        ),
        england_change=england_change,
        travel_from=travel_from,
        own=latest["authority_status"] == COUNCIL,
    )


# --- words ---------------------------------------------------------------------------------


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st..."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


QUARTER_WORDS = {
    1: "the highest quarter",
    2: "the second-highest quarter",
    3: "the second-lowest quarter",
    4: "the lowest quarter",
}


def change_pct(before: float, after: float) -> float | None:
    return None if before == 0 else 100 * (after - before) / before


def travel_words(change: float | None) -> str:
    """'rose by 12%', 'fell by 3%', 'was about the same' (within 1%)."""
    if change is None:
        return "changed from nought"
    if abs(change) < STEADY_PCT:
        return "was about the same"
    return f"{'rose' if change > 0 else 'fell'} by {abs(change):.0f}%"


def change_noun(change: float) -> str:
    """'a rise of 12%', 'a fall of 3%', 'little change' (within 1%)."""
    if abs(change) < STEADY_PCT:
        return "little change"
    return f"{'a rise' if change > 0 else 'a fall'} of {abs(change):.0f}%"


#: Measures counted over a year (the others are counted on a day).
DURING_YEAR = {
    "cla_starts", "cla_starts_rate", "cla_ceased", "cla_ceased_rate", "referrals",
    "referral_rate", "rereferral_rate", "cpp_starts", "cpp_subsequent_rate", "turnover_rate",
    "absence_rate",
}  # fmt: skip
#: Measures of the workforce, counted at (or in the year to) 30 September.
WORKFORCE = {
    "sw_fte",
    "sw_caseload",
    "agency_rate",
    "turnover_rate",
    "vacancy_rate",
    "absence_rate",
}


def short_year(view: View, year: int) -> str:
    """A year as a table or a later mention names it: 2025, or 2024-25 for spending."""
    if view.unit.startswith("£"):
        return f"{year - 1}-{str(year)[-2:]}"
    return str(year)


def year_text(view: View, year: int) -> str:
    """When a figure was counted, in full: "at 31 March 2025", "in the year to 30 September
    2025", "in 2024-25" (spending, by financial year)."""
    if view.unit.startswith("£"):
        return f"in {short_year(view, year)}"
    day = "30 September" if view.measure in WORKFORCE else "31 March"
    if view.measure in DURING_YEAR:
        return f"in the year to {day} {year}"
    return f"at {day} {year}"


def change_text(view: View, before: float, after: float) -> str:
    """The change between two figures in words: a percentage's change in percentage points
    ('rose by 2.1 percentage points'), any other's in per cent ('fell by 9%')."""
    if view.unit.startswith("%"):
        points = after - before
        if abs(points) < 0.05:
            return "was about the same"
        word = "rose" if points > 0 else "fell"
        return f"{word} by {abs(points):.1f} percentage points"
    return travel_words(change_pct(before, after))


def standing_text(st: Standing, name: str, region: str | None, escape: bool = True) -> str:
    """Plain-English sentences for one measure, written from the data, with the year of
    every figure and the number of neighbours behind the median. Names are escaped for
    Markdown unless ``escape`` is False (plain text, for a chart's description)."""
    v = st.view
    who = markdown_escape(name) if escape else name
    when = year_text(v, st.year)
    own = " (the council's own figure)" if st.own else ""
    parts = [f"{capital(v.label)}: {who} {v.number(st.value)}{own} {when}"]
    if v.comparable:
        against = []
        if st.neighbours_n:
            spread = (
                f"median {v.number(st.neighbours_median)}, from {v.number(st.neighbours_low)} "
                f"to {v.number(st.neighbours_high)}"
            )
            against.append(f"its {st.neighbours_n} statistical neighbours with a figure ({spread})")
        if region and st.region is not None:
            against.append(f"{the(region, escape)} {v.number(st.region)}")
        if st.england is not None:
            against.append(f"England {v.number(st.england)}")
        if against:
            parts[0] += "; " + "; ".join(against)
        parts[0] += "."
        if st.rank is not None:
            parts.append(
                f"That was the {ordinal(st.rank)} highest of the {st.of} authorities with a "
                f"figure, in {QUARTER_WORDS[st.quartile]}."
            )
    else:
        parts[0] += "."
    if st.travel_from is not None:
        year, value = st.travel_from
        sentence = (
            f"In {short_year(v, year)} it was {v.number(value)}; since then it "
            f"{change_text(v, value, st.value)}"
        )
        if st.england_change is not None and not v.comparable:
            sentence += f", against {change_noun(st.england_change)} in England"
        parts.append(sentence + ".")
    for year, status in st.not_published.items():
        parts.append(f"The figure for {short_year(v, year)} is {STATUS_WORDS.get(status, status)}.")
    return " ".join(parts)


def missing_text(view: View, name: str) -> str:
    """The sentence shown where the authority has no published figure for a measure."""
    return (
        f"{capital(view.label)}: no figure has been published for {markdown_escape(name)} in "
        "the years the national files cover."
    )


def summary_row(st: Standing, name: str) -> dict[str, object]:
    """One row of the chapter's summary table."""
    v = st.view
    shown = v.comparable  # a count is not set beside other areas' counts
    since = None
    if st.travel_from is not None:
        year, value = st.travel_from
        change = change_pct(value, st.value)
        if v.unit.startswith("%"):
            since = f"{st.value - value:+.1f} points since {short_year(v, year)}"
        elif change is not None and round(change) == 0:
            since = f"about the same as in {short_year(v, year)}"
        elif change is not None:
            since = f"{change:+.0f}% since {short_year(v, year)}"
    return {
        "measure": v.label,
        "unit": v.unit,
        "when": year_text(v, st.year),
        name: round(st.value, v.decimals),
        "neighbours (median)": _rounded(st.neighbours_median, v.decimals) if shown else None,
        "neighbours (lowest to highest)": (
            f"{v.number(st.neighbours_low)} to {v.number(st.neighbours_high)}"
            if st.neighbours_n and shown
            else None
        ),
        "region": _rounded(st.region, v.decimals) if shown else None,
        "England": _rounded(st.england, v.decimals) if shown else None,
        "rank (1 = highest)": f"{st.rank} of {st.of}" if st.rank is not None else None,
        "quartile (1 = highest)": st.quartile,
        "change": since,
    }


def _rounded(value: float | None, decimals: int) -> float | None:
    return None if value is None else round(value, decimals)


# --- the chapter ----------------------------------------------------------------------------

#: The chapter's sections: a heading and its measures (national table ids, decimals shown).
SECTIONS: tuple[tuple[str, tuple[tuple[str, int], ...]], ...] = (
    (
        "Children looked after",
        (("cla_rate", 0), ("cla_starts_rate", 0), ("cla_ceased_rate", 0), ("cla_count", 0),
         ("cla_starts", 0), ("cla_ceased", 0)),
    ),
    (
        "Children in need, referrals and re-referrals",
        (("cin_rate", 0), ("referral_rate", 0), ("rereferral_rate", 1), ("cin_count", 0),
         ("referrals", 0)),
    ),
    ("Child protection plans", (("cpp_rate", 0), ("cpp_subsequent_rate", 1), ("cpp_count", 0))),
    (
        "The children's social work workforce",
        (("sw_caseload", 1), ("agency_rate", 1), ("turnover_rate", 1), ("vacancy_rate", 1),
         ("absence_rate", 1), ("sw_fte", 0)),
    ),
    ("Spending on children looked after", (("lac_spend_per_child_week", 0),)),
)  # fmt: skip


@dataclass(frozen=True)
class Measured:
    """One measure of the chapter: its view, standing (None when nothing is published),
    year-by-year table, and sentences."""

    view: View
    standing: Standing | None
    table: pd.DataFrame
    text: str


@dataclass(frozen=True)
class Comparison:
    """Everything the comparison chapter shows for one authority."""

    code: str
    name: str
    region: str | None
    neighbours: pd.DataFrame  # rank, codes, name, region, closeness
    neighbour_vintage: str
    sections: tuple[tuple[str, tuple[Measured, ...]], ...]
    series_note: str
    figures: dict[str, object]

    def summary(self) -> pd.DataFrame:
        """One row per measure with a published figure: the chapter's summary table."""
        rows = [
            summary_row(m.standing, self.name)
            for _, measured in self.sections
            for m in measured
            if m.standing is not None
        ]
        table = pd.DataFrame(rows)
        if len(table):
            table["quartile (1 = highest)"] = table["quartile (1 = highest)"].astype("Int64")
        return table


def views() -> dict[str, View]:
    """Every measure the chapter shows, described from the national table's catalogue."""
    from evidencebook.analysis import national

    out = {}
    for _, measures in SECTIONS:
        for measure, decimals in measures:
            m = national.MEASURES[measure]
            out[measure] = View(measure, m.label, m.unit, decimals, m.better)
    return out


def with_own_figures(frame: pd.DataFrame, code: str, own: pd.DataFrame | None) -> pd.DataFrame:
    """The national table with the council's own figures (``authority_figures``: measure,
    year, value, source) in place of the published ones for the same measure and year,
    marked with the status ``council`` and the council's source."""
    if own is None or own.empty:
        return frame
    is_la = (frame["geographic_level"] == "Local authority") & (frame["old_la_code"] == code)
    keys = set(zip(own["measure"], own["year"].astype(int), strict=True))
    pairs = zip(frame["measure"], frame["year"], strict=True)
    replaced = is_la & pd.Series([(m, int(y)) in keys for m, y in pairs], index=frame.index)
    template = frame[is_la].iloc[0] if is_la.any() else None
    rows = pd.DataFrame(
        {
            "old_la_code": code,
            "new_la_code": None if template is None else template["new_la_code"],
            "la_name": None if template is None else template["la_name"],
            "region_name": None if template is None else template["region_name"],
            "geographic_level": "Local authority",
            "year": own["year"].astype(int).to_numpy(),
            "time_period": own["year"].astype(int).astype(str).to_numpy(),
            "measure": own["measure"].astype(str).to_numpy(),
            "value": own["value"].astype(float).to_numpy(),
            "status": COUNCIL,
            "source": ("council: " + own["source"].astype(str)).to_numpy(),
        }
    )
    return pd.concat([frame[~replaced], rows[list(frame.columns)]], ignore_index=True)


def compute(
    la: str,
    vintage: str = "2025",
    frame: pd.DataFrame | None = None,
    own: pd.DataFrame | None = None,
) -> Comparison:
    """The comparison for one authority (DfE code, ONS code or name), against DfE's
    statistical neighbours of ``vintage``, from the national table (or ``frame``), with
    the council's own figures (``own``, its pack's ``authority_figures``) winning."""
    from evidencebook.analysis import national

    found = national.find_authority(la)
    code, name = str(found["old_la_code"]), str(found["la_name"])
    region = found.get("region_name") or None
    frame = national.measures() if frame is None else frame
    frame = with_own_figures(frame, code, own)
    near = national.neighbours(code, vintage)
    codes = [str(c) for c in near["old_la_code"]]
    all_views = views()
    # Each measure's rows of the national table, found once: every step below reads one
    # measure's rows, and finding them in the whole table each time was most of the time.
    by_measure = dict(tuple(frame.groupby("measure", sort=False)))
    sections = []
    for heading, measures in SECTIONS:
        measured = []
        for measure, _ in measures:
            view = all_views[measure]
            rows = by_measure.get(view.measure, frame.iloc[0:0])
            table = benchmark(rows, view, code, codes, region)
            st = standing(rows, view, code, codes, region, table)
            text = standing_text(st, name, region) if st else missing_text(view, name)
            measured.append(Measured(view, st, table, text))
        sections.append((heading, tuple(measured)))
    ranked = [m.standing for _, ms in sections for m in ms if m.standing and m.standing.rank]
    figures = {
        "compare_authority": name,
        "compare_the_authority": the(name, escape=False),  # "Leeds", "the Isle of Wight"
        "compare_region": region or "",
        "compare_neighbours_n": len(codes),
        "compare_vintage": vintage,
        "compare_measures_n": sum(1 for _, ms in sections for m in ms if m.standing),
        "compare_ranked_n": len(ranked),
        "compare_latest_year": max((s.year for s in ranked), default=0),
    }
    return Comparison(
        code=code,
        name=name,
        region=region,
        neighbours=near,
        neighbour_vintage=vintage,
        sections=tuple(sections),
        series_note=national.series_note(code),
        figures=figures,
    )


def chart_data(m: Measured, name: str, region: str | None) -> pd.DataFrame:
    """The data behind a measure's chart, with plain column names (status words where the
    authority's figure is not published)."""
    table = m.table.copy()
    status = table["authority_status"].map(lambda s: STATUS_WORDS.get(s, "") if s else "")
    table["source of figure"] = table["authority_status"].map(
        {PUBLISHED: "published", COUNCIL: "council's own"}
    )
    table["authority"] = (
        table["authority"]
        .astype(object)
        .where(table["authority"].notna(), status.where(status != "", None))
    )
    columns = {
        "year": "year",
        "authority": name,
        "neighbours_median": NEIGHBOURS_MEDIAN,
        "neighbours_low": "neighbours, lowest",
        "neighbours_high": "neighbours, highest",
        "neighbours_n": "neighbours with a figure",
        "region": region or "region",
        "england": ENGLAND,
        "source of figure": f"source of {name}'s figure",
    }
    keep = [c for c in columns if c in table and not (c == "region" and not region)]
    return table[keep].rename(columns=columns)


def chart_description(m: Measured, name: str, region: str | None) -> str:
    """The chart's text description: what it shows, and each line's first and latest
    figures (the sentences above the chart give the latest year in full)."""
    first, last = int(m.table["year"].min()), int(m.table["year"].max())
    shown = [name, "its statistical neighbours' median and range"]
    if region:
        shown.append(region)
    shown.append("England")
    head = (
        f"Line chart of {m.view.label[:1].lower() + m.view.label[1:]} ({m.view.unit}), "
        f"{short_year(m.view, first)} to {short_year(m.view, last)}: "
        + ", ".join(shown[:-1])
        + f" and {shown[-1]}."
    )
    series = []
    for column, label in (
        ("authority", name),
        ("neighbours_median", "Statistical neighbours' median"),
        ("region", region),
        ("england", ENGLAND),
    ):
        if not label or column not in m.table:
            continue
        values = m.table[["year", column]].dropna()
        if len(values):
            points = [values.iloc[0], values.iloc[-1]] if len(values) > 1 else [values.iloc[0]]
            said = "; ".join(
                f"{short_year(m.view, int(p['year']))} {m.view.number(float(p[column]))}"
                for p in points
            )
            series.append(f"{label}: {said}")
    return head + " First and latest figures: " + ". ".join(series) + "."


def show_section(result: Comparison, heading: str) -> None:
    """Show one section: for each measure its sentences, then (for a measure that can be
    compared between authorities) its chart with description and data, downloadable."""
    from IPython.display import Markdown, display

    from evidencebook.analysis import charts

    for title, measured in result.sections:
        if title != heading:
            continue
        for m in measured:
            display(Markdown(m.text))
            if m.standing is None or not m.view.comparable or m.table.empty:
                continue
            title = charts.wrap_title(capital(m.view.label))
            fig = charts.benchmark_lines(m.table, result.name, result.region, title, m.view.unit)
            charts.show(
                fig,
                chart_description(m, result.name, result.region),
                chart_data(m, result.name, result.region),
            )


def neighbours_table(result: Comparison) -> pd.DataFrame:
    """The statistical neighbours, closest first, as the chapter lists them."""
    near = result.neighbours
    return pd.DataFrame(
        {
            "rank": near["rank"],
            "authority": near["la_name"],
            "region": near["region_name"],
            "DfE code": near["old_la_code"],
            "closeness": near["closeness"],
        }
    )


def show_table(frame: pd.DataFrame, title: str) -> None:
    """Show a table (every value escaped, blanks for figures not shown) with its CSV
    download when the book is being built."""
    from IPython.display import HTML, display

    from evidencebook.analysis import downloads, tabular

    table = tabular.html_table(frame, "dataframe evb-table", blank="")
    display(HTML(table + downloads.save(frame, title)))


def show_neighbours(result: Comparison) -> None:
    show_table(neighbours_table(result), f"Statistical neighbours of {result.name}")


def summary_display(result: Comparison) -> pd.DataFrame:
    """The summary as the page shows it: each figure formatted with its unit, the
    neighbours' median with their range, rank with quarter; blank where not compared."""
    rows = []
    for _, measured in result.sections:
        for m in measured:
            st, v = m.standing, m.view
            if st is None:
                continue
            compared = v.comparable
            near = (
                f"{v.number(st.neighbours_median)} ({v.number(st.neighbours_low)} to "
                f"{v.number(st.neighbours_high)})"
                if compared and st.neighbours_n
                else ""
            )
            rank = (
                f"{st.rank} of {st.of} ({ordinal(st.quartile)} quarter)"
                if st.rank is not None
                else ""
            )
            rows.append(
                {
                    "measure": capital(v.label),
                    "year": short_year(v, st.year),
                    result.name: v.number(st.value) + (" (council's own)" if st.own else ""),
                    "neighbours: median (range)": near,
                    result.region or "region": (
                        v.number(st.region) if compared and st.region is not None else ""
                    ),
                    ENGLAND: v.number(st.england) if compared and st.england is not None else "",
                    "rank (1 = highest)": rank,
                    "change": summary_row(st, result.name)["change"] or "",
                }
            )
    return pd.DataFrame(rows)


def show_summary(result: Comparison) -> None:
    """The summary table as the page shows it, with the figures as numbers to download."""
    from IPython.display import HTML, display

    from evidencebook.analysis import downloads, tabular

    table = tabular.html_table(summary_display(result), "dataframe evb-table")
    display(HTML(table + downloads.save(result.summary(), f"How {result.name} compares")))


def show_series_note(result: Comparison) -> None:
    """The note on the authority's series: where it starts or stops, and why (boundary
    changes); nothing when its series is whole."""
    from IPython.display import Markdown, display

    if result.series_note:
        display(Markdown(markdown_escape(result.series_note)))


def key_results(result: Comparison) -> pd.DataFrame:
    """The chapter's key results, for its regression check: each measure's latest year,
    value, rank and neighbours' median."""
    rows = [
        {
            "measure": m.view.measure,
            "year": m.standing.year,
            "value": round(m.standing.value, m.view.decimals),
            "rank": m.standing.rank,
            "of": m.standing.of,
            "neighbours_median": _rounded(m.standing.neighbours_median, m.view.decimals),
        }
        for _, measured in result.sections
        for m in measured
        if m.standing is not None
    ]
    return pd.DataFrame(rows).astype({"rank": "Int64", "of": "Int64"})
