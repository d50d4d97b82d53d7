"""Tables of demand trends (the report's Appendix 3, Tables 8 to 22, and the comparators
stated around them).

Percentage changes and shares printed in the report are not stored: the chapter recomputes
them from the counts. Team caseloads (Tables 15 and 22) live in ``team_caseloads``, declared
with the PA tables.
"""

from evidencebook.analysis.schemas import AUTHORITY, SOURCE, ColumnSpec, KnownSum, TableSpec

#: An area: a local authority, a region ("South East") or "England".
AREA = ColumnSpec("area", "text", "Local authority, region or country the row is about")
MONTH = ColumnSpec("month", "month", "Month the count refers to (a count at a point in time)")
QUARTER = ColumnSpec(
    "quarter",
    "quarter",
    "Calendar quarter, written YYYY-Qn (2015-Q3 is July to September 2015)",
)
YEAR_ENDING = ColumnSpec(
    "year_ending",
    "int",
    "Financial year, named by the year it ends in (2016 is April 2015 to March 2016)",
    "year",
    minimum=2000,
    maximum=2100,
)
CHILDREN = ColumnSpec(
    "children", "int", "Number of children", "children", minimum=0, disclosive=True
)

#: Chapters reading the looked-after starts tables.
STARTS_CHAPTERS = ("trends", "fit", "edge")

TABLES = [
    TableSpec(
        "looked_after_starts_quarterly",
        STARTS_CHAPTERS,
        "Children becoming looked after in each quarter, all ages and by age",
        "Tables 12, 14 and 20",
        (
            AUTHORITY,
            QUARTER,
            ColumnSpec(
                "age",
                "text",
                "Age group of the children counted: all ages, or a single year of age",
                allowed=("all ages", "14", "15", "16", "17", "18"),
            ),
            ColumnSpec(
                "children",
                "int",
                "Children who started to be looked after in the quarter; blank where the "
                "source has no data",
                "children",
                minimum=0,
                nullable=True,
                disclosive=True,
            ),
            SOURCE,
        ),
        key=("authority", "quarter", "age"),
        # the published annual counts (April to March) add up the quarters of a year
        known_sums=(
            KnownSum(
                by=("authority", "age", "year"),
                totals_known=True,
                derive=(("year", "financial_year", "quarter"),),
            ),
        ),
        shows_withheld=("trends", "edge", "fit"),
        notes="Table 14's totals by quarter cover ages 14 to 18 only; they are recomputed, "
        "not stored.",
    ),
    TableSpec(
        "looked_after_starts_annual",
        ("trends", "fit", "audit"),  # edge of care reads only the quarterly counts
        "Children starting to be looked after in each year (published figures)",
        "Tables 13 and 21; England figures stated in the text of Appendix 3",
        (AREA, YEAR_ENDING, CHILDREN, SOURCE),
        key=("area", "year_ending"),
        shows_withheld=("trends", "fit", "audit"),
        notes="Published local authority figures are rounded to the nearest 5 and England "
        "figures to the nearest 10.",
    ),
    TableSpec(
        "looked_after_starts_exact",
        ("trends",),
        "Children starting to be looked after in a year, unrounded, where the authority "
        "stated its own count",
        "Appendix 3 (text after Table 20)",
        (AREA, YEAR_ENDING, CHILDREN, SOURCE),
        key=("area", "year_ending"),
        optional=True,
        shows_withheld=("trends",),
    ),
    TableSpec(
        "missing_returns",
        ("trends", "volunteers", "willow"),
        "Children returning from going missing, and how many had a return interview",
        "Table 16 (months October 2015 to September 2016)",
        (
            AUTHORITY,
            ColumnSpec("month", "month", "Month of the returns"),
            ColumnSpec(
                "returning",
                "int",
                "Children returning from going missing in the month",
                "children",
                minimum=0,
                disclosive=True,
            ),
            ColumnSpec(
                "return_interviews",
                "int",
                "Of those, children who had a return interview (not more than returning)",
                "children",
                minimum=0,
                disclosive=True,
            ),
            SOURCE,
        ),
        key=("authority", "month"),
        not_more_than=(("return_interviews", "returning"),),
        shows_withheld=("trends", "volunteers", "willow"),
        notes="Table 16 names months only; they are taken as October 2015 to September 2016, "
        "the period of the other Appendix 3 tables. The printed share having a return "
        "interview is recomputed, not stored.",
        optional=True,
    ),
    TableSpec(
        "referrals",
        ("trends", "surgeries"),
        "Referrals to children's social care, with those made through the MASH",
        "Table 8",
        (
            AUTHORITY,
            MONTH,
            ColumnSpec(
                "referrals", "int", "Referral numbers", "referrals", minimum=0, disclosive=True
            ),
            ColumnSpec(
                "mash_referrals",
                "int",
                "Of those, referrals through the Multi-Agency Safeguarding Hub (MASH); blank "
                "where not known",
                "referrals",
                minimum=0,
                nullable=True,
                disclosive=True,
            ),
            SOURCE,
        ),
        key=("authority", "month"),
        not_more_than=(("mash_referrals", "referrals"),),
        optional=True,
        shows_withheld=("trends", "surgeries"),
    ),
    TableSpec(
        "referral_ranges",
        ("trends",),
        "Referrals per month where only a range is known",
        "Table 17",
        (
            AUTHORITY,
            ColumnSpec("first_month", "month", "First month of the period"),
            ColumnSpec("last_month", "month", "Last month of the period"),
            ColumnSpec("low", "int", "Fewest referrals in a month", "referrals/month", 0),
            ColumnSpec("high", "int", "Most referrals in a month", "referrals/month", 0),
            SOURCE,
        ),
        key=("authority", "first_month"),
        in_order=(("first_month", "last_month"), ("low", "high")),
        optional=True,
    ),
    TableSpec(
        "contacts",
        ("trends",),
        "Contacts with children's social care in each quarter",
        "Table 17",
        (
            AUTHORITY,
            QUARTER,
            ColumnSpec(
                "contacts",
                "int",
                "Contacts in the quarter; blank where the source has no information",
                "contacts",
                minimum=0,
                nullable=True,
            ),
            SOURCE,
        ),
        key=("authority", "quarter"),
        optional=True,
    ),
    TableSpec(
        "children_in_need",
        ("trends", "overview", "surgeries", "audit"),
        "Children in Need (all), counted at a point in time",
        "Tables 9 and 18; Appendix 3 text after Table 9 (March 2013 and March 2014)",
        (AUTHORITY, MONTH, CHILDREN, SOURCE),
        key=("authority", "month"),
        shows_withheld=("trends", "overview", "surgeries", "audit"),
    ),
    TableSpec(
        "looked_after_children",
        ("trends", "audit"),
        "Children looked after, counted at a point in time",
        "Tables 10, 11 and 19 (England at 31 March)",
        (AREA, MONTH, CHILDREN, SOURCE),
        key=("area", "month"),
        shows_withheld=("trends", "audit"),
    ),
    TableSpec(
        "looked_after_rates",
        ("trends", "audit"),
        "Children looked after per 10,000 children",
        "Appendix 3 (text after Table 19)",
        (
            AREA,
            MONTH,
            ColumnSpec(
                "per_10000",
                "number",
                "Children looked after per 10,000 children in the population",
                "per 10,000 children",
                minimum=0,
                maximum=10000,
            ),
            SOURCE,
        ),
        key=("area", "month"),
        optional=True,
    ),
    TableSpec(
        "re_referral_rates",
        ("trends", "audit"),
        "Re-referral rates: the share of referrals that came within 12 months of an earlier one",
        "Appendix 3 (text after Table 8)",
        (
            AREA,
            YEAR_ENDING,
            ColumnSpec(
                "rate_pct",
                "number",
                "Re-referral rate as a percentage (28 means 28%)",
                "%",
                minimum=0,
                maximum=100,
            ),
            SOURCE,
        ),
        key=("area", "year_ending"),
        optional=True,
    ),
]
