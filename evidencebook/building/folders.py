"""Where a build may write, and how it writes there without losing anyone's files.

A build writes to two folders: its output (the book, ``--out``) and its work folder
(executed notebooks and caches, ``--work``); a batch also writes a folder of books. Each is
replaced or filled whole, so each must be the tool's own:

- absent, empty, or marked by a ``.evidencebook`` file that this tool writes into every
  folder it makes (or, for folders made by earlier versions, under the project's own
  ``_build/`` folder);
- never a file, the filesystem root, a data pack (or inside one, or holding one), the
  project folder (or one holding it), or the other folder of the same build.

Every check runs before any work. A lock (``fcntl.flock`` on a small file beside the
folder) lets one build write to a folder at a time: a second gets a clear message at once
instead of mixing its pages with the first's. Leftovers of a build that was killed (a
half-copied ``.NAME.new-*`` folder, or a ``.NAME.old-*`` book not yet swapped back) are
cleaned up, or put back, by the next build that takes the lock.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from evidencebook.exceptions import BuildError

#: The file that marks a folder as this tool's own; it says which kind of folder it is.
MARKER = ".evidencebook"
#: The kinds of folder a build writes, as the marker names them.
BOOK, WORK, BOOKS = "book", "work", "books"
#: What each kind holds, for messages.
_KIND_TEXT = {
    BOOK: "a book",
    WORK: "a work folder",
    BOOKS: "a folder of books made by batch",
}
#: Space a build needs free before it starts: the default book is about 15 MB (most of it
#: plotly.js), its work folder up to 40 MB, and the new book is copied beside the old one
#: before they are swapped; the rest is room for a PDF and for larger packs.
MIN_FREE_BYTES = 100 * 1024 * 1024


def marker_kind(folder: Path) -> str | None:
    """The kind of tool-made folder ``folder`` is (``book``, ``work``, ``books``), or None."""
    marker = folder / MARKER
    if marker.is_symlink() or not marker.is_file():
        return None
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    kind = data.get("kind") if isinstance(data, dict) else None
    return kind if kind in _KIND_TEXT else None


def mark(folder: Path, kind: str) -> None:
    """Write the marker that makes ``folder`` this tool's own folder of that kind."""
    text = json.dumps(
        {
            "kind": kind,
            "made_by": "evidencebook",
            "note": "Made by evidencebook, which replaces this folder whole at each build: "
            "keep no other files here.",
        },
        indent=2,
    )
    (folder / MARKER).write_text(text + "\n", encoding="utf-8")


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_folder(
    path: Path,
    option: str,
    kind: str,
    *,
    packs: list[Path],
    root: Path,
    others: dict[str, Path] | None = None,
) -> Path:
    """The resolved ``path`` if a build may replace or fill it as ``kind``; else raise
    ``BuildError`` saying why and what to do. ``option`` names it in messages (``--out``);
    ``others`` are the build's other folders (by option), which it must not overlap."""
    resolved = Path(os.path.abspath(path.expanduser()))
    resolved = resolved.resolve()  # symbolic links: judge where the folder really is
    label = f"{option} {path}"
    advice = f"choose a new or empty folder for {_KIND_TEXT[kind]}"
    if resolved == Path(resolved.anchor):
        raise BuildError(f"{label} is the filesystem root; {advice}")
    if resolved.exists() and not resolved.is_dir():
        raise BuildError(f"{label} is a file, not a folder; {advice}")
    root = root.resolve()
    if _inside(root, resolved):
        raise BuildError(f"{label} is or holds the project folder {root}; {advice}")
    for pack in packs:
        pack = pack.resolve()
        if resolved == pack:
            raise BuildError(f"{label} is the data pack itself; {advice}, outside the pack")
        if _inside(resolved, pack):
            raise BuildError(f"{label} is inside the data pack {pack}; {advice}, outside it")
        if _inside(pack, resolved):
            raise BuildError(f"{label} holds the data pack {pack}; {advice}, one with no pack")
    for other_option, other in (others or {}).items():
        other = Path(os.path.abspath(other.expanduser())).resolve()
        if _inside(resolved, other) or _inside(other, resolved):
            raise BuildError(
                f"{label} overlaps the {_KIND_TEXT[WORK if kind != WORK else BOOK][2:]} "
                f"({other_option} {other}); keep the two apart"
            )
    if resolved.is_dir() and not _empty(resolved):
        found = marker_kind(resolved)
        if found == kind or (found is None and _inside(resolved, root / "_build")):
            return resolved  # ours (an unmarked one under _build/ is from an earlier version)
        if found is not None:
            raise BuildError(f"{label} is {_KIND_TEXT[found]}, not {_KIND_TEXT[kind]}; {advice}")
        raise BuildError(
            f"{label} holds files this tool did not make (a folder it made has a {MARKER} "
            f"file), and a build replaces the folder whole; {advice}"
        )
    return resolved


def _empty(folder: Path) -> bool:
    try:
        return next(folder.iterdir(), None) is None
    except OSError as err:
        raise BuildError(os_error_text(err)) from None


def os_error_text(err: OSError, doing: str = "") -> str:
    """One plain line for a failure of the disk or the system: what, where, what to do."""
    where = err.filename or ""
    prefix = f"{doing}: " if doing else ""
    if err.errno == errno.ENOSPC:
        return f"{prefix}the disk is full (writing {where}); free some space and build again"
    if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (
            f"{prefix}cannot write to {where} ({err.strerror}); choose a folder you may "
            "write to with --out / --work"
        )
    return f"{prefix}{err.strerror or err} ({where})" if where else f"{prefix}{err}"


def _existing_parent(folder: Path) -> Path:
    parent = folder
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    return parent


def folder_size(folder: Path) -> int:
    """Bytes taken by the files under ``folder`` (0 if absent)."""
    if not folder.is_dir():
        return 0
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def check_writable(folder: Path, option: str, need: int = MIN_FREE_BYTES) -> None:
    """Raise ``BuildError`` (one plain line) unless a file can be written where ``folder``
    is (or will be made), with at least ``need`` bytes free on its disk."""
    target = folder if folder.is_dir() else folder.parent
    existing = _existing_parent(target)
    try:
        fd, probe = tempfile.mkstemp(prefix=".evidencebook-probe-", dir=existing)
        os.close(fd)
        os.unlink(probe)
        free = shutil.disk_usage(existing).free
    except OSError as err:
        raise BuildError(f"{option} {folder}: {os_error_text(err)}") from None
    if free < need:
        raise BuildError(
            f"{option} {folder}: only {free // 2**20} MB free on its disk, and a build needs "
            f"about {need // 2**20} MB; free some space or choose a folder on another disk"
        )


@contextmanager
def lock(folder: Path, option: str) -> Iterator[None]:
    """Hold the only right to write ``folder`` for as long as the block runs.

    The lock is an ``flock`` on ``.NAME.lock`` beside the folder; the system lets it go
    when the process ends, however it ends, so a killed build never blocks the next.
    """
    folder.parent.mkdir(parents=True, exist_ok=True)
    path = folder.parent / f".{folder.name}.lock"
    try:
        handle = open(path, "a+b")  # noqa: SIM115 - held for the whole block
    except OSError as err:
        raise BuildError(f"{option} {folder}: {os_error_text(err)}") from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(
                f"{option} {folder}: another build is writing here; wait for it to finish, "
                "or choose another folder"
            ) from None
        yield
    finally:
        handle.close()


def staging_prefix(folder: Path, stage: str) -> str:
    """Name prefix of the temporary folders made beside ``folder`` while it is replaced."""
    return f".{folder.name}.{stage}-"


def clean_leftovers(folder: Path) -> list[Path]:
    """Tidy what a killed build left beside ``folder`` (call with its lock held): put back
    a book that was moved aside but not replaced, and remove half-copied folders. Returns
    what was removed or put back."""
    touched = []
    if not folder.parent.is_dir():
        return touched
    old = sorted(folder.parent.glob(staging_prefix(folder, "old") + "*"))
    if old and not folder.exists():
        os.replace(old[-1], folder)  # the book that was there before the killed build
        touched.append(old.pop())
    for leftover in [*old, *folder.parent.glob(staging_prefix(folder, "new") + "*")]:
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
            touched.append(leftover)
    return touched


def replace_folder(source: Path, target: Path, kind: str = BOOK) -> None:
    """Replace ``target`` with a copy of ``source``, marked as ``kind``, in one step.

    The copy is made beside ``target`` first; ``target`` is only moved aside once the copy
    is complete, and removed once the copy is in its place. If anything fails (a full disk,
    a permission), the old ``target`` is left as it was and the copy is removed. If the
    process is killed, the next call of ``clean_leftovers`` puts things right.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=staging_prefix(target, "new"), dir=target.parent))
    try:
        shutil.copytree(source, staging, dirs_exist_ok=True, symlinks=True)
        mark(staging, kind)
        old = None
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=staging_prefix(target, "old"), dir=target.parent))
            os.replace(target, old)  # an empty folder is replaced by the old book
        try:
            os.replace(staging, target)
        except OSError:
            if old is not None:
                os.replace(old, target)
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def prepare(folder: Path, kind: str) -> None:
    """Make ``folder`` if needed and mark it as this tool's own ``kind`` of folder."""
    folder.mkdir(parents=True, exist_ok=True)
    if marker_kind(folder) != kind:
        mark(folder, kind)
