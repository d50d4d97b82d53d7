"""The shared roll-out section (analysis.rollout), on small hand-made inputs."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from evidencebook.analysis import rollout as ro
from evidencebook.analysis.chapter import ChapterResult
from evidencebook.analysis.ranges import InputRange

DEFLATORS = pd.DataFrame(
    {
        "financial_year": ["2015-16", "2025-26"],
        "index": [80.0, 100.0],
        "source": ["HMT deflators; outturn", "HMT deflators; forecast"],
    }
)
RANGES = (
    InputRange("a", "Cost A", "gbp", "relative", -0.1, 0.1, "why a"),
    InputRange("b", "Cost B", "gbp", "values", 0.0, 150.0, "why b"),
)
BASE = {"a": 100.0, "b": 50.0, "price_factor": 1.25}
ONE = ro.RolloutWording(
    outputs=(ro.RolloutOutput("output", "The team", "Monte Carlo team", "team_cost", "team"),),
    tornado_title="X: what moves the cost",
    tornado_subject="the cost of the team",
    histogram_title="X: cost in draws",
    histogram_subject="the cost of the team",
    what_header="What (GBP a year)",
)


def total(params):
    return (params["a"] + params["b"]) * params["price_factor"]


def both(params):
    return {"total": total(params), "a_only": params["a"] * params["price_factor"]}


SETTINGS = ro.RolloutSettings("2015-16", "2025-26", optimism_bias=0.5, mc_runs=500, mc_seed=7)


def a_rollout(model=total, **changes):
    settings = dataclasses.replace(SETTINGS, **changes)
    rows = [("A", 100.0), ("Total", 150.0)]
    return ro.cost_rollout(
        "x", model, BASE, RANGES, rows, settings=settings, deflators=DEFLATORS, wording=ONE
    )


def test_price_factor_is_the_deflators_ratio():
    assert ro.price_factor(DEFLATORS, "2015-16", "2025-26") == pytest.approx(1.25)


def test_figures_worked_by_hand():
    figs = a_rollout().figures()
    assert figs["x.input_price_year"] == "2015-16" and figs["x.price_year"] == "2025-26"
    assert (figs["x.deflator_from"], figs["x.deflator_to"]) == (80.0, 100.0)
    assert figs["x.price_factor"] == pytest.approx(1.25)
    assert figs["x.price_rise_pct"] == pytest.approx(25.0)
    assert figs["x.deflator_source"] == "HMT deflators; outturn; forecast"
    assert figs["x.optimism_bias_pct"] == 50.0
    assert figs["x.team_cost_today"] == pytest.approx(187.5)
    assert figs["x.team_cost_planning"] == pytest.approx(187.5 * 1.5)
    # B's range (0 to 150) swings the cost most: (100 + 0) x 1.25 to (100 + 150) x 1.25.
    assert figs["x.tornado_top"] == "cost B"
    assert (figs["x.tornado_top_from"], figs["x.tornado_top_to"]) == (125.0, 312.5)
    assert figs["x.tornado_inputs"] == 2 and figs["x.mc_inputs"] == 2
    assert (figs["x.mc_runs"], figs["x.mc_seed"], figs["x.mc_level"]) == (500, 7, 90)
    assert figs["x.mc_team_low"] < figs["x.mc_team_median"] < figs["x.mc_team_high"]
    # every draw lies between the lowest and highest possible cost
    assert 125.0 * 0.9 <= figs["x.mc_team_low"] and figs["x.mc_team_high"] <= 312.5 * 1.1


def test_same_seed_same_figures():
    assert a_rollout().figures() == a_rollout().figures()
    assert a_rollout().figures() != a_rollout(mc_seed=8).figures()


def test_tables_as_shown():
    r = a_rollout()
    prices = r.prices_table()
    assert list(prices.columns) == [
        "What (GBP a year)",
        "At 2015-16 prices (the report's)",
        "At 2025-26 prices",
        "At 2025-26 prices, with optimism bias",
    ]
    assert prices.iloc[1].tolist() == ["Total", "£150", "£188", "£281"]
    ranges = r.ranges_table()
    assert ranges["Range"].tolist() == ["£90.00 to £110", "£0.00 to £150"]
    assert ranges["How it is set, and why"].iloc[0] == "base -10% to +10%. why a"
    mc = r.mc_table()
    assert mc.columns[0] == "Output (GBP a year, 2025-26 prices, before optimism bias)"
    assert mc.iloc[0, 0] == "The team" and mc.iloc[0, 2].startswith("£")


def test_charts_describe_their_data():
    r = a_rollout()
    fig, desc, data = r.tornado_chart()
    assert fig.layout.title.text == "X: what moves the cost"
    assert desc.startswith("Tornado chart of the cost of the team at 2025-26 prices (base £188)")
    assert "Cost B: £0.00 gives £125, £150 gives £312" in desc
    assert list(data.columns) == ro.TORNADO_COLUMNS
    fig, desc, data = r.histogram_chart()
    assert desc.startswith("Histogram of the cost of the team in 500 draws (seed 7), from £")
    assert int(data["draws"].sum()) == 500 and len(data) == ro.HISTOGRAM_BINS


def test_key_text_lists_the_price_factor_prices_and_interval():
    lines = a_rollout().key_text().splitlines()
    assert lines[0].split() == ["measure", "basis", "value"]
    assert lines[1].split() == ["Price", "factor", "2015-16", "to", "2025-26", "1.2500"]
    assert lines[3].split() == ["Total", "2025-26", "187.50"]
    assert lines[4].startswith("Monte Carlo team p5 / median / p95, 500 draws, seed 7")


def test_add_to_fills_a_chapters_result():
    result = ChapterResult("x")
    a_rollout().add_to(result)
    assert set(result.tables) == {"rollout_prices", "rollout_ranges", "rollout_mc"}
    assert set(result.charts) == {"rollout_tornado", "rollout_histogram"}
    assert result.charts["rollout_tornado"].title == "X: what moves the cost"
    assert result.text["rollout_key"].startswith(" ") or "measure" in result.text["rollout_key"]
    assert result["x.team_cost_today"] == pytest.approx(187.5)
    assert result.figures["x.price_factor"].source == ro.SOURCE
    other = ChapterResult("x")
    a_rollout().add_to(other, key="appraisal")
    assert "appraisal_tornado" in other.charts and "appraisal_key" in other.text


def test_several_outputs_with_their_own_ids_and_a_tornado_of_one():
    wording = ro.RolloutWording(
        outputs=(
            ro.RolloutOutput("total", "Both", "Monte Carlo total", "total", "both"),
            ro.RolloutOutput("a_only", "A alone", "Monte Carlo a", "a", "a", planning=False),
        ),
        tornado_title="T",
        tornado_subject="the total",
        histogram_title="H",
        histogram_subject="A alone",
        histogram_output="a_only",
        decimals=2,
    )
    r = ro.cost_rollout(
        "y",
        both,
        BASE,
        RANGES,
        [("A", 100.0)],
        settings=ro.RolloutSettings("2015-16", "2025-26", 0.0, 200, 1),
        deflators=DEFLATORS,
        wording=wording,
        tornado_model=total,
        tornado_ranges=RANGES[:1],
    )
    figs = r.figures()
    assert figs["y.total_today"] == pytest.approx(187.5) and figs["y.a_today"] == 125.0
    assert "y.total_planning" in figs and "y.a_planning" not in figs
    assert figs["y.tornado_inputs"] == 1 and figs["y.mc_inputs"] == 2
    assert {"y.mc_both_median", "y.mc_a_median"} <= set(figs)
    assert r.mc_table().iloc[:, 0].tolist() == ["Both", "A alone"]
    assert "(base £187.50)" in r.tornado_chart()[1]
    fig, desc, _ = r.histogram_chart()
    assert desc.startswith("Histogram of A alone in 200 draws")
    assert [line.split(" p5")[0] for line in r.key_text().splitlines()[-2:]] == [
        "Monte Carlo total",
        "    Monte Carlo a",
    ]


def test_wording_must_name_every_output():
    with pytest.raises(ValueError, match="the wording names"):
        a_rollout(model=both)
    with pytest.raises(ValueError, match="at least one output"):
        ro.RolloutWording((), "t", "s", "h", "s")
    with pytest.raises(ValueError, match="not an output"):
        ro.RolloutWording(ONE.outputs, "t", "s", "h", "s", histogram_output="nope")


def test_settings_are_read_from_a_chapters_parameters():
    class Params:
        input_price_year, price_year, optimism_bias, mc_runs, mc_seed = (
            "2015-16",
            "2025-26",
            0.41,
            100,
            3,
        )
        other = "not a setting"

    settings = ro.RolloutSettings.of(Params())
    assert settings == ro.RolloutSettings("2015-16", "2025-26", 0.41, 100, 3)
    assert settings.price_factor(DEFLATORS) == pytest.approx(1.25)
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.mc_runs = 5  # type: ignore[misc]


def test_the_rollout_keeps_its_settings():
    r = a_rollout(mc_seed=9)
    assert r.settings == dataclasses.replace(SETTINGS, mc_seed=9)
    assert (r.input_price_year, r.price_year, r.optimism_bias) == ("2015-16", "2025-26", 0.5)
    assert (r.mc_runs, r.mc_seed) == (500, 9)


def test_named_inputs_map_assumptions_to_parameter_names_and_back():
    @dataclasses.dataclass(frozen=True)
    class Costs:
        salary: float
        posts: int
        note: str = ""

    named = ro.NamedInputs(Costs, {"salary": "x_salary", "posts": "x_posts"})
    costs = Costs(30000.0, 3)
    assert named.inputs(costs) == {"x_salary": 30000.0, "x_posts": 3}
    inputs = named.inputs(costs, 1.5)
    assert list(inputs) == ["x_salary", "x_posts", "price_factor"] and inputs["price_factor"] == 1.5
    assert named.assumptions(inputs) == costs
    assert named.assumptions(inputs, note="n") == Costs(30000.0, 3, "n")
    with pytest.raises(KeyError):
        named.assumptions({"x_salary": 1.0})


@pytest.mark.parametrize("chapter", ["fit", "edge", "willow", "surgeries", "volunteers"])
def test_each_strand_with_a_rollout_declares_its_settings(chapter):
    import importlib

    module = importlib.import_module(f"evidencebook.chapters.{chapter}")
    declared = ro.RolloutSettings(
        *(
            f().default
            for f in (ro.input_price_year, ro.price_year, ro.optimism_bias, ro.mc_runs, ro.mc_seed)
        )
    )
    assert ro.RolloutSettings.of(module.Parameters()) == declared
    changed = module.Parameters(mc_seed=1, price_year="2024-25")
    assert ro.RolloutSettings.of(changed) == dataclasses.replace(
        declared, mc_seed=1, price_year="2024-25"
    )
