"""The volunteers chapter as a function: parameters to assumptions, the result's parts, and
the pieces new to the chapter folder (named inputs, report figures, tables and charts), on
small hand-made inputs."""

from __future__ import annotations

import pandas as pd
import pytest

from evidencebook.analysis import rollout as ro
from evidencebook.chapters import registry as strands
from evidencebook.chapters import volunteers
from evidencebook.chapters.volunteers import appraisal, charts, model, wording

NAMED = {
    "vol_coordinator_salary": 10000,
    "overhead_rate": 0.5,
    "vol_per_coordinator": 10,
    "vol_coordinators_hants": 2,
    "vol_admin_cost": 4000,
    "vol_expenses_monthly": 5,
    "vol_interventions_per_volunteer": 2,
    "vol_iow_service_cost": 2400,
    "vol_iow_volunteers": 4,
    "price_factor": 2.0,
}


def test_named_inputs_build_both_models():
    home = appraisal.in_house_from(NAMED)
    assert (home.coordinator_salary, home.volunteers_per_coordinator) == (10000, 10)
    assert (home.coordinators, home.interventions_per_volunteer) == (2, 2)
    bought = appraisal.commissioned_from(NAMED)
    assert (bought.service_cost, bought.volunteers, bought.expenses_monthly) == (2400, 4, 5)
    # commissioned: (2,400 / 4 + 5 x 12) / 2 = 330 at input prices, 660 at twice the prices
    assert appraisal.volunteer_unit_costs(NAMED)["unit_cost_iow"] == pytest.approx(660)
    # in-house: (15,000 / 10 + 6,000 / 2 / 10 + 60) / 2 = 930, so 1,860
    assert appraisal.volunteer_unit_cost_hants(NAMED) == pytest.approx(1860)


def test_the_declared_defaults_give_the_registrys_assumptions():
    mine = volunteers.Parameters().assumptions()
    assert mine == (
        strands.STRANDS["volunteers"].parameters(strands.parameter_values()).assumptions()
    )
    other = volunteers.Parameters(vol_in_house_authority="Northshire", vol_iow_volunteers=10)
    a = other.assumptions()
    assert a.in_house_authority == "Northshire" and a.commissioned.volunteers == 10


def test_the_report_figures_set_beside_the_books():
    reference = pd.DataFrame(
        {
            "id": [*model.STATED.values(), "vol.ri_per_volunteer_low"],
            "value": ["1.5"] * len(model.STATED) + ["4"],
        }
    )
    stated = model.stated_figures(reference)
    assert set(stated) == set(model.STATED) | {"vol.ri_implied_per_volunteer"}
    assert stated["vol.unit_cost_hants_report"] == 1.5
    assert stated["vol.ri_implied_per_volunteer"] == 6.0  # 1.5 per interview x 4 a year


def test_extra_figures_by_hand():
    a = volunteers.Parameters(
        overhead_rate=0.5, vol_expenses_monthly=5, vol_interventions_per_volunteer=2
    ).assumptions()
    extra = model.extra_figures(a)
    assert extra["vol.overhead_pct"] == 50
    assert extra["vol.expenses_per_volunteer"] == 60
    assert extra["vol.iow_expenses_per_intervention"] == 30


def test_places_are_named_as_the_prose_needs():
    places = wording.place_figures("Isle of Wight", "Northshire")
    assert places["vol.in_house_in"] == "on the Isle of Wight"
    assert places["vol.commissioned_possessive"] == "Northshire's"


def test_the_check_table_shows_missing_and_withheld_book_values():
    check = pd.DataFrame(
        {
            "what": ["a", "b", "c"],
            "unit": ["GBP"] * 3,
            "report": [1, 2, 3],
            "book": [1234.5, None, "c"],
            "check": ["ok"] * 3,
            "where": ["Table 24"] * 3,
            "kind": ["stated"] * 3,
        }
    )
    shown = wording.check_table(check)
    assert list(shown["book"]) == ["1,234.50", "not in this pack", "c"]
    assert "kind" not in shown


EVIDENCE = {
    "Northshire": {
        "enquiries": 100,
        "applications": 50,
        "inducted": 20,
        "resigned": 2,
        "withdrawn": 3,
        "remaining": 15,
    },
    "Southby": {"fs_engaged": 4, "fs_benefited": 3},
}


def test_one_funnel_for_each_authority_with_the_recruitment_counts():
    (funnel,) = charts.recruitment_funnels(EVIDENCE)
    assert funnel.key == "recruitment_funnel/Northshire"
    assert funnel.title == "Northshire volunteer recruitment, from enquiry to active"
    assert "Of 100 enquiries, 50 applied, 20 completed induction and 15 were still" in (
        funnel.description
    )
    assert list(funnel.data["share_of_enquiries"])[-1] == "15 of 100 (15%)"


def test_the_completion_chart_is_left_out_or_withheld_when_the_pack_says_nothing():
    assert charts.completion(model.completion_rows({})) == []
    withheld = {"Southby": {"fs_engaged": pd.NA, "fs_benefited": 3}}
    (chart,) = charts.completion(model.completion_rows(withheld))
    assert chart.figure is None and list(chart.data["base"]) == ["c"]
    (chart,) = charts.completion(model.completion_rows(EVIDENCE))
    assert "Family support (Southby): 3 of 4 families engaged benefited (75%)" in (
        chart.description
    )


def test_compute_gives_the_models_figures_and_every_part_the_notebook_shows():
    result = volunteers.compute(volunteers.load(""), volunteers.Parameters())
    a = volunteers.Parameters().assumptions()
    tables = volunteers.load("")
    assert all(result[k] == v for k, v in model.figures(a, tables).items())
    for key in ("glance", "recruitment", "coordinators", "cost_steps_key", "rollout_key"):
        assert result.text[key].strip(), key
    for key in ("delivery", "theory_of_change", "cost_steps", "check", "rollout_prices"):
        assert len(result.tables[key].frame), key
    for group in ("recruitment_charts", "training_charts", "missing_charts"):
        assert result.groups[group], group
    assert {"unit_cost_curve", "rollout_tornado", "rollout_histogram"} <= set(result.charts)


def test_the_rollout_doubles_costs_when_prices_double():
    a = volunteers.Parameters(overhead_rate=0.5, vol_interventions_per_volunteer=2).assumptions()
    deflators = pd.DataFrame(
        {"financial_year": ["2015-16", "2025-26"], "index": [50.0, 100.0], "source": ["x", "y"]}
    )
    r = appraisal.rollout(a, deflators, None, ro.RolloutSettings("2015-16", "2025-26", 0.5, 200, 1))
    unit = model.in_house_costs(a.in_house).unit_cost
    figs = r.figures()
    assert r.price_factor == 2.0
    assert figs["vol.unit_cost_hants_today"] == pytest.approx(unit * 2)
    assert figs["vol.unit_cost_hants_planning"] == pytest.approx(unit * 2 * 1.5)
    assert "vol.unit_cost_iow_planning" not in figs
    assert figs["vol.deflator_source"] == "x; y"
    assert figs["vol.mc_inputs"] == len(r.ranges) == 8
    assert figs["vol.tornado_inputs"] == 6  # the in-house model's inputs only
    prices = r.prices_table()
    assert prices.iloc[0, 1] == f"£{unit:,.2f}" and prices.iloc[0, 2] == f"£{unit * 2:,.2f}"
    key = r.key_text().splitlines()
    assert key[1].split()[:2] == ["Price", "factor"] and key[1].split()[-1] == "2.0000"
    assert [line.split()[:3] for line in key[-2:]] == [
        ["Monte", "Carlo", "unit_cost_hants"],
        ["Monte", "Carlo", "unit_cost_iow"],
    ]
    mc = r.mc_table()
    assert mc.iloc[1, 0] == "Isle of Wight (commissioned): unit cost per substantive intervention"
    assert r.tornado_base == pytest.approx(unit * 2)


def test_a_share_of_a_base_of_0_is_x_and_one_of_a_withheld_count_c():
    assert wording._plain_share(pd.NA, 10) == "c" and wording._plain_share(3, pd.NA) == "c"
    assert wording._plain_share(3, 0) == "x" and wording._plain_share(None, 10) == "x"
    assert wording._plain_share(3, 4) == "75%"
    assert wording._change_words(pd.NA) == "c" and wording._change_words(float("nan")) == "x"
    nobody = {"Southby": {"fs_engaged": 0, "fs_benefited": 0}}
    (chart,) = charts.completion(model.completion_rows(nobody))
    assert "(x, not available)" in chart.description and "withheld" not in chart.description
    assert list(chart.data["share_pct"]) == [None]  # blank in the download, not c
    shut = {"Southby": {"fs_engaged": 4, "fs_benefited": pd.NA}}
    (chart,) = charts.completion(model.completion_rows(shut))
    assert list(chart.data["share_pct"]) == ["c"] and list(chart.data["count"]) == ["c"]
    unknown = {"Southby": {"fs_engaged": 4, "fs_benefited": None}}
    (chart,) = charts.completion(model.completion_rows(unknown))
    assert "x of 4 families engaged benefited (x, not available)" in chart.description
    assert chart.figure is not None and list(chart.data["count"]) == [None]
