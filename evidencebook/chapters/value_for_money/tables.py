"""Tables the value-for-money comparison reads (besides every strand's own tables)."""

from evidencebook.analysis.schemas import SOURCE, ColumnSpec, TableSpec

STRENGTHS = ("strong", "moderate", "limited", "emerging", "none")

TABLES = [
    TableSpec(
        "vfm_strands",
        ("value_for_money",),
        "What each strand's unit cost buys, and the evidence of benefit",
        "Each strand's findings and cost-effectiveness sections; Appendix 4",
        (
            ColumnSpec("chapter", "text", "The strand's chapter"),
            ColumnSpec("unit", "text", "What one unit of the strand's cost buys"),
            ColumnSpec("benefit_evidence", "text", "The evidence of benefit, in brief"),
            ColumnSpec(
                "evidence_strength",
                "text",
                "How strong that evidence is: strong (a comparison group or repeated measures "
                "with adequate samples), moderate (consistent measures before and after, small "
                "samples), emerging (positive but descriptive), limited (model not delivered as "
                "planned), none (no benefit found)",
                allowed=STRENGTHS,
            ),
            ColumnSpec("report_judgement", "text", "The evaluators' own judgement"),
            SOURCE,
        ),
        key=("chapter",),
    ),
    TableSpec(
        "recommendations",
        ("value_for_money",),
        "The report's recommendations, and what it says should be explored next",
        "Implications and recommendations for policy and practice",
        (
            ColumnSpec(
                "kind",
                "text",
                "A recommendation, or a question to explore next",
                allowed=("recommendation", "explore_next"),
            ),
            ColumnSpec("chapter", "text", "The strand it is about"),
            ColumnSpec("text", "text", "The recommendation, in the book's own words"),
            SOURCE,
        ),
        key=("kind", "chapter", "text"),
    ),
]
