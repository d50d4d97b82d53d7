"""Tables the economic appraisal (price base, discounting) reads."""

from evidencebook.analysis.schemas import SOURCE, ColumnSpec, TableSpec

#: Chapters that show an appraisal beyond the report's single-year prices.
APPRAISAL_CHAPTERS = (
    "pa",
    "fit",
    "volunteers",
    "edge",
    "willow",
    "surgeries",
    "value_for_money",
)

TABLES = [
    TableSpec(
        "gdp_deflators",
        APPRAISAL_CHAPTERS,
        "GDP deflator at market prices, by financial year (for moving money between price bases)",
        "HM Treasury, GDP deflators at market prices, and money GDP, March 2026 (Quarterly "
        "National Accounts): outturn to 2024-25, OBR forecast after; read from "
        "data/national/deflators/ unless a pack has its own",
        (
            ColumnSpec(
                "financial_year",
                "text",
                "Financial year (April to March) written YYYY-YY, e.g. 2015-16",
            ),
            ColumnSpec(
                "index",
                "number",
                "GDP deflator index for the year; only ratios between years are used, so any "
                "reference year may be 100",
                "index",
                minimum=0.01,
            ),
            SOURCE,
        ),
        key=("financial_year",),
        national_default=True,
        notes="Green Book appraisal uses the GDP deflator, not CPI, to express costs and "
        "benefits in real terms at one price base. Every build reads HM Treasury's series "
        "from the national data; a pack's own gdp_deflators.csv overrides it.",
    ),
]
