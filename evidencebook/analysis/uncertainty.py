"""Uncertainty: intervals for small-sample percentages and Monte Carlo for cost models.

* :func:`wilson_interval` gives a confidence interval for a proportion such as "6 of 8
  families" that behaves well for small samples and for 0 or n successes.
* :func:`with_mean` gives a distribution over a range whose *mean* is a stated value (a
  reported average): a triangle where one fits, otherwise a beta distribution. A reported
  average used as the most likely value of a skewed triangle would move the mean of the
  draws away from it (£675 to £2,000 around £1,065 has a mean of £1,247).
* :func:`monte_carlo` draws uncertain inputs from triangular, beta or uniform distributions and
  summarises each output of a model by its mean, median and a 90% interval (5th to 95th
  percentiles). Draws come from numpy's ``Generator`` seeded with ``seed``, so the same
  seed always gives the same figures. A model declared with :func:`array_safe` is called
  once with every draw at once (numpy arrays: a few milliseconds); any other once a draw.
  Both give the same figures, bit for bit (``tests/test_uncertainty.py`` and each strand's
  tests check it).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from statistics import NormalDist
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from evidencebook.analysis.appraisal import BenefitCost
from evidencebook.analysis.formatting import is_withheld, missing_symbol
from evidencebook.analysis.pack import not_available

#: Percentiles reported by :func:`monte_carlo`: a 90% interval.
INTERVAL = (5, 95)

#: Default number of Monte Carlo draws.
DEFAULT_DRAWS = 10_000

#: Default seed: any fixed number makes runs repeatable; this one is the report's year.
DEFAULT_SEED = 2017


# --- Wilson interval --------------------------------------------------------------------


def wilson_interval(successes: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for a proportion, as fractions (low, high).

    Wilson, E. B. (1927) "Probable inference, the law of succession, and statistical
    inference", JASA 22, 209-212; recommended for small samples by Newcombe, R. G. (1998)
    "Two-sided confidence intervals for the single proportion: comparison of seven methods",
    Statistics in Medicine 17, 857-872 (method 3, without continuity correction). For 81 of
    263 at 95% it gives 0.2553 to 0.3662, as in Newcombe's worked examples.
    """
    if n <= 0 or not 0 <= successes <= n:
        raise ValueError(f"need 0 <= successes <= n and n > 0, got {successes} of {n}")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence}")
    z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == n else min(1.0, centre + half)
    return low, high


# --- distributions ----------------------------------------------------------------------


@dataclass(frozen=True)
class Triangular:
    """Triangular distribution: lowest, most likely and highest value."""

    low: float
    mode: float
    high: float

    def __post_init__(self) -> None:
        if not self.low <= self.mode <= self.high:
            raise ValueError(f"need low <= mode <= high, got {self.low}, {self.mode}, {self.high}")

    @property
    def mean(self) -> float:
        return (self.low + self.mode + self.high) / 3

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        if self.low == self.high:
            return np.full(n, float(self.low))
        return rng.triangular(self.low, self.mode, self.high, size=n)


#: Weight of a beta distribution's shape (alpha + beta), as in the PERT distribution, used
#: where no triangle over a range has the stated mean.
BETA_WEIGHT = 6.0


@dataclass(frozen=True)
class Beta:
    """Beta distribution stretched over low to high, with shape parameters alpha and beta."""

    low: float
    high: float
    alpha: float
    beta: float

    def __post_init__(self) -> None:
        if not self.low < self.high or not (self.alpha > 0 and self.beta > 0):
            raise ValueError(
                f"need low < high and alpha, beta > 0, got {self.low}, {self.high}, "
                f"{self.alpha}, {self.beta}"
            )

    @property
    def mean(self) -> float:
        return self.low + (self.high - self.low) * self.alpha / (self.alpha + self.beta)

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return self.low + (self.high - self.low) * rng.beta(self.alpha, self.beta, size=n)


@dataclass(frozen=True)
class Uniform:
    """Uniform distribution: every value from low to high equally likely."""

    low: float
    high: float

    def __post_init__(self) -> None:
        if not self.low <= self.high:
            raise ValueError(f"need low <= high, got {self.low}, {self.high}")

    @property
    def mean(self) -> float:
        return (self.low + self.high) / 2

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return rng.uniform(self.low, self.high, size=n)


@dataclass(frozen=True)
class Discrete:
    """Each of a few values equally likely (the cuts of neighbouring confidence grades)."""

    values: tuple[float, ...]

    def __post_init__(self) -> None:
        if not self.values:
            raise ValueError("need at least one value")

    @property
    def low(self) -> float:
        return min(self.values)

    @property
    def high(self) -> float:
        return max(self.values)

    @property
    def mean(self) -> float:
        return sum(self.values) / len(self.values)

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return rng.choice(np.asarray(self.values, dtype=float), size=n)


Distribution = Triangular | Uniform | Beta | Discrete


def with_mean(low: float, mean: float, high: float) -> Triangular | Beta:
    """A distribution over ``low`` to ``high`` whose mean is ``mean``.

    A triangle with its most likely value at ``3 x mean - low - high`` where that lies in the
    range (for a range centred on the mean, the mean itself); otherwise, when the mean sits
    too near one end for any triangle, a beta distribution with ``alpha + beta =``
    :data:`BETA_WEIGHT` and ``alpha`` set by the mean. A mean at an end (or an empty range)
    leaves nothing to draw: every draw is that value.
    """
    low, mean, high = float(low), float(mean), float(high)
    if not low <= mean <= high:
        raise ValueError(f"need low <= mean <= high, got {low}, {mean}, {high}")
    if mean in (low, high):
        return Triangular(mean, mean, mean)
    mode = 3 * mean - low - high
    if low <= mode <= high:
        return Triangular(low, mode, high)
    alpha = BETA_WEIGHT * (mean - low) / (high - low)
    return Beta(low, high, alpha, BETA_WEIGHT - alpha)


def as_distribution(spec: Distribution | tuple[float, ...]) -> Distribution:
    """A distribution from itself, a (low, mode, high) triangle or a (low, high) uniform."""
    if isinstance(spec, Triangular | Uniform | Beta | Discrete):
        return spec
    values = tuple(float(v) for v in spec)
    if len(values) == 3:
        return Triangular(*values)
    if len(values) == 2:
        return Uniform(*values)
    raise ValueError(f"a range is (low, high) or (low, mode, high), got {spec!r}")


# --- Monte Carlo ------------------------------------------------------------------------

M = TypeVar("M", bound=Callable[..., Any])

#: The attribute :func:`array_safe` sets on a model.
ARRAY_SAFE = "array_safe"


def array_safe(model: M) -> M:
    """Declare ``model`` array-safe: :func:`monte_carlo` calls it once, with each drawn
    input a numpy array of all the draws (the inputs not drawn stay Python numbers), and
    reads each output as an array of one value a draw (or one number for every draw).

    Declare only a model that gives, draw by draw, exactly what it gives for Python
    numbers: plain arithmetic in the same order, and :mod:`evidencebook.analysis.arrays` in
    place of ``max``, ``min``, ``float()``, ``round``, ``math.fsum``, a conditional
    expression or a check in ``__post_init__``. A declared model that fails on arrays where
    the draws one by one do not is refused with a message (see :func:`monte_carlo`); the
    tests compare each strand's model both ways, bit for bit."""
    setattr(model, ARRAY_SAFE, True)
    return model


def is_array_safe(model: Callable[..., Any]) -> bool:
    """Whether ``model`` is declared with :func:`array_safe`."""
    return getattr(model, ARRAY_SAFE, False) is True


class NotArraySafeError(TypeError):
    """A model declared array-safe failed when called with arrays of draws, while the same
    draws one by one gave figures: the declaration is wrong (a programming error, which the
    tests of every model the book runs would meet first; no input of the user's causes
    it)."""


def outputs_of(result: object) -> dict[str, float]:
    """A model's result as named numbers: a mapping as is, a BenefitCost as benefit, cost
    and bcr, a single number as ``output``."""
    if isinstance(result, BenefitCost):
        return {"benefit": result.benefit, "cost": result.cost, "bcr": result.bcr}
    if isinstance(result, Mapping):
        return {str(k): float(v) for k, v in result.items()}
    return {"output": float(result)}  # type: ignore[arg-type]


def _output_arrays(result: object, n: int) -> dict[str, np.ndarray]:
    """:func:`outputs_of` for a model called with arrays: each output as ``n`` floats (an
    output that is one number, not depending on any draw, repeated)."""
    if isinstance(result, BenefitCost):
        named = {"benefit": result.benefit, "cost": result.cost, "bcr": result.bcr}
    elif isinstance(result, Mapping):
        named = {str(k): v for k, v in result.items()}
    else:
        named = {"output": result}
    out = {}
    for name, value in named.items():
        values = np.asarray(value, dtype=float)
        if values.ndim == 0:
            values = np.full(n, float(values))
        if values.shape != (n,):
            raise ValueError(f"output {name!r} has shape {values.shape}, not one value a draw")
        out[name] = values
    return out


@dataclass(frozen=True, eq=False)
class MonteCarloResult:
    """Draws of the inputs with the outputs they give, and a summary of each output."""

    samples: pd.DataFrame  # one row per draw: varied inputs, then outputs
    summary: pd.DataFrame  # one row per output: mean, median, p5, p95
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    seed: int | None
    n: int
    #: The model ran once on arrays of all the draws (True) or once a draw (False).
    vectorised: bool = False

    def share_at_least(self, output: str, threshold: float) -> float:
        """Share of draws in which ``output`` is at least ``threshold`` (e.g. BCR >= 1)."""
        return float((self.samples[output] >= threshold).mean())


def summarise(values: pd.DataFrame) -> pd.DataFrame:
    """Mean, median and 5th and 95th percentiles (a 90% interval) of each column."""
    low, high = INTERVAL
    rows = []
    for name in values.columns:
        x = values[name].to_numpy(dtype=float)
        rows.append(
            {
                "output": name,
                "mean": float(np.mean(x)),
                "median": float(np.median(x)),
                f"p{low}": float(np.percentile(x, low)),
                f"p{high}": float(np.percentile(x, high)),
            }
        )
    return pd.DataFrame(rows)


def draw_by_draw(
    model: Callable[[Mapping[str, float]], object],
    draws: pd.DataFrame,
    base: Mapping[str, float],
) -> pd.DataFrame:
    """The model's outputs, one row a draw: called once a draw with Python numbers."""
    names = list(draws.columns)
    records = []
    for drawn in zip(*(draws[name].tolist() for name in names), strict=True):
        params = dict(base)  # the inputs not drawn, then this draw's (Python numbers)
        params.update(zip(names, drawn, strict=True))
        records.append(outputs_of(model(params)))
    return pd.DataFrame.from_records(records)


def all_at_once(
    model: Callable[[Mapping[str, Any]], object],
    draws: pd.DataFrame,
    base: Mapping[str, float],
) -> pd.DataFrame:
    """The model's outputs, one row a draw: called once, each drawn input an array."""
    params: dict[str, Any] = dict(base)
    params.update({name: draws[name].to_numpy(dtype=float, copy=True) for name in draws.columns})
    return pd.DataFrame(_output_arrays(model(params), len(draws)))


def monte_carlo(
    model: Callable[[Mapping[str, float]], object],
    distributions: Mapping[str, Distribution | tuple[float, ...]],
    n: int = DEFAULT_DRAWS,
    seed: int | None = DEFAULT_SEED,
    base_params: Mapping[str, float] | None = None,
    vectorised: bool | None = None,
) -> MonteCarloResult:
    """Run ``model`` on ``n`` draws of the uncertain inputs; the rest stay at ``base_params``.

    Each input in ``distributions`` is drawn independently, in the order given, from a
    ``Triangular`` / ``(low, mode, high)`` or ``Uniform`` / ``(low, high)`` range, using
    ``numpy.random.default_rng(seed)``. The model may return a mapping of named outputs, a
    ``BenefitCost`` (giving benefit, cost and bcr) or one number. The default seed is fixed
    so that results are reproducible; pass ``seed=None`` for fresh randomness.

    A model declared with :func:`array_safe` is called once with arrays of all the draws
    (``vectorised`` None, the default, follows the declaration; False calls any model once a
    draw, as the tests do to compare). If a declared model fails on arrays, the draws are
    run one by one: an error there is the model's own (a draw it refuses) and is raised as
    it is; if they give figures, the declaration is wrong and :class:`NotArraySafeError`
    says so. Where numpy meets a division by zero or an invalid operation (``0 / 0``,
    ``inf - inf``), which Python's numbers refuse with ``ZeroDivisionError`` or take in
    their own way, the draws are run one by one too, and their figures (or error) stand.
    ``MonteCarloResult.vectorised`` records which way the model ran.
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    base = dict(base_params or {})
    dists = {name: as_distribution(spec) for name, spec in distributions.items()}
    rng = np.random.default_rng(seed)
    draws = pd.DataFrame({name: d.sample(rng, n) for name, d in dists.items()})
    at_once = is_array_safe(model) if vectorised is None else vectorised
    if at_once:
        try:
            with np.errstate(divide="raise", invalid="raise", over="ignore", under="ignore"):
                results = all_at_once(model, draws, base)
        except FloatingPointError:  # x / 0 in a draw, which Python's numbers refuse: run
            results = draw_by_draw(model, draws, base)  # draw by draw, as they would
            at_once = False
        except Exception as error:
            draw_by_draw(model, draws, base)  # the model's own error, if a draw is refused
            name = getattr(model, "__qualname__", repr(model))
            raise NotArraySafeError(
                f"{name} is declared array-safe (uncertainty.array_safe) but failed on arrays "
                f"of all the draws ({type(error).__name__}: {error}), while it runs the same "
                "draws one by one: give it an array-safe form (evidencebook.analysis.arrays) "
                "or remove the declaration"
            ) from error
    else:
        results = draw_by_draw(model, draws, base)
    return MonteCarloResult(
        samples=pd.concat([draws, results], axis=1),
        summary=summarise(results),
        inputs=tuple(dists),
        outputs=tuple(results.columns),
        seed=seed,
        n=n,
        vectorised=at_once,
    )


# --- percentages with their base and interval -------------------------------------------

#: Confidence level of the interval given beside a percentage from a stated base.
SHARE_CONFIDENCE = 0.95


@dataclass(frozen=True)
class ShareInterval:
    """A percentage from a stated base ("6 of 8") with its Wilson interval."""

    successes: int
    n: int
    confidence: float = SHARE_CONFIDENCE

    def __post_init__(self) -> None:
        wilson_interval(self.successes, self.n, self.confidence)  # validates

    @property
    def pct(self) -> float:
        return self.successes / self.n * 100

    @property
    def low_pct(self) -> float:
        return wilson_interval(self.successes, self.n, self.confidence)[0] * 100

    @property
    def high_pct(self) -> float:
        return wilson_interval(self.successes, self.n, self.confidence)[1] * 100

    def interval_text(self, decimals: int = 0) -> str:
        """E.g. "95% interval 60% to 76%"."""
        level = f"{self.confidence * 100:g}%"
        return f"{level} interval {self.low_pct:.{decimals}f}% to {self.high_pct:.{decimals}f}%"

    def text(self, decimals: int = 0) -> str:
        """E.g. "97 of 142 (68%, 95% interval 60% to 76%)"."""
        return (
            f"{self.successes:,} of {self.n:,} "
            f"({self.pct:.{decimals}f}%, {self.interval_text(decimals)})"
        )


def _whole(value: float, name: str) -> int:
    """A count as an int; a float is accepted only if it is a whole number (e.g. 97.0)."""
    if isinstance(value, bool) or float(value) != int(value):
        raise ValueError(f"{name} must be a whole number, got {value!r}")
    return int(value)


def share_interval(
    successes: float, n: float, confidence: float = SHARE_CONFIDENCE
) -> ShareInterval:
    """``successes`` of ``n`` with its Wilson interval (counts may be whole floats)."""
    return ShareInterval(_whole(successes, "successes"), _whole(n, "n"), confidence)


def format_share(
    successes: float,
    n: float,
    confidence: float = SHARE_CONFIDENCE,
    decimals: int = 0,
    complete: bool = False,
) -> str:
    """ "k of n (p%, 95% interval a% to b%)", the interval by Wilson's method; "c" where
    either count is withheld, "x" where either is not available. ``complete``: the base is
    everyone, not a sample (every enquiry a service received, say), so there is nothing to
    be uncertain about by sampling and no interval is given: "k of n (p%)"."""
    if not_available(successes) or not_available(n):
        return missing_symbol(pd.NA if is_withheld(successes) or is_withheld(n) else None)
    share = share_interval(successes, n, confidence)
    if complete:
        return f"{share.successes:,} of {share.n:,} ({share.pct:.{decimals}f}%)"
    return share.text(decimals)


def interval_figures(
    shares: Mapping[str, tuple[float, float]], confidence: float = SHARE_CONFIDENCE
) -> dict[str, float]:
    """For each {figure id: (successes, n)}, ``<id>_low`` and ``<id>_high``: the ends of the
    Wilson interval as percentages (0-100), ready to glue beside the share itself (not
    withheld, ``pd.NA``, where a count is withheld; not available, NaN, where a count is
    not available)."""
    out: dict[str, float] = {}
    for key, (k, n) in shares.items():
        if not_available(k) or not_available(n):  # no interval can be given
            withheld = is_withheld(k) or is_withheld(n)
            out[f"{key}_low"] = out[f"{key}_high"] = pd.NA if withheld else float("nan")
            continue
        s = share_interval(k, n, confidence)
        out[f"{key}_low"] = s.low_pct
        out[f"{key}_high"] = s.high_pct
    return out
