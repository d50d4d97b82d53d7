"""Value for money across the strands: each strand's unit cost (from its chapter's model,
through the strand registry) at the report's and today's prices, beside the strength of its
evidence of benefit, and the PA roll-out appraised as the PA chapter appraises it."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from evidencebook.analysis import appraisal as ap
from evidencebook.analysis import pack
from evidencebook.analysis import strand_appraisal as st
from evidencebook.analysis.chapter import ChapterResult
from evidencebook.chapters import registry
from evidencebook.chapters.pa import appraisal as pa_appraisal
from evidencebook.chapters.value_for_money import model, wording
from evidencebook.chapters.value_for_money.charts import add_strength_chart
from evidencebook.chapters.value_for_money.parameters import Parameters

__all__ = ["Parameters", "compute", "load"]

SOURCE = "Worked out by the book from the chapters' models and the pack's strand table"


def load(data_dir: str | Path | None = "") -> dict[str, pd.DataFrame]:
    """The chapter's tables, read and checked from the pack."""
    return pack.load_chapter("value_for_money", data_dir or None)


def compute(
    tables: dict[str, pd.DataFrame], params: Parameters, data_dir: str | Path | None = ""
) -> ChapterResult:
    result = ChapterResult("value_for_money")
    values = registry.parameter_values(json.loads(params.parameters_json))
    evaluated = registry.evaluate(data_dir or None, values)
    table = model.comparison(evaluated, tables["vfm_strands"])
    input_price_year, price_year = values["input_price_year"], values["price_year"]
    deflators = tables["gdp_deflators"]
    today = model.at_price_year(table, deflators, input_price_year, price_year)
    pa_params, _, pa_figs = evaluated["pa"]
    pa_assumptions = pa_params.assumptions()
    pa_base = pa_appraisal.pa_appraisal_from_parameters(values, pa_assumptions, pa_figs, deflators)
    pa_result = pa_appraisal.pa_rollout_appraisal(pa_base)
    years = int(pa_base["years"])
    result.add_figures(
        {
            "vfm.input_price_year": input_price_year,
            "vfm.price_year": price_year,
            "vfm.price_factor": ap.uprate(1.0, input_price_year, price_year, deflators),
            "vfm.strands_costed": len(today),
            "vfm.strands_without_benefit": int(today["bcr"].isna().sum()) if len(today) else 0,
            "vfm.pa_posts": pa_assumptions.rollout_posts,
            "vfm.pa_years": years,
            "vfm.pa_discount_rate_pct": pa_base["discount_rate"] * 100,
            "vfm.pa_optimism_bias_pct": pa_base["optimism_bias"] * 100,
            "vfm.pa_confidence_grade": values["benefit_confidence_grade"],
            "vfm.pa_cashable_share_pct": pa_base["cashable_share"] * 100,
            "vfm.pa_pv_cost": pa_result.pv_cost,
            "vfm.pa_pv_benefit": pa_result.pv_benefit,
            "vfm.pa_npv_text": st.format_value(pa_result.npv, "gbp"),
            "vfm.pa_npv_cashable_text": st.format_value(pa_result.npv_cashable, "gbp"),
            "vfm.pa_bcr": pa_result.bcr,
            "vfm.pa_bcr_report": pa_figs["pa.benefit_per_pound"],
            "vfm.pa_payback": st.payback_text(pa_result.payback_year, years, notional=True),
        },
        SOURCE,
    )
    result.add_text("at_a_glance", model.at_a_glance(table))
    result.add_table("comparison", wording.comparison_shown(today, input_price_year, price_year))
    add_strength_chart(result, table)
    result.add_text("key_results", wording.key_results(today, price_year, years, pa_result))
    result.add_text(
        "key_comparison",
        table[["chapter", "unit_cost", "bcr", "evidence_strength"]].round(2).to_string(index=False),
    )
    recs = tables["recommendations"]
    titles = {c: s.title for c, s in registry.STRANDS.items()}
    result.add_text("recommendations", wording.recommendations(recs, titles))
    result.add_text("explore_next", wording.explore_next(recs))
    return result
