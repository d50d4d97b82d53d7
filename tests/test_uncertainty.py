"""Uncertainty: Wilson intervals and Monte Carlo."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from evidencebook.analysis import arrays
from evidencebook.analysis.uncertainty import (
    Discrete,
    NotArraySafeError,
    Triangular,
    Uniform,
    array_safe,
    as_distribution,
    monte_carlo,
    wilson_interval,
)
from evidencebook.chapters.pa import appraisal as pa_ap
from evidencebook.chapters.pa.model import PAAssumptions

# --- Wilson -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("successes", "n", "low", "high"),
    [
        (81, 263, 0.2553, 0.3662),  # Newcombe (1998) worked examples
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
    ],
)
def test_wilson_matches_newcombe_1998(successes, n, low, high):
    got = wilson_interval(successes, n)
    assert got == pytest.approx((low, high), abs=5e-5)


def test_wilson_by_hand_for_5_of_12():
    z = 1.959963984540054
    p, n = 5 / 12, 12
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    assert wilson_interval(5, 12) == pytest.approx((centre - half, centre + half))
    assert wilson_interval(5, 12) == pytest.approx((0.1933, 0.6805), abs=5e-5)


def test_wilson_is_symmetric_and_bounded():
    low, high = wilson_interval(17, 19)
    mirror_low, mirror_high = wilson_interval(2, 19)
    assert (low, high) == pytest.approx((1 - mirror_high, 1 - mirror_low))
    assert (low, high) == pytest.approx((0.6861, 0.9706), abs=5e-5)
    assert wilson_interval(29, 29)[1] == 1.0
    assert wilson_interval(0, 29)[0] == 0.0


def test_a_higher_confidence_gives_a_wider_interval():
    narrow = wilson_interval(6, 8, 0.90)
    wide = wilson_interval(6, 8, 0.99)
    assert wide[0] < narrow[0] and wide[1] > narrow[1]


def test_wilson_refuses_impossible_counts():
    for successes, n, confidence in ((5, 4, 0.95), (-1, 4, 0.95), (0, 0, 0.95), (1, 4, 1.0)):
        with pytest.raises(ValueError):
            wilson_interval(successes, n, confidence)


# --- distributions ------------------------------------------------------------------------


def test_ranges_are_read_as_triangular_or_uniform():
    assert as_distribution((1, 2, 3)) == Triangular(1, 2, 3)
    assert as_distribution((1, 3)) == Uniform(1, 3)
    with pytest.raises(ValueError):
        as_distribution((1,))
    with pytest.raises(ValueError):
        Triangular(1, 4, 3)
    with pytest.raises(ValueError):
        Uniform(3, 1)


# --- Monte Carlo --------------------------------------------------------------------------


def linear(p):
    return {"total": p["a"] + 2 * p["b"] + p["fixed"]}


RANGES = {"a": (0, 5, 10), "b": Uniform(1, 3)}


def test_mean_is_close_to_the_point_estimate_when_ranges_are_symmetric():
    result = monte_carlo(linear, RANGES, n=10000, seed=1, base_params={"fixed": 100})
    point = 5 + 2 * 2 + 100
    x = result.samples["total"]
    assert abs(x.mean() - point) < 4 * x.std() / math.sqrt(len(x))
    row = result.summary.set_index("output").loc["total"]
    assert row["p5"] < row["median"] < row["p95"]
    assert row["mean"] == pytest.approx(x.mean())
    assert list(result.summary.columns) == ["output", "mean", "median", "p5", "p95"]


def test_draws_stay_within_their_ranges():
    result = monte_carlo(linear, RANGES, n=2000, seed=3, base_params={"fixed": 0})
    assert result.samples["a"].between(0, 10).all()
    assert result.samples["b"].between(1, 3).all()
    assert result.inputs == ("a", "b") and result.outputs == ("total",)


def test_same_seed_same_figures_and_different_seed_different_samples():
    first = monte_carlo(linear, RANGES, n=500, seed=42, base_params={"fixed": 0})
    again = monte_carlo(linear, RANGES, n=500, seed=42, base_params={"fixed": 0})
    other = monte_carlo(linear, RANGES, n=500, seed=43, base_params={"fixed": 0})
    pd.testing.assert_frame_equal(first.samples, again.samples)
    pd.testing.assert_frame_equal(first.summary, again.summary)
    assert not first.samples["a"].equals(other.samples["a"])


def test_monte_carlo_on_the_pa_model():
    a = PAAssumptions(25380, 0.2, 40913, 3, 49, 540000, 20000)
    base = pa_ap.pa_params(a, 0.36, 0.14)
    ranges = {"admin_share_after": (0.10, 0.14, 0.18), "sw_salary": (38913, 40913, 42913)}
    result = monte_carlo(pa_ap.pa_bcr, ranges, n=4000, seed=7, base_params=base)
    summary = result.summary.set_index("output")
    assert set(summary.index) == {"benefit", "cost", "bcr"}
    assert summary.loc["cost", "p5"] == pytest.approx(540000 * 1.2 / 49)
    # Symmetric ranges around a model close to linear: the mean BCR is near the point 2.04.
    assert summary.loc["bcr", "mean"] == pytest.approx(pa_ap.pa_bcr(base).bcr, rel=0.01)
    assert result.share_at_least("bcr", 1) == 1.0


def test_a_single_number_output_is_named_output():
    result = monte_carlo(lambda p: p["x"] * 2, {"x": (0, 1)}, n=10, seed=0)
    assert result.outputs == ("output",)
    with pytest.raises(ValueError):
        monte_carlo(lambda p: 0, {"x": (0, 1)}, n=0)


# --- percentages with their base and interval ---------------------------------------------


def test_format_share_gives_count_base_percentage_and_wilson_interval():
    from evidencebook.analysis.uncertainty import format_share

    assert format_share(97, 142) == "97 of 142 (68%, 95% interval 60% to 75%)"
    low, high = wilson_interval(6, 8)
    assert format_share(6, 8) == f"6 of 8 (75%, 95% interval {low:.0%} to {high:.0%})"
    assert format_share(6.0, 8.0) == format_share(6, 8)  # whole floats from a table
    assert format_share(0, 12) == "0 of 12 (0%, 95% interval 0% to 24%)"
    assert format_share(1155, 1155).startswith("1,155 of 1,155 (100%, 95% interval ")
    # By hand at 90% (z = 1.6449): centre 0.4320, half-width 0.2120, so 22.0% to 64.4%.
    assert format_share(5, 12, confidence=0.9, decimals=1).endswith(
        "(41.7%, 90% interval 22.0% to 64.4%)"
    )


def test_share_interval_refuses_impossible_counts():
    from evidencebook.analysis.uncertainty import share_interval

    for k, n in ((9, 8), (-1, 8), (1, 0), (2.5, 8), (True, 8)):
        with pytest.raises(ValueError):
            share_interval(k, n)


def test_interval_figures_are_percentages_to_glue_beside_the_share():
    from evidencebook.analysis.uncertainty import interval_figures

    got = interval_figures({"vol.mentor_matched_share": (97, 142), "edge.x": (12, 110)})
    low, high = wilson_interval(97, 142)
    assert got["vol.mentor_matched_share_low"] == pytest.approx(low * 100)
    assert got["vol.mentor_matched_share_high"] == pytest.approx(high * 100)
    assert set(got) == {
        "vol.mentor_matched_share_low",
        "vol.mentor_matched_share_high",
        "edge.x_low",
        "edge.x_high",
    }


@pytest.mark.parametrize(
    "low, mean, high, kind",
    [
        (2.0, 3.0, 4.0, "Triangular"),  # centred: the mean is the most likely value too
        (0.0, 4.0, 10.0, "Triangular"),  # lopsided, but a triangle with mode 2 fits
        (675.0, 1065.0, 2000.0, "Beta"),  # too near one end for any triangle
        (5.0, 5.0, 9.0, "Triangular"),  # a mean at an end: every draw is that value
    ],
)
def test_with_mean_gives_a_distribution_whose_mean_is_the_stated_one(low, mean, high, kind):
    from evidencebook.analysis.uncertainty import with_mean

    dist = with_mean(low, mean, high)
    assert type(dist).__name__ == kind
    assert dist.mean == pytest.approx(mean)
    draws = dist.sample(np.random.default_rng(1), 100_000)
    assert draws.mean() == pytest.approx(mean, rel=0.01, abs=1e-9)


def test_with_mean_refuses_a_mean_outside_the_range():
    from evidencebook.analysis.uncertainty import with_mean

    with pytest.raises(ValueError, match="low <= mean <= high"):
        with_mean(1.0, 5.0, 4.0)


def test_a_complete_count_has_no_interval():
    from evidencebook.analysis.uncertainty import format_share

    assert format_share(1155, 1155, complete=True) == "1,155 of 1,155 (100%)"
    assert "interval" not in format_share(226, 1155, complete=True)
    assert "95% interval" in format_share(6, 8)  # a sample keeps its interval


# --- Monte Carlo on arrays of all the draws at once -----------------------------------------


@array_safe
def share_of_cost(p):
    """Array-safe: arithmetic only, with ``arrays`` for ``max`` and a check."""
    if arrays.any_of(p["rate"] < 0):
        raise ValueError("rate must be 0 or more")
    cost = p["fixed"] + p["a"] * (1 + p["rate"])
    return {"cost": cost, "floor": arrays.larger(cost - 3.0, 0.0), "fixed": p["fixed"]}


def not_array_safe(p):
    """The same with Python's ``max`` and ``if``: right for numbers, not for arrays."""
    if p["rate"] < 0:
        raise ValueError("rate must be 0 or more")
    cost = p["fixed"] + p["a"] * (1 + p["rate"])
    return {"cost": cost, "floor": max(cost - 3.0, 0.0), "fixed": p["fixed"]}


DRAWN = {"a": (0, 2, 6), "rate": Uniform(0.1, 0.3)}


def test_an_array_safe_model_runs_once_on_arrays_with_the_same_samples_as_draw_by_draw():
    calls = []

    @array_safe
    def counted(p):
        calls.append(p)
        return share_of_cost(p)

    fast = monte_carlo(counted, DRAWN, n=3000, seed=5, base_params={"fixed": 1.5})
    assert fast.vectorised and len(calls) == 1
    assert isinstance(calls[0]["a"], np.ndarray) and calls[0]["fixed"] == 1.5
    slow = monte_carlo(counted, DRAWN, n=3000, seed=5, base_params={"fixed": 1.5}, vectorised=False)
    assert not slow.vectorised and len(calls) == 1 + 3000
    pd.testing.assert_frame_equal(fast.samples, slow.samples, check_exact=True)
    pd.testing.assert_frame_equal(fast.summary, slow.summary, check_exact=True)
    assert (fast.samples["floor"] == 0).any()  # the floor is met in some draws, not all
    assert (fast.samples["fixed"] == 1.5).all()  # an output of no draw: one value each


def test_a_model_not_declared_array_safe_runs_draw_by_draw():
    result = monte_carlo(not_array_safe, DRAWN, n=200, seed=5, base_params={"fixed": 1.5})
    assert not result.vectorised
    again = monte_carlo(share_of_cost, DRAWN, n=200, seed=5, base_params={"fixed": 1.5})
    pd.testing.assert_frame_equal(result.samples, again.samples, check_exact=True)


def test_a_model_wrongly_declared_array_safe_is_refused_with_a_message():
    wrong = array_safe(lambda p: not_array_safe(p))
    with pytest.raises(NotArraySafeError, match="declared array-safe .* failed on arrays"):
        monte_carlo(wrong, DRAWN, n=50, seed=5, base_params={"fixed": 1.5})
    assert issubclass(NotArraySafeError, TypeError)


def test_a_draw_the_model_refuses_gives_its_own_error_either_way():
    negative = {"a": (0, 2, 6), "rate": Uniform(-0.3, 0.1)}
    for model in (share_of_cost, not_array_safe):
        with pytest.raises(ValueError, match="rate must be 0 or more"):
            monte_carlo(model, negative, n=50, seed=5, base_params={"fixed": 1.5})


def test_an_array_safe_benefit_cost_model_and_a_one_number_model():
    from evidencebook.analysis.appraisal import BenefitCost

    @array_safe
    def ratio(p):
        return BenefitCost(p["b"] * 2.0, p["c"] - 1.0)

    dists = {"b": (0, 1, 2), "c": Discrete((1.0, 2.0, 3.0))}  # cost 0 in some draws: NaN
    fast = monte_carlo(ratio, dists, n=500, seed=9)
    slow = monte_carlo(ratio, dists, n=500, seed=9, vectorised=False)
    assert fast.outputs == ("benefit", "cost", "bcr") and fast.samples["bcr"].isna().any()
    pd.testing.assert_frame_equal(fast.samples, slow.samples, check_exact=True)
    one = monte_carlo(array_safe(lambda p: p["x"] * 2), {"x": (0, 1)}, n=10, seed=0)
    assert one.vectorised and one.outputs == ("output",)


def test_an_array_safe_model_must_give_one_value_a_draw():
    @array_safe
    def first_three(p):  # right for a number, three values for all the draws
        return {"x": p["x"][:3] if arrays.is_array(p["x"]) else p["x"]}

    with pytest.raises(NotArraySafeError, match="not one value a draw"):
        monte_carlo(first_three, {"x": (0, 1)}, n=10, seed=0)


def test_a_division_by_zero_in_a_draw_is_python_s_error_not_an_infinity():
    @array_safe
    def per_head(p):
        return p["cost"] / p["heads"]

    with pytest.raises(ZeroDivisionError):  # as one by one, not inf in the draws
        monte_carlo(per_head, {"cost": (1, 2), "heads": Discrete((0.0, 1.0))}, n=50, seed=1)

    @array_safe
    def spread(p):
        return p["x"] - p["y"]  # inf - inf: NaN for Python's numbers, no error

    inf = math.inf
    with np.errstate(invalid="ignore"):  # the summary's percentiles of infinities
        result = monte_carlo(
            spread, {"x": Discrete((1.0, inf))}, n=50, seed=1, base_params={"y": inf}
        )
    assert not result.vectorised  # run draw by draw, as numpy flags it invalid
    assert result.samples["output"].isna().any() and (result.samples["output"] == -inf).any()
