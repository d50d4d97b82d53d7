"""Economic appraisal: price base, discounting, adjustments, switching values, tornado."""

from __future__ import annotations

import pytest

from evidencebook.analysis import appraisal as ap
from evidencebook.analysis import national, pack
from evidencebook.analysis.schemas import all_tables, tables_for
from evidencebook.chapters.pa import appraisal as pa_ap
from evidencebook.chapters.pa.model import PAAssumptions, cost_model
from evidencebook.exceptions import DataError

# 1 / 1.035 ** t, worked by hand to 10 decimal places.
DF = [1.0, 0.9661835749, 0.9335107004, 0.9019427057]

REPORT_PA = PAAssumptions(
    pa_salary=25380,
    overhead_rate=0.2,
    sw_salary=40913,
    sw_per_pa=3,
    rollout_posts=49,
    rollout_net_cost=540000,
    extra_caseload_value=20000,
)


@pytest.fixture
def pa_base() -> dict[str, float]:
    return pa_ap.pa_params(REPORT_PA, 0.36, 0.14)


# --- price base ---------------------------------------------------------------------------


def test_uprate_scales_by_the_ratio_of_the_deflators():
    deflators = {"2015-16": 80.0, "2024-25": 100.0}
    assert ap.uprate(800, "2015-16", "2024-25", deflators) == pytest.approx(1000)
    assert ap.uprate(1000, "2024-25", "2015-16", deflators) == pytest.approx(800)
    assert ap.uprate(123, "2015-16", "2015-16", deflators) == 123


def test_uprate_refuses_unknown_or_badly_written_years():
    deflators = {"2015-16": 80.0}
    with pytest.raises(KeyError, match="2030-31"):
        ap.uprate(1, "2015-16", "2030-31", deflators)
    for bad in ("2015/16", "2015-17", "15-16", "2015"):
        with pytest.raises(ValueError, match="YYYY-YY"):
            ap.uprate(1, bad, "2015-16", deflators)
    with pytest.raises(ValueError, match="more than 0"):
        ap.uprate(1, "2015-16", "2016-17", {"2015-16": 80.0, "2016-17": 0.0})


def test_every_build_reads_hm_treasurys_deflator_with_outturn_and_forecast_marked():
    assert not (pack.default_pack_dir() / "gdp_deflators.csv").exists()
    table = pack.load_chapter("pa")["gdp_deflators"]
    index = ap.deflator_index(table)
    expected = [f"{y}-{(y + 1) % 100:02d}" for y in range(2000, 2031)]
    assert list(index) == expected
    assert index["2024-25"] == 100
    published = national.gdp_deflators().set_index("financial_year")
    assert all(index[y] == published.at[y, "index"] for y in index)
    for year, source in zip(table["financial_year"], table["source"], strict=True):
        assert "HM Treasury" in source and "March 2026" in source
        forecast = published.at[year, "forecast"]
        assert ("forecast (OBR, March 2026), not outturn" in source) == forecast
        assert ("outturn (ONS series L8GG)" in source) == (not forecast)
    assert [y for y in index if published.at[y, "forecast"]][0] == "2025-26"
    for chapter in ("pa", "fit", "volunteers", "edge", "willow", "surgeries", "value_for_money"):
        assert "gdp_deflators" in [t.name for t in tables_for(chapter)]
    uprated = ap.uprate(1000, "2015-16", "2024-25", table)
    assert uprated == pytest.approx(1000 * index["2024-25"] / index["2015-16"])


def test_a_packs_own_deflators_override_the_national_ones_and_are_checked(tmp_path):
    spec = all_tables()["gdp_deflators"]
    (tmp_path / "gdp_deflators.csv").write_text(
        "financial_year,index,source\n2015-16,50,mine\n2025-26,100,mine\n", encoding="utf-8"
    )
    own = pack.load_tables(tmp_path, [spec])["gdp_deflators"]
    assert ap.deflator_index(own) == {"2015-16": 50.0, "2025-26": 100.0}
    (tmp_path / "gdp_deflators.csv").write_text(
        "financial_year,index,source\n2015-16,-1,mine\n", encoding="utf-8"
    )
    with pytest.raises(DataError, match="gdp_deflators.csv, row 2, column 'index'"):
        pack.load_tables(tmp_path, [spec])
    (tmp_path / "gdp_deflators.csv").write_text("financial_year,index,source\n", encoding="utf-8")
    empty = pack.load_tables(tmp_path, [spec])["gdp_deflators"]  # no rows: the national one
    assert empty["financial_year"].iloc[0] == "2000-01"


# --- discounting and decision measures ----------------------------------------------------


def test_discount_factors_leave_year_0_undiscounted():
    assert ap.discount_factors(4) == pytest.approx(DF, abs=1e-10)
    assert ap.discount_factors(2, 0.0) == [1.0, 1.0]


def test_100_a_year_for_3_years_at_3_5_percent():
    result = ap.appraise(100, 0, 100, 3, optimism_bias=0)
    assert result.streams["pv_cost"].tolist() == pytest.approx([100, 96.6184, 93.3511], abs=1e-4)
    assert result.pv_cost == pytest.approx(100 + 96.61835749 + 93.35107004)
    assert result.pv_benefit_notional == pytest.approx(result.pv_cost)
    assert result.npv == pytest.approx(0, abs=1e-9)
    assert result.bcr == pytest.approx(1)
    assert result.payback_year == 0


def test_npv_bcr_and_payback_worked_by_hand():
    # Set-up 1,000 in year 0, then 100 a year; benefits 100 cashable + 400 notional a year.
    result = ap.appraise(100, 100, 400, 4, start_year_cost=1000, optimism_bias=0)
    pv_cost = 1100 + 100 * (DF[1] + DF[2] + DF[3])  # 1380.1636981
    pv_cash = 100 * sum(DF)  # 380.1636981
    pv_notional = 400 * sum(DF)  # 1520.6547924
    assert result.pv_cost == pytest.approx(pv_cost)
    assert result.pv_cost == pytest.approx(1380.1636981)
    assert result.pv_benefit_cashable == pytest.approx(pv_cash)
    assert result.pv_benefit_notional == pytest.approx(pv_notional)
    assert result.npv == pytest.approx(pv_cash + pv_notional - pv_cost)
    assert result.npv == pytest.approx(520.6547924)
    assert result.npv_cashable == pytest.approx(pv_cash - pv_cost)
    assert result.bcr == pytest.approx(1900.8184905 / 1380.1636981)
    assert result.bcr_cashable == pytest.approx(380.1636981 / 1380.1636981)
    # Cumulative PV benefits 500, 983.09, 1449.85 against costs 1100, 1196.62, 1289.97.
    assert result.payback_year == 2
    assert result.payback_year_cashable is None
    assert result.streams["cum_pv_benefit"].iloc[1] == pytest.approx(500 + 500 * DF[1])


def test_constant_flows_give_the_same_ratio_over_any_horizon():
    ratios = [ap.appraise(300, 0, 450, n, optimism_bias=0).bcr for n in (1, 5, 10, 30)]
    assert ratios == pytest.approx([1.5] * 4)


def test_summary_lists_the_headline_measures():
    result = ap.appraise(100, 50, 100, 2, optimism_bias=0)
    summary = result.summary().set_index("measure")["value"]
    assert summary["Net present value"] == pytest.approx(result.npv)
    assert summary["Benefit-cost ratio, cashable only"] == pytest.approx(0.5)


def test_impossible_appraisal_inputs_are_refused():
    for kwargs in (
        {"years": 0},
        {"years": 31},
        {"annual_cost": -1},
        {"optimism_bias": -0.1},
        {"benefit_confidence": 7},
        {"deadweight": 1.5},
        {"attribution": -0.1},
        {"discount_rate": -0.01},
    ):
        args = {"annual_cost": 1, "annual_benefit_cashable": 0, "annual_benefit_notional": 1}
        args.update({"years": 3, **kwargs})
        with pytest.raises(ValueError):
            ap.appraise(**args)


# --- adjustments --------------------------------------------------------------------------


def test_defaults_and_their_documented_values():
    assert ap.GREEN_BOOK_DISCOUNT_RATE == 0.035
    assert ap.DEFAULT_OPTIMISM_BIAS == ap.OPTIMISM_BIAS_UPPER["outsourcing"] == 0.41
    assert dict(ap.CONFIDENCE_GRADE_REDUCTIONS) == {
        1: 0.0,
        2: 0.1,
        3: 0.2,
        4: 0.3,
        5: 0.4,
        6: 0.6,
    }
    assert (ap.DEFAULT_CONFIDENCE_GRADE, ap.DEFAULT_DEADWEIGHT, ap.DEFAULT_ATTRIBUTION) == (1, 0, 1)
    assert all(ap.OPTIMISM_BIAS_LOWER[k] <= v for k, v in ap.OPTIMISM_BIAS_UPPER.items())


def test_optimism_bias_and_benefit_adjustments_worked_by_hand():
    # Cost 1,000 + 41% = 1,410. Benefit 1,000 x (1 - 20%) x (1 - 25%) x 50% = 300.
    result = ap.appraise(1000, 0, 1000, 1, benefit_confidence=3, deadweight=0.25, attribution=0.5)
    assert result.pv_cost == pytest.approx(1410)
    assert result.pv_benefit_notional == pytest.approx(300)
    assert result.bcr == pytest.approx(300 / 1410)


def test_each_confidence_grade_cuts_benefits_by_its_share():
    for grade, cut in ap.CONFIDENCE_GRADE_REDUCTIONS.items():
        result = ap.appraise(1, 1000, 0, 1, optimism_bias=0, benefit_confidence=grade)
        assert result.pv_benefit_cashable == pytest.approx(1000 * (1 - cut))


def test_grade_reductions_can_be_overridden():
    result = ap.appraise(1, 0, 100, 1, benefit_confidence=2, grade_reductions={1: 0, 2: 0.5})
    assert result.pv_benefit_notional == pytest.approx(50)


# --- the PA model -------------------------------------------------------------------------


def test_pa_bcr_is_the_report_benefit_per_pound(pa_base):
    result = pa_ap.pa_bcr(pa_base)
    costs = cost_model(REPORT_PA, 0.36, 0.14, {})
    assert result.benefit == pytest.approx(costs.saving_per_pa)
    assert result.cost == pytest.approx(costs.on_cost)
    assert result.bcr == pytest.approx(costs.benefit_per_pound)
    # By hand: 40,913 x (36% - 14%) x 3 = 27,002.58; 540,000 x 1.2 / 49 = 13,224.49.
    assert result.benefit == pytest.approx(27002.58)
    assert result.cost == pytest.approx(13224.4898, abs=1e-4)


def test_pa_bcr_optional_adjustments(pa_base):
    base = pa_ap.pa_bcr(pa_base)
    adjusted = pa_ap.pa_bcr({**pa_base, "optimism_bias": 0.41, "benefit_reduction": 0.3})
    assert adjusted.cost == pytest.approx(base.cost * 1.41)
    assert adjusted.benefit == pytest.approx(base.benefit * 0.7)


def test_pa_bcr_names_missing_and_unknown_inputs(pa_base):
    del pa_base["sw_salary"]
    with pytest.raises(KeyError, match="sw_salary"):
        pa_ap.pa_bcr(pa_base)
    with pytest.raises(KeyError, match="typo"):
        pa_ap.pa_bcr({**pa_ap.pa_params(REPORT_PA, 0.36, 0.14), "typo": 1})


# --- switching values ---------------------------------------------------------------------


def test_switching_value_of_admin_share_after_is_exact(pa_base):
    sv = ap.switching_value(pa_ap.pa_bcr, pa_base, "admin_share_after", bounds=(0, 1))
    # By hand: 0.36 - (540,000 x 1.2 / 49) / (40,913 x 3) = 0.2522551936.
    assert sv.method == "closed form (linear)"
    assert sv.value == pytest.approx(0.36 - (540000 * 1.2 / 49) / (40913 * 3), abs=1e-12)
    assert sv.value == pytest.approx(0.2522551936, abs=1e-10)
    assert abs(pa_ap.pa_bcr({**pa_base, "admin_share_after": sv.value}).bcr - 1) < 1e-9
    assert sv.base_value == 0.14
    assert sv.change == pytest.approx(sv.value - 0.14)
    assert "admin_share_after" in sv.describe()


def test_switching_value_for_another_target(pa_base):
    sv = ap.switching_value(pa_ap.pa_bcr, pa_base, "sw_salary", bounds=(0, 100000), target_bcr=1.5)
    assert abs(pa_ap.pa_bcr({**pa_base, "sw_salary": sv.value}).bcr - 1.5) < 1e-9
    assert sv.value == pytest.approx(1.5 * (540000 * 1.2 / 49) / (0.22 * 3))


def test_switching_value_by_bisection_where_the_model_is_not_linear(pa_base):
    # On-cost per PA = 648,000 / posts, so the ratio is 1 at 648,000 / 27,002.58 posts.
    sv = ap.switching_value(pa_ap.pa_bcr, pa_base, "rollout_posts", bounds=(1, 200))
    assert sv.method == "bisection"
    assert sv.value == pytest.approx(648000 / 27002.58, rel=1e-9)
    assert abs(pa_ap.pa_bcr({**pa_base, "rollout_posts": sv.value}).bcr - 1) < 1e-9


def test_switching_value_is_none_with_a_reason_when_out_of_reach(pa_base):
    sv = ap.switching_value(pa_ap.pa_bcr, pa_base, "admin_share_after", bounds=(0, 0.2))
    assert sv.value is None and not sv.found
    assert "outside" in sv.reason
    flat = ap.switching_value(lambda p: 2.0, {"x": 1.0}, "x", bounds=(0, 10))
    assert flat.value is None and "does not depend" in flat.reason
    curve = ap.switching_value(lambda p: 2 + p["x"] ** 2, {"x": 1.0}, "x", bounds=(0, 10))
    assert curve.value is None and "one side" in curve.reason
    assert "No value" in curve.describe()


@pytest.mark.parametrize(
    ("model", "bounds"),
    [
        (lambda p: ap.BenefitCost(3 * p["x"], 2.0), (0.0, 10.0)),  # straight line
        (lambda p: 0.5 + p["x"] ** 2, (0.0, 10.0)),  # a curve: bisection
        (lambda p: 2.0, (0.0, 10.0)),  # does not depend on x: one number for the grid
        (lambda p: 2 + p["x"] ** 2, (0.0, 10.0)),  # never reaches 1
    ],
)
def test_switching_value_on_the_whole_grid_at_once_is_the_same(model, bounds):
    one_by_one = ap.switching_value(model, {"x": 1.0}, "x", bounds=bounds)
    assert ap.switching_value(model, {"x": 1.0}, "x", bounds=bounds, at_once=True) == one_by_one


def test_pa_rollout_switching_values_at_once_are_the_same_to_the_bit():
    base = pa_ap.pa_appraisal_params(
        REPORT_PA, 0.36, 0.14, price_factor=1.3, years=5, discount_rate=0.035,
        optimism_bias=0.41, benefit_reduction=0.2, deadweight=0.1, attribution=0.9,
        cashable_share=0.25, setup_cost=1000.0,
    )  # fmt: skip
    for spec in pa_ap.PA_SWITCHES:
        for target in (0.5, 1.0, 2.0):
            values = [
                ap.switching_value(
                    pa_ap.pa_rollout,
                    base,
                    spec.name,
                    bounds=spec.bounds,
                    target_bcr=target,
                    at_once=at_once,
                )  # fmt: skip
                for at_once in (False, True)
            ]
            assert values[0] == values[1], (spec.name, target)


def test_switching_value_of_optimism_bias_in_a_multi_year_appraisal():
    base = {
        "annual_cost": 100.0,
        "annual_benefit_cashable": 0.0,
        "annual_benefit_notional": 150.0,
        "years": 5,
    }
    sv = ap.switching_value(
        ap.appraisal_bcr, {**base, "optimism_bias": 0.0}, "optimism_bias", bounds=(0, 2)
    )
    # 150 / (100 x (1 + b)) = 1 when b = 0.5, whatever the horizon.
    assert sv.method == "closed form (linear)"
    assert sv.value == pytest.approx(0.5)


def test_switching_value_needs_a_known_parameter(pa_base):
    with pytest.raises(KeyError):
        ap.switching_value(pa_ap.pa_bcr, pa_base, "nope", bounds=(0, 1))
    with pytest.raises(ValueError):
        ap.switching_value(pa_ap.pa_bcr, pa_base, "sw_salary", bounds=(1, 1))


# --- tornado ------------------------------------------------------------------------------


def test_tornado_is_sorted_by_swing():
    def model(p):
        return 2 * p["a"] + p["b"] + 0 * p["c"]

    base = {"a": 0.5, "b": 0.5, "c": 0.5}
    table = ap.tornado(model, base, {"c": (0, 1), "b": (0, 1), "a": (0, 1)})
    assert table["parameter"].tolist() == ["a", "b", "c"]
    assert table["swing"].tolist() == pytest.approx([2, 1, 0])
    assert table["output_base"].tolist() == pytest.approx([1.5] * 3)
    assert table.loc[0, ["output_low", "output_high"]].tolist() == pytest.approx([0.5, 2.5])
    assert list(table.columns) == [
        "parameter",
        "low",
        "high",
        "output_low",
        "output_high",
        "output_base",
        "swing",
    ]


def test_tornado_of_the_pa_model_puts_the_admin_share_first(pa_base):
    ranges = {
        "sw_salary": (36000, 46000),
        "admin_share_after": (0.10, 0.20),
        "overhead_rate": (0.15, 0.25),
    }
    table = ap.tornado(pa_ap.pa_bcr, pa_base, ranges)
    assert table["parameter"].tolist() == ["admin_share_after", "sw_salary", "overhead_rate"]
    # admin share 10% -> 40,913 x 0.26 x 3 / 13,224.49; 20% -> 40,913 x 0.16 x 3 / 13,224.49.
    assert table.loc[0, "output_low"] == pytest.approx(40913 * 0.26 * 3 / (648000 / 49))
    assert table.loc[0, "output_high"] == pytest.approx(40913 * 0.16 * 3 / (648000 / 49))
    with pytest.raises(KeyError):
        ap.tornado(pa_ap.pa_bcr, pa_base, {"nope": (0, 1)})


def test_one_rule_grades_every_strand_and_the_pa_chapter_uses_it():
    from evidencebook.analysis import pack
    from evidencebook.building import build

    vfm = pack.load_chapter("value_for_money")["vfm_strands"]
    strength = dict(zip(vfm["chapter"], vfm["evidence_strength"], strict=True))
    # the PA benefit (self-reports, no comparison group) is not scored at the best grade
    default = build.chapter_parameters()["pa"]["benefit_confidence_grade"].default
    assert default == ap.grade_for_evidence(strength["pa"]) > 1
    # the rule is monotonic: weaker evidence never gets a better grade
    order = ("strong", "moderate", "emerging", "limited", "none")
    grades = [ap.grade_for_evidence(s) for s in order]
    assert grades == sorted(grades) and min(grades) > 1
    with pytest.raises(ValueError, match="evidence strength"):
        ap.grade_for_evidence("good")


def test_grade_uncertainty_spans_the_neighbouring_grades():
    assert ap.neighbouring_cuts(3) == (0.1, 0.2, 0.3)
    assert ap.neighbouring_cuts(1) == (0.0, 0.1)
    assert ap.neighbouring_cuts(6) == (0.4, 0.6)
