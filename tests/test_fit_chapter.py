"""The FIT chapter's compute(): what the notebook shows, built in the package."""

from __future__ import annotations

import pytest

from evidencebook.chapters import fit
from evidencebook.chapters.fit import model


@pytest.fixture(scope="module")
def tables():
    return fit.load("")


@pytest.fixture(scope="module")
def result(tables):
    return fit.compute(tables, fit.Parameters(mc_runs=200))


def test_result_holds_the_models_figures_and_the_rollout(result, tables):
    a = fit.Parameters().assumptions()
    for fid, value in model.figures(a, tables).items():
        assert result.figures[fid].value is value or result[fid] == value, fid
    assert result["fit.full_team_cost"] == pytest.approx(34825 + 47511 + 37853)
    assert result["fit.mc_runs"] == 200
    assert result["fit.team_cost_today"] == pytest.approx(
        (34825 + 47511 + 37853) * result["fit.price_factor"]
    )


def test_every_part_the_notebook_shows_is_there(result):
    shown = {"glance", "baseline", "teams", "families", "profile", "engagement", "outcomes"}
    shown |= {"demand", "published", "fielded", "per_family", "key_costs", "rollout_key"}
    assert shown <= set(result.text)
    assert {"theory_of_change", "makeup", "cost_steps", "check", "rollout_prices"} <= set(
        result.tables
    )
    assert {"trio", "engaged", "outcomes_chart", "fielded_chart", "rollout_tornado"} <= set(
        result.charts
    )
    for chart in result.charts.values():
        assert chart.description and len(chart.data), chart.key
    assert result.text["key_costs"].split()[:3] == ["Step", "How", "it"]


def test_parameters_change_the_result(tables):
    cheaper = fit.compute(tables, fit.Parameters(fit_overhead_per_worker=0.0, mc_runs=50))
    assert cheaper["fit.full_team_cost"] == pytest.approx(32825 + 45511 + 35853)


def test_a_pack_without_case_files_or_starts_leaves_those_parts_out(tables):
    bare = dict(tables)
    bare["fit_case_files"] = tables["fit_case_files"].iloc[0:0]
    bare["looked_after_starts_quarterly"] = tables["looked_after_starts_quarterly"].iloc[0:0]
    result = fit.compute(bare, fit.Parameters(mc_runs=50))
    assert not {"trio", "engaged", "outcomes_chart", "starts", "bases"} & set(result.charts)
    result.show("trio")  # shows nothing rather than failing


def test_fit_figures_say_c_where_withheld_and_x_where_not_available():
    import pandas as pd

    from evidencebook.chapters.fit import charts, wording

    for text in (model._n, model._gbp, lambda v: model._change(v, "+.0f")):
        assert text(pd.NA) == "c" and text(None) == "x" and text(float("nan")) == "x"
    assert wording._gbp_text(pd.NA) == "c" and wording._gbp_text(float("nan")) == "x"
    assert wording._gbp_text(1234.5) == "£1,234.50"
    starts = model.QuarterlyStarts("2015-Q3", 0, "2016-Q3", 5, "2016-Q3", 5, float("nan"))
    evidence = {"A": model.FITEvidence(open_cpp=pd.NA, starts=starts)}
    rows = model.demand_rows(evidence)
    assert rows["change_pct_withheld"].tolist() == [False, True]
    chart = charts.change(evidence)
    assert chart.figure is not None  # not every change is withheld: one is not available
    assert list(chart.figure.data[0].text) == ["x", "c"]
    assert chart.data["change_pct"].tolist() == [None, "c"]  # not available: blank
    assert "change_pct_withheld" not in chart.data.columns
    assert "Starts, all A: x" in chart.description and "Open CPPs, all A: c" in chart.description
    assert "c: withheld" in chart.description and "x: not available" in chart.description
