"""Trend tables read from DfE explore-education-statistics files (fixtures in that layout)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from evidencebook.analysis import ees
from evidencebook.analysis.ees import (
    AreaNotFoundError,
    EesError,
    EesMapping,
    add_to_pack,
    import_table,
    parse_value,
    year_ending,
)
from evidencebook.analysis.pack import read_table
from evidencebook.analysis.schemas import all_tables
from evidencebook.exceptions import DataError, EvidenceBookError

FIXTURES = Path(__file__).parent / "fixtures" / "ees"
CLA = FIXTURES / "cla_number_and_rate_per_10k_children.csv"
CIN_BOM = FIXTURES / "b1_children_in_need_bom.csv"
REFERRALS_CP1252 = FIXTURES / "c1_children_in_need_referrals_cp1252.csv"

HEADER = "time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
HEADER += "region_name,old_la_code,new_la_code,la_name,number"
LA = "Local authority,E92000001,England,E12000008,South East,850,E10000014,Hampshire"


def write(tmp_path: Path, name: str, lines: list[str]) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def as_rows(frame: pd.DataFrame) -> list[tuple]:
    return list(frame.itertuples(index=False, name=None))


# --- the fixtures themselves ------------------------------------------------------------


def test_fixtures_are_in_the_encodings_they_claim():
    assert CIN_BOM.read_bytes().startswith(b"\xef\xbb\xbf")
    raw = REFERRALS_CP1252.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert b"\r\n" in raw
    assert "\u2013" in raw.decode("cp1252")


# --- periods and values -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "identifier", "expected"),
    [
        ("2016", "Reporting year", 2016),
        ("201516", "Financial year", 2016),
        ("2015/16", "Financial year", 2016),
        ("199900", "Financial year", 2000),
        (" 2016 ", "reporting  YEAR", 2016),
    ],
)
def test_year_ending(period, identifier, expected):
    assert year_ending(period, identifier) == expected


@pytest.mark.parametrize(
    ("period", "identifier"),
    [
        ("201516", "Reporting year"),
        ("2016", "Financial year"),
        ("201517", "Financial year"),
        ("2016", "Calendar year"),
        ("201516", "Academic year"),
    ],
)
def test_year_ending_refuses_other_forms(period, identifier):
    with pytest.raises(ValueError):
        year_ending(period, identifier)


@pytest.mark.parametrize("symbol", ["c", "x", "z", "k", "u", "low", ":", "C", " x ", ""])
def test_suppression_symbols_are_not_available(symbol):
    assert parse_value(symbol, "int") is pd.NA


def test_parse_value_reads_thousands_separators_and_refuses_the_rest():
    assert parse_value("70,440", "int") == 70440
    assert parse_value("1,362.0", "int") == 1362
    assert parse_value("22.3", "number") == 22.3
    for bad, kind in [("12a", "int"), ("22.3", "int"), ("nan", "number"), ("-", "int")]:
        with pytest.raises(ValueError):
            parse_value(bad, kind)


# --- choosing the area ------------------------------------------------------------------


def test_looked_after_children_for_hampshire_at_31_march():
    frame = import_table(CLA, "looked_after_children", authority="Hampshire")
    source = "DfE explore-education-statistics: cla_number_and_rate_per_10k_children.csv"
    assert as_rows(frame) == [
        ("Hampshire", "2014-03", 1305, source),
        ("Hampshire", "2015-03", 1360, source),
        ("Hampshire", "2016-03", 1320, source),
    ]
    assert list(frame.columns) == all_tables()["looked_after_children"].column_names
    assert str(frame["children"].dtype) == "Int64"
    assert frame.attrs["level"] == "Local authority"
    assert frame.attrs["not_available"] == []


@pytest.mark.parametrize(
    "choice",
    [
        {"authority": "Hampshire"},
        {"authority": "  hampshire "},
        {"code": "850"},
        {"code": "E10000014"},
        {"code": "e10000014"},
        {"authority": "HAMPSHIRE", "code": "850"},
    ],
)
def test_the_authority_can_be_chosen_by_name_or_either_code(choice):
    frame = import_table(CLA, "looked_after_starts_annual", **choice)
    assert as_rows(frame.drop(columns="source")) == [
        ("Hampshire", 2014, 555),
        ("Hampshire", 2015, 600),
        ("Hampshire", 2016, 505),
    ]


def test_region_and_country_rows_are_read_by_their_own_name_and_code():
    england = import_table(CLA, "looked_after_starts_annual", authority="England")
    assert england["children"].tolist() == [30430, 31340, 32050]
    assert england.attrs["level"] == "National"
    assert import_table(CLA, "looked_after_starts_annual", code="E92000001").equals(england)
    south_east = import_table(CLA, "looked_after_children", code="E12000008")
    assert south_east["area"].unique().tolist() == ["South East"]
    assert south_east["children"].tolist() == [9890, 9930, 10000]


def test_label_names_the_area_as_the_pack_does():
    frame = import_table(CLA, "looked_after_children", code="E92000001", label="ENG")
    assert set(frame["area"]) == {"ENG"}


def test_level_limits_the_search():
    with pytest.raises(AreaNotFoundError):
        import_table(CLA, "looked_after_children", authority="England", level="Regional")
    frame = import_table(CLA, "looked_after_children", authority="England", level="national")
    assert len(frame) == 3
    with pytest.raises(EesError, match="level must be one of"):
        import_table(CLA, "looked_after_children", authority="England", level="Ward")


def test_an_authority_not_in_the_file_lists_near_matches():
    with pytest.raises(AreaNotFoundError) as err:
        import_table(CLA, "looked_after_children", authority="Hampshir")
    assert err.value.near == ["Hampshire"]
    message = str(err.value)
    assert "cla_number_and_rate_per_10k_children.csv" in message
    assert "'Hampshir'" in message and "near matches: Hampshire" in message
    with pytest.raises(AreaNotFoundError, match="Isle of Wight") as err:
        import_table(CLA, "looked_after_children", authority="Wight")
    with pytest.raises(AreaNotFoundError, match="code '852X'.*852") as err:
        import_table(CLA, "looked_after_children", code="852X")


def test_name_and_code_must_agree():
    with pytest.raises(AreaNotFoundError, match="'921' is Isle of Wight in this file, not"):
        import_table(CLA, "looked_after_children", authority="Hampshire", code="921")


def test_an_area_is_required():
    with pytest.raises(EesError, match="authority"):
        import_table(CLA, "looked_after_children")


def test_names_with_commas_are_read_from_quoted_cells():
    frame = import_table(CLA, "looked_after_children", code="801")
    assert frame["area"].tolist() == []  # its one value is suppressed ("k")
    assert frame.attrs["not_available"] == [{"line": 29, "month": "2016-03", "symbol": "k"}]
    with pytest.raises(AreaNotFoundError, match="Bristol, City of"):
        import_table(CLA, "looked_after_children", authority="Bristol")


# --- suppressed cells -------------------------------------------------------------------


def test_suppressed_values_are_left_out_and_listed():
    frame = import_table(CLA, "looked_after_rates", authority="Isle of Wight")
    assert as_rows(frame.drop(columns="source")) == [
        ("Isle of Wight", "2015-03", 80.0),
        ("Isle of Wight", "2016-03", 81.0),
    ]
    assert frame.attrs["not_available"] == [{"line": 18, "month": "2014-03", "symbol": "low"}]
    assert str(frame["per_10000"].dtype) == "Float64"


@pytest.mark.parametrize(
    ("table", "code", "symbol"),
    [
        ("looked_after_starts_annual", "851", "c"),
        ("looked_after_rates", "852", "x"),
        ("looked_after_starts_annual", "852", "z"),
        ("looked_after_rates", "801", "u"),
    ],
)
def test_every_suppression_symbol_in_the_fixture(table, code, symbol):
    frame = import_table(CLA, table, code=code)
    assert frame.empty
    assert [r["symbol"] for r in frame.attrs["not_available"]] == [symbol]


def test_a_colon_means_not_available(tmp_path):
    path = write(
        tmp_path, "f.csv", [HEADER, f"2016,Reporting year,{LA},:", f"2015,Reporting year,{LA},7"]
    )
    mapping = EesMapping("looked_after_starts_annual", "area", "year_ending", "children", "number")
    frame = import_table(path, mapping, authority="Hampshire")
    assert frame["children"].tolist() == [7]
    assert frame.attrs["not_available"][0]["symbol"] == ":"


# --- file layouts -----------------------------------------------------------------------


def test_bom_file_with_columns_in_another_order_and_extra_columns():
    frame = import_table(CIN_BOM, "children_in_need", authority="Hampshire")
    assert list(frame.columns) == ["authority", "month", "children", "source"]
    assert as_rows(frame.drop(columns="source")) == [
        ("Hampshire", "2014-03", 8020),
        ("Hampshire", "2015-03", 5820),
        ("Hampshire", "2016-03", 6555),
    ]
    wight = import_table(CIN_BOM, "children_in_need", code="E06000046")
    assert wight["children"].tolist() == [1020, 805]
    assert wight.attrs["not_available"][0]["month"] == "2015-03"


def test_cp1252_file_with_windows_line_ends():
    frame = import_table(REFERRALS_CP1252, "re_referral_rates", authority="Hampshire")
    assert as_rows(frame.drop(columns="source")) == [
        ("Hampshire", 2015, 26.4),
        ("Hampshire", 2016, 28.0),
    ]
    assert frame["source"].iloc[0].endswith("c1_children_in_need_referrals_cp1252.csv")
    england = import_table(REFERRALS_CP1252, "re_referral_rates", authority="England")
    assert england["rate_pct"].tolist() == [24.0, 22.3]


def test_financial_years_become_the_year_they_end(tmp_path):
    lines = [HEADER, f"201415,Financial year,{LA},480", f"201516,Financial year,{LA},505"]
    path = write(tmp_path, "fy.csv", lines)
    mapping = EesMapping("looked_after_starts_annual", "area", "year_ending", "children", "number")
    frame = import_table(path, mapping, authority="Hampshire")
    assert frame["year_ending"].tolist() == [2015, 2016]
    mapping = EesMapping("looked_after_children", "area", "month", "children", "number", month=3)
    assert import_table(path, mapping, code="850")["month"].tolist() == ["2015-03", "2016-03"]


def test_value_column_can_be_chosen_and_later_names_are_tried(tmp_path):
    renamed = CIN_BOM.read_text(encoding="utf-8-sig").replace(
        "At31_episodes,", "at31_episodes_num,"
    )
    path = tmp_path / "b1_renamed.csv"
    path.write_text(renamed, encoding="utf-8")
    frame = import_table(path, "children_in_need", authority="Hampshire")
    assert frame["children"].tolist() == [8020, 5820, 6555]
    started = import_table(
        CIN_BOM, "children_in_need", authority="Hampshire", value_column="started_episodes"
    )
    assert started["children"].tolist() == [5300, 4900, 5100]


def test_filters_can_be_added_replaced_or_dropped(tmp_path):
    starts = import_table(
        CLA,
        "looked_after_children",
        authority="England",
        filters={"population_count": "Children starting to be looked after each year"},
    )
    assert starts["children"].tolist() == [30430, 31340, 32050]
    path = write(tmp_path, "one_measure.csv", [HEADER, f"2016,Reporting year,{LA},1320"])
    with pytest.raises(DataError, match="population_count"):
        import_table(path, "looked_after_children", authority="Hampshire")
    frame = import_table(
        path, "looked_after_children", authority="Hampshire", filters={"population_count": None}
    )
    assert frame["children"].tolist() == [1320]


# --- clear errors -----------------------------------------------------------------------


def test_a_missing_column_is_named_with_the_file_and_header_row(tmp_path):
    path = write(
        tmp_path, "no_period.csv", [HEADER.replace("time_period,", ""), f"Reporting year,{LA},7"]
    )
    mapping = EesMapping("looked_after_starts_annual", "area", "year_ending", "children", "number")
    with pytest.raises(DataError) as err:
        import_table(path, mapping, authority="Hampshire")
    (problem,) = err.value.problems
    assert (problem.file, problem.row, problem.column) == ("no_period.csv", 1, "time_period")


def test_a_missing_value_column_lists_the_others(tmp_path):
    with pytest.raises(DataError, match="choose one with value_column") as err:
        import_table(CLA, "children_in_need", authority="Hampshire")
    assert err.value.problems[0].column == "At31_episodes"
    assert "rate_per_10000" in str(err.value)
    assert "at31_episodes_num" in str(err.value)


def test_a_missing_name_column(tmp_path):
    header = HEADER.replace(",la_name", "")
    path = write(
        tmp_path, "no_names.csv", [header, f"2016,Reporting year,{LA.rsplit(',', 1)[0]},7"]
    )
    mapping = EesMapping("looked_after_starts_annual", "area", "year_ending", "children", "number")
    with pytest.raises(DataError, match="one of the columns la_name"):
        import_table(path, mapping, authority="Hampshire", level="Local authority")
    frame = import_table(path, mapping, code="850", label="Hampshire")
    assert frame["area"].tolist() == ["Hampshire"]
    with pytest.raises(EesError, match="label="):
        import_table(path, mapping, code="850")


def test_unreadable_values_are_named_by_line_and_column(tmp_path):
    lines = [
        HEADER,
        f"2014,Reporting year,{LA},12a",
        f"2015,Reporting year,{LA},7.5",
        f"2016,Reporting year,{LA},-3",
        f"20167,Reporting year,{LA},4",
        f"2017,Calendar year,{LA},4",
    ]
    path = write(tmp_path, "bad.csv", lines)
    mapping = EesMapping("looked_after_starts_annual", "area", "year_ending", "children", "number")
    with pytest.raises(DataError) as err:
        import_table(path, mapping, authority="Hampshire")
    found = [(p.file, p.row, p.column, p.value) for p in err.value.problems]
    assert found == [
        ("bad.csv", 2, "number", "12a"),
        ("bad.csv", 3, "number", "7.5"),
        ("bad.csv", 4, "number", "-3"),
        ("bad.csv", 5, "time_period", "20167"),
        ("bad.csv", 6, "time_identifier", "Calendar year"),
    ]
    assert "not a whole number" in str(err.value)
    assert "at least 0" in str(err.value)


def test_a_rate_out_of_the_pack_range_is_refused(tmp_path):
    header = HEADER.replace(",number", ",Re_referrals_percent")
    path = write(tmp_path, "c1.csv", [header, f"2016,Reporting year,{LA},128.0"])
    with pytest.raises(DataError, match="from 0 to 100"):
        import_table(path, "re_referral_rates", authority="Hampshire")


def test_two_rows_for_one_period_name_the_column_that_tells_them_apart(tmp_path):
    header = HEADER.replace(",number", ",characteristic,number")
    lines = [header, f"2016,Reporting year,{LA},Male,300", f"2016,Reporting year,{LA},Female,205"]
    path = write(tmp_path, "by_sex.csv", lines)
    mapping = EesMapping("looked_after_starts_annual", "area", "year_ending", "children", "number")
    with pytest.raises(DataError, match="line 2 too.*differ in characteristic") as err:
        import_table(path, mapping, authority="Hampshire")
    assert err.value.problems[0].row == 3
    frame = import_table(path, mapping, authority="Hampshire", filters={"characteristic": "male"})
    assert frame["children"].tolist() == [300]


def test_a_filter_value_not_in_the_file_lists_those_that_are():
    with pytest.raises(DataError, match="Children looked after at 31 March each year"):
        import_table(
            CLA, "looked_after_children", authority="England", filters={"population_count": "All"}
        )


def test_unknown_tables_and_missing_files():
    with pytest.raises(EesError, match="the authority's own records.*looked_after_children"):
        import_table(CLA, "missing_returns", authority="Hampshire")
    with pytest.raises(EesError, match="no table 'looked_after_child'.*looked_after_children"):
        import_table(CLA, "looked_after_child", authority="Hampshire")
    with pytest.raises(EesError, match="not found"):
        import_table(FIXTURES / "nope.csv", "looked_after_children", authority="Hampshire")
    bad = EesMapping("no_such_table", "area", "year_ending", "children", "number")
    with pytest.raises(EesError, match="no table 'no_such_table'"):
        import_table(CLA, bad, authority="Hampshire")
    with pytest.raises(EesError):
        EesMapping("looked_after_children", "area", "quarter", "children", "number")
    assert issubclass(EesError, EvidenceBookError)
    assert issubclass(AreaNotFoundError, EesError)


def test_every_built_in_mapping_fits_its_pack_table():
    tables = all_tables()
    assert set(ees.MAPPINGS) >= {
        "looked_after_children",
        "looked_after_starts_annual",
        "children_in_need",
        "re_referral_rates",
    }
    for name, mapping in ees.MAPPINGS.items():
        spec = tables[name]
        assert mapping.table == name
        assert set(spec.column_names) == {
            mapping.area_column,
            mapping.period_column,
            mapping.value_column,
            "source",
        }
        assert mapping.period_column in spec.key and mapping.area_column in spec.key


# --- adding rows to a pack --------------------------------------------------------------


#: A small looked_after_children.csv as the default pack has it (with a month written Mar 2016).
PACK_ROWS = """area,month,children,source
Hampshire,2015-03,1362,Table 10
Hampshire,Mar 2016,1321,Table 10
England,2013-03,68060,Table 11 (at 31 March)
England,2014-03,68810,Table 11 (at 31 March)
England,2015-03,69480,Table 11 (at 31 March)
England,2016-03,70440,Table 11 (at 31 March)
"""


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A pack holding a looked_after_children.csv like the default pack's."""
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "looked_after_children.csv").write_text(PACK_ROWS, encoding="utf-8")
    return folder


def test_adding_rows_creates_a_valid_file(tmp_path):
    frame = import_table(REFERRALS_CP1252, "re_referral_rates", authority="Hampshire")
    update = add_to_pack(tmp_path, "re_referral_rates", frame)
    assert (update.added, update.replaced, update.unchanged) == (2, 0, 0)
    table = read_table(tmp_path, all_tables()["re_referral_rates"])
    assert as_rows(table.drop(columns="source")) == [
        ("Hampshire", 2015, 26.4),
        ("Hampshire", 2016, 28.0),
    ]
    assert update.path == tmp_path / "re_referral_rates.csv"


def test_new_rows_go_after_the_existing_ones_which_keep_their_text(pack):
    path = pack / "looked_after_children.csv"
    before = path.read_text()
    frame = import_table(CLA, "looked_after_children", authority="South East")
    update = add_to_pack(pack, "looked_after_children", frame)
    assert update.added == 3
    after = path.read_text()
    assert after.startswith(before)
    assert after.count("South East,") == 3
    read_table(pack, all_tables()["looked_after_children"])


def test_adding_the_same_rows_again_changes_nothing(pack):
    frame = import_table(CLA, "looked_after_children", authority="South East")
    add_to_pack(pack, "looked_after_children", frame)
    text = (pack / "looked_after_children.csv").read_text()
    update = add_to_pack(pack, "looked_after_children", frame)
    assert (update.added, update.replaced, update.unchanged) == (0, 0, 3)
    assert (pack / "looked_after_children.csv").read_text() == text


def test_rows_already_in_the_pack_are_not_overwritten_unless_asked(pack):
    path = pack / "looked_after_children.csv"
    before = path.read_text()
    frame = import_table(CLA, "looked_after_children", authority="England")
    with pytest.raises(DataError) as err:
        add_to_pack(pack, "looked_after_children", frame)
    assert path.read_text() == before  # nothing written
    rows = [p.row for p in err.value.problems]
    assert len(rows) == 3  # 2014-03, 2015-03 and 2016-03 are in the default pack already
    assert "area=England, month=2016-03" in str(err.value)
    assert "replace=True" in str(err.value)

    update = add_to_pack(pack, "looked_after_children", frame, replace=True)
    assert (update.added, update.replaced, update.unchanged) == (0, 3, 0)
    table = read_table(pack, all_tables()["looked_after_children"])
    england = table[table["area"] == "England"]
    assert england["month"].tolist() == ["2013-03", "2014-03", "2015-03", "2016-03"]
    assert england["source"].str.startswith("DfE explore").tolist() == [False, True, True, True]
    assert (pack / "looked_after_children.csv").read_text().splitlines()[2] == (
        "Hampshire,Mar 2016,1321,Table 10"
    )  # other rows keep their text
    assert list(table.index) == list(range(2, 2 + len(table)))  # replaced in place


def test_a_changed_value_is_a_clash_naming_both_values(pack):
    frame = pd.DataFrame(
        {
            "area": ["England"],
            "month": ["2016-03"],
            "children": [70000],
            "source": ["Table 11 (at 31 March)"],
        }
    )
    with pytest.raises(DataError, match=r"children='70440'.*children='70000'") as err:
        add_to_pack(pack, "looked_after_children", frame)
    assert err.value.problems[0].column == "children"


def test_keys_are_compared_after_reading_so_mar_2016_is_2016_03(pack):
    frame = import_table(CLA, "looked_after_children", authority="Hampshire")
    with pytest.raises(DataError) as err:
        add_to_pack(pack, "looked_after_children", frame)
    assert [p.row for p in err.value.problems] == [2, 3]  # children and source differ
    assert "month=2016-03: the file has children='1321'" in str(err.value)


def test_rows_that_break_the_schema_are_not_written(pack):
    path = pack / "looked_after_children.csv"
    before = path.read_text()
    frame = pd.DataFrame(
        {"area": ["Wessex"], "month": ["2016-13"], "children": [5], "source": ["x"]}
    )
    with pytest.raises(DataError, match="month"):
        add_to_pack(pack, "looked_after_children", frame)
    assert path.read_text() == before
    assert [p.name for p in pack.iterdir()] == ["looked_after_children.csv"]  # no temp files


def test_add_to_pack_refuses_wrong_columns_duplicates_and_missing_folders(pack, tmp_path):
    frame = import_table(CLA, "looked_after_children", authority="South East")
    with pytest.raises(EesError, match="missing: children"):
        add_to_pack(pack, "looked_after_children", frame.drop(columns="children"))
    with pytest.raises(EesError, match="twice"):
        add_to_pack(pack, "looked_after_children", pd.concat([frame, frame]))
    with pytest.raises(EesError, match="not found"):
        add_to_pack(tmp_path / "nowhere", "looked_after_children", frame)
    with pytest.raises(EesError, match="no table"):
        add_to_pack(pack, "nothing_like_this", frame)


def test_add_to_pack_refuses_a_table_kept_in_the_workbook(tmp_path):
    import openpyxl

    spec = all_tables()["looked_after_rates"]
    book = openpyxl.Workbook()
    book.active.title = spec.name
    book.active.append(spec.column_names)
    book.save(tmp_path / "pack.xlsx")
    frame = import_table(CLA, "looked_after_rates", authority="England")
    update = add_to_pack(tmp_path, "looked_after_rates", frame)  # the sheet is empty: fine
    assert update.added == 3

    book = openpyxl.load_workbook(tmp_path / "pack.xlsx")
    book[spec.name].append(["England", "2013-03", 60, "x"])
    book.save(tmp_path / "pack.xlsx")
    (tmp_path / "looked_after_rates.csv").unlink()
    with pytest.raises(EesError, match="pack.xlsx"):
        add_to_pack(tmp_path, "looked_after_rates", frame)


# --- the command line -------------------------------------------------------------------


def run_import(*args: str):
    from typer.testing import CliRunner

    from evidencebook.cli import app

    return CliRunner().invoke(app, ["import-ees", *args])


@pytest.mark.parametrize(
    "table",
    [
        "looked_after_starts_quarterly",
        "missing_returns",
        "referrals",
        "referral_ranges",
        "contacts",
        "looked_after_starts_exact",
    ],
)
def test_a_table_no_published_file_holds_must_come_from_the_authoritys_records(tmp_path, table):
    result = run_import(str(CLA), "--table", table, "--code", "850", "--data", str(tmp_path))
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert result.output == (
        f"Error: no national published statistics file has table '{table}': its rows must "
        f"come from the authority's own records (enter them in {table}.csv or its sheet in the "
        "pack's workbook). Tables that can be imported from a published file: "
        "children_in_need, looked_after_children, looked_after_rates, "
        "looked_after_starts_annual, re_referral_rates\n"
    )
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_a_misspelt_table_name_gets_a_suggestion(tmp_path):
    result = run_import(
        str(CLA), "--table", "looked_after_start_annual", "--code", "850", "--data", str(tmp_path)
    )
    assert result.exit_code == 1
    assert result.output.startswith(
        "Error: the data pack has no table 'looked_after_start_annual' (did you mean "
        "looked_after_starts_annual?)"
    )


def test_the_command_adds_one_areas_rows_to_the_pack(tmp_path):
    args = ["--table", "re_referral_rates", "--code", "921", "--data", str(tmp_path)]
    result = run_import(str(REFERRALS_CP1252), *args)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"{tmp_path / 're_referral_rates.csv'}: 1 row(s) added, 0 replaced, 0 already there",
        "  left out: year_ending 2015 is not available in the file (line 8: 'x')",
    ]
    table = read_table(tmp_path, all_tables()["re_referral_rates"])
    assert as_rows(table.drop(columns="source")) == [("Isle of Wight", 2016, 21.2)]
