"""Tables the programme overview chapter reads: the programme, its setting and the evaluation
(Overview of the Programme, Overview of the Evaluation, Table 1 and Appendix 6).

Text columns are the book's own summaries of the report, not its wording.
"""

from evidencebook.analysis.schemas import AUTHORITY, SOURCE, ColumnSpec, KnownSum, TableSpec

CHAPTERS = ("overview",)

TABLES = [
    TableSpec(
        "programme_elements",
        CHAPTERS,
        "The elements of the innovation programme",
        "Overview of the Programme, summarised in the book's own words",
        (
            ColumnSpec("element", "text", "Short name of the element"),
            ColumnSpec("offer", "text", "What the element offered, and to whom"),
            SOURCE,
        ),
        key=("element",),
    ),
    TableSpec(
        "authority_context",
        CHAPTERS,
        "The authorities that ran the programme",
        "Overview of the Programme (the context)",
        (
            AUTHORITY,
            ColumnSpec(
                "population", "int", "Resident population, approximately", "people", minimum=1
            ),
            SOURCE,
        ),
        key=("authority",),
    ),
    TableSpec(
        "programme_timescale",
        CHAPTERS,
        "How quickly the programme had to be running and to show results",
        "Overview of the Programme (the context; what changed)",
        (
            ColumnSpec(
                "step",
                "text",
                "Which deadline or duration",
                allowed=("running_after_bid", "impact_after_running", "pilot_posts"),
            ),
            ColumnSpec("meaning", "text", "What the step means, in words"),
            ColumnSpec("months", "int", "Length in months", "months", minimum=1, maximum=120),
            SOURCE,
        ),
        key=("step",),
    ),
    TableSpec(
        "programme_timeline",
        CHAPTERS,
        "When the programme and its evaluation happened",
        "Executive Summary; Overview of the Evaluation (Table 1); Appendix 3",
        (
            ColumnSpec("event", "text", "What happened"),
            ColumnSpec(
                "kind",
                "text",
                "Whether the event belongs to the programme or to its evaluation",
                allowed=("programme", "evaluation"),
            ),
            ColumnSpec("first_month", "month", "First month of the event"),
            ColumnSpec("last_month", "month", "Last month of the event"),
            SOURCE,
        ),
        key=("event",),
        in_order=(("first_month", "last_month"),),
    ),
    TableSpec(
        "evaluation_activities",
        CHAPTERS,
        "What the evaluators did, and when",
        "Table 1, summarised in the book's own words",
        (
            ColumnSpec("activity", "text", "Evaluation activity"),
            ColumnSpec("detail", "text", "What it involved"),
            ColumnSpec("time_frame", "text", "When it took place"),
            SOURCE,
        ),
        key=("activity",),
    ),
    TableSpec(
        "evaluation_sample",
        CHAPTERS,
        "How many case files, families and staff the evaluation drew on",
        "Table 1; Executive Summary; Appendix 6",
        (
            ColumnSpec(
                "sample",
                "text",
                "What was counted",
                allowed=("case_files", "families", "staff"),
            ),
            ColumnSpec(
                "stage",
                "text",
                "Evaluation stage: baseline, interim or final; any_stage for everyone taking "
                "part at least once; every_stage for those taking part at every stage",
                allowed=("baseline", "interim", "final", "any_stage", "every_stage"),
            ),
            ColumnSpec(
                "strand",
                "text",
                "Strand the files mainly relate to; all for the whole sample",
                allowed=("all", "pa", "fit", "volunteers", "edge", "willow", "surgeries"),
            ),
            ColumnSpec(
                "count",
                "int",
                "How many",
                "files, families or people",
                minimum=0,
                disclosive=True,
            ),
            SOURCE,
        ),
        key=("sample", "stage", "strand"),
        withhold_rows=("sample", ("case_files", "families")),
        # the case files of a stage by strand add up to the stage's files for all strands
        # (the overview says so), so one withheld strand could be worked out from the rest
        known_sums=(KnownSum(by=("sample", "stage"), total_rows=(("strand", "all"),)),),
        shows_withheld=("overview",),
    ),
    TableSpec(
        "evaluation_questions",
        CHAPTERS,
        "The questions the evaluation set out to answer",
        "Overview of the Evaluation (evaluation questions), summarised in the book's own words",
        (
            ColumnSpec("strand", "text", "Strand the question is about; all for the programme"),
            ColumnSpec("question", "text", "The question, in brief"),
            SOURCE,
        ),
        key=("strand",),
    ),
]
