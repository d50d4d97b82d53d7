"""A new pack: both forms created, either read back, the two never silently mixed."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml

from evidencebook.analysis import pack, parameters
from evidencebook.analysis.schemas import all_tables
from evidencebook.building import build, scaffold
from evidencebook.exceptions import DataError, EvidenceBookError, ParameterError

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory) -> Path:
    """A new pack as ``scaffold`` writes it, made once for this module."""
    folder = tmp_path_factory.mktemp("scaffolded") / "pack"
    return scaffold.scaffold(folder, "Testshire <b>County</b>", "999", "E06000999")


@pytest.fixture()
def new_pack(scaffolded, tmp_path) -> Path:
    """A copy of the new pack of this module's scaffold, for one test to change."""
    return Path(shutil.copytree(scaffolded, tmp_path / "pack", symlinks=True))


def test_scaffold_writes_every_template(new_pack):
    for spec in all_tables().values():
        header = (new_pack / spec.file_name).read_text(encoding="utf-8").splitlines()
        assert header == [",".join(spec.column_names)], spec.name
    meta = yaml.safe_load((new_pack / "pack.yaml").read_text(encoding="utf-8"))
    assert meta == {
        "name": "Testshire <b>County</b>",
        "old_la_code": "999",
        "new_la_code": "E06000999",
    }
    book = openpyxl.load_workbook(new_pack / "pack.xlsx")
    assert book.sheetnames[:2] == ["read me", "parameters"]
    assert set(book.sheetnames[2:]) == set(all_tables())


def test_scaffold_parameters_are_the_reports_defaults_with_comments(new_pack):
    text = (new_pack / "parameters.yaml").read_text(encoding="utf-8")
    values, _ = parameters.load(new_pack / "parameters.yaml")
    declared = build.chapter_parameters()
    defaults = {
        n: p.default
        for d in declared.values()
        for n, p in d.items()
        if n not in parameters.RESERVED
    }
    assert values == defaults
    assert "# Overheads as a share of salary" in text


def test_scaffold_refuses_a_folder_in_use(tmp_path):
    (tmp_path / "x.txt").write_text("keep me")
    with pytest.raises(EvidenceBookError, match="not empty"):
        scaffold.scaffold(tmp_path, "Somewhere")
    assert (tmp_path / "x.txt").read_text() == "keep me"


def test_empty_pack_has_no_chapter_data(new_pack):
    assert pack.validate_pack(new_pack) == []
    for chapter in build.chapter_notebooks():
        if chapter == "assumptions" or chapter in build.authority_chapters():  # no tables
            assert build.missing_tables(new_pack, chapter) == []
        else:
            assert build.missing_tables(new_pack, chapter), chapter


def fill_sheet(folder: Path, sheet: str, rows: list[list[object]]) -> None:
    book = openpyxl.load_workbook(folder / "pack.xlsx")
    for row in rows:
        book[sheet].append(row)
    book.save(folder / "pack.xlsx")


def test_workbook_form_is_read_back(new_pack):
    fill_sheet(new_pack, "pa_posts", [["Testshire", 12, "own records"]])
    spec = all_tables()["pa_posts"]
    frame = pack.read_table(new_pack, spec)
    assert frame["posts"].tolist() == [12]
    assert pack.has_table(new_pack, spec)


def test_workbook_problems_name_the_sheet(new_pack):
    fill_sheet(new_pack, "pa_posts", [["Testshire", "twelve", "own records"]])
    with pytest.raises(DataError) as err:
        pack.read_table(new_pack, all_tables()["pa_posts"])
    assert str(err.value.problems[0]).startswith(
        "pack.xlsx, sheet 'pa_posts', row 2, column 'posts': found 'twelve'"
    )


def test_both_forms_filled_is_an_error(new_pack):
    fill_sheet(new_pack, "pa_posts", [["Testshire", 12, "own records"]])
    (new_pack / "pa_posts.csv").write_text("authority,posts,source\nTestshire,13,x\n")
    with pytest.raises(DataError, match="in one place only"):
        pack.read_table(new_pack, all_tables()["pa_posts"])


def test_parameters_sheet_changes_are_used(new_pack):
    book = openpyxl.load_workbook(new_pack / "pack.xlsx")
    sheet = book["parameters"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == "overhead_rate":
            row[1].value = 0.3
    book.save(new_pack / "pack.xlsx")
    declared = build.chapter_parameters()
    values, _, _ = build.pack_parameters(new_pack, None, declared)
    assert values["overhead_rate"] == 0.3
    # Changing it differently in parameters.yaml too is a conflict.
    text = (new_pack / "parameters.yaml").read_text(encoding="utf-8")
    (new_pack / "parameters.yaml").write_text(
        text.replace("overhead_rate: 0.2", "overhead_rate: 0.25"), encoding="utf-8"
    )
    with pytest.raises(ParameterError, match="sheet 'parameters'"):
        build.pack_parameters(new_pack, None, declared)


def test_landing_note_escapes_pack_text():
    note = build.landing_note("Testshire <script>x</script> [link](http://e)", {}, {})
    assert "<script>" not in note and "](" not in note
    note = build.landing_note("X", {"pa": ["pa_posts.csv"]}, {"pa": "PAs"})
    assert "left out" in note and "pa\\_posts\\.csv" in note


def test_a_cell_formatted_as_a_percentage_is_read_as_the_percentage_shown(new_pack):
    """Excel stores 14% as 0.14; in a column of percentages it means 14, not 0.14%."""
    book = openpyxl.load_workbook(new_pack / "pack.xlsx")
    sheet = book["pa_time_use"]
    for activity, period, share in (
        ("administration", "before", 0.14),
        ("with_families", "after", 0.575),
    ):
        sheet.append([activity, period, share, 11, "survey"])
        sheet.cell(sheet.max_row, 3).number_format = "0%"
        sheet.cell(sheet.max_row, 4).number_format = "0%"  # not a percentage column: as stored
    book.save(new_pack / "pack.xlsx")
    frame = pack.read_table(new_pack, all_tables()["pa_time_use"])
    assert frame["share_pct"].tolist() == [14.0, 57.5]
    assert frame["respondents"].tolist() == [11, 11]


def test_a_share_formatted_as_a_percentage_on_the_parameters_sheet_is_the_fraction(new_pack):
    book = openpyxl.load_workbook(new_pack / "pack.xlsx")
    for row in book["parameters"].iter_rows(min_row=2):
        if row[0].value == "overhead_rate":
            row[1].value = 0.25
            row[1].number_format = "0%"  # shown as 25%
    book.save(new_pack / "pack.xlsx")
    values, _ = scaffold.workbook_parameters(new_pack / "pack.xlsx")
    assert values["overhead_rate"] == 0.25
    parameters.check(values, build.chapter_parameters())


def test_a_damaged_sheet_is_a_problem_naming_the_workbook_and_sheet(new_pack):
    import zipfile

    fill_sheet(new_pack, "pa_posts", [["Testshire", 12, "own records"]])
    book = openpyxl.load_workbook(new_pack / "pack.xlsx")
    index = book.sheetnames.index("pa_posts") + 1
    book.close()
    source, target = new_pack / "pack.xlsx", new_pack / "damaged.xlsx"
    damaged = f"xl/worksheets/sheet{index}.xml"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = b"<worksheet><sheetData><row><c>garbage" if item.filename == damaged else None
            new.writestr(item, data if data is not None else old.read(item))
    target.replace(source)
    with pytest.raises(DataError) as err:
        pack.read_table(new_pack, all_tables()["pa_posts"])
    assert [str(p) for p in err.value.problems] == [
        "pack.xlsx, sheet 'pa_posts'; expected a sheet that can be read (it is damaged): open "
        "the workbook in Excel and save it again, or fill in the CSV file instead"
    ]
    assert pack.validate_pack(new_pack)  # and validate lists it, no traceback
