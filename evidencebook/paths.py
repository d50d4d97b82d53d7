"""Where the project's own files are: the one place the package looks for them.

The book's sources (``notebooks/``, ``book/``, ``_static/``, ``_config.yml``, ``_toc.yml``),
the default data pack (``data/``) and the national published data (``data/national/``) are
the project's files. They are found, in this order:

1. in the folder named by the environment variable ``EVIDENCEBOOK_PROJECT``;
2. in the checkout the package is imported from (the folder holding ``evidencebook/``);
3. in the copy shipped inside the installed package (``evidencebook/_project/``, put there
   by ``setup.py`` when the wheel is built), so an installed package needs no checkout.

Build output goes under the project's ``_build/``; for the shipped copy, which is part of
an installation and not to be written to, under ``_build/`` in the current folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from evidencebook.exceptions import EvidenceBookError

#: The environment variable naming the project folder to use.
ENV = "EVIDENCEBOOK_PROJECT"
#: The project's files that a wheel carries (see ``setup.py``): the book's sources and
#: configuration, and the default data pack with the national published data.
PROJECT_FILES = ("_config.yml", "_toc.yml", "book", "_static", "notebooks", "data")
#: The folder, inside the installed package, holding the shipped copy of ``PROJECT_FILES``.
SHIPPED = "_project"
#: What a folder needs to be taken for the project.
_MARKERS = ("_config.yml", "_toc.yml", "notebooks")


def package_dir() -> Path:
    """The package's own folder (its code and templates)."""
    return Path(__file__).resolve().parent


def is_project(folder: Path) -> bool:
    """True if ``folder`` holds the book's configuration and its chapter notebooks."""
    return all((folder / name).exists() for name in _MARKERS)


def shipped_dir() -> Path:
    """Where an installed package keeps its copy of the project's files."""
    return package_dir() / SHIPPED


def project_root() -> Path:
    """The project folder: ``$EVIDENCEBOOK_PROJECT``, else the checkout, else the copy
    shipped in the installed package (see the module's docstring)."""
    named = os.environ.get(ENV, "").strip()
    if named:
        folder = Path(named).expanduser().resolve()
        if not is_project(folder):
            missing = ", ".join(m for m in _MARKERS if not (folder / m).exists())
            raise EvidenceBookError(
                f"{ENV}={named} is not an evidence book project folder: it has no {missing}"
            )
        return folder
    checkout = package_dir().parent
    if is_project(checkout):
        return checkout
    if is_project(shipped_dir()):
        return shipped_dir()
    raise EvidenceBookError(
        f"the project's files (notebooks/, book/, data/, _config.yml) were not found beside "
        f"the package ({checkout}) nor inside it ({shipped_dir()}); set {ENV} to the "
        "project folder, or install the package from a wheel that carries them"
    )


def data_dir() -> Path:
    """The default data pack (Hampshire and the Isle of Wight): ``data/``."""
    return project_root() / "data"


def national_dir() -> Path:
    """The national published data: ``data/national/``."""
    return data_dir() / "national"


def build_dir(root: Path | None = None) -> Path:
    """Where builds write by default: the project's ``_build/``, or ``_build/`` in the
    current folder when the project is the copy shipped in the installed package."""
    root = root or project_root()
    if root == shipped_dir():
        return Path.cwd() / "_build"
    return root / "_build"
