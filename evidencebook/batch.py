"""Build books for many data packs at once, each isolated from the others.

Each pack is built in its own worker process, with its own work folder and output folder,
so one authority's bad data fails that authority alone; its problems are in the summary.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from . import folders
from .exceptions import EvidenceBookError
from .text import slug


@dataclass
class PackResult:
    pack: Path
    out_dir: Path
    ok: bool
    seconds: float = 0.0
    error: str = ""
    left_out: list[str] = field(default_factory=list)


def _build_one(
    pack: Path, out_dir: Path, work_dir: Path, suppress_below: int | None = None
) -> PackResult:
    from .build import build

    try:
        result = build(
            data_dir=pack,
            out_dir=out_dir,
            work_dir=work_dir,
            workers=1,
            suppress_below=suppress_below,
        )
    except EvidenceBookError as err:
        return PackResult(pack, out_dir, False, error=str(err))
    except Exception as err:  # noqa: BLE001 - one pack's failure must not stop the others
        return PackResult(pack, out_dir, False, error=f"{type(err).__name__}: {err}")
    return PackResult(pack, out_dir, True, result.seconds, left_out=sorted(result.left_out))


def batch(
    packs: list[str | Path],
    out_root: str | Path,
    workers: int = 2,
    on_done=None,  # noqa: ANN001 - called with each PackResult as it finishes
    suppress_below: int | None = None,
) -> list[PackResult]:
    """Build a book for each pack into ``out_root/<pack folder name>``; never raise for a
    pack's own problems, return them in the results (in the order given).
    ``suppress_below`` withholds small counts in every book (else each pack's own setting).

    Before any pack is built, ``out_root`` must be a folder this tool may fill (see
    ``evidencebook.folders``): absent, empty or one it made, holding no pack; a folder
    given twice, or that is not a pack folder, raises ``EvidenceBookError``. No book's
    folder can then be a pack, since no pack is inside ``out_root``.
    """
    from .build import project_root

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
    out_root = folders.check_folder(
        Path(out_root), "--out", folders.BOOKS, packs=resolved, root=root
    )
    folders.check_writable(out_root, "--out")
    jobs = []
    seen: set[str] = set()
    for pack in resolved:
        name = slug(pack.name, "pack")
        while name in seen:
            name += "-2"
        seen.add(name)
        jobs.append((pack, out_root / name, out_root / ".work" / name, suppress_below))
    with folders.lock(out_root, "--out"):
        folders.prepare(out_root, folders.BOOKS)
        folders.prepare(out_root / ".work", folders.WORK)
        results: dict[Path, PackResult] = {}
        with ProcessPoolExecutor(max_workers=max(1, workers)) as pool:
            futures = {pool.submit(_build_one, *job): job[0] for job in jobs}
            for future in as_completed(futures):
                result = future.result()
                results[futures[future]] = result
                if on_done:
                    on_done(result)
    return [results[job[0]] for job in jobs]
