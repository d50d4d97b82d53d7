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


def test_a_series_kept_in_one_compute_is_not_given_to_the_next():
    table = counts()
    with s.worked_out_once():
        assert s.series(table, "A")["children"].tolist()[0] == 10
    table.loc[4, "children"] = 11  # the same frame, changed between computes
    with s.worked_out_once():
        assert s.series(table, "A")["children"].tolist()[0] == 11
