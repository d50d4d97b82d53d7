"""The documented schema of every table in a data pack.

One ``TableSpec`` per CSV file. Each column carries its meaning, unit, valid range and
(through the table) the report table or section its values come from. The pandera schema
that validates a file, and the data dictionary in ``data/dictionary.csv``, are both made
from these specs, so the documentation cannot drift from the checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandera.pandas as pa


@dataclass(frozen=True)
class ColumnSpec:
    """One column: its name, type, meaning, unit and the values it may take."""

    name: str
    kind: str  # "text", "int", "number" or "month" (YYYY-MM)
    meaning: str
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None
    allowed: tuple[str, ...] = ()
    nullable: bool = False

    @property
    def valid(self) -> str:
        """The valid values, in words, as the data dictionary and error messages say them."""
        if self.allowed:
            text = "one of " + ", ".join(self.allowed)
        elif self.kind == "month":
            text = "a month written YYYY-MM"
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
        return text + (" (may be left blank)" if self.nullable else "")

    @property
    def _noun(self) -> str:
        return {"int": "whole number", "number": "number"}.get(self.kind, "value")

    def pandera_column(self) -> pa.Column:
        checks = []
        if self.allowed:
            checks.append(pa.Check.isin(list(self.allowed)))
        if self.minimum is not None:
            checks.append(pa.Check.ge(self.minimum))
        if self.maximum is not None:
            checks.append(pa.Check.le(self.maximum))
        if self.kind == "month":
            checks.append(pa.Check.str_matches(r"^\d{4}-(0[1-9]|1[0-2])$"))
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


SOURCE = ColumnSpec(
    "source", "text", "Where the value comes from: the report's table or section, or a file"
)


@dataclass(frozen=True)
class TableSpec:
    """One CSV file of a data pack."""

    name: str  # file name without .csv
    chapter: str
    title: str
    source: str  # where the default pack's values come from
    columns: tuple[ColumnSpec, ...]
    key: tuple[str, ...]  # columns that identify a row: duplicates are errors
    notes: str = ""
    extra: tuple[str, ...] = field(default=())

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> ColumnSpec:
        return next(c for c in self.columns if c.name == name)

    def pandera_schema(self) -> pa.DataFrameSchema:
        return pa.DataFrameSchema(
            {c.name: c.pandera_column() for c in self.columns},
            strict=True,
            unique=list(self.key) or None,
            name=self.file_name,
            description=self.title,
        )


AUTHORITY = ColumnSpec("authority", "text", "Local authority the row is about")
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

TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in [
        TableSpec(
            "pa_posts",
            "pa",
            "PA posts in each authority's pilot",
            "Appendix 4 (PA pilot); Table 2",
            (AUTHORITY, ColumnSpec("posts", "int", "PA posts in the pilot", "posts", 0), SOURCE),
            key=("authority",),
        ),
        TableSpec(
            "pa_time_use",
            "pa",
            "How Child in Need social workers piloting PAs split their week, before and after",
            "PA findings (longitudinal interviews)",
            (
                ColumnSpec(
                    "activity",
                    "text",
                    "What the time was spent on",
                    allowed=("administration", "with_families"),
                ),
                ColumnSpec(
                    "period",
                    "text",
                    "Before the pilot, or after 9 months of it",
                    allowed=("before", "after"),
                ),
                SHARE_PCT,
                RESPONDENTS,
                SOURCE,
            ),
            key=("activity", "period"),
        ),
        TableSpec(
            "pa_time_for_families",
            "pa",
            "Social workers' view of whether they have enough time to spend with families",
            "PA findings (longitudinal interviews)",
            (
                ColumnSpec(
                    "group",
                    "text",
                    "Which social workers answered",
                    allowed=("pa_teams", "non_pa_teams", "all_teams"),
                ),
                ColumnSpec(
                    "period",
                    "text",
                    "Interview round",
                    allowed=("baseline", "interim", "final"),
                ),
                ColumnSpec(
                    "response",
                    "text",
                    "Answer given; quite_a_lot_or_very_much is used where only the two "
                    "together are known",
                    allowed=(
                        "very_much",
                        "quite_a_lot",
                        "quite_a_lot_or_very_much",
                        "not_very_much",
                    ),
                ),
                SHARE_PCT,
                RESPONDENTS,
                SOURCE,
            ),
            key=("group", "period", "response"),
        ),
        TableSpec(
            "pa_sickness",
            "pa",
            "Change in social worker sickness rates over the pilot",
            "PA findings",
            (
                AUTHORITY,
                ColumnSpec(
                    "teams",
                    "text",
                    "Teams piloting PAs, or all other teams",
                    allowed=("pa_pilot", "other"),
                ),
                ColumnSpec(
                    "change_pct",
                    "number",
                    "Change in the sickness rate over the pilot, as a percentage",
                    "%",
                    minimum=-100,
                ),
                SOURCE,
            ),
            key=("authority", "teams"),
        ),
        TableSpec(
            "pa_caseload_change",
            "pa",
            "Reported rise in social worker caseloads during the PA pilot",
            "PA findings; Appendix 4 (PA pilot)",
            (
                ColumnSpec(
                    "measure",
                    "text",
                    "Team caseloads (from team records) or individual caseloads (self-reported)",
                    allowed=("team", "individual"),
                ),
                ColumnSpec(
                    "change_pct",
                    "number",
                    "Change in caseloads as stated in the source, as a percentage",
                    "%",
                    minimum=-100,
                ),
                ColumnSpec("basis", "text", "How the change was measured"),
                SOURCE,
            ),
            key=("measure",),
        ),
        TableSpec(
            "theory_of_change",
            "all",
            "Each strand's theory of change, in brief",
            "Appendix 1 (Tables 2 to 7), summarised in the book's own words",
            (
                ColumnSpec("chapter", "text", "Chapter (strand) the row belongs to"),
                ColumnSpec("stage", "text", "Step of the theory of change"),
                ColumnSpec("statement", "text", "What the strand's plan says at that step"),
                SOURCE,
            ),
            key=("chapter", "stage"),
        ),
        TableSpec(
            "team_caseloads",
            "pa",
            "Children's social care team caseloads by month",
            "Table 15 (Hampshire Child in Need teams)",
            (
                AUTHORITY,
                ColumnSpec("team", "text", "Team name as the authority records it"),
                ColumnSpec("locality", "text", "Locality or district the team serves"),
                ColumnSpec("month", "month", "Month the caseload was counted"),
                ColumnSpec("caseload", "int", "Open cases held by the team", "cases", 0),
                SOURCE,
            ),
            key=("authority", "team", "month"),
        ),
    ]
}


def tables_for(chapter: str) -> list[TableSpec]:
    """The tables one chapter reads."""
    return [t for t in TABLES.values() if t.chapter in (chapter, "all")]


def dictionary_rows() -> list[dict[str, str]]:
    """The data dictionary: one row per column of every table."""
    rows = []
    for table in TABLES.values():
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
                    "source": table.source,
                }
            )
    return rows
