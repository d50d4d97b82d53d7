"""Array-safe forms of Python's operations (analysis.arrays): for numbers exactly what the
operation gives, of the same type; for arrays the same draw by draw, bit for bit."""

from __future__ import annotations

import math

import numpy as np
import pytest

from evidencebook.analysis import arrays

#: Awkward values: ties, signed zeros, halves (rounded to even), NaN and infinities.
VALUES = [-2.5, -1.0, -0.0, 0.0, 0.5, 1.5, 2.5, 3.0, 1e-300, 7.25, math.nan, math.inf, -math.inf]
A = np.array(VALUES * len(VALUES))
B = np.array([v for v in VALUES for _ in VALUES])


def same(got: np.ndarray, want: list) -> bool:
    """Bit for bit (so -0.0 is not 0.0, and NaN is NaN)."""
    want_array = np.array(want, dtype=float)
    return got.dtype == float and got.tobytes() == want_array.tobytes()


@pytest.mark.parametrize(
    ("fast", "python"),
    [(arrays.larger, max), (arrays.smaller, min)],
)
def test_larger_and_smaller_choose_as_max_and_min_do(fast, python):
    assert same(fast(A, B), [python(a, b) for a, b in zip(A.tolist(), B.tolist(), strict=True)])
    assert same(fast(A, 0.0), [python(a, 0.0) for a in A.tolist()])
    assert same(fast(0.0, B), [python(0.0, b) for b in B.tolist()])
    for a, b in ((1, 2.0), (-0.0, 0.0), (0.0, -0.0), (math.nan, 1.0), (1.0, math.nan)):
        got, want = fast(a, b), python(a, b)
        assert type(got) is type(want) and repr(got) == repr(want)


def test_ratio_is_nan_where_the_denominator_is_zero():
    want = [a / b if b else math.nan for a, b in zip(A.tolist(), B.tolist(), strict=True)]
    assert same(arrays.ratio(A, B), want)
    assert same(arrays.ratio(2.0, B), [2.0 / b if b else math.nan for b in B.tolist()])
    assert arrays.ratio(3.0, 2.0) == 1.5 and math.isnan(arrays.ratio(3.0, 0))
    assert math.isnan(arrays.ratio(3.0, math.nan))


def test_rounded_rounds_halves_to_even_as_round_does():
    finite = np.array([v for v in VALUES if math.isfinite(v)] + [0.49999999999999994, 1e15 + 0.5])
    assert same(arrays.rounded(finite), [float(round(v)) for v in finite.tolist()])
    assert arrays.rounded(2.5) == 2 and type(arrays.rounded(2.5)) is int


def test_fsum_sums_each_draw_as_math_fsum_does():
    terms = [A, 1e16, B * 3.0, -1e16, 0.1]
    finite = [np.nan_to_num(t, nan=1.0, posinf=2.0, neginf=-2.0) for t in terms]
    rows = zip(*(np.broadcast_to(t, A.shape).tolist() for t in finite), strict=True)
    assert same(arrays.fsum(finite), [math.fsum(r) for r in rows])
    assert arrays.fsum([0.1] * 10) == math.fsum([0.1] * 10) == 1.0
    assert type(arrays.fsum(x for x in (1, 2))) is float


def test_checks_fail_if_any_draw_fails():
    assert arrays.any_of(np.array([1.0, -1.0]) < 0) and not arrays.any_of(np.array([1.0]) < 0)
    assert arrays.any_of(True) is True and arrays.any_of(-1.0 < 0) is True
    assert not arrays.any_of(np.array([math.nan]) < 0)  # NaN is not less than 0, as `if` reads
    assert arrays.within(np.array([0.0, 0.5, 1.0]), 0, 1)
    assert not arrays.within(np.array([0.5, 1.5]), 0, 1)
    assert not arrays.within(np.array([0.5, math.nan]), 0, 1)
    assert not arrays.within(math.nan, 0, 1) and arrays.within(0.5, 0, 1)
    assert arrays.is_whole(np.array([1.0, 2.0])) and not arrays.is_whole(np.array([1.0, 2.5]))
    assert arrays.is_whole(3) and arrays.is_whole(3.0) and not arrays.is_whole(3.5)


def test_as_float_keeps_numbers_numbers():
    assert type(arrays.as_float(3)) is float and arrays.as_float(3) == 3.0
    x = np.array([1.0, 2.0])
    assert arrays.as_float(x) is x
    assert arrays.as_float(np.array([1, 2])).dtype == float
    assert arrays.is_array(1.0, x) and not arrays.is_array(1.0, 2)
