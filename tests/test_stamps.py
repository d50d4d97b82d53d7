"""The record of the last successful build: a rebuild with the same options, when nothing
the build reads and nothing it published has changed, returns that build's result at once
(nothing checked, executed, built or copied); anything changed builds as usual.

The builds here execute no notebook and start no Sphinx (stand-ins write what the build
expects of them), so only the build's own steps run.
"""

from __future__ import annotations

import copy
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import default_pack_copy, pa_book, stand_ins

from evidencebook.building import build, stamps

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def pack(tmp_path) -> Path:
    """A copy of the default pack (its national data stay in the project)."""
    return default_pack_copy(tmp_path)


@pytest.fixture(scope="module")
def checked(tmp_path_factory) -> build.ChapterValues:
    """The pre-build check of the PA chapter of the default pack, run once for the module
    (about 3 s: it reads and validates every table)."""
    pack = default_pack_copy(tmp_path_factory.mktemp("checked"))
    return build.check_inputs(pack, None, build.project_root(), ["pa"], {})


@pytest.fixture()
def steps(monkeypatch, checked) -> dict[str, int]:
    """How often a build checks its inputs, executes chapters, runs Sphinx and publishes.
    The check is counted, and gives what the real one gave for the default pack (every
    test here changes what the check does not read, or counts only whether it ran)."""
    calls = {"check": 0, "executed": 0, "sphinx": 0, "publish": 0}
    executed, sphinx = stand_ins()
    publish = build.publish

    def check(*args, **kwargs):
        return copy.deepcopy(checked)

    def counted(name, run):
        def call(*args, **kwargs):
            calls[name] += 1
            return run(*args, **kwargs)

        return call

    monkeypatch.setattr(build, "check_inputs", counted("check", check))
    monkeypatch.setattr(build, "_execute_all", counted("executed", executed))
    monkeypatch.setattr(build, "run_jupyter_book", counted("sphinx", sphinx))
    monkeypatch.setattr(build, "publish", counted("publish", publish))
    return calls


def test_an_unchanged_rebuild_returns_the_last_result_and_does_nothing(pack, tmp_path, steps):
    first = pa_book(pack, tmp_path)
    done = dict(steps)
    assert first.executed == ["pa"] and done == {
        "check": 1, "executed": 1, "sphinx": 1, "publish": 1,
    }  # fmt: skip
    planned, told = [], []
    second = pa_book(
        pack, tmp_path, on_plan=planned.append, on_chapter=lambda c, ran: told.append((c, ran))
    )
    assert steps == done  # nothing checked, executed, built or published again
    assert second.reused == ["pa"] and second.executed == []
    assert second.out_dir == first.out_dir and second.parameters == first.parameters
    assert planned == [["pa"]] and told == [("pa", False)]  # the command line says "reused"
    assert list(second.phases)[:7] == list(stamps.PHASES)
    assert second.phases["check"] == pytest.approx(second.seconds)
    assert list((tmp_path / "work" / stamps.RECORDS_FOLDER).glob("*.pickle"))


def test_force_and_changed_options_build_again(pack, tmp_path, steps):
    pa_book(pack, tmp_path)
    pa_book(pack, tmp_path, force=True)
    assert steps["executed"] == 2 and steps["publish"] == 2
    pa_book(pack, tmp_path, suppress_below=10)  # another option: another record
    assert steps["publish"] == 3
    pa_book(pack, tmp_path, suppress_below=10)
    assert steps["publish"] == 3  # that one, unchanged, is used


def test_a_changed_table_builds_again(pack, tmp_path, steps):
    pa_book(pack, tmp_path)
    posts = pack / "pa_posts.csv"
    posts.write_text(posts.read_text() + "\n")
    result = pa_book(pack, tmp_path)
    assert steps["check"] == 2 and steps["publish"] == 2 and result.executed == ["pa"]


@pytest.mark.parametrize("change", ["edited", "deleted", "added"])
def test_a_published_book_changed_by_hand_is_published_again(pack, tmp_path, steps, change):
    pa_book(pack, tmp_path)
    page = tmp_path / "out" / "index.html"
    if change == "edited":
        page.write_text("<p>changed by hand</p>", encoding="utf-8")
    elif change == "deleted":
        page.unlink()
    else:
        (tmp_path / "out" / "notes.txt").write_text("mine", encoding="utf-8")
    pa_book(pack, tmp_path)
    assert steps["publish"] == 2
    assert page.read_text(encoding="utf-8") == "<p>a book</p>"  # the build's page again


def test_a_changed_inputs_sheet_builds_again(pack, tmp_path, monkeypatch):
    sheet = tmp_path / "inputs.yaml"
    sheet.write_text("posts: 1\n")
    kept = stamps.BuildResult(out_dir=tmp_path / "out", parameters={"inputs_sheet": str(sheet)})
    kept.out_dir.mkdir()
    (kept.out_dir / "index.html").write_text("<p>a book</p>")
    monkeypatch.setattr(stamps.paths, "build_dir", lambda root=None: tmp_path / "_build")
    asked = stamps.BuildOptions(pack, kept.out_dir, chapters=["options"], la="Leeds")
    stamps.keep_build(ROOT, pack, kept, asked)
    found = stamps.unchanged_build(asked)
    assert found is not None and found.reused == [] and found.parameters == kept.parameters
    sheet.write_text("posts: 2\n")
    assert stamps.unchanged_build(asked) is None


def test_an_emptied_work_folder_builds_again(pack, tmp_path, steps):
    first = pa_book(pack, tmp_path)
    shutil.rmtree(first.sources)  # the executed chapters the result names are gone
    second = pa_book(pack, tmp_path)
    assert steps["publish"] == 2 and second.sources.is_dir()


def test_a_damaged_record_means_build(pack, tmp_path, steps):
    pa_book(pack, tmp_path)
    (record,) = (tmp_path / "work" / stamps.RECORDS_FOLDER).glob("*.pickle")
    record.write_bytes(b"not a record")
    assert pa_book(pack, tmp_path).reused == ["pa"]
    assert steps["publish"] == 2
    assert pickle.loads(record.read_bytes())["options"]["chapters"] == ["pa"]  # kept anew


def test_the_book_key_covers_the_book_sources_and_the_libraries(pack, tmp_path, monkeypatch):
    root = tmp_path / "project"
    (root / "notebooks").mkdir(parents=True)
    shutil.copyfile(ROOT / "notebooks" / "pa.ipynb", root / "notebooks" / "pa.ipynb")
    (root / "book").mkdir()
    (root / "book" / "intro.md").write_text("# A book\n")
    (root / "_config.yml").write_text("title: A book\n")
    options = {"chapters": None, "la": None}
    first = stamps.book_key(pack, None, root, options)
    assert first is not None and stamps.book_key(pack, None, root, options) == first
    (root / "book" / "intro.md").write_text("# A book, its prose edited\n")
    second = stamps.book_key(pack, None, root, options)
    assert second != first
    (root / "_config.yml").write_text("title: Another title\n")
    third = stamps.book_key(pack, None, root, options)
    assert third != second
    assert stamps.book_key(pack, None, root, {**options, "pdf": True}) != third
    monkeypatch.setattr(stamps, "installed_distributions", lambda: ["sphinx-9.0.0.dist-info"])
    assert stamps.book_key(pack, None, root, options) != third


def test_installed_distributions_name_the_build_libraries():
    names = " ".join(stamps.installed_distributions()).lower()
    assert "papermill-" in names and "jupyter_book-" in names and "plotly-" in names


def test_the_command_line_tells_an_unchanged_build_before_importing_pandas():
    """The command line imports neither pandas nor papermill until a build must run."""
    code = (
        "import sys, evidencebook.cli, evidencebook.building.stamps;"
        "heavy = ('pandas', 'papermill', 'sphinx', 'nbformat');"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip() == "[]"
