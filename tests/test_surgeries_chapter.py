"""The surgeries chapter's compute(): what the notebook shows, built in the package."""

from __future__ import annotations

import pytest

from evidencebook.analysis.disclosure import withhold_pack
from evidencebook.analysis.pack import default_pack_dir
from evidencebook.chapters import surgeries


@pytest.fixture(scope="module")
def tables():
    return surgeries.load("")


def test_result_holds_the_projection_and_every_part_shown(tables):
    result = surgeries.compute(tables, surgeries.Parameters(mc_runs=200))
    assert result["sws.scaled_cost"] == pytest.approx(8 * 31709 * 1.2)
    assert result["sws.scaled_cost_rounded"] == 304000
    assert result["sws.mc_runs"] == 200
    assert {"glance", "outcomes", "demand", "key_costs", "rollout_key"} <= set(result.text)
    assert {"theory_of_change", "targets", "cost_steps", "check"} <= set(result.tables)
    assert {"trend", "targets_chart", "rollout_tornado", "rollout_histogram"} <= set(result.charts)
    assert result.charts["trend"].description.startswith("Line chart, Hampshire. Referrals: ")
    assert result.text["key_costs"].splitlines()[-1].split()[-1] == "£304,406.40"


def test_the_trend_chart_names_its_months_as_the_prose_does_in_time_order(tables):
    chart = surgeries.compute(tables, surgeries.Parameters(mc_runs=50)).charts["trend"]
    axis = chart.figure.layout.xaxis
    assert axis.categoryorder == "array"
    assert list(axis.categoryarray[:3]) == ["Mar 2015", "Sep 2015", "Oct 2015"]
    assert all(x in axis.categoryarray for trace in chart.figure.data for x in trace.x)
    assert "Referrals: Oct 2015 8,582" in chart.description
    assert set(chart.data["month"]) >= {"2015-03", "2015-10"}  # the data keep the codes
    # the last value of each line is printed right of the plot, not cut off at its edge
    assert all(trace.cliponaxis is False for trace in chart.figure.data)


def test_a_pack_with_no_counts_for_the_pilot_authority_leaves_the_charts_out(tables):
    result = surgeries.compute(tables, surgeries.Parameters(sws_authority="Nowhere", mc_runs=50))
    assert "trend" not in result.charts and "targets_chart" not in result.charts
    result.show("trend")  # shows nothing rather than failing


def test_every_count_withheld_gives_the_data_without_a_chart(tmp_path):
    withhold_pack(default_pack_dir(), tmp_path / "pack", 10**9)
    result = surgeries.compute(
        surgeries.load(str(tmp_path / "pack")), surgeries.Parameters(mc_runs=50)
    )
    trend = result.charts["trend"]
    assert trend.figure is None and set(trend.data["count"]) == {"c"}
    assert "Referrals fell" not in result.text["glance"]


def test_the_targets_chart_tells_a_withheld_change_from_one_not_available():
    import pandas as pd

    from evidencebook.chapters.surgeries import charts, model

    a = model.SWSAssumptions(
        workers=8, worker_salary=30000, overhead_rate=0.2, authority="A", baseline_from="2015-04"
    )
    chart = charts.targets(a, 10.0, {"referral_rise": pd.NA, "cin_rise": float("nan")})
    assert "Referrals, what happened: c" in chart.description
    assert "Children in Need, what happened: x" in chart.description
    assert "withheld count (c) are not drawn" in chart.description
    assert "not available (x) are not drawn" in chart.description
    assert chart.data["change_pct"].tolist()[1:] == ["c", None]  # x is blank in the download
