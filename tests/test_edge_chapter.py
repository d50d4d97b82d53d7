"""The edge of care chapter as one computation: its parameters, the assumptions built from
them, the figures beyond the reference list, and its charts."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from evidencebook.chapters import edge
from evidencebook.chapters import registry as strands
from evidencebook.chapters.edge import appraisal, charts
from evidencebook.chapters.edge import model as edge_model


@pytest.fixture(scope="module")
def tables():
    return edge.load("")


@pytest.fixture(scope="module")
def result(tables):
    return edge.compute(tables, edge.Parameters())


def test_assumptions_from_the_parameters_are_the_registry_s():
    p = edge.Parameters(edge_worker_salary=30000.0, vol_coordinators_hants=5)
    assert p.assumptions() == strands.STRANDS["edge"].parameters(p.values()).assumptions()
    assert p.assumptions().mentor.coordinators == 5


def test_unit_cost_model_reads_its_inputs_by_parameter_name():
    a = edge.Parameters().assumptions()
    params = appraisal.edge_params(a, 1.0)
    assert appraisal.assumptions_from(params) == a
    more = appraisal.edge_unit_cost({**params, "edge_activities_cost": 1165.0})
    assert more - appraisal.edge_unit_cost(params) == pytest.approx(100.0)


def test_compute_gives_every_part_the_notebook_shows(result):
    assert set(result.charts) == {
        "needs", "engagement", "case_files", "starts_by_age", "starts_by_quarter", "unit_cost",
        "rollout_tornado", "rollout_histogram",
    }  # fmt: skip
    assert set(result.tables) == {
        "theory_of_change", "cost_steps", "check", "rollout_prices", "rollout_ranges", "rollout_mc"
    }  # fmt: skip
    assert result.text["rollout_key"].splitlines()[0].split()[0] == "measure"
    assert result.text["cost_steps"].splitlines()[-1].split()[-1] == "£3,273.02"
    assert result["edge.unit_cost"] == pytest.approx(3273.02, abs=0.01)


def test_chapter_figures_give_intervals_for_the_case_file_sample(tables):
    a = edge.Parameters().assumptions()
    figs = edge_model.figures(a, tables)
    more = edge_model.chapter_figures(a, tables, figs)
    for share in ("imminent", "positive", "partial", "negative"):
        low, high = more[f"edge.{share}_pct_low"], more[f"edge.{share}_pct_high"]
        assert low < more[f"edge.{share}_pct"] < high
    assert more["edge.overhead_pct"] == pytest.approx(20.0)
    assert more["edge.unit_cost_low"] < figs["edge.unit_cost"] < more["edge.unit_cost_high"]


def test_case_file_chart_with_every_count_withheld_has_no_figure():
    files = pd.DataFrame(
        {
            "question": ["imminent_risk", "short_term_outcome"],
            "judgement": ["imminent", "positive"],
            "label": ["Imminent risk", "Positive"],
            "cases": [pd.NA, pd.NA],
        }
    )
    chart = charts.case_files(files)
    assert chart.figure is None
    assert list(chart.data["cases"]) == ["c", "c"]


def test_unit_cost_chart_stacks_the_three_elements():
    a = dataclasses.replace(
        edge.Parameters().assumptions(),
        activities_cost_low=100.0,
        activities_cost=200.0,
        activities_cost_high=300.0,
    )
    chart = charts.unit_cost(a, edge_model.cost_model(a))
    assert list(chart.data["activities"]) == [100.0, 200.0, 300.0]
    diffs = chart.data["total"].diff().dropna().tolist()
    assert diffs == pytest.approx([100.0, 100.0])
    assert "cheapest activities £100" in chart.description


@pytest.mark.parametrize(("matched", "symbol"), [(pd.NA, "c"), (None, "x")])
def test_the_engagement_chart_leaves_out_a_mentor_share_it_cannot_show(tables, matched, symbol):
    """With the mentor counts withheld (a book built with --suppress-below 100) or not
    available, the other bars are drawn and the mentor's is not: its label, data cell and
    description say why."""
    figs = {
        "edge.mentor_matched_share": matched,
        "edge.mentor_matched": matched,
        "edge.mentor_requests": matched,
    }
    chart = charts.engagement(tables["edge_engagement"], figs)
    mentor = chart.data[chart.data["what"] == "Mentor requests matched"].iloc[0]
    assert mentor["share_pct"] == symbol and mentor["shown"] == symbol
    drawn = chart.figure.data[0]
    assert list(drawn.text)[-1] == symbol and pd.isna(list(drawn.x)[-1])
    assert pd.notna(list(drawn.x)[0])  # the pilot's engagement shares are drawn
    note = chart.figure.layout.annotations[0]  # the symbol where the bar would start
    assert note.text.strip() == symbol and note.y == "Mentor requests matched"
    assert f"Mentor requests matched: {symbol}" in chart.description
    assert "not drawn" in chart.description
