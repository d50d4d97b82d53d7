"""The PA chapter as a function: its parameters, wording, charts and ``compute``."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from evidencebook.chapters import pa
from evidencebook.chapters import registry as strands
from evidencebook.chapters.pa import appraisal, charts, wording

#: Few draws: the tests check the shape of the result, not the Monte Carlo's figures.
QUICK = pa.Parameters(mc_runs=200)


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return pa.load()


@pytest.fixture(scope="module")
def result(tables):
    return pa.compute(tables, QUICK)


def test_parameters_give_the_registrys_assumptions():
    assert pa.Parameters().assumptions() == (
        strands.STRANDS["pa"].parameters(strands.parameter_values()).assumptions()
    )
    changed = pa.Parameters.from_values({"sw_per_pa": 4.0, "fit_da_salary": 1.0})
    assert changed.assumptions().sw_per_pa == 4.0


def test_grade_phrases():
    assert wording.grade_evidence(3) == "moderate"
    assert wording.grade_evidence(1) == "set by hand"  # no strength of evidence is grade 1
    grades = pd.DataFrame({"grade": [1, 2, 3], "cut": [0.0, 0.1, 0.2], "bcr": [1.2, 1.0, 0.9]})
    assert wording.first_grade_below_1(grades) == "grade 3"
    assert wording.first_grade_below_1(grades.iloc[:2]) == "none of the grades"
    assert wording.lower_first("Social worker salary") == "social worker salary"


def test_tables_in_words():
    steps = pd.DataFrame({"step": ["A"], "how": ["by hand"], "gbp_per_year": [1234.5]})
    assert wording.cost_steps(steps).to_dict("records") == [
        {"Step": "A", "How it is worked out": "by hand", "GBP a year": "£1,234.50"}
    ]
    grades = pd.DataFrame({"grade": [2], "cut": [0.1], "bcr": [1.234]})
    assert wording.grades(grades).iloc[0].tolist() == [2, "10%", "1.23"]
    switches = pd.DataFrame(
        {
            "input": ["x", "y"],
            "base_text": ["1", "2"],
            "value_text": ["3", None],
            "sentence": ["s", "t"],
        }
    )
    shown = wording.switches(switches, {"x": "X", "y": "Y"})
    assert shown["Switching value"].tolist() == ["3", "not reached"]
    assert shown["Assumption"].tolist() == ["X", "Y"]


def test_no_sickness_chart_without_sickness_figures(tables):
    assert charts.sickness(tables["pa_sickness"].iloc[0:0]) is None
    chart = charts.sickness(tables["pa_sickness"])
    assert chart.description.startswith("Bar chart. Teams piloting PAs: ")


def test_compute_states_every_figure_once_with_a_source(result):
    assert all(fid.startswith("pa.") for fid in result.figures)
    assert all(f.source for f in result.figures.values())
    reference = pa.model.figures(QUICK.assumptions(), pa.load())
    assert {k: result[k] for k in reference} == reference  # the report's figures, unchanged
    assert result["pa.bcr"] == pytest.approx(appraisal.pa_rollout(default_base()).bcr)


def default_base() -> dict[str, float]:
    """The roll-out's inputs as the chapter builds them (default parameters)."""
    tables = pa.load()
    figs = pa.model.figures(QUICK.assumptions(), tables)
    return appraisal.pa_appraisal_from_parameters(
        QUICK.values(), QUICK.assumptions(), figs, tables["gdp_deflators"]
    )


def test_compute_builds_every_part_the_notebook_shows(result):
    assert {
        "time_use_chart",
        "time_for_families_chart",
        "caseload_chart",
        "sickness_chart",
        "cost_chart",
        "streams_chart",
        "switching_chart",
        "tornado_chart",
        "mc_chart",
    } == set(result.charts)
    assert {"posts", "caseloads", "sickness", "pilot_costs", "key_costs", "key_appraisal"} <= set(
        result.text
    )
    header = result.text["key_costs"].split("\n")[0]
    assert "Step" in header and "How it is worked out" in header and "GBP a year" in header
    assert "200 draws, seed 2017" in result.text["key_appraisal"]
    assert list(result.tables["measures"].frame.columns) == ["Measure", "Value (2025-26 prices)"]


def test_a_pack_without_sickness_figures(tables):
    quiet = dict(tables, pa_sickness=tables["pa_sickness"].iloc[0:0])
    result = pa.compute(quiet, QUICK)
    assert "sickness_chart" not in result.charts and "pa.sickness_pa" not in result.figures
    assert "no figures for sickness" in result.text["sickness"]
    result.show("sickness_chart")  # shows nothing rather than failing


def test_the_rollout_follows_the_parameters(tables):
    figs = pa.model.figures(QUICK.assumptions(), tables)
    costs = pa.model.cost_model(QUICK.assumptions(), 0.36, 0.14, {})
    base = appraisal.rollout(QUICK, costs, figs, tables["gdp_deflators"])
    longer = appraisal.rollout(
        dataclasses.replace(QUICK, appraisal_years=10), costs, figs, tables["gdp_deflators"]
    )
    assert len(longer.result.streams) == 10 and len(base.result.streams) == 5
    assert longer.result.bcr == pytest.approx(base.result.bcr)  # same flows every year
    assert set(base.labels) == {
        r.name for r in appraisal.PA_RANGES + appraisal.PA_ADJUSTMENT_RANGES
    }
