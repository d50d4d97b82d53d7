"""Small helpers shared by the model tests."""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Callable
from pathlib import Path


def assert_only_changed(base: object, new: object, changed: list[str], unchanged: list[str]):
    """A changed input moved exactly the outputs that depend on it: each name in
    ``changed`` differs between the two model results, each in ``unchanged`` does not."""
    for name in changed:
        assert getattr(new, name) != getattr(base, name), name
    for name in unchanged:
        assert getattr(new, name) == getattr(base, name), name


# --- packs for the "any authority" tests ----------------------------------------------------

#: The report's two pilot authorities renamed, as a council's pack might name its own.
RENAMED = {"Hampshire": "Northshire", "Isle of Wight": "Southby"}

#: For ``shutil.copytree`` of the default pack (``data/``): leave out its national data (about
#: 7 MB), which a build reads from the project whatever the pack (``paths.national_dir``).
NATIONAL = shutil.ignore_patterns("national")

#: Files of the default pack that are not data about authorities.
NOT_DATA = ("reference_figures.csv", "dictionary.csv", "audit_notes.csv")


def _rewrite_csvs(folder, change_row) -> None:  # noqa: ANN001
    """Rewrite each data CSV of ``folder``: ``change_row(cell of the authority or area
    column)`` returns the new cell, or None to drop the row."""
    import csv
    import io

    for path in folder.glob("*.csv"):
        if path.name in NOT_DATA:
            continue
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        header, body = rows[0], rows[1:]
        column = next((header.index(c) for c in ("authority", "area") if c in header), None)
        if column is None:
            continue
        kept = []
        for row in body:
            cell = change_row(row[column])
            if cell is not None:
                kept.append([*row[:column], cell, *row[column + 1 :]])
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows([header, *kept])
        path.write_text(out.getvalue(), encoding="utf-8")


def renamed_pack(tmp_path, names: dict[str, str] = RENAMED):  # noqa: ANN001, ANN201
    """The default pack with every authority renamed, in the tables' authority and area
    columns (also inside names such as 'Hampshire FIT teams') and in the parameters."""
    import shutil

    from evidencebook.analysis.pack import default_pack_dir

    folder = tmp_path / "renamed"
    shutil.copytree(default_pack_dir(), folder, ignore=NATIONAL)

    def rename(cell: str) -> str:
        for old, new in names.items():
            cell = cell.replace(old, new)
        return cell

    _rewrite_csvs(folder, rename)
    params = folder / "parameters.yaml"
    lines = []
    for line in params.read_text(encoding="utf-8").splitlines():
        key, sep, value = line.partition(": ")
        if sep and not line.startswith("#") and value.strip() in names:
            line = f"{key}: {names[value.strip()]}"
        lines.append(line)
    params.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def pack_without(tmp_path, drop: str):  # noqa: ANN001, ANN201
    """The default pack without any row about ``drop`` (rows whose authority or area names
    it, alone or with others): a pack with only the other pilot authority."""
    import shutil

    from evidencebook.analysis.pack import default_pack_dir

    folder = tmp_path / "without"
    shutil.copytree(default_pack_dir(), folder, ignore=NATIONAL)
    _rewrite_csvs(folder, lambda cell: None if drop in cell else cell)
    return folder


# --- withheld counts ------------------------------------------------------------------------


def withhold(frame, column: str, where):  # noqa: ANN001, ANN201
    """A copy of a table with the counts in ``column`` withheld where ``where`` (a boolean
    mask) is true: blank (``pd.NA``), and marked withheld in its ``<column>_withheld``
    column, as the loader reads a "c"."""
    import numpy as np

    from evidencebook.analysis.pack import withheld, withheld_column

    mask = np.asarray(where, dtype=bool)
    out = frame.copy()
    out[column] = out[column].astype("Float64" if out[column].dtype.kind == "f" else "Int64")
    out.loc[mask, column] = None
    out[withheld_column(column)] = withheld(frame, column).to_numpy(dtype=bool) | mask
    return out


def page_text(book: Path, chapter: str) -> str:
    """A built chapter page's visible text, with typographic apostrophes made plain."""
    raw = (book / "notebooks" / f"{chapter}.html").read_text(encoding="utf-8")
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", raw)).replace("\u2019", "'")
    return re.sub(r"\s+", " ", text)


def stand_ins(on_run: Callable[[str, dict], None] | None = None) -> tuple[Callable, Callable]:
    """Stand-ins for the build's ``_execute_all`` and ``run_jupyter_book``: each chapter
    "executed" is its notebook copied as it is (``on_run(chapter, values)`` told of it), and
    the HTML is one page. For tests of what the build does around the chapters."""

    def executed(jobs, workers, result, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        for chapter, (notebook, target, values, stamp, digest) in jobs.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(notebook, target)
            stamp.write_text(digest)
            result.executed.append(chapter)
            if on_run is not None:
                on_run(chapter, values)

    def sphinx(src: Path, work: Path) -> Path:
        html_dir = work / "_build" / "html"
        html_dir.mkdir(parents=True, exist_ok=True)
        (html_dir / "index.html").write_text("<p>a book</p>", encoding="utf-8")
        return html_dir

    return executed, sphinx


def pa_book(pack: Path, tmp_path: Path, **kwargs):  # noqa: ANN201
    """Build the PA chapter alone from ``pack`` into ``tmp_path`` (``out``, ``work``), with
    one worker: the build tests' smallest real build (its steps may be stand-ins)."""
    from evidencebook.building import build

    return build.build(
        data_dir=pack,
        out_dir=tmp_path / "out",
        work_dir=tmp_path / "work",
        chapters=["pa"],
        workers=1,
        **kwargs,
    )


def default_pack_copy(tmp_path: Path) -> Path:
    """A copy of the default pack in ``tmp_path / "pack"`` (its national data stay in the
    project, where the build finds them)."""
    folder = tmp_path / "pack"
    root = Path(__file__).resolve().parents[1]
    shutil.copytree(root / "data", folder, ignore=NATIONAL)
    return folder


def cold_kernel() -> None:
    """A build worker's stand-in for ``build.warm_kernel`` (see ``no_warm_kernels``)."""
    return None


def no_warm_kernels(monkeypatch) -> None:  # noqa: ANN001
    """For a test of a build that stops before any chapter runs: the build still starts its
    workers (``build.warm_workers``) and stops them as it would, but they start no Jupyter
    kernel (about 4 s of CPU each, which such a test would spend for nothing)."""
    from evidencebook.building import build

    monkeypatch.setattr(build, "warm_kernel", cold_kernel)
