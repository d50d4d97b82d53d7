"""Tables the Willow team (child sexual exploitation) chapter reads."""

from evidencebook.analysis.schemas import SOURCE, ColumnSpec, TableSpec

TABLES = [
    TableSpec(
        "cse_team_makeup",
        ("willow",),
        "Who the Willow team was planned to have, and who it had",
        "Table 6 (planned); CSE findings (in post); Table 25 (what the costs leave out)",
        (
            ColumnSpec("role", "text", "Role in the team"),
            ColumnSpec(
                "planned",
                "int",
                "Posts planned in the theory of change; blank where none were named",
                "posts",
                0,
                nullable=True,
            ),
            ColumnSpec(
                "in_post",
                "int",
                "Members in the team as the findings describe it; blank where not stated",
                "posts",
                0,
                nullable=True,
            ),
            ColumnSpec(
                "employer",
                "text",
                "Who pays for the post: the council, or a partner agency",
                allowed=("council", "partner"),
            ),
            SOURCE,
        ),
        key=("role",),
    ),
    TableSpec(
        "cse_caseload",
        ("willow",),
        "The Willow team's caseloads",
        "CSE findings (the team's activity data)",
        (
            ColumnSpec(
                "measure",
                "text",
                "Children held by each worker at any one time (not the team manager); "
                "children subject to a Child Protection investigation each month, for the team "
                "and per social worker",
                allowed=(
                    "children_per_worker",
                    "cp_investigations_per_month",
                    "cp_investigations_per_social_worker",
                ),
            ),
            ColumnSpec("low", "int", "Lower end of the range (or the value)", "children", 0),
            ColumnSpec("high", "int", "Upper end of the range (or the value)", "children", 0),
            SOURCE,
        ),
        key=("measure",),
        in_order=(("low", "high"),),
    ),
    TableSpec(
        "cse_survey",
        ("willow",),
        "Professionals' ratings of the Willow team in an online survey about 8 months in",
        "CSE findings",
        (
            ColumnSpec(
                "question",
                "text",
                "What was rated: the advice and consultation, or the service overall",
                allowed=("advice_and_consultation", "service_overall"),
            ),
            ColumnSpec(
                "good_or_very_good",
                "int",
                "Respondents rating it good or very good",
                "people",
                0,
            ),
            ColumnSpec("respondents", "int", "Respondents answering (the base, n)", "people", 1),
            SOURCE,
        ),
        key=("question",),
        not_more_than=(("good_or_very_good", "respondents"),),
    ),
    TableSpec(
        "cse_samples",
        ("willow",),
        "The evidence behind the Willow findings: case files read and families interviewed",
        "CSE findings; Table 1",
        (
            ColumnSpec(
                "sample",
                "text",
                "Case files analysed, or family interviews by who took part",
                allowed=(
                    "case_files",
                    "interview_young_person_and_carer",
                    "interview_carer_only",
                    "interview_young_person_only",
                ),
            ),
            ColumnSpec("count", "int", "Case files or families", "", 0, disclosive=True),
            SOURCE,
        ),
        key=("sample",),
        shows_withheld=("willow",),
    ),
    TableSpec(
        "cse_missing_change",
        ("willow",),
        "Change in the number of children reported missing, as the CSE findings state it",
        "CSE findings",
        (
            ColumnSpec("period_from", "text", "The earlier period compared"),
            ColumnSpec("period_to", "text", "The later period compared"),
            ColumnSpec("change_pct", "number", "Change, as a percentage", "%", minimum=-100),
            SOURCE,
        ),
        key=("period_from", "period_to"),
    ),
]
