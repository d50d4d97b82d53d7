"""Disclosure control: small counts withheld, and the cells that would reveal them."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from evidencebook.analysis import pack as pack_mod
from evidencebook.analysis.disclosure import (
    PACK_RECORD_COLUMNS,
    RECORD_COLUMNS,
    WITHHELD,
    DisclosureError,
    financial_year,
    suppress,
    suppress_dependent,
    suppress_value,
    withhold_pack,
    withhold_table,
)
from evidencebook.analysis.schemas import ColumnSpec, KnownSum, TableSpec
from evidencebook.exceptions import DataError, EvidenceBookError


def ages(counts: list[object], total: object | None = None) -> pd.DataFrame:
    """One authority's counts by age, with an "all ages" total row (the sum, unless given)."""
    labels = [str(a) for a in range(14, 14 + len(counts))]
    if total is None:
        total = sum(c for c in counts if isinstance(c, int))
    return pd.DataFrame(
        {
            "authority": "Hampshire",
            "age": [*labels, "all ages"],
            "children": [*counts, total],
        }
    )


def by_age(frame: pd.DataFrame, threshold: int = 5, **options):
    return suppress(
        frame, ["children"], threshold, by=["authority"], total_rows={"age": "all ages"}, **options
    )


def shown(result, column: str = "children") -> list[object]:
    return result.frame[column].tolist()


def reasons(result) -> list[tuple[object, str, str]]:
    return list(result.record[["row", "column", "reason"]].itertuples(index=False, name=None))


# --- suppress_value -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "threshold", "expected"),
    [
        (0, 5, 0),  # zero is shown by default
        (1, 5, WITHHELD),
        (4, 5, WITHHELD),  # threshold - 1: withheld
        (5, 5, 5),  # the threshold itself: shown
        (6, 5, 6),
        (9, 10, WITHHELD),
        (10, 10, 10),
        (1, 1, 1),  # threshold 1 withholds nothing
        (3.0, 5, WITHHELD),  # a whole float is a count
        (np.int64(7), 5, 7),
    ],
)
def test_suppress_value(n, threshold, expected):
    got = suppress_value(n, threshold)
    assert got == expected
    assert type(got) is type(expected)


def test_suppress_value_zero_can_be_withheld():
    assert suppress_value(0, 5, show_zero=False) == WITHHELD
    assert suppress_value(0, 1, show_zero=False) == WITHHELD


@pytest.mark.parametrize("bad", [-1, 2.5, "3", True, None, float("nan")])
def test_suppress_value_refuses_what_is_not_a_count(bad):
    with pytest.raises(DisclosureError):
        suppress_value(bad, 5)


@pytest.mark.parametrize("threshold", [0, -3, 2.5, "5", True])
def test_threshold_must_be_a_whole_number_of_one_or_more(threshold):
    with pytest.raises(DisclosureError, match="threshold"):
        suppress_value(3, threshold)
    with pytest.raises(DisclosureError, match="threshold"):
        by_age(ages([1, 9]), threshold)


def test_errors_share_the_package_root():
    assert issubclass(DisclosureError, EvidenceBookError)


# --- primary and secondary suppression ------------------------------------------------


def test_no_small_cells_leaves_the_table_unchanged():
    frame = ages([10, 12, 20, 7])
    result = by_age(frame)
    assert shown(result) == frame["children"].tolist()
    assert result.record.empty
    assert list(result.record.columns) == RECORD_COLUMNS
    assert result.unprotected == []


def test_one_small_cell_would_be_revealed_by_the_total_so_the_next_smallest_goes_too():
    # 45 - (10 + 12 + 20) = 3: withholding the 3 alone would not hide it.
    result = by_age(ages([3, 10, 12, 20]))
    assert shown(result) == [WITHHELD, WITHHELD, 12, 20, 45]
    assert reasons(result) == [(0, "children", "primary"), (1, "children", "secondary")]
    assert "row 0" in result.record["detail"].iloc[1]
    assert "authority=Hampshire" in result.record["detail"].iloc[1]


def test_two_small_cells_protect_each_other():
    result = by_age(ages([3, 2, 12, 20]))
    assert shown(result) == [WITHHELD, WITHHELD, 12, 20, 37]
    assert [r for _, _, r in reasons(result)] == ["primary", "primary"]


def test_secondary_cell_is_the_smallest_non_zero_shown_count_first_in_order_on_ties():
    result = by_age(ages([20, 0, 9, 3, 9]))
    # the zero is not chosen (it protects little); of the two 9s the first is.
    assert shown(result) == [20, 0, WITHHELD, WITHHELD, 9, 41]


def test_a_zero_is_used_only_when_nothing_else_can_be():
    result = by_age(ages([3, 0], total=3))
    # the total is itself small (3), so two cells are withheld and the zero stays shown.
    assert shown(result) == [WITHHELD, 0, WITHHELD]
    result = by_age(ages([3, 0, pd.NA], total=10))
    assert shown(result) == [WITHHELD, WITHHELD, pd.NA, 10]


def test_the_total_is_withheld_when_no_other_part_can_be():
    # the other age is not available (blank), so only the total can protect the 2.
    result = by_age(ages([2, pd.NA], total=14))
    assert shown(result) == [WITHHELD, pd.NA, WITHHELD]
    assert reasons(result)[-1] == (2, "children", "secondary")


def test_a_small_total_alone_would_be_revealed_by_adding_up_the_parts():
    frame = ages([0, 0, 4])
    result = by_age(frame, show_zero=False)
    assert shown(result) == [WITHHELD, WITHHELD, WITHHELD, WITHHELD]
    frame = pd.DataFrame({"area": ["A", "B", "Total"], "n": [2, 0, 2]})
    result = suppress(frame, ["n"], 5, total_rows={"area": "Total"})
    assert shown(result, "n") == [WITHHELD, 0, WITHHELD]


@pytest.mark.parametrize(
    ("counts", "threshold", "expected"),
    [
        ([4, 30, 30], 5, [WITHHELD, WITHHELD, 30, 64]),
        ([5, 30, 30], 5, [5, 30, 30, 65]),
        ([9, 30, 31], 10, [WITHHELD, WITHHELD, 31, 70]),
        ([10, 30, 31], 10, [10, 30, 31, 71]),
        ([1, 30, 31], 1, [1, 30, 31, 62]),
    ],
)
def test_threshold_edges(counts, threshold, expected):
    assert shown(by_age(ages(counts), threshold)) == expected


def test_zero_is_shown_unless_asked_and_then_protected_like_any_other():
    assert shown(by_age(ages([0, 30, 31]))) == [0, 30, 31, 61]
    result = by_age(ages([0, 30, 31]), show_zero=False)
    assert shown(result) == [WITHHELD, WITHHELD, 31, 61]
    assert result.record["detail"].iloc[0] == "a zero (zeros withheld)"


def test_groups_are_protected_separately_and_columns_separately():
    frame = pd.DataFrame(
        {
            "authority": ["Hampshire"] * 3 + ["Isle of Wight"] * 3,
            "sex": ["girls", "boys", "all"] * 2,
            "starts": [3, 40, 43, 12, 20, 32],
            "leavers": [15, 16, 31, 2, 1, 3],
        }
    )
    result = suppress(frame, ["starts", "leavers"], 5, by=["authority"], total_rows={"sex": "all"})
    assert shown(result, "starts") == [WITHHELD, WITHHELD, 43, 12, 20, 32]
    assert shown(result, "leavers") == [15, 16, 31, WITHHELD, WITHHELD, WITHHELD]


def test_a_total_column_protects_across_columns():
    frame = pd.DataFrame({"team": ["A", "B"], "boys": [3, 8], "girls": [7, 9], "total": [10, 17]})
    result = suppress(
        frame, ["boys", "girls", "total"], 5, column_totals={"total": ["boys", "girls"]}
    )
    assert result.frame.loc[0, ["boys", "girls", "total"]].tolist() == [WITHHELD, WITHHELD, 10]
    assert result.frame.loc[1, ["boys", "girls", "total"]].tolist() == [8, 9, 17]


def withheld_in_each_sum(result, rows_sums, column_sums) -> list[int]:
    """How many withheld cells each sum of a two-way table has (must be 0 or at least 2)."""
    out = []
    for cells in [*rows_sums, *column_sums]:
        out.append(sum(result.frame.loc[r, c] == WITHHELD for r, c in cells))
    return out


def test_two_way_table_ends_with_no_sum_holding_a_lone_withheld_cell():
    frame = pd.DataFrame(
        {
            "area": ["A", "B", "C", "Total"],
            "boys": [3, 8, 12, 23],
            "girls": [7, 9, 6, 22],
            "total": [10, 17, 18, 45],
        }
    )
    cols = ["boys", "girls", "total"]
    result = suppress(
        frame, cols, 5, total_rows={"area": "Total"}, column_totals={"total": ["boys", "girls"]}
    )
    row_sums = [[(r, c) for c in cols] for r in range(4)]
    column_sums = [[(r, c) for r in range(4)] for c in cols]
    counts = withheld_in_each_sum(result, row_sums, column_sums)
    assert all(n == 0 or n >= 2 for n in counts), counts
    # the classic rectangle: the 3, its row partner and the smallest boys/girls pair below it
    assert result.frame.loc[0, "boys"] == WITHHELD
    assert result.frame.loc[3, "total"] == 45
    assert (result.record["reason"] == "primary").sum() == 1


def test_totals_known_from_elsewhere_protect_a_group_without_a_total_row():
    frame = pd.DataFrame({"authority": ["H", "H", "H", "W", "W"], "n": [3, 8, 9, 20, 30]})
    result = suppress(frame, ["n"], 5, by=["authority"], totals_known=True)
    assert shown(result, "n") == [WITHHELD, WITHHELD, 9, 20, 30]
    assert "(known)" in result.record["detail"].iloc[1]
    # without the known totals, nothing can be subtracted: only the small cell goes.
    assert shown(suppress(frame, ["n"], 5), "n") == [WITHHELD, 8, 9, 20, 30]


def test_a_cell_that_cannot_be_protected_is_reported():
    frame = pd.DataFrame({"authority": ["H", "W", "W"], "n": [3, 20, 30]})
    result = suppress(frame, ["n"], 5, by=["authority"], totals_known=True)
    assert shown(result, "n") == [WITHHELD, 20, 30]
    assert len(result.unprotected) == 1
    assert "row 0, n" in result.unprotected[0]


def test_a_total_row_with_no_parts_is_not_a_sum_to_protect():
    frame = pd.DataFrame({"sample": ["files", "files", "files", "families"],
                          "strand": ["all", "a", "b", "all"], "n": [30, 3, 27, 4]})  # fmt: skip
    result = suppress(frame, ["n"], 5, by=["sample"], total_rows={"strand": "all"})
    assert shown(result, "n") == [30, WITHHELD, WITHHELD, WITHHELD]
    assert result.unprotected == []  # the families' total alone adds up nothing


def test_values_already_withheld_count_as_withheld():
    result = by_age(ages(["c", 3, 12, 20], total=40))
    assert shown(result) == [WITHHELD, WITHHELD, 12, 20, 40]
    assert reasons(result) == [(1, "children", "primary")]  # the given "c" is not recorded


def test_input_unchanged_index_kept_and_other_columns_untouched():
    frame = ages([3, 10, 12, 20]).set_index(pd.Index(list("abcde"), name="key"))
    before = frame.copy()
    result = by_age(frame)
    pd.testing.assert_frame_equal(frame, before)
    assert list(result.frame.index) == list("abcde")
    assert result.frame["age"].tolist() == frame["age"].tolist()
    assert reasons(result) == [("a", "children", "primary"), ("b", "children", "secondary")]
    assert result.withheld("children").tolist() == [True, True, False, False, False]


def test_shown_counts_stay_plain_ints_for_glue():
    result = by_age(ages([3, 10, 12, 20]).astype({"children": "Int64"}))
    assert all(type(v) is int for v in result.frame["children"] if v != WITHHELD)


# --- percentages computed from counts -------------------------------------------------


def test_shares_of_withheld_counts_are_withheld_too():
    frame = ages([3, 10, 12, 20])
    frame["share_pct"] = frame["children"] / 45 * 100
    result = by_age(frame, dependent={"share_pct": "children"})
    assert result.frame["share_pct"].tolist()[:2] == [WITHHELD, WITHHELD]
    assert result.frame["share_pct"].tolist()[2:] == frame["share_pct"].tolist()[2:]
    dependent = result.record[result.record["reason"] == "dependent"]
    assert dependent["row"].tolist() == [0, 1]
    assert dependent["detail"].iloc[0] == "computed from withheld children"


def test_suppress_dependent_on_several_counts():
    frame = pd.DataFrame({"returning": [40, 3], "interviewed": [2, 3], "pct": [5.0, 100.0]})
    result = suppress(frame, ["returning", "interviewed"], 5)
    result = suppress_dependent(result, "pct", ["returning", "interviewed"])
    assert result.frame["pct"].tolist() == [WITHHELD, WITHHELD]
    assert result.record["reason"].tolist() == [
        "primary",
        "primary",
        "primary",
        "dependent",
        "dependent",
    ]
    # applying it twice records nothing new
    again = suppress_dependent(result, "pct", ["returning", "interviewed"])
    assert len(again.record) == len(result.record)


# --- refused input --------------------------------------------------------------------


def test_unknown_columns_are_named():
    with pytest.raises(DisclosureError, match="'nope'"):
        suppress(ages([3, 9]), ["nope"], 5)
    with pytest.raises(DisclosureError, match="'region'"):
        suppress(ages([3, 9]), ["children"], 5, by=["region"], totals_known=True)
    with pytest.raises(DisclosureError, match="'pct'"):
        suppress_dependent(suppress(ages([3, 9]), ["children"], 5), "pct", "children")


@pytest.mark.parametrize("bad", [-1, 2.5, "three"])
def test_counts_must_be_whole_numbers_of_zero_or_more(bad):
    with pytest.raises(DisclosureError, match="row 1, column 'children'"):
        by_age(ages([4, bad], total=10))


def test_two_total_rows_in_a_group_are_refused():
    frame = pd.concat([ages([3, 9]), ages([3, 9]).tail(1)], ignore_index=True)
    with pytest.raises(DisclosureError, match="2 total rows"):
        by_age(frame)


def test_groups_without_any_known_sum_are_a_mistake():
    with pytest.raises(DisclosureError, match="total_rows or totals_known"):
        suppress(ages([3, 9]), ["children"], 5, by=["authority"])


def test_column_totals_must_be_count_columns():
    frame = pd.DataFrame({"boys": [3], "girls": [9], "total": [12]})
    with pytest.raises(DisclosureError, match="not counts: total"):
        suppress(frame, ["boys", "girls"], 5, column_totals={"total": ["boys", "girls"]})


# --- A data pack, for a published book -------------------------------------------------------


QUARTERS = TableSpec(
    "quarters",
    ("test",),
    "Children starting care by quarter",
    "hand-made",
    (
        ColumnSpec("authority", "text", "Authority"),
        ColumnSpec("quarter", "quarter", "Quarter"),
        ColumnSpec("children", "int", "Children", minimum=0, nullable=True, disclosive=True),
        ColumnSpec("teams", "int", "Teams (not people)", minimum=0),
    ),
    key=("authority", "quarter"),
    known_sums=(
        KnownSum(
            by=("authority", "year"),
            totals_known=True,
            derive=(("year", "financial_year", "quarter"),),
        ),
    ),
)
MEASURES = TableSpec(
    "measures",
    ("test",),
    "Counts of young people, and of teams",
    "hand-made",
    (
        ColumnSpec("measure", "text", "What", allowed=("referred", "started", "teams")),
        ColumnSpec("count", "int", "The count", minimum=0, disclosive=True),
    ),
    key=("measure",),
    withhold_rows=("measure", ("referred", "started")),
)


def write(folder: Path, spec: TableSpec, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / spec.file_name).write_text(text, encoding="utf-8")
    return folder


QUARTERS_CSV = (
    "authority,quarter,children,teams\n"
    "North,2015-Q2,20,3\n"  # financial year 2015-16: Q2, Q3, Q4 and 2016-Q1
    "North,2015-Q3,4,3\n"  # below 5: withheld
    "North,2015-Q4,30,3\n"
    "North,2016-Q1,12,3\n"  # smallest other count of the year: withheld to protect 2015-Q3
    "North,2016-Q2,,3\n"  # not available: neither shown nor withheld
    "South,2015-Q3,c,2\n"  # withheld by the pack itself
    "South,2015-Q4,8,2\n"  # withheld to protect it (the annual total is published)
    "South,2016-Q1,40,2\n"
)


def test_financial_year_of_a_quarter():
    assert financial_year("2015-Q2") == "2015-16"
    assert financial_year("2016-Q1") == "2015-16"
    assert financial_year("1999-Q4") == "1999-00"


def test_read_table_marks_withheld_counts_in_one_way_only_a_column(tmp_path):
    folder = write(tmp_path, QUARTERS, QUARTERS_CSV)
    frame = pack_mod.read_table(folder, QUARTERS)
    assert frame.attrs == {}  # no second record of withheld cells beside the columns
    marks = [c for c in frame.columns if c.endswith(pack_mod.WITHHELD_SUFFIX)]
    assert marks == ["children_withheld"]  # one per count that may be withheld; teams has none
    assert frame["children_withheld"].dtype == bool
    assert frame["children_withheld"].tolist() == [0, 0, 0, 0, 0, 1, 0, 0]
    assert frame.loc[7, "children"] is pd.NA  # the value itself is blank, as a blank one is
    assert frame.loc[6, "children_withheld"] == False  # noqa: E712 - blank: not available
    # the marks follow the rows: filtered, sorted, renumbered and concatenated
    moved = pd.concat([frame.iloc[::-1].reset_index(drop=True), frame.head(0)])
    assert pack_mod.withheld(moved, "children").tolist() == [0, 0, 1, 0, 0, 0, 0, 0]
    assert pack_mod.cell(frame, 7, "children") is pd.NA  # shown c
    assert pack_mod.cell(frame, 6, "children") is None  # shown x
    clean = pack_mod.read_table(
        write(tmp_path, QUARTERS, QUARTERS_CSV.replace(",c,", ",1,")), QUARTERS
    )
    assert not clean["children_withheld"].any() and not pack_mod.has_withheld(clean)
    assert clean.attrs == {}


def test_a_pack_may_write_c_for_a_count_of_people_only(tmp_path):
    folder = write(tmp_path, QUARTERS, QUARTERS_CSV)
    frame = pack_mod.read_table(folder, QUARTERS)
    assert pack_mod.withheld(frame, "children").tolist() == [0, 0, 0, 0, 0, 1, 0, 0]
    assert pd.isna(frame.loc[7, "children"]) and pd.isna(frame.loc[6, "children"])
    assert pack_mod.has_withheld(frame)
    # "c" for teams (not a count of people) is still a blank required value
    write(tmp_path, QUARTERS, QUARTERS_CSV.replace("North,2015-Q4,30,3", "North,2015-Q4,30,c"))
    with pytest.raises(DataError) as err:
        pack_mod.read_table(tmp_path, QUARTERS)
    assert [(p.row, p.column) for p in err.value.problems] == [(4, "teams")]
    # and only in the rows that count people
    write(tmp_path, MEASURES, "measure,count\nreferred,c\nteams,c\n")
    with pytest.raises(DataError) as err:
        pack_mod.read_table(tmp_path, MEASURES)
    assert [(p.row, p.column) for p in err.value.problems] == [(3, "count")]


def test_withhold_table_primary_secondary_and_given(tmp_path):
    frame = pack_mod.read_table(write(tmp_path, QUARTERS, QUARTERS_CSV), QUARTERS)
    published, record = withhold_table(QUARTERS, frame, 5)
    assert published["children"].tolist() == [
        20,
        WITHHELD,
        30,
        WITHHELD,
        None,
        WITHHELD,
        WITHHELD,
        40,
    ]
    assert published["teams"].tolist() == frame["teams"].tolist()  # not counts of people
    assert list(record.columns) == PACK_RECORD_COLUMNS
    assert record[["line", "column", "reason"]].values.tolist() == [
        [3, "children", "primary"],
        [5, "children", "secondary"],
        [8, "children", "secondary"],
    ]
    assert record["file"].eq("quarters.csv").all()
    # the record names cells, never their values
    assert not record["detail"].str.contains(r"\b(?:4|12|8)\b").any()
    # a lower threshold withholds nothing new
    published, record = withhold_table(QUARTERS, frame, 2)
    assert published["children"].tolist()[:5] == [20, 4, 30, 12, None]
    assert record["line"].tolist() == [8]  # South's other quarter still protects the pack's c


def test_withhold_table_only_in_rows_counting_people(tmp_path):
    folder = write(tmp_path, MEASURES, "measure,count\nreferred,30\nstarted,3\nteams,3\n")
    published, record = withhold_table(MEASURES, pack_mod.read_table(folder, MEASURES), 5)
    assert published["count"].tolist() == [30, WITHHELD, 3]
    assert record["line"].tolist() == [3]


def test_withhold_pack_writes_a_copy_and_never_changes_the_pack(tmp_path):
    source = tmp_path / "pack"
    shutil.copytree(pack_mod.default_pack_dir(), source)
    before = {p.name: p.read_bytes() for p in source.rglob("*") if p.is_file()}
    target = tmp_path / "published"
    record = withhold_pack(source, target, 10)
    assert {p.name: p.read_bytes() for p in source.rglob("*") if p.is_file()} == before
    # every table is in the copy, and it is a valid pack
    assert {p.name for p in target.glob("*.csv")} >= {
        t.file_name for t in pack_mod.all_tables().values() if pack_mod.has_table(source, t)
    }
    assert pack_mod.validate_pack(target) == []
    # the edge of care case-file judgements (8, 2, 2; 5, 3, 4) are all below 10
    files = pack_mod.read_table(target, pack_mod.all_tables()["edge_case_files"])
    assert pack_mod.withheld(files, "cases").all()
    assert set(record["file"]) >= {"edge_case_files.csv", "cse_samples.csv"}
    # values not withheld are exactly as in the pack
    for name in ("pa_posts", "edge_counts", "team_caseloads"):
        spec = pack_mod.all_tables()[name]
        a = pack_mod.read_table(source, spec).reset_index(drop=True)
        b = pack_mod.read_table(target, spec).reset_index(drop=True)
        pd.testing.assert_frame_equal(a, b, check_like=False, check_exact=True)


def test_withhold_pack_refuses_a_bad_threshold(tmp_path):
    with pytest.raises(DisclosureError, match="threshold"):
        withhold_pack(pack_mod.default_pack_dir(), tmp_path / "out", 0)


def test_a_lone_withheld_count_beside_counts_not_available_needs_nothing_more(tmp_path):
    text = "authority,quarter,children,teams\nNorth,2015-Q3,4,3\nNorth,2015-Q4,,3\n"
    frame = pack_mod.read_table(write(tmp_path, QUARTERS, text), QUARTERS)
    published, record = withhold_table(QUARTERS, frame, 5)
    assert published["children"].tolist() == [WITHHELD, None]
    assert record[["line", "reason"]].values.tolist() == [[2, "primary"]]
