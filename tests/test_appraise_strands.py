"""Strand appraisals: price base, the PA roll-out over several years, switching values,
documented ranges, and the volunteer and edge of care unit-cost models."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from evidencebook.analysis import appraisal as ap
from evidencebook.analysis import pack
from evidencebook.analysis import strand_appraisal as st
from evidencebook.analysis.uncertainty import Triangular, monte_carlo
from evidencebook.chapters import registry as strands
from evidencebook.chapters.edge import appraisal as edge_appraisal
from evidencebook.chapters.edge import model as edge
from evidencebook.chapters.pa import appraisal as pa_ap
from evidencebook.chapters.pa.model import cost_model
from evidencebook.chapters.volunteers import appraisal as vol_appraisal
from evidencebook.chapters.volunteers import model as volunteers
from evidencebook.chapters.willow import appraisal as willow_appraisal

#: The report's assumptions, built by the strand registry from the chapters' declared
#: defaults (the per-model tests type the report's values out independently).
DEFAULTS = strands.parameter_values()
REPORT_PA = strands.STRANDS["pa"].parameters(DEFAULTS).assumptions()
ON_COST = 540000 * 1.2 / 49  # 13,224.4898 (Appendix 4)
SAVING = 40913 * (0.36 - 0.14) * 3  # 27,002.58 (Appendix 4)

VOLUNTEERS = strands.STRANDS["volunteers"].parameters(DEFAULTS).assumptions()
IN_HOUSE, COMMISSIONED = VOLUNTEERS.in_house, VOLUNTEERS.commissioned
EDGE = strands.STRANDS["edge"].parameters(DEFAULTS).assumptions()


def pa_inputs(**changes) -> dict[str, float]:
    settings = {
        "price_factor": 1.0,
        "years": 1,
        "discount_rate": 0.035,
        "optimism_bias": 0.0,
        "benefit_reduction": 0.0,
        "deadweight": 0.0,
        "attribution": 1.0,
        "cashable_share": 0.0,
        "setup_cost": 0.0,
    }
    settings.update(changes)
    return pa_ap.pa_appraisal_params(REPORT_PA, 0.36, 0.14, **settings)


# --- ranges -------------------------------------------------------------------------------


def test_input_ranges_of_each_kind_worked_by_hand():
    points = st.InputRange("x", "X", "share", "points", -0.05, 0.05, "why", 0.0, 1.0)
    assert points.bounds(0.14) == pytest.approx((0.09, 0.19))
    assert points.bounds(0.02) == pytest.approx((0.0, 0.07))  # kept within the minimum
    relative = st.InputRange("y", "Y", "gbp", "relative", -0.1, 0.2, "why")
    assert relative.bounds(1000) == pytest.approx((900, 1200))
    values = st.InputRange("z", "Z", "number", "values", 33, 33, "why")
    assert values.bounds(50) == (33, 50)  # widened to include the base
    assert values.bounds(20) == (20, 33)
    assert points.describe() == "base -5 to +5 percentage points"
    assert relative.describe() == "base -10% to +20%"
    assert values.describe() == "33 to 33"
    assert values.describe(50) == "33 to 50"


def test_impossible_ranges_are_refused():
    with pytest.raises(ValueError, match="kind"):
        st.InputRange("x", "X", "share", "percent", 0, 1, "why")
    with pytest.raises(ValueError, match="unit"):
        st.InputRange("x", "X", "pounds", "values", 0, 1, "why")
    with pytest.raises(ValueError, match="more than high"):
        st.InputRange("x", "X", "share", "values", 1, 0, "why")
    with pytest.raises(KeyError, match="x"):
        st.resolve([st.InputRange("x", "X", "share", "values", 0, 1, "why")], {"y": 1})


def test_distributions_keep_the_base_value_as_their_mean():
    base = pa_inputs()
    dist = st.distributions(pa_ap.PA_RANGES, base)
    after = dist["admin_share_after"]  # a range centred on the base: the base most likely
    assert (after.low, after.mode, after.high) == pytest.approx((0.09, 0.14, 0.19))
    assert dist["sw_per_pa"] == Triangular(2.0, 3.0, 4.0)
    averages = {r.name for r in pa_ap.PA_RANGES if r.base_is_mean}
    for name, d in dist.items():
        assert d.low <= base[name] <= d.high
        if name in averages:
            assert d.mean == pytest.approx(base[name]), name
    # a plan, not an average: all the cuts made is the most likely value, the risk one-sided
    assert dist["admin_cuts_made"] == Triangular(0.5, 1.0, 1.0)


def test_a_reported_average_in_a_lopsided_range_stays_the_mean_of_the_draws():
    # edge of care activities: £675 to £2,000 around a reported average of £1,065. As the
    # most likely value of a triangle it gave a mean of about £1,247.
    spec = st.InputRange("activities", "Activities", "gbp", "values", 675.0, 2000.0, "why")
    dist = st.distributions([spec], {"activities": 1065.0})["activities"]
    assert dist.mean == pytest.approx(1065.0)
    draws = dist.sample(np.random.default_rng(2017), 200_000)
    assert draws.mean() == pytest.approx(1065.0, rel=0.005)
    assert draws.min() >= 675.0 and draws.max() <= 2000.0
    assert Triangular(675.0, 1065.0, 2000.0).mean == pytest.approx(1246.67, abs=0.01)


def test_every_range_says_why_and_judgements_say_so():
    everything = (
        pa_ap.PA_RANGES + pa_ap.PA_ADJUSTMENT_RANGES + edge_appraisal.edge_ranges(EDGE, None)
    )
    everything += vol_appraisal.volunteer_ranges(None)
    for r in everything:
        assert len(r.why) > 20, r.name
        assert r.why.startswith(st.JUDGEMENT) or any(
            w in r.why for w in ("Green Book", "GMCA", "Table", "findings")
        ), r.name
    table = st.ranges_table(pa_ap.PA_RANGES, pa_inputs())
    assert list(table.columns) == ["input", "assumption", "base", "low", "high", "range", "why"]
    assert table.set_index("input").loc["sw_salary", "low"] == "£36,822"


def test_format_value():
    assert st.format_value(0.14, "share") == "14%"
    assert st.format_value(0.2522, "share") == "25.2%"
    assert st.format_value(40913, "gbp") == "£40,913"
    assert st.format_value(10.22, "gbp") == "£10.22"
    assert st.format_value(-5847975.4, "gbp") == "-£5,847,975"
    assert st.format_value(2.0703, "number") == "2.07"
    assert st.format_value(12345.6, "number") == "12,346"


# --- price base ---------------------------------------------------------------------------


def test_price_base_worked_by_hand():
    deflators = {"2015-16": 80.0, "2025-26": 100.0}
    items = [("A cost", "cost", 800.0), ("A benefit", "benefit", 400.0)]
    table = st.price_base(items, "2015-16", "2025-26", deflators, 1.41, 0.5)
    assert table["price_year"].tolist() == pytest.approx([1000, 500])
    assert table["adjusted"].tolist() == pytest.approx([1410, 250])
    assert table["input_prices"].tolist() == [800, 400]
    with pytest.raises(ValueError, match="kind"):
        st.price_base([("x", "saving", 1.0)], "2015-16", "2025-26", deflators)


def test_deflator_source_names_the_series_and_refuses_missing_years():
    table = pack.load_chapter("pa", "")["gdp_deflators"]
    text = st.deflator_source(table, "2015-16", "2025-26")
    assert "HM Treasury" in text and "March 2026" in text
    assert text.count("HM Treasury") == 1  # the shared source once, each year's note kept
    assert "outturn" in text and "forecast" in text
    made_up = pd.DataFrame(
        {"financial_year": ["2015-16", "2025-26"], "source": ["A; B; old", "A; B; forecast"]}
    )
    assert st.deflator_source(made_up, "2015-16", "2025-26") == "A; B; old; forecast"
    with pytest.raises(KeyError, match="2040-41"):
        st.deflator_source(table, "2015-16", "2040-41")


# --- the PA roll-out ----------------------------------------------------------------------


def test_one_year_with_no_adjustments_is_the_report_model():
    v = pa_ap.pa_rollout_values(pa_inputs())
    costs = cost_model(REPORT_PA, 0.36, 0.14, {})
    assert v.unit_cost == pytest.approx(costs.on_cost) == pytest.approx(ON_COST)
    assert v.annual_cost == pytest.approx(648000)
    assert v.annual_benefit == pytest.approx(SAVING * 49)
    assert v.bcr == pytest.approx(costs.benefit_per_pound)
    assert v.npv == pytest.approx(SAVING * 49 - 648000)
    assert v.pv_benefit_cashable == 0


def test_two_years_discounted_uprated_and_adjusted_worked_by_hand():
    v = pa_ap.pa_rollout_values(
        pa_inputs(
            years=2,
            price_factor=1.25,
            optimism_bias=0.41,
            benefit_reduction=0.2,
            deadweight=0.1,
            attribution=0.9,
            cashable_share=0.25,
            setup_cost=10000,
        )
    )
    annuity = 1 + 1 / 1.035
    cost = (648000 * 1.25 * annuity + 10000) * 1.41
    benefit = SAVING * 49 * 1.25 * annuity * 0.8 * 0.9 * 0.9
    assert v.pv_cost == pytest.approx(cost)
    assert v.pv_benefit == pytest.approx(benefit)
    assert v.pv_benefit_cashable == pytest.approx(benefit * 0.25)
    assert v.pv_benefit_notional == pytest.approx(benefit * 0.75)
    assert v.unit_cost == pytest.approx(ON_COST * 1.25)  # before optimism bias


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"years": 5, "optimism_bias": 0.41},
        {"years": 7, "discount_rate": 0.05, "setup_cost": 250000, "cashable_share": 0.3},
        {"years": 30, "benefit_reduction": 0.4, "deadweight": 0.2, "attribution": 0.8},
        {"years": 3, "price_factor": 1.37, "setup_cost": 2e6, "optimism_bias": 0.1},
    ],
)
def test_closed_form_matches_the_year_by_year_appraisal(changes):
    params = pa_inputs(**changes)
    fast = pa_ap.pa_rollout_values(params)
    full = pa_ap.pa_rollout_appraisal(params)
    assert fast.pv_cost == pytest.approx(full.pv_cost)
    assert fast.pv_benefit_cashable == pytest.approx(full.pv_benefit_cashable)
    assert fast.pv_benefit_notional == pytest.approx(full.pv_benefit_notional)
    assert fast.npv == pytest.approx(full.npv)
    assert fast.bcr == pytest.approx(full.bcr)
    assert pa_ap.pa_rollout(params).bcr == pytest.approx(full.bcr)
    assert pa_ap.pa_rollout_outputs(params) == pytest.approx(
        {"unit_cost": fast.unit_cost, "bcr": full.bcr, "npv": full.npv}
    )


def test_horizon_and_rate_change_npv_but_not_the_ratio_without_a_set_up_cost():
    short, long = (pa_ap.pa_rollout_values(pa_inputs(years=n)) for n in (1, 10))
    assert long.bcr == pytest.approx(short.bcr)
    assert long.npv > short.npv
    with_setup = pa_ap.pa_rollout_values(pa_inputs(years=10, setup_cost=1e6))
    assert with_setup.bcr < long.bcr
    year = pa_ap.pa_rollout_appraisal(pa_inputs(years=10, setup_cost=1e6)).payback_year
    # Each year nets 27,002.58 x 49 - 648,000 = 675,126.42 before discounting. Year 0 ends
    # 1,000,000 - 675,126.42 = 324,873.58 short; year 1 adds 675,126.42 / 1.035 = 652,296.06.
    assert year == 1
    # With 2,000,000: short by 1,324,873.58, then 672,577.52, then 42,339.44 (year 2 adds
    # 630,238.08); year 3 adds 608,925.68.
    assert pa_ap.pa_rollout_appraisal(pa_inputs(years=10, setup_cost=2e6)).payback_year == 3


def test_a_changed_input_changes_what_depends_on_it_and_nothing_else():
    base = pa_ap.pa_rollout_values(pa_inputs())
    dearer = pa_ap.pa_rollout_values({**pa_inputs(), "rollout_net_cost": 600000})
    assert dearer.pv_cost > base.pv_cost and dearer.pv_benefit == base.pv_benefit
    paid_more = pa_ap.pa_rollout_values({**pa_inputs(), "sw_salary": 45000})
    assert paid_more.pv_benefit > base.pv_benefit and paid_more.pv_cost == base.pv_cost
    cash = pa_ap.pa_rollout_values(pa_inputs(cashable_share=1.0))
    assert cash.pv_benefit_cashable == pytest.approx(base.pv_benefit)
    assert cash.pv_benefit_notional == 0 and cash.bcr == pytest.approx(base.bcr)


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"years": 0}, ValueError),
        ({"years": 31}, ValueError),
        ({"years": 2.5}, ValueError),
        ({"discount_rate": 1.0}, ValueError),
        ({"cashable_share": 1.5}, ValueError),
        ({"setup_cost": -1}, ValueError),
        ({"price_factor": 0}, ValueError),
        ({"optimism_bias": -0.1}, ValueError),
        ({"deadweight": 2}, ValueError),
    ],
)
def test_impossible_roll_out_inputs_are_refused(changes, error):
    with pytest.raises(error):
        pa_ap.pa_rollout_values(pa_inputs(**changes))


def test_missing_and_unknown_inputs_are_named():
    params = pa_inputs()
    del params["setup_cost"]
    with pytest.raises(KeyError, match="setup_cost"):
        pa_ap.pa_rollout_values(params)
    with pytest.raises(KeyError, match="typo"):
        pa_ap.pa_rollout_values({**pa_inputs(), "typo": 1})


def test_payback_text():
    assert st.payback_text(0, 5) == "pays back in year 0 (the 1st year of delivery)"
    assert st.payback_text(2, 5) == "pays back in year 2 (the 3rd year of delivery)"
    assert st.payback_text(10, 30) == "pays back in year 10 (the 11th year of delivery)"
    assert st.payback_text(None, 5) == "does not pay back within the 5 years appraised"
    # a notional benefit pays nothing back: it can only match the costs on paper
    notional = st.payback_text(0, 5, notional=True)
    assert "pays back" not in notional and "notional" in notional and "year 0" in notional
    assert st.payback_text(None, 5, notional=True) == (
        "would not see its valued benefits match its costs within the 5 years appraised"
    )


def test_bcr_by_grade_cuts_the_ratio_by_each_grade_share():
    base = pa_inputs(optimism_bias=0.41)
    table = st.bcr_by_grade(pa_ap.pa_rollout, base)
    ratio = SAVING / (ON_COST * 1.41)
    assert table["grade"].tolist() == [1, 2, 3, 4, 5, 6]
    assert table["bcr"].tolist() == pytest.approx(
        [ratio * (1 - c) for c in ap.CONFIDENCE_GRADE_REDUCTIONS.values()]
    )


# --- switching values ---------------------------------------------------------------------


def test_switching_values_of_the_roll_out_worked_by_hand():
    base = pa_inputs(optimism_bias=0.41, years=5, price_factor=1.3)
    table = st.switching_table(pa_ap.pa_rollout, base, pa_ap.PA_SWITCHES).set_index("input")
    ratio = SAVING / (ON_COST * 1.41)  # 1.4481, whatever the years and prices
    cases = {
        "admin_share_after": 0.36 - (0.36 - 0.14) / ratio,
        "admin_share_before": 0.14 + (0.36 - 0.14) / ratio,
        "sw_salary": 40913 / ratio,
        "sw_per_pa": 3 / ratio,
        "rollout_net_cost": 540000 * ratio,
        "overhead_rate": 1.2 * ratio - 1,
        "optimism_bias": 1.41 * ratio - 1,
        "benefit_reduction": 1 - 1 / ratio,
        "deadweight": 1 - 1 / ratio,
        "attribution": 1 / ratio,
    }
    for name, expected in cases.items():
        assert table.loc[name, "value"] == pytest.approx(expected, rel=1e-9), name
        at = pa_ap.pa_rollout({**base, name: table.loc[name, "value"]}).bcr
        assert at == pytest.approx(1, abs=1e-9), name
    row = table.loc["admin_share_after"]
    assert row["sentence"] == (
        "The benefit-cost ratio falls to 1 if social workers with a PA still spend 20.8% of "
        "their week on administration instead of 14% (+6.8 percentage points)."
    )
    assert row["ratio_to_base"] == pytest.approx(cases["admin_share_after"] / 0.14)
    assert math.isnan(table.loc["deadweight", "ratio_to_base"])  # a base of 0


def test_switching_values_when_out_of_reach_or_already_below_one():
    base = pa_inputs(optimism_bias=0.41)
    spec = st.SwitchSpec("admin_share_after", "{value} after", "share", (0.0, 0.2))
    row = st.switching_table(pa_ap.pa_rollout, base, [spec]).iloc[0]
    assert row["value"] is None or math.isnan(row["value"])
    assert row["change"] == "not reached" and row["sentence"].startswith("No value from 0%")
    poor = pa_inputs(optimism_bias=0.41, benefit_reduction=0.6)
    row = st.switching_table(pa_ap.pa_rollout, poor, pa_ap.PA_SWITCHES[2:3]).iloc[0]
    assert row["sentence"].startswith("The benefit-cost ratio rises to 1 if the social worker")
    assert row["value"] == pytest.approx(40913 / (SAVING * 0.4 / (ON_COST * 1.41)))


# --- tornado and Monte Carlo --------------------------------------------------------------


def test_tornado_table_labels_each_input_and_its_values():
    base = pa_inputs(optimism_bias=0.41)
    table = st.tornado_table(pa_ap.pa_rollout, base, pa_ap.PA_RANGES + pa_ap.PA_ADJUSTMENT_RANGES)
    assert table["swing"].is_monotonic_decreasing
    row = table.set_index("parameter").loc["sw_per_pa"]
    assert (row["label"], row["low_text"], row["high_text"]) == (
        "Social workers supported by one PA",
        "2",
        "4",
    )
    assert row["output_low"] == pytest.approx(SAVING / 3 * 2 / (ON_COST * 1.41))
    ob = table.set_index("parameter").loc["optimism_bias"]
    assert (ob["low"], ob["high"]) == (0.0, 0.41)


def test_monte_carlo_of_the_roll_out_is_reproducible():
    base = pa_inputs(optimism_bias=0.41, years=5)
    ranges = st.distributions(pa_ap.PA_RANGES, base)
    first = monte_carlo(pa_ap.pa_rollout_outputs, ranges, 2000, 2017, base)
    again = monte_carlo(pa_ap.pa_rollout_outputs, ranges, 2000, 2017, base)
    other = monte_carlo(pa_ap.pa_rollout_outputs, ranges, 2000, 7, base)
    pd.testing.assert_frame_equal(first.summary, again.summary)
    assert not first.summary.equals(other.summary)
    bcr = first.summary.set_index("output").loc["bcr"]
    assert bcr["p5"] < pa_ap.pa_rollout(base).bcr < bcr["p95"]


# --- volunteers and edge of care ----------------------------------------------------------


def test_volunteer_unit_costs_are_the_table_24_models_uprated():
    params = vol_appraisal.volunteer_params(IN_HOUSE, COMMISSIONED, 1.5)
    costs = vol_appraisal.volunteer_unit_costs(params)
    hants = volunteers.in_house_costs(IN_HOUSE).unit_cost
    iow = volunteers.commissioned_costs(COMMISSIONED).unit_cost
    assert costs == pytest.approx({"unit_cost_hants": hants * 1.5, "unit_cost_iow": iow * 1.5})
    # By hand: (38,050.80 / 50 + 60,913.20 / 4 / 50 + 122.64) / 3 = 396.2808 at report prices.
    assert hants == pytest.approx((31709 * 1.2 / 50 + 50761 * 1.2 / 4 / 50 + 10.22 * 12) / 3)
    assert vol_appraisal.volunteer_unit_cost_hants(params) == pytest.approx(hants * 1.5)
    more = vol_appraisal.volunteer_unit_costs({**params, "vol_interventions_per_volunteer": 6})
    assert more["unit_cost_hants"] == pytest.approx(hants * 1.5 / 2)
    with pytest.raises(ValueError):
        vol_appraisal.volunteer_unit_costs({**params, "vol_per_coordinator": 0})


def test_coordinator_load_range_comes_from_the_data_when_it_can():
    delivery = pack.load_chapter("volunteers", "")["vol_delivery"]
    r = vol_appraisal.coordinator_load_range(delivery)
    low = float(delivery.set_index("authority").loc["Hampshire", "active_per_coordinator_low"])
    assert r.bounds(50) == (low, 50)
    assert "Volunteering findings" in r.why
    fallback = vol_appraisal.coordinator_load_range(None)
    assert fallback.bounds(50) == pytest.approx((35, 50))
    assert fallback.why.startswith(st.JUDGEMENT)


def test_edge_unit_cost_is_table_23_uprated_and_its_ranges_include_the_mentor():
    params = edge_appraisal.edge_params(EDGE, 1.2)
    assert edge_appraisal.edge_unit_cost(params) == pytest.approx(
        edge.cost_model(EDGE).unit_cost * 1.2
    )
    ranges = edge_appraisal.edge_ranges(EDGE, None)
    names = [r.name for r in ranges]
    assert names[0] == "edge_activities_cost" and "vol_interventions_per_volunteer" in names
    assert ranges[0].bounds(1065) == (675, 2000)
    labels = {r.name: r.label for r in ranges}
    assert labels["vol_per_coordinator"].startswith("Mentor: ")
    assert labels["overhead_rate"] == "Overhead rate"
    table = st.tornado_table(edge_appraisal.edge_unit_cost, params, ranges)
    assert table.iloc[0]["parameter"] == "edge_activities_cost"  # the widest range
    assert set(table["parameter"]) == set(names)


def test_chapter_defaults_are_the_documented_package_defaults():
    from evidencebook.analysis import uncertainty
    from evidencebook.building import build

    chapters = build.chapter_parameters()
    deflators = ap.deflator_index(pack.load_chapter("pa", "")["gdp_deflators"])
    for name in ("pa", "volunteers", "edge", "fit", "willow", "surgeries"):
        declared = {n: p.default for n, p in chapters[name].items()}
        assert declared["optimism_bias"] == ap.DEFAULT_OPTIMISM_BIAS, name
        assert declared["mc_runs"] == uncertainty.DEFAULT_DRAWS, name
        assert declared["mc_seed"] == uncertainty.DEFAULT_SEED, name
        assert declared["input_price_year"] in deflators and declared["price_year"] in deflators
    pa = {n: p.default for n, p in chapters["pa"].items()}
    assert pa["discount_rate"] == ap.GREEN_BOOK_DISCOUNT_RATE
    # graded by the book's rule for the PA evidence (rated moderate), not the package's
    # neutral default of no cut
    assert pa["benefit_confidence_grade"] == ap.grade_for_evidence("moderate")
    assert (pa["deadweight"], pa["attribution"]) == (ap.DEFAULT_DEADWEIGHT, ap.DEFAULT_ATTRIBUTION)
    assert 1 <= pa["appraisal_years"] <= ap.MAX_YEARS
    assert (pa["pa_cashable_share"], pa["pa_setup_cost"]) == (0.0, 0.0)  # notional, none given


# --- FIT, Willow and surgeries ------------------------------------------------------------

WILLOW = strands.STRANDS["willow"].parameters(DEFAULTS).assumptions()


def test_willow_total_is_table_25_uprated():
    params = willow_appraisal.willow_params(WILLOW, 2.0)
    assert willow_appraisal.willow_total(params) == pytest.approx(262980 * 2.0)  # Table 25's total
    assert willow_appraisal.willow_total({**params, "overhead_rate": 0.3}) == pytest.approx(
        219150 * 1.3 * 2
    )
    more = willow_appraisal.willow_total({**params, "cse_sw_posts": 4})
    assert more == pytest.approx((219150 + 40913) * 1.2 * 2)
    table = st.tornado_table(
        willow_appraisal.willow_total, params, willow_appraisal.willow_ranges()
    )
    # Three social workers at +/-10% (£58,917) swing more than overheads at +/-5 points.
    assert table.iloc[0]["parameter"] == "sw_salary"
    overheads = table.set_index("parameter").loc["overhead_rate"]
    assert overheads["output_high"] - overheads["output_low"] == pytest.approx(219150 * 0.1 * 2)
    sw = table.set_index("parameter").loc["sw_salary"]
    assert sw["output_high"] - sw["output_low"] == pytest.approx(3 * 40913 * 0.2 * 1.2 * 2)


def test_cost_only_strands_monte_carlo_is_reproducible_and_covers_the_base():
    cases = (
        (
            willow_appraisal.willow_total,
            willow_appraisal.willow_params(WILLOW, 1.1),
            willow_appraisal.willow_ranges(),
        ),
    )
    for model, base, ranges in cases:
        first = monte_carlo(model, st.distributions(ranges, base), 2000, 2017, base)
        again = monte_carlo(model, st.distributions(ranges, base), 2000, 2017, base)
        pd.testing.assert_frame_equal(first.summary, again.summary)
        row = first.summary.iloc[0]
        assert row["p5"] < model(base) < row["p95"], model.__name__


def test_new_ranges_say_why():
    for r in willow_appraisal.willow_ranges():
        assert len(r.why) > 20, r.name
        assert r.why.startswith(st.JUDGEMENT) or "findings" in r.why or "Table" in r.why


# --- the PA appraisal from the book's parameters ------------------------------------------


def test_pa_appraisal_from_parameters_is_the_pa_chapters_appraisal():
    from evidencebook.chapters import registry as strands

    params = strands.parameter_values()
    figs = {"pa.admin_share_before": 36.0, "pa.admin_share_after": 14.0}
    deflators = {"2015-16": 80.0, "2025-26": 100.0}
    base = pa_ap.pa_appraisal_from_parameters(params, REPORT_PA, figs, deflators)
    expected = pa_ap.pa_appraisal_params(
        REPORT_PA,
        0.36,
        0.14,
        price_factor=1.25,
        years=params["appraisal_years"],
        discount_rate=params["discount_rate"],
        optimism_bias=params["optimism_bias"],
        benefit_reduction=ap.confidence_reduction(params["benefit_confidence_grade"]),
        deadweight=params["deadweight"],
        attribution=params["attribution"],
        cashable_share=params["pa_cashable_share"],
        setup_cost=params["pa_setup_cost"],
    )
    assert base == pytest.approx(expected)
    changed = {**params, "benefit_confidence_grade": 3, "price_year": "2015-16"}
    other = pa_ap.pa_appraisal_from_parameters(changed, REPORT_PA, figs, deflators)
    assert other["benefit_reduction"] == ap.CONFIDENCE_GRADE_REDUCTIONS[3]
    assert other["price_factor"] == 1.0
    with pytest.raises(KeyError):
        pa_ap.pa_appraisal_from_parameters({}, REPORT_PA, figs, deflators)


def test_the_pa_net_cost_assumes_the_cuts_in_other_support_and_varies_them():
    base = pa_inputs()
    cuts = pa_ap.pa_admin_cuts(base["pa_salary"], base["rollout_posts"], base["rollout_net_cost"])
    # 49 posts at £25,380 less the £540,000 net cost (Appendix 4)
    assert cuts == pytest.approx(49 * 25380 - 540000)
    assert pa_ap.pa_net_cost(base) == pytest.approx(540000)
    short = {**base, "admin_cuts_made": 2 / 3}
    assert pa_ap.pa_net_cost(short) == pytest.approx(540000 + cuts / 3)
    assert pa_ap.pa_rollout(short).bcr < pa_ap.pa_rollout(base).bcr
    switches = st.switching_table(pa_ap.pa_rollout, base, pa_ap.PA_SWITCHES).set_index("input")
    assert 0 < switches.loc["admin_cuts_made", "value"] < 1
    with pytest.raises(ValueError, match="admin_cuts_made"):
        pa_ap.pa_net_cost({**base, "admin_cuts_made": 1.5})
