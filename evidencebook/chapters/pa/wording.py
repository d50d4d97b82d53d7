"""The PA chapter's text built from data: short phrases for figures, the tables it shows
(headers and values in words) and what its key-result cells print. The paragraphs whose
content depends on what a pack holds (``posts_text``, ``pilot_costs_text``,
``sickness_text``, ``caseload_text``) are in ``model``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from evidencebook.analysis import appraisal as ap
from evidencebook.analysis.chapter import report_check, steps_shown
from evidencebook.analysis.strand_appraisal import InputRange, format_value, ranges_table
from evidencebook.analysis.uncertainty import INTERVAL, MonteCarloResult


def grade_evidence(grade: int) -> str:
    """The strength of evidence the book's rule gives a confidence grade ("moderate")."""
    return {g: s for s, g in ap.EVIDENCE_GRADES.items()}.get(grade, "set by hand")


def first_grade_below_1(grades: pd.DataFrame) -> str:
    """The first confidence grade whose cut brings the ratio below 1 ("grade 4")."""
    below = grades[grades["bcr"] < 1]
    return f"grade {int(below['grade'].iloc[0])}" if len(below) else "none of the grades"


def lower_first(label: str) -> str:
    """A label to go inside a sentence: its first letter in lower case."""
    return label[0].lower() + label[1:]


def money(value: float) -> str:
    return f"£{value:,.2f}"


def cost_steps(steps: pd.DataFrame) -> pd.DataFrame:
    """The Appendix 4 cost model's steps (``model.cost_steps``) with headers in words."""
    return steps_shown(steps, "gbp_per_year", "GBP a year", money)


def theory_of_change(toc: pd.DataFrame) -> pd.DataFrame:
    """The pilot sites' theory of change for PAs."""
    return toc[toc["chapter"] == "pa"][["stage", "statement", "source"]]


def prices(prices: pd.DataFrame, input_price_year: str, price_year: str) -> pd.DataFrame:
    """Money at the report's prices, at the price year and after the adjustments."""
    return pd.DataFrame(
        {
            "What": prices["what"],
            "Cost or benefit": prices["kind"],
            f"At {input_price_year} prices (the report's)": prices["input_prices"].map(money),
            f"At {price_year} prices": prices["price_year"].map(money),
            f"At {price_year} prices, after adjustments": prices["adjusted"].map(money),
        }
    )


def measures(result: ap.Appraisal, figs: Mapping[str, Any], price_year: str) -> pd.DataFrame:
    """The appraisal's headline measures and payback, in words."""
    table = result.summary()
    is_ratio = table["measure"].str.startswith("Benefit-cost ratio")
    table["value"] = [
        f"{v:.2f}" if r else format_value(v, "gbp")
        for v, r in zip(table["value"], is_ratio, strict=True)
    ]
    payback = pd.DataFrame(
        {
            "measure": ["Payback", "Payback, cashable only"],
            "value": [figs["pa.payback"], figs["pa.payback_cashable"]],
        }
    )
    return pd.concat([table, payback], ignore_index=True).rename(
        columns={"measure": "Measure", "value": f"Value ({price_year} prices)"}
    )


def grades(grades: pd.DataFrame) -> pd.DataFrame:
    """The benefit-cost ratio under each confidence grade."""
    return pd.DataFrame(
        {
            "GMCA confidence grade": grades["grade"],
            "Cut to benefits": grades["cut"].map("{:.0%}".format),
            "Benefit-cost ratio": grades["bcr"].map("{:.2f}".format),
        }
    )


def switches(switches: pd.DataFrame, labels: Mapping[str, str]) -> pd.DataFrame:
    """Each key assumption's switching value, in words."""
    return pd.DataFrame(
        {
            "Assumption": switches["input"].map(labels),
            "Base": switches["base_text"],
            "Switching value": switches["value_text"].fillna("not reached"),
            "In words": switches["sentence"],
        }
    )


def ranges(varied: Sequence[InputRange], base: Mapping[str, float]) -> pd.DataFrame:
    """The range each input is varied over, how it is set and why."""
    table = ranges_table(varied, base)
    return pd.DataFrame(
        {
            "Assumption": table["assumption"],
            "Base": table["base"],
            "Range": table["low"] + " to " + table["high"],
            "How it is set, and why": table["range"] + ". " + table["why"],
        }
    )


def monte_carlo(mc_sum: pd.DataFrame, price_year: str) -> pd.DataFrame:
    """The Monte Carlo outputs: mean, median and the interval's ends."""
    p_low, p_high = INTERVAL
    names = {
        "unit_cost": f"Net on-cost of one PA a year (GBP, {price_year} prices, before optimism "
        "bias)",
        "bcr": "Benefit-cost ratio",
        "npv": f"Net present value (GBP, {price_year} prices)",
    }
    fmt = {
        "unit_cost": "£{:,.0f}".format,
        "bcr": "{:.2f}".format,
        "npv": lambda v: format_value(v, "gbp"),
    }
    outputs = list(mc_sum.index)
    column = {"Mean": "mean", "Median": "median"}
    column |= {f"{p_low}th percentile": f"p{p_low}", f"{p_high}th percentile": f"p{p_high}"}
    return pd.DataFrame(
        {"Output": [names[o] for o in outputs]}
        | {head: [fmt[o](mc_sum.loc[o, c]) for o in outputs] for head, c in column.items()}
    )


def check(figs: Mapping[str, float]) -> pd.DataFrame:
    """Each figure the chapter states beside the value the report prints."""
    return report_check(figs, "pa", lambda v: f"{v:,.2f}")


def key_appraisal(
    result: ap.Appraisal,
    switches: pd.DataFrame,
    mc: MonteCarloResult,
    price_factor: float,
    input_price_year: str,
    price_year: str,
    years: int,
) -> str:
    """What the appraisal's key-result cell prints: its figures at full precision."""
    mc_sum = mc.summary.set_index("output")
    p_low, p_high = INTERVAL
    lo_col, hi_col = f"p{p_low}", f"p{p_high}"
    bcr = mc_sum.loc["bcr"]
    unit_costs = " / ".join(
        f"{mc_sum.loc['unit_cost', c]:,.0f}" for c in (lo_col, "median", hi_col)
    )
    rows = [
        ("Price factor", f"{input_price_year} to {price_year}", f"{price_factor:.4f}"),
        ("PV of costs", f"{years} years", f"{result.pv_cost:,.0f}"),
        ("PV of notional benefits", f"{years} years", f"{result.pv_benefit_notional:,.0f}"),
        ("PV of cashable benefits", f"{years} years", f"{result.pv_benefit_cashable:,.0f}"),
        ("Net present value", f"{years} years", f"{result.npv:,.0f}"),
        ("Benefit-cost ratio", "all benefits", f"{result.bcr:.3f}"),
        ("Payback year", "all benefits", str(result.payback_year)),
        *[
            ("Switching value", s.input, s.value_text or "not reached")
            for s in switches.itertuples()
        ],
        (
            "Monte Carlo BCR",
            f"p{p_low} / median / p{p_high}",
            f"{bcr[lo_col]:.3f} / {bcr['median']:.3f} / {bcr[hi_col]:.3f}",
        ),
        ("Monte Carlo unit cost", f"p{p_low} / median / p{p_high}", unit_costs),
        (
            "Monte Carlo draws with BCR >= 1",
            f"{mc.n} draws, seed {mc.seed}",
            f"{mc.share_at_least('bcr', 1.0):.4f}",
        ),
    ]
    key = pd.DataFrame(rows, columns=["measure", "basis", "value"])
    return key.to_string(index=False)
