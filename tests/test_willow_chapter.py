"""The Willow chapter as one computation: its parameters, the assumptions built from them,
the figures beyond the reference list, and its charts."""

from __future__ import annotations

import pandas as pd
import pytest

from evidencebook.chapters import registry as strands
from evidencebook.chapters import willow
from evidencebook.chapters.willow import appraisal, charts
from evidencebook.chapters.willow import model as willow_model


@pytest.fixture(scope="module")
def tables():
    return willow.load("")


def test_assumptions_from_the_parameters_are_the_registry_s():
    p = willow.Parameters(cse_sw_posts=4, pa_salary=26000.0)
    assert p.assumptions() == strands.STRANDS["willow"].parameters(p.values()).assumptions()
    assert appraisal.assumptions_from(appraisal.willow_params(p.assumptions(), 1.0)) == (
        p.assumptions()
    )


def test_ranges_vary_each_salary_and_the_overheads_not_the_posts():
    names = [r.name for r in appraisal.willow_ranges()]
    assert names == ["sw_salary", "cse_manager_salary", "pa_salary", "cse_admin_c_salary",
                     "overhead_rate"]  # fmt: skip
    assert all(appraisal.MID_SCALE in r.why for r in appraisal.willow_ranges()[:4])


def test_compute_gives_every_part_the_notebook_shows(tables):
    result = willow.compute(tables, willow.Parameters())
    assert set(result.charts) == {
        "team", "survey", "returns", "costs", "rollout_tornado", "rollout_histogram"
    }  # fmt: skip
    assert set(result.tables) == {
        "theory_of_change", "cost_steps", "check", "rollout_prices", "rollout_ranges", "rollout_mc"
    }  # fmt: skip
    assert "Monte Carlo total" in result.text["rollout_key"]
    assert result.text["cost_steps"].splitlines()[-1].split()[-1] == "£262,980.00"
    assert result.text["returns_rise"].startswith("Table 16")
    assert result["cse.total"] == pytest.approx(262980)


def test_chapter_figures_count_the_team_and_the_survey(tables):
    a = willow.Parameters().assumptions()
    more = willow_model.chapter_figures(a, willow_model.cost_model(a), tables)
    assert more["cse.costed_posts"] == 6
    assert (
        more["cse.advice_good_low"]
        < 100 * more["cse.advice_good_k"] / more["cse.advice_good_base"]
        < more["cse.advice_good_high"]
    )
    assert more["cse.overhead_rate"] == pytest.approx(20.0)


def test_returns_chart_none_without_months_and_no_figure_when_all_withheld():
    empty = pd.DataFrame(columns=["authority", "month", "returning", "source"])
    assert charts.returns(empty) is None
    withheld = pd.DataFrame(
        {
            "authority": ["Hampshire"] * 2,
            "month": ["2015-10", "2015-11"],
            "returning": [pd.NA, pd.NA],
            "source": ["Table 16"] * 2,
        }
    )
    chart = charts.returns(withheld)
    assert chart.figure is None and list(chart.data["returning"]) == ["c", "c"]


def test_returns_chart_names_each_month_as_the_prose_does_and_keeps_the_codes_in_its_data():
    table = pd.DataFrame(
        {
            "authority": ["Hampshire"] * 3,
            "month": ["2015-10", "2015-11", "2015-12"],
            "returning": [95, pd.NA, 147],
            "source": ["Table 16"] * 3,
        }
    ).astype({"returning": "Int64"})
    chart = charts.returns(table)
    assert list(chart.figure.data[0].x) == ["Oct 2015", "Dec 2015"]  # the withheld not drawn
    assert chart.description.startswith("Line chart of Table 16, Oct 2015 to Dec 2015. ")
    assert "Oct 2015 95, Nov 2015 c, Dec 2015 147" in chart.description
    assert list(chart.data["month"]) == ["2015-10", "2015-11", "2015-12"]


def test_cost_chart_adds_the_overheads_as_the_last_bar():
    a = willow.Parameters(overhead_rate=0.5).assumptions()
    chart = charts.costs(a, willow_model.cost_model(a))
    assert chart.data["part"].iloc[-1] == "Overheads (50%)"
    assert chart.data["total"].iloc[-1] == pytest.approx(219150 * 0.5)
