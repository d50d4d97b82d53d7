"""Errors raised by evidencebook. Every error the user can cause derives from one root."""

from __future__ import annotations

import reprlib
from dataclasses import dataclass

#: The most characters of a value read from a user's file that a message shows.
EXCERPT = 60

_REPR = reprlib.Repr()
_REPR.maxstring = EXCERPT
_REPR.maxother = EXCERPT


def shown(value: object) -> str:
    """A value read from a user's file, as an error message may show it.

    Written as Python writes a value (quoted text, ``repr``), so every control character
    (tab, newline, bell, escape, C1 controls, bidirectional overrides...) appears as an
    escape such as ``\\x1b`` and can never drive the terminal; and cut to ``EXCERPT``
    characters, with "…" and the full length, so one huge cell cannot flood the screen.
    Lists and mappings (from YAML) are shortened the same way without being walked whole.
    """
    if isinstance(value, str):
        if len(value) <= EXCERPT:
            return repr(value)
        return f"{value[:EXCERPT]!r}… ({len(value):,} characters)"
    text = _REPR.repr(value)
    return text if len(text) <= EXCERPT else text[:EXCERPT] + "…"


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
            where += f", column {shown(self.column)}"
        found = "" if self.value is None else f": found {shown(self.value)}"
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
