"""Tables as HTML and CSV text: the same text as pandas writes, for hand-made tables and for
every table the book shows."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from evidencebook.analysis import downloads, tabular


def pandas_html(frame, classes="", na_rep="NaN", float_format=None, blank=None, whole=False):  # noqa: ANN001, ANN201
    """What :func:`tabular.html_table` must give: pandas' own."""
    shown = tabular.whole_numbers(frame) if whole else frame
    shown = shown if blank is None else shown.astype(object).where(shown.notna(), blank)
    return shown.to_html(
        index=False,
        escape=True,
        border=0,
        classes=classes or None,
        na_rep=na_rep,
        float_format=float_format,
    )


def pandas_csv(frame):  # noqa: ANN001, ANN201
    """What :func:`downloads.csv_for_readers` must give: pandas' own."""
    return downloads.inert_frame(downloads.whole_numbers(frame)).to_csv(index=False)


#: Hand-made tables with every kind of column and value written directly, and the awkward
#: values: text with markup, control characters, spaces at either end and two together,
#: formula-like text, missing values of every sort, floats pandas trims, whole floats,
#: very large and very small numbers.
MIXED = pd.DataFrame(
    {
        "text": ["<b>A&B</b>", "  two  spaces ", "tab\there\nnew line", "=SUM(A1)", "-12"],
        "str": pd.array(["a", None, "c,d", 'say "hi"', "é"], dtype="str"),
        "string": pd.array(["x", None, "y", "z", "+1"], dtype="string"),
        "whole": [1, -2, 3, 0, 2**40],
        "flag": [True, False, True, True, False],
        "Int64": pd.array([1, None, 3, 4, 5], dtype="Int64"),
        "Float64": pd.array([1.5, None, 2.0, -0.25, 3.0], dtype="Float64"),
        "whole Float64": pd.array([1.0, None, 2.0, 3.0, 4.0], dtype="Float64"),
        "objects": [1.5, None, "c", True, 3],
        "object floats": [np.float64(2.0), 1.0, np.nan, pd.NA, 7.0],
        "floats": [0.1, 1e16, 1e-5, 123456789012.5, np.nan],
        "whole floats": [1.0, 2.0, np.nan, -3.0, 0.0],
        "third": [1 / 3, 2 / 3, -1 / 3, 1e22, 0.30000000000000004],
        "boolean": pd.array([True, None, False, True, True], dtype="boolean"),
    }
)


@pytest.mark.parametrize("whole", [False, True])
@pytest.mark.parametrize("blank", [None, "n/a", ""])
@pytest.mark.parametrize("na_rep", ["NaN", "", "n/a"])
@pytest.mark.parametrize("float_format", [None, "{:,.1f}".format, lambda x: f"£{x:.2f}"])
@pytest.mark.parametrize("classes", ["", "evb-table", "dataframe evb-table"])
def test_html_is_pandas_html_for_every_kind_of_column(whole, blank, na_rep, float_format, classes):
    frame = MIXED if blank is not None else MIXED.drop(columns=["floats", "whole floats", "third"])
    expected = pandas_html(frame, classes, na_rep, float_format, blank, whole)
    assert tabular.html_table(frame, classes, na_rep, float_format, blank, whole) == expected


def test_html_of_headers_that_need_escaping_is_pandas_html():
    frame = pd.DataFrame({"a\tb  c": [1], " x ": [2], "<&>": [3]})
    assert tabular.html_table(frame, "evb-data") == pandas_html(frame, "evb-data")


@pytest.mark.parametrize(
    "frame",
    [
        pd.DataFrame({"when": pd.to_datetime(["2016-03-31"]), "n": [1]}),  # dates
        pd.DataFrame({"n": [1.5, 2.25]}),  # numpy floats shown as one column
        pd.DataFrame({"cat": pd.Categorical(["a", "b"])}),
        pd.DataFrame({"v": [[1, 2], (3,)]}),  # values of another kind
        pd.DataFrame({"n": [1]}).set_axis(pd.Index(["n"], name="named"), axis=1),
        pd.DataFrame({("a", "b"): [1]}),
        pd.DataFrame({"n": []}, dtype=object),  # no rows
        pd.DataFrame({1: ["a"]}),  # a name that is not text
    ],
)
def test_a_table_not_written_directly_is_written_by_pandas(frame):
    assert tabular.html_table(frame, "evb-table") == pandas_html(frame, "evb-table")
    assert tabular.html_table(frame, "evb-data", blank="n/a") == pandas_html(
        frame, "evb-data", blank="n/a"
    )
    assert downloads.csv_for_readers(frame) == pandas_csv(frame)


def test_csv_of_a_table_whose_columns_are_named_is_pandas_csv(monkeypatch):
    frame = pd.DataFrame({"14": [11.0, 8.0], "15": ["c", 2.0]}).rename_axis(columns="age")
    monkeypatch.setattr(pd.DataFrame, "to_csv", lambda *a, **k: pytest.fail("by pandas"))
    assert downloads.csv_for_readers(frame) == "14,15\n11,c\n8,2\n"
    monkeypatch.undo()
    assert pandas_csv(frame) == "14,15\n11,c\n8,2\n"


def test_the_directly_written_tables_are_written_without_pandas(monkeypatch):
    """(Otherwise the tests above would pass with every table handed to pandas.)"""

    def refused(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError("written by pandas")

    monkeypatch.setattr(pd.DataFrame, "to_html", refused)
    monkeypatch.setattr(pd.DataFrame, "to_csv", refused)
    tabular.html_table(MIXED, "evb-data", blank="n/a")
    tabular.html_table(MIXED.drop(columns=["floats", "whole floats", "third"]), "evb-table")
    downloads.csv_for_readers(MIXED)


@pytest.mark.parametrize("drop", [[], ["text", "objects"]])
def test_csv_for_readers_is_pandas_csv_for_every_kind_of_column(drop):
    frame = MIXED.drop(columns=drop)
    assert downloads.csv_for_readers(frame) == pandas_csv(frame)


def test_csv_makes_formula_like_names_and_text_inert_and_whole_floats_whole():
    frame = pd.DataFrame({"=cmd": ["=1+1", "-3"], "n": [2.0, np.nan]})
    assert downloads.csv_for_readers(frame) == "'=cmd,n\n'=1+1,2\n-3,\n"
    assert downloads.csv_for_readers(frame) == pandas_csv(frame)


def test_csv_written_to_a_file_is_the_text(tmp_path):
    path = tmp_path / "t.csv"
    frame = pd.DataFrame({"team": ["a\nb", "é"], "n": [1, 2]})
    downloads.write_csv(frame, path)
    assert path.read_bytes() == pandas_csv(frame).encode("utf-8")
    frame.pipe(downloads.inert_frame).to_csv(tmp_path / "p.csv", index=False, encoding="utf-8")
    assert path.read_bytes() == (tmp_path / "p.csv").read_bytes()


def test_every_table_the_book_shows_is_written_as_pandas_writes_it(everything_shown):
    assert len(everything_shown.tables) > 150 and len(everything_shown.csvs) > 100
    for chapter, frame, args, kwargs in everything_shown.tables:
        written = tabular.html_table(frame, *args, **kwargs)
        assert written == pandas_html(frame, *args, **kwargs), (chapter, list(frame.columns))
    for chapter, frame in everything_shown.csvs:
        assert downloads.csv_for_readers(frame) == pandas_csv(frame), (chapter, list(frame))


def test_whole_counts_beside_blanks_are_written_without_a_decimal_point():
    """A column of counts with a blank (objects: whole floats and None) was written 133.0."""
    frame = pd.DataFrame({"n": pd.Series([133.0, None, 131.0], dtype=object), "k": ["a", "b", "c"]})
    assert downloads.csv_for_readers(frame) == "n,k\n133,a\n,b\n131,c\n"
    assert pandas_csv(frame) == "n,k\n133,a\n,b\n131,c\n"


def test_a_chart_data_table_writes_whole_counts_as_whole_numbers():
    from evidencebook.analysis import charts

    data = pd.DataFrame({"quarter": ["Q1", "Q2"], "children": [11.0, np.nan], "share": [33.1, 5.0]})
    table = charts.data_table_html(data, title="Starts")
    assert "<td>11</td>" in table and "<td>n/a</td>" in table  # as the CSV writes them
    assert "<td>33.1</td>" in table and "<td>5.0</td>" in table  # not all whole: as they are
