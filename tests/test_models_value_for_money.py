"""The value-for-money comparison lines up each strand's own model outputs."""

from __future__ import annotations

import pandas as pd
import pytest

from evidencebook.analysis import pack
from evidencebook.chapters import registry as strands
from evidencebook.chapters.value_for_money import model as vfm


@pytest.fixture(scope="module")
def evaluated(default_evaluation):
    """Every strand for the default pack (``strands.evaluate()``), worked out once per test
    process for every module that reads it (``default_evaluation``)."""
    return default_evaluation


def test_default_comparison(evaluated):
    table = vfm.comparison(evaluated, pack.load_chapter("value_for_money")["vfm_strands"])
    assert set(table["chapter"]) == {"pa", "fit", "volunteers", "edge", "willow", "surgeries"}
    pa_row = table.set_index("chapter").loc["pa"]
    figs = evaluated["pa"].figures
    assert pa_row["unit_cost"] == pytest.approx(figs["pa.on_cost"])
    assert pa_row["bcr"] == pytest.approx(figs["pa.benefit_per_pound"])
    assert table.set_index("chapter")["bcr"].drop("pa").isna().all()
    assert vfm.strongest(table)["chapter"] == "pa"
    assert table.iloc[-1]["chapter"] == "surgeries"


def test_a_changed_parameter_reaches_the_comparison():
    base = strands.evaluate(chapters=["pa"])
    higher = strands.evaluate(overrides={"overhead_rate": 0.3}, chapters=["pa"])
    rows = pd.DataFrame(
        [
            {
                "chapter": "pa",
                "unit": "u",
                "benefit_evidence": "b",
                "evidence_strength": "moderate",
                "report_judgement": "j",
                "source": "s",
            }
        ]
    )
    a = vfm.comparison(base, rows).iloc[0]
    b = vfm.comparison(higher, rows).iloc[0]
    assert b["unit_cost"] == pytest.approx(a["unit_cost"] * 1.3 / 1.2)
    assert b["bcr"] < a["bcr"]


def test_ordering_follows_evidence_strength_then_ratio(evaluated):
    rows = pack.load_chapter("value_for_money")["vfm_strands"].copy()
    rows.loc[rows["chapter"] == "surgeries", "evidence_strength"] = "strong"
    rows.loc[rows["chapter"] == "fit", "evidence_strength"] = "moderate"
    table = vfm.comparison(evaluated, rows)
    assert list(table["chapter"][:3]) == ["surgeries", "pa", "fit"]  # pa's ratio breaks the tie


def test_at_a_glance_is_written_from_the_table(evaluated):
    table = vfm.comparison(evaluated, pack.load_chapter("value_for_money")["vfm_strands"])
    text = vfm.at_a_glance(table)
    assert text.startswith("- The strongest evidence of cost effectiveness is for **Skilled")
    assert "£2.04 of benefit" in text
    assert "1 of the 6 strands costed has" in text
    assert "Evidence of benefit none: Social work surgeries." in text
    assert vfm.at_a_glance(table.iloc[0:0]).startswith("- No strand")


def test_unit_costs_at_the_price_year_are_uprated_with_the_deflator(evaluated):
    table = vfm.comparison(evaluated, pack.load_chapter("value_for_money")["vfm_strands"])
    deflators = {"2015-16": 80.0, "2020-21": 90.0, "2025-26": 100.0}
    today = vfm.at_price_year(table, deflators, "2015-16", "2025-26")
    assert (
        list(today.columns).index("unit_cost_today") == list(today.columns).index("unit_cost") + 1
    )
    assert today["unit_cost_today"].tolist() == pytest.approx((table["unit_cost"] * 1.25).tolist())
    assert today.drop(columns="unit_cost_today").equals(table)  # nothing else changes
    same = vfm.at_price_year(table, deflators, "2015-16", "2015-16")
    assert same["unit_cost_today"].tolist() == pytest.approx(table["unit_cost"].tolist())
    default = pack.load_chapter("value_for_money")["gdp_deflators"]
    pa_today = vfm.at_price_year(table, default, "2015-16", "2025-26").set_index("chapter")
    figs = evaluated["pa"].figures
    from evidencebook.analysis import appraisal as ap

    assert pa_today.loc["pa", "unit_cost_today"] == pytest.approx(
        ap.uprate(figs["pa.on_cost"], "2015-16", "2025-26", default)
    )
    with pytest.raises(KeyError, match="2030-31"):
        vfm.at_price_year(table, deflators, "2015-16", "2030-31")
    assert vfm.at_price_year(table.iloc[0:0], deflators, "2015-16", "2025-26").empty
    assert vfm.at_a_glance(today) == vfm.at_a_glance(table)  # the summary still works


def test_the_summary_of_evidence_says_what_the_report_found():
    rows = pack.load_chapter("value_for_money")["vfm_strands"].set_index("chapter")
    willow = rows.loc["willow", "benefit_evidence"]
    # the survey rated advice and consultation and the service overall, not training
    assert "advice and consultation" in willow and "did not rate training" in willow
    assert "advice and training highly" not in willow
    # effective with lower-risk young people, not with higher-risk ones
    assert "lower-risk" in willow and "not with higher-risk" in willow
    # the edge-of-care case files include those with clearly negative outcomes
    assert "4 clearly negative" in rows.loc["edge", "benefit_evidence"]
    # the PA benefit rests on self-reports with no comparison group
    assert "no comparison group" in rows.loc["pa", "benefit_evidence"]
