"""The audit chapter's parameters, declared once (the notebook's parameters cell is
generated from this)."""

from __future__ import annotations

from dataclasses import dataclass

from evidencebook.analysis.chapter import ChapterParameters, param


@dataclass(frozen=True)
class Parameters(ChapterParameters):
    parameters_json: str = param(
        "{}",
        "Set by the build: every chapter's parameter values as JSON, so the audit recomputes "
        "with the same assumptions as the chapters",
    )
