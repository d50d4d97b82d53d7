"""One kernel for the chapters a build's worker executes: each later chapter finds it as a
new kernel would be (no names left, cells numbered from 1, its own environment and working
folder), and a chapter that fails ends its kernel.

The tests that execute notebooks start a real kernel (a few seconds): marked slow.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import nbformat
import papermill
import pytest

from evidencebook.building import kernels


def notebook(folder: Path, name: str, *cells: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    path = folder / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


def run(path: Path, env: dict[str, str | None], cwd: Path) -> nbformat.NotebookNode:
    return papermill.execute_notebook(
        str(path),
        str(path.with_suffix(".out.ipynb")),
        progress_bar=False,
        kernel_name="python3",
        engine_name=kernels.ENGINE,
        kernel_env=env,
        kernel_cwd=str(cwd),
        cwd=str(cwd),
    )


def printed(nb: nbformat.NotebookNode, cell: int) -> str:
    return "".join(o.get("text", "") for o in nb.cells[cell].outputs if o.output_type == "stream")


def test_the_reset_code_sets_and_removes_variables_and_the_folder():
    code = kernels.reset_code({"B_FOLDER": "/x/'y'", "A_GONE": None}, "/work/src")
    lines = code.splitlines()
    assert lines[0] == "get_ipython().reset(new_session=True)"
    assert "_evidencebook_os.environ.pop('A_GONE', None)" in lines
    assert """_evidencebook_os.environ['B_FOLDER'] = "/x/'y'\"""" in lines
    assert "_evidencebook_os.chdir('/work/src')" in lines
    assert lines[-1] == "get_ipython().execution_count = 1"
    compile(code, "reset", "exec")  # valid Python, quotes and all


@pytest.mark.slow
def test_a_later_chapter_finds_the_kernel_as_new(tmp_path, monkeypatch):
    first_dir, second_dir = tmp_path / "one", tmp_path / "two"
    first_dir.mkdir()
    second_dir.mkdir()
    monkeypatch.setenv("EVIDENCEBOOK_TEST_TABLES", "the process's, not the build's")
    monkeypatch.setenv("EVIDENCEBOOK_TEST_GONE", "set when the kernel started")
    first = notebook(
        first_dir, "first",
        "import fractions, os\nleft_behind = 1",
        "print(os.environ.get('EVIDENCEBOOK_TEST_TABLES'), os.getcwd(), os.getpid())",
    )  # fmt: skip
    second = notebook(
        second_dir, "second",
        "import os, sys",
        "print('left_behind' in globals(), 'fractions' in sys.modules)",
        "print(*(os.environ.get(f'EVIDENCEBOOK_TEST_{n}') for n in ('TABLES', 'GONE')))",
        "print(os.getcwd(), os.getpid())",
    )  # fmt: skip
    try:
        one = run(first, {"EVIDENCEBOOK_TEST_TABLES": "first"}, first_dir)
        kept = kernels.kept_pid()
        later = {"EVIDENCEBOOK_TEST_TABLES": "second", "EVIDENCEBOOK_TEST_GONE": None}
        two = run(second, later, second_dir)
        assert kernels.kept_pid() == kept is not None  # the same kernel
        first_said = printed(one, 1).split()
        assert first_said[:2] == ["first", str(first_dir)]  # the build's, from the start
        assert printed(two, 1).split() == ["False", "True"]  # names gone, modules kept
        assert printed(two, 2).split() == ["second", "None"]  # as the build's environment
        assert printed(two, 3).split() == [str(second_dir), first_said[2]]
        assert [c.execution_count for c in two.cells] == [1, 2, 3, 4]  # as a new kernel
    finally:
        kernels.shutdown()
    assert kernels.kept_pid() is None


def outputs(nb: nbformat.NotebookNode) -> list[list[dict]]:
    """Each cell's outputs, as a notebook keeps them."""
    return [[dict(o) for o in cell.outputs] for cell in nb.cells]


@pytest.mark.slow
def test_a_kept_kernels_quicker_cells_give_what_a_new_kernels_give(tmp_path):
    path = notebook(
        tmp_path, "quick",
        "import os, sys\nprint('a')\ndisplay('b')\nprint('c', end='')\nsys.stderr.write('d')",
        "pass",
        "print('e')\nos.system('echo f')  # a child process writes too\nprint('g')",
        "sys.stdout.write('h')",
        "k = get_ipython().kernel\nk._execute_sleep, sys.stdout.flush.__func__.__name__",
    )  # fmt: skip
    new = papermill.execute_notebook(
        str(path), None, progress_bar=False, kernel_name="python3", cwd=str(tmp_path)
    )
    try:
        kept = run(path, {}, tmp_path)
    finally:
        kernels.shutdown()
    assert outputs(kept)[:-1] == outputs(new)[:-1]  # the same outputs in the same cells
    assert outputs(new)[0][0]["text"] == "a\n" and outputs(new)[3][0]["text"] == "h"
    assert outputs(new)[-1][0]["data"]["text/plain"] == "(0.0005, 'flush')"  # ipykernel's
    assert outputs(kept)[-1][0]["data"]["text/plain"] == "(0.0, '_evidencebook_flush')"


@pytest.mark.slow
def test_a_failed_chapter_ends_its_kernel(tmp_path):
    failing = notebook(tmp_path, "failing", "import os\nprint(os.getpid())", "1 / 0")
    fine = notebook(tmp_path, "fine", "import os\nprint(os.getpid())")
    try:
        with pytest.raises(papermill.PapermillExecutionError):
            run(failing, {}, tmp_path)
        failed_pid = kernels.kept_pid()
        assert failed_pid is None  # ended with the chapter
        nb = run(fine, {}, tmp_path)
        assert printed(nb, 0).strip() and kernels.kept_pid() is not None
    finally:
        kernels.shutdown()


@pytest.mark.slow
def test_shutdown_ends_the_kernel_process(tmp_path):
    path = notebook(tmp_path, "one", "1")
    run(path, {}, tmp_path)
    pid = kernels.kept_pid()
    assert pid is not None
    kernels.shutdown()
    assert kernels.kept_pid() is None
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)  # still there
        except ProcessLookupError:
            return
        time.sleep(0.1)
    raise AssertionError(f"the kernel process {pid} is still running")


@pytest.mark.slow
def test_each_thread_keeps_its_own_kernel(tmp_path):
    path = notebook(tmp_path, "pid", "import os\nprint(os.getpid())")
    pids: dict[str, str] = {}

    def chapter(name: str) -> None:
        try:
            pids[name] = printed(run(path, {}, tmp_path), 0).strip()
        finally:
            kernels.shutdown()

    threads = [threading.Thread(target=chapter, args=(n,)) for n in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(pids) == 2 and pids["a"] != pids["b"]


def _chapter_in_worker(folder: str) -> tuple[str, list]:
    """A chapter executed in a build's worker: what it printed and its cells' numbers."""
    path = notebook(
        Path(folder),
        "warmed",
        "import gc, os, sys\n"
        "print(os.getpid(), 'pandas' in sys.modules, gc.get_freeze_count() > 0)",
    )
    nb = run(path, {}, Path(folder))
    return printed(nb, 0), [c.execution_count for c in nb.cells]


@pytest.mark.slow
def test_a_warmed_worker_kernel_is_the_first_chapters_and_ends_with_the_worker(tmp_path):
    from concurrent.futures import ProcessPoolExecutor

    from evidencebook.building import build

    with ProcessPoolExecutor(max_workers=1) as pool:
        warmed = pool.submit(build.warm_kernel).result()
        said, numbers = pool.submit(_chapter_in_worker, str(tmp_path)).result()
    assert warmed is not None
    # the warmed kernel, its imports made and set aside from the garbage collector
    assert said.split() == [str(warmed), "True", "True"]
    assert numbers == [1]  # and set back as new
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # the worker's end ended its kernel
        try:
            os.kill(warmed, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    raise AssertionError(f"the warmed kernel {warmed} outlived its worker")


def test_worker_count():
    from evidencebook.building.build import worker_count

    assert worker_count(3, 11) == 3 and worker_count(3, 2) == 2 and worker_count(None, 0) == 1
    assert worker_count(None, 11) == min(2, os.cpu_count() or 1)


def test_a_build_ends_its_kernel_unless_the_process_keeps_it_for_the_next(monkeypatch):
    ended = []
    monkeypatch.setattr(kernels, "shutdown", lambda: ended.append(True))
    kernels.end_of_build()
    assert ended == [True]
    kernels.keep_between_builds()
    try:
        kernels.end_of_build()
        assert ended == [True]  # kept: the next book's chapters set it back as new
    finally:
        kernels.keep_between_builds(False)
    kernels.end_of_build()
    assert ended == [True, True]
