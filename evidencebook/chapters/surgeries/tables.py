"""Tables the social worker surgeries chapter reads."""

from evidencebook.analysis.schemas import SOURCE, ColumnSpec, TableSpec, target_columns

TABLES = [
    TableSpec(
        "sws_targets",
        ("surgeries",),
        "The reductions the social worker surgery pilot aimed for",
        "Table 7; SWS findings",
        target_columns("contacts", "referrals", "assessments", "children_in_need"),
        key=("measure",),
    ),
    TableSpec(
        "sws_schools",
        ("surgeries",),
        "The two schools the surgery pilot was delivered in",
        "SWS findings",
        (
            ColumnSpec(
                "school",
                "text",
                "Which school",
                allowed=("additional_needs", "mainstream_secondary"),
            ),
            ColumnSpec("pupils_low", "int", "Pupils, lower end of the stated range", "pupils", 0),
            ColumnSpec(
                "pupils_high", "int", "Pupils, upper end (same as low if one figure)", "pupils", 0
            ),
            ColumnSpec("description", "text", "The school as the source describes it"),
            SOURCE,
        ),
        key=("school",),
        in_order=(("pupils_low", "pupils_high"),),
    ),
]
