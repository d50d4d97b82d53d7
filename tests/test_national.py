"""The national loader, tested on the real published files in data/national/ (no fixtures)."""

from __future__ import annotations

import csv
import math

import pandas as pd
import pytest

from evidencebook.analysis import national
from evidencebook.analysis.national import files
from evidencebook.exceptions import EvidenceBookError

ROOT = files.national_dir()


def raw_cell(file: str, match: dict[str, str], column: str) -> str:
    """A cell read straight from a national file with the csv module, for comparison."""
    with (ROOT / file).open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if all(r[k] == v for k, v in match.items())]
    assert len(rows) == 1, (file, match, len(rows))
    return rows[0][column]


def value(measure: str, code: str | None, year: int, level: str = "Local authority") -> float:
    frame = national.measures(measure)
    if code is None:
        rows = frame[(frame["geographic_level"] == level) & (frame["year"] == year)]
    else:
        rows = frame[(frame["old_la_code"] == code) & (frame["year"] == year)]
    assert len(rows) == 1, (measure, code, year, len(rows))
    return float(rows["value"].iloc[0])


# --- the files and their provenance -----------------------------------------------------


def test_every_national_file_is_listed_with_its_provenance_and_unchanged():
    listed = national.sources()
    assert listed["id"].is_unique
    on_disk = {
        str(p.relative_to(ROOT))
        for p in ROOT.rglob("*")
        if p.is_file()
        and p.name
        not in (
            "sources.csv",
            "README.md",
        )
    }
    assert set(listed["file"]) == on_disk
    for row in listed.itertuples(index=False):
        assert row.publication and row.publisher and row.licence and row.holds, row.id
        assert len(row.commit) == 40 and "/" in row.repository, row.id
        assert files.file_sha256(row.id) == row.sha256, f"{row.file} changed since copied"


# --- known values read back exactly -----------------------------------------------------

#: Hampshire's children starting to be looked after, years ending March 2012-2016, as the
#: SFR admissions files give them; the report's Table 13 gives 470, 480, 555, 600 and 505.
SFR_FILES = {
    2012: "sfr/2012/SFR20_ADM2012.csv",
    2013: "sfr/2013/SFR36_ADM2013.csv",
    2014: "sfr/2014/SFR36_ADM2014.csv",
    2015: "sfr/2015/SFR34_ADM2015.csv",
    2016: "sfr/2016/SFR41_ADM2016.csv",
}


def test_hampshire_starts_read_back_exactly_from_the_sfr_files():
    obs = national.observations("cla_starts")
    got = {}
    for year, file in SFR_FILES.items():
        column = "CLA_started2014" if year == 2015 else f"CLA_started{year}"  # DfE's header
        published = float(raw_cell(file, {"geog_c": "850"}, column))
        rows = obs[(obs["old_la_code"] == "850") & (obs["source"] == f"sfr{year}_starts")]
        assert rows["year"].tolist() == [year]
        assert rows["value"].iloc[0] == published
        got[year] = published
    assert got == {2012: 471, 2013: 480, 2014: 549, 2015: 598, 2016: 504}
    report = dict(zip(range(2012, 2017), (470, 480, 555, 600, 505), strict=True))
    assert [y for y in report if report[y] != got[y]] == [2012, 2014, 2015, 2016]


def test_the_2015_admissions_column_is_read_as_2015_despite_its_header():
    frame = national.observations("cla_starts")
    eng = frame[(frame["geographic_level"] == "National") & (frame["source"] == "sfr2015_starts")]
    assert eng["year"].tolist() == [2015]
    assert eng["value"].iloc[0] == float(
        raw_cell(SFR_FILES[2015], {"geog_l": "NATIONAL"}, "CLA_started2014")
    )


def test_england_totals_match_the_files():
    match = {"time_period": "2025", "geographic_level": "National"}
    file = "ees/cla_number_and_rate_per_10k_children.csv"
    for kind, measure in (
        ("Children looked after on 31 March each year", "cla_count"),
        ("Children starting to be looked after each year", "cla_starts"),
        ("Children ceasing to be looked after each year", "cla_ceased"),
    ):
        published = raw_cell(file, {**match, "population_type": kind}, "children_count")
        assert value(measure, None, 2025, "National") == float(published)
    assert value("cla_count", None, 2010, "National") == float(
        raw_cell("sfr/2010/SFR27_2010_March.csv", {"geog_l": "National"}, "MarTotal_2010")
    )
    chosen = national.measures("cla_count")
    chosen = chosen[(chosen["geographic_level"] == "National") & (chosen["year"] == 2017)]
    assert chosen["source"].tolist() == ["lait"]  # the later publication wins over the SFR
    england_2017_sfr = national.observations("cla_count")
    sfr = england_2017_sfr[
        (england_2017_sfr["source"] == "sfr2017_cla")
        & (england_2017_sfr["geographic_level"] == "National")
    ]
    assert sfr["value"].iloc[0] == float(
        raw_cell("sfr/2017/SFR50_CLA2017.csv", {"geog_l": "NATIONAL"}, "CLA_Mar2017")
    )


def test_both_looked_after_layouts_are_read():
    obs = national.observations("cla_count")
    for source, file, kind_col, count_col, kind in (
        (
            "ees2024_cla",
            "ees-2024-release/cla_number_and_rate_per_10k_children.csv",
            "population_count",
            "number",
            "Children looked after at 31 March each year",
        ),
        (
            "ees2025_cla",
            "ees/cla_number_and_rate_per_10k_children.csv",
            "population_type",
            "children_count",
            "Children looked after on 31 March each year",
        ),
    ):
        match = {"time_period": "2022", "old_la_code": "383", kind_col: kind}
        rows = obs[
            (obs["source"] == source) & (obs["old_la_code"] == "383") & (obs["year"] == 2022)
        ]
        assert rows["value"].iloc[0] == float(raw_cell(file, match, count_col))


def test_workforce_and_lait_values_read_back():
    file = "ees/csww_indicators_2017_to_2025.csv"
    match = {"time_period": "2025", "old_la_code": "850"}
    assert value("sw_fte", "850", 2025) == float(raw_cell(file, match, "inpost_fte"))
    assert value("agency_rate", "850", 2025) == float(raw_cell(file, match, "agency_rate_fte"))
    lait = national.measures("lac_spend_per_child_week")
    row = lait[(lait["old_la_code"] == "850") & (lait["time_period"] == "2016-17 (OT)")]
    assert row["year"].tolist() == [2017]
    assert row["source"].tolist() == ["lait"]


# --- symbols never become zero ----------------------------------------------------------


def test_symbols_are_withheld_low_or_not_available_never_zero():
    frame = national.observations()
    assert set(frame["status"]) <= set(national.STATUSES)
    symbols = frame[frame["status"] != "published"]
    assert len(symbols) > 0 and symbols["value"].isna().all()
    assert {"withheld", "low", "not_available"} <= set(symbols["status"])
    assert frame.loc[frame["status"] == "published", "value"].notna().all()
    # A "c" cell of the children in need file, followed into the tidy table.
    with (ROOT / "ees/b1_children_in_need_2013_to_2025.csv").open(encoding="utf-8") as handle:
        withheld = [r for r in csv.DictReader(handle) if r["At31_episodes"] == "c"]
    if withheld:
        row = withheld[0]
        cin = frame[
            (frame["measure"] == "cin_count")
            & (frame["old_la_code"] == row["old_la_code"])
            & (frame["year"] == int(row["time_period"]))
        ]
        assert cin["status"].tolist() == ["withheld"] and math.isnan(cin["value"].iloc[0])


def test_an_unreadable_cell_is_an_error_naming_the_file():
    from evidencebook.analysis.national.measures import parse_values

    values, status = parse_values(pd.Series(["12", "c", "k", "~", ":", "x", ""]), "f.csv")
    assert status.tolist() == [
        "published",
        "withheld",
        "low",
        "low",
        "not_available",
        "not_available",
        "not_available",
    ]
    assert values[0] == 12 and all(math.isnan(v) for v in values[1:])
    with pytest.raises(national.NationalDataError, match="f.csv.*'n/a'"):
        parse_values(pd.Series(["1", "n/a"]), "f.csv")


# --- overlapping sources ----------------------------------------------------------------


def test_overlapping_sources_mostly_agree_and_differences_are_reported():
    """Where two files give the same looked-after figure, they agree for most authorities;
    where they differ (DfE revised the figure) the difference is listed, not hidden."""
    for measure in ("cla_count", "cla_starts", "cla_ceased"):
        obs = national.observations(measure)
        obs = obs[obs["status"] == "published"]
        overlapping = obs.duplicated(
            ["geographic_level", "old_la_code", "region_name", "year"], keep=False
        )
        differences = national.source_differences(measure)
        pairs = overlapping.sum()
        assert pairs > 1000
        assert 0 < len(differences) < 0.2 * pairs, measure
        assert (differences["difference"] != 0).all()
    cla = national.source_differences("cla_starts")
    hants = cla[(cla["old_la_code"] == "850") & (cla["year"] == 2016)]
    assert hants[["source_chosen", "value_chosen", "source", "value"]].values.tolist() == [
        ["lait", 507.0, "sfr2016_starts", 504.0]
    ]


def test_one_row_per_area_year_and_measure():
    frame = national.measures()
    key = ["geographic_level", "old_la_code", "region_name", "year", "measure"]
    assert not frame.duplicated(key).any()
    assert list(frame.columns) == list(national.COLUMNS)
    assert set(frame["measure"]) == set(national.MEASURES)


# --- authorities ------------------------------------------------------------------------


def test_leeds_is_found_by_all_three_forms():
    for given in ("383", 383, "E08000035", "leeds", "  LEEDS "):
        found = national.find_authority(given)
        assert (found["old_la_code"], found["new_la_code"], found["la_name"]) == (
            "383",
            "E08000035",
            "Leeds",
        )


def test_a_typo_lists_the_nearest_names():
    with pytest.raises(EvidenceBookError, match="Leeds") as err:
        national.find_authority("Leds")
    assert isinstance(err.value, national.AuthorityNotFound)
    assert "Leeds" in err.value.suggestions
    with pytest.raises(national.AuthorityNotFound, match="three-digit code"):
        national.find_authority("zzzzzzzz")


def test_a_former_ons_code_finds_the_authority():
    assert national.find_authority("E10000023")["la_name"] == "North Yorkshire"
    assert national.find_authority("Dorset")["old_la_code"] == "838"  # the current one


def test_every_authority_in_the_latest_year_has_a_region_and_neighbours():
    latest = national.authorities()
    assert len(latest) == 153
    assert latest["region_name"].notna().all() and latest["new_la_code"].notna().all()
    for code in latest["old_la_code"]:
        near = national.neighbours(code)
        assert near["rank"].tolist() == list(range(1, 11))
        assert near["old_la_code"].is_unique and code not in set(near["old_la_code"])
        assert near["la_name"].notna().all()


def test_leeds_neighbours_match_dfe_file_in_order():
    near = national.neighbours("Leeds")
    file = "neighbours/DERIVED_statistical_neighbours_may2025_tidy.csv"
    expected = [
        raw_cell(file, {"la_num": "383.0"}, f"sn{i}").replace(".0", "") for i in range(1, 11)
    ]
    assert near["old_la_code"].tolist() == expected
    assert near["closeness"].iloc[0] in {
        "Extremely close",
        "Very close",
        "Close",
        "Somewhat close",
        "Not close",
    }
    with pytest.raises(EvidenceBookError, match="vintages"):
        national.neighbours("Leeds", vintage="2019")


# --- boundary changes -------------------------------------------------------------------


def test_an_authority_made_by_a_boundary_change_says_why_its_series_is_short():
    note = national.series_note("Bournemouth, Christchurch and Poole")
    assert "start in 2020" in note and "boundary change" in note and "Poole (836)" in note
    starts = national.series("839", "cla_starts")
    published = starts[starts["status"] == "published"]
    assert published["year"].min() == 2020
    cumbria = national.series_note("909")
    assert "stop in 2023" in cumbria and "Cumberland (942)" in cumbria
    assert "start in 2024" in national.series_note("Westmorland and Furness")
    assert "start in 2022" in national.series_note("West Northamptonshire")
    assert national.series_note("Leeds") == ""


def test_predecessors_are_never_added_into_a_successor():
    frame = national.measures("cla_count")
    bcp = frame[(frame["old_la_code"] == "839") & (frame["status"] == "published")]
    assert bcp["year"].min() == 2020
    changes = national.boundary_changes()
    assert changes["last_year_of_predecessors"].tolist() == [2019, 2021, 2023]
    assert changes["first_year_of_successors"].tolist() == [2020, 2022, 2024]


def test_joint_workforce_figures_keep_their_joint_code():
    joint = national.joint_reporting()
    assert set(joint["old_la_code"]) == {"314 / 318", "940 / 941"}
    assert "jointly" in national.series_note("Richmond upon Thames")


def test_measures_table_covers_every_measure_with_years():
    table = national.measures_table()
    assert table["measure"].tolist() == list(national.MEASURES)
    cla = table.set_index("measure").loc["cla_count"]
    assert (cla["first_year"], cla["last_year"]) == (2010, 2025)


def test_a_second_process_reads_the_cache(tmp_path, monkeypatch):
    import subprocess
    import sys

    env = {"EVIDENCEBOOK_NATIONAL_CACHE": str(tmp_path)}
    code = "from evidencebook.analysis import national; print(len(national.measures()))"
    import os

    first = subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, **env}, capture_output=True, text=True
    )
    assert first.returncode == 0, first.stderr
    assert len(list(tmp_path.glob("national-*.pickle"))) == 1
    second = subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, **env}, capture_output=True, text=True
    )
    assert second.stdout == first.stdout
