"""Packaging: everything is declared in pyproject.toml except one step, done here.

A wheel carries a copy of the project's files that the package reads -- the book's sources
and configuration, and the default data pack (``evidencebook.paths.PROJECT_FILES``) -- as
package data in ``evidencebook/_project/``, so that an installed package builds and
validates books without a checkout. An editable install (``pip install -e .``) reads them
from the checkout instead, and copies nothing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
# As evidencebook.paths.PROJECT_FILES and SHIPPED (not imported: the build must not need
# the package's dependencies); tests/test_packaging.py checks the two agree.
PROJECT_FILES = ("_config.yml", "_toc.yml", "book", "_static", "notebooks", "data")
SHIPPED = "_project"
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints", ".DS_Store")


class BuildPyWithProject(build_py):
    """``build_py`` that also copies ``PROJECT_FILES`` into the built package."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "evidencebook" / SHIPPED
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        for name in PROJECT_FILES:
            source = HERE / name
            if source.is_dir():
                shutil.copytree(source, target / name, ignore=SKIP)
            else:
                shutil.copy2(source, target / name)


setup(cmdclass={"build_py": BuildPyWithProject})
