"""Shared test settings and fixtures."""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Keep compiled bytecode between runs, for the test modules (pytest's rewritten copies), the
# package and the kernels the tests start, even where PYTHONDONTWRITEBYTECODE is set (as on
# the project's machine): compiling every module again in each test process and each kernel
# cost about 5 s of CPU per process at collection alone (collecting the fast subset: 7.6 s
# against 2.8 s). The caches are in __pycache__ folders, which git ignores; nothing the
# build digests or ships reads them.
sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

#: Output types nbval must not compare: charts and HTML carry ids and layout noise.
NBVAL_SKIP = ("application/vnd.plotly.v1+json", "text/html")


#: Test modules that build books, drive a browser or print PDFs: every test in them is slow.
SLOW_MODULES = {
    "test_browser", "test_pdf", "test_end_to_end", "test_renamed_pack",
    "test_disclosure_build", "test_compare_build",
}  # fmt: skip
#: Fixtures that build a book (or start a cluster): a test using one is slow.
SLOW_FIXTURES = {
    "built_book", "built_default", "authority_book", "hostile_book", "cluster", "leeds_book",
}  # fmt: skip


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "slow: builds a book, drives a browser, prints a PDF or runs a notebook; the fast "
        "command (pytest -m 'not slow' tests) leaves these out",
    )


#: The books built once per test process and shared by several modules' tests, and the xdist
#: group of the tests using each: with ``--dist loadgroup`` (scripts/test.sh) one worker runs
#: every test of a group, so each book is still built once.
BOOK_GROUPS = {
    "built_default": "book-default", "authority_book": "book-authority",
    "leeds_book": "book-leeds",
}  # fmt: skip
#: The longest groups (measured), longest first: handed out before the others. The first two
#: go one to each worker; so the default book and Leeds's are built at the same time.
LONGEST = [
    "book-default", "book-leeds", "book-authority", "tests/test_end_to_end.py",
    "tests/test_disclosure_build.py", "tests/test_compare_build.py",
    "tests/test_renamed_pack.py", "tests/test_batch.py",
]  # fmt: skip
#: test_pdf's books come by parameter (``printed``), not by a fixture the test names.
PRINTED_GROUPS = {"default": "book-default", "authority": "book-authority"}


def xdist_group(item) -> str:  # noqa: ANN001
    """The xdist group of a test: the book it reads if it reads a shared one, else its file
    (a notebook's cells run in order in one kernel, so they stay together)."""
    callspec = getattr(item, "callspec", None)
    if callspec is not None and callspec.params.get("printed") in PRINTED_GROUPS:
        return PRINTED_GROUPS[callspec.params["printed"]]
    fixtures = set(getattr(item, "fixturenames", ()))
    for fixture, group in BOOK_GROUPS.items():
        if fixture in fixtures:
            return group
    return Path(str(item.fspath)).relative_to(ROOT).as_posix()


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups and -m deselects
def pytest_collection_modifyitems(config, items):
    """Extend nbval's comparison skip list so only the plain-text results are compared;
    mark the slow tests (see SLOW_MODULES and SLOW_FIXTURES, and nbval's notebook cells).
    Under ``--dist loadgroup``, put each test in its xdist group (see ``xdist_group``) and
    hand out the slow groups first, the shared books' first of all, so that the longest
    work starts at once and the quick tests fill in beside it."""
    for item in items:
        parent = getattr(item, "parent", None)
        skip = getattr(parent, "skip_compare", None)
        if skip is not None and not set(NBVAL_SKIP) <= set(skip):
            parent.skip_compare = tuple(skip) + NBVAL_SKIP
        module = Path(str(item.fspath)).stem
        fixtures = set(getattr(item, "fixturenames", ()))
        if (
            str(item.fspath).endswith(".ipynb")
            or module in SLOW_MODULES
            or fixtures & SLOW_FIXTURES
        ):
            item.add_marker(pytest.mark.slow)
    if config.getoption("loadgroup", False):  # set in each xdist worker by --dist loadgroup

        def first(item) -> int:  # noqa: ANN001
            group = xdist_group(item)
            if group in LONGEST:
                return LONGEST.index(group)
            return len(LONGEST) + (0 if item.get_closest_marker("slow") else 1)

        items.sort(key=first)  # stable: each file's tests keep their order
        where = getattr(config, "workerinput", {}).get("evb_groups")
        if where:  # tell the controller's scheduler each test's group (see below)
            groups = json.dumps({item.nodeid: xdist_group(item) for item in items})
            spare = Path(f"{where}.{os.getpid()}")
            spare.write_text(groups, encoding="utf-8")
            spare.replace(where)


# xdist's own groups (the ``xdist_group`` mark) name a test by changing its node id, which
# pytest 9 no longer allows: the mark is ignored and every test becomes its own group. So
# under --dist loadgroup the controller takes each test's group from the workers instead,
# written to a file while they collect (every worker collects the same tests).


def _groups_file(config) -> Path:  # noqa: ANN001
    if not hasattr(config, "evb_groups"):
        config.evb_groups = Path(tempfile.mkdtemp(prefix="evb-groups-")) / "groups.json"
    return config.evb_groups


def pytest_unconfigure(config):  # noqa: ANN001
    if hasattr(config, "evb_groups"):  # the controller's, made for its workers
        shutil.rmtree(config.evb_groups.parent, ignore_errors=True)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):  # noqa: ANN001
    node.workerinput["evb_groups"] = str(_groups_file(node.config))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):  # noqa: ANN001, ANN201
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    where = _groups_file(config)

    class BookGroups(LoadScopeScheduling):
        """xdist's scheduling by scope, with the groups of ``xdist_group`` as the scopes."""

        groups: dict[str, str] | None = None

        def _split_scope(self, nodeid: str) -> str:
            if self.groups is None:
                self.groups = json.loads(where.read_text(encoding="utf-8"))
            return self.groups.get(nodeid, nodeid)

    return BookGroups(config, log)


@pytest.fixture(scope="session")
def default_evaluation():
    """Every registered chapter's parameters, tables and figures for the default pack
    (``registry.evaluate("")``), worked out once per test process: read it, never change it."""
    from evidencebook.chapters import registry

    return registry.evaluate("")


#: The chapters whose ``compute`` gives a ChapterResult, and those that add a section for an
#: authority (``rollout_la``).
CHAPTERS = ("overview", "trends", "pa", "fit", "volunteers", "edge", "willow", "surgeries",
            "value_for_money", "audit", "assumptions")  # fmt: skip
STRANDS = ("pa", "fit", "volunteers", "edge", "willow", "surgeries")


@pytest.fixture(scope="session")
def everything_shown(tmp_path_factory):
    """What the book's chapters make and show, worked out once per test process: each
    chapter for the default pack, each strand's roll-out section for Leeds, the options and
    the comparison for Leeds, every chart, table and passage shown (to nothing) with the
    downloads written to a folder. Gives ``figures`` (chapter, plotly figure: every figure
    made), ``tables`` (chapter, frame and arguments: every table written as HTML) and
    ``csvs`` (chapter, frame: every table written for download). Read it, never change it."""
    from dataclasses import replace
    from importlib import import_module
    from types import SimpleNamespace

    import IPython.display

    from evidencebook.analysis import charts, downloads, tabular
    from evidencebook.chapters.compare import model as compare

    made = SimpleNamespace(figures=[], tables=[], csvs=[])
    chapter = ""
    figure, html_table = charts.figure, tabular.html_table
    csv_for_readers = downloads.csv_for_readers

    def recorded_figure(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        fig = figure(*args, **kwargs)
        made.figures.append((chapter, fig))
        return fig

    def recorded_table(frame, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        made.tables.append((chapter, frame.copy(), args, kwargs))
        return html_table(frame, *args, **kwargs)

    def recorded_csv(frame):  # noqa: ANN001, ANN202
        made.csvs.append((chapter, frame.copy()))
        return csv_for_readers(frame)

    def show_all(result) -> None:  # noqa: ANN001
        for key in [*result.charts, *result.tables, *result.text]:
            result.show(key)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(charts, "figure", recorded_figure)
        patch.setattr(tabular, "html_table", recorded_table)
        patch.setattr(downloads, "csv_for_readers", recorded_csv)
        patch.setattr(IPython.display, "display", lambda *args, **kwargs: None)
        patch.setenv(downloads.ENV, str(tmp_path_factory.mktemp("downloads") / "chapter"))
        for chapter in CHAPTERS:
            module = import_module(f"evidencebook.chapters.{chapter}")
            show_all(module.compute(module.load(), module.Parameters()))
        for name in STRANDS:
            chapter = f"{name} for Leeds"
            module = import_module(f"evidencebook.chapters.{name}")
            params = replace(module.Parameters(), rollout_la="Leeds", mc_runs=200)
            show_all(module.compute(module.load(), params))
        chapter = "options for Leeds"
        options = import_module("evidencebook.chapters.options")
        show_all(options.compute(options.load(), replace(options.Parameters(), la="Leeds")))
        chapter = "compare for Leeds"
        result = compare.compute("Leeds")
        for heading, _ in result.sections:
            compare.show_section(result, heading)
        compare.show_summary(result)
        compare.show_neighbours(result)
    return made


@pytest.fixture(scope="session")
def built_default(tmp_path_factory):
    """The result of building the whole book from the default pack, strictly, into a
    temporary folder, with its printed PDF (``downloads/book.pdf``)."""
    from evidencebook.building import build

    out = tmp_path_factory.mktemp("book") / "html"
    work = ROOT / "_build" / "test-work"
    if os.environ.get("CI"):
        shutil.rmtree(work, ignore_errors=True)  # CI proves a cold build
    return build.build(out_dir=out, work_dir=work, pdf=True)


@pytest.fixture(scope="session")
def built_book(built_default) -> Path:
    """The published folder of the default book (see ``built_default``)."""
    return built_default.out_dir


#: The chapters of ``authority_book``: the kinds of page a book has (landing page, chapters
#: with charts and wide tables, the guide, search and index pages) in a short build.
AUTHORITY_CHAPTERS = ["pa", "value_for_money"]
DEFAULT_NAME = "Hampshire and the Isle of Wight"
AUTHORITY_NAME = "Northshire and Southby"


@pytest.fixture(scope="session")
def authority_book(tmp_path_factory) -> Path:
    """Another authority's book (the default pack with its authorities renamed: see
    ``helpers.renamed_pack``), two chapters of it, with its PDF."""
    from helpers import renamed_pack

    from evidencebook.building import build

    root = tmp_path_factory.mktemp("authority")
    out = root / "html"
    pack = renamed_pack(root)
    meta = pack / "pack.yaml"
    text = meta.read_text(encoding="utf-8")
    meta.write_text(text.replace(f"name: {DEFAULT_NAME}", f"name: {AUTHORITY_NAME}"))
    build.build(
        data_dir=pack,
        out_dir=out,
        work_dir=root / "work",
        chapters=AUTHORITY_CHAPTERS,
        pdf=True,
    )
    return out


@pytest.fixture(scope="session")
def leeds_book(tmp_path_factory) -> tuple[Path, str]:
    """Leeds's book, named by its ONS code, built from published data with the command line
    (its chapters: how it compares, and its options side by side), and what the build printed."""
    from typer.testing import CliRunner

    from evidencebook.cli import app

    root = tmp_path_factory.mktemp("leeds")
    out = root / "book"
    result = CliRunner().invoke(
        app, ["build", "--la", "E08000035", "--out", str(out), "--work", str(root / "work")]
    )
    assert result.exit_code == 0, result.output
    return out, result.output
