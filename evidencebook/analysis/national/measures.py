"""Published measures for England, its regions and every local authority, as one tidy table.

Each row of :func:`measures` is one measure for one area and one year:

========================  ================================================================
column                    meaning
========================  ================================================================
``old_la_code``           DfE's three-digit authority code as text ("850"); <NA> for England
                          and regions. The stable key of an authority: it did not change
                          when an ONS code did (Buckinghamshire, North Yorkshire, Somerset)
``new_la_code``           the authority's ONS code, the latest it has had (E10000014); for a
                          region its ONS region code where the files give one; England
                          E92000001
``la_name``               the authority's latest name; <NA> for England and regions
``region_name``           the authority's region (as DfE's latest files name it, London
                          split into Inner and Outer London), or the region's own name
``geographic_level``      "Local authority", "Regional" or "National"
``year``                  int: the year the figure belongs to, as DfE and LAIT label it.
                          For the looked-after, children-in-need and child-protection
                          measures that is the year ending 31 March (2016 = April 2015 to
                          March 2016, or 31 March 2016); for the workforce it is DfE's
                          reporting year (to 30 September of that year); for spend the
                          financial year ending in March (2016-17 is 2017); for the child
                          population the year ending 31 March whose rates DfE works out
                          from it (the mid-year estimate of the June before: ONS mid-2024
                          is 2025). ``MEASURES[m].reference`` says which
``time_period``           the period exactly as the file wrote it ("2016", "2016-17 (OT)")
``measure``               a short stable id, a key of :data:`MEASURES`
``value``                 float; NaN whenever the file gives no number
``status``                "published" (a number), "withheld" (c: confidential), "low" (k,
                          low or ~: rounds to zero but is not zero) or "not_available" (x,
                          z, u, :, .., - or blank). A symbol never becomes zero
``source``                the id of the file in ``data/national/sources.csv``
========================  ================================================================

**Overlapping sources.** Looked-after figures for a year can be in up to five files: three
Explore Education Statistics releases (2025, 2024, 2023), LAIT and an SFR. The most recent
publication wins, because DfE revises earlier years: the 2025 EES release, then 2024, then
2023, then LAIT (2016-2025, drawn from the EES files), then the SFR of that year (the only
source for 2010-2015). A row only wins with a number (or a withheld / low symbol): a "not
available" row gives way to a source that has the figure. :func:`observations` keeps every
source's row; :func:`source_differences` lists where overlapping sources disagree.

The first call reads the files (about a second); the tidy tables are then kept in memory and
in a cache under the project's ``_build/`` folder, keyed by the files' SHA-256 and this
code's, so later processes (each chapter runs in its own) read them in a few milliseconds.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from evidencebook import paths
from evidencebook.analysis.national import files
from evidencebook.analysis.national.files import NationalDataError

#: Columns of :func:`measures` and :func:`observations`, in order.
COLUMNS = (
    "old_la_code",
    "new_la_code",
    "la_name",
    "region_name",
    "geographic_level",
    "year",
    "time_period",
    "measure",
    "value",
    "status",
    "source",
)

NATIONAL = "National"
REGIONAL = "Regional"
LOCAL = "Local authority"

#: How each statistics symbol is read (DfE's guide to its tidy data files; older files use
#: ":" for x and "~" for low; LAIT writes "-" for no figure). Never zero.
SYMBOLS = {
    "c": "withheld",
    "x": "not_available",
    "z": "not_available",
    "u": "not_available",
    ":": "not_available",
    "..": "not_available",
    "-": "not_available",
    "": "not_available",
    "k": "low",
    "low": "low",
    "~": "low",
}
STATUSES = ("published", "withheld", "low", "not_available")


@dataclass(frozen=True)
class Measure:
    """What one measure is. ``sources`` are file ids in order of precedence (first wins)."""

    id: str
    label: str
    unit: str
    better: str  # "lower", "higher" or "" (none stated)
    reference: str  # what the year means for this measure
    sources: tuple[str, ...]
    notes: str = ""


MARCH = "year ending 31 March (counts during the year) or 31 March (counts on the day)"
_SFR = tuple(f"sfr{y}_{{kind}}" for y in range(2017, 2009, -1))
_CLA_EES = ("ees2025_cla", "ees2024_cla", "ees2023_cla")
_LAIT_POLARITY = "Better direction from LAIT's data dictionary (polarity 'Low')."


def _sfr(kind: str) -> tuple[str, ...]:
    return tuple(s.format(kind=kind) for s in _SFR)


_MEASURE_LIST = (
    Measure(
        "cla_count",
        "Children looked after at 31 March",
        "children",
        "",
        MARCH,
        (*_CLA_EES, "lait", *_sfr("cla")),
    ),
    Measure(
        "cla_rate",
        "Children looked after at 31 March per 10,000 children aged under 18",
        "per 10,000 children",
        "",
        MARCH,
        (*_CLA_EES, "lait"),
    ),
    Measure(
        "cla_starts",
        "Children who started to be looked after during the year",
        "children",
        "",
        MARCH,
        (*_CLA_EES, "lait", *_sfr("starts")),
        "The 2015 SFR admissions file heads its column CLA_started2014; its metadata and the "
        "SFR's year say it is the year ending 31 March 2015, which is how it is read.",
    ),
    Measure(
        "cla_starts_rate",
        "Children who started to be looked after during the year per 10,000 children",
        "per 10,000 children",
        "",
        MARCH,
        _CLA_EES,
    ),
    Measure(
        "cla_ceased",
        "Children who ceased to be looked after during the year",
        "children",
        "",
        MARCH,
        (*_CLA_EES, "lait", *_sfr("ceased")),
    ),
    Measure(
        "cla_ceased_rate",
        "Children who ceased to be looked after during the year per 10,000 children",
        "per 10,000 children",
        "",
        MARCH,
        _CLA_EES,
    ),
    Measure(
        "cin_count",
        "Children in need at 31 March (episodes open on the day, DfE's headline count)",
        "children",
        "",
        MARCH,
        ("ees_b1",),
    ),
    Measure(
        "cin_rate",
        "Children in need at 31 March per 10,000 children",
        "per 10,000 children",
        "",
        MARCH,
        ("lait",),
        "DfE's children in need file has no rates; LAIT carries them (2016 on).",
    ),
    Measure(
        "referrals",
        "Referrals to children's social care during the year",
        "referrals",
        "",
        MARCH,
        ("ees_c1", "lait"),
    ),
    Measure(
        "referral_rate",
        "Referrals to children's social care per 10,000 children",
        "per 10,000 children",
        "",
        MARCH,
        ("lait",),
    ),
    Measure(
        "rereferral_rate",
        "Referrals within 12 months of a previous referral",
        "% of referrals",
        "lower",
        MARCH,
        ("ees_c1", "lait"),
        _LAIT_POLARITY,
    ),
    Measure(
        "cpp_count",
        "Children on a child protection plan at 31 March",
        "children",
        "",
        MARCH,
        ("ees_d5", "lait"),
    ),
    Measure(
        "cpp_rate",
        "Children on a child protection plan at 31 March per 10,000 children",
        "per 10,000 children",
        "",
        MARCH,
        ("lait",),
    ),
    Measure(
        "cpp_starts",
        "Child protection plans started during the year",
        "plans",
        "",
        MARCH,
        ("ees_d3",),
    ),
    Measure(
        "cpp_subsequent_rate",
        "Child protection plans started during the year that were a second or later plan",
        "% of plans started",
        "",
        MARCH,
        ("ees_d3",),
    ),
    Measure(
        "sw_fte",
        "Children and family social workers employed by the authority (full-time equivalent)",
        "FTE",
        "",
        "DfE reporting year: the workforce at 30 September of that year",
        ("ees_csww", "lait"),
    ),
    Measure(
        "sw_caseload",
        "Average caseload of children and family social workers (cases per case-holding FTE)",
        "cases per FTE",
        "lower",
        "DfE reporting year: at 30 September of that year",
        ("ees_csww", "lait"),
        _LAIT_POLARITY,
    ),
    Measure(
        "agency_rate",
        "Agency social workers as a share of all social workers (FTE)",
        "%",
        "lower",
        "DfE reporting year: at 30 September of that year",
        ("ees_csww",),
        _LAIT_POLARITY,
    ),
    Measure(
        "turnover_rate",
        "Social workers (FTE) who left during the year as a share of those in post",
        "%",
        "lower",
        "DfE reporting year: the year to 30 September",
        ("ees_csww",),
        _LAIT_POLARITY,
    ),
    Measure(
        "vacancy_rate",
        "Social worker vacancies as a share of vacancies and posts filled (FTE)",
        "%",
        "lower",
        "DfE reporting year: at 30 September of that year",
        ("ees_csww",),
        _LAIT_POLARITY,
    ),
    Measure(
        "absence_rate",
        "Working days lost to sickness absence as a share of working days (FTE)",
        "%",
        "lower",
        "DfE reporting year: the year to 30 September",
        ("ees_csww",),
        _LAIT_POLARITY,
    ),
    Measure(
        "lac_spend_per_child_week",
        "Spending on children looked after per child per week (section 251 outturn)",
        "£ a child a week, cash",
        "",
        "financial year (April to March) ending in March of that year",
        ("lait",),
        "LAIT calls it an approximate weekly unit cost (LACFinance); cash prices.",
    ),
    Measure(
        "child_population",
        "Children aged 0 to 17 (ONS mid-year estimate)",
        "children",
        "",
        "the year ending 31 March whose rates DfE works out from it: the estimate for the "
        "June before (ONS mid-2024 is year 2025)",
        ("ons_population",),
    ),
)

#: Every measure, by id.
MEASURES: dict[str, Measure] = {m.id: m for m in _MEASURE_LIST}

# --- reading values ----------------------------------------------------------------------


def parse_values(raw: pd.Series, where: str) -> tuple[np.ndarray, np.ndarray]:
    """Values and statuses from a column of text cells; anything unreadable raises."""
    cleaned = raw.astype(str).str.strip().str.replace(",", "", regex=False)
    numbers = pd.to_numeric(cleaned, errors="coerce")
    lowered = cleaned.str.lower()
    status = lowered.map(SYMBOLS)
    status = status.where(numbers.isna(), "published")
    bad = status.isna()
    if bad.any():
        found = sorted(set(raw[bad].astype(str)))[:5]
        raise NationalDataError(
            f"{where}: {int(bad.sum())} cell(s) are neither numbers nor statistics symbols "
            f"(for example {found}); expected a number or one of {sorted(SYMBOLS)}"
        )
    return numbers.astype(float).to_numpy(), status.astype(str).to_numpy()


def _rows(
    frame: pd.DataFrame,
    source_id: str,
    measure: str,
    column: str,
    level: pd.Series,
    code: pd.Series,
    name: pd.Series,
    region_code: pd.Series,
    time_period: pd.Series,
    year: pd.Series,
) -> pd.DataFrame:
    value, status = parse_values(frame[column], f"{source_id}, column {column}")
    return pd.DataFrame(
        {
            "geographic_level": level.to_numpy(),
            "code": code.to_numpy(),
            "name": name.to_numpy(),
            "region_code": region_code.to_numpy(),
            "year": year.astype(int).to_numpy(),
            "time_period": time_period.to_numpy(),
            "measure": measure,
            "value": value,
            "status": status,
            "source": source_id,
        }
    )


def _need(frame: pd.DataFrame, source_id: str, *names: str) -> None:
    missing = [n for n in names if n not in frame.columns]
    if missing:
        raise NationalDataError(f"{source_id}: no column {', '.join(missing)}")


def _ees_area(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series, pd.Series, pd.Series]:
    level = frame["geographic_level"].str.strip()
    unknown = set(level) - {NATIONAL, REGIONAL, LOCAL}
    if unknown:
        raise NationalDataError(f"unknown geographic_level {sorted(unknown)}")
    code = frame["old_la_code"].where(level == LOCAL, frame["region_name"])
    code = code.where(level != NATIONAL, "England")
    name = frame["la_name"].where(level == LOCAL, frame["region_name"])
    region_code = frame["region_code"].where(level == REGIONAL, "")
    return level, code.str.strip(), name.str.strip(), region_code


def _read_ees(source_id: str, columns: dict[str, str], filter_by=None) -> list[pd.DataFrame]:
    """An EES tidy file: one measure per value column (``{column: measure}``)."""
    frame = files.read_csv(source_id)
    _need(frame, source_id, "time_period", "geographic_level", "old_la_code", "la_name")
    if filter_by is not None:
        frame = filter_by(frame)
    level, code, name, region_code = _ees_area(frame)
    period = frame["time_period"].str.strip()
    year = period.astype(int) + (1 if source_id == "ons_population" else 0)
    out = []
    for column, measure in columns.items():
        _need(frame, source_id, column)
        out.append(
            _rows(frame, source_id, measure, column, level, code, name, region_code, period, year)
        )
    return out


def _read_cla(source_id: str) -> list[pd.DataFrame]:
    """A looked-after EES file, in either layout: ``population_type``/``children_count``
    (2025 release) or ``population_count``/``number`` (2023 and 2024 releases)."""
    frame = files.read_csv(source_id)
    if "population_type" in frame.columns and "children_count" in frame.columns:
        kind, count = "population_type", "children_count"
    elif "population_count" in frame.columns and "number" in frame.columns:
        kind, count = "population_count", "number"
    else:
        raise NationalDataError(
            f"{source_id}: expected population_type and children_count, or population_count "
            "and number (the two layouts of DfE's looked-after file)"
        )
    _need(frame, source_id, "rate_per_10000", "time_period", "geographic_level")
    level, code, name, region_code = _ees_area(frame)
    period = frame["time_period"].str.strip()
    year = period.astype(int)
    out = []
    patterns = {
        "cla": r"^Children looked after (on|at) 31 March",
        "cla_starts": r"^Children starting to be looked after",
        "cla_ceased": r"^Children ceasing to be looked after",
    }
    matched = pd.Series(False, index=frame.index)
    for prefix, pattern in patterns.items():
        rows = frame[kind].str.match(pattern)
        matched |= rows
        count_id = "cla_count" if prefix == "cla" else prefix
        rate_id = "cla_rate" if prefix == "cla" else f"{prefix}_rate"
        pick = [s[rows] for s in (level, code, name, region_code, period, year)]
        for column, measure in ((count, count_id), ("rate_per_10000", rate_id)):
            out.append(_rows(frame[rows], source_id, measure, column, *pick))
    if not matched.all():
        found = sorted(set(frame.loc[~matched, kind]))
        raise NationalDataError(f"{source_id}: unknown {kind} {found}")
    return out


_SFR_LEVELS = {
    "national": NATIONAL,
    "gor": REGIONAL,
    "region": REGIONAL,
    "la": LOCAL,
}


def _read_sfr(source_id: str, kind: str, year: int, regions_2010: dict[str, str]):
    """A wide SFR file (2010-2017): one row per area, the total in one column. Columns are
    found by name, so the 2017 files' extra leading row-number column does not matter."""
    frame = files.read_csv(source_id)
    _need(frame, source_id, "geog_l", "geog_c", "geog_n")
    wanted = {
        "cla": [rf"^CLA_Mar{year}$", rf"^MarTotal_{year}$"],
        "starts": [r"^CLA_started\d{4}$", rf"^StartTotal_{year}$"],
        "ceased": [r"^CLA_cease$", rf"^CLA_cease{year}$", rf"^CeasedTotal_{year}$"],
    }[kind]
    found = [c for c in frame.columns if any(re.match(p, c) for p in wanted)]
    if len(found) != 1:
        raise NationalDataError(
            f"{source_id}: expected one total column matching {wanted}, found {found}"
        )
    frame = frame[(frame != "").any(axis=1)]
    level = frame["geog_l"].str.strip().str.lower().map(_SFR_LEVELS)
    # The 2017 files leave geog_l blank on the Isles of Scilly's row: an authority by its code.
    level = level.where(level.notna() | ~frame["geog_c"].str.strip().str.fullmatch(r"\d{3}"), LOCAL)
    if level.isna().any():
        raise NationalDataError(f"{source_id}: unknown geog_l {sorted(set(frame['geog_l']))}")
    geog_c = frame["geog_c"].str.strip()
    if "New_geog_code" in frame.columns:
        region_code = frame["New_geog_code"].str.strip()
    else:  # 2010: regions by letter, matched to ONS codes through the 2011 file
        region_code = geog_c.map(regions_2010).fillna("")
    region_code = region_code.where(level == REGIONAL, "")
    code = geog_c.where(level == LOCAL, region_code).where(level != NATIONAL, "England")
    name = frame["geog_n"].str.strip()
    period = pd.Series(str(year), index=frame.index)
    measure = {"cla": "cla_count", "starts": "cla_starts", "ceased": "cla_ceased"}[kind]
    years = pd.Series(year, index=frame.index)
    return [
        _rows(frame, source_id, measure, found[0], level, code, name, region_code, period, years)
    ]


#: LAIT's short descriptions, as measures.
LAIT_MEASURES = {
    "LACnum": "cla_count",
    "LAC": "cla_rate",
    "LACnum_Start": "cla_starts",
    "LACceased": "cla_ceased",
    "CIN": "cin_rate",
    "CPP_Num": "cpp_count",
    "CPP_rate": "cpp_rate",
    "CPP_Total_NumRef": "referrals",
    "CPP_Total_Rateper10,000": "referral_rate",
    "ReReferral": "rereferral_rate",
    "Work_Force_NoSW": "sw_fte",
    "Work_Force_AvgNumCase_SW": "sw_caseload",
    "LACFinance": "lac_spend_per_child_week",
}
#: LAIT's region names where DfE's EES files spell them otherwise.
LAIT_REGION_NAMES = {
    "London (Inner)": "Inner London",
    "London (Outer)": "Outer London",
    "Yorkshire and the Humber": "Yorkshire and The Humber",
}
#: LAIT rows the loader leaves out on purpose: the spend total's unit is not stated.
LAIT_LEFT_OUT = ("TotalLACFinance",)


def _read_lait() -> list[pd.DataFrame]:
    """The LAIT extract: long, one row per measure, area and year; regions and England
    have no ``Region``; years are "2016" or, for spend, "2016-17 (OT)" (outturn)."""
    frame = files.read_csv("lait")
    _need(frame, "lait", "Short Desc", "Years", "LA and Regions", "Values", "LA Number", "Region")
    known = set(LAIT_MEASURES) | set(LAIT_LEFT_OUT)
    unknown = set(frame["Short Desc"]) - known
    if unknown:
        raise NationalDataError(f"lait: unknown measures {sorted(unknown)}")
    frame = frame[frame["Short Desc"].isin(list(LAIT_MEASURES))]
    area = frame["LA and Regions"].str.strip()
    is_la = ~frame["Region"].str.strip().isin(["", "NA"])  # regions and England: "NA"
    level = pd.Series(np.where(is_la, LOCAL, REGIONAL), index=frame.index)
    level = level.where(area != "England", NATIONAL)
    number = frame["LA Number"].str.strip().str.replace(r"\.0$", "", regex=True)
    region = area.map(lambda a: LAIT_REGION_NAMES.get(a, a))
    code = number.where(level == LOCAL, region).where(level != NATIONAL, "England")
    period = frame["Years"].str.strip()
    single = period.str.fullmatch(r"\d{4}")
    financial = period.str.extract(r"^(\d{4})-(\d{2}) \(OT\)$")
    if not (single | financial[0].notna()).all():
        raise NationalDataError(f"lait: unknown Years {sorted(set(period[~single]))[:5]}")
    year = period.where(single, (financial[0].astype(float) + 1).astype("Int64").astype(str))
    out = []
    for short, measure in LAIT_MEASURES.items():
        rows = frame["Short Desc"] == short
        pick = [
            s[rows] for s in (level, code, area, pd.Series("", index=frame.index), period, year)
        ]
        out.append(_rows(frame[rows], "lait", measure, "Values", *pick))
    return out


def _cla_cin_filter(category: str) -> Callable[[pd.DataFrame], pd.DataFrame]:
    def keep(frame: pd.DataFrame) -> pd.DataFrame:
        if "category" not in frame.columns:
            return frame
        cats = set(frame["category"])
        if cats != {category}:
            raise NationalDataError(f"expected category {category!r} only, found {sorted(cats)}")
        return frame

    return keep


def _sfr_regions_2010() -> dict[str, str]:
    """The 2010 SFR names regions by letter (A, B...); the 2011 file gives each letter's
    ONS code beside it."""
    frame = files.read_csv("sfr2011_cla")
    regions = frame[frame["geog_l"].str.strip().str.lower() == "region"]
    return dict(
        zip(regions["geog_c"].str.strip(), regions["New_geog_code"].str.strip(), strict=True)
    )


def _read_all() -> pd.DataFrame:
    parts: list[pd.DataFrame] = []
    for source_id in ("ees2025_cla", "ees2024_cla", "ees2023_cla"):
        parts += _read_cla(source_id)
    parts += _read_ees(
        "ees_b1", {"At31_episodes": "cin_count"}, _cla_cin_filter("Children in Need")
    )
    parts += _read_ees(
        "ees_c1", {"referral_count": "referrals", "rereferral_percent": "rereferral_rate"}
    )
    parts += _read_ees(
        "ees_d3", {"CPP_start": "cpp_starts", "CPP_subsequent_percent": "cpp_subsequent_rate"}
    )
    parts += _read_ees("ees_d5", {"CPP_At31": "cpp_count"})
    parts += _read_ees(
        "ees_csww",
        {
            "inpost_fte": "sw_fte",
            "caseload_fte": "sw_caseload",
            "agency_rate_fte": "agency_rate",
            "turnover_rate_fte": "turnover_rate",
            "vacancy_rate_fte": "vacancy_rate",
            "absence_rate_fte": "absence_rate",
        },
    )
    parts += _read_ees("ons_population", {"population_estimate": "child_population"})
    parts += _read_lait()
    regions_2010 = _sfr_regions_2010()
    for year in range(2010, 2018):
        for kind in ("cla", "starts", "ceased"):
            parts += _read_sfr(f"sfr{year}_{kind}", kind, year, regions_2010)
    return pd.concat(parts, ignore_index=True)


# --- areas -------------------------------------------------------------------------------


def _register(raw: pd.DataFrame) -> pd.DataFrame:
    """Every authority (by old code) with its latest name, ONS code and region, from the
    EES files (which name both codes and the region on every row)."""
    ees_ids = [s for s in raw["source"].unique() if s.startswith("ees") or s == "ons_population"]
    latest: dict[str, dict[str, object]] = {}
    for source_id in ees_ids:
        frame = files.read_csv(source_id)
        frame = frame[frame["geographic_level"].str.strip() == LOCAL]
        for row in frame[
            ["time_period", "old_la_code", "new_la_code", "la_name", "region_name"]
        ].itertuples(index=False):
            year = int(row.time_period) + (1 if source_id == "ons_population" else 0)
            code = row.old_la_code.strip()
            held = latest.get(code)
            if (
                held is None
                or year > held["year"]
                or (year == held["year"] and source_id == "ees2025_cla")
            ):
                latest[code] = {
                    "year": year,
                    "old_la_code": code,
                    "new_la_code": row.new_la_code.strip(),
                    "la_name": row.la_name.strip(),
                    "region_name": row.region_name.strip(),
                }
    register = pd.DataFrame(list(latest.values()))
    return register.set_index("old_la_code", drop=False).sort_index()


def _region_codes(raw: pd.DataFrame) -> dict[str, str]:
    """ONS region code -> DfE's region name, from the EES files."""
    rows = raw[(raw["geographic_level"] == REGIONAL) & raw["source"].str.startswith("ees")]
    pairs = rows[rows["region_code"] != ""][["region_code", "name"]].drop_duplicates()
    return dict(zip(pairs["region_code"], pairs["name"], strict=True))


def _tidy(raw: pd.DataFrame) -> pd.DataFrame:
    register = _register(raw)
    regions = _region_codes(raw)
    names = {v: k for k, v in regions.items()}
    out = pd.DataFrame(index=raw.index)
    level = raw["geographic_level"]
    is_la = level == LOCAL
    is_region = level == REGIONAL
    unknown = set(raw.loc[is_la, "code"]) - set(register.index)
    if unknown:
        raise NationalDataError(f"authority codes in no EES file: {sorted(unknown)}")
    # Regions: SFR rows name them by ONS code; EES and LAIT by name.
    region_name = raw["code"].where(~raw["code"].str.match(r"^E12\d{6}$"), raw["code"].map(regions))
    out["old_la_code"] = raw["code"].where(is_la, pd.NA)
    reg = register.reindex(raw["code"].where(is_la))
    out["new_la_code"] = np.where(
        is_la,
        reg["new_la_code"].to_numpy(),
        np.where(is_region, region_name.map(names).to_numpy(), "E92000001"),
    )
    out["la_name"] = np.where(is_la, reg["la_name"].to_numpy(), None)
    out["region_name"] = np.where(
        is_la, reg["region_name"].to_numpy(), np.where(is_region, region_name.to_numpy(), None)
    )
    area_columns, rest = COLUMNS[:4], COLUMNS[4:]  # codes and names; then as read
    for column in rest:
        out[column] = raw[column].to_numpy()
    for column in area_columns:
        out[column] = out[column].astype("string")
        out.loc[out[column] == "nan", column] = pd.NA
    if out.loc[is_region, "region_name"].isna().any():
        raise NationalDataError("a region row whose name could not be found")
    out["year"] = out["year"].astype(int)
    out["value"] = out["value"].astype(float)
    return out[list(COLUMNS)].reset_index(drop=True)


def _area_key(frame: pd.DataFrame) -> pd.Series:
    return (
        frame["geographic_level"]
        + "|"
        + frame["old_la_code"].fillna(frame["region_name"].fillna("England"))
    )


def _choose(obs: pd.DataFrame) -> pd.DataFrame:
    """One row per area, year and measure: the first source in the measure's precedence
    with a figure (a number, or withheld / low); failing that, the first source."""
    order = {(m.id, s): i for m in MEASURES.values() for i, s in enumerate(m.sources)}
    rank = pd.Series(
        [order.get(pair, 99) for pair in zip(obs["measure"], obs["source"], strict=True)],
        index=obs.index,
    )
    unlisted = obs.loc[rank == 99, ["measure", "source"]].drop_duplicates()
    if len(unlisted):
        raise NationalDataError(
            f"sources not in their measure's precedence: {unlisted.values.tolist()}"
        )
    empty = (obs["status"] == "not_available").astype(int)
    ranked = obs.assign(_key=_area_key(obs), _empty=empty, _rank=rank)
    ranked = ranked.sort_values(["_key", "measure", "year", "_empty", "_rank"], kind="stable")
    chosen = ranked.drop_duplicates(["_key", "measure", "year"], keep="first")
    chosen = chosen.sort_values(
        ["measure", "geographic_level", "old_la_code", "region_name", "year"]
    )
    return chosen[list(COLUMNS)].reset_index(drop=True)


# --- cache -------------------------------------------------------------------------------

_CODE_FILES = ("files.py", "measures.py")


def _all_source_ids() -> list[str]:
    ids = {s for m in MEASURES.values() for s in m.sources}
    return sorted(ids | {"sfr2011_cla"})


def cache_key() -> str:
    """SHA-256 of the national files the loader reads and of the loader's own code."""
    h = hashlib.sha256(files.digest(_all_source_ids()).encode())
    here = Path(__file__).parent
    for name in _CODE_FILES:
        h.update((here / name).read_bytes())
    h.update(pd.__version__.encode())
    return h.hexdigest()


def cache_dir() -> Path:
    """Where the tidy tables are cached: ``_build/national-cache/`` in the project, or the
    folder named by the environment variable ``EVIDENCEBOOK_NATIONAL_CACHE``."""
    named = os.environ.get("EVIDENCEBOOK_NATIONAL_CACHE")
    if named:
        return Path(named)
    return paths.build_dir() / "national-cache"


def _load_cached() -> dict[str, pd.DataFrame]:
    key = cache_key()
    folder = cache_dir()
    cached = folder / f"national-{key[:24]}.pickle"
    try:
        with cached.open("rb") as handle:
            tables = pickle.load(handle)
        if isinstance(tables, dict) and tables.get("key") == key:
            return tables
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        pass
    obs = _tidy(_read_all())
    tables = {"key": key, "observations": obs, "measures": _choose(obs)}
    try:  # a cache that cannot be written only costs time
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".national-", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(tables, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cached)
        for old in folder.glob("national-*.pickle"):
            if old != cached:
                old.unlink(missing_ok=True)
    except OSError:
        pass
    return tables


@lru_cache(maxsize=1)
def _tables() -> dict[str, pd.DataFrame]:
    return _load_cached()


def _select(frame: pd.DataFrame, measure: str | None) -> pd.DataFrame:
    if measure is None:
        return frame.copy()
    if measure not in MEASURES:
        raise NationalDataError(
            f"no national measure {measure!r}; the measures are {', '.join(MEASURES)}"
        )
    return frame[frame["measure"] == measure].reset_index(drop=True)


def measures(measure: str | None = None) -> pd.DataFrame:
    """The tidy table of published measures (one row per area, year and measure, the
    source chosen by precedence), or one measure's rows. A copy: change it freely."""
    return _select(_tables()["measures"], measure)


def observations(measure: str | None = None) -> pd.DataFrame:
    """Every source's row, before precedence: the same figure may appear once per file."""
    return _select(_tables()["observations"], measure)


def source_differences(measure: str | None = None, tolerance: float = 0.0) -> pd.DataFrame:
    """Where two sources give a number for the same area, year and measure and differ by
    more than ``tolerance``: one row per pair (the source chosen by precedence first), with
    both values and the difference. Nothing is hidden: an empty table means they agree."""
    obs = observations(measure)
    obs = obs[obs["status"] == "published"].assign(_key=_area_key(obs))
    chosen = measures(measure)
    chosen = chosen.assign(_key=_area_key(chosen))[["_key", "measure", "year", "source", "value"]]
    merged = obs.merge(chosen, on=["_key", "measure", "year"], suffixes=("", "_chosen"))
    merged = merged[merged["source"] != merged["source_chosen"]]
    merged = merged.assign(difference=merged["value_chosen"] - merged["value"])
    merged = merged[merged["difference"].abs() > tolerance]
    columns = [
        "measure",
        "geographic_level",
        "old_la_code",
        "la_name",
        "region_name",
        "year",
        "source_chosen",
        "value_chosen",
        "source",
        "value",
        "difference",
    ]
    return merged[columns].sort_values(["measure", "year", "old_la_code"]).reset_index(drop=True)


def measures_table() -> pd.DataFrame:
    """:data:`MEASURES` as a table, with the years each covers (worked out from the files)
    and where its figures come from."""
    frame = measures()
    rows = []
    for m in MEASURES.values():
        years = frame.loc[(frame["measure"] == m.id) & (frame["status"] != "not_available"), "year"]
        used = frame.loc[frame["measure"] == m.id, "source"].unique()
        rows.append(
            {
                "measure": m.id,
                "label": m.label,
                "unit": m.unit,
                "better": m.better,
                "year_means": m.reference,
                "first_year": int(years.min()),
                "last_year": int(years.max()),
                "sources": " > ".join(s for s in m.sources if s in used),
                "notes": m.notes,
            }
        )
    return pd.DataFrame(rows)
