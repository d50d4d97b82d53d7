"""The symbols for a value the book does not show: "c" withheld, "x" not available.

A withheld value (a count of people withheld, or a figure worked out from one) is ``pd.NA``;
one that is merely not available (no data, a share of a base of 0, a benefit per pound when
the net cost is 0, a switching value out of reach) is ``None`` or NaN. Every function that
prints a figure says which.
"""

from __future__ import annotations

import pandas as pd
import pytest

from evidencebook.analysis import charts, common, figures, formatting, grading, series
from evidencebook.analysis.chapter import Table
from evidencebook.analysis.uncertainty import format_share, interval_figures

WITHHELD = pd.NA
NOT_AVAILABLE = [None, float("nan")]


def test_the_symbols_are_the_gss_ones_the_national_data_reads():
    from evidencebook.analysis.national.measures import SYMBOLS

    assert SYMBOLS[formatting.WITHHELD] == "withheld"
    assert SYMBOLS[formatting.NOT_AVAILABLE] == "not_available"
    assert SYMBOLS[formatting.NOT_APPLICABLE] == "not_available"
    assert formatting.WITHHELD != formatting.NOT_AVAILABLE


@pytest.mark.parametrize("missing", NOT_AVAILABLE)
def test_missing_symbol_says_why(missing):
    assert formatting.missing_symbol(WITHHELD) == "c"
    assert formatting.missing_symbol(missing) == "x"
    assert formatting.is_withheld(WITHHELD) and not formatting.is_withheld(missing)
    assert formatting.symbol(True) == "c" and formatting.symbol(False) == "x"


@pytest.mark.parametrize("missing", NOT_AVAILABLE)
def test_figures_glued_and_shown(missing):
    assert figures.plain(WITHHELD) == "c" and figures.plain(missing) == "x"
    assert figures.shown(WITHHELD, ",.0f") == "c" and figures.shown(missing, ",.0f") == "x"
    assert figures.shown(1234.5, ",.0f") == "1,234"


@pytest.mark.parametrize("missing", NOT_AVAILABLE)
def test_series_counts_and_percentages(missing):
    assert series._n(WITHHELD) == "c" and series._n(missing) == "x"
    assert series.pct_text(WITHHELD) == "c" and series.pct_text(missing) == "x"
    assert series.pct_text(12.34) == "+12.3%"


def test_a_change_from_a_withheld_count_is_withheld_from_a_missing_one_not_available():
    assert series.change(pd.NA, 10) is pd.NA and series.change(10, pd.NA) is pd.NA
    assert pd.isna(series.change(None, 10)) and series.change(None, 10) is not pd.NA
    assert pd.isna(series.change(10, float("nan"))) and series.change(10, None) is not pd.NA
    assert series.change(10, 15) == 50


def test_a_count_kept_whole_keeps_why_it_is_missing():
    assert common.whole(pd.NA) is pd.NA
    assert common.whole(None) is None and common.whole(float("nan")) is None
    assert common.whole(7.0) == 7


def _window(**values: object) -> dict[str, object]:
    base = {
        "window": 3,
        "first_from": "2015-10",
        "first_to": "2015-12",
        "last_from": "2016-07",
        "last_to": "2016-09",
        "before": 0.0,
        "after": 5.0,
        "change": float("nan"),  # a change from a mean of 0: not available
        "low": 0.0,
        "high": 7.0,
        "months": 12,
    }
    return base | values


def test_window_text_says_x_for_a_change_from_0_and_c_for_a_withheld_mean():
    text = common.window_text(_window(), "interviews")
    assert "(x)" in text and "(c)" not in text
    shut = common.window_text(
        _window(before=pd.NA, change=pd.NA, low=pd.NA, high=pd.NA), "interviews"
    )
    assert "averaged c a month" in shut and shut.endswith("(c)")


def test_window_means_gives_nan_for_a_change_from_0_and_na_for_a_withheld_month():
    months = [f"2016-{m:02d}" for m in range(1, 7)]
    zero = common.window_means(months, [0, 0, 0, 4, 5, 6])
    assert pd.isna(zero["change"]) and zero["change"] is not pd.NA
    shut = common.window_means(months, [1, pd.NA, 3, 4, 5, 6])
    assert shut["change"] is pd.NA


def test_a_share_of_a_withheld_count_is_c_of_a_missing_one_x():
    assert format_share(pd.NA, 10) == "c" and format_share(3, pd.NA) == "c"
    assert format_share(None, 10) == "x" and format_share(3, float("nan")) == "x"
    ends = interval_figures({"a": (pd.NA, 10), "b": (None, 10)})
    assert ends["a_low"] is pd.NA and ends["a_high"] is pd.NA
    assert pd.isna(ends["b_low"]) and ends["b_low"] is not pd.NA


def test_the_audit_lists_items_withheld_as_c_and_not_available_as_x():
    assert grading._as_text((1.5, pd.NA, float("nan"))) == "1.5;c;x"


def test_a_table_showing_a_symbol_says_what_it_means_and_one_without_says_nothing():
    both = pd.DataFrame({"count": ["c", "12", "x"], "what": ["a", "b", "d"]})
    assert formatting.symbols_shown(both) == ["c", "x"]
    note = formatting.symbols_note(both)
    assert note.startswith("c: withheld") and "x: not available" in note
    only_c = pd.DataFrame({"count": ["c", 12]})
    assert formatting.symbols_note(only_c).startswith("c: withheld")
    assert "x:" not in formatting.symbols_note(only_c)
    plain = pd.DataFrame({"count": [1, 2]})
    assert formatting.symbols_note(plain) == ""
    assert "evb-table-note" in charts.data_table_html(both, title="T")
    assert "evb-table-note" not in charts.data_table_html(plain, title="T")
    assert "x: not available" in Table("t", both).html()
    assert "evb-table-note" not in Table("t", plain).html()


def test_a_charts_description_says_what_the_symbols_among_its_labels_mean():
    assert formatting.symbols_said(["+5%", "x"]).strip().startswith("x: not available")
    assert "c: withheld" in formatting.symbols_said(["c", "x"])
    assert formatting.symbols_said(["+5%", "-3%"]) == ""


@pytest.mark.parametrize(
    ("name", "header"),
    [
        ("share_pct", "share (%)"),
        ("interval_high_pct", "interval high (%)"),
        ("gbp_per_year", "£ per year"),
        ("cum_pv_benefit", "cumulative present value benefit"),
        ("per_10000", "per 10,000"),
        ("ages_14_18", "ages 14-18"),
        ("return_interviews", "return interviews"),
        ("count", "count"),  # a name in words already: as it is
        ("change first to last (%)", "change first to last (%)"),
        ("_pct", "_pct"),
    ],
)
def test_a_column_named_as_code_is_headed_in_words(name, header):
    from evidencebook.analysis.formatting import header_text

    assert header_text(name) == header


def test_a_chart_data_table_heads_its_columns_in_words_and_its_download_keeps_the_names():
    frame = pd.DataFrame({"activity": ["Admin"], "share_pct": [36.0], "gbp_per_year": [1200]})
    table = charts.data_table_html(frame, title="T")
    assert "<th>share (%)</th>" in table and "<th>£ per year</th>" in table
    assert "share_pct" not in table
    from evidencebook.analysis import downloads

    assert downloads.csv_for_readers(frame).splitlines()[0] == "activity,share_pct,gbp_per_year"
