"""jupyter-book run in a process of its own, or (a batch's worker, one book after another)
in the build's own process: the same book either way, byte for byte, and the same failure.

The tests that build a book run Sphinx (a few seconds each): marked slow.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sphinx.config import Config

from evidencebook.building import jupyterbook
from evidencebook.exceptions import BuildError

ROOT = Path(__file__).resolve().parents[1]

PAGE = """\
# A chapter

(a-chapter)=
## A section

A paragraph with a [link to the section](#a-chapter), a table and a list.

| What | Count |
| --- | --- |
| Families | 12 |

- one
- two
"""


def small_book(folder: Path, broken: bool = False) -> Path:
    """A two-page book with the project's own configuration (theme, extensions)."""
    src = folder / "src"
    (src / "book").mkdir(parents=True)
    shutil.copy(ROOT / "_config.yml", src / "_config.yml")
    (src / "_toc.yml").write_text(
        "format: jb-book\nroot: book/intro\nchapters:\n  - file: book/chapter\n", encoding="utf-8"
    )
    (src / "book" / "intro.md").write_text("# A book\n\nIts introduction.\n", encoding="utf-8")
    extra = "\nSee {ref}`no-such-label`.\n" if broken else ""
    (src / "book" / "chapter.md").write_text(PAGE + extra, encoding="utf-8")
    return src


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def in_process():
    before = jupyterbook._here
    jupyterbook.run_in_this_process()
    yield
    jupyterbook.run_in_this_process(before)


def test_the_settings_extensions_change_in_place_are_set_back():
    jupyterbook._fresh_sphinx_defaults()  # takes the defaults as they are first
    templates = Config.config_values["templates_path"].default
    suffixes = Config.config_values["source_suffix"].default
    before_templates, before_suffixes = list(templates), dict(suffixes)
    templates.append("/somewhere/a/theme/added")
    suffixes[".ipynb"] = "myst-nb"
    jupyterbook._fresh_sphinx_defaults()
    assert Config.config_values["templates_path"].default == before_templates
    assert Config.config_values["source_suffix"].default == before_suffixes
    assert Config.config_values["templates_path"].default is templates  # the same object


@pytest.mark.slow
def test_a_book_built_in_this_process_is_the_one_a_process_of_its_own_builds(tmp_path, in_process):
    src = small_book(tmp_path)
    jupyterbook.run_in_this_process(False)
    apart = files(jupyterbook.run_jupyter_book(src, tmp_path / "apart"))
    jupyterbook.run_in_this_process()
    for n in range(2):  # the second after the first has changed Sphinx's defaults
        here = files(jupyterbook.run_jupyter_book(src, tmp_path / f"here{n}"))
        assert here.keys() == apart.keys()
        assert [name for name in apart if here[name] != apart[name]] == []
    assert Config.config_values["templates_path"].default == []


@pytest.mark.slow
def test_a_warning_fails_the_build_in_this_process_as_in_its_own(tmp_path, in_process):
    src = small_book(tmp_path, broken=True)
    messages = []
    for here in (False, True):
        jupyterbook.run_in_this_process(here)
        with pytest.raises(BuildError, match="undefined label: 'no-such-label'") as failed:
            jupyterbook.run_jupyter_book(src, tmp_path / f"out-{here}")
        messages.append(str(failed.value).replace(str(tmp_path / "out-True"), "OUT"))
    assert messages[0].replace(str(tmp_path / "out-False"), "OUT") == messages[1]
    # and the next book in this process builds as before
    good = small_book(tmp_path / "good")
    assert (jupyterbook.run_jupyter_book(good, tmp_path / "after") / "index.html").is_file()


def test_a_build_in_another_thread_runs_jupyter_book_apart(monkeypatch, tmp_path, in_process):
    import threading

    ran = []
    monkeypatch.setattr(jupyterbook, "_run_here", lambda a: ran.append("here") or (0, ""))
    monkeypatch.setattr(jupyterbook, "_run_apart", lambda a: ran.append("apart") or (0, ""))
    jupyterbook.run_jupyter_book(tmp_path, tmp_path / "out")
    thread = threading.Thread(target=jupyterbook.run_jupyter_book, args=(tmp_path, tmp_path / "o"))
    thread.start()
    thread.join()
    assert ran == ["here", "apart"]


def test_a_process_runs_jupyter_book_in_itself_unless_told_otherwise(monkeypatch, tmp_path):
    """``evidencebook build`` (HTML, then the PDF's single page) and a test's builds run it in
    the process; ``run_in_this_process(False)`` sends every build to a process of its own."""
    import subprocess
    import sys

    default = "from evidencebook.building import jupyterbook as j; print(j._here)"
    said = subprocess.run([sys.executable, "-c", default], capture_output=True, text=True)
    assert said.stdout.strip() == "True", said.stderr
    ran = []
    monkeypatch.setattr(jupyterbook, "_run_here", lambda a: ran.append("here") or (0, ""))
    monkeypatch.setattr(jupyterbook, "_run_apart", lambda a: ran.append("apart") or (0, ""))
    monkeypatch.setattr(jupyterbook, "_here", True)
    jupyterbook.run_jupyter_book(tmp_path, tmp_path / "out")
    jupyterbook.run_in_this_process(False)
    jupyterbook.run_jupyter_book(tmp_path, tmp_path / "out")
    assert ran == ["here", "apart"]
