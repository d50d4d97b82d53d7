"""The assumptions log: every parameter of every chapter, its default, the value a
build used, and what it means (with its source, as the chapter's parameter comment says)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from evidencebook.analysis.parameters import RESERVED, SET_IN, chapter_parameters


def log(values: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """One row per parameter: name, chapters using it, type, default (the report's value
    where the report gives one; otherwise the book's, as its meaning says), value used,
    whether it was changed (and in which file, where the build says: ``values[SET_IN]``),
    and its meaning."""
    values = values or {}
    set_in = values.get(SET_IN) or {}
    rows: dict[str, dict[str, Any]] = {}
    for chapter, declared in chapter_parameters().items():
        for p in declared.values():
            if p.name in RESERVED:
                continue
            row = rows.setdefault(
                p.name,
                {
                    "parameter": p.name,
                    "chapters": [],
                    "type": p.type,
                    "default": p.default,
                    "value_used": values.get(p.name, p.default),
                    "meaning": p.help,
                },
            )
            row["chapters"].append(chapter)
    frame = pd.DataFrame(rows.values())
    frame["chapters"] = frame["chapters"].map(", ".join)
    frame["changed"] = [
        (f"yes, in {set_in[name]}" if name in set_in else "yes") if used != report else ""
        for name, used, report in zip(
            frame["parameter"], frame["value_used"], frame["default"], strict=True
        )
    ]
    return frame[["parameter", "chapters", "type", "default", "value_used", "changed", "meaning"]]
