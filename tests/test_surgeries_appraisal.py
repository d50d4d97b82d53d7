"""The surgery model's roll-out appraisal: the county-wide cost at today's prices."""

from __future__ import annotations

import pandas as pd
import pytest

from evidencebook.analysis import ranges as st
from evidencebook.analysis.uncertainty import monte_carlo
from evidencebook.chapters import registry as strands
from evidencebook.chapters.surgeries import appraisal

SWS = strands.STRANDS["surgeries"].parameters(strands.parameter_values()).assumptions()


def test_surgeries_scaled_cost_is_the_projection_uprated_with_whole_workers():
    params = appraisal.surgeries_params(SWS, 1.25)
    cost = appraisal.surgeries_scaled_cost
    assert cost(params) == pytest.approx(8 * 31709 * 1.2 * 1.25)
    assert cost({**params, "sws_workers": 9.4}) == pytest.approx(9 * 31709 * 1.2 * 1.25)
    assert cost({**params, "sws_workers": 10.6}) == pytest.approx(11 * 31709 * 1.2 * 1.25)
    workers = {r.name: r for r in appraisal.SURGERIES_RANGES}["sws_workers"]
    assert workers.bounds(8) == (7, 11)
    with pytest.raises(ValueError):
        cost({**params, "sws_worker_salary": -1})


def test_surgeries_monte_carlo_is_reproducible_and_covers_the_base():
    base, ranges = appraisal.surgeries_params(SWS, 1.1), appraisal.SURGERIES_RANGES
    model = appraisal.surgeries_scaled_cost
    first = monte_carlo(model, st.distributions(ranges, base), 2000, 2017, base)
    again = monte_carlo(model, st.distributions(ranges, base), 2000, 2017, base)
    pd.testing.assert_frame_equal(first.summary, again.summary)
    row = first.summary.iloc[0]
    assert row["p5"] < model(base) < row["p95"]


def test_surgeries_ranges_say_why():
    for r in appraisal.SURGERIES_RANGES:
        assert len(r.why) > 20, r.name
        assert r.why.startswith(st.JUDGEMENT) or "findings" in r.why or "Table" in r.why
