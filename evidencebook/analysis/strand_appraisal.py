"""Generic parts of a strand's roll-out appraisal: switching values, payback in words, the
benefit-cost ratio at each confidence grade; and, re-exported from
:mod:`evidencebook.analysis.ranges`, the documented input ranges, the price base and the
tornado table. Each strand's own appraisal (its inputs, model and ranges) lives in its
chapter folder (``evidencebook/chapters/<strand>/appraisal.py``); the shared "Appraising a
roll-out today" section is :mod:`evidencebook.analysis.rollout`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from evidencebook.analysis import appraisal as ap
from evidencebook.analysis.ranges import (  # noqa: F401 - the generic parts, re-exported
    JUDGEMENT,
    OVERHEAD_RANGE,
    RANGE_KINDS,
    UNITS,
    InputRange,
    deflator_source,
    distributions,
    format_value,
    price_base,
    ranges_table,
    resolve,
    tornado_table,
)
from evidencebook.analysis.uncertainty import is_array_safe


def payback_text(year: int | None, years: int, notional: bool = False) -> str:
    """The payback year as a clause ("pays back in year 2 ..."); year 0 is the first year.
    With ``notional`` (the benefits counted include time valued in money, not cash), the
    clause says the valued benefits would match the costs: nothing is paid back in cash."""
    when = f"year {year} (the {_ordinal(year + 1)} year of delivery)" if year is not None else ""
    if notional:
        if year is None:
            return (
                f"would not see its valued benefits match its costs within the {years} years "
                "appraised"
            )
        return (
            f"would see its valued benefits, which are notional, match its costs by {when}; "
            "that is a break-even on paper, not cash paid back"
        )
    if year is None:
        return f"does not pay back within the {years} years appraised"
    return f"pays back in {when}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def bcr_by_grade(
    model: Callable[[Mapping[str, float]], ap.BenefitCost],
    base: Mapping[str, float],
    reductions: Mapping[int, float] | None = None,
) -> pd.DataFrame:
    """The benefit-cost ratio under each confidence grade's cut (grade, cut, bcr)."""
    table = ap.CONFIDENCE_GRADE_REDUCTIONS if reductions is None else reductions
    rows = [
        (grade, float(cut), model({**base, "benefit_reduction": float(cut)}).bcr)
        for grade, cut in sorted(table.items())
    ]
    return pd.DataFrame(rows, columns=["grade", "cut", "bcr"])


#: The PA model inputs varied in the tornado and the Monte Carlo, with their ranges.
@dataclass(frozen=True)
class SwitchSpec:
    """A key assumption to find the switching value of, and how to say it."""

    name: str
    label: str  # a phrase with "{value}" where the value goes
    unit: str
    bounds: tuple[float, float]  # values searched

    def phrase(self, value: float) -> str:
        return self.label.format(value=format_value(value, self.unit))


#: Key assumptions of the PA roll-out and where to look for their switching values.
def switching_table(
    model: Callable[[Mapping[str, float]], ap.BenefitCost],
    base: Mapping[str, float],
    specs: Sequence[SwitchSpec],
    target_bcr: float = 1.0,
) -> pd.DataFrame:
    """The switching value of each key assumption, with a sentence saying what it means.

    Columns: input, unit, base, value (None where no value within the bounds reaches the
    target), ratio_to_base (value / base, None if base is 0), change (in words), sentence.
    """
    base_bcr = model(base).bcr
    verb = "falls" if base_bcr >= target_bcr else "rises"
    rows = []
    for spec in specs:
        sv = ap.switching_value(
            model,
            base,
            spec.name,
            bounds=spec.bounds,
            target_bcr=target_bcr,
            at_once=is_array_safe(model),  # the grid in one call: the same values
        )
        b = float(base[spec.name])
        base_text = format_value(b, spec.unit)
        if sv.value is None:
            lo, hi = (format_value(x, spec.unit) for x in spec.bounds)
            sentence = (
                f"No value from {lo} to {hi} brings the benefit-cost ratio to {target_bcr:g} "
                f"(base {base_text})."
            )
            change, ratio = "not reached", None
        else:
            if spec.unit == "share":
                change = f"{(sv.value - b) * 100:+.1f} percentage points"
            else:
                change = f"{sv.change_pct:+.0f}%" if sv.change_pct is not None else "from 0"
            sentence = (
                f"The benefit-cost ratio {verb} to {target_bcr:g} if {spec.phrase(sv.value)} "
                f"instead of {base_text} ({change})."
            )
            ratio = sv.value / b if b else None
        rows.append(
            {
                "input": spec.name,
                "unit": spec.unit,
                "base": b,
                "value": sv.value,
                "base_text": base_text,
                "value_text": None if sv.value is None else format_value(sv.value, spec.unit),
                "ratio_to_base": ratio,
                "change": change,
                "sentence": sentence,
            }
        )
    return pd.DataFrame(rows)
