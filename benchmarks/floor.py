"""Benchmark: the book's build time against what the frameworks themselves cost.

The floor is a book of as many chapter notebooks as the real one, each importing pandas
and plotly, drawing one chart and gluing 30 numbers, executed by papermill with the same
number of workers and built by jupyter-book with execution off, with the project's own
``_config.yml`` (theme, extensions, the offline plotly renderer). Measured in the same run:

- a cold build (every chapter executed, HTML from nothing), real book and floor;
- a rebuild with nothing changed (the real book reuses every chapter and its HTML);
- one authority's book from published data (``build --la``) against a one-chapter floor;
- each chapter's own work: the time its cells take once its kernel has started (papermill
  records each cell's duration), against the floor chapter's (and as a share of it, which
  this machine's own speed, varying by a third from run to run, moves less); and
  papermill's and the kernel's own time for a cell that does nothing, which each of a
  chapter's cells costs whatever it does (in a kernel the build keeps, and in a new one as
  the floor's).

Goals (issue 17): cold build at most 1.3 times the floor; unchanged rebuild under 1 s; each
chapter's own work under 0.5 s.

    .venv/bin/python benchmarks/floor.py [--workers 2] [--la Leeds]
    .venv/bin/python benchmarks/floor.py --unchanged [--repeat 5]

``--unchanged`` measures the unchanged rebuild alone, cheaply: the book is built once into
``_build/benchmark-unchanged/`` (kept, so later runs start from it), then rebuilt with
nothing changed ``--repeat`` times in the same process, as the full run does.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
import yaml

from evidencebook import paths
from evidencebook.building import build

FLOOR_CODE = """\
import pandas as pd
import plotly.graph_objects as go
from myst_nb import glue

frame = pd.DataFrame({{"x": list(range(12)), "y": [v * {n} for v in range(12)]}})
for i in range(30):
    glue(f"c{n}_figure_{{i}}", float(frame["y"].sum() + i), display=False)
fig = go.Figure(go.Bar(x=frame["x"], y=frame["y"]))
fig.update_layout(title="Floor chapter {n}")
fig
"""


def floor_notebook(n: int) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3", "display_name": "Python 3", "language": "python",
    }  # fmt: skip
    text = f"# Floor chapter {n}\n\nA figure: {{glue:text}}`c{n}_figure_0`."
    nb.cells = [
        nbformat.v4.new_markdown_cell(text),
        nbformat.v4.new_code_cell(FLOOR_CODE.format(n=n)),
    ]
    return nb


def _execute(source: Path, target: Path) -> None:
    import papermill

    papermill.execute_notebook(
        str(source), str(target), cwd=str(target.parent), progress_bar=False,
        log_output=False, kernel_name="python3",
        # CRITICAL, not the book's ERROR: papermill ends each kernel with an interrupt,
        # which the kernel would report as "ERROR | KeyboardInterrupt caught in kernel"
        extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
    )  # fmt: skip


def floor_build(folder: Path, chapters: int, workers: int) -> tuple[float, float]:
    """Build the floor book in ``folder``; return (seconds, median chapter cell seconds)."""
    src = folder / "src"
    (src / "notebooks").mkdir(parents=True)
    root = paths.project_root()
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    config.setdefault("execute", {})["execute_notebooks"] = "off"
    (src / "_config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    shutil.copytree(root / "_static", src / "_static")
    (src / "intro.md").write_text("# Floor book\n", encoding="utf-8")
    toc = {"format": "jb-book", "root": "intro",
           "chapters": [{"file": f"notebooks/c{n}"} for n in range(chapters)]}  # fmt: skip
    (src / "_toc.yml").write_text(yaml.safe_dump(toc), encoding="utf-8")
    started = time.perf_counter()
    raw = folder / "raw"
    raw.mkdir()
    for n in range(chapters):
        nbformat.write(floor_notebook(n), raw / f"c{n}.ipynb")
    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(_execute, [raw / f"c{n}.ipynb" for n in range(chapters)],
                      [src / "notebooks" / f"c{n}.ipynb" for n in range(chapters)]))  # fmt: skip
    build.run_jupyter_book(src, folder)
    seconds = time.perf_counter() - started
    own = [cell_seconds(src / "notebooks" / f"c{n}.ipynb") for n in range(chapters)]
    return seconds, sorted(own)[len(own) // 2]


def cell_seconds(notebook: Path) -> float:
    """The time a chapter's cells took once its kernel had started (papermill's record)."""
    nb = nbformat.read(notebook, as_version=4)
    return sum(
        (c.metadata.get("papermill", {}).get("duration") or 0.0)
        for c in nb.cells
        if c.cell_type == "code"
    )


def code_cells(notebook: Path) -> int:
    """How many code cells a chapter's executed notebook ran."""
    return sum(c.cell_type == "code" for c in nbformat.read(notebook, as_version=4).cells)


def cell_overhead(folder: Path, kept: bool, cells: int = 60) -> float:
    """papermill's and the kernel's own time for one cell, in seconds: the median duration
    papermill records for a cell that does nothing (``pass``), over ``cells`` such cells
    run in one kernel after a first cell. Each of a chapter's one-line ``show`` cells costs
    at least this, whatever it shows (the messages between papermill and the kernel).
    ``kept``: in a kernel as the build keeps one (``kernels``: without ipykernel's waits the
    build's cells do not need), else in a new kernel as the floor's chapters are run."""
    nb = floor_notebook(0)
    nb.cells = [nbformat.v4.new_code_cell("pass") for _ in range(cells + 1)]
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / "empty.ipynb")
    import papermill

    from evidencebook.building import kernels

    engine = {"engine_name": kernels.ENGINE, "kernel_env": {}} if kept else {}
    try:
        ran = papermill.execute_notebook(
            str(folder / "empty.ipynb"), None, progress_bar=False, kernel_name="python3",
            request_save_on_cell_execute=False,  # as the build runs its chapters
            extra_arguments=["--IPKernelApp.log_level=CRITICAL"],  # as in _execute
            **engine,
        ).cells[1:]  # fmt: skip
    finally:
        kernels.shutdown()
    durations = sorted(float(c.metadata["papermill"]["duration"]) for c in ran)
    return durations[len(durations) // 2]


def timed(**kwargs) -> tuple[float, build.BuildResult]:
    started = time.perf_counter()
    result = build.build(**kwargs)
    return time.perf_counter() - started, result


def unchanged_only(workers: int, repeat: int) -> None:
    """Time unchanged rebuilds of the book kept in ``_build/benchmark-unchanged/``."""
    folder = paths.build_dir() / "benchmark-unchanged"
    kwargs = {"out_dir": folder / "html", "work_dir": folder / "work", "workers": workers}
    first, result = timed(**kwargs)
    print(f"first build (executed {len(result.executed)}, reused {len(result.reused)}): "
          f"{first:6.2f} s")  # fmt: skip
    times = sorted(timed(**kwargs)[0] for _ in range(repeat))
    print(f"unchanged build:  median {times[len(times) // 2]:5.2f} s, fastest {times[0]:5.2f} s, "
          f"slowest {times[-1]:5.2f} s ({repeat} runs)  (goal < 1 s)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2, help="chapters executed at once")
    parser.add_argument("--la", default="Leeds", help="authority for the published-data book")
    parser.add_argument("--unchanged", action="store_true", help="the unchanged rebuild alone")
    parser.add_argument("--repeat", type=int, default=5, help="unchanged rebuilds to time")
    args = parser.parse_args()
    if args.unchanged:
        unchanged_only(args.workers, args.repeat)
        return
    with tempfile.TemporaryDirectory(dir=paths.build_dir()) as tmp:
        tmp = Path(tmp)
        kwargs = {"out_dir": tmp / "html", "work_dir": tmp / "work", "workers": args.workers}
        cold, first = timed(**kwargs)
        own = {c: cell_seconds(first.sources / "notebooks" / f"{c}.ipynb") for c in first.executed}
        cells = {c: code_cells(first.sources / "notebooks" / f"{c}.ipynb") for c in first.executed}
        warm, second = timed(**kwargs)
        chapters = len(first.executed)
        floor, floor_own = floor_build(tmp / "floor", chapters, args.workers)
        la_kwargs = {"out_dir": tmp / "la", "work_dir": tmp / "la-work", "la": args.la}
        authority, third = timed(**la_kwargs)
        floor_la, _ = floor_build(tmp / "floor-la", len(third.executed), args.workers)
        new_cell = cell_overhead(tmp / "empty", kept=False)
        per_cell = cell_overhead(tmp / "empty-kept", kept=True)
    print(f"machine: {os.cpu_count()} cores; workers: {args.workers}; chapters: {chapters}")
    print(f"cold build:       book {cold:6.1f} s, floor {floor:6.1f} s, "
          f"ratio {cold / floor:4.2f}  (goal <= 1.30)")  # fmt: skip
    print(f"unchanged build:  book {warm:6.2f} s ({len(second.reused)} chapters reused)"
          "  (goal < 1 s)")  # fmt: skip
    print(f"authority book ({args.la}, {len(third.executed)} chapter(s)): book {authority:6.1f} s, "
          f"floor {floor_la:6.1f} s, ratio {authority / floor_la:4.2f}")  # fmt: skip
    print(
        f"each chapter's own work after its kernel started (floor chapter {floor_own:.2f} s; "
        "goal < 0.5 s), and what is left of it once papermill's and the kernel's own "
        f"{per_cell * 1000:.1f} ms a cell (a cell that does nothing, in a kernel the build "
        f"keeps; {new_cell * 1000:.1f} ms in a new kernel, as the floor's) is taken away:"
    )  # fmt: skip
    for chapter, seconds in sorted(own.items(), key=lambda kv: -kv[1]):
        framework = cells[chapter] * per_cell
        print(f"  {chapter:16} {seconds:5.2f} s, {seconds / floor_own:4.2f} of the floor chapter  "
              f"({cells[chapter]:2} cells: {framework:4.2f} s of messages, "
              f"{seconds - framework:4.2f} s of the chapter's work)")  # fmt: skip


if __name__ == "__main__":
    main()
