"""The pre-build check's outcome is kept in the work folder and used again only while
nothing it reads has changed: an unchanged rebuild reads and validates nothing, and any
changed file of the pack (a CSV cell, ``pack.xlsx``) or the parameters file makes the check
run again, so a bad value is still reported before any notebook runs.

The builds here execute no notebook and start no Sphinx: both are replaced by stand-ins
that write what the build expects of them (each chapter's executed copy and stamp, an HTML
folder), so only the build's own steps run, the check among them.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from helpers import default_pack_copy, pa_book, stand_ins

from evidencebook.building import build
from evidencebook.exceptions import DataError, ParameterError

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def pack(tmp_path) -> Path:
    """A copy of the default pack (its national data stay in the project)."""
    return default_pack_copy(tmp_path)


@pytest.fixture()
def counted(monkeypatch) -> dict[str, int]:
    """How often the build checks its inputs, and reads and validates tables, in a build
    whose chapters and HTML are made by stand-ins."""
    calls = {"check": 0, "read": 0, "executed": 0}
    check, load = build.check_inputs, build.load_tables

    def counted_check(*args, **kwargs):
        calls["check"] += 1
        return check(*args, **kwargs)

    def counted_load(*args, **kwargs):
        calls["read"] += 1
        return load(*args, **kwargs)

    def ran(chapter: str, values: dict) -> None:
        calls["executed"] += 1

    executed, sphinx = stand_ins(ran)
    monkeypatch.setattr(build, "check_inputs", counted_check)
    monkeypatch.setattr(build, "load_tables", counted_load)
    monkeypatch.setattr(build, "_execute_all", executed)
    monkeypatch.setattr(build, "run_jupyter_book", sphinx)
    return calls


def test_an_unchanged_rebuild_reads_and_validates_nothing(pack, tmp_path, counted):
    first = pa_book(pack, tmp_path)
    assert first.executed == ["pa"] and counted["check"] == 1 and counted["read"] >= 1
    reads = counted["read"]
    second = pa_book(pack, tmp_path)
    assert second.reused == ["pa"] and not second.executed
    assert counted["check"] == 1 and counted["read"] == reads  # nothing read again
    assert second.parameters == first.parameters and second.set_in == first.set_in
    assert list((tmp_path / "work" / build.CHECKS_FOLDER).glob("*.pickle"))


def test_a_chapter_run_again_with_the_check_kept_reads_its_tables_once(
    pack, tmp_path, counted, monkeypatch
):
    """``--force`` with nothing changed: the check's outcome is used, and the chapter's
    tables are read for its kernel (the build's snapshot) as the chapter runs again."""
    pa_book(pack, tmp_path)
    reads = counted["read"]
    written = []
    write = build.snapshot.write
    monkeypatch.setattr(
        build.snapshot, "write", lambda *a, **k: written.append(a) or write(*a, **k)
    )
    again = pa_book(pack, tmp_path, force=True)
    assert again.executed == ["pa"] and counted["check"] == 1
    assert counted["read"] == reads + 1
    ((_, tables, _, lists, figures),) = written
    assert set(lists["pa"]) <= set(tables) and figures is not None


def test_a_changed_csv_cell_is_checked_again_before_any_chapter_runs(pack, tmp_path, counted):
    pa_book(pack, tmp_path)
    posts = pack / "pa_posts.csv"
    posts.write_text(posts.read_text().replace("Hampshire,32,", "Hampshire,thirty-two,"))
    executed = counted["executed"]
    with pytest.raises(DataError, match="pa_posts.csv, row 2, column 'posts': found 'thirty-two'"):
        pa_book(pack, tmp_path)
    assert counted["check"] == 2 and counted["executed"] == executed
    posts.write_text(posts.read_text().replace("thirty-two", "33"))  # a good new value
    again = pa_book(pack, tmp_path)
    assert counted["check"] == 3 and again.executed == ["pa"]  # its tables changed too


def test_a_changed_parameters_file_is_checked_again(pack, tmp_path, counted):
    mine = tmp_path / "mine.yaml"
    mine.write_text("overhead_rate: 0.25\n")
    first = pa_book(pack, tmp_path, params_file=mine)
    assert first.parameters["overhead_rate"] == 0.25
    mine.write_text("overhead_rate: a quarter\n")
    with pytest.raises(
        ParameterError, match="mine.yaml, row 1, column 'overhead_rate': found 'a quarter'"
    ):
        pa_book(pack, tmp_path, params_file=mine)
    assert counted["check"] == 2 and counted["executed"] == 1
    mine.write_text("overhead_rate: 0.3\n")
    assert pa_book(pack, tmp_path, params_file=mine).parameters["overhead_rate"] == 0.3
    assert counted["check"] == 3


def parameters_sheet(folder: Path, value: object) -> None:
    """A ``pack.xlsx`` holding only a parameters sheet, with ``overhead_rate``."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "parameters"
    sheet.append(["name", "value"])
    sheet.append(["overhead_rate", value])
    book.save(folder / "pack.xlsx")


def test_a_changed_workbook_is_checked_again(pack, tmp_path, counted):
    parameters_sheet(pack, 0.2)  # the default: the pack's parameters.yaml says the same
    pa_book(pack, tmp_path)
    pa_book(pack, tmp_path)
    assert counted["check"] == 1
    parameters_sheet(pack, "a fifth")
    with pytest.raises(ParameterError, match="pack.xlsx"):
        pa_book(pack, tmp_path)
    assert counted["check"] == 2 and counted["executed"] == 1


def test_the_kept_outcome_is_the_checks_own(pack, tmp_path, monkeypatch):
    """Values, where each was set, and the tables with withheld counts: as the check found
    them; another set of chapters, threshold or authority is another check."""
    root = build.project_root()
    mine = tmp_path / "mine.yaml"
    mine.write_text("overhead_rate: 0.25\n")
    work = tmp_path / "work"
    read: dict = {}
    first = build.checked_inputs(pack, mine, root, ["pa"], read, work=work)
    assert read and first.withheld == set()

    def forbidden(*args, **kwargs):
        raise AssertionError("checked again")

    monkeypatch.setattr(build, "check_inputs", forbidden)
    kept_read: dict = {}
    kept = build.checked_inputs(pack, mine, root, ["pa"], kept_read, work=work)
    assert kept == first and kept.set_in == first.set_in and kept.withheld == first.withheld
    assert kept_read == {}  # nothing read: the build reads the tables if a chapter runs
    key = build.check_key(pack, mine, root, ["pa"], None, None)
    for other in (
        build.check_key(pack, mine, root, ["pa", "fit"], None, None),
        build.check_key(pack, mine, root, ["pa"], 10, None),
        build.check_key(pack, mine, root, ["pa"], None, "383"),
        build.check_key(pack, None, root, ["pa"], None, None),
    ):
        assert other != key
    (pack / "notes.txt").write_text("any file of the pack counts")
    assert build.check_key(pack, mine, root, ["pa"], None, None) != key
    with pytest.raises(AssertionError, match="checked again"):
        build.checked_inputs(pack, mine, root, ["pa"], {}, work=work)


def test_a_missing_parameters_file_is_left_to_the_check_to_report(pack, tmp_path):
    root = build.project_root()
    missing = tmp_path / "missing.yaml"
    assert build.check_key(pack, missing, root, ["pa"], None, None) is None
    with pytest.raises(ParameterError, match="missing.yaml"):
        build.checked_inputs(pack, missing, root, ["pa"], {}, work=tmp_path / "work")


STAND_INS = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])  # the tests' folder, for helpers
from helpers import default_pack_copy, pa_book, stand_ins
from evidencebook.building import build

build._execute_all, build.run_jupyter_book = stand_ins()
folder = Path(sys.argv[1])
done = build.build(data_dir=folder / "pack", out_dir=folder / "out", work_dir=folder / "work",
                   chapters=["pa"], workers=1)
print(done.executed, "pandera" in sys.modules)
"""


def test_an_unchanged_rebuild_does_not_import_pandera(pack, tmp_path):
    """Each build in a process of its own, as from the command line: the second finds the
    check's outcome kept, and reads and validates nothing, so pandera is never imported."""
    import subprocess
    import sys

    def run() -> str:
        done = subprocess.run(
            [sys.executable, "-c", STAND_INS, str(tmp_path), str(Path(__file__).parent)],
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.strip()

    assert run() == "['pa'] True"  # the first build checks the pack
    assert run() == "[] False"


def test_a_build_says_where_its_time_went(pack, tmp_path, counted):
    """The steps, one after another, add up to the build's time (what the national
    benchmark prints for each book)."""
    result = pa_book(pack, tmp_path)
    steps = ["check", "prepare", "chapters", "sphinx", "downloads", "pdf", "publish"]
    assert list(result.phases)[: len(steps)] == steps
    assert all(result.phases[s] >= 0 for s in steps)
    assert sum(result.phases[s] for s in steps) == pytest.approx(result.seconds, abs=0.05)
    assert {"kernel_start", "chapter_work"} <= set(result.phases)
