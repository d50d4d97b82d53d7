"""Time series from a pack's counts (evidencebook.analysis.series): one area's series, and
each worked out once within one chapter's compute."""

from __future__ import annotations

import pandas as pd
import pytest

from evidencebook.analysis import series as s


def counts() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "authority": ["B", "A", "A", "A"],
            "month": ["2015-03", "2016-03", "2015-03", "2015-10"],
            "children": pd.array([9, 30, 10, None], dtype="Int64"),
            "children_withheld": [False, False, False, True],
        },
        index=[2, 3, 4, 5],
    )


def test_series_is_one_area_in_time_order_with_dates_and_labels():
    got = s.series(counts(), "A")
    assert got["month"].tolist() == ["2015-03", "2015-10", "2016-03"]
    assert got["label"].tolist() == ["Mar 2015", "Oct 2015", "Mar 2016"]
    assert got["date"].tolist() == [pd.Timestamp(m + "-01") for m in got["month"]]
    assert str(got["children"].dtype) == "Float64" and got.index.tolist() == [0, 1, 2]
    assert got["children_withheld"].tolist() == [False, True, False]
    assert list(got.columns) == [*counts().columns, "date", "label"]
    assert s.series(counts(), "Nowhere").empty
    by_year = pd.DataFrame({"area": ["A", "A"], "year_ending": [2016, 2015], "children": [2, 1]})
    assert s.series(by_year, "A")["label"].tolist() == ["2014-15", "2015-16"]
    with pytest.raises(KeyError, match="month, quarter or year_ending"):
        s.series(pd.DataFrame({"area": ["A"], "children": [1]}), "A")


def test_within_a_compute_a_series_is_worked_out_once_each_caller_with_its_own_copy():
    calls = []

    @s.once_a_compute
    def doubled(frame: pd.DataFrame, column: str = "children") -> pd.DataFrame:
        calls.append(column)
        return frame.assign(twice=frame[column] * 2)

    table = counts()
    with s.worked_out_once():
        first = doubled(table)
        first.loc[2, "twice"] = -1  # a caller changing its copy
        again = doubled(table, column="children")  # the same arguments, however given
        assert calls == ["children"]
        assert again.loc[2, "twice"] == 18
        changed = table.assign(children=table["children"] + 1)  # another frame
        assert doubled(changed).loc[2, "twice"] == 20
        assert calls == ["children", "children"]
    doubled(table)  # outside: worked out every time
    doubled(table)
    assert len(calls) == 4


def test_a_shared_part_of_a_table_is_one_frame_so_its_series_are_worked_out_once_too():
    calls = []

    @s.once_a_compute(shared=True)
    def area_a(frame: pd.DataFrame) -> pd.DataFrame:
        calls.append(1)
        return frame[frame["authority"] == "A"]

    table = counts()
    with s.worked_out_once():
        assert area_a(table) is area_a(table)  # the same frame: read, never changed
        assert s.series(area_a(table), "A") is not s.series(area_a(table), "A")  # copies
        assert calls == [1]
    assert area_a(table) is not area_a(table)  # outside: worked out every time
    assert len(calls) == 3


def test_like_period_changes_among_some_authorities_is_theirs_alone():
    table = pd.DataFrame(
        {
            "authority": ["A", "A", "B", "B", "C", "C", "C"],
            "month": ["2015-03", "2016-03", "2015-03", "2016-03", "2015-06", "2015-09", "2016-03"],
            "children": pd.array([10, 12, 20, 18, 5, 6, 7], dtype="Int64"),
        }
    )
    among = s.like_period_changes(table, "2015-03", among=["A", "B"])
    alone = s.like_period_changes(table[table["authority"].isin(["A", "B"])], "2015-03")
    pd.testing.assert_frame_equal(among, alone)
    assert among["authority"].tolist() == ["A", "B"] and among["from"].tolist() == ["Mar 2015"] * 2
    # with C too, the only month all three counted is March 2016: no like period
    assert s.like_period_changes(table, "2015-03").empty


def test_a_series_kept_in_one_compute_is_not_given_to_the_next():
    table = counts()
    with s.worked_out_once():
        assert s.series(table, "A")["children"].tolist()[0] == 10
    table.loc[4, "children"] = 11  # the same frame, changed between computes
    with s.worked_out_once():
        assert s.series(table, "A")["children"].tolist()[0] == 11
