"""The value-for-money chapter's parameters, declared once (the notebook's parameters cell is
generated from this)."""

from __future__ import annotations

from dataclasses import dataclass

from evidencebook.analysis.chapter import ChapterParameters, param


@dataclass(frozen=True)
class Parameters(ChapterParameters):
    parameters_json: str = param(
        "{}",
        "Set by the build: every chapter's parameter values as JSON, so this comparison uses "
        "the same assumptions as the chapters",
    )
