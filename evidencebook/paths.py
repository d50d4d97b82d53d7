"""Where the project's own files are: the one place the package looks for them.

The book's sources (``notebooks/``, ``book/``, ``_config.yml``, ``_toc.yml``), the default
data pack (``data/``) and the national published data (``data/national/``) sit in the
project folder beside the package. Build output goes under its ``_build/``.
"""

from __future__ import annotations

from pathlib import Path


def project_root() -> Path:
    """The project folder: the one holding the package, ``notebooks/`` and ``data/``."""
    return Path(__file__).resolve().parents[1]


def data_dir() -> Path:
    """The default data pack (Hampshire and the Isle of Wight): ``data/``."""
    return project_root() / "data"


def national_dir() -> Path:
    """The national published data: ``data/national/``."""
    return data_dir() / "national"


def build_dir() -> Path:
    """Where builds write by default: ``_build/``."""
    return project_root() / "_build"


def package_dir() -> Path:
    """The package's own folder (its code and templates)."""
    return Path(__file__).resolve().parent
