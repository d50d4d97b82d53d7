"""Reading and checking a data pack: messy real-world files in, clear problems out."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from helpers import NATIONAL

from evidencebook.analysis import pack
from evidencebook.analysis.schemas import all_tables, dictionary_rows
from evidencebook.exceptions import DataError, EvidenceBookError, Problem

ROOT = Path(__file__).resolve().parents[1]
SPEC = all_tables()["pa_time_use"]
HEADER = "activity,period,share_pct,respondents,source\n"


def write(folder: Path, text: str, encoding: str = "utf-8") -> Path:
    (folder / SPEC.file_name).write_bytes(text.encode(encoding))
    return folder


def problems(folder: Path) -> list[str]:
    with pytest.raises(DataError) as err:
        pack.read_table(folder, SPEC)
    return [str(p) for p in err.value.problems]


def test_default_pack_is_valid():
    assert pack.validate_pack() == []


def test_default_pack_is_the_projects_data_folder():
    assert pack.resolve_pack("") == (ROOT / "data").resolve()


def test_missing_pack_folder_is_a_clear_error(tmp_path):
    with pytest.raises(EvidenceBookError, match="not found"):
        pack.resolve_pack(tmp_path / "nowhere")


def test_reads_bom_blank_rows_percent_signs_and_thousands(tmp_path):
    text = (
        "\ufeff" + HEADER + 'administration,before,36%,"1,011",a\n\n'
        "administration,after, 14 ,11,b\n"
    )
    frame = pack.read_table(write(tmp_path, text), SPEC)
    assert frame["share_pct"].tolist() == [36, 14]
    assert frame["respondents"].tolist() == [1011, 11]
    # Index is the line number in the file, counting the blank row.
    assert frame.index.tolist() == [2, 4]


def test_reads_windows_1252(tmp_path):
    text = HEADER + "administration,before,36,11,Caf\u00e9 survey \u2013 round 1\n"
    frame = pack.read_table(write(tmp_path, text, "cp1252"), SPEC)
    assert frame["source"].iloc[0] == "Caf\u00e9 survey \u2013 round 1"


@pytest.mark.parametrize("symbol", ["c", "x", "z", "k", "u", "low", ".."])
def test_statistics_symbols_are_not_available_not_zero(tmp_path, symbol):
    text = HEADER + f"administration,before,36,{symbol},a\n"
    frame = pack.read_table(write(tmp_path, text), SPEC)
    assert frame["respondents"].isna().all()


def test_every_problem_is_listed_with_row_column_value_and_expectation(tmp_path):
    text = (
        HEADER + "administration,before,136,11,a\n"
        "\n"
        "administration,after,14,eleven,b\n"
        "meetings,after,14,11,c\n"
        "with_families,before,-1,0,d\n"
    )
    found = problems(write(tmp_path, text))
    assert found == [
        "pa_time_use.csv, row 2, column 'share_pct': found 136.0; expected a number from 0 to 100",
        "pa_time_use.csv, row 4, column 'respondents': found 'eleven'; expected a whole number "
        "of at least 1 (may be left blank)",
        "pa_time_use.csv, row 5, column 'activity': found 'meetings'; expected one of "
        "administration, with_families",
        "pa_time_use.csv, row 6, column 'respondents': found 0; expected a whole number of at "
        "least 1 (may be left blank)",
        "pa_time_use.csv, row 6, column 'share_pct': found -1.0; expected a number from 0 to 100",
    ]


def test_duplicate_rows_are_errors(tmp_path):
    text = HEADER + "administration,before,36,11,a\nadministration,before,35,11,b\n"
    found = problems(write(tmp_path, text))
    assert any("row 3" in p and "duplicate" in p for p in found)


def test_blank_required_value(tmp_path):
    found = problems(write(tmp_path, HEADER + "administration,before,,11,a\n"))
    assert found == [
        "pa_time_use.csv, row 2, column 'share_pct'; expected a number from 0 to 100, not blank"
    ]


def test_missing_and_unknown_columns(tmp_path):
    found = problems(write(tmp_path, "activity,period,share,source\nadministration,before,1,a\n"))
    assert "pa_time_use.csv, row 1, column 'share_pct'; expected this column in the header row" in (
        found
    )
    assert any("column 'share'" in p and "only the columns" in p for p in found)
    assert any("column 'respondents'" in p for p in found)


def test_missing_file(tmp_path):
    assert problems(tmp_path) == ["pa_time_use.csv; expected the file to exist in the pack"]


def test_validate_pack_collects_problems_across_files(tmp_path):
    bad = tmp_path / "pack"
    shutil.copytree(ROOT / "data", bad, ignore=NATIONAL)
    write(bad, HEADER + "administration,before,136,11,a\n")
    (bad / "pa_posts.csv").write_text("authority,posts,source\nHampshire,-3,x\n")
    files = {p.file for p in pack.validate_pack(bad)}
    assert files == {"pa_time_use.csv", "pa_posts.csv"}


def test_source_files_are_never_modified(tmp_path):
    before = {p.name: p.read_bytes() for p in (ROOT / "data").iterdir() if p.is_file()}
    pack.validate_pack()
    after = {p.name: p.read_bytes() for p in (ROOT / "data").iterdir() if p.is_file()}
    assert before == after


def test_data_dictionary_file_is_up_to_date():
    import csv

    with open(ROOT / "data" / "dictionary.csv", encoding="utf-8") as handle:
        committed = list(csv.DictReader(handle))
    assert committed == dictionary_rows(), (
        "run: evidencebook dictionary --out data/dictionary.csv --force"
    )


def test_every_table_has_a_source_and_documented_columns():
    for spec in all_tables().values():
        assert spec.source and spec.title
        assert {"source", "stated_in"} & set(spec.column_names), spec.name
        for col in spec.columns:
            assert col.meaning, (spec.name, col.name)


@pytest.mark.parametrize(
    "text, month",
    [
        ("2015-04", "2015-04"),
        ("2015-04-01", "2015-04"),
        ("04/2015", "2015-04"),
        ("01/04/2015", "2015-04"),
        ("Apr 2015", "2015-04"),
        ("April 2015", "2015-04"),
        ("Apr-15", "2015-04"),
        ("Sept 2016", "2016-09"),
        ("2015 Apr", "2015-04"),
        ("29/02/2016", "2016-02"),
        ("13/2015", None),
        ("31/06/2016", None),
        ("29/02/2015", None),
        ("2016-02-30", None),
        ("00/04/2015", None),
        ("Foo 2015", None),
        ("2015", None),
    ],
)
def test_months_in_council_formats(text, month):
    assert pack.parse_month(text) == month


def caseload_spec():
    return all_tables()["team_caseloads"]


def test_months_are_normalised_and_bad_ones_reported(tmp_path):
    spec = caseload_spec()
    (tmp_path / spec.file_name).write_text(
        "authority,team,locality,month,caseload,source\n"
        "A,T1,L,Apr 2015,10,x\nA,T1,L,01/06/2016,12,x\nA,T1,L,Spring 2016,12,x\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as err:
        pack.read_table(tmp_path, spec)
    assert [str(p) for p in err.value.problems] == [
        "team_caseloads.csv, row 4, column 'month': found 'Spring 2016'; expected a month, such "
        "as 2015-04, Apr 2015, 04/2015 or 01/04/2015"
    ]
    (tmp_path / spec.file_name).write_text(
        "authority,team,locality,month,caseload,source\nA,T1,L,Apr 2015,10,x\n", encoding="utf-8"
    )
    assert pack.read_table(tmp_path, spec)["month"].tolist() == ["2015-04"]


def test_part_larger_than_whole_and_periods_out_of_order(tmp_path):
    from evidencebook.analysis.schemas import ColumnSpec, TableSpec

    spec = TableSpec(
        "things",
        ("x",),
        "Test table",
        "nowhere",
        (
            ColumnSpec("first_month", "month", "start"),
            ColumnSpec("last_month", "month", "end"),
            ColumnSpec("seen", "int", "all", minimum=0),
            ColumnSpec("helped", "int", "some", minimum=0),
        ),
        key=("first_month",),
        not_more_than=(("helped", "seen"),),
        in_order=(("first_month", "last_month"),),
    )
    (tmp_path / "things.csv").write_text(
        "first_month,last_month,seen,helped\n2016-01,2015-12,10,11\n2016-02,2016-03,10,10\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as err:
        pack.read_table(tmp_path, spec)
    assert [str(p) for p in err.value.problems] == [
        "things.csv, row 2, column 'helped': found 11; expected not more than seen (10)",
        "things.csv, row 2, column 'last_month': found '2015-12'; expected not before "
        "first_month (2016-01)",
    ]


def test_percentages_written_as_fractions_are_caught(tmp_path):
    text = HEADER + "administration,before,0.36,11,a\nadministration,after,0.14,11,b\n"
    found = problems(write(tmp_path, text))
    assert found == [
        "pa_time_use.csv, row 2, column 'share_pct': found 0.36; expected percentages written "
        "from 0 to 100 (every value here is 1 or less, as if 0.36 were written for 36%: write "
        "36 or 36%)"
    ]
    # One small share among larger ones is a real percentage.
    ok = HEADER + "administration,before,0.5,11,a\nadministration,after,14,11,b\n"
    assert pack.read_table(write(tmp_path, ok), SPEC)["share_pct"].tolist() == [0.5, 14]


def test_utf16_files_with_a_byte_order_mark_are_read(tmp_path):
    text = HEADER + "administration,before,36,11,Caf\u00e9 survey\n"
    frame = pack.read_table(write(tmp_path, text, "utf-16"), SPEC)
    assert frame["source"].tolist() == ["Caf\u00e9 survey"]
    assert frame.index.tolist() == [2]


def test_a_file_in_neither_utf8_nor_windows_1252_is_a_clear_error(tmp_path):
    # 0x81 is "\u00fc" in the DOS code page 850 and has no character in Windows-1252.
    text = HEADER + "administration,before,36,11,a\nadministration,after,14,11,M\u00fcller\n"
    assert problems(write(tmp_path, text, "cp850")) == [
        "pa_time_use.csv, row 3; expected text saved as UTF-8 or Windows-1252 (byte 0x81 is "
        "neither; in Excel, save as 'CSV UTF-8')"
    ]


def test_a_file_that_cannot_be_read_is_a_clear_error(tmp_path):
    (tmp_path / SPEC.file_name).mkdir()
    assert problems(tmp_path) == [
        "pa_time_use.csv; expected a file that can be read (Is a directory)"
    ]


def test_an_unclosed_quote_is_reported_where_it_starts(tmp_path):
    # Without the check, the open quote would swallow the rows after it into one cell.
    text = HEADER + 'administration,before,36,11,"a\nadministration,after,14,11,b\n'
    assert problems(write(tmp_path, text)) == [
        "pa_time_use.csv, row 2; expected a closing quote mark for the quoted cell that starts "
        "on this row"
    ]
    # A quoted cell may still hold a line break.
    ok = HEADER + 'administration,before,36,11,"a\nb"\n'
    assert pack.read_table(write(tmp_path, ok), SPEC)["source"].tolist() == ["a\nb"]


def test_a_column_named_twice_is_an_error(tmp_path):
    text = (
        "activity,period,share_pct,respondents,source,share_pct\nadministration,before,36,11,a,37\n"
    )
    assert problems(write(tmp_path, text)) == [
        "pa_time_use.csv, row 1, column 'share_pct'; expected this column once only in the "
        "header row"
    ]


def test_numbers_too_large_to_hold_are_problems_not_crashes(tmp_path):
    # 1e30 does not fit a whole-number column; 1e400 is not even a finite number.
    text = HEADER + "administration,before,1e400,1e30,a\nadministration,after,-1e400,11,b\n"
    assert problems(write(tmp_path, text)) == [
        "pa_time_use.csv, row 2, column 'respondents': found '1e30'; expected a whole number of "
        "at least 1 (may be left blank)",
        "pa_time_use.csv, row 2, column 'share_pct': found '1e400'; expected a number from 0 to "
        "100",
        "pa_time_use.csv, row 3, column 'share_pct': found '-1e400'; expected a number from 0 to "
        "100",
    ]


def test_a_workbook_that_cannot_be_opened_is_one_clear_problem(tmp_path):
    bad = tmp_path / "pack"
    shutil.copytree(ROOT / "data", bad, ignore=NATIONAL)
    (bad / pack.WORKBOOK).write_bytes(b"not a workbook")
    assert [str(p) for p in pack.validate_pack(bad)] == [
        "pack.xlsx; expected an Excel workbook (.xlsx) that can be opened (BadZipFile: File is "
        "not a zip file)"
    ]


#: Words that name the two ends of a range or period in a column name.
ENDS = (("low", "high"), ("from", "to"), ("first", "last"), ("start", "end"))


def test_every_range_and_period_is_checked_in_order():
    """Columns named as the two ends of a range (x_low and x_high, period_from and
    period_to, share_pct and share_pct_high...) are declared in ``in_order``, unless they
    are text, which has no order."""
    missing = []
    for spec in all_tables().values():
        names = {c.name: c for c in spec.columns if c.kind != "text"}
        pairs = set()
        for name in names:
            words = name.split("_")
            for low, high in ENDS:
                if low in words:
                    other = "_".join(high if w == low else w for w in words)
                    if other in names:
                        pairs.add((name, other))
            if name.endswith("_high") and name.removesuffix("_high") in names:
                pairs.add((name.removesuffix("_high"), name))
        missing += [(spec.name, *p) for p in sorted(pairs) if p not in spec.in_order]
    assert missing == []


def test_months_run_from_1990_to_the_end_of_next_year(tmp_path):
    spec = all_tables()["children_in_need"]
    last = pack.latest_year()
    rows = ["1989-12", "1990-01", f"{last}-12", f"{last + 1}-01"]
    body = "".join(f"Hampshire,{m},10,x\n" for m in rows)
    (tmp_path / spec.file_name).write_text("authority,month,children,source\n" + body)
    with pytest.raises(DataError) as err:
        pack.read_table(tmp_path, spec)
    assert [(p.row, p.value) for p in err.value.problems] == [(2, "1989-12"), (5, f"{last + 1}-01")]


def test_a_two_digit_year_far_ahead_is_caught(tmp_path):
    spec = all_tables()["children_in_need"]
    (tmp_path / spec.file_name).write_text("authority,month,children,source\nH,Apr-99,10,x\n")
    with pytest.raises(DataError, match="'2099-04'; expected a month from 1990"):
        pack.read_table(tmp_path, spec)


def test_control_characters_in_any_text_cell_are_refused(tmp_path):
    for char in ["\x00", "\x07", "\x1b", "\x7f", "\x9b", "\u2028"]:
        text = HEADER + f"administration,before,36,11,a{char}b\nadministration,after,14,11,b\n"
        (found,) = problems(write(tmp_path, text))
        assert "expected text without control characters" in found
        assert found.isprintable()
    ok = HEADER + 'administration,before,36,11,"a\tb\r\nc"\nadministration,after,14,11,b\n'
    assert pack.read_table(write(tmp_path, ok), SPEC)["source"].tolist() == ["a\tb\r\nc", "b"]


def test_a_name_that_identifies_a_row_is_one_line(tmp_path):
    text = HEADER + '"admini\nstration",before,36,11,a\nadministration,after,14,11,b\n'
    assert problems(write(tmp_path, text)) == [
        "pa_time_use.csv, row 2, column 'activity': found 'admini\\nstration'; expected one line "
        "of text without control characters (character 7 is '\\n': delete it)"
    ]


def test_every_loaded_table_marks_withheld_counts_in_columns_only():
    specs = list(all_tables().values())
    tables = pack.load_tables(pack.default_pack_dir(), specs)
    for spec in specs:
        frame = tables[spec.name]
        assert frame.attrs == {}, spec.name  # one representation: no frame attributes
        marks = [c for c in frame.columns if c.endswith(pack.WITHHELD_SUFFIX)]
        assert marks == [pack.withheld_column(c) for c in spec.disclosive_columns], spec.name
        assert not pack.has_withheld(frame), spec.name  # the default pack withholds nothing


def test_a_workbook_that_cannot_be_opened_is_tried_once_and_said_each_time(tmp_path, monkeypatch):
    workbook = tmp_path / "pack.xlsx"
    workbook.write_bytes(b"not a workbook")
    opened = []

    def damaged(path):
        opened.append(path)
        raise DataError([Problem(path.name, None, None, None, "a workbook that can be opened")])

    monkeypatch.setattr(pack, "open_workbook", damaged)
    for _ in range(3):
        with pytest.raises(DataError, match="a workbook that can be opened"):
            pack.sheet_names(workbook)
    assert len(opened) == 1
    workbook.write_bytes(b"another version, still not a workbook")
    with pytest.raises(DataError):
        pack.sheet_names(workbook)
    assert len(opened) == 2  # a new version of the file is tried again


# --- each table checked once a process for the same rows ----------------------------------


def test_a_table_read_again_is_checked_once_and_a_changed_cell_is_noticed(tmp_path, monkeypatch):
    """The same rows (in this file or a copy) are checked once and each read gets its own
    copy; a changed cell is checked again even with the file's size and time unchanged."""
    import os

    checked = []
    check = pack._checked_frame
    monkeypatch.setattr(pack, "_checked_frame", lambda *a: checked.append(a[1]) or check(*a))
    folder = write(tmp_path, HEADER + "administration,before,36,11,a\n")
    first = pack.read_table(folder, SPEC)
    first.loc[2, "share_pct"] = 99  # a reader changing its copy changes no other read
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copyfile(folder / SPEC.file_name, copy / SPEC.file_name)
    assert pack.read_table(copy, SPEC)["share_pct"].tolist() == [36]
    assert len(checked) <= 1  # checked once (none if an earlier test read the same rows)
    path = folder / SPEC.file_name
    stat = path.stat()
    path.write_text(HEADER + "administration,before,37,11,a\n")  # same size
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # and the same time
    assert pack.read_table(folder, SPEC)["share_pct"].tolist() == [37]
    path.write_text(HEADER + "administration,before,3x,11,a\n")
    assert problems(folder) == problems(folder)  # the same problems, each time
    assert "found '3x'" in problems(folder)[0]


def test_a_changed_workbook_is_read_again_whatever_its_size_and_time(tmp_path):
    import os

    import openpyxl

    def save(value: int) -> None:
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = SPEC.name
        sheet.append(HEADER.strip().split(","))
        sheet.append(["administration", "before", value, 11, "a"])
        book.save(tmp_path / pack.WORKBOOK)

    save(36)
    assert pack.read_table(tmp_path, SPEC)["share_pct"].tolist() == [36]
    path = tmp_path / pack.WORKBOOK
    stat = path.stat()
    save(37)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert pack.sheet_names(path) == (SPEC.name,)
    assert pack.read_table(tmp_path, SPEC)["share_pct"].tolist() == [37]


def test_a_changed_national_table_is_validated_again(monkeypatch):
    """The national default of a table is validated once for the same rows: other rows
    are validated again."""
    import pandera.errors

    from evidencebook.analysis import national

    spec = next(t for t in all_tables().values() if t.national_default)
    good = national.pack_table(spec.name)
    assert len(pack.national_table(spec)) == len(pack.national_table(spec)) == len(good)
    bad = good.copy()
    bad.loc[bad.index[0], "index"] = -1.0  # the schema's minimum is 0.01
    monkeypatch.setattr(national, "pack_table", lambda name: bad)
    with pytest.raises(pandera.errors.SchemaError, match="greater_than_or_equal_to"):
        pack.national_table(spec)


def test_withheld_reads_a_column_of_marks_of_either_kind_as_true_or_false():
    frame = pd.DataFrame(
        {
            "children": pd.array([1, None, None], dtype="Int64"),
            "children_withheld": [False, True, False],
            "cases": pd.array([1, None, 3], dtype="Int64"),
            "cases_withheld": pd.array([None, True, False], dtype="boolean"),
        },
        index=[2, 3, 4],
    )
    for column, expected in (("children", [False, True, False]), ("cases", [False, True, False])):
        marks = pack.withheld(frame, column)
        assert marks.dtype == bool and marks.tolist() == expected
        assert marks.index.tolist() == [2, 3, 4]
    marks = pack.withheld(frame, "children")
    marks.iloc[0] = True  # the caller's own copy
    assert not frame["children_withheld"].iloc[0]
    assert pack.withheld(frame, "other").tolist() == [False, False, False]
