"""Digests of what a build reads, and the record of the last build that succeeded.

A build reads its pack, the national data, its parameters file, the chapter notebooks, the
book's prose and configuration, the package's code and the installed libraries. After each
build that succeeds, a small record is kept in the work folder (``RECORDS_FOLDER``): a
digest of all of those and of the build's options, the result the build returned, and a
fingerprint of the book it published (each file's name, size and time). A later build with
the same options, when that digest and the published book are as recorded, returns the
recorded result at once (every chapter reused): nothing is imported, read, checked,
executed or copied. A change to anything the build reads, to its options, to a file its
parameters name (a council's inputs sheet) or to the published book itself (a page deleted
or edited by hand) builds as usual; ``--force`` never uses the record.

This module imports only the standard library and the project's light modules, so the
command line can tell that nothing changed before it imports pandas, papermill or Sphinx.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from evidencebook import paths
from evidencebook.analysis.parameters import chapter_notebooks
from evidencebook.building import folders
from evidencebook.exceptions import EvidenceBookError


@dataclass
class BuildResult:
    """What a build did: where the book went, the chapters executed and reused, what it left
    out and withheld, the parameter values set in files, and where its time went."""

    out_dir: Path
    executed: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    left_out: dict[str, list[str]] = field(default_factory=dict)
    seconds: float = 0.0
    #: Chapters left out because they would show withheld counts, with the tables at issue.
    withheld_out: dict[str, list[str]] = field(default_factory=dict)
    #: Disclosure threshold used (None: no counts withheld by the build).
    suppress_below: int | None = None
    #: Cells withheld by the build (file, line, column, reason, detail).
    withheld_cells: int = 0
    #: The book's sources with the executed chapters (``notebooks/``) and their downloads.
    sources: Path | None = None
    #: For each parameter value that differs from its declared default, the file that set
    #: it (the pack's ``parameters.yaml``, its workbook's sheet, or the ``--params`` file).
    set_in: dict[str, str] = field(default_factory=dict)
    #: Every parameter value set in a file (the defaults are left out), by name.
    parameters: dict[str, object] = field(default_factory=dict)
    #: Each executed chapter's seconds, and of those the seconds its cells ran.
    chapter_seconds: dict[str, tuple[float, float]] = field(default_factory=dict)
    #: Where the build's time went, in seconds, by step: check, prepare, chapters, sphinx,
    #: downloads, pdf, publish; and within the chapters, kernel_start and chapter_work.
    phases: dict[str, float] = field(default_factory=dict)


def digest(*parts: bytes) -> str:
    """One digest of several byte strings, each digested on its own first."""
    h = hashlib.sha256()
    for part in parts:
        h.update(hashlib.sha256(part).digest())
    return h.hexdigest()


def package_digest() -> str:
    """A digest of the package's code and its page templates."""
    pkg = paths.package_dir()
    files = sorted([*pkg.rglob("*.py"), *(pkg / "building" / "templates").rglob("*.html")])
    return digest(*(p.read_bytes() for p in files))


#: Libraries whose version changes what the check finds (read, parse, validate).
CHECK_LIBRARIES = ("pandas", "numpy", "pandera", "openpyxl", "PyYAML")


def check_key(
    pack: Path,
    params_file: Path | None,
    root: Path,
    chapters: list[str] | None,
    suppress_below: int | None,
    la: str | None,
) -> str | None:
    """A digest of everything the pre-build check reads or depends on: every file of the
    pack (CSV files, ``pack.xlsx``, ``pack.yaml``, ``parameters.yaml``, anything else in
    it), the national data (``data/national/``, tables a pack may leave out), the
    ``params_file``, the chapter notebooks (they declare the parameters and their
    defaults), the package's code, the libraries that read and validate, and the build's
    choices (chapters, threshold, authority). None when a file cannot be read: the check
    then runs, and says what is wrong."""
    choices = {
        "pack": str(pack),
        "params_file": str(params_file.resolve()) if params_file else None,
        "chapters": chapters,
        "suppress_below": suppress_below,
        "la": la,
        "python": sys.version,
        "libraries": library_versions(),
    }
    parts = [json.dumps(choices, sort_keys=True, default=str).encode()]
    try:
        for label, folder in (("pack", pack), ("national", paths.national_dir())):
            if label == "national" and folder.resolve().is_relative_to(pack.resolve()):
                continue  # the default pack holds the national data: digested already
            files = sorted(p for p in folder.rglob("*") if p.is_file())
            parts += [f"{label}/{p.relative_to(folder)}".encode() for p in files]
            parts += [p.read_bytes() for p in files]
        if params_file is not None:
            parts.append(params_file.read_bytes())
        for name, notebook in chapter_notebooks(root).items():
            parts += [name.encode(), notebook.read_bytes()]
    except OSError:
        return None
    parts.append(package_digest().encode())
    return digest(*parts)


@functools.cache
def library_versions() -> dict[str, str | None]:
    """The versions of the libraries that read and validate (``CHECK_LIBRARIES``)."""
    from importlib import metadata

    versions: dict[str, str | None] = {}
    for name in CHECK_LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def named_files(per_chapter: dict[str, dict]) -> dict[str, str | None]:
    """The files the parameter values name (a council's inputs sheet, which the options
    chapter's check reads), each with the digest of its bytes (None: no such file)."""
    named = {
        str(values["inputs_sheet"])
        for values in per_chapter.values()
        if str(values.get("inputs_sheet") or "").strip()
    }
    found: dict[str, str | None] = {}
    for name in sorted(named):
        try:
            found[name] = digest(Path(name).read_bytes())
        except OSError:
            found[name] = None
    return found


#: Files and folders copied from the project into the book's source folder.
BOOK_SOURCES = ("_config.yml", "_toc.yml", "book", "_static")
#: The steps of a build, one after another (``BuildResult.phases``); within "chapters",
#: summed over the chapters, "kernel_start" and "chapter_work".
PHASES = ("check", "prepare", "chapters", "sphinx", "downloads", "pdf", "publish")
#: The folder, in the work folders' parent (or a given ``--work`` folder), that keeps the
#: record of the last successful build for each set of options.
RECORDS_FOLDER = "built"


def installed_distributions() -> list[str]:
    """The name and version of every installed distribution (their ``.dist-info`` and
    ``.egg-info`` folders on ``sys.path``): a new version of any library the build uses
    (papermill, Sphinx, plotly, ...) makes a different book key."""
    found: set[str] = set()
    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as listing:
                found.update(
                    e.name for e in listing if e.name.endswith((".dist-info", ".egg-info"))
                )
        except OSError:
            continue
    return sorted(found)


def book_key(
    pack: Path, params_file: Path | None, root: Path, options: dict[str, object]
) -> str | None:
    """A digest of everything a build reads and of its options: what :func:`check_key`
    covers (pack, national data, parameters file, notebooks, package code), the book's
    sources (``BOOK_SOURCES``), the installed distributions and Python. None when a file
    cannot be read (the build then runs, and says what is wrong)."""
    chapters = options.get("chapters")
    threshold = options.get("suppress_below")
    checked = check_key(pack, params_file, root, chapters, threshold, options.get("la"))  # type: ignore[arg-type]
    if checked is None:
        return None
    parts = [checked.encode(), json.dumps(options, sort_keys=True, default=str).encode()]
    parts.append("\n".join([str(root), sys.version, *installed_distributions()]).encode())
    try:
        for name in BOOK_SOURCES:
            source = root / name
            if source.is_dir():
                files = sorted(p for p in source.rglob("*") if p.is_file())
            else:
                files = [source] if source.exists() else []
            parts.append(f"{name}: {len(files)} files".encode())
            for file in files:
                parts += [str(file.relative_to(root)).encode(), file.read_bytes()]
    except OSError:
        return None
    return digest(*parts)


def fingerprint(folder: Path) -> str | None:
    """Each file under ``folder`` by name, size and modification time (None: no folder):
    a book published by the build, then changed or deleted by hand, no longer matches."""
    if not folder.is_dir():
        return None
    lines = []
    for where, subfolders, names in os.walk(folder):
        subfolders.sort()
        for name in sorted(names):
            path = os.path.join(where, name)
            try:
                st = os.stat(path)
            except OSError:
                return None
            lines.append(f"{os.path.relpath(path, folder)}\0{st.st_size}\0{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def _given(path: str | Path | None) -> str | None:
    return str(Path(path).expanduser().resolve()) if path else None


@dataclass(frozen=True)
class BuildOptions:
    """What a build was asked for, as the record of the last build with the same options
    is found by (the number of workers aside: it changes no page)."""

    data_dir: str | Path | None = None
    out_dir: str | Path | None = None
    params_file: str | Path | None = None
    work_dir: str | Path | None = None
    chapters: list[str] | None = None
    pdf: bool = False
    suppress_below: int | None = None
    la: str | None = None
    shared: str | Path | None = None

    def key(self) -> dict[str, object]:
        """The options as they go into the book's key: folders resolved, the authority as
        given (before it is looked up)."""
        la = str(self.la).strip() if self.la is not None else ""
        return {
            "data": _given(self.data_dir),
            "out": _given(self.out_dir),
            "params": _given(self.params_file),
            "work": _given(self.work_dir),
            "chapters": list(self.chapters) if self.chapters else None,
            "pdf": bool(self.pdf),
            "suppress_below": self.suppress_below,
            "la": la or None,
            "shared": _given(self.shared),
        }

    def record(self, root: Path) -> Path:
        """Where the record of the last build with these options is kept."""
        name = hashlib.sha1(json.dumps(self.key(), sort_keys=True).encode()).hexdigest()[:16]
        folder = Path(self.work_dir) if self.work_dir else paths.build_dir(root) / "work"
        return folder / RECORDS_FOLDER / f"{name}.pickle"


def unchanged_build(
    asked: BuildOptions,
    on_plan: Callable[[list[str]], None] | None = None,
    on_chapter: Callable[[str, bool], None] | None = None,
) -> BuildResult | None:
    """The result of the last successful build with these options, when nothing it read
    and nothing it published has changed since (every chapter reported reused); else
    None, and the build runs. Never raises: anything unexpected means "build"."""
    started = time.perf_counter()
    try:
        root = paths.project_root()
        record, options = asked.record(root), asked.key()
        pack = Path(options["data"]) if options["data"] else paths.data_dir().resolve()  # type: ignore[arg-type]
        params = Path(options["params"]) if options["params"] else None  # type: ignore[arg-type]
        if not pack.is_dir() or not record.is_file():
            return None
        with open(record, "rb") as f:
            kept = pickle.load(f)  # noqa: S301 - the build's own file in its own work folder
        result = kept["result"]
        if kept["options"] != options or named_files({"": result.parameters}) != kept["files"]:
            return None
        if result.sources is not None and not Path(result.sources).is_dir():
            return None  # the work folder was emptied: the result names sources now gone
        if book_key(pack, params, root, options) != kept["key"]:
            return None
        with folders.lock(result.out_dir, "--out"):
            if fingerprint(result.out_dir) != kept["book"]:
                return None
    except (OSError, EvidenceBookError, pickle.UnpicklingError, EOFError, KeyError, TypeError,
            AttributeError, ValueError):  # fmt: skip
        return None
    chapters_built = [*result.executed, *result.reused]
    if on_plan:
        on_plan(chapters_built)
    for chapter in chapters_built:
        if on_chapter:
            on_chapter(chapter, False)
    seconds = time.perf_counter() - started
    phases = dict.fromkeys([*PHASES, "kernel_start", "chapter_work"], 0.0)
    phases["check"] = seconds  # the digests' comparison: all this build did
    return replace(
        result, executed=[], reused=chapters_built, seconds=seconds, chapter_seconds={},
        phases=phases,
    )  # fmt: skip


def keep_build(root: Path, pack: Path, result: BuildResult, asked: BuildOptions) -> None:
    """Keep the record of a build that succeeded (see the module's docstring); a record
    that cannot be written is no loss: the next build runs in full."""
    try:
        record, options = asked.record(root), asked.key()
        params = Path(options["params"]) if options["params"] else None  # type: ignore[arg-type]
        key = book_key(pack, params, root, options)
        book = fingerprint(result.out_dir)
        if key is None or book is None:
            return
        kept = {
            "key": key,
            "options": options,
            "files": named_files({"": result.parameters}),
            "book": book,
            "result": result,
        }
        record.parent.mkdir(parents=True, exist_ok=True)
        tmp = record.with_name(f".{record.stem}.{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(kept, protocol=5))
        os.replace(tmp, record)
    except OSError:
        pass
