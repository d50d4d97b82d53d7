"""The value-for-money comparison lines up each strand's own model outputs."""

from __future__ import annotations

import pandas as pd
import pytest

from evidencebook import pack, strands
from evidencebook.models import value_for_money as vfm


@pytest.fixture(scope="module")
def evaluated():
    return strands.evaluate()


def test_default_comparison(evaluated):
    table = vfm.comparison(evaluated, pack.load_chapter("value_for_money")["vfm_strands"])
    assert set(table["chapter"]) == {"pa", "fit", "volunteers", "edge", "willow", "surgeries"}
    pa_row = table.set_index("chapter").loc["pa"]
    figs = evaluated["pa"][2]
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
