"""Array-safe forms of the few Python operations the Monte Carlo's models use that numpy
arrays do not support (``max``, ``min``, ``float()``, ``int(round())``, ``math.fsum``, ``x if
y else z`` and the checks in a dataclass's ``__post_init__``).

A model the Monte Carlo runs once on arrays of all its draws
(:func:`evidencebook.analysis.uncertainty.array_safe`) is the same function the rest of the
book calls with Python numbers. Each function here gives exactly what the Python operation it
replaces gives for Python numbers (the same value, of the same type: the scalar path is the
code it replaces), and the same draw by draw for numpy arrays: element-wise, with the same
IEEE arithmetic, the same choice between equal values and the same rounding. Arithmetic
(``+``, ``-``, ``*``, ``/``) needs nothing: numpy does it element-wise with the results
Python's floats give, as long as the order of the operations is unchanged.

No other module of the package is imported here, so any module may use it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import numpy as np


def is_array(*values: Any) -> bool:
    """Whether any of ``values`` is a numpy array (draws), not a Python number."""
    return any(isinstance(v, np.ndarray) for v in values)


def any_of(condition: Any) -> bool:
    """``condition`` as an ``if`` reads it, for a check that must fail if it fails in any
    draw: ``if x < 0: raise`` becomes ``if any_of(x < 0): raise`` (NaN is not less than 0,
    in a draw as in a number)."""
    if isinstance(condition, np.ndarray):
        return bool(condition.any())
    return bool(condition)


def within(value: Any, low: float, high: float) -> bool:
    """``low <= value <= high`` for a number; for draws, whether every draw is (NaN is
    not)."""
    if isinstance(value, np.ndarray):
        return bool(((low <= value) & (value <= high)).all())
    return low <= value <= high


def is_whole(value: Any) -> bool:
    """``int(value) == value`` for a number; for draws, whether every draw is a whole
    number."""
    if isinstance(value, np.ndarray):
        return bool((np.trunc(value) == value).all())
    return int(value) == value


def larger(a: Any, b: Any) -> Any:
    """``max(a, b)``: ``b`` where it is larger than ``a``, else ``a`` (as ``max`` chooses)."""
    if is_array(a, b):
        return np.where(b > a, b, a)
    return max(a, b)


def smaller(a: Any, b: Any) -> Any:
    """``min(a, b)``: ``b`` where it is smaller than ``a``, else ``a`` (as ``min`` chooses)."""
    if is_array(a, b):
        return np.where(b < a, b, a)
    return min(a, b)


def as_float(value: Any) -> Any:
    """``float(value)``; draws as an array of floats."""
    if isinstance(value, np.ndarray):
        return value.astype(float, copy=False)
    return float(value)


def rounded(value: Any) -> Any:
    """``int(round(value))``, halves to even; draws as whole numbers in an array of floats
    (the same numbers in any arithmetic: adding 0.0 makes a -0.0 the int's 0)."""
    if isinstance(value, np.ndarray):
        return np.rint(value) + 0.0
    return int(round(value))


def ratio(numerator: Any, denominator: Any) -> Any:
    """``numerator / denominator if denominator else nan``: NaN where the denominator is
    0."""
    if is_array(numerator, denominator):
        with np.errstate(divide="ignore", invalid="ignore"):
            out = np.divide(numerator, denominator)
        return np.where(np.asarray(denominator) != 0, out, np.nan)
    return numerator / denominator if denominator else float("nan")


def fsum(terms: Iterable[Any]) -> Any:
    """``math.fsum(terms)``; with draws among the terms, ``math.fsum`` of each draw's terms
    (exactly what it gives draw by draw)."""
    terms = list(terms)
    if not is_array(*terms):
        return math.fsum(terms)
    shape = np.broadcast(*terms).shape
    columns = [np.broadcast_to(np.asarray(t, dtype=float), shape) for t in terms]
    rows = zip(*(c.tolist() for c in columns), strict=True)
    return np.fromiter(map(math.fsum, rows), dtype=float, count=columns[0].size)
