"""Arithmetic shared by every strand's cost model."""

from __future__ import annotations

import pandas as pd

#: The two pilot authorities, by the short key the reference figures use in their ids
#: (``pa.hants_cost``, ``fit.families_iow``, ...).
PILOT_AUTHORITIES = {"hants": "Hampshire", "iow": "Isle of Wight"}


def with_overheads(amount: float, overhead_rate: float) -> float:
    """An amount plus overheads charged as a share of it (0.2 adds 20%)."""
    if overhead_rate < 0:
        raise ValueError(f"overhead_rate must be 0 or more, got {overhead_rate}")
    return amount * (1 + overhead_rate)


def pct_change(before: float, after: float) -> float:
    """Change from ``before`` to ``after`` as a percentage of ``before``."""
    if before == 0:
        raise ZeroDivisionError("percentage change from zero is undefined")
    return (after - before) / before * 100


def whole(value: object) -> object:
    """A count as a plain int, or ``pd.NA`` where it is not available (withheld: "c")."""
    if value is None or pd.isna(value):
        return pd.NA
    return int(value)
