"""FIT's roll-out appraisal: a full team's cost at today's prices and its ranges."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from evidencebook.analysis import pack
from evidencebook.analysis import ranges as st
from evidencebook.analysis.uncertainty import monte_carlo
from evidencebook.chapters import registry as strands
from evidencebook.chapters.fit import appraisal
from evidencebook.chapters.fit import model as fit

FIT = strands.STRANDS["fit"].parameters(strands.parameter_values()).assumptions()


def test_fit_team_cost_is_the_three_appendix_4_costs_uprated():
    params = appraisal.fit_params(FIT, 1.5)
    assert appraisal.fit_team_cost(params) == pytest.approx((34825 + 47511 + 37853) * 1.5)
    assert appraisal.fit_team_cost({**params, "fit_overhead_per_worker": 0}) == pytest.approx(
        (32825 + 45511 + 35853) * 1.5
    )
    assert appraisal.fit_team_cost({**params, "price_factor": 1.0}) == fit.full_team_cost(FIT)


def test_assumptions_from_named_inputs_are_the_registrys():
    assert appraisal.assumptions_from(appraisal.fit_params(FIT, 1.0)) == FIT


def test_fit_mental_health_range_gives_the_chapters_team_cost_range():
    ranges = appraisal.fit_ranges(FIT)
    params = appraisal.fit_params(FIT, 1.0)
    mh = {r.name: r for r in ranges}["fit_mh_salary"]
    assert mh.bounds(35853) == (28792 - 2000, 46133 - 2000)
    table = st.tornado_table(appraisal.fit_team_cost, params, ranges)
    row = table.set_index("parameter").loc["fit_mh_salary"]
    tables = pack.load_chapter("fit", "")
    costs = fit.cost_model(FIT, tables["fit_team_makeup"], tables["fit_families"])
    assert row["output_low"] == pytest.approx(costs.full_team_cost_mh_low)
    assert row["output_high"] == pytest.approx(costs.full_team_cost_mh_high)
    assert table.iloc[0]["parameter"] == "fit_mh_salary"  # the widest range
    overhead = table.set_index("parameter").loc["fit_overhead_per_worker"]
    assert (overhead["low"], overhead["high"]) == (1000, 4000)
    # The range follows the parameters: a council's own lowest and highest costs.
    other = appraisal.fit_ranges(dataclasses.replace(FIT, mh_cost_low=30000, mh_cost_high=40000))
    assert other[0].bounds(35853) == (28000, 38000)


def test_fit_monte_carlo_is_reproducible_and_covers_the_base():
    base, ranges = appraisal.fit_params(FIT, 1.1), appraisal.fit_ranges(FIT)
    model = appraisal.fit_team_cost
    first = monte_carlo(model, st.distributions(ranges, base), 2000, 2017, base)
    again = monte_carlo(model, st.distributions(ranges, base), 2000, 2017, base)
    pd.testing.assert_frame_equal(first.summary, again.summary)
    row = first.summary.iloc[0]
    assert row["p5"] < model(base) < row["p95"]


def test_fit_ranges_say_why():
    for r in appraisal.fit_ranges(FIT):
        assert len(r.why) > 20, r.name
        assert r.why.startswith(st.JUDGEMENT) or "findings" in r.why
    assert not appraisal.fit_ranges(FIT)[0].why.startswith(st.JUDGEMENT)  # from the report
