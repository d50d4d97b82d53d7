"""Tables the arithmetic audit reads: the report's own figures and notes on its arithmetic.

Both describe the published report, not an authority, so only the default pack has them;
a council's pack leaves the audit chapter out of its book.
"""

from evidencebook.analysis.schemas import ColumnSpec, TableSpec
from evidencebook.chapters.audit.model import NOTE_GRADES

TABLES = [
    TableSpec(
        "reference_figures",
        ("audit", "value_for_money"),
        "Every figure the report states, with where it is stated",
        "The whole report (DFE-RR587)",
        (
            ColumnSpec("id", "text", "Figure id: chapter prefix, a dot and a name"),
            ColumnSpec("chapter", "text", "Chapter the figure belongs to"),
            ColumnSpec("what", "text", "What the figure is"),
            ColumnSpec(
                "value",
                "text",
                "The value as the report prints it (a number, a range such as 11-30, a "
                "fraction such as 8/12, a list separated by semicolons, or a side of a "
                "number such as over 160 where the report gives no more)",
            ),
            ColumnSpec("unit", "text", "Unit of the value", nullable=True),
            ColumnSpec("stated_in", "text", "Where the report states it (table or section)"),
            ColumnSpec(
                "kind",
                "text",
                "input: data the report gives; derived: the report worked it out from other "
                "figures; finding: a survey or case-file result",
                allowed=("input", "derived", "finding"),
            ),
        ),
        key=("id",),
    ),
    TableSpec(
        "audit_notes",
        ("audit",),
        "Why a figure the report prints differs from the one its inputs give, and its grade",
        "The book's own reading of the report's arithmetic",
        (
            ColumnSpec("id", "text", "Figure id, as in reference_figures.csv"),
            ColumnSpec("note", "text", "One line on what the report appears to have done"),
            ColumnSpec(
                "grade",
                "text",
                "The grade this reading gives, where the arithmetic alone cannot show it (a "
                "unit or period error, say); empty to leave the arithmetic's grade",
                nullable=True,
                allowed=NOTE_GRADES,
            ),
            ColumnSpec("source", "text", "Where the explanation comes from"),
        ),
        key=("id",),
    ),
]
