"""The national files in ``data/national/`` and their provenance (``sources.csv``).

Every file was copied unchanged from a public repository that vendors the Department for
Education's, the ONS's or HM Treasury's own file; ``sources.csv`` records, for each, its
publication, publisher, repository, commit, path, licence, what it holds and its SHA-256
(a test checks the files still match). The loader reads them by the ``id`` of their row.
"""

from __future__ import annotations

import csv
import hashlib
import io
from functools import lru_cache
from pathlib import Path

import pandas as pd

from evidencebook import paths
from evidencebook.exceptions import EvidenceBookError

#: Columns of ``data/national/sources.csv``, in order.
SOURCE_COLUMNS = (
    "id",
    "file",
    "publication",
    "publisher",
    "repository",
    "commit",
    "path",
    "licence",
    "holds",
    "sha256",
)


class NationalDataError(EvidenceBookError):
    """A national file is missing, changed or holds a value the loader cannot read."""


def national_dir() -> Path:
    """The folder of national published data: ``data/national/`` in the project."""
    return paths.national_dir()


@lru_cache(maxsize=1)
def _sources() -> tuple[dict[str, str], ...]:
    path = national_dir() / "sources.csv"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise NationalDataError(f"the list of national files is missing: {path}") from None
    return tuple(csv.DictReader(io.StringIO(text)))


def sources() -> pd.DataFrame:
    """``sources.csv`` as a table: one row per national file, with its provenance."""
    return pd.DataFrame(list(_sources()), columns=list(SOURCE_COLUMNS))


def source(source_id: str) -> dict[str, str]:
    """One file's provenance row (``id``, ``file``, ``publication``...)."""
    for row in _sources():
        if row["id"] == source_id:
            return dict(row)
    raise NationalDataError(f"no national file has the id {source_id!r} (see sources.csv)")


def path(source_id: str) -> Path:
    """Where a national file is, by its id in ``sources.csv``."""
    found = national_dir() / source(source_id)["file"]
    if not found.is_file():
        raise NationalDataError(f"national file {source_id!r} is missing: {found}")
    return found


def text(source_id: str) -> str:
    """A national file's text: UTF-8 (with or without a byte order mark), else Windows-1252
    (some of DfE's older SFR files)."""
    raw = path(source_id).read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def read_csv(source_id: str) -> pd.DataFrame:
    """A national CSV file with every cell as text (blank cells as ""), column names
    stripped; columns with a blank name (trailing commas in some SFR files) are dropped."""
    frame = pd.read_csv(
        io.StringIO(text(source_id)), dtype=str, keep_default_na=False, na_filter=False
    )
    frame.columns = [str(c).strip() for c in frame.columns]
    keep = [c for c in frame.columns if c and not c.startswith("Unnamed:")]
    return frame[keep]


def digest(source_ids: list[str]) -> str:
    """One SHA-256 over the bytes of these files (and their ids): changes when any does."""
    h = hashlib.sha256()
    for source_id in sorted(source_ids):
        h.update(source_id.encode())
        h.update(path(source_id).read_bytes())
    return h.hexdigest()


def file_sha256(source_id: str) -> str:
    """The SHA-256 of one national file as it is now (compare with ``sources.csv``)."""
    return hashlib.sha256(path(source_id).read_bytes()).hexdigest()
