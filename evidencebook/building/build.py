"""Build the book for a data pack: check inputs, execute chapters, build HTML, publish.

1. Check the parameters YAML against every chapter's declared parameters, and every table of
   the pack against its schema; stop with all problems listed before any kernel starts.
2. Execute each chapter notebook with papermill into a work folder (never into
   ``notebooks/``), skipping chapters whose notebook, parameters, data and package code are
   unchanged since their last run.
3. Build HTML with jupyter-book from the executed copies, execution off, strictly
   (``-W -n --keep-going``).
4. Only when all of that succeeded, replace the output folder in one step, so a failed run
   never leaves half a book and never touches a good one.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import ExitStack
from pathlib import Path

import nbformat
import pandas as pd
import yaml

from evidencebook import paths
from evidencebook.analysis import parameters as params_mod
from evidencebook.analysis import snapshot
from evidencebook.analysis.coverage import (  # noqa: F401 - part of the build's API
    cannot_withhold,
    missing_tables,
    withheld_tables,
)
from evidencebook.analysis.disclosure import withhold_pack
from evidencebook.analysis.figures import IN_ONE_ENV as GLUE_IN_ONE
from evidencebook.analysis.figures import unpack_glued
from evidencebook.analysis.formatting import markdown_escape, slug
from evidencebook.analysis.kept import Kept
from evidencebook.analysis.pack import (
    PACK_FILE,
    WORKBOOK,
    default_pack_dir,
    has_table,
    has_withheld,
    load_tables,
    read_pack_meta,
    resolve_pack,
)
from evidencebook.analysis.parameters import (  # noqa: F401 - part of the build's API
    chapter_notebooks,
    chapter_parameters,
)
from evidencebook.analysis.schemas import all_tables, tables_for
from evidencebook.building import downloads, folders, stamps
from evidencebook.building.jupyterbook import run_jupyter_book
from evidencebook.building.scaffold import workbook_parameters
from evidencebook.building.stamps import (  # noqa: F401 - part of the build's API
    BOOK_SOURCES,
    CHECK_LIBRARIES,
    BuildResult,
    check_key,
    named_files,
    package_digest,
)
from evidencebook.exceptions import (
    BuildError,
    DataError,
    ParameterError,
    Problem,
    ProblemsError,
    shown,
)

#: The record of what disclosure control withheld, in the book's downloads folder.
DISCLOSURE_RECORD = "withheld.csv"
#: The landing page, which each build copies with a note about its data pack added.
LANDING_PAGE = Path("book") / "intro.md"
#: The landing page of a book built for an authority with no pack of its own
#: (``build --la`` without a pack): copied in place of ``LANDING_PAGE``, naming it.
AUTHORITY_PAGE = Path("book") / "authority_intro.md"
#: The parameters the build sets to the authority of a book built for one (``--la``):
#: ``la`` for the chapters that compare it, ``rollout_la`` for the strands' chapters, which
#: end with a roll-out there.
AUTHORITY_NAMES = ("la", "rollout_la")
#: The tag of a notebook cell kept only in a book built for an authority (a strand's
#: roll-out there, ``analysis.local_rollout``): left out of the page otherwise.
AUTHORITY_ONLY = "authority-only"
#: The arguments each chapter's kernel starts with: its own start-up warnings are noise
#: here (errors still show).
KERNEL_ARGUMENTS = ("--IPKernelApp.log_level=ERROR",)
#: What a worker's kernel imports while the build checks its inputs (``kernels.warm``): what
#: every chapter imports (the strands through their registry, which the audit and value for
#: money chapters read; every table's description, which reading a chapter's tables looks
#: up), and the national statistics from their cache (the audit, the trends'
#: wording, the comparison and every roll-out in an authority read them; a kept kernel keeps
#: them from one chapter to the next, as it keeps the modules); and a chart and a table made
#: and formatted once (``charts.warm_up``), for the modules plotly and pandas load on first use.
#: Last, what all that made is collected and set aside from Python's garbage collector
#: (``gc.freeze``): the kernel's first full collection would otherwise come in a chapter
#: and go through every object the imports made (measured: 80 to 170 ms of the trends
#: chapter's first run in a kernel).
WARM_UP = (
    "import pandas, plotly.graph_objects, myst_nb, myst_nb.ext.glue\n"
    "import evidencebook.chapters.registry\n"
    "from evidencebook.analysis import charts as _c, national as _n, schemas as _s\n"
    "_s.all_tables()\n_n.measures('cla_count')\n_c.warm_up()\ndel _c, _n, _s\n"
    "import gc as _gc\n_gc.collect()\n_gc.freeze()\ndel _gc"
)
#: The executed notebook's name in a batch's shared folder of chapters (``share``).
SHARED_NOTEBOOK = "chapter.ipynb"


def project_root() -> Path:
    """The project folder holding ``notebooks/``, ``book/`` and the book configuration."""
    return paths.project_root()


def chapter_digest(notebook: Path, values: dict, pack: Path, chapter: str) -> str:
    """What a chapter's output depends on: notebook, parameters, package code, and every
    file its tables can be read from: their CSV files, the pack's workbook (a table may be
    a sheet of ``pack.xlsx``) and ``pack.yaml`` (the authority's name)."""
    files = [pack / t.file_name for t in tables_for(chapter)] + [pack / WORKBOOK, pack / PACK_FILE]
    if values.get("inputs_sheet"):  # a council's inputs sheet (the options chapter)
        files.append(Path(str(values["inputs_sheet"])))
    data = [str(f.name).encode() + b"\0" + f.read_bytes() for f in files if f.is_file()]
    return stamps.digest(
        notebook.read_bytes(),
        json.dumps(values, sort_keys=True).encode(),
        *data,
        package_digest().encode(),
    )


def local_paths(pack: Path, data: Path, work: Path, root: Path) -> dict[str, str]:
    """The builder's own folders, each with what a published notebook says instead: the
    pack by its folder's name, the work and project folders as relative paths."""
    paths = {str(data): pack.name, str(pack): pack.name, str(work): ".", str(root): "."}
    home = str(Path.home())
    if home not in ("/", ""):
        paths[home] = "~"
    return paths


def without_local_paths(text: str, paths: dict[str, str]) -> str:
    """``text`` with each of the builder's folders replaced (longest first, so a folder
    inside another is named by its own label)."""
    for path in sorted(paths, key=len, reverse=True):
        text = text.replace(path, paths[path])
    return text


def execute_chapter(
    notebook: Path,
    target: Path,
    values: dict,
    hide: dict[str, str] | None = None,
    tables_file: Path | None = None,
) -> tuple[float, float]:
    """Execute one notebook with papermill into ``target``; hide the injected parameters.
    Return the seconds it took and, of those, the seconds its cells ran (the rest is the
    kernel's start and papermill's own work).

    Tables the chapter saves for download go to ``downloads/<chapter>/`` beside the
    notebooks' folder (emptied first). The executed copy, which the book publishes as the
    page's source, names none of the builder's folders in ``hide`` (see ``local_paths``).
    ``tables_file`` holds the pack's tables as the build read and checked them (see
    ``analysis.snapshot``); the chapter reads them from there.
    """
    import papermill

    from evidencebook.building import kernels

    target.parent.mkdir(parents=True, exist_ok=True)
    saved = target.parent.parent / downloads.FOLDER / notebook.stem
    shutil.rmtree(saved, ignore_errors=True)
    tables = None if tables_file is None else str(tables_file)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        out = Path(tmp) / target.name
        began = time.perf_counter()
        try:
            nb = papermill.execute_notebook(
                str(notebook),
                str(out),
                parameters=values,
                cwd=str(target.parent),
                progress_bar=False,
                log_output=False,
                kernel_name="python3",
                # papermill writes the whole notebook again after every cell by default
                # (about 2 s a chapter of 60 cells with their charts): written once, at the end
                request_save_on_cell_execute=False,
                # the worker's kernel is kept for its next chapter, set back as new (kernels)
                engine_name=kernels.ENGINE,
                kernel_env={
                    downloads.ENV: str(saved),
                    snapshot.ENV: tables,
                    GLUE_IN_ONE: "1",
                },
                kernel_cwd=str(target.parent),
                extra_arguments=list(KERNEL_ARGUMENTS),
            )
        except papermill.PapermillExecutionError as err:
            raise BuildError(
                f"chapter '{notebook.stem}' failed in cell {err.exec_count}: "
                f"{err.ename}: {err.evalue}"
            ) from None
        seconds = time.perf_counter() - began
        cells = sum(float(c.metadata.get("papermill", {}).get("duration") or 0) for c in nb.cells)
        for cell in nb.cells:
            tags = cell.metadata.get("tags", [])
            if "injected-parameters" in tags and "remove-cell" not in tags:
                cell.metadata["tags"] = [*tags, "remove-cell"]
        nb.cells = cells_for_book(nb.cells, values)
        for cell in nb.cells:
            if cell.cell_type == "code":
                outputs = unpack_glued(cell.get("outputs", []))  # one figure an output again
                cell.outputs = [o for o in outputs if not _empty_markdown(o)]
        run = nb.metadata.get("papermill", {})
        for key in ("input_path", "output_path"):
            if key in run:
                run[key] = f"notebooks/{notebook.name}"
        text = without_local_paths(nbformat.writes(nb), hide or {})
        out.write_text(text, encoding="utf-8")
        os.replace(out, target)
    return seconds, cells


def cells_for_book(cells: list, values: dict) -> list:
    """The executed notebook's cells the page shows: those tagged ``AUTHORITY_ONLY`` only
    when the chapter was run for an authority (``rollout_la``, set by ``--la``)."""
    if str(values.get("rollout_la", "")).strip():
        return list(cells)
    return [c for c in cells if AUTHORITY_ONLY not in c.get("metadata", {}).get("tags", [])]


def reuse_shared(shared: Path, digest: str, target: Path) -> bool:
    """Put in ``target`` (and its downloads folder) the chapter another book of the same
    batch executed with the same digest, if ``shared`` holds one (see :func:`share`)."""
    entry = shared / digest
    if not (entry / SHARED_NOTEBOOK).is_file():
        return False
    saved = target.parent.parent / downloads.FOLDER / target.stem
    shutil.rmtree(saved, ignore_errors=True)
    if (entry / downloads.FOLDER).is_dir():
        shutil.copytree(entry / downloads.FOLDER, saved)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(entry / SHARED_NOTEBOOK, target)
    return True


def share(shared: Path, digest: str, target: Path) -> None:
    """Keep an executed chapter (``target`` and its downloads) in ``shared`` under its digest,
    for the other books of a batch: written whole in a temporary folder, then renamed, so a
    book never reads half of one; if another book kept it first, that copy stays."""
    entry = shared / digest
    if entry.exists():
        return
    shared.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=shared, prefix="tmp"))
    shutil.copyfile(target, tmp / SHARED_NOTEBOOK)
    saved = target.parent.parent / downloads.FOLDER / target.stem
    if saved.is_dir():
        shutil.copytree(saved, tmp / downloads.FOLDER)
    try:
        os.rename(tmp, entry)
    except OSError:  # kept by another book in the meantime
        shutil.rmtree(tmp, ignore_errors=True)


#: Seconds a book of a batch waits for a chapter another book is executing (``claim``)
#: before executing it itself: a chapter takes a few seconds, so a claim still held after
#: this long is taken to be from a book that stopped.
WAIT_FOR_SHARED = 120.0


def claim(shared: Path, digest: str) -> bool:
    """Claim the chapter with ``digest`` for this book of a batch (it executes it, then
    ``share``s it and ``release``s the claim); False if another book claimed it first."""
    shared.mkdir(parents=True, exist_ok=True)
    try:
        (shared / f"{digest}.claim").mkdir()
    except FileExistsError:
        return False
    return True


def release(shared: Path, digest: str) -> None:
    """End this book's claim on a chapter (executed and shared, or failed)."""
    shutil.rmtree(shared / f"{digest}.claim", ignore_errors=True)


def wait_for_shared(shared: Path, digest: str) -> None:
    """Wait while another book holds its claim on the chapter with ``digest`` and has not
    shared it yet (at most ``WAIT_FOR_SHARED`` seconds)."""
    entry, held = shared / digest / SHARED_NOTEBOOK, shared / f"{digest}.claim"
    deadline = time.monotonic() + WAIT_FOR_SHARED
    while held.exists() and not entry.exists() and time.monotonic() < deadline:
        time.sleep(0.05)


def _empty_markdown(output: dict) -> bool:
    """An output of Markdown with no text (a paragraph with nothing to say): the page would
    show its plain-text stand-in, ``<IPython.core.display.Markdown object>``."""
    data = output.get("data", {})
    return "text/markdown" in data and not "".join(data["text/markdown"]).strip()


def _in_turn(
    jobs: dict[str, tuple],
    shared: Path,
    run: Callable[[str], None],
    reused: Callable[[str], None],
) -> None:
    """Execute a batch's book's chapters one after another (``run``), sharing each with the
    other books as soon as it is done. A chapter another book has shared since this book
    began is taken from there (``reused``); one another book is executing now (its
    ``claim``) is left till the others are done, then taken from that book once it has
    shared it (or executed here, if that book failed or stopped). Two books begun together
    so execute their common chapters once between them, not once each."""
    later = []
    for chapter, (_, target, _, _, digest) in jobs.items():
        if claim(shared, digest):
            try:
                if reuse_shared(shared, digest, target):  # shared since this book began
                    reused(chapter)
                else:
                    run(chapter)
                    share(shared, digest, target)
            finally:
                release(shared, digest)
        else:
            later.append(chapter)
    for chapter in later:
        _, target, _, _, digest = jobs[chapter]
        wait_for_shared(shared, digest)
        if reuse_shared(shared, digest, target):
            reused(chapter)
        else:
            run(chapter)


def _execute_all(
    jobs: dict[str, tuple],
    workers: int | None,
    result: BuildResult,
    on_chapter: Callable[[str, bool], None] | None,
    hide: dict[str, str] | None = None,
    tables_file: Path | None = None,
    pool: ProcessPoolExecutor | None = None,
    shared: Path | None = None,
    reused: Callable[[str], None] | None = None,
) -> None:
    """Execute chapters in worker processes; record each as it finishes; first error wins.
    ``hide`` names the builder's folders that the executed copies must not show;
    ``tables_file`` is the build's checked tables (``execute_chapter``); ``pool`` the
    build's workers, if already started (``warm_workers``). With one worker and a batch's
    ``shared`` folder, see ``_in_turn``; ``reused`` records a chapter taken from there."""
    workers = worker_count(workers, len(jobs))
    failures = []

    def done(chapter: str, times: tuple[float, float]) -> None:
        stamp, digest = jobs[chapter][3:]
        stamp.write_text(digest)
        result.executed.append(chapter)
        result.chapter_seconds[chapter] = times
        if on_chapter:
            on_chapter(chapter, True)

    if workers == 1 and pool is None:
        from evidencebook.building import kernels

        def run(chapter: str) -> None:
            notebook, target, values = jobs[chapter][:3]
            done(chapter, execute_chapter(notebook, target, values, hide, tables_file))

        try:
            if shared is None or reused is None:
                for chapter in jobs:
                    run(chapter)
            else:
                _in_turn(jobs, shared, run, reused)
        finally:
            kernels.end_of_build()  # the kernel ends with the chapters (kept in a batch worker)
        return
    with ExitStack() as own:
        if pool is None:
            pool = own.enter_context(ProcessPoolExecutor(max_workers=workers))
        futures = {
            pool.submit(execute_chapter, nb, target, values, hide, tables_file): chapter
            for chapter, (nb, target, values, _, _) in jobs.items()
        }
        for future in as_completed(futures):
            try:
                times = future.result()
            except Exception as err:  # noqa: BLE001 - reported together below
                failures.append(err)
                continue
            done(futures[future], times)
    if failures:
        raise failures[0]


def worker_count(workers: int | None, chapters: int) -> int:
    """How many chapters execute at once: ``workers`` (default: up to 2, as many as the
    machine has cores), and never more than there are ``chapters``."""
    return max(1, min(workers or min(2, os.cpu_count() or 1), chapters or 1))


def warm_kernel() -> int | None:
    """Start a worker's kernel with the chapters' imports (``kernels.warm``)."""
    from evidencebook.building import kernels

    return kernels.warm("python3", list(KERNEL_ARGUMENTS), WARM_UP)


def warm_workers(count: int, held: ExitStack) -> ProcessPoolExecutor:
    """The build's ``count`` workers, each starting its kernel and importing what the
    chapters import while the build goes on checking its inputs (a cold build: about 2 s a
    worker, on the core the check leaves idle). The workers end with the build (``held``)."""
    pool = held.enter_context(ProcessPoolExecutor(max_workers=count))
    for _ in range(count):
        pool.submit(warm_kernel)
    return pool


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """Give a build's workers nothing more to do: each ends once its kernel has started
    (about 2 s at most), and its kernel with it. Faster, measured, than ending them at once
    (``terminate``), whose kernels then find their parent gone."""
    pool.shutdown(wait=False, cancel_futures=True)


def _tree_digest(folder: Path) -> str:
    """A digest of every file under ``folder`` (names and contents), chapter stamps aside."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix != ".digest")
    named = (str(p.relative_to(folder)).encode() + b"\0" + p.read_bytes() for p in files)
    return stamps.digest(*named)


def _sync_file(source: Path, target: Path) -> None:
    """Copy a file only when its content differs, so unchanged pages keep their mtime."""
    if target.exists() and target.read_bytes() == source.read_bytes():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def _sync_text(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` only when it differs, so an unchanged file keeps its
    mtime (and the unchanged-build digests stay valid)."""
    if target.exists() and target.read_text(encoding="utf-8") == text:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def toc_files(toc: dict) -> list[str]:
    """Every file a ``_toc.yml`` mapping names, root first."""
    found = [toc["root"]] if "root" in toc else []

    def walk(entries: list) -> None:
        for entry in entries:
            if "file" in entry:
                found.append(entry["file"])
            for key in ("chapters", "sections"):
                walk(entry.get(key, []))

    walk(toc.get("parts", []))
    walk(toc.get("chapters", []))
    return found


def toc_without(toc: dict, leave_out: set[str]) -> dict:
    """A copy of a ``_toc.yml`` mapping without the entries for ``leave_out`` files, and
    without any part left empty by that."""

    def keep(entries: list) -> list:
        out = []
        for entry in entries:
            if entry.get("file") in leave_out:
                continue
            entry = dict(entry)
            for key in ("chapters", "sections"):
                if key in entry:
                    entry[key] = keep(entry[key])
            out.append(entry)
        return out

    toc = dict(toc)
    if "parts" in toc:
        parts = [{**p, "chapters": keep(p.get("chapters", []))} for p in toc["parts"]]
        toc["parts"] = [p for p in parts if p["chapters"]]
    if "chapters" in toc:
        toc["chapters"] = keep(toc["chapters"])
    return toc


def _sync_sources(root: Path, src: Path, leave_out: set[str], title: str | None = None) -> None:
    """Copy the book's own files into the build's source folder (only those that changed),
    its table of contents without ``leave_out``, and its title replaced by ``title``."""
    for name in BOOK_SOURCES:
        path = root / name
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                if file.is_file() and file not in (root / LANDING_PAGE, root / AUTHORITY_PAGE):
                    _sync_file(file, src / file.relative_to(root))
        elif name == "_toc.yml":
            toc = toc_without(yaml.safe_load(path.read_text(encoding="utf-8")), leave_out)
            _sync_text(src / name, yaml.safe_dump(toc, sort_keys=False))
        elif name == "_config.yml" and title:
            text = re.sub(
                r"^title: .*$",
                "title: " + json.dumps(title),
                path.read_text(encoding="utf-8"),
                count=1,
                flags=re.M,
            )
            _sync_text(src / name, text)
        else:
            _sync_file(path, src / name)


def _add_downloads(src: Path, html: Path) -> None:
    """Copy the chapters' CSV downloads into the built book, with one Excel workbook."""
    saved = src / downloads.FOLDER
    target = html / downloads.FOLDER
    shutil.rmtree(target, ignore_errors=True)
    if saved.exists():
        shutil.copytree(saved, target)
        downloads.workbook(saved, target / downloads.WORKBOOK_NAME)


def pack_name(pack: Path) -> str:
    """The authority a pack describes, from its ``pack.yaml`` (or the folder's name)."""
    name = read_pack_meta(pack).get("name")
    return name.strip() if name else pack.name


def _add_landing_note(src: Path, note: str, authority: str | None = None) -> None:
    """Append the note to the landing page copy in the build folder (only if it changed).
    With ``authority``, the landing page is the one for a book built for that authority from
    published statistics and no pack of its own (``AUTHORITY_PAGE``), naming it."""
    root_doc = src / LANDING_PAGE
    if authority is None:
        source = (project_root() / LANDING_PAGE).read_text(encoding="utf-8")
    else:
        from evidencebook.analysis.common import in_place, the

        page = (project_root() / AUTHORITY_PAGE).read_text(encoding="utf-8")
        for placeholder, text in (
            ("{{in_authority}}", in_place(authority)),  # "in Leeds", "on the Isle of Wight"
            ("{{the_authority}}", the(authority)),  # "Leeds", "the Isle of Wight"
        ):
            page = page.replace(placeholder, text)
        source = page
    first_break = source.index("\n\n")
    _sync_text(root_doc, source[:first_break] + "\n" + note + source[first_break:])


def publish(html: Path, out_dir: Path) -> None:
    """Replace ``out_dir`` with a copy of ``html`` in one step (old one kept until then),
    marked as a book this tool made (see ``evidencebook.building.folders``)."""
    folders.replace_folder(html, out_dir.resolve(), folders.BOOK)


def pack_parameters(
    pack: Path, params_file: Path | None, declared: dict[str, dict[str, params_mod.Parameter]]
) -> tuple[dict[str, object], dict[str, int], str]:
    """The parameter values a build uses, the line (or row) of each, and their file's label.

    The pack's ``parameters.yaml`` is read, and the "parameters" sheet of its workbook if
    it has one: a value changed from the report's default in either is used, and the two
    changing the same one differently is an error. An explicit ``params_file`` changes
    only the values it names (see :func:`parameter_layers`).
    """
    layers = parameter_layers(pack, params_file, declared)
    values: dict[str, object] = {}
    lines: dict[str, int] = {}
    for layer in layers:
        values |= layer.values
        lines |= layer.lines
    return values, lines, " + ".join(layer.label for layer in layers)


def parameter_layers(
    pack: Path, params_file: Path | None, declared: dict[str, dict[str, params_mod.Parameter]]
) -> list[params_mod.Layer]:
    """The files of parameter values a build reads, lowest first, each changing only the
    values it names: the pack's ``parameters.yaml`` (with its workbook's "parameters"
    sheet), then ``params_file`` if given. Below them all are the chapters' declared
    defaults."""
    has_own = (pack / params_mod.PARAMETERS_FILE).exists() or (pack / WORKBOOK).exists()
    layers = [_pack_layer(pack, declared)] if has_own or params_file is None else []
    if params_file is not None:
        values, lines = _parameters_file(params_file)
        layers.append(params_mod.Layer(params_file.name, values, lines))
    return layers


#: Parameters files read in this process, by name and digest of their bytes (see
#: ``_parameters_file``): the values and lines.
_PARAMETERS_READ = Kept(64)


def _parameters_file(path: Path) -> tuple[dict, dict[str, int]]:
    """``params_mod.load(path)``, parsed once in a process for the same bytes (YAML is parsed
    in Python, about 20 ms for the default pack's file, and a pack's check reads it each
    time): a copy of the values and lines read before. A file that cannot be read, a link
    or one with problems is left to ``params_mod.load`` every time, to say what is wrong."""
    try:
        raw = None if path.is_symlink() or not path.is_file() else path.read_bytes()
    except OSError:
        raw = None
    if raw is None:
        return params_mod.load(path)
    key = (path.name, hashlib.sha256(raw).hexdigest())
    kept = _PARAMETERS_READ.get(key)
    if kept is not None:
        return kept
    found = params_mod.load(path)
    try:
        if path.read_bytes() != raw:  # changed as it was read: not kept
            return found
    except OSError:
        return found
    _PARAMETERS_READ.put(key, found)
    return found


def _pack_layer(
    pack: Path, declared: dict[str, dict[str, params_mod.Parameter]]
) -> params_mod.Layer:
    """The pack's values: its ``parameters.yaml`` and its workbook's "parameters" sheet."""
    yaml_path = pack / params_mod.PARAMETERS_FILE
    book = pack / WORKBOOK
    values, lines = _parameters_file(yaml_path) if yaml_path.exists() else ({}, {})
    label = yaml_path.name
    if not book.exists():
        if not yaml_path.exists():
            params_mod.load(yaml_path)  # raises: the pack has no parameters at all
        return params_mod.Layer(label, values, lines)
    sheet, rows = workbook_parameters(book)
    defaults = {n: p.default for d in declared.values() for n, p in d.items()}
    problems = []
    where = {}
    for name, value in sheet.items():
        if name not in values or values[name] == defaults.get(name, object()):
            values[name] = value
            lines[name] = rows[name]
            where[name] = f"{WORKBOOK}, sheet 'parameters'"
        elif value != values[name] and value != defaults.get(name, object()):
            problems.append(
                Problem(
                    f"{WORKBOOK}, sheet 'parameters'",
                    rows[name],
                    name,
                    value,
                    f"the same value as {yaml_path.name} ({shown(values[name])}), or the default",
                )
            )
    if problems:
        raise ParameterError(problems)
    return params_mod.Layer(f"{label} / {WORKBOOK}", values, lines, where)


class ChapterValues(dict):
    """Each chapter's parameter values (a dict by chapter), with ``set_in``: for each value
    that differs from its declared default, the file that set it; and ``withheld``: the
    pack's tables with withheld counts (see ``coverage.withheld_tables``)."""

    set_in: dict[str, str]
    withheld: set[str] | None = None
    #: The strands' figures, for the build's snapshot (``registry.evaluations``).
    evaluations: dict | None = None


def check_inputs(
    pack: Path,
    params_file: Path | None,
    root: Path,
    chapters: list[str] | None = None,
    read: dict | None = None,
    la: str | None = None,
) -> ChapterValues:
    """Check parameters, the data the chosen chapters read (all chapters by default), and
    what each chapter needs beyond its tables' schemas, before anything runs; return each
    chapter's parameters (with where each value that is not its default was set). The
    tables read (checked) are put in ``read``, if given. ``la`` (a book for an authority) is
    the authority the chapters that declare ``la`` are checked for."""
    meta = _problems(read_pack_meta, pack)  # pack.yaml's problems are listed with the rest
    declared = chapter_parameters(root)
    try:
        layers = parameter_layers(pack, params_file, declared)
        checked = params_mod.check_layers(layers, declared)
    except ProblemsError as err:
        raise ProblemsError(meta + err.problems) if meta else err from None
    # The chosen chapters' tables, and any other table the pack holds: bad data is reported
    # even in a table no chapter of this build reads.
    specs = {t.name: t for c in (chapters or declared) for t in tables_for(c)}
    specs |= {n: t for n, t in all_tables().items() if n not in specs and has_table(pack, t)}
    try:
        tables = load_tables(pack, list(specs.values()))
    except ProblemsError as err:
        raise DataError(meta + err.problems) from None
    if meta:
        raise DataError(meta)
    if read is not None:
        read.update(tables)
    if "gdp_deflators" in tables:
        _check_price_years(layers, declared, chapters or list(declared), tables["gdp_deflators"])
    # What each chapter needs beyond its tables' schemas: said in plain words now, not as a
    # failed notebook.
    from evidencebook.chapters import registry

    # A chapter that cannot show the counts a pack withholds is left out, not checked.
    withheld = {n for n, t in tables.items() if specs[n].disclosive_columns and has_withheld(t)}
    found: dict = {}  # each strand's figures, as worked out to find its problems
    unbuildable = [
        problem
        for c in chapters or declared
        if not cannot_withhold(c, withheld)
        for problem in registry.chapter_problems(
            c,
            {t.name: tables[t.name] for t in tables_for(c)},
            {
                **checked.per_chapter.get(c, {}),
                **{name: la for name in AUTHORITY_NAMES if la and name in declared[c]},
            },
            found,
        )
    ]
    if unbuildable:  # an inputs sheet several chapters read: each problem said once
        raise DataError([p for i, p in enumerate(unbuildable) if p not in unbuildable[:i]])
    per_chapter = ChapterValues(checked.per_chapter)
    per_chapter.set_in = checked.set_in
    # The pack's tables with withheld counts, as ``withheld_tables`` finds them.
    per_chapter.withheld = {n for n in withheld if has_table(pack, specs[n])}
    # The strands' figures worked out above, for the chapters that read them all.
    everything = {k: v for share in checked.per_chapter.values() for k, v in share.items()}
    per_chapter.evaluations = registry.evaluations(pack, found, everything, per_chapter.withheld)
    return per_chapter


#: The folder, in a build's work folder, that keeps the outcome of the pre-build checks
#: that passed, one file for each digest of what the check read (see ``checked_inputs``).
CHECKS_FOLDER = "checks"
#: How many outcomes a work folder keeps (the most recent).
CHECKS_KEPT = 8


def checked_inputs(
    pack: Path,
    params_file: Path | None,
    root: Path,
    chapters: list[str] | None,
    read: dict | None = None,
    la: str | None = None,
    *,
    suppress_below: int | None = None,
    work: Path | None = None,
) -> ChapterValues:
    """``check_inputs``, or the outcome of the same check that passed before.

    The outcome of a check that passed is kept in the work folder (``work``, or the
    default work folders' parent), named by :func:`check_key`: when nothing the check
    reads has changed since, the values it returned are used again without reading or
    validating anything (``read`` is then left empty). A change to any file of the pack,
    to the parameters file, to the notebooks or to the package's code gives another key,
    so the check runs again and reports what is wrong before any notebook runs.
    """
    key = check_key(pack, params_file, root, chapters, suppress_below, la)
    folder = (work or paths.build_dir(root) / "work") / CHECKS_FOLDER
    kept = folder / f"{key}.pickle"
    if key is not None:
        found = _kept_check(kept, key)
        if found is not None:
            return found
    per_chapter = check_inputs(pack, params_file, root, chapters, read, la=la)
    if key is not None:
        try:
            if work is not None:
                folders.prepare(work, folders.WORK)  # the tool's own, before it holds files
            _keep_check(kept, key, per_chapter)
        except OSError:
            pass  # a cache: the next build checks again
    return per_chapter


def _kept_check(path: Path, key: str) -> ChapterValues | None:
    """The outcome of a check kept with ``key``, if any (and the files its parameter values
    name are as they were)."""
    try:
        with open(path, "rb") as f:
            kept = pickle.load(f)  # noqa: S301 - the build's own file in its own work folder
        if kept["key"] != key or named_files(kept["per_chapter"]) != kept["files"]:
            return None
        per_chapter = ChapterValues(kept["per_chapter"])
        per_chapter.set_in = kept["set_in"]
        per_chapter.withheld = set(kept["withheld"])
        per_chapter.evaluations = kept["evaluations"]
    except (OSError, pickle.UnpicklingError, EOFError, KeyError, TypeError, AttributeError):
        return None
    return per_chapter


def _keep_check(path: Path, key: str, per_chapter: ChapterValues) -> None:
    """Keep the outcome of a check that passed, and only the most recent ``CHECKS_KEPT``."""
    if getattr(per_chapter, "withheld", None) is None:
        return  # not the build's own check (a test's stand-in): nothing to keep
    kept = {
        "key": key,
        "per_chapter": dict(per_chapter),
        "set_in": dict(per_chapter.set_in),
        "withheld": sorted(per_chapter.withheld),
        "files": named_files(per_chapter),
        "evaluations": per_chapter.evaluations,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.tmp")  # made as any file (umask)
    tmp.write_bytes(pickle.dumps(kept, protocol=5))
    os.replace(tmp, path)
    others = sorted(path.parent.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns)
    for old in others[:-CHECKS_KEPT]:
        old.unlink(missing_ok=True)


def _check_price_years(
    layers: list[params_mod.Layer],
    declared: dict[str, dict[str, params_mod.Parameter]],
    chapters: list[str],
    deflators: object,
) -> None:
    """Every price year the chosen chapters use (set in a file, or its default) must be one
    the GDP deflators cover, or money could not be moved to or from it."""
    from evidencebook.analysis import prices

    values: dict[str, object] = {}
    for chapter in chapters:
        for name, p in declared.get(chapter, {}).items():
            values.setdefault(name, p.default)
    top: dict[str, params_mod.Layer] = {}
    for layer in layers:
        for name, value in layer.values.items():
            if name in values:
                values[name] = value
                top[name] = layer
    problems = []
    for name, value in prices.uncovered_years(values, deflators).items():
        expected = prices.covered_words(deflators)
        if name in top:
            layer = top[name]
            problems.append(Problem(layer.label, layer.lines.get(name), name, value, expected))
        else:
            problems.append(
                Problem(
                    f"the default of {name}",
                    None,
                    None,
                    value,
                    f"{expected}; set {name} to one of them in parameters.yaml",
                )
            )
    if problems:
        raise ParameterError(problems)


def _problems(check: Callable, *args: object) -> list[Problem]:
    """The problems ``check(*args)`` raises, if any, so they can be listed with others."""
    try:
        check(*args)
    except ProblemsError as err:
        return err.problems
    return []


def chapter_title(notebook: Path) -> str:
    """A chapter's title: the first level-one heading of the notebook."""
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return notebook.stem


def suppress_setting(pack: Path, given: int | None) -> int | None:
    """The disclosure threshold for a build: the one given, else ``suppress_below`` in the
    pack's ``pack.yaml``, else none."""
    if given is None:
        return read_pack_meta(pack).get("suppress_below")  # checked as it is read
    if isinstance(given, bool) or not isinstance(given, int) or given < 2:
        raise BuildError(
            "--suppress-below: expected a whole number of 2 or more (counts below it are "
            f"withheld), not {shown(given)}"
        )
    return given


def landing_note(
    pack_name: str,
    left_out: dict[str, list[str]],
    titles: dict[str, str],
    suppress_below: int | None = None,
    withheld_out: dict[str, list[str]] | None = None,
    withheld_cells: int = 0,
    published_only: bool = False,
) -> str:
    """The note added to the landing page: which pack built the book (or, with
    ``published_only``, that it was built for an authority from published statistics and
    the pilot's own data, with no pack of its own), what it leaves out, and what disclosure
    control withholds."""
    lines = ["", ":::{admonition} About this copy of the book", ":class: note", ""]
    if published_only:
        lines.append(
            f"Built for {markdown_escape(pack_name)} from the Department for Education's "
            "published statistics, with the pilot's own data (Hampshire and the Isle of "
            "Wight) for what the pilot found."
        )
    else:
        lines.append(f"Built from the data pack for {markdown_escape(pack_name)}.")
    if suppress_below is not None:
        lines += [
            "",
            f"**Small numbers withheld.** Counts of children, young people and families "
            f"below {suppress_below} are not published in this copy: each is shown as *c*, "
            "as is any count that would let one be worked out by subtraction, and any figure "
            "worked out from one. The data held "
            f"{withheld_cells} such count{'s' if withheld_cells != 1 else ''}; "
            f'<a href="../{downloads.FOLDER}/{DISCLOSURE_RECORD}">the list</a> names each by '
            "file, row and column, without its value.",
        ]
    lines += [
        "",
        f'Every table in this book, as <a href="../{downloads.FOLDER}/'
        f'{downloads.WORKBOOK_NAME}">one Excel workbook</a>; each chart also offers its '
        "data as a CSV file.",
    ]
    if left_out:
        lines += ["", "These chapters are left out because the pack has no data for them:", ""]
        for chapter, files in left_out.items():
            names = ", ".join(markdown_escape(f) for f in files)
            lines.append(f"- {markdown_escape(titles[chapter])} (missing: {names})")
    if withheld_out:
        lines += [
            "",
            "These chapters are left out because they cannot yet show withheld counts (c), "
            "which their data have:",
            "",
        ]
        for chapter, files in withheld_out.items():
            names = ", ".join(markdown_escape(f) for f in files)
            lines.append(f"- {markdown_escape(titles[chapter])} (withheld counts in: {names})")
    lines += [":::", ""]
    return "\n".join(lines)


def build(
    data_dir: str | Path | None = None,
    out_dir: str | Path | None = None,
    params_file: str | Path | None = None,
    work_dir: str | Path | None = None,
    on_chapter: Callable[[str, bool], None] | None = None,
    chapters: list[str] | None = None,
    workers: int | None = None,
    on_plan: Callable[[list[str]], None] | None = None,
    pdf: bool = False,
    suppress_below: int | None = None,
    force: bool = False,
    la: str | None = None,
    shared: str | Path | None = None,
    *,
    looked_for_record: bool = False,
) -> BuildResult:
    """Build the HTML book for a pack. See the module docstring for the steps.

    ``chapters`` limits the book to some chapters (all by default); the others are left
    out of its table of contents. ``workers`` chapters execute at once (default: up to 2).
    ``pdf`` adds a printable ``downloads/book.pdf``. ``suppress_below`` (or
    ``suppress_below`` in the pack's ``pack.yaml``) withholds counts of people below it,
    and any count that would reveal one, from every page and download (see
    ``evidencebook.analysis.disclosure``); the chapters read a withheld copy of the pack.
    ``force`` executes every chapter and rebuilds every page, even those unchanged.
    ``la`` (a DfE code, ONS code or name) builds the book for that authority, into
    ``_build/books/<name>`` unless ``out_dir`` is given: the chapters that compare it with
    its neighbours and set the strands' roll-outs there side by side, and the pilot's
    chapters (from the default pack, the pilot's own data, unless ``data_dir`` is given),
    each ending, when built from the default pack, with what a roll-out in the authority
    would mean (a council's own pack is its data, not the pilot's). ``shared`` is a folder of
    executed chapters that the books of one batch share: a chapter another book executed
    with the same digest (notebook, parameters, data and package) is copied, not executed
    again (the pilot's chapters that do not name the authority, in a national run).
    ``looked_for_record``: the caller has just found no record of an unchanged build with
    these options (``stamps.unchanged_build``, as the command line does before its heavy
    imports), so the build does not look again."""
    started = time.perf_counter()
    asked = stamps.BuildOptions(
        data_dir, out_dir, params_file, work_dir, chapters, pdf, suppress_below, la, shared
    )
    if not force and not looked_for_record:  # nothing changed since the last such build
        kept = stamps.unchanged_build(asked, on_plan, on_chapter)
        if kept is not None:
            return kept
    root = project_root()
    authority = None
    if la is not None and str(la).strip():
        from evidencebook.analysis import national

        authority = national.find_authority(str(la).strip())  # a typo: the nearest names
    # A book for an authority with no pack of its own: the pilot's chapters from the default
    # pack (the pilot's evidence), each ending with a roll-out in the authority.
    pack = resolve_pack(data_dir)
    if out_dir:
        out = Path(out_dir)
    elif authority is not None:
        out = paths.build_dir(root) / "books" / slug(str(authority["la_name"]), "authority")
    else:
        out = paths.build_dir(root) / "html"
    given_work = Path(work_dir) if work_dir else None
    # Where the build writes is checked before anything else: it must be the tool's own.
    work_root = given_work or paths.build_dir(root) / "work"
    out = folders.check_folder(
        out, "--out", folders.BOOK, packs=[pack], root=root, others={"--work": work_root}
    )
    if given_work:
        given_work = folders.check_folder(
            given_work, "--work", folders.WORK, packs=[pack], root=root, others={"--out": out}
        )
    folders.check_writable(out, "--out")
    folders.check_writable(work_root, "--work")
    with ExitStack() as held:
        held.enter_context(folders.lock(out, "--out"))
        folders.clean_leftovers(out)
        # A build with no record of an earlier one with these options is expected to
        # execute its chapters (a cold build): its workers start their kernels at once.
        cold = force or not asked.record(root).is_file()
        try:
            result = _build(
                root, pack, out, given_work, held, started, warm_up=cold,
                params_file=params_file, on_chapter=on_chapter, chapters=chapters,
                workers=workers, on_plan=on_plan, pdf=pdf, suppress_below=suppress_below,
                force=force, authority=authority, published_only=data_dir is None,
                shared=Path(shared) if shared else None,
            )  # fmt: skip
        except OSError as err:
            raise BuildError(folders.os_error_text(err, "the build stopped")) from None
        stamps.keep_build(root, pack, result, asked)
        return result


def authority_chapters(root: Path | None = None) -> list[str]:
    """The chapters that compare one authority with others (they declare ``la``): built
    only when a book is built for an authority (``--la``)."""
    return [c for c, declared in chapter_parameters(root).items() if "la" in declared]


def work_key(
    pack: Path, out: Path, chapters: list[str], values: dict, threshold: int | None
) -> str:
    """The default work folder's name: a digest of everything that makes one build differ
    from another (pack, output, chapters, parameter values, disclosure threshold), so two
    different builds never share executed notebooks."""
    what = {
        "pack": str(pack),
        "out": str(out),
        "chapters": sorted(chapters),
        "parameters": values,
        "suppress_below": threshold,
    }
    return hashlib.sha1(json.dumps(what, sort_keys=True, default=str).encode()).hexdigest()[:12]


def _prepare_work(work: Path, held: ExitStack) -> None:
    """Lock the work folder, mark it, and remove what a killed run left in it."""
    held.enter_context(folders.lock(work, "--work"))
    folders.prepare(work, folders.WORK)
    for leftover in (work / "src" / "notebooks").glob("tmp*"):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)  # a killed chapter's half output


def _build(
    root: Path,
    pack: Path,
    out: Path,
    work: Path | None,
    held: ExitStack,
    started: float,
    *,
    params_file: str | Path | None,
    on_chapter: Callable[[str, bool], None] | None,
    chapters: list[str] | None,
    workers: int | None,
    on_plan: Callable[[list[str]], None] | None,
    pdf: bool,
    suppress_below: int | None,
    force: bool = False,
    authority: dict | None = None,
    published_only: bool = False,
    shared: Path | None = None,
    warm_up: bool = False,
) -> BuildResult:
    """The build itself, once its folders are checked and the output is locked. With
    ``warm_up`` (a build expected to execute its chapters), the workers start their kernels
    while the inputs are checked."""
    params_file = Path(params_file) if params_file else None
    notebooks = chapter_notebooks(root)
    unknown = sorted(set(chapters or []) - set(notebooks))
    if unknown:
        raise BuildError(f"unknown chapter(s): {', '.join(unknown)}; known: {', '.join(notebooks)}")
    titles = {c: chapter_title(nb) for c, nb in notebooks.items()}
    for_authority = authority_chapters(root)
    if authority is None:
        wanted = sorted(set(chapters or []) & set(for_authority))
        if wanted:
            raise BuildError(
                f"chapter(s) {', '.join(wanted)} compare an authority: name it with --la "
                "(a DfE code such as 383, an ONS code such as E08000035, or a name)"
            )
        notebooks = {c: nb for c, nb in notebooks.items() if c not in for_authority}
    explicit = bool(chapters)
    if chapters:
        left_out = {}
    else:
        left_out = {c: m for c in notebooks if (m := missing_tables(pack, c))}
        chapters = [c for c in notebooks if c not in left_out]
        if not chapters:
            raise BuildError("the pack has data for no chapter: " + ", ".join(sorted(notebooks)))
    count = worker_count(workers, len(chapters))
    pool = warm_workers(count, held) if warm_up and count > 1 else None
    read: dict[str, pd.DataFrame] = {}
    code = str(authority["old_la_code"]) if authority is not None else None
    try:  # the check's outcome is kept: unchanged inputs are not read and validated again
        per_chapter = checked_inputs(
            pack, params_file, root, chapters, read, la=code, suppress_below=suppress_below,
            work=work,
        )  # fmt: skip
    except BaseException:
        if pool is not None:  # what is wrong is said now, not once the kernels have started
            stop_workers(pool)
        raise
    checked_at = time.perf_counter()
    threshold = suppress_setting(pack, suppress_below)
    if work is None:
        key = work_key(pack, out, chapters, per_chapter, threshold)
        work = paths.build_dir(root) / "work" / key
    _prepare_work(work, held)
    data = pack
    record = None
    if threshold is not None:
        data = work / "pack"
        record = withhold_pack(pack, data, threshold)
    withheld = getattr(per_chapter, "withheld", None) if data == pack else None  # as checked
    withheld = withheld_tables(data) if withheld is None else withheld
    withheld_out = {c: t for c in chapters if (t := cannot_withhold(c, withheld))}
    if withheld_out and explicit:
        raise BuildError(
            "; ".join(
                f"chapter '{c}' cannot yet show withheld counts (c), which "
                f"{', '.join(files)} {'has' if len(files) == 1 else 'have'}"
                for c, files in withheld_out.items()
            )
        )
    chapters = [c for c in chapters if c not in withheld_out]
    if not chapters:
        raise BuildError("every chapter with data would show withheld counts (c)")
    declared_all = chapter_parameters(root)
    selected = {c: nb for c, nb in notebooks.items() if c in chapters}
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    leave_out = {f for f in toc_files(toc) if f.startswith("notebooks/")} - {
        f"notebooks/{c}" for c in selected
    }

    src = work / "src"
    title = None
    if authority is not None:
        book_title = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))["title"]
        title = f"{book_title}: {authority['la_name']}"
    _sync_sources(root, src, leave_out, title)
    withheld_cells = 0 if record is None else len(record)
    published_book = authority is not None and published_only
    note = landing_note(
        str(authority["la_name"]) if published_book else pack_name(pack),
        left_out, titles, threshold, withheld_out, withheld_cells,
        published_only=published_book,
    )  # fmt: skip
    _add_landing_note(src, note, str(authority["la_name"]) if published_book else None)
    for chapter in notebooks:
        if chapter not in selected:
            (src / "notebooks" / f"{chapter}.ipynb").unlink(missing_ok=True)
    result = BuildResult(
        out_dir=out,
        left_out=left_out,
        withheld_out=withheld_out,
        suppress_below=threshold,
        withheld_cells=withheld_cells,
        sources=src,
    )
    if on_plan:
        on_plan(list(selected))
    jobs = {}
    # A strand's chapter ends with its roll-out in the authority only when it tells the
    # pilot's own story (the default pack): a council's pack is its own data, not the pilot's.
    pilot_pack = pack.resolve() == default_pack_dir().resolve()
    everything = {k: v for share in per_chapter.values() for k, v in share.items()}
    result.set_in = dict(getattr(per_chapter, "set_in", {}))
    result.parameters = dict(everything)
    if result.set_in:  # the assumptions log says which file set each changed value
        everything[params_mod.SET_IN] = result.set_in

    def reused(chapter: str, stamp: Path, digest: str) -> None:  # copied, not executed
        stamp.write_text(digest)
        result.reused.append(chapter)
        if on_chapter:
            on_chapter(chapter, False)

    for chapter, notebook in selected.items():
        values = {**per_chapter.get(chapter, {}), "data_dir": str(data)}
        if values.get("inputs_sheet"):  # read from where the build runs, not the notebook's
            values["inputs_sheet"] = str(Path(str(values["inputs_sheet"])).resolve())
        if chapter in for_authority:
            values["la"] = str(authority["old_la_code"])
        if pilot_pack and authority is not None and "rollout_la" in declared_all.get(chapter, {}):
            values["rollout_la"] = str(authority["old_la_code"])  # the strand's roll-out there
        if "parameters_json" in declared_all.get(chapter, {}):
            values["parameters_json"] = json.dumps(everything, sort_keys=True)
        target = src / "notebooks" / notebook.name
        digest = chapter_digest(notebook, values, data, chapter)
        stamp = target.with_suffix(".digest")
        unchanged = target.exists() and stamp.exists() and stamp.read_text() == digest
        if not force and (unchanged or (shared and reuse_shared(shared, digest, target))):
            reused(chapter, stamp, digest)
        else:
            stamp.unlink(missing_ok=True)
            jobs[chapter] = (notebook, target, values, stamp, digest)
    if jobs:  # the tables each chapter reads, checked once, for every kernel (snapshot.ENV)
        if data != pack or not read:  # withheld since checked, or the check was kept: read
            read = load_tables(
                data, list({t.name: t for c in selected for t in tables_for(c)}.values())
            )
        lists = {c: [t.name for t in tables_for(c)] for c in selected}
        figures = getattr(per_chapter, "evaluations", None)  # the strands', as checked
        tables_file = snapshot.write(data, read, work / "tables", lists, figures)
    else:
        tables_file = None
        if pool is not None:  # every chapter reused: the warming workers have nothing to do
            stop_workers(pool)
    executing_at = time.perf_counter()
    _execute_all(
        jobs,
        workers,
        result,
        on_chapter,
        local_paths(pack, data, work, root),
        tables_file,
        pool=pool if jobs else None,
        shared=None if force else shared,
        reused=lambda chapter: reused(chapter, *jobs[chapter][3:]),  # shared meanwhile
    )
    executed_at = time.perf_counter()
    if shared is not None:  # for the other books of the batch
        for chapter in result.executed:
            share(shared, jobs[chapter][4], jobs[chapter][1])
    # Sphinx takes seconds to start even with nothing to do: when no chapter ran and the
    # book's sources are as they were at the last successful build, its HTML is reused.
    sources = _tree_digest(src)
    stamp = work / "html.digest"
    html = work / "_build" / "html"
    unchanged = html.exists() and stamp.exists() and stamp.read_text() == sources
    if force or result.executed or not unchanged:
        stamp.unlink(missing_ok=True)
        html = run_jupyter_book(src, work)
        result.phases["sphinx"] = time.perf_counter() - executed_at
        _add_downloads(src, html)
        stamp.write_text(sources)
    kept = html / downloads.FOLDER
    (kept / "book.pdf").unlink(missing_ok=True)  # printed again below if asked for
    (kept / DISCLOSURE_RECORD).unlink(missing_ok=True)
    if record is not None:
        kept.mkdir(parents=True, exist_ok=True)
        downloads.write_csv(record, kept / DISCLOSURE_RECORD)
    pdf_at = time.perf_counter()
    if pdf:
        from evidencebook.building.pdf import print_pdf

        # A book of the options chapter alone prints as its two-page committee brief.
        brief = "options" if list(selected) == ["options"] else ""
        print_pdf(
            src,
            work / "pdf",
            html / downloads.FOLDER / "book.pdf",
            authority=str(authority["la_name"]) if authority is not None else pack_name(pack),
            brief=brief,
        )
    published_at = time.perf_counter()
    publish(html, out)
    result.seconds = time.perf_counter() - started
    sphinx = result.phases.get("sphinx", 0.0)
    result.phases = {  # the steps one after another: they add up to the build's time
        "check": checked_at - started,
        "prepare": executing_at - checked_at,
        "chapters": executed_at - executing_at,
        "sphinx": sphinx,
        "downloads": pdf_at - executed_at - sphinx,
        "pdf": published_at - pdf_at,
        "publish": time.perf_counter() - published_at,
        # within "chapters", summed over the chapters (run side by side by the workers):
        "kernel_start": sum(t - c for t, c in result.chapter_seconds.values()),
        "chapter_work": sum(c for _, c in result.chapter_seconds.values()),
    }
    return result
