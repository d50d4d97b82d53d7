"""Tables the PA chapter reads."""

from evidencebook.analysis.schemas import (
    AUTHORITY,
    RESPONDENTS,
    SHARE_PCT,
    SOURCE,
    ColumnSpec,
    TableSpec,
)

TABLES = [
    TableSpec(
        "pa_posts",
        ("pa",),
        "PA posts in each authority's pilot",
        "Appendix 4 (PA pilot); Table 2",
        (AUTHORITY, ColumnSpec("posts", "int", "PA posts in the pilot", "posts", 0), SOURCE),
        key=("authority",),
    ),
    TableSpec(
        "pa_time_use",
        ("pa",),
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
        ("pa",),
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
        ("pa",),
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
        optional=True,
    ),
    TableSpec(
        "pa_caseload_change",
        ("pa",),
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
        optional=True,
    ),
    TableSpec(
        "team_caseloads",
        ("pa", "trends"),
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
