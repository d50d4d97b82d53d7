"""The report against the published record: each count and rate the report gives for a year
that DfE also publishes (children looked after and starting to be looked after, children in
need, looked-after rates, re-referral rates), set beside DfE's published figure.

The report takes some of these from "Government Data Collection and Statistical Returns",
others from the councils' own records ("Source: Hampshire County Council"): the comparison
says which, and never calls a difference a mistake. A figure DfE first published and later
revised is compared with both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from evidencebook.exceptions import EvidenceBookError

#: Where the report says each table's figures come from (the "Source:" line under it).
REPORT_SOURCES = {
    "Table 9": "Hampshire County Council",
    "Table 10": "Hampshire County Council",
    "Table 11": "Government Data Collection and Statistical Returns",
    "Table 13": "Government Data Collection and Statistical Returns",
    "Table 18": "Isle of Wight Council",
    "Table 19": "Isle of Wight Council",
    "Table 21": "Isle of Wight Council",
}
#: A figure in the report's text (not a table) that it calls published.
TEXT_SOURCE = "the report's text (a published figure)"
#: A difference from the published figure smaller than this share (per cent) is "small".
SMALL_PCT = 5.0


@dataclass(frozen=True)
class Check:
    """One kind of figure to check: a pack table and the published measure it matches."""

    table: str
    value: str  # the table's column holding the report's figure
    period: str  # its column holding the year ending 31 March, or a month (YYYY-MM)
    area: str  # its column naming the area
    measure: str  # the national table's measure
    what: str  # in words
    decimals: int = 0  # the report's precision: published figures are rounded to it


CHECKS = (
    Check(
        "looked_after_starts_annual", "children", "year_ending", "area", "cla_starts",
        "children starting to be looked after in the year to 31 March",
    ),
    Check(
        "looked_after_children", "children", "month", "area", "cla_count",
        "children looked after at 31 March",
    ),
    Check(
        "looked_after_rates", "per_10000", "month", "area", "cla_rate",
        "children looked after at 31 March per 10,000 children",
    ),
    Check(
        "children_in_need", "children", "month", "authority", "cin_count",
        "children in need at 31 March",
    ),
    Check(
        "re_referral_rates", "rate_pct", "year_ending", "area", "rereferral_rate",
        "re-referrals within 12 months (% of referrals) in the year to 31 March",
    ),
)  # fmt: skip


def _year(period: object) -> int | None:
    """The year ending 31 March a period stands for: a year as given, or a March month;
    None for any other month (DfE counts on 31 March only)."""
    text = str(period)
    if re.fullmatch(r"\d{4}", text):
        return int(text)
    match = re.fullmatch(r"(\d{4})-03", text)
    return int(match.group(1)) if match else None


def _report_source(source: str) -> str:
    table = re.match(r"Table \d+", str(source))
    if table:
        return REPORT_SOURCES.get(table.group(0), "not stated")
    return TEXT_SOURCE


@dataclass(frozen=True)
class _Published:
    """A frame of national statistics (one measure) read once for :func:`published_record`:
    the first published figure and its source file in frame order, by area and year, and the
    regions the frame names. An area is ``("National", "")``, ``("Regional", region name)``
    or ``("Local authority", old DfE code)`` (see :func:`_area`)."""

    figures: dict[tuple[str, object, object], tuple[float, str]]
    regions: frozenset[str]

    @classmethod
    def of(cls, frame: pd.DataFrame, years: set[int]) -> _Published:
        """``frame``'s published figures for ``years`` (the years a pack's table asks for)."""
        regions = frame.loc[frame["geographic_level"] == "Regional", "region_name"]
        keep = frame["year"].isin(years) & (frame["status"] == "published")
        rows = frame[keep.to_numpy(dtype=bool, na_value=False)]
        figures: dict[tuple[str, object, object], tuple[float, str]] = {}
        for level, region, code, year, value, source in zip(
            rows["geographic_level"],
            rows["region_name"],
            rows["old_la_code"],
            rows["year"],
            rows["value"],
            rows["source"],
            strict=True,
        ):
            where = region if level == "Regional" else code if level == "Local authority" else ""
            figures.setdefault((level, where, year), (float(value), str(source)))
        return cls(figures, frozenset(regions))

    def figure(self, area: tuple[str, str], year: int) -> tuple[float | None, str]:
        """The area's published figure for the year and its source; (None, "") if none."""
        return self.figures.get((*area, year), (None, ""))


def _area(
    published: _Published, area: str, codes: dict[str, str | None] | None = None
) -> tuple[str, str] | None:
    """An area named as the report names it (an authority, a region or England) as
    :class:`_Published` keys its figures; None when the published statistics have no such
    area. ``codes`` keeps each authority's DfE code once found (None: no such authority),
    for the next row naming it."""
    from evidencebook.analysis import national

    if area == "England":
        return ("National", "")
    if area in published.regions:
        return ("Regional", area)
    codes = {} if codes is None else codes
    if area not in codes:
        try:
            codes[area] = str(national.find_authority(area, include_former=False)["old_la_code"])
        except EvidenceBookError:
            codes[area] = None
    code = codes[area]
    return None if code is None else ("Local authority", code)


def published_record(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every figure of ``tables`` (the trends tables of a pack) that DfE publishes for the
    same area and year, beside the published figure: the one first published (the
    Statistical First Release of that year, where there is one) and the latest."""
    from evidencebook.analysis import national

    rows = []
    codes: dict[str, str | None] = {}  # each authority found once (``_area``)
    for check in CHECKS:
        table = tables.get(check.table)
        if table is None or table.empty:
            continue
        years = {y for y in map(_year, table[check.period]) if y is not None}
        latest_all = _Published.of(national.measures(check.measure), years)
        every = national.observations(check.measure)
        files = [str(f) for f in every["source"].dropna().unique()]  # the source files
        first_releases: dict[int, _Published] = {}  # each year's own release, read once
        for rec in table.to_dict("records"):
            year = _year(rec[check.period])
            if year is None or pd.isna(rec[check.value]):
                continue  # another month; or a count withheld in this copy of the book
            area = str(rec[check.area])
            latest_area = _area(latest_all, area, codes)
            if latest_area is None:
                continue  # an area the published statistics do not have
            latest, latest_source = latest_all.figure(latest_area, year)
            if year not in first_releases:
                own = [f for f in files if f.startswith(f"sfr{year}_")]  # that year's SFR
                release = every[every["source"].isin(own).to_numpy(dtype=bool)]
                first_releases[year] = _Published.of(release, {year})
            sfr = first_releases[year]
            sfr_area = _area(sfr, area, codes)
            first, first_source = sfr.figure(sfr_area, year) if sfr_area else (None, "")
            rows.append(
                {
                    "what": check.what,
                    "area": area,
                    "year": year,
                    "report": float(rec[check.value]),
                    "report_table": str(rec["source"]),
                    "report_source": _report_source(str(rec["source"])),
                    "first_published": first,
                    "first_source": first_source,
                    "published": latest,
                    "published_source": latest_source,
                    "decimals": check.decimals,
                }
            )
    out = pd.DataFrame(rows)
    if out.empty:
        return out
    out["result"] = [_result(r) for r in out.to_dict("records")]
    return out


def _same(report: float, published: float | None, decimals: int) -> bool:
    return published is not None and round(published, decimals) == round(report, decimals)


def _result(row: dict) -> str:
    """In words: matches, matches as first published, or differs (by how much)."""
    report, latest, first = row["report"], row["published"], row["first_published"]
    if latest is None and first is None:
        return "not published"
    exact = report == latest or report == first
    if _same(report, latest, row["decimals"]) or _same(report, first, row["decimals"]):
        if report == latest or (first is None and exact):
            return "matches"
        if report == first:
            return "matches the figure first published (since revised)"
        return "matches after rounding"
    published = latest if latest is not None else first
    gap = report - published
    pct = 100 * gap / published
    size = "slightly" if abs(pct) < SMALL_PCT else "materially"
    shown_pct = f"{pct:+.2f}%" if abs(pct) < 0.1 else f"{pct:+.1f}%"
    return f"differs {size} by {gap:+,.{row['decimals']}f} ({shown_pct})"


def differing(record: pd.DataFrame, size: str = "") -> pd.DataFrame:
    """The rows where the report and the published record differ (``size``: "slightly"
    or "materially" for only those)."""
    if record.empty:
        return record
    return record[record["result"].str.startswith(f"differs {size}".strip())]


def summary(record: pd.DataFrame) -> dict[str, int]:
    """Counts for the chapter's text: checked, matching, differing slightly and materially."""
    if record.empty:
        return {"record.checked": 0, "record.matches": 0, "record.small": 0, "record.large": 0}
    small, large = differing(record, "slightly"), differing(record, "materially")
    return {
        "record.checked": len(record),
        "record.matches": len(record) - len(small) - len(large),
        "record.small": len(small),
        "record.large": len(large),
    }


def _number(value: float, decimals: int) -> str:
    return f"{value:,.{decimals}f}"


def record_text(record: pd.DataFrame) -> str:
    """The section's summary in words: how many figures were checked, how many match, how
    many differ slightly (under 2%) and, one by one, those that differ materially, with the
    published figure and the report's stated source; and one example of DfE revising a
    figure after first publishing it, where the files show one."""
    from evidencebook.analysis.formatting import markdown_escape as esc

    if record.empty:
        return "This pack has no figures that DfE also publishes, so none is checked here."
    counts = summary(record)
    lines = [
        f"Of the {counts['record.checked']} figures the report gives that DfE also publishes "
        f"for the same area and year, {counts['record.matches']} match the published record "
        f"(as first published or as revised, to the report's precision), "
        f"{counts['record.small']} differ by less than {SMALL_PCT:g}% and "
        f"{counts['record.large']} differ by more."
    ]
    large = differing(record, "materially")
    if len(large):
        lines += ["", "The larger differences:", ""]
        for row in large.to_dict("records"):
            d = row["decimals"]
            published = row["published"] if row["published"] is not None else row["first_published"]
            lines.append(
                f"- {esc(row['area'])}, {esc(row['what'])} {row['year']}: the report gives "
                f"{_number(row['report'], d)} ({esc(row['report_table'])}; its stated source: "
                f"{esc(row['report_source'])}); DfE publishes {_number(published, d)}."
            )
    revised = record[
        record["first_published"].notna()
        & record["published"].notna()
        & (record["first_published"] != record["published"])
    ]
    if len(revised):
        row = revised.iloc[0]
        lines += [
            "",
            f"DfE revises earlier years in later releases: for example, {esc(row['area'])}'s "
            f"{esc(row['what'])} {row['year']} was first published as "
            f"{_number(row['first_published'], row['decimals'])} and is now "
            f"{_number(row['published'], row['decimals'])}. A figure the report took from a "
            "release between the two may differ slightly from both.",
        ]
    return "\n".join(lines)


def shown(record: pd.DataFrame) -> pd.DataFrame:
    """The comparison as the page's table shows it."""
    if record.empty:
        return record
    return pd.DataFrame(
        {
            "area": record["area"],
            "figure": record["what"],
            "year to 31 March": record["year"],
            "report": record["report"],
            "report's table": record["report_table"],
            "report's stated source": record["report_source"],
            "first published": record["first_published"],
            "latest published": record["published"],
            "result": record["result"],
        }
    )
