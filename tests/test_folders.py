"""Nothing a user types loses their data: where builds and batches may write.

Each test reproduces a mistake or fault a new user met (issue 11) and shows that the
user's files are untouched, that no traceback reaches them, and that the message says what
to do. Checks that refuse a folder run before any chapter, so most tests here take well
under a second; the few that build a chapter say so.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from helpers import NATIONAL, no_warm_kernels
from typer.testing import CliRunner

from evidencebook.building import batch, build, folders
from evidencebook.cli import app
from evidencebook.exceptions import BuildError

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def user(tmp_path) -> Path:
    """A user's folder: a pack of their own, a folder of notes and a PDF."""
    (tmp_path / "packs").mkdir()
    shutil.copytree(ROOT / "data", tmp_path / "packs" / "mine", ignore=NATIONAL)
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "minutes.docx").write_bytes(b"committee minutes")
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.7 the report")
    return tmp_path


def refused(args: list[str], *expected: str) -> str:
    """Run the CLI; it must fail with a one-line error holding each expected text, no
    traceback."""
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, result.output
    for text in expected:
        assert text in errors[0], errors[0]
    return errors[0]


def no_chapter_ran(monkeypatch) -> None:
    """Make any attempt to execute a chapter fail the test: refusals come first."""

    def forbidden(*args, **kwargs):
        raise AssertionError("a chapter was executed before the folders were checked")

    monkeypatch.setattr(build, "_execute_all", forbidden)
    monkeypatch.setattr(build, "check_inputs", forbidden)


# --- --out and --work must be the tool's own ---------------------------------------------


def test_out_pointed_at_the_pack_is_refused_and_the_pack_kept(user, monkeypatch):
    no_chapter_ran(monkeypatch)
    pack = user / "packs" / "mine"
    before = snapshot(pack)
    refused(["build", "--data", str(pack), "--out", str(pack)], "is the data pack itself")
    refused(["build", "--data", str(pack), "--out", str(pack / "book")], "inside the data pack")
    refused(["build", "--data", str(pack), "--out", str(user / "packs")], "holds the data pack")
    assert snapshot(pack) == before


def test_out_pointed_at_the_project_is_refused(monkeypatch):
    no_chapter_ran(monkeypatch)
    refused(["build", "--out", str(ROOT)], "project folder")
    refused(["build", "--out", str(ROOT.parent), "--data", str(ROOT / "data")], "project folder")
    assert (ROOT / "evidencebook" / "building" / "build.py").exists()


def test_out_holding_a_users_files_is_refused_and_the_files_kept(user, monkeypatch):
    no_chapter_ran(monkeypatch)
    before = snapshot(user / "notes")
    message = refused(["build", "--out", str(user / "notes")], "did not make")
    assert "choose a new or empty folder" in message
    assert snapshot(user / "notes") == before


def test_out_that_is_a_file_is_refused_and_the_file_kept(user, monkeypatch):
    no_chapter_ran(monkeypatch)
    refused(["build", "--out", str(user / "report.pdf")], "is a file, not a folder")
    assert (user / "report.pdf").read_bytes() == b"%PDF-1.7 the report"


def test_out_at_the_filesystem_root_is_refused_before_any_work(monkeypatch):
    no_chapter_ran(monkeypatch)
    refused(["build", "--out", "/"], "filesystem root")


def test_a_symbolic_link_is_judged_by_where_it_points(user, monkeypatch):
    no_chapter_ran(monkeypatch)
    link = user / "book-link"
    link.symlink_to(user / "notes")
    refused(["build", "--out", str(link)], "did not make")
    assert (user / "notes" / "minutes.docx").exists()


def test_work_folder_must_be_the_tools_own_too(user, monkeypatch):
    no_chapter_ran(monkeypatch)
    pack = user / "packs" / "mine"
    base = ["build", "--data", str(pack), "--out", str(user / "book")]
    refused([*base, "--work", str(pack)], "--work", "is the data pack itself")
    refused([*base, "--work", str(user / "notes")], "--work", "did not make")
    refused([*base, "--work", str(user / "report.pdf")], "--work", "is a file")
    refused([*base, "--work", str(user / "book" / "w")], "overlaps")
    refused([*base, "--work", str(ROOT)], "project folder")


def test_a_folder_of_another_kind_is_refused(tmp_path, monkeypatch):
    no_chapter_ran(monkeypatch)
    work = tmp_path / "work"
    folders.prepare(work, folders.WORK)
    (work / "cache.txt").write_text("x")
    refused(["build", "--out", str(work)], "is a work folder, not a book")


def test_an_empty_absent_or_marked_folder_is_accepted(tmp_path):
    root = ROOT
    empty = tmp_path / "empty"
    empty.mkdir()
    assert folders.check_folder(empty, "--out", folders.BOOK, packs=[], root=root) == empty
    absent = tmp_path / "new" / "book"
    assert folders.check_folder(absent, "--out", folders.BOOK, packs=[], root=root) == absent
    book = tmp_path / "book"
    book.mkdir()
    (book / "index.html").write_text("old book")
    folders.mark(book, folders.BOOK)
    assert folders.check_folder(book, "--out", folders.BOOK, packs=[], root=root) == book


def test_a_book_made_by_an_earlier_version_under_build_is_still_replaced():
    """Books built before folders were marked live under the project's _build/ folder."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")  # one folder per test process
    earlier = ROOT / "_build" / f"test-earlier-book-{worker}"
    shutil.rmtree(earlier, ignore_errors=True)
    earlier.mkdir(parents=True)
    try:
        (earlier / "index.html").write_text("a book from an earlier version")
        checked = folders.check_folder(earlier, "--out", folders.BOOK, packs=[], root=ROOT)
        assert checked == earlier
    finally:
        shutil.rmtree(earlier, ignore_errors=True)


def test_batch_into_the_folder_of_packs_is_refused_and_the_packs_kept(user):
    pack = user / "packs" / "mine"
    before = snapshot(pack)
    refused(["batch", str(pack), "--out", str(user / "packs")], "holds the data pack")
    refused(["batch", str(pack), "--out", str(pack)], "is the data pack itself")
    refused(["batch", str(pack), "--out", str(user / "notes")], "did not make")
    refused(["batch", str(pack), str(pack), "--out", str(user / "books")], "more than once")
    assert snapshot(pack) == before


def test_batch_books_land_in_their_own_marked_folders(user, monkeypatch):
    """Each book's folder is named from its pack and lies in a folder of books, which
    holds no pack; the folder of books is marked, so a second batch may reuse it."""
    seen = []

    def fake_build_one(pack, out_dir, work_dir, *args):
        seen.append((pack, out_dir, work_dir))
        return batch.PackResult(pack, out_dir, True)

    monkeypatch.setattr(batch, "_build_one", fake_build_one)
    monkeypatch.setattr(batch, "ProcessPoolExecutor", _InlineExecutor)
    books = user / "books"
    packs = [user / "packs" / "mine"]
    batch.batch(packs, books, workers=1)
    assert folders.marker_kind(books) == folders.BOOKS
    (pack, out_dir, work_dir) = seen[0]
    assert out_dir == books.resolve() / "mine"
    assert work_dir == books.resolve() / ".work" / "mine"
    assert not folders._inside(out_dir, pack)
    batch.batch(packs, books, workers=1)  # the marked folder of books is accepted again


class _InlineExecutor:
    """A stand-in for ProcessPoolExecutor that runs each job at once, in this process."""

    def __init__(self, max_workers=None, initializer=None):
        pass  # no worker process to set up (``batch.book_after_book``): this one is the test's

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def submit(self, fn, *args):
        from concurrent.futures import Future

        future = Future()
        future.set_result(fn(*args))
        return future


# --- one build at a time; work folders keyed by everything that differs -----------------


def test_a_second_build_into_the_same_folder_is_told_another_is_writing(tmp_path, monkeypatch):
    no_chapter_ran(monkeypatch)
    out = tmp_path / "book"
    with folders.lock(out, "--out"):
        refused(["build", "--out", str(out)], "another build is writing here")
    assert not out.exists()


def test_the_lock_is_let_go_when_its_holder_is_killed(tmp_path):
    out = tmp_path / "book"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path\n"
            "from evidencebook.building import folders\n"
            f"with folders.lock(Path({str(out)!r}), '--out'):\n"
            "    print('locked', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(BuildError, match="another build is writing here"):
            with folders.lock(out, "--out"):
                pass
    finally:
        holder.kill()
        holder.wait()
    with folders.lock(out, "--out"):
        pass  # free again


def test_work_folders_differ_whenever_the_builds_differ(tmp_path):
    pack, out = tmp_path / "pack", tmp_path / "out"
    values = {"pa": {"overhead_rate": 0.25}}
    key = build.work_key(pack, out, ["pa"], values, None)
    assert key == build.work_key(pack, out, ["pa"], values, None)
    others = [
        build.work_key(pack, out, ["pa"], {"pa": {"overhead_rate": 0.3}}, None),
        build.work_key(pack, tmp_path / "out2", ["pa"], values, None),
        build.work_key(tmp_path / "other", out, ["pa"], values, None),
        build.work_key(pack, out, ["pa", "fit"], values, None),
        build.work_key(pack, out, ["pa"], values, 10),
    ]
    assert key not in others
    assert len(set(others)) == len(others)


# --- faults leave nothing behind ----------------------------------------------------------


def _old_book(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    out = tmp_path / "book"
    out.mkdir()
    (out / "index.html").write_text("the good book")
    (out / "downloads").mkdir()
    (out / "downloads" / "tables.xlsx").write_bytes(b"workbook")
    folders.mark(out, folders.BOOK)
    new = tmp_path / "html"
    new.mkdir()
    for i in range(50):
        (new / f"page{i}.html").write_text("new page " * 1000)
    return out, snapshot(out)


def test_a_build_killed_while_publishing_leaves_the_old_book_and_its_leftovers_go(tmp_path):
    out, before = _old_book(tmp_path)
    script = textwrap.dedent(
        f"""
        import os, shutil, signal
        from pathlib import Path
        from evidencebook.building import folders
        real = shutil.copyfile
        copied = []
        def copy_then_die(src, dst, **kwargs):
            copied.append(src)
            if len(copied) == 10:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(src, dst, **kwargs)
        shutil.copyfile = copy_then_die
        folders.replace_folder(Path({str(tmp_path / "html")!r}), Path({str(out)!r}))
        """
    )
    killed = subprocess.run([sys.executable, "-c", script])
    assert killed.returncode == -9
    assert snapshot(out) == before
    assert list(tmp_path.glob(".book.new-*"))  # the half-written copy, until the next run
    folders.clean_leftovers(out)
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book", "html"]


def test_a_build_killed_between_the_two_renames_gets_its_old_book_back(tmp_path):
    out, before = _old_book(tmp_path)
    aside = Path(tempfile.mkdtemp(prefix=".book.old-", dir=tmp_path))
    os.replace(out, aside)  # where a kill between the renames leaves things
    half = Path(tempfile.mkdtemp(prefix=".book.new-", dir=tmp_path))
    (half / "page0.html").write_text("half")
    folders.clean_leftovers(out)
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book", "html"]


def test_a_full_disk_while_publishing_keeps_the_old_book_and_says_so(tmp_path, monkeypatch):
    out, before = _old_book(tmp_path)

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(out))

    monkeypatch.setattr(shutil, "copytree", disk_full)
    with pytest.raises(OSError):
        folders.replace_folder(tmp_path / "html", out)
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book", "html"]
    text = folders.os_error_text(OSError(errno.ENOSPC, "No space left on device", "/x"))
    assert text == "the disk is full (writing /x); free some space and build again"


def test_too_little_space_is_found_before_any_work(tmp_path, monkeypatch):
    no_chapter_ran(monkeypatch)

    class Usage:
        total, used, free = 10 * 2**30, 10 * 2**30 - 5 * 2**20, 5 * 2**20

    monkeypatch.setattr(shutil, "disk_usage", lambda path: Usage)
    refused(["build", "--out", str(tmp_path / "book")], "only 5 MB free", "free some space")


def test_a_folder_that_cannot_be_written_is_found_before_any_work(tmp_path, monkeypatch):
    no_chapter_ran(monkeypatch)

    def read_only(*args, **kwargs):
        raise PermissionError(errno.EROFS, "Read-only file system", str(tmp_path))

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    message = refused(["build", "--out", str(tmp_path / "book")], "cannot write to")
    assert "Read-only file system" in message


def test_a_disk_fault_during_the_build_is_one_plain_line(tmp_path, monkeypatch):
    """A fault the checks could not foresee (the disk filling up mid-build) still ends in
    one line, and the good book is kept."""
    out, before = _old_book(tmp_path)

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "work"))

    monkeypatch.setattr(build, "check_inputs", disk_full)
    no_warm_kernels(monkeypatch)
    message = refused(["build", "--out", str(out), "--work", str(tmp_path / "work")], "full")
    assert message.startswith("Error: the build stopped: the disk is full")
    assert snapshot(out) == before


# --- the published book names none of the builder's folders ------------------------------


@pytest.mark.slow
def test_the_published_sources_carry_no_local_paths(tmp_path):
    """Builds one chapter (a few seconds)."""
    pack = tmp_path / "packs" / "mine"
    shutil.copytree(ROOT / "data", pack)
    out, work = tmp_path / "book", tmp_path / "work"
    build.build(data_dir=pack, out_dir=out, work_dir=work, chapters=["pa"], workers=1)
    local = [str(pack), str(work), str(ROOT), str(tmp_path)]
    for file in out.rglob("*"):
        if file.is_file() and file.suffix in (".ipynb", ".html", ".txt", ".js", ".json"):
            text = file.read_text(encoding="utf-8", errors="replace")
            for path in local:
                assert path not in text, f"{file.relative_to(out)} names {path}"
    source = json.loads((out / "_sources" / "notebooks" / "pa.ipynb").read_text())
    assert source["metadata"]["papermill"]["parameters"]["data_dir"] == "mine"
    assert folders.marker_kind(out) == folders.BOOK
    assert folders.marker_kind(work) == folders.WORK


# --- text from a pack is only ever text -----------------------------------------------------

HOSTILE = '=HYPERLINK("http://evil.example/","Hampshire") <b>bold</b> *x*'


@pytest.fixture(scope="module")
def hostile_book(tmp_path_factory) -> tuple[Path, Path]:
    """The default pack with Hampshire renamed to a formula carrying markup, built for the
    trends chapter (which names every authority in its text, tables and charts)."""
    from helpers import renamed_pack

    root = tmp_path_factory.mktemp("hostile")
    pack = renamed_pack(root, {"Hampshire": HOSTILE})
    out = root / "book"
    build.build(data_dir=pack, out_dir=out, work_dir=root / "work", chapters=["trends"])
    return out, root / "work"


def test_a_formula_in_a_pack_is_text_in_every_download(hostile_book):
    import openpyxl
    import pandas as pd

    out, _ = hostile_book
    cells = []
    for file in (out / "downloads").rglob("*.csv"):
        frame = pd.read_csv(file, dtype=str, keep_default_na=False)
        cells += [v for col in frame.columns for v in frame[col] if "evil.example" in v]
    assert cells, "the renamed authority appears in no download"
    assert all(v.startswith("'=") for v in cells), cells[:3]
    book = openpyxl.load_workbook(out / "downloads" / "tables.xlsx")
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            assert not [c.coordinate for c in row if c.data_type == "f"], sheet.title


def test_a_formula_or_markup_in_a_pack_is_shown_as_written_in_the_book(hostile_book):
    out, _ = hostile_book
    page = (out / "notebooks" / "trends.html").read_text(encoding="utf-8")
    assert "<b>bold</b>" not in page
    assert 'href="http://evil.example/' not in page
    from helpers import page_text

    assert '=HYPERLINK("http://evil.example/","Hampshire") <b>bold</b> *x*' in page_text(
        out, "trends"
    )


# --- the next run tidies what a killed one left --------------------------------------------


def test_the_next_build_removes_what_a_killed_one_left(tmp_path, monkeypatch):
    out, before = _old_book(tmp_path)
    half = Path(tempfile.mkdtemp(prefix=".book.new-", dir=tmp_path))
    (half / "index.html").write_text("half a book")

    def stop(*args, **kwargs):
        raise BuildError("stopped here for the test")

    monkeypatch.setattr(build, "check_inputs", stop)
    no_warm_kernels(monkeypatch)
    refused(["build", "--out", str(out), "--work", str(tmp_path / "work")], "stopped here")
    assert not half.exists()
    assert snapshot(out) == before


def test_a_work_folder_loses_a_killed_chapters_half_output(tmp_path):
    work = tmp_path / "work"
    half = work / "src" / "notebooks" / "tmpab12cd"
    half.mkdir(parents=True)
    (half / "pa.ipynb").write_text("{")
    kept = work / "src" / "notebooks" / "pa.ipynb"
    kept.write_text("{}")
    from contextlib import ExitStack

    with ExitStack() as held:
        build._prepare_work(work, held)
    assert not half.exists()
    assert kept.exists()
    assert folders.marker_kind(work) == folders.WORK


# --- files the user names are not overwritten by mistake -----------------------------------


@pytest.mark.parametrize("command", [["parameters", "--yaml"], ["dictionary", "--out"]])
def test_writing_over_a_users_file_needs_force(tmp_path, command):
    mine = tmp_path / "my-parameters.yaml"
    mine.write_text("overhead_rate: 0.3  # my own value\n")
    refused([*command, str(mine)], "exists and holds something else", "--force")
    assert mine.read_text() == "overhead_rate: 0.3  # my own value\n"
    refused([*command, str(tmp_path)], "not a regular file")
    result = runner.invoke(app, [*command, str(mine), "--force"])
    assert result.exit_code == 0, result.output
    assert "my own value" not in mine.read_text()
    again = runner.invoke(app, [*command, str(mine)])  # the same text again: nothing lost
    assert again.exit_code == 0, again.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my-parameters.yaml"]
