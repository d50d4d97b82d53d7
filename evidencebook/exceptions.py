"""Errors raised by evidencebook. Every error the user can cause derives from one root."""

from __future__ import annotations

from dataclasses import dataclass


class EvidenceBookError(Exception):
    """Root of every error evidencebook raises on purpose (bad data, bad parameters...)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where it is, what was found and what was expected."""

    file: str
    row: int | None
    column: str | None
    value: object
    expected: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column '{self.column}'"
        found = "" if self.value is None else f": found {self.value!r}"
        return f"{where}{found}; expected {self.expected}"


class ProblemsError(EvidenceBookError):
    """Raised with every problem found at once, so the user can fix them in one pass."""

    kind = "input"

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} {self.kind} problem(s):\n{lines}")


class DataError(ProblemsError):
    """The data pack does not match its documented schema."""

    kind = "data"


class ParameterError(ProblemsError):
    """A parameter is unknown to every chapter, or has the wrong type."""

    kind = "parameter"


class BuildError(EvidenceBookError):
    """Executing a chapter or building the book failed."""
