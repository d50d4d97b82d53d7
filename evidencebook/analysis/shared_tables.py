"""Tables every chapter may read."""

from evidencebook.analysis.schemas import SOURCE, ColumnSpec, TableSpec

TABLES = [
    TableSpec(
        "theory_of_change",
        ("all",),
        "Each strand's theory of change, in brief",
        "Appendix 1 (Tables 2 to 7), summarised in the book's own words",
        (
            ColumnSpec("chapter", "text", "Chapter (strand) the row belongs to"),
            ColumnSpec("stage", "text", "Step of the theory of change"),
            ColumnSpec("statement", "text", "What the strand's plan says at that step"),
            SOURCE,
        ),
        key=("chapter", "stage"),
        optional=True,
    ),
]
