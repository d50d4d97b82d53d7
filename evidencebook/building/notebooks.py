"""The chapter notebooks of the project and the parameters each declares.

Read by the build, the pack scaffold and the command line; kept apart from the build so
that those can use it without importing each other.
"""

from __future__ import annotations

import functools
from pathlib import Path

from evidencebook import paths
from evidencebook.analysis import parameters as params_mod


def chapter_notebooks(root: Path | None = None) -> dict[str, Path]:
    """Chapter name to notebook path, for every notebook in ``notebooks/``."""
    root = root or paths.project_root()
    return {p.stem: p for p in sorted((root / "notebooks").glob("*.ipynb"))}


def chapter_parameters(root: Path | None = None) -> dict[str, dict[str, params_mod.Parameter]]:
    """Every chapter's declared parameters."""
    return {
        name: _declared(str(nb), nb.stat().st_mtime_ns)
        for name, nb in chapter_notebooks(root).items()
    }


@functools.lru_cache(maxsize=64)
def _declared(notebook: str, mtime_ns: int) -> dict[str, params_mod.Parameter]:
    """A notebook's parameters, read once per version of the file."""
    return params_mod.declared(notebook)
