"""The pack's tables, read and validated once per build and handed to every chapter.

A build checks every table a chapter will read before any notebook runs
(``building.build.check_inputs``). It keeps what it read in one file in its work folder,
named by a digest of its content, and tells each chapter's kernel where it is through the
environment (:data:`ENV`). A chapter's ``load`` (``analysis.pack.load_chapter``) then takes
its tables from that file instead of reading and validating the pack again, so the pack is
read once per build, and a kernel imports neither pandera nor the national data.

The file is only used for the pack it was made from (its resolved path is stored with it)
and only when it holds every table asked for; anything else reads the pack as before.
It is written and read by the build itself, in its own work folder (pickle, protocol 5).

Beside the tables it may keep the strands' figures the build worked out as it checked the
pack (``chapters.registry.evaluations``), for the pack and the parameter values they were
worked out from: the chapters that read every strand's figures (value for money, the audit)
take them from here instead of working them out again. They are kept pickled apart, so a
kernel that does not ask for them never loads them (nor imports the chapters they name).
"""

from __future__ import annotations

import hashlib
import os
import pickle
from functools import lru_cache
from pathlib import Path

import pandas as pd

#: The environment variable naming the build's table snapshot, set for each chapter's kernel.
ENV = "EVIDENCEBOOK_TABLES"


def write(
    pack: Path,
    tables: dict[str, pd.DataFrame],
    folder: Path,
    chapters: dict[str, list[str]] | None = None,
    evaluations: dict | None = None,
) -> Path:
    """Keep ``tables`` (read from ``pack`` and checked) in ``folder``, with the names of the
    tables each of ``chapters`` reads (so a chapter's kernel need not import every chapter's
    table declarations to find its own), and the parameters' defaults and the strands'
    figures (``evaluations``, see ``chapters.registry.evaluations``: the figures kept only
    if worked out from this same ``pack``); return the file."""
    held = {"pack": str(Path(pack).resolve()), "tables": tables, "chapters": chapters or {}}
    kept = evaluations or {}
    if kept.get("defaults"):  # the notebooks' defaults: the same for any pack
        held["defaults"] = kept["defaults"]
    if kept.get("chapters") is not None and kept.get("pack") == held["pack"]:
        held["evaluations"] = {
            "values": evaluations["values"],
            "chapters": pickle.dumps(evaluations["chapters"], protocol=5),
        }
    payload = pickle.dumps(held, protocol=5)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"tables-{hashlib.sha256(payload).hexdigest()[:20]}.pickle"
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(payload)
        os.replace(tmp, path)
    return path


@lru_cache(maxsize=4)
def _read(path: str, mtime_ns: int) -> dict:
    with open(path, "rb") as f:
        return pickle.load(f)  # noqa: S301 - the build's own file in its own work folder


def _current() -> dict | None:
    """The build's snapshot (``ENV``), whatever pack it was made from; None without one."""
    where = os.environ.get(ENV)
    if not where:
        return None
    try:
        return _read(where, os.stat(where).st_mtime_ns)
    except (OSError, pickle.UnpicklingError, EOFError):
        return None


def _held(pack: Path) -> dict | None:
    """The build's snapshot, if there is one for ``pack``."""
    held = _current()
    return held if held is not None and held.get("pack") == str(Path(pack).resolve()) else None


def chapter_tables(pack: Path, chapter: str) -> dict[str, pd.DataFrame] | None:
    """The tables ``chapter`` reads, from the build's snapshot, or None when the snapshot
    does not list them."""
    held = _held(pack)
    names = None if held is None else held.get("chapters", {}).get(chapter)
    return None if names is None else tables(pack, names)


def tables(pack: Path, names: list[str]) -> dict[str, pd.DataFrame] | None:
    """The named tables of ``pack`` from the build's snapshot (copies, so a chapter may
    change them), or None when there is no snapshot for this pack holding all of them."""
    held = _held(pack)
    if held is None:
        return None
    frames = held.get("tables", {})
    if any(name not in frames for name in names):
        return None
    return {name: frames[name].copy() for name in names}


def defaults(notebooks: str) -> dict | None:
    """Every chapter's parameters at their defaults, as the build read them from the
    notebooks whose digest is ``notebooks`` (``chapters.registry.notebooks_digest``); None
    without a build's snapshot, or when the notebooks have changed since."""
    held = _current()
    kept = None if held is None else held.get("defaults")
    if not kept or kept.get("notebooks") != notebooks:
        return None
    return dict(kept["values"])


def evaluations(pack: Path, values: str) -> dict | None:
    """The strands' figures the build worked out for ``pack`` with the parameter values
    whose key is ``values`` (``chapters.registry.values_key``): for each chapter, its
    parameters and figures; None when the build's snapshot has none for them."""
    held = _held(pack)
    kept = None if held is None else held.get("evaluations")
    if kept is None or kept.get("values") != values:
        return None
    return pickle.loads(kept["chapters"])  # noqa: S301 - the build's own file
