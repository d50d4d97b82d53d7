"""``analysis.kept.Kept``: the few values a process keeps, each handed out as a copy."""

from __future__ import annotations

import threading

import pandas as pd

from evidencebook.analysis.kept import Kept


def test_a_kept_value_comes_back_as_a_copy_of_its_own():
    kept = Kept(4)
    frame = pd.DataFrame(
        {"a": pd.array([1, None], dtype="Int64")}, index=pd.Index([2, 3], name="line")
    )
    kept.put("k", frame)
    frame.loc[2, "a"] = 99  # the caller's frame changes afterwards
    first, second = kept.get("k"), kept.get("k")
    assert first is not second
    first.loc[2, "a"] = 7  # so does a copy handed out
    pd.testing.assert_frame_equal(
        second,
        pd.DataFrame(
            {"a": pd.array([1, None], dtype="Int64")}, index=pd.Index([2, 3], name="line")
        ),
    )
    assert kept.get("other") is None


def test_the_least_recently_used_goes_first():
    kept = Kept(2)
    kept.put("a", 1)
    kept.put("b", 2)
    assert kept.get("a") == 1  # used: "b" is now the oldest
    kept.put("c", 3)
    assert (kept.get("a"), kept.get("b"), kept.get("c"), len(kept)) == (1, None, 3, 2)


def test_a_value_that_cannot_be_pickled_is_not_kept():
    kept = Kept(2)
    kept.put("lock", threading.Lock())
    assert kept.get("lock") is None and len(kept) == 0
