"""The documented schema of every table in a data pack.

One ``TableSpec`` per CSV file. Each column carries its meaning, unit, valid range and
(through the table) the report table or section its values come from. The pandera schema
that validates a file, and the data dictionary in ``data/dictionary.csv``, are both made
from these specs, so the documentation cannot drift from the checks.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:  # pandera is imported where a table is validated, not by every reader
    import pandera.pandas as pa


@dataclass(frozen=True)
class ColumnSpec:
    """One column: its name, type, meaning, unit and the values it may take."""

    name: str
    kind: str  # "text", "int", "number", "month" (YYYY-MM) or "quarter" (YYYY-Qn)
    meaning: str
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None
    allowed: tuple[str, ...] = ()
    nullable: bool = False
    #: A count of children, young people or families: it may be written "c" (withheld), and
    #: published outputs withhold it below the disclosure threshold (``--suppress-below``).
    disclosive: bool = False

    @property
    def valid(self) -> str:
        """The valid values, in words, as the data dictionary and error messages say them."""
        if self.allowed:
            text = "one of " + ", ".join(self.allowed)
        elif self.kind == "month":
            text = "a month, such as 2015-04, Apr 2015, 04/2015 or 01/04/2015"
        elif self.kind == "quarter":
            text = "a calendar quarter written YYYY-Qn, such as 2015-Q3"
        elif self.minimum is not None and self.maximum is not None:
            text = f"a {self._noun} from {self.minimum:g} to {self.maximum:g}"
        elif self.minimum is not None:
            text = f"a {self._noun} of at least {self.minimum:g}"
        elif self.maximum is not None:
            text = f"a {self._noun} of at most {self.maximum:g}"
        elif self.kind == "text":
            text = "text, not blank"
        else:
            text = f"a {self._noun}"
        if self.disclosive:
            text += ", or c where withheld"
        return text + (" (may be left blank)" if self.nullable else "")

    @property
    def _noun(self) -> str:
        return {"int": "whole number", "number": "number"}.get(self.kind, "value")

    def pandera_column(self) -> pa.Column:
        import pandera.pandas as pa

        checks = []
        if self.allowed:
            checks.append(pa.Check.isin(list(self.allowed)))
        if self.minimum is not None:
            checks.append(pa.Check.ge(self.minimum))
        if self.maximum is not None:
            checks.append(pa.Check.le(self.maximum))
        if self.kind == "month":
            checks.append(pa.Check.str_matches(r"^\d{4}-(0[1-9]|1[0-2])$"))
        if self.kind == "quarter":
            checks.append(pa.Check.str_matches(r"^\d{4}-Q[1-4]$"))
        if self.kind == "text" and not self.allowed:
            checks.append(pa.Check.str_length(min_value=1))
        dtype = {"int": "Int64", "number": "Float64"}.get(self.kind, "string")
        return pa.Column(
            dtype,
            checks=checks,
            nullable=self.nullable,
            required=True,
            description=self.meaning,
            metadata={"unit": self.unit, "valid": self.valid},
        )


@dataclass(frozen=True)
class KnownSum:
    """Rows of a table that a reader knows add up to a total, for disclosure control.

    Within each group of rows sharing the ``by`` columns, the rows add up to the group's
    total row (``total_rows``, e.g. ``{"age": "all ages"}``) or, with ``totals_known``, to
    a total published elsewhere. ``derive`` adds grouping columns worked out from the
    table (e.g. the financial year of a quarter), by name of a function in
    ``evidencebook.analysis.disclosure.DERIVED``.
    """

    by: tuple[str, ...] = ()
    total_rows: tuple[tuple[str, str], ...] = ()
    totals_known: bool = False
    derive: tuple[tuple[str, str, str], ...] = ()  # (new column, function name, from column)


SOURCE = ColumnSpec(
    "source", "text", "Where the value comes from: the report's table or section, or a file"
)


@dataclass(frozen=True)
class TableSpec:
    """One CSV file of a data pack."""

    name: str  # file name without .csv
    chapters: tuple[str, ...]  # chapters that read it; ("all",) for every chapter
    title: str
    source: str  # where the default pack's values come from
    columns: tuple[ColumnSpec, ...]
    key: tuple[str, ...]  # columns that identify a row: duplicates are errors
    notes: str = ""
    #: (part, whole) column pairs: a part may not be larger than its whole.
    not_more_than: tuple[tuple[str, str], ...] = ()
    #: (earlier, later) column pairs: a period may not end before it starts.
    in_order: tuple[tuple[str, str], ...] = ()
    #: A chapter still runs without this table (it says the data are not available).
    optional: bool = False
    #: Disclosure control: only rows whose column has one of these values hold counts of
    #: people (e.g. ``("measure", ("referred", "started"))``); all rows if not given.
    withhold_rows: tuple[str, tuple[str, ...]] | None = None
    #: Sums a reader knows, so a withheld count cannot be worked out by subtraction.
    known_sums: tuple[KnownSum, ...] = ()
    #: Chapters that show a withheld count of this table as "c" (and withhold what is worked
    #: out from it). Any other chapter reading it is left out of a book that withholds any
    #: of its counts, so a small count is never published by a chapter not made for it.
    shows_withheld: tuple[str, ...] = ()
    #: The book has this table from the national published data (``analysis.national``):
    #: a pack without it (or with no rows in it) uses the national one; a pack's own file
    #: overrides it and is validated as any other.
    national_default: bool = False

    @property
    def disclosive_columns(self) -> list[str]:
        return [c.name for c in self.columns if c.disclosive]

    def may_withhold(self, row: dict[str, object]) -> bool:
        """Whether a row (column -> value) holds counts of people that may be withheld."""
        if self.withhold_rows is None:
            return True
        column, values = self.withhold_rows
        return row.get(column) in values

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> ColumnSpec:
        return next(c for c in self.columns if c.name == name)

    def empty_frame(self) -> pd.DataFrame:
        """The table with its columns and types but no rows (an optional table left out)."""
        kinds = {"int": "Int64", "number": "Float64"}
        return pd.DataFrame(
            {c.name: pd.Series(dtype=kinds.get(c.kind, "string")) for c in self.columns}
        )

    def pandera_schema(self) -> pa.DataFrameSchema:
        """The pandera schema that validates the table (made once for each spec: read it,
        never change it)."""
        return _pandera_schema(self)


@functools.cache
def _pandera_schema(spec: TableSpec) -> pa.DataFrameSchema:
    import pandera.pandas as pa

    return pa.DataFrameSchema(
        {c.name: c.pandera_column() for c in spec.columns},
        strict=True,
        unique=list(spec.key) or None,
        name=spec.file_name,
        description=spec.title,
    )


AUTHORITY = ColumnSpec("authority", "text", "Local authority the row is about")


def target_columns(*measures: str) -> tuple[ColumnSpec, ...]:
    """The columns of a strand's targets table: each of ``measures`` a pilot aimed to
    reduce, by how much (a percentage, blank where no size was set), and the source."""
    return (
        ColumnSpec("measure", "text", "What was to fall", allowed=measures),
        ColumnSpec(
            "target_reduction_pct",
            "number",
            "Targeted reduction, as a percentage; blank where no size was set",
            "%",
            0,
            100,
            nullable=True,
        ),
        SOURCE,
    )


SHARE_PCT = ColumnSpec(
    "share_pct",
    "number",
    "Share of respondents or of time, as a percentage (36 means 36%; '36%' is also read)",
    unit="%",
    minimum=0,
    maximum=100,
)
RESPONDENTS = ColumnSpec(
    "respondents",
    "int",
    "How many people the percentage is a share of (the base, n); blank where not stated",
    unit="people",
    minimum=1,
    nullable=True,
)


def all_tables() -> dict[str, TableSpec]:
    """Every table of a pack: the ``TABLES`` of each chapter's ``tables`` module and of the
    shared ones (see ``evidencebook.analysis.tables``)."""
    from evidencebook.analysis.tables import registry

    return registry()


def tables_for(chapter: str) -> list[TableSpec]:
    """The tables one chapter reads."""
    return [t for t in all_tables().values() if chapter in t.chapters or "all" in t.chapters]


def dictionary_rows() -> list[dict[str, str]]:
    """The data dictionary: one row per column of every table."""
    rows = []
    for table in all_tables().values():
        for col in table.columns:
            rows.append(
                {
                    "file": table.file_name,
                    "table": table.title,
                    "column": col.name,
                    "meaning": col.meaning,
                    "unit": col.unit,
                    "valid": col.valid,
                    "key": "yes" if col.name in table.key else "",
                    "table_needed": _needed(table),
                    "withheld_below_threshold": _withheld_note(table, col),
                    "source": table.source,
                }
            )
    return rows + national_dictionary_rows()


def national_dictionary_rows() -> list[dict[str, str]]:
    """The data dictionary's rows for the national published statistics every build reads
    (``evidencebook.analysis.national``): one per measure, with each source file's publication,
    repository, commit and path (from ``data/national/sources.csv``)."""
    from evidencebook.analysis.national import MEASURES, sources

    files = sources().set_index("id")
    rows = []
    for measure in MEASURES.values():
        cited = []
        for source_id in measure.sources:
            if source_id in files.index:
                f = files.loc[source_id]
                cited.append(f"{f['publication']} ({f['repository']} @ {f['commit']}, {f['path']})")
        rows.append(
            {
                "file": "data/national/",
                "table": "National published statistics for every English authority "
                "(evidencebook.analysis.national.measures: one row per area, year and measure)",
                "column": measure.id,
                "meaning": f"{measure.label}. Year: {measure.reference}",
                "unit": measure.unit,
                "valid": "a number; or withheld (c), low (k, low, ~) or not available "
                "(x, z, u, :, ..), never read as nought",
                "key": "",
                "table_needed": "no: national data, read by every build",
                "withheld_below_threshold": "",
                "source": "; ".join(dict.fromkeys(cited)),
            }
        )
    return rows


def _needed(table: TableSpec) -> str:
    """For the data dictionary: whether a pack must have the table."""
    if table.national_default:
        return "no: the national table is used unless the pack has its own"
    return "optional" if table.optional else "yes"


def _withheld_note(table: TableSpec, col: ColumnSpec) -> str:
    """For the data dictionary: whether a column's small counts are withheld when published."""
    if not col.disclosive:
        return ""
    if table.withhold_rows is None:
        return "yes"
    column, values = table.withhold_rows
    return f"yes, where {column} is " + " or ".join(values)
