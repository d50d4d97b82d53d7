"""Tables the comparison chapter reads: only the council's own figures, which win over the
published ones where given (the published statistics themselves are national data, read by
``evidencebook.analysis.national``, not pack tables)."""

from evidencebook.analysis.national.measures import MEASURES
from evidencebook.analysis.schemas import SOURCE, ColumnSpec, TableSpec

TABLES = [
    TableSpec(
        "authority_figures",
        ("compare",),
        "The council's own figures for measures DfE publishes: more recent, or local, ones "
        "that the comparison uses in place of the published figure for that year",
        "The council's own records (none in the default pack)",
        (
            ColumnSpec(
                "measure",
                "text",
                "Which published measure the figure stands for (as in data/national/README.md)",
                allowed=tuple(MEASURES),
            ),
            ColumnSpec(
                "year",
                "int",
                "The year the figure is for, as the published measure counts it (the year "
                "ending 31 March; for the workforce the year to 30 September; for spending the "
                "financial year ending in March)",
                "year",
                2010,
            ),
            ColumnSpec("value", "number", "The council's figure, in the measure's unit", "", 0),
            SOURCE,
        ),
        key=("measure", "year"),
        optional=True,
    ),
]
