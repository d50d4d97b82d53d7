"""What a pack covers: the tables a chapter needs that a pack lacks, the tables whose counts
it withholds, and the chapters that cannot show those withheld counts. The build leaves such
chapters out; the strand registry and the audit do the same."""

from __future__ import annotations

from pathlib import Path

from evidencebook.analysis.pack import checked_table, has_table, has_withheld
from evidencebook.analysis.schemas import all_tables, tables_for


def missing_tables(pack: Path, chapter: str) -> list[str]:
    """The tables a chapter needs that the pack does not have (or has no rows in); optional
    tables, and tables the book has from the national data, do not count."""
    return [
        t.file_name
        for t in tables_for(chapter)
        if not t.optional and not t.national_default and not has_table(pack, t)
    ]


def withheld_tables(pack: Path) -> set[str]:
    """Tables of a pack with any count withheld ("c")."""
    found = set()
    for spec in all_tables().values():
        if spec.disclosive_columns and has_table(pack, spec):
            if has_withheld(checked_table(pack, spec)):
                found.add(spec.name)
    return found


def cannot_withhold(chapter: str, withheld: set[str]) -> list[str]:
    """The tables with withheld counts that a chapter cannot show (it would be left out)."""
    return [
        t.file_name
        for t in tables_for(chapter)
        if t.name in withheld and chapter not in t.shows_withheld
    ]
