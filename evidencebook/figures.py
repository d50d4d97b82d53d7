"""Figures in the text: glued from computed values, and compared with the report's own.

Each figure a chapter states is computed and glued (myst-nb ``glue``) under the id of its
row in ``data/reference_figures.csv`` with dots turned into underscores, so the prose never
carries a typed number.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from .pack import WITHHELD, default_pack_dir

REFERENCE_FILE = "reference_figures.csv"


def glue_key(figure_id: str) -> str:
    """The glue key for a reference id: ``pa.on_cost`` becomes ``pa_on_cost``."""
    return figure_id.replace(".", "_")


def plain(value: object) -> object:
    """A plain Python number (numpy and pandas scalars repr badly in glued text); a figure
    that is not available because a count it needs is withheld becomes "c"."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return WITHHELD
    value = value.item() if hasattr(value, "item") else value
    if isinstance(value, float) and math.isnan(value):
        return WITHHELD
    return value


def glue_figures(figures: Mapping[str, object]) -> None:
    """Glue every figure under its key, without displaying it in the cell. A figure worked
    out from a withheld count is not available, and is glued (and shown) as "c"."""
    from myst_nb import glue

    for figure_id, value in figures.items():
        glue(glue_key(figure_id), plain(value), display=False)


def reference_figures(path: str | Path | None = None) -> pd.DataFrame:
    """The figures the report states, one per row (id, chapter, what, value, unit, ...)."""
    path = Path(path) if path else default_pack_dir() / REFERENCE_FILE
    return pd.read_csv(path, dtype={"value": str})


def reference_ids(chapter: str, path: str | Path | None = None) -> list[str]:
    """Ids of the report's figures for one chapter, e.g. every ``pa.*`` row."""
    ref = reference_figures(path)
    return ref.loc[ref["id"].str.startswith(f"{chapter}."), "id"].tolist()


def compare(figures: Mapping[str, float], chapter: str) -> pd.DataFrame:
    """The report's stated value beside the book's, for each figure of a chapter (a book
    figure worked out from a withheld count is "c"; one the chapter lacks is None)."""
    ref = reference_figures()
    ref = ref[ref["id"].str.startswith(f"{chapter}.")]
    rows = []
    for rec in ref.to_dict("records"):
        rows.append(
            {
                "id": rec["id"],
                "what": rec["what"],
                "unit": rec["unit"],
                "report": rec["value"],
                "book": plain(figures[rec["id"]]) if rec["id"] in figures else None,
                "where": rec["stated_in"],
                "kind": rec["kind"],
            }
        )
    return pd.DataFrame(rows)
