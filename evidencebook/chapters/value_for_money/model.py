"""Value for money across strands: each strand's unit cost, what it buys, the evidence of
benefit and its strength, and the benefit-cost ratio where the report supports one.

Every number is a figure of the strands' own chapters, read through
``evidencebook.chapters.registry``; this module only lines them up.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from evidencebook.analysis import appraisal as ap
from evidencebook.chapters.registry import STRANDS, Evaluation

#: Evidence strength, weakest first (the order of the comparison's scale).
STRENGTH_ORDER = ("none", "limited", "emerging", "moderate", "strong")


def comparison(evaluated: dict[str, Evaluation], vfm: pd.DataFrame) -> pd.DataFrame:
    """One row per strand in ``vfm`` (the ``vfm_strands`` table), strongest evidence first.

    ``evaluated`` is ``registry.evaluate(...)``: for each chapter, its parameters, tables and
    figures; a strand's unit cost and benefit-cost ratio are the figures the registry names.
    Strands in ``vfm`` without a unit cost, or without data, are left out.
    """
    rows = []
    for rec in vfm.to_dict("records"):
        chapter = rec["chapter"]
        strand = STRANDS.get(chapter)
        if strand is None or chapter not in evaluated or strand.unit_cost is None:
            continue
        figs = evaluated[chapter].figures
        bcr = float(figs[strand.bcr]) if strand.bcr else None
        rows.append(
            {
                "chapter": chapter,
                "strand": strand.title,
                "unit": rec["unit"],
                "unit_cost": float(figs[strand.unit_cost]),
                "bcr": bcr,
                "evidence_strength": rec["evidence_strength"],
                "benefit_evidence": rec["benefit_evidence"],
                "report_judgement": rec["report_judgement"],
                "source": rec["source"],
            }
        )
    out = pd.DataFrame(rows)
    if out.empty:
        return out
    rank = out["evidence_strength"].map(STRENGTH_ORDER.index)
    out = out.assign(_rank=rank, _bcr=out["bcr"].fillna(-1))
    out = out.sort_values(["_rank", "_bcr"], ascending=False, kind="stable")
    return out.drop(columns=["_rank", "_bcr"]).reset_index(drop=True)


def at_price_year(
    table: pd.DataFrame,
    deflators: Any,
    input_price_year: str,
    price_year: str,
) -> pd.DataFrame:
    """The comparison with each unit cost also at ``price_year`` prices (``unit_cost_today``),
    uprated from the report's ``input_price_year`` prices with the GDP deflator
    (``appraisal.uprate``; ``deflators`` is the ``gdp_deflators`` table or a mapping)."""
    factor = ap.uprate(1.0, input_price_year, price_year, deflators)
    out = table.copy()
    position = out.columns.get_loc("unit_cost") + 1 if "unit_cost" in out else len(out.columns)
    out.insert(position, "unit_cost_today", out.get("unit_cost", pd.Series(dtype=float)) * factor)
    return out


def strongest(table: pd.DataFrame) -> pd.Series:
    """The strand with the strongest evidence of cost effectiveness: the strongest evidence,
    and among equals the highest benefit-cost ratio."""
    return table.iloc[0]


def at_a_glance(table: pd.DataFrame) -> str:
    """The comparison's summary as Markdown bullets, written from the table (pack text is
    escaped, so it shows as written)."""
    from evidencebook.analysis.formatting import markdown_escape as esc

    if table.empty:
        return "- No strand in this pack has both a unit cost and a rating of its evidence."
    best = strongest(table)
    lines = []
    with_bcr = table[table["bcr"].notna()]
    lead = (
        f"- The strongest evidence of cost effectiveness is for **{esc(best['strand'])}** "
        f"(evidence of benefit: {esc(best['evidence_strength'])})"
    )
    if pd.notna(best["bcr"]):
        lead += (
            f": counting only what the report could value, about £{best['bcr']:.2f} of benefit "
            "is valued for each pound of its unit cost. That benefit is notional unless "
            "spending is actually reduced, and it rests on a before-and-after comparison with "
            "no comparison group."
        )
    lines.append(lead + ("" if pd.notna(best["bcr"]) else "."))
    lines.append(
        f"- {len(with_bcr)} of the {len(table)} strands costed "
        f"{'has' if len(with_bcr) == 1 else 'have'} a benefit the report valued in money."
    )
    for level in reversed(STRENGTH_ORDER):
        names = table.loc[table["evidence_strength"] == level, "strand"]
        if len(names) and level != best["evidence_strength"]:
            lines.append(
                f"- Evidence of benefit {esc(level)}: " + "; ".join(esc(n) for n in names) + "."
            )
    return "\n".join(lines)
