"""Tables the Family Intervention Team (FIT) chapter reads."""

from evidencebook.analysis.schemas import AUTHORITY, SOURCE, ColumnSpec, TableSpec, target_columns

#: Workers of each kind in one team of a given make-up.
_WORKERS = tuple(
    ColumnSpec(
        f"{kind}_workers", "int", f"{label} workers in one team of this make-up", "workers", 0
    )
    for kind, label in (
        ("da", "Domestic abuse"),
        ("sm", "Substance misuse"),
        ("mh", "Mental health"),
    )
)

TABLES = [
    TableSpec(
        "fit_families",
        ("fit",),
        "Families who took part in the FIT pilot in its most operational period",
        "FIT findings",
        (
            AUTHORITY,
            ColumnSpec(
                "families",
                "int",
                "Families who took part in some way",
                "families",
                0,
                disclosive=True,
            ),
            ColumnSpec("period_start", "month", "First month of the period counted"),
            ColumnSpec("period_end", "month", "Last month of the period counted"),
            SOURCE,
        ),
        key=("authority",),
        in_order=(("period_start", "period_end"),),
        shows_withheld=("fit",),
    ),
    TableSpec(
        "fit_samples",
        ("fit",),
        "Case files the evaluators read for the baseline and for the FIT pilot",
        "Table 1",
        (
            ColumnSpec(
                "sample",
                "text",
                "Baseline case files (all strands), or final case files mainly about FIT",
                allowed=("baseline_case_files", "fit_case_files"),
            ),
            ColumnSpec(
                "case_files", "int", "Case files examined", "case files", 0, disclosive=True
            ),
            SOURCE,
        ),
        key=("sample",),
        optional=True,
        shows_withheld=("fit",),
    ),
    TableSpec(
        "fit_case_files",
        ("fit",),
        "What case files showed about families: toxic trio issues, history, engagement, "
        "short-term outcomes",
        "Overview of the Programme (baseline); FIT findings (final case file analysis)",
        (
            AUTHORITY,
            ColumnSpec(
                "period",
                "text",
                "Baseline (before the pilot, 2015) or the pilot's final case file analysis "
                "(July-August 2016)",
                allowed=("baseline", "pilot"),
            ),
            ColumnSpec(
                "measure",
                "text",
                "What share of families is counted: with each toxic trio issue, with all three "
                "or two of the three, with a significant or some history with social care, who "
                "engaged at first with support for their toxic trio issues, with clearly "
                "positive or mixed short-term outcomes",
                allowed=(
                    "domestic_abuse",
                    "substance_misuse",
                    "mental_health",
                    "all_three",
                    "two_of_three",
                    "significant_history",
                    "some_history",
                    "engaged",
                    "clearly_positive",
                    "mixed",
                ),
            ),
            ColumnSpec(
                "share_pct",
                "number",
                "Share of the families in the sample, as a percentage (29 means 29%)",
                "%",
                0,
                100,
            ),
            ColumnSpec(
                "case_files",
                "int",
                "How many families' case files the percentage is a share of (the base, n); "
                "blank where the source does not say",
                "case files",
                1,
                nullable=True,
            ),
            SOURCE,
        ),
        key=("authority", "period", "measure"),
        optional=True,
    ),
    TableSpec(
        "fit_team_makeup",
        ("fit",),
        "The FIT teams actually fielded in each authority, by make-up",
        "FIT findings",
        (
            AUTHORITY,
            ColumnSpec("makeup", "text", "The team's make-up, in words"),
            ColumnSpec("teams", "int", "Teams with this make-up", "teams", 0),
            *_WORKERS,
            ColumnSpec("basis", "text", "What the source says, and how it is read here"),
            SOURCE,
        ),
        key=("authority", "makeup"),
    ),
    TableSpec(
        "fit_demand_change",
        ("fit",),
        "Change in open Child Protection Plans and in children becoming looked after, "
        "as the FIT findings state it",
        "FIT findings",
        (
            ColumnSpec(
                "area",
                "text",
                "The whole authority (its name), or the teams piloting FIT within it (the "
                "authority's name followed by 'FIT teams')",
            ),
            ColumnSpec(
                "measure",
                "text",
                "Open Child Protection Plans, or children becoming looked after",
                allowed=("open_cpp", "cla_starts"),
            ),
            ColumnSpec(
                "change_pct",
                "number",
                "Change over the comparison period, as a percentage (0 means no change)",
                "%",
                minimum=-100,
            ),
            ColumnSpec("comparison", "text", "The periods compared"),
            SOURCE,
        ),
        key=("area", "measure"),
        optional=True,
    ),
    TableSpec(
        "fit_new_cpp",
        ("fit",),
        "Lowest and highest numbers of new Child Protection Plans in a three-month period "
        "during the pilot",
        "FIT findings",
        (
            AUTHORITY,
            ColumnSpec("level", "text", "Lowest or highest", allowed=("lowest", "highest")),
            ColumnSpec(
                "plans",
                "int",
                "New Child Protection Plans in the period",
                "plans",
                0,
                disclosive=True,
            ),
            ColumnSpec("when", "text", "When, as the source says it"),
            SOURCE,
        ),
        key=("authority", "level"),
        optional=True,
        shows_withheld=("fit",),
    ),
    TableSpec(
        "fit_targets",
        ("fit",),
        "What the FIT pilot hoped to change in the longer term",
        "FIT findings; Table 3",
        target_columns("cla_starts", "cpp"),
        key=("measure",),
        optional=True,
    ),
]
