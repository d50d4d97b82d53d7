"""Generic parts of a strand's appraisal, shared by every strand: documented input ranges
for the tornado and the Monte Carlo, money at today's prices (the price base), and the
tornado table over documented ranges. No chapter is imported here.

* :class:`InputRange` documents each input's range for the tornado and the Monte Carlo: how
  its low and high values follow from the base value (so they move with the parameters) and
  why. Unless a range says it comes from the report, it is a judgement, stated as one.
* :func:`price_base` puts each money figure at the report's prices beside the same figure
  uprated to a chosen financial year with the GDP deflator, and after the appraisal
  adjustments (optimism bias on costs; confidence grade, deadweight and attribution on
  benefits); :func:`deflator_source` gives the deflators' notes on source and vintage.
* :func:`tornado_table` is ``appraisal.tornado`` over documented ranges, in words.

(Moved from ``strand_appraisal``, which re-exports them.)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from evidencebook.analysis import appraisal as ap
from evidencebook.analysis.uncertainty import Beta, Triangular, with_mean

# --- input ranges -----------------------------------------------------------------------

#: Units of a model input: a share (a fraction, shown as %), money (GBP) or a number.
UNITS = ("share", "gbp", "number")

#: How an :class:`InputRange` turns its ``low`` and ``high`` into values.
RANGE_KINDS = {
    "points": "base plus low to base plus high",
    "relative": "base x (1 + low) to base x (1 + high)",
    "values": "low to high, as given",
}


@dataclass(frozen=True)
class InputRange:
    """The range one model input is varied over, and why.

    ``kind`` says how ``low`` and ``high`` apply (see :data:`RANGE_KINDS`). The range is
    always widened to include the base value, and kept within ``minimum`` and ``maximum``,
    so a triangular distribution (low, base, high) can be drawn whatever the parameters.
    """

    name: str  # the model input varied
    label: str  # what it is, in plain English
    unit: str  # "share" (a fraction shown as %), "gbp" or "number"
    kind: str  # "points", "relative" or "values"
    low: float
    high: float
    why: str  # the source of the range, or the judgement behind it
    minimum: float = -math.inf
    maximum: float = math.inf
    #: The base value is an average (the draws keep it as their mean); False for a plan or
    #: a best case whose risk runs one way (the base is drawn as the most likely value).
    base_is_mean: bool = True

    def __post_init__(self) -> None:
        if self.kind not in RANGE_KINDS:
            raise ValueError(f"kind must be one of {sorted(RANGE_KINDS)}, got {self.kind!r}")
        if self.unit not in UNITS:
            raise ValueError(f"unit must be one of {sorted(UNITS)}, got {self.unit!r}")
        if not self.low <= self.high:
            raise ValueError(f"{self.name}: low ({self.low}) is more than high ({self.high})")

    def bounds(self, base: float) -> tuple[float, float]:
        """The low and high values for a base value."""
        if self.kind == "points":
            low, high = base + self.low, base + self.high
        elif self.kind == "relative":
            low, high = base * (1 + self.low), base * (1 + self.high)
        else:
            low, high = self.low, self.high
        low, high = min(low, base), max(high, base)
        return max(low, self.minimum), min(high, self.maximum)

    def describe(self, base: float | None = None) -> str:
        """How the range is set, in words: "base -5 to +5 percentage points", "base -10% to
        +10%", or for given values the range itself (widened to the base, if one is given)."""
        if self.kind == "points":
            scale, suffix = (100, " percentage points") if self.unit == "share" else (1, "")
            return f"base {self.low * scale:+g} to {self.high * scale:+g}{suffix}"
        if self.kind == "relative":
            return f"base {self.low:+.0%} to {self.high:+.0%}"
        low, high = (self.low, self.high) if base is None else self.bounds(base)
        return f"{format_value(low, self.unit)} to {format_value(high, self.unit)}"


def format_value(value: float, unit: str) -> str:
    """A value for a table or a sentence: shares as %, money as £, counts plainly."""
    if unit == "share":
        pct = value * 100
        return f"{pct:.0f}%" if abs(pct - round(pct)) < 1e-9 else f"{pct:.1f}%"
    if unit == "gbp":
        sign = "-" if value < 0 else ""
        amount = abs(value)
        return f"{sign}£{amount:,.0f}" if amount >= 100 else f"{sign}£{amount:,.2f}"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def resolve(ranges: Sequence[InputRange], base: Mapping[str, float]) -> dict[str, tuple]:
    """{input: (low, high)} for each range, at the base values."""
    return {r.name: r.bounds(float(base[r.name])) for r in _known(ranges, base)}


def distributions(
    ranges: Sequence[InputRange], base: Mapping[str, float]
) -> dict[str, Triangular | Beta]:
    """{input: a distribution over its range whose mean is the base value}.

    The base values are the report's figures, often averages (an average cost of
    activities, an average salary), so the draws keep them as their mean: a triangle where
    one fits, a beta distribution where the range is too lopsided for one (see
    :func:`~evidencebook.analysis.uncertainty.with_mean`). A base value outside its range (a range
    cut at a limit) is moved to the nearer end first.
    """
    out = {}
    for r in _known(ranges, base):
        low, high = r.bounds(float(base[r.name]))
        value = min(max(float(base[r.name]), low), high)
        if r.base_is_mean:
            out[r.name] = with_mean(low, value, high)
        else:
            out[r.name] = Triangular(low, value, high)
    return out


def ranges_table(ranges: Sequence[InputRange], base: Mapping[str, float]) -> pd.DataFrame:
    """The ranges as a table: input, label, base, low, high (formatted), how set, and why."""
    rows = []
    for r in _known(ranges, base):
        low, high = r.bounds(float(base[r.name]))
        rows.append(
            {
                "input": r.name,
                "assumption": r.label,
                "base": format_value(float(base[r.name]), r.unit),
                "low": format_value(low, r.unit),
                "high": format_value(high, r.unit),
                "range": r.describe(float(base[r.name])),
                "why": r.why,
            }
        )
    return pd.DataFrame(rows)


def _known(ranges: Sequence[InputRange], base: Mapping[str, float]) -> Sequence[InputRange]:
    missing = [r.name for r in ranges if r.name not in base]
    if missing:
        raise KeyError(f"no base value for {', '.join(missing)}")
    return ranges


JUDGEMENT = "Judgement (not from the report)"

#: Overhead rate: the report applies 20% throughout (PA, volunteers, edge of care).
OVERHEAD_RANGE = InputRange(
    "overhead_rate",
    "Overhead rate",
    "share",
    "points",
    -0.05,
    0.05,
    f"{JUDGEMENT}: the report applies one rate throughout and gives no range",
    minimum=0.0,
)


# --- price base -------------------------------------------------------------------------


def price_base(
    items: Sequence[tuple[str, str, float]],
    from_year: str,
    to_year: str,
    deflators: Mapping[str, float] | pd.DataFrame,
    cost_multiplier: float = 1.0,
    benefit_multiplier: float = 1.0,
) -> pd.DataFrame:
    """Money figures at ``from_year`` prices, uprated to ``to_year``, and adjusted.

    ``items`` are (what, kind, amount) with kind "cost" or "benefit". Columns: what, kind,
    input_prices, price_year (uprated with the GDP deflator) and adjusted (the uprated cost
    times ``cost_multiplier``, e.g. 1 + optimism bias; the uprated benefit times
    ``benefit_multiplier``, e.g. after confidence grade, deadweight and attribution).
    """
    rows = []
    for what, kind, amount in items:
        if kind not in ("cost", "benefit"):
            raise ValueError(f"{what}: kind must be 'cost' or 'benefit', got {kind!r}")
        today = ap.uprate(float(amount), from_year, to_year, deflators)
        factor = cost_multiplier if kind == "cost" else benefit_multiplier
        rows.append((what, kind, float(amount), today, today * factor))
    columns = ["what", "kind", "input_prices", "price_year", "adjusted"]
    return pd.DataFrame(rows, columns=columns)


def deflator_source(deflators: pd.DataFrame, *years: str) -> str:
    """The ``source`` notes of the deflator rows for ``years``: each row's text is split at
    semicolons and the distinct parts joined in order, so a shared source is named once and
    each year's own note (e.g. "forecast, not outturn") is kept."""
    rows = deflators.set_index("financial_year")
    missing = [y for y in years if y not in rows.index]
    if missing:
        raise KeyError(f"no GDP deflator for {', '.join(missing)}")
    parts = (p.strip() for y in years for p in str(rows.loc[y, "source"]).split(";"))
    return "; ".join(dict.fromkeys(p for p in parts if p))


# --- tornado and Monte Carlo helpers ----------------------------------------------------


def tornado_table(
    model: Callable[[Mapping[str, float]], object],
    base: Mapping[str, float],
    ranges: Sequence[InputRange],
) -> pd.DataFrame:
    """``appraisal.tornado`` over documented ranges, with each input's label and its low and
    high values in words (columns of ``appraisal.tornado`` plus label, low_text, high_text)."""
    table = ap.tornado(model, base, resolve(ranges, base))
    by_name = {r.name: r for r in ranges}
    table.insert(1, "label", [by_name[n].label for n in table["parameter"]])
    table["low_text"] = [
        format_value(v, by_name[n].unit)
        for n, v in zip(table["parameter"], table["low"], strict=True)
    ]
    table["high_text"] = [
        format_value(v, by_name[n].unit)
        for n, v in zip(table["parameter"], table["high"], strict=True)
    ]
    return table
