"""Shared test settings and fixtures."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: Output types nbval must not compare: charts and HTML carry ids and layout noise.
NBVAL_SKIP = ("application/vnd.plotly.v1+json", "text/html")


def pytest_collection_modifyitems(items):
    """Extend nbval's comparison skip list so only the plain-text results are compared."""
    for item in items:
        parent = getattr(item, "parent", None)
        skip = getattr(parent, "skip_compare", None)
        if skip is not None and not set(NBVAL_SKIP) <= set(skip):
            parent.skip_compare = tuple(skip) + NBVAL_SKIP


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Path:
    """The whole book built from the default pack, strictly, into a temporary folder."""
    from evidencebook import build

    out = tmp_path_factory.mktemp("book") / "html"
    work = ROOT / "_build" / "test-work"
    if os.environ.get("CI"):
        shutil.rmtree(work, ignore_errors=True)  # CI proves a cold build
    build.build(out_dir=out, work_dir=work)
    return out
