"""Every table a data pack may hold: the registry of their schemas.

Each chapter declares its own tables in ``evidencebook/chapters/<chapter>/tables.py`` as
``TABLES``, a list of ``schemas.TableSpec``; tables several chapters read are declared in
``shared_tables`` and ``appraisal_tables`` here. The registry collects them all, so a new
chapter adds its tables by adding its folder, without editing a shared file.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for annotations only: schemas.all_tables reads this registry
    from evidencebook.analysis.schemas import TableSpec

#: Modules of shared tables, declared beside the analysis that reads them.
SHARED = {
    "evidencebook.analysis.shared_tables": "common",
    "evidencebook.analysis.appraisal_tables": "appraisal",
}


def table_modules() -> list[str]:
    """The modules that declare tables: each chapter's ``tables`` and the shared ones."""
    chapters = importlib.import_module("evidencebook.chapters")
    found = [
        f"evidencebook.chapters.{info.name}.tables"
        for info in sorted(pkgutil.iter_modules(chapters.__path__), key=lambda m: m.name)
        if info.ispkg and importlib.util.find_spec(f"evidencebook.chapters.{info.name}.tables")
    ]
    #: in the order of their names (a shared module by what it holds), as the dictionary lists them
    return sorted([*SHARED, *found], key=lambda m: SHARED.get(m) or m.split(".")[-2])


@cache
def registry() -> dict[str, TableSpec]:
    """Every table spec, by file stem; a stem declared twice is a programming error."""
    out: dict[str, TableSpec] = {}
    for name in table_modules():
        module = importlib.import_module(name)
        for spec in getattr(module, "TABLES", []):
            if spec.name in out:
                raise RuntimeError(f"table {spec.name!r} is declared twice")
            out[spec.name] = spec
    return out
