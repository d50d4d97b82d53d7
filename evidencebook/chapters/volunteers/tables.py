"""Tables the volunteering chapter reads (it also reads ``missing_returns``, Table 16)."""

from evidencebook.analysis.schemas import AUTHORITY, SOURCE, ColumnSpec, TableSpec

#: The four strands of volunteering work.
STREAMS = ("mentoring", "family_support", "return_interviews", "advocacy")

TABLES = [
    TableSpec(
        "vol_delivery",
        ("volunteers", "edge"),  # edge: the mentor's coordinator load range
        "How each authority delivered its volunteering offer",
        "Volunteering findings",
        (
            AUTHORITY,
            ColumnSpec("delivered_by", "text", "Who recruited, trained and supported volunteers"),
            ColumnSpec("coordination", "text", "How volunteer coordination was staffed"),
            ColumnSpec("work_streams", "text", "Which kinds of volunteering were offered"),
            ColumnSpec(
                "active_per_coordinator_low",
                "int",
                "Fewest active volunteers one coordinator was supporting; blank if not stated",
                "volunteers",
                minimum=0,
                nullable=True,
            ),
            ColumnSpec(
                "active_per_coordinator_high",
                "int",
                "Most active volunteers one coordinator was supporting; blank if not stated",
                "volunteers",
                minimum=0,
                nullable=True,
            ),
            SOURCE,
        ),
        key=("authority",),
        in_order=(("active_per_coordinator_low", "active_per_coordinator_high"),),
    ),
    TableSpec(
        "vol_recruitment",
        ("volunteers",),
        "Volunteer recruitment: people at each stage from first enquiry to leaving",
        "Volunteering findings (recruitment and retention)",
        (
            AUTHORITY,
            ColumnSpec(
                "stage",
                "text",
                "Recruitment stage: enquired, applied, completed induction, or (of those "
                "inducted) resigned or withdrawn by the council",
                allowed=("enquiries", "applications", "inducted", "resigned", "withdrawn"),
            ),
            ColumnSpec("people", "int", "People at that stage", "people", minimum=0),
            SOURCE,
        ),
        key=("authority", "stage"),
        notes="Volunteers remaining are recomputed (inducted less resigned and withdrawn).",
        optional=True,
    ),
    TableSpec(
        "vol_training",
        ("volunteers",),
        "Volunteers trained for each kind of work (some trained for more than one)",
        "Volunteering findings (recruitment and retention)",
        (
            AUTHORITY,
            ColumnSpec("role", "text", "Kind of volunteering trained for", allowed=STREAMS),
            ColumnSpec("volunteers", "int", "Volunteers trained for it", "people", minimum=0),
            SOURCE,
        ),
        key=("authority", "role"),
        optional=True,
    ),
    TableSpec(
        "vol_activity",
        ("volunteers",),
        "What volunteers did in each strand of work, and how much was completed",
        "Volunteering findings (quality and impact of volunteers)",
        (
            AUTHORITY,
            ColumnSpec("stream", "text", "Strand of volunteering work", allowed=STREAMS),
            ColumnSpec(
                "measure",
                "text",
                "What is counted: referred, matched, engaged_effectively (% of those "
                "mentored), engaged_positively, benefited, benefited_very_much, "
                "benefited_somewhat (families), requests, completed, per_month (average "
                "requests a month), referrals, not_completed_volunteer (% of interviews not "
                "done for want of a volunteer)",
                allowed=(
                    "referred",
                    "matched",
                    "engaged_effectively",
                    "engaged_positively",
                    "benefited",
                    "benefited_very_much",
                    "benefited_somewhat",
                    "requests",
                    "completed",
                    "per_month",
                    "referrals",
                    "not_completed_volunteer",
                ),
            ),
            ColumnSpec(
                "value", "number", "The count, rate or percentage", minimum=0, disclosive=True
            ),
            ColumnSpec(
                "unit",
                "text",
                "Unit of the value",
                allowed=(
                    "people",
                    "families",
                    "requests",
                    "interviews",
                    "referrals",
                    "%",
                    "per month",
                ),
            ),
            ColumnSpec(
                "period_from",
                "month",
                "First month counted; blank if the source gives no period",
                nullable=True,
            ),
            ColumnSpec(
                "period_to",
                "month",
                "Last month counted; blank if the source gives no period",
                nullable=True,
            ),
            SOURCE,
        ),
        key=("authority", "stream", "measure"),
        in_order=(("period_from", "period_to"),),
        withhold_rows=("unit", ("people", "families", "referrals", "requests", "interviews")),
        optional=True,
        shows_withheld=("volunteers",),
    ),
]
