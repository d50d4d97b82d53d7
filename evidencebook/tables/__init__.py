"""The tables of a data pack, one module per strand.

Each module here defines ``TABLES``, a list of ``schemas.TableSpec``. The registry collects
them all, so a new chapter adds its tables by adding a module, without editing a shared file.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from ..schemas import TableSpec


@cache
def registry() -> dict[str, TableSpec]:
    """Every table spec, by file stem; a stem declared twice is a programming error."""
    out: dict[str, TableSpec] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for spec in getattr(module, "TABLES", []):
            if spec.name in out:
                raise RuntimeError(f"table {spec.name!r} is declared twice")
            out[spec.name] = spec
    return out
