"""The surgery model's roll-out appraised today: the county-wide projection at today's
prices, the ranges of its inputs, and the section's wording (see
:mod:`evidencebook.analysis.rollout`). No benefit was found or valued, so only the cost is
modelled."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from evidencebook.analysis import arrays
from evidencebook.analysis import rollout as ro
from evidencebook.analysis.ranges import JUDGEMENT, OVERHEAD_RANGE, InputRange
from evidencebook.analysis.uncertainty import array_safe
from evidencebook.chapters.surgeries import model as surgeries

#: The cost model's fields, named as the chapter's parameters (the surgeries' authority and
#: period are no inputs of the cost).
INPUTS = ro.NamedInputs(
    surgeries.SWSAssumptions,
    {
        "workers": "sws_workers",
        "worker_salary": "sws_worker_salary",
        "overhead_rate": "overhead_rate",
    },
)


def surgeries_params(a: surgeries.SWSAssumptions, price_factor: float) -> dict[str, float]:
    """Inputs of :func:`surgeries_scaled_cost`, named as the chapter parameters."""
    return INPUTS.inputs(a, price_factor)


@array_safe
def surgeries_scaled_cost(params: Mapping[str, float]) -> float:
    """The county-wide surgery model a year, at price-year prices. Workers are whole posts:
    a number drawn from a range (in the Monte Carlo) is rounded to the nearest one."""
    whole = {**params, "sws_workers": arrays.rounded(params["sws_workers"])}
    a = INPUTS.assumptions(whole)  # the cost model alone, from its inputs only
    return surgeries.cost_model(a).scaled_cost * params["price_factor"]


#: Ranges of the surgery projection's inputs.
SURGERIES_RANGES = (
    InputRange(
        "sws_workers",
        "Number of family support workers county-wide",
        "number",
        "points",
        -1.0,
        3.0,
        f"{JUDGEMENT}: the evaluators call their number a conservative estimate (SWS "
        "findings), so the range reaches further up than down",
        minimum=1.0,
    ),
    InputRange(
        "sws_worker_salary",
        "Family support worker salary",
        "gbp",
        "relative",
        -0.20,
        0.20,
        f"{JUDGEMENT}: the report gives no salary; the base is the book's assumption "
        "(Hampshire's average for comparable posts, Tables 23 and 24), so the range is wider "
        "than for salaries the report states",
        minimum=0.0,
    ),
    OVERHEAD_RANGE,
)

#: How the surgeries chapter words its roll-out section.
WORDING = ro.RolloutWording(
    outputs=(
        ro.RolloutOutput(
            "output",
            "County-wide model",
            "Monte Carlo county-wide cost",
            "scaled_cost",
            "scaled",
        ),
    ),
    tornado_title="Surgeries: what moves the county-wide cost",
    tornado_subject="the county-wide surgery model's annual cost",
    histogram_title="Surgeries: county-wide cost in Monte Carlo draws",
    histogram_subject="the county-wide surgery model's annual cost",
    what_header="What (GBP a year)",
)


def rollout(
    a: surgeries.SWSAssumptions,
    costs: surgeries.SWSCosts,
    deflators: pd.DataFrame,
    settings: ro.RolloutSettings,
) -> ro.Rollout:
    """The county-wide model's cost at ``price_year`` prices, its tornado and its Monte
    Carlo."""
    factor = settings.price_factor(deflators)
    rows = [
        ("Family support worker salary (the book's assumption)", a.worker_salary),
        ("One worker with overheads", costs.worker_cost),
        (f"County-wide model, {a.workers} workers", costs.scaled_cost),
    ]
    return ro.cost_rollout(
        "sws",
        surgeries_scaled_cost,
        surgeries_params(a, factor),
        SURGERIES_RANGES,
        rows,
        settings=settings,
        deflators=deflators,
        wording=WORDING,
    )
