"""Build many books at once, each isolated from the others: one per data pack, or one per
authority from published statistics (``--la all``).

Each book is built by its own worker, with its own work folder and output folder, so one
authority's bad data fails that authority alone; its problems are in the summary and on
the index page (``index.html`` in the folder of books), which links every book built.

Workers are processes on this machine, or, given a scheduler address, the workers of a
Dask distributed cluster (for runs too big for one machine: every authority times many
assumption sets). The jobs are the same either way.
"""

from __future__ import annotations

import html
import os
import shutil
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from evidencebook.analysis.formatting import slug
from evidencebook.building import folders
from evidencebook.exceptions import EvidenceBookError

#: The index page written into the folder of books.
INDEX = "index.html"
#: How long to wait for a Dask scheduler to answer before saying it cannot be reached.
SCHEDULER_TIMEOUT = "20s"


@dataclass
class PackResult:
    pack: Path | None
    out_dir: Path
    ok: bool
    seconds: float = 0.0
    error: str = ""
    left_out: list[str] = field(default_factory=list)
    #: Chapters not executed for this book: unchanged since its last build, or executed for
    #: another book of the batch with the same digest.
    reused: list[str] = field(default_factory=list)
    #: Where the book's build spent its time, in seconds (``BuildResult.phases``).
    phases: dict[str, float] = field(default_factory=dict)
    #: The authority the book was built for (``--la``), by name; "" for a pack's book.
    authority: str = ""

    @property
    def label(self) -> str:
        """What the book is for: the authority's name, or the pack's folder."""
        return self.authority or (self.pack.name if self.pack else self.out_dir.name)


#: The folder, in the batch's work folder, of chapters executed once for every book that
#: has them with the same digest (the pilot's chapters of a national run).
SHARED = "shared-chapters"


@dataclass(frozen=True)
class Job:
    """One book to build: from a pack, or for an authority (``la``) from published data."""

    out_dir: Path
    work_dir: Path
    pack: Path | None = None
    la: str | None = None
    authority: str = ""
    suppress_below: int | None = None
    chapters: tuple[str, ...] = ()
    #: The batch's folder of executed chapters, shared by its books (``build``'s ``shared``).
    shared: Path | None = None


def _build_one(
    pack: Path | None,
    out_dir: Path,
    work_dir: Path,
    suppress_below: int | None = None,
    la: str | None = None,
    authority: str = "",
    chapters: tuple[str, ...] = (),
    shared: Path | None = None,
) -> PackResult:
    from evidencebook.building.build import build

    started = time.perf_counter()
    try:
        result = build(
            data_dir=pack,
            out_dir=out_dir,
            work_dir=work_dir,
            workers=1,
            suppress_below=suppress_below,
            la=la,
            chapters=list(chapters) or None,
            shared=shared,
        )
    except EvidenceBookError as err:
        seconds = time.perf_counter() - started
        return PackResult(pack, out_dir, False, seconds, str(err), authority=authority)
    except Exception as err:  # noqa: BLE001 - one book's failure must not stop the others
        error = f"{type(err).__name__}: {err}"
        seconds = time.perf_counter() - started
        return PackResult(pack, out_dir, False, seconds, error, authority=authority)
    left_out = sorted(result.left_out)
    return PackResult(
        pack, out_dir, True, result.seconds, left_out=left_out, authority=authority,
        reused=sorted(result.reused), phases=dict(result.phases),
    )  # fmt: skip


def _run_job(job: Job) -> PackResult:
    return _build_one(
        job.pack, job.out_dir, job.work_dir, job.suppress_below, job.la, job.authority,
        job.chapters, job.shared,
    )  # fmt: skip


def authorities_for(codes: list[str]) -> list[dict]:
    """The authorities named by ``codes`` (DfE codes, ONS codes or names), or every current
    authority for ``all``; an unknown one raises ``EvidenceBookError`` with the nearest
    names, before any book is built."""
    from evidencebook.analysis import national

    if [c.strip().lower() for c in codes] == ["all"]:
        table = national.authorities()
        return [national.find_authority(str(code)) for code in table["old_la_code"]]
    found = [national.find_authority(code) for code in codes]
    twice = sorted({f["la_name"] for f in found if found.count(f) > 1})
    if twice:
        raise EvidenceBookError(f"authority given more than once: {', '.join(twice)}")
    return found


def batch(
    packs: list[str | Path],
    out_root: str | Path,
    workers: int = 2,
    on_done: Callable[[PackResult], None] | None = None,
    suppress_below: int | None = None,
    las: list[str] | None = None,
    scheduler: str | None = None,
    chapters: list[str] | None = None,
) -> list[PackResult]:
    """Build a book for each pack into ``out_root/<pack folder name>``, and for each
    authority in ``las`` (codes or names, or ``["all"]``) into ``out_root/<its name>``;
    never raise for a book's own problems, return them in the results (in the order
    given), and write ``out_root/index.html`` linking them.
    ``suppress_below`` withholds small counts in every book (else each pack's own setting).
    ``scheduler`` runs the jobs on a Dask distributed cluster at that address instead of
    ``workers`` local processes. ``chapters`` limits every book to those chapters (all by
    default), as ``build``'s does.

    Before any book is built, ``out_root`` must be a folder this tool may fill (see
    ``evidencebook.building.folders``): absent, empty or one it made, holding no pack; a pack given
    twice, or that is not a folder, raises ``EvidenceBookError``. No book's folder can then
    be a pack, since no pack is inside ``out_root``.
    """
    from evidencebook.building.build import project_root

    root = project_root()
    resolved = []
    for item in packs:
        pack = Path(item).expanduser()
        if not pack.is_dir():
            raise EvidenceBookError(f"data pack folder not found: {item}")
        resolved.append(pack.resolve())
    twice = sorted({str(p) for p in resolved if resolved.count(p) > 1})
    if twice:
        raise EvidenceBookError(f"data pack given more than once: {', '.join(twice)}")
    chosen = authorities_for(las) if las else []
    if not resolved and not chosen:
        raise EvidenceBookError("nothing to build: give data pack folders, or --la")
    out_root = folders.check_folder(
        Path(out_root), "--out", folders.BOOKS, packs=resolved, root=root
    )
    folders.check_writable(out_root, "--out")
    jobs = []
    seen: set[str] = set()
    shared = out_root / ".work" / SHARED  # chapters one book executed, for the others
    for left in shared.glob("*.claim"):  # claims of an earlier batch that was stopped
        shutil.rmtree(left, ignore_errors=True)

    def name_for(text: str, default: str) -> str:
        name = slug(text, default)
        while name in seen:
            name += "-2"
        seen.add(name)
        return name

    for pack in resolved:
        name = name_for(pack.name, "pack")
        jobs.append(
            Job(
                out_root / name,
                out_root / ".work" / name,
                pack=pack,
                suppress_below=suppress_below,
                chapters=tuple(chapters or ()),
                shared=shared,
            )
        )
    for found in chosen:
        name = name_for(str(found["la_name"]), "authority")
        jobs.append(
            Job(
                out_root / name,
                out_root / ".work" / name,
                la=str(found["old_la_code"]),
                authority=str(found["la_name"]),
                suppress_below=suppress_below,
                chapters=tuple(chapters or ()),
                shared=shared,
            )
        )
    with folders.lock(out_root, "--out"):
        folders.prepare(out_root, folders.BOOKS)
        folders.prepare(out_root / ".work", folders.WORK)
        run = _run_dask if scheduler else _run_local
        results = run(jobs, workers, on_done, scheduler)
        write_index(out_root, results)
    return results


def book_after_book() -> None:
    """Set up a local worker process, which builds one book after another: its kernel stays
    in the process from one book to the next (``kernels`` says how it is set back as new for
    every book), as jupyter-book does in any process building in its main thread
    (``jupyterbook``)."""
    from evidencebook.building import kernels

    kernels.keep_between_builds()


def _run_local(jobs, workers, on_done, scheduler=None) -> list[PackResult]:  # noqa: ANN001
    results: dict[int, PackResult] = {}
    with ProcessPoolExecutor(max_workers=max(1, workers), initializer=book_after_book) as pool:
        futures = {pool.submit(_run_job, job): i for i, job in enumerate(jobs)}
        for future in as_completed(futures):
            result = future.result()
            results[futures[future]] = result
            if on_done:
                on_done(result)
    return [results[i] for i in range(len(jobs))]


def _run_dask(jobs, workers, on_done, scheduler) -> list[PackResult]:  # noqa: ANN001
    """The same jobs on a Dask distributed cluster: each is one task (``pure=False``: a
    build is never taken from a cache), results come back as they finish."""
    from distributed import Client, as_completed

    try:
        client = Client(scheduler, timeout=SCHEDULER_TIMEOUT)
    except OSError as err:
        raise EvidenceBookError(f"--scheduler {scheduler}: cannot reach it ({err})") from None
    with client:
        futures = {client.submit(_run_job, job, pure=False): i for i, job in enumerate(jobs)}
        results: dict[int, PackResult] = {}
        for future in as_completed(list(futures)):
            try:
                result = future.result()
            except Exception as err:  # noqa: BLE001 - a worker lost: that book failed
                job = jobs[futures[future]]
                result = PackResult(
                    job.pack, job.out_dir, False, error=f"{type(err).__name__}: {err}",
                    authority=job.authority,
                )  # fmt: skip
            results[futures[future]] = result
            if on_done:
                on_done(result)
    return [results[i] for i in range(len(jobs))]


def write_index(out_root: Path, results: list[PackResult]) -> Path:
    """The folder of books' index page: a table of every book (link, what it is for, how
    long it took) and, apart, every failure with its problems. Written whole or not at all."""
    built = [r for r in results if r.ok]
    failed = [r for r in results if not r.ok]
    rows = "\n".join(
        f'<tr><th scope="row"><a href="{html.escape(r.out_dir.name)}/index.html">'
        f"{html.escape(r.label)}</a></th><td>{r.seconds:.1f} s</td>"
        f"<td>{html.escape(', '.join(r.left_out)) or 'none'}</td></tr>"
        for r in built
    )
    problems = "\n".join(
        f"<li><strong>{html.escape(r.label)}</strong><pre>{html.escape(r.error)}</pre></li>"
        for r in failed
    )
    page = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Evidence books: {len(built)} built</title>
<style>
body {{ font-family: Arial, Helvetica, sans-serif; color: #0B0C0C; max-width: 60rem;
  margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ text-align: left; padding: 0.3rem 0.6rem; border-bottom: 1px solid #B1B4B6; }}
a {{ color: #12436D; }} a:focus {{ outline: 3px solid #F46A25; background: #FFDD00; }}
pre {{ white-space: pre-wrap; }}
</style>
</head>
<body>
<main>
<h1>Evidence books</h1>
<p>{len(built)} book{"s" if len(built) != 1 else ""} built, {len(failed)} failed.</p>
<table>
<caption>Books built</caption>
<thead><tr><th scope="col">Book</th><th scope="col">Build time</th>
<th scope="col">Chapters left out</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
{"<h2>Books that failed</h2><ul>" + problems + "</ul>" if failed else ""}
</main>
</body>
</html>
"""
    target = out_root / INDEX
    temporary = out_root / f".{INDEX}.new-{os.getpid()}"
    try:
        temporary.write_text(page, encoding="utf-8")
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return target
