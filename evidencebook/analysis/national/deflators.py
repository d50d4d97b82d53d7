"""HM Treasury's GDP deflator at market prices, as the book's one national price index.

Read from ``data/national/deflators/uk_cost_indices.csv`` (HM Treasury, *GDP deflators at
market prices, and money GDP*, March 2026, Quarterly National Accounts: outturn to 2024-25
from ONS series L8GG, later years chained from the OBR's March 2026 forecast; 2024-25 =
100). Every build reads it unless a pack carries its own ``gdp_deflators.csv``.
"""

from __future__ import annotations

import pandas as pd

from evidencebook.analysis.national import files
from evidencebook.analysis.national.files import NationalDataError

#: The vintage of the national deflator series.
DEFLATOR_VINTAGE = "March 2026"
#: How each row's ``source`` cell names the series.
DEFLATOR_SOURCE = (
    "HM Treasury, GDP deflators at market prices, and money GDP, March 2026 (Quarterly "
    "National Accounts); 2024-25 = 100"
)


def gdp_deflators() -> pd.DataFrame:
    """The deflator in the layout of the pack table ``gdp_deflators`` (``financial_year``,
    ``index``, ``source``), plus ``forecast`` (True for OBR forecast years, False for
    outturn). Each ``source`` cell says which it is."""
    frame = files.read_csv("gdp_deflator")
    for column in ("fiscal_year", "gdp_deflator", "is_forecast"):
        if column not in frame.columns:
            raise NationalDataError(f"gdp_deflator: no column {column}")
    forecast = frame["is_forecast"].str.strip().str.lower().map({"true": True, "false": False})
    if forecast.isna().any():
        raise NationalDataError("gdp_deflator: is_forecast must be true or false")
    index = pd.to_numeric(frame["gdp_deflator"], errors="raise").astype(float)
    kind = forecast.map(
        {
            True: "forecast (OBR, March 2026), not outturn",
            False: "outturn (ONS series L8GG)",
        }
    )
    return pd.DataFrame(
        {
            "financial_year": frame["fiscal_year"].str.strip(),
            "index": index,
            "source": DEFLATOR_SOURCE + "; " + kind,
            "forecast": forecast.astype(bool),
        }
    )
