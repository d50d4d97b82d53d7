"""The assumptions log: every chapter's parameters, with the values this copy of the book
used, their meaning and source (:func:`.model.log`)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from evidencebook.analysis import pack
from evidencebook.analysis.chapter import ChapterResult
from evidencebook.chapters.assumptions import model
from evidencebook.chapters.assumptions.parameters import Parameters

__all__ = ["Parameters", "compute", "load"]


def load(data_dir: str | Path | None = "") -> dict[str, pd.DataFrame]:
    """Checks the pack as for any chapter (the log itself reads no table)."""
    return pack.load_chapter("assumptions", data_dir or None)


def changed_text(table: pd.DataFrame) -> str:
    """How many assumptions this copy changes from their defaults."""
    changed = int((table["changed"] == "yes").sum())
    if changed:
        return (
            f"This copy of the book changes {changed} of the {len(table)} assumptions from "
            "their defaults; they are marked in the table."
        )
    return f"This copy of the book uses the default for all {len(table)} assumptions."


def compute(tables: dict[str, pd.DataFrame], params: Parameters) -> ChapterResult:
    result = ChapterResult("assumptions")
    table = model.log(json.loads(params.parameters_json))
    result.add_text("changed", changed_text(table))
    result.add_table("log", table, download="assumptions", na_rep="")
    result.add_text("key_log", table[["parameter", "type", "default"]].to_string(index=False))
    return result
