"""Tables the edge of care chapter reads (it also reads ``looked_after_starts_quarterly``,
Tables 12 and 14)."""

from evidencebook.analysis.schemas import SHARE_PCT, SOURCE, ColumnSpec, KnownSum, TableSpec

#: Measures of edge_counts that count young people (the others count teams and caseloads).
PEOPLE_MEASURES = (
    "referred",
    "started",
    "entered_care",
    "eet_improved",
    "mentor_requested",
    "mentor_matched",
)

TABLES = [
    TableSpec(
        "edge_counts",
        ("edge",),
        "Edge of care programme: referrals, starts, teams, caseloads and counted outcomes",
        "Edge of care findings",
        (
            ColumnSpec(
                "measure",
                "text",
                "What is counted: young people referred, started, started then entered care, "
                "self-reporting better engagement in education, employment or training; "
                "mentor requests and matches; teams; caseload range per edge worker",
                allowed=(*PEOPLE_MEASURES, "teams", "caseload_low", "caseload_high"),
            ),
            ColumnSpec("count", "int", "The count", minimum=0, disclosive=True),
            ColumnSpec(
                "period_from",
                "month",
                "First month of the period counted; blank if not stated",
                nullable=True,
            ),
            ColumnSpec(
                "period_to",
                "month",
                "Last month of the period counted; blank if not stated",
                nullable=True,
            ),
            SOURCE,
        ),
        key=("measure",),
        in_order=(("period_from", "period_to"),),
        notes="Annual rates and shares are recomputed from the counts and periods.",
        withhold_rows=("measure", PEOPLE_MEASURES),
        shows_withheld=("edge",),
    ),
    TableSpec(
        "edge_cohort",
        ("edge",),
        "Characteristics of the young people who started the edge of care programme",
        "Edge of care findings (key characteristics of the cohort)",
        (
            ColumnSpec(
                "group",
                "text",
                "Kind of characteristic",
                allowed=("sex", "age", "young_person", "family"),
            ),
            ColumnSpec("item", "text", "Short code for the characteristic"),
            ColumnSpec("label", "text", "The characteristic in words"),
            SHARE_PCT,
            ColumnSpec(
                "share_pct_high",
                "number",
                "Top of the range where the source gives a range (17-25%); blank otherwise",
                "%",
                minimum=0,
                maximum=100,
                nullable=True,
            ),
            SOURCE,
        ),
        key=("item",),
        in_order=(("share_pct", "share_pct_high"),),
    ),
    TableSpec(
        "edge_engagement",
        ("edge",),
        "How young people engaged with the programme and its activities",
        "Edge of care findings (engagement and quality)",
        (
            ColumnSpec(
                "measure",
                "text",
                "engaged_well, disengaged (soon after starting), never_engaged (of the whole "
                "cohort), activity_usage (places used), activity_completed",
                allowed=(
                    "engaged_well",
                    "disengaged",
                    "never_engaged",
                    "activity_usage",
                    "activity_completed",
                ),
            ),
            SHARE_PCT,
            SOURCE,
        ),
        key=("measure",),
        notes="The report gives these percentages without their bases.",
    ),
    TableSpec(
        "edge_case_files",
        ("edge",),
        "Evaluators' judgements on a random sample of edge of care case files",
        "Edge of care findings (case file analysis)",
        (
            ColumnSpec(
                "question",
                "text",
                "What was judged: how close to care the young person was, or the short-term "
                "outcome",
                allowed=("imminent_risk", "short_term_outcome"),
            ),
            ColumnSpec("judgement", "text", "Short code for the judgement"),
            ColumnSpec("label", "text", "The judgement in words"),
            ColumnSpec("cases", "int", "Case files judged so", "cases", minimum=0, disclosive=True),
            SOURCE,
        ),
        key=("question", "judgement"),
        notes="The sample size is recomputed as the cases for a question added together.",
        # every question's judgements add up to the same sample of case files
        known_sums=(KnownSum(by=("question",), totals_known=True),),
        shows_withheld=("edge",),
    ),
    TableSpec(
        "edge_cla_change",
        ("edge",),
        "Rise in Hampshire children becoming looked after, as the edge findings state it",
        "Edge of care findings (impact)",
        (
            ColumnSpec(
                "ages", "text", "Age group the rise is about", allowed=("14-18", "all ages")
            ),
            ColumnSpec("change_pct", "number", "Stated change, as a percentage", "%", minimum=-100),
            ColumnSpec("basis", "text", "The period the source says the change is over"),
            SOURCE,
        ),
        key=("ages",),
    ),
]
