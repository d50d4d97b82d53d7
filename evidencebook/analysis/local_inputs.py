"""An authority's scale, from published data, overridable: the inputs a roll-out needs.

For any of England's local authorities, :func:`defaults` gives every local input a roll-out
of the pilot's strands would need (the :data:`SPECS`, about 25): the authority's children,
demand and social work workforce, its looked-after spend, a few unit costs, and what it
would fund. Each default names its source and year:

* **From the national data** (``evidencebook.analysis.national``, files in
  ``data/national/``): the authority's latest published figure. Where DfE publishes none for
  it (a figure withheld, a workforce published jointly for two authorities, an authority
  made after the year a file covers), the default is worked out and says how: a joint
  figure shared by child population, or England's figure (per child for a count).
* **From the report** where no local figure is published in the project (salaries, the
  overhead rate, children returning from a missing episode): an explicit **assumption**,
  the report's Hampshire value, labelled as such (``assumption=True``) with where the
  report states it. A council should replace these with its own.
* **What the council would fund**: PA posts (default: the pilot's ratio of social workers
  to a PA applied to the authority's case-holding social workers), in which teams, and
  anything else it would fund, in free text.

:func:`write_sheet` writes the short inputs sheet (YAML with each input's help, unit,
default, source and accepted range in comments; or one Excel sheet with the columns
:data:`SHEET_COLUMNS`); :func:`read_sheet` reads it back, checking every value and naming
the file (and sheet), row, column and what was expected. Shares are written as fractions
(0.2 means 20%), as every parameter of the book is (``analysis.parameters.SHARE``); amounts
in pounds may be written with a £ sign and commas (£45,000). Only the values a sheet gives
change: a blank value, or a name left out, keeps the default.

**Price years.** Every amount in pounds is at the prices of a financial year, given beside it:
the Excel sheet's ``price_year`` column, or in YAML a companion key ``<name>_price_year``
(``sw_salary_price_year: 2025-26``), as the pack's parameters carry one
(``analysis.prices``). Its default is the input's own: the report's 2015-16 for the report's
Hampshire values, the financial year of a published figure. A council that enters this year's
salary says so there, and the proposals (``analysis.proposal``) move it to their price year
with the GDP deflator once, from the year the sheet gives. A price year is checked as the
pack's are: written YYYY-YY, and one the GDP deflators cover.
"""

from __future__ import annotations

import difflib
import functools
import io
import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
import yaml

from evidencebook.analysis import appraisal as ap
from evidencebook.analysis import national, prices
from evidencebook.analysis.common import period_text
from evidencebook.analysis.figures import reference_figures
from evidencebook.analysis.national import files as national_files
from evidencebook.analysis.national.deflators import gdp_deflators
from evidencebook.analysis.pack import default_pack_dir
from evidencebook.analysis.parameters import COUNT, MONEY, PRICE_YEAR, SHARE, Limit, price_year_name
from evidencebook.analysis.yamlfile import read_yaml
from evidencebook.exceptions import EvidenceBookError, Problem, ProblemsError


class InputsError(ProblemsError):
    """An inputs sheet has values that cannot be used."""

    kind = "inputs sheet"


#: Kinds of input and how each is written.
KINDS = {
    "count": "a whole number",
    "number": "a number",
    "share": SHARE.form,
    "money": "an amount in pounds, such as 45000 or £45,000",
    "text": "text",
}


@dataclass(frozen=True)
class InputSpec:
    """What one local input is: its name, kind, unit, accepted range and meaning.

    ``measure`` is the national measure its default comes from (a key of
    ``national.MEASURES`` or of :data:`EXTRA_MEASURES`), ``scales`` whether it is a count that
    grows with the number of children (shared by child population where no local figure is
    published) or a rate (taken as it is), ``percent`` whether the national figure is a
    percentage to be written as a fraction.
    """

    name: str
    kind: str
    unit: str
    limit: Limit
    help: str
    measure: str = ""
    scales: bool = False
    percent: bool = False

    def accepted(self) -> str:
        """The accepted range in words: "a whole number of 0 or more"."""
        if self.kind == "text":
            return "any text (or blank)"
        if self.kind == "money":
            return self.limit.words("float").replace("a number", KINDS["money"], 1)
        return self.limit.words("int" if self.kind == "count" else "float")


@dataclass(frozen=True)
class LocalInput:
    """One input with its value for an authority: the default unless a sheet changed it."""

    spec: InputSpec
    value: object
    default: object
    source: str
    year: str
    assumption: bool = False
    price_year: str = ""  # financial year of an amount in pounds (e.g. 2015-16)
    changed_by: str = ""  # the sheet that changed the value, if one did

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def unit(self) -> str:
        return self.spec.unit


#: Measures read here from the national files that ``national.measures`` does not carry, put
#: in its layout: measure -> [(file id, value column, (column, value) the rows must have)].
#: Case-holding social workers (DfE workforce file); starts aged 10 to 15 and 16 and over
#: (the 2022 release's starts by age, and the 2017 SFR before it); looked-after children's
#: missing incidents and the children who had one (the 2024 release). Where two files give a
#: year, the latest year is used.
EXTRA_MEASURES: Mapping[str, tuple[tuple[str, str, tuple[str, str] | None], ...]] = {
    "sw_case_holders_fte": (("ees_csww", "case_holders_fte", None),),
    "cla_starts_10_15": (
        ("ees2022_cla_starts_age", "number", ("characteristic", "10 to 15 years")),
        ("sfr2017_starts", "SCLA_10to15", None),
    ),
    "cla_starts_16_over": (
        ("ees2022_cla_starts_age", "number", ("characteristic", "16 years and over")),
        ("sfr2017_starts", "SCLA_16over", None),
    ),
    "cla_missing_incidents": (
        (
            "ees2024_cla_missing",
            "number",
            ("CLA_group", "Number of missing incidents during the year"),
        ),
    ),
    "cla_children_missing": (
        (
            "ees2024_cla_missing",
            "number",
            ("CLA_group", "Children who had a missing incident during the year"),
        ),
    ),
}

#: Ids of the report's figures (``data/reference_figures.csv``) used as assumptions.
REPORT_IDS = {
    "sw_salary": "pa.sw_salary",
    "pa_salary": "pa.salary",
    "edge_worker_salary": "edge.worker_salary",
    "vol_coordinator_salary": "vol.coordinator_salary",
    "sws_worker_salary": "edge.worker_salary",  # the report gives none (as the chapter does)
    "overhead_rate": "pa.overhead_rate",
    "sw_per_pa": "pa.sw_per_pa",
}

_POP = "child_population"

#: The financial year whose prices the report's costs are in (report, Appendix 4: the
#: pilot-period costs; the chapters' ``input_price_year``).
REPORT_PRICE_YEAR = "2015-16"

#: National measures counted at or to 30 September (DfE's workforce reporting year).
WORKFORCE = {"sw_fte", "sw_case_holders_fte", "sw_caseload", "absence_rate", "turnover_rate",
             "agency_rate"}  # fmt: skip
_SALARY = Limit(0, 500_000, why="an annual salary before overheads")

#: Every local input, in the order the sheet lists them.
SPECS: tuple[InputSpec, ...] = (
    InputSpec("child_population", "count", "children", COUNT,
              "Children aged 0 to 17 living in the authority", "child_population", True),
    InputSpec("children_in_need", "count", "children", COUNT,
              "Children in need at 31 March", "cin_count", True),
    InputSpec("referrals", "count", "referrals a year", COUNT,
              "Referrals to children's social care in the year", "referrals", True),
    InputSpec("cpp_count", "count", "children", COUNT,
              "Children on a child protection plan at 31 March", "cpp_count", True),
    InputSpec("cla_count", "count", "children", COUNT,
              "Children looked after at 31 March", "cla_count", True),
    InputSpec("cla_starts", "count", "children a year", COUNT,
              "Children who started to be looked after in the year (all ages)", "cla_starts",
              True),
    InputSpec("cla_starts_10_15", "count", "children a year", COUNT,
              "Children aged 10 to 15 who started to be looked after in the year (the edge of "
              "care service's age group, with those aged 16 and over)", "cla_starts_10_15", True),
    InputSpec("cla_starts_16_over", "count", "children a year", COUNT,
              "Children aged 16 and over who started to be looked after in the year",
              "cla_starts_16_over", True),
    InputSpec("sw_fte", "number", "FTE", Limit(0),
              "Children and family social workers employed by the authority (full-time "
              "equivalent)", "sw_fte", True),
    InputSpec("case_holding_sw_fte", "number", "FTE", Limit(0),
              "Case-holding children and family social workers (full-time equivalent): the "
              "social workers a PA would support", "sw_case_holders_fte", True),
    InputSpec("sw_caseload", "number", "cases per case-holding FTE",
              Limit(0, 100, low_open=True, why="more than 0"),
              "Average caseload of a case-holding social worker", "sw_caseload"),
    InputSpec("sw_absence_rate", "share", "share of working days", SHARE,
              "Working days lost to sickness absence as a share of working days (the PA "
              "pilot's sickness finding applies to it)", "absence_rate", percent=True),
    InputSpec("sw_turnover_rate", "share", "share of social workers a year", SHARE,
              "Social workers (FTE) who left in the year as a share of those in post",
              "turnover_rate", percent=True),
    InputSpec("sw_agency_rate", "share", "share of social workers", SHARE,
              "Agency social workers as a share of all social workers (FTE)", "agency_rate",
              percent=True),
    InputSpec("lac_spend_per_child_week", "money", "£ a looked-after child a week", MONEY,
              "Spending on children looked after per child per week (section 251 outturn, "
              "cash prices of its year)", "lac_spend_per_child_week"),
    InputSpec("cla_missing_incidents", "count", "incidents a year", COUNT,
              "Missing incidents of looked-after children in the year", "cla_missing_incidents",
              True),
    InputSpec("cla_children_missing", "count", "children a year", COUNT,
              "Looked-after children who had a missing incident in the year",
              "cla_children_missing", True),
    InputSpec("children_missing_a_month", "number", "children a month", Limit(0),
              "Children (looked after or not) returning from a missing episode in a month (the "
              "volunteers' return interviews and the Willow team's work start from them); DfE "
              "publishes only looked-after children's missing incidents"),
    InputSpec("return_interviews_a_month", "number", "children a month", Limit(0),
              "Children receiving a return interview after a missing episode in a month"),
    InputSpec("sw_salary", "money", "£ a year", _SALARY,
              "Average annual salary of a social worker, before overheads"),
    InputSpec("pa_salary", "money", "£ a year", _SALARY,
              "Average annual salary of a PA (skilled administrator), before overheads"),
    InputSpec("edge_worker_salary", "money", "£ a year", _SALARY,
              "Average annual cost of an edge of care worker, before overheads"),
    InputSpec("vol_coordinator_salary", "money", "£ a year", _SALARY,
              "Average annual cost of a volunteer coordinator, before overheads"),
    InputSpec("sws_worker_salary", "money", "£ a year", _SALARY,
              "Average annual salary of a family support worker for school surgeries, before "
              "overheads"),
    InputSpec("overhead_rate", "share", "share added to salaries", SHARE,
              "Overheads added to salaries (accommodation, management, IT)"),
    InputSpec("pa_posts", "number", "posts (FTE)", Limit(0),
              "PA posts the council would fund (default: its case-holding social workers "
              "divided by the pilot's social workers per PA)"),
    InputSpec("pa_teams", "text", "", Limit(),
              "In which teams the PAs would work (free text)"),
    InputSpec("also_funding", "text", "", Limit(),
              "Anything else the council would fund, for example edge of care workers or a "
              "volunteer coordinator, and where (free text)"),
)  # fmt: skip

#: The specs by name.
SPEC = {s.name: s for s in SPECS}

#: Columns of the Excel sheet, in order: ``price_year`` is the financial year whose prices an
#: amount in pounds is at (blank for any other input).
SHEET_COLUMNS = (
    "name", "value", "price_year", "unit", "default", "source", "year", "accepted range", "help",
)  # fmt: skip

#: The Excel sheet's column of a money input's price year.
PRICE_YEAR_COLUMN = "price_year"

#: Decimal places a worked-out default is kept to (a share of FTE, a monthly mean), so the
#: sheet shows it exactly and reading it back changes nothing.
DECIMALS = 4

#: The sheet's name in the Excel workbook.
SHEET = "inputs"

#: The row of the sheet (and the key of the YAML file) naming the authority.
AUTHORITY = "authority"


# --- the national figures --------------------------------------------------------------


@functools.cache
def national_figures() -> pd.DataFrame:
    """``national.measures()`` with :data:`EXTRA_MEASURES` added, in the same layout."""
    frames = [national.measures()]
    for measure, reads in EXTRA_MEASURES.items():
        for source_id, column, where in reads:
            frames.append(_extra(measure, source_id, column, where))
    figures = pd.concat(frames, ignore_index=True)
    # where two files give the same year, the first listed (the more recent release) wins
    return figures.drop_duplicates(
        ["old_la_code", "geographic_level", "year", "measure"], keep="first"
    ).reset_index(drop=True)


def _extra(
    measure: str, source_id: str, column: str, where: tuple[str, str] | None = None
) -> pd.DataFrame:
    """One column of a national file as rows of the tidy layout (authorities and England),
    keeping only the rows whose column ``where[0]`` holds ``where[1]``."""
    frame = national_files.read_csv(source_id)
    if where is not None:
        frame = frame[frame[where[0]].astype(str).str.strip() == where[1]]
    if source_id.startswith("sfr"):  # wide SFR layout: geog_l NATIONAL / REGION / LA
        level = (
            frame["geog_l"]
            .astype(str)
            .str.strip()
            .map({"NATIONAL": "National", "LA": "Local authority"})
        )
        code = frame["geog_c"].astype(str).str.strip()
        year = pd.Series(int(re.sub(r"\D", "", source_id)[:4]), index=frame.index)
        period = year.astype(str)
    else:
        level = frame["geographic_level"].astype(str).str.strip()
        code = frame["old_la_code"].astype(str).str.strip()
        period = frame["time_period"].astype(str).str.strip()
        year = period.astype(int)
    values = pd.to_numeric(
        frame[column].astype(str).str.strip().str.replace(",", "", regex=False), errors="coerce"
    )  # a symbol (c, x, z, k...) is not a number: the row is not published
    out = pd.DataFrame(
        {
            "old_la_code": code.where(level == "Local authority"),
            "geographic_level": level,
            "year": year,
            "time_period": period,
            "measure": measure,
            "value": values,
            "status": values.notna().map({True: "published", False: "not_available"}),
            "source": source_id,
        }
    )
    return out[out["geographic_level"].isin(["National", "Local authority"])]


@functools.cache
def _publications() -> dict[str, tuple[str, str]]:
    sources = national.sources()
    pairs = zip(sources["publication"], sources["file"], strict=True)
    return dict(zip(sources["id"], pairs, strict=True))


def cite(source_id: str) -> str:
    """How a national file is cited: its publication and its file in ``data/national/``
    (whose repository and commit ``data/national/sources.csv`` gives)."""
    sources = _publications()
    if source_id not in sources:
        return source_id
    publication, file = sources[source_id]
    return f"{publication} (data/national/{file})"


def year_label(row: pd.Series) -> str:
    """The year of a national figure in words: "mid-2024" for the ONS estimate,
    "2025 (30 September)" for the workforce, "year to March 2025" for the rest, or the
    financial year as published ("2024-25 (OT)") for spend."""
    period = str(row["time_period"]).strip()
    if row["source"] == "ons_population":
        return f"mid-{period}"
    if "-" in period:
        return period
    if row["measure"] in WORKFORCE:
        return f"{period} (30 September)"
    return f"year to March {period}"


# --- the report's values used as assumptions --------------------------------------------


@dataclass(frozen=True)
class Stated:
    """A value the report states (or the default pack holds), with where it is stated and
    the period it belongs to."""

    value: float
    where: str
    year: str = REPORT_PRICE_YEAR


def report_values() -> dict[str, Stated]:
    """The report's values behind the assumptions, from the default pack (never typed):
    salaries, overhead rate and social workers per PA from ``reference_figures.csv``;
    Hampshire's children returning from a missing episode and receiving a return interview
    a month, averaged over the months of ``missing_returns.csv`` (Table 16)."""
    ref = reference_figures().set_index("id")
    out = {}
    for name, ref_id in REPORT_IDS.items():
        value = float(ref.loc[ref_id, "value"])
        if str(ref.loc[ref_id, "unit"]).strip() == "%":
            value /= 100
        out[name] = Stated(value, f"{ref.loc[ref_id, 'stated_in']} ({ref_id})")
    returns = pd.read_csv(default_pack_dir() / "missing_returns.csv")
    place = " and ".join(sorted(returns["authority"].astype(str).unique()))
    months = period_text(str(returns["month"].min()), str(returns["month"].max()))
    where = f"{'; '.join(sorted(returns['source'].unique()))}, {place}, the mean of {months}"
    for name, column in (
        ("children_missing_a_month", "returning"),
        ("return_interviews_a_month", "return_interviews"),
    ):
        out[name] = Stated(float(returns[column].mean()), where, months)
    return out


# --- defaults -----------------------------------------------------------------------------


def _latest(figures: pd.DataFrame, code: str, measure: str) -> pd.Series | None:
    """The latest published row of a measure for an area code ("England" for England)."""
    rows = figures[(figures["measure"] == measure) & (figures["status"] == "published")]
    if code == "England":
        rows = rows[rows["geographic_level"] == "National"]
    else:
        rows = rows[rows["old_la_code"].astype(str).str.strip() == code]
    if not len(rows):
        return None
    return rows.sort_values("year", kind="stable").iloc[-1]


def _joint_code(figures: pd.DataFrame, code: str, measure: str) -> str | None:
    """The joint code ("314 / 318") a measure is published under for an authority, if any."""
    rows = figures[(figures["measure"] == measure) & (figures["status"] == "published")]
    for joint in rows["old_la_code"].dropna().astype(str).unique():
        if "/" in joint and code in [c.strip() for c in joint.split("/")]:
            return joint
    return None


def national_default(
    spec: InputSpec, code: str, name: str, figures: pd.DataFrame
) -> tuple[float, str, str] | None:
    """(value, source, year) of an input from the national figures, or None if neither the
    authority nor England has the measure. The authority's latest published figure, unless
    DfE publishes the measure jointly for it and another authority (as recently): then the
    joint figure shared by child population (a count) or as it is (a rate); else England's
    (per child, for a count)."""
    factor = 0.01 if spec.percent else 1.0
    row = _latest(figures, code, spec.measure)
    joint = _joint_code(figures, code, spec.measure)
    joint_row = None if joint is None else _latest(figures, joint, spec.measure)
    # a joint figure at least as recent wins: LAIT repeats the joint figure under each
    # member's own code, which must not be read as that authority's alone
    if row is not None and (joint_row is None or int(row["year"]) > int(joint_row["year"])):
        return float(row["value"]) * factor, f"{cite(row['source'])}: {name}", year_label(row)
    pop = _latest(figures, code, _POP)
    if joint_row is not None:
        row = joint_row
        members = [c.strip() for c in joint.split("/")]
        pops = [_latest(figures, c, _POP) for c in members]
        if spec.scales and pop is not None and all(p is not None for p in pops):
            share = float(pop["value"]) / sum(float(p["value"]) for p in pops)
            how = f"published jointly for {joint}, shared by child population ({share:.0%})"
        else:
            share = 1.0
            how = f"published jointly for {joint}, taken as it is"
        value = float(row["value"]) * share * factor
        return value, f"{cite(row['source'])}: {how}", year_label(row)
    row = _latest(figures, "England", spec.measure)
    if row is None:
        return None
    value = float(row["value"]) * factor
    how = f"no figure published for {name}; England's"
    year = year_label(row)
    if spec.scales:
        eng_pop = _latest(figures, "England", _POP)
        if pop is None or eng_pop is None:
            return None
        value *= float(pop["value"]) / float(eng_pop["value"])
        how += f" per child, times {name}'s children (ONS, {year_label(pop)})"
    return value, f"{cite(row['source'])}: {how}", year


def defaults(
    la: str | int | Mapping[str, object],
    figures: pd.DataFrame | None = None,
    report: Mapping[str, Stated] | None = None,
) -> dict[str, LocalInput]:
    """Every local input's default for an authority (DfE code, ONS code or name, or the
    dict ``national.find_authority`` gives), by name, in the order of :data:`SPECS`.

    ``figures`` (the national figures, :func:`national_figures` by default) and ``report``
    (:func:`report_values`) may be given, for tests.
    """
    authority = dict(la) if isinstance(la, Mapping) else national.find_authority(la)
    code, name = str(authority["old_la_code"]), str(authority["la_name"])
    if figures is None and report is None:  # the published data and the report's values
        figures, report = national_figures(), report_values()
        key = (code, name, tuple(report.items()))
        kept = _DEFAULTS.get(key)
        if kept is None or kept[0] is not figures:
            kept = _DEFAULTS[key] = (figures, _defaults(code, name, figures, report))
        return dict(kept[1])
    figures = national_figures() if figures is None else figures
    report = report_values() if report is None else report
    return _defaults(code, name, figures, report)


#: The defaults worked out in this process from the published data and the report's values,
#: by authority and those values, with the national figures they came from (a process's
#: kernel runs every strand's chapter of an authority's book, each asking for them).
_DEFAULTS: dict[tuple, tuple[pd.DataFrame, dict[str, LocalInput]]] = {}


def _defaults(
    code: str, name: str, figures: pd.DataFrame, report: Mapping[str, Stated]
) -> dict[str, LocalInput]:
    """:func:`defaults`, worked out."""
    out: dict[str, LocalInput] = {}
    # Each input reads the published rows of its measure and of the child population: picked
    # out once here (in their order), not from every row of every measure for each input.
    published = figures[figures["status"] == "published"]
    by_measure = dict(tuple(published.groupby("measure", sort=False)))
    for spec in SPECS:
        if spec.measure:
            wanted = [by_measure[m] for m in dict.fromkeys([spec.measure, _POP]) if m in by_measure]
            rows = pd.concat(wanted) if wanted else published.iloc[:0]
            found = national_default(spec, code, name, rows)
            if found is None:
                raise EvidenceBookError(
                    f"no published figure for {spec.name} ({spec.measure}) for {name} or "
                    "England in the national data"
                )
            value, source, year = found
            value = round(value) if spec.kind == "count" else round(value, DECIMALS)
            price_year = _financial_year(year) if spec.kind == "money" else ""
            out[spec.name] = LocalInput(spec, value, value, source, year, price_year=price_year)
        elif spec.name in report:
            stated = replace(report[spec.name], value=round(report[spec.name].value, DECIMALS))
            money = spec.kind == "money"
            out[spec.name] = LocalInput(
                spec,
                stated.value,
                stated.value,
                f"Assumption: the report's Hampshire value ({stated.where}); no published "
                f"figure for {name} is in the project: replace it with your own",
                stated.year,
                assumption=True,
                price_year=stated.year if money else "",
            )
    fte, per_pa = out["case_holding_sw_fte"], report["sw_per_pa"]  # a ratio, not an input
    posts = math.floor(float(fte.value) / per_pa.value)
    out["pa_posts"] = LocalInput(
        SPEC["pa_posts"],
        posts,
        posts,
        f"Worked out: case-holding social workers ({fte.year}) divided by the pilot's "
        f"{per_pa.value:g} social workers per PA ({per_pa.where}), rounded down",
        fte.year,
    )
    for text in ("pa_teams", "also_funding"):
        out[text] = LocalInput(SPEC[text], "", "", "The council's choice", "")
    return {s.name: out[s.name] for s in SPECS}


def _financial_year(period: str) -> str:
    """The financial year a national period names: "2024-25" for 2025 or "2024-25 (OT)"."""
    match = re.search(r"(\d{4})-(\d{2})", period)
    if match:
        return f"{match.group(1)}-{match.group(2)}"
    match = re.search(r"\d{4}", period)
    if not match:
        return ""
    end = int(match.group(0))
    return f"{end - 1}-{end % 100:02d}"


# --- the sheet ----------------------------------------------------------------------------


def _shown_value(item: LocalInput, which: str = "value") -> object:
    value = getattr(item, which)
    if isinstance(value, float) and value.is_integer() and item.spec.kind != "share":
        return int(value)
    if isinstance(value, float):
        return round(value, DECIMALS)
    return value


def yaml_text(name: str, inputs: Mapping[str, LocalInput]) -> str:
    """The inputs sheet as YAML: the authority, then each input with its help, unit,
    default, source and year and accepted range as comments above it."""
    lines = [
        f"# Local inputs for a roll-out in {name}: change any value, or leave it as it is.",
        "# Shares are written as fractions (0.2 means 20%); amounts in pounds may be written",
        "# with a pound sign and commas in quotes ('£45,000'). Each amount in pounds is at the",
        "# prices of the financial year on the line after it (<name>_price_year: YYYY-YY): if",
        "# you enter another year's amount, change that year too. A value left blank, or a name",
        "# left out, keeps its default. Read back with: evidencebook inputs --check FILE",
        "",
        yaml.safe_dump({AUTHORITY: name}, allow_unicode=True).strip(),
        "",
    ]
    for item in inputs.values():
        label = " (ASSUMPTION)" if item.assumption else ""
        year = f", {item.year}" if item.year else ""
        priced = f"; prices of {item.price_year}" if item.price_year else ""
        lines += [
            f"# {item.spec.help}{label}.",
            f"# Unit: {item.unit or 'text'}; default: {_shown_value(item, 'default')!r}{priced}.",
            f"# Source: {item.source}{year}.",
            f"# Accepted: {_accepted(item)}.",
            yaml.safe_dump({item.name: _shown_value(item)}, allow_unicode=True, width=1000).strip(),
        ]
        if item.spec.kind == "money":
            lines.append(
                yaml.safe_dump({price_year_name(item.name): item.price_year}, width=1000).strip()
            )
        lines.append("")
    return "\n".join(lines)


def price_year_words(default: str = "") -> str:
    """What an amount's price year must be, in words (its default, if given, kept by a
    blank)."""
    kept = f"; blank keeps {default}" if default else ""
    return f"its price year {PRICE_YEAR.form}, one the GDP deflators cover{kept}"


def _accepted(item: LocalInput) -> str:
    """An input's accepted range, with its price year's for an amount in pounds."""
    if item.spec.kind != "money":
        return item.spec.accepted()
    return f"{item.spec.accepted()}; {price_year_words(item.price_year)}"


def xlsx_bytes(name: str, inputs: Mapping[str, LocalInput]) -> bytes:
    """The inputs sheet as an Excel workbook of one sheet, :data:`SHEET_COLUMNS`."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append(list(SHEET_COLUMNS))
    sheet.append(
        [AUTHORITY, name, "", "", name, "The authority the inputs are for", "", "a name", ""]
    )
    for item in inputs.values():
        label = "Assumption. " if item.assumption else ""
        priced = f" at the prices of the year in {PRICE_YEAR_COLUMN}" if item.price_year else ""
        sheet.append(
            [
                item.name,
                _shown_value(item),
                item.price_year,
                item.unit + priced,
                _shown_value(item, "default"),
                label + item.source,
                item.year,
                _accepted(item),
                item.spec.help,
            ]
        )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value[:1] in "=+-@":
                cell.data_type = "s"  # text, never a formula
    widths = (26, 14, 12, 30, 14, 60, 10, 40, 60)
    for column, width in zip("ABCDEFGHI", widths, strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "B2"
    handle = io.BytesIO()
    book.save(handle)
    return handle.getvalue()


def write_sheet(path: Path, la: str | int, force: bool = False) -> Path:
    """Write the inputs sheet for an authority: Excel for ``.xlsx``, else YAML. An existing
    file is replaced only with ``force``; the new one is written whole or not at all."""
    authority = national.find_authority(la)
    inputs = defaults(authority)
    name = str(authority["la_name"])
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        data = xlsx_bytes(name, inputs)
    elif path.suffix.lower() in (".yaml", ".yml"):
        data = yaml_text(name, inputs).encode("utf-8")
    else:
        raise EvidenceBookError(f"{path.name}: name a .yaml, .yml or .xlsx file to write")
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise EvidenceBookError(f"{path} is not a regular file; name a new file to write")
    if path.exists() and not force:
        raise EvidenceBookError(
            f"{path} exists; add --force to replace it (what it holds now would be lost), or "
            "name a new file"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.new-{os.getpid()}")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return path


# --- reading a sheet back ---------------------------------------------------------------

_MONEY_TEXT = re.compile(r"^£?\s*-?[0-9][0-9,]*(\.[0-9]+)?$")
_NUMBER_TEXT = re.compile(r"^-?[0-9][0-9,]*(\.[0-9]+)?$")


def parse_value(spec: InputSpec, raw: object) -> tuple[object, str | None]:
    """(value, None) if ``raw`` is a valid value of the input, else (None, what was
    expected). Text for money may carry a £ sign and commas; counts may carry commas; a
    share is a fraction from 0 to 1 (a percentage such as 20 or "20%" is refused, saying
    how to write it)."""
    expected = spec.accepted()
    if spec.kind == "text":
        return ("" if raw is None else str(raw).strip()), None
    if isinstance(raw, bool):
        return None, expected
    value: float
    if isinstance(raw, int | float):
        value = float(raw)
    elif isinstance(raw, str):
        text = raw.strip().replace(" ", "")
        if spec.kind == "share" and _NUMBER_TEXT.match(text[:-1]) and text.endswith("%"):
            fraction = float(text[:-1].replace(",", "")) / 100
            return None, f"{expected} (write {text} as {fraction:g})"
        pattern = _MONEY_TEXT if spec.kind == "money" else _NUMBER_TEXT
        if not pattern.match(text):
            return None, expected
        value = float(text.replace("£", "").replace(",", ""))
    else:
        return None, expected
    if not math.isfinite(value):
        return None, expected
    if spec.kind == "count":
        if not value.is_integer():
            return None, expected
        value = int(value)
    if not spec.limit.holds(value):
        if spec.kind == "share" and 1 < value <= 100:
            return None, f"{expected} (write {value:g}% as {value / 100:g})"
        return None, expected
    return value, None


@dataclass(frozen=True)
class Cell:
    """A value read from a sheet, with where it was: the row, and the column's name."""

    name: str
    value: object
    row: int | None
    column: str


def _yaml_cells(path: Path) -> tuple[list[Cell], list[Problem]]:
    data, lines = read_yaml(path, InputsError)
    label = path.name
    if data is None:
        return [], []
    if not isinstance(data, dict):
        return [], [Problem(label, None, None, None, "a mapping of input names to values")]
    cells = [Cell(str(k), v, lines.get(str(k)), str(k)) for k, v in data.items()]
    problems = [
        Problem(label, c.row, c.name, c.value, "one value (a number or text), not a list")
        for c in cells
        if isinstance(c.value, list | dict)
    ]
    return [c for c in cells if not isinstance(c.value, list | dict)], problems


def _xlsx_cells(path: Path) -> tuple[list[Cell], list[Problem]]:
    from openpyxl import load_workbook

    label = path.name
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # noqa: BLE001 - any fault of a user's file becomes a problem
        reason = f"an Excel workbook (.xlsx) openpyxl can read ({type(err).__name__})"
        return [], [Problem(label, None, None, None, reason)]
    try:
        if SHEET not in book.sheetnames:
            found = ", ".join(book.sheetnames)
            return [], [Problem(label, None, None, found, f"a sheet named {SHEET!r}")]
        where = f"{label}, sheet {SHEET!r}"
        rows = list(book[SHEET].iter_rows(values_only=True))
    finally:
        book.close()
    if not rows:
        return [], [Problem(where, None, None, None, f"a header row: {', '.join(SHEET_COLUMNS)}")]
    header = [str(h).strip().lower() if h is not None else "" for h in rows[0]]
    missing = [c for c in ("name", "value") if c not in header]
    if missing:
        return [], [
            Problem(where, 1, None, ", ".join(h for h in header if h), f"columns {missing}")
        ]
    at_name, at_value = header.index("name"), header.index("value")
    at_year = header.index(PRICE_YEAR_COLUMN) if PRICE_YEAR_COLUMN in header else None
    cells = []
    for number, row in enumerate(rows[1:], start=2):
        name = row[at_name] if at_name < len(row) else None
        value = row[at_value] if at_value < len(row) else None
        if name is None or not str(name).strip():
            continue
        cells.append(Cell(str(name).strip(), value, number, "value"))
        year = row[at_year] if at_year is not None and at_year < len(row) else None
        if not _blank(year) and str(name).strip() != AUTHORITY:
            cells.append(Cell(price_year_name(str(name).strip()), year, number, PRICE_YEAR_COLUMN))
    return cells, []


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_price_year(raw: object, index: Mapping[str, float]) -> tuple[str | None, str | None]:
    """(year, None) if ``raw`` is a financial year written YYYY-YY that the GDP deflator
    series ``index`` ({financial year: index}) covers, else (None, what was expected): the
    checks and words of the pack's price years (``analysis.prices``)."""
    expected = f"{PRICE_YEAR.form}, {prices.covered_words(index)}"
    if not isinstance(raw, str) or not PRICE_YEAR.holds(raw):
        return None, expected
    try:
        year = ap.check_financial_year(raw)
    except ValueError:
        return None, expected
    if prices.uncovered_years({prices.INPUT_PRICE_YEAR: year}, index):
        return None, expected
    return year, None


def _price_year_of(name: str) -> str | None:
    """The input whose price year ``name`` is (``sw_salary`` for ``sw_salary_price_year``)."""
    suffix = price_year_name("")
    return name[: -len(suffix)] if name.endswith(suffix) and len(name) > len(suffix) else None


def read_sheet(
    path: Path, la: str | int | None = None, deflators: pd.DataFrame | Mapping | None = None
) -> tuple[dict, dict[str, LocalInput]]:
    """The authority (``national.find_authority``'s dict) and every input, read from an
    inputs sheet (YAML or Excel) over the defaults: only the values the sheet gives change.
    An amount's price year (Excel column ``price_year``, YAML key ``<name>_price_year``) must
    be one the GDP deflators ``deflators`` cover (None: the national series,
    ``analysis.national.deflators.gdp_deflators``); blank keeps the input's own.

    The authority is the sheet's ``authority`` unless ``la`` is given (then the sheet's, if
    any, must be the same). Raises :class:`InputsError` with every problem at once, each
    naming the file (and sheet), row, column and what was expected.
    """
    path = Path(path)
    if not path.is_file():
        raise EvidenceBookError(f"{path}: no such inputs sheet (expected a .yaml or .xlsx file)")
    if path.suffix.lower() == ".xlsx":
        cells, problems = _xlsx_cells(path)
        where = f"{path.name}, sheet {SHEET!r}"
    elif path.suffix.lower() in (".yaml", ".yml"):
        cells, problems = _yaml_cells(path)
        where = path.name
    else:
        raise EvidenceBookError(f"{path.name}: an inputs sheet is a .yaml, .yml or .xlsx file")
    given = {c.name: c for c in cells}
    named = given.pop(AUTHORITY, None)
    authority = _authority(la, named, where, problems)
    if authority is None:
        raise InputsError(problems)
    inputs = defaults(authority)
    index = ap.deflator_index(gdp_deflators() if deflators is None else deflators)
    values: dict[str, object] = {}
    years: dict[str, str] = {}
    seen: dict[str, int | None] = {}
    for cell in cells:
        if cell.name == AUTHORITY:
            continue
        if cell.name in seen:
            problems.append(
                Problem(
                    where,
                    cell.row,
                    "name",
                    cell.name,
                    f"each name once (also on row {seen[cell.name]})",
                )
            )
            continue
        seen[cell.name] = cell.row
        base = _price_year_of(cell.name)
        if base is not None and base in SPEC:
            if _blank(cell.value):
                continue  # blank: the input's own price year stays
            if SPEC[base].kind != "money":
                expected = f"no price year: {base} is not an amount in pounds"
                problems.append(Problem(where, cell.row, cell.column, cell.value, expected))
                continue
            year, expected = parse_price_year(cell.value, index)
            if expected is not None:
                if cell.column == PRICE_YEAR_COLUMN:  # a sheet's row: say which input it is
                    expected = f"{expected} (the price year of {base})"
                problems.append(Problem(where, cell.row, cell.column, cell.value, expected))
                continue
            years[base] = str(year)
            continue
        if cell.name not in SPEC:
            near = difflib.get_close_matches(cell.name, list(SPEC), n=3)
            hint = f" (did you mean {', '.join(near)}?)" if near else ""
            problems.append(
                Problem(where, cell.row, "name", cell.name, f"one of the input names{hint}")
            )
            continue
        if cell.value is None or (isinstance(cell.value, str) and not cell.value.strip()):
            continue  # blank: the default stays
        spec = SPEC[cell.name]
        value, expected = parse_value(spec, cell.value)
        if expected is not None:
            if cell.column == "value":  # a sheet's row: say which input it is
                expected = f"{expected} (the value of {cell.name})"
            problems.append(Problem(where, cell.row, cell.column, cell.value, expected))
            continue
        values[cell.name] = value
    if problems:
        raise InputsError(problems)
    for name in values.keys() | years.keys():
        item = inputs[name]
        value = values.get(name, item.value)
        year = years.get(name, item.price_year)
        same = (
            isinstance(item.default, int | float) and math.isclose(value, item.default)  # type: ignore[arg-type]
        ) or value == item.default
        if not same or year != item.price_year:
            inputs[name] = replace(item, value=value, price_year=year, changed_by=path.name)
    return authority, inputs


def _authority(
    la: str | int | None, named: Cell | None, where: str, problems: list[Problem]
) -> dict | None:
    """The authority the sheet is for: ``la`` if given, else the sheet's; a problem if
    neither names one, if the sheet's is unknown, or if the two differ."""
    try:
        chosen = national.find_authority(la) if la is not None else None
    except EvidenceBookError as err:
        problems.append(Problem("--la", None, None, la, f"an authority ({err})"))
        return None
    if named is None or named.value is None or not str(named.value).strip():
        if chosen is None:
            problems.append(
                Problem(where, None, AUTHORITY, None, "the authority's name, DfE or ONS code")
            )
        return chosen
    try:
        sheet = national.find_authority(str(named.value))
    except EvidenceBookError as err:
        problems.append(Problem(where, named.row, AUTHORITY, named.value, f"an authority ({err})"))
        return None
    if chosen is not None and chosen["old_la_code"] != sheet["old_la_code"]:
        problems.append(
            Problem(where, named.row, AUTHORITY, named.value, f"{chosen['la_name']}, as --la says")
        )
        return None
    return sheet


def summary(inputs: Mapping[str, LocalInput]) -> pd.DataFrame:
    """The inputs as a table: name, value, price year (of an amount in pounds), unit,
    default, changed, source, year."""
    rows = [
        {
            "name": i.name,
            "value": _shown_value(i),
            "price_year": i.price_year,
            "unit": i.unit,
            "default": _shown_value(i, "default"),
            "changed": bool(i.changed_by),
            "assumption": i.assumption,
            "source": i.source,
            "year": i.year,
        }
        for i in inputs.values()
    ]
    return pd.DataFrame(rows)


def values(inputs: Mapping[str, LocalInput]) -> dict[str, object]:
    """{name: value} of every input."""
    return {name: item.value for name, item in inputs.items()}


def for_authority(la: str | int, sheet: str | Path = "") -> tuple[str, dict[str, LocalInput]]:
    """The authority's name and its local inputs: the published defaults, or a council's
    inputs sheet over them (:func:`read_sheet`, which names every bad value). ``la`` is a
    DfE code, ONS code or name."""
    if str(sheet).strip():
        authority, inputs = read_sheet(Path(str(sheet).strip()), la)
    else:
        authority = national.find_authority(str(la))
        inputs = defaults(authority)
    return str(authority["la_name"]), inputs


def sheet_problems(sheet: str | Path, la: str | int) -> list[Problem]:
    """Every problem of the inputs sheet ``sheet`` for authority ``la`` (none when it is
    empty or good), each naming the file (and sheet), row, column and what was expected:
    checked before any notebook runs by every chapter that reads it."""
    sheet = str(sheet).strip()
    if not sheet:
        return []
    path = Path(sheet)
    if not path.is_file():
        return [
            Problem(
                "inputs_sheet",
                None,
                None,
                sheet,
                "the path of an inputs sheet that exists (an absolute path, or one relative to "
                "the folder the build is run in); write one with evidencebook inputs --la NAME "
                "--out inputs.yaml",
            )
        ]
    try:
        read_sheet(path, la)
    except ProblemsError as err:
        return list(err.problems)
    except EvidenceBookError as err:
        return [Problem(path.name, None, None, None, f"an inputs sheet that can be read ({err})")]
    return []
