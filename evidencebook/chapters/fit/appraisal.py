"""FIT's roll-out appraised today: a full three-worker team's annual cost at today's prices,
the ranges of its inputs, and the section's wording (see
:mod:`evidencebook.analysis.rollout`). The report values no benefit, so only the cost is
modelled."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from evidencebook.analysis import rollout as ro
from evidencebook.analysis.ranges import JUDGEMENT, InputRange
from evidencebook.analysis.uncertainty import array_safe
from evidencebook.chapters.fit import model as fit

#: The FIT assumptions' fields, named as the chapter's parameters.
INPUTS = ro.NamedInputs(
    fit.FITAssumptions,
    {
        "da_salary": "fit_da_salary",
        "sm_salary": "fit_sm_salary",
        "mh_salary": "fit_mh_salary",
        "overhead_per_worker": "fit_overhead_per_worker",
        "mh_cost_low": "fit_mh_cost_low",
        "mh_cost_high": "fit_mh_cost_high",
    },
)


def assumptions_from(params: Mapping[str, Any]) -> fit.FITAssumptions:
    """The FIT assumptions from named inputs (the chapter's parameter names)."""
    return INPUTS.assumptions(params)


def fit_params(a: fit.FITAssumptions, price_factor: float) -> dict[str, float]:
    """Inputs of :func:`fit_team_cost`, named as the chapter parameters."""
    return INPUTS.inputs(a, price_factor)


@array_safe
def fit_team_cost(params: Mapping[str, float]) -> float:
    """A full three-worker FIT team a year (Appendix 4), at price-year prices."""
    return fit.full_team_cost(assumptions_from(params)) * params["price_factor"]


def fit_ranges(a: fit.FITAssumptions) -> tuple[InputRange, ...]:
    """Ranges of the FIT team's inputs. The mental health worker's comes from the report's
    lowest and highest costs in practice (parameters ``fit_mh_cost_low`` and
    ``fit_mh_cost_high``), read as full costs as in the chapter, so the flat overhead is
    taken off to give the salary range."""
    return (
        InputRange(
            "fit_mh_salary",
            "Mental health worker salary",
            "gbp",
            "values",
            a.mh_cost_low - a.overhead_per_worker,
            a.mh_cost_high - a.overhead_per_worker,
            "FIT findings (cost effectiveness): mental health worker costs varied in practice "
            "from the lowest to the highest given, read as full costs (less the flat overhead)",
            minimum=0.0,
        ),
        *(
            InputRange(
                name,
                label,
                "gbp",
                "relative",
                -0.10,
                0.10,
                f"{JUDGEMENT}: Appendix 4 gives one annual cost for the post and no range",
                minimum=0.0,
            )
            for name, label in (
                ("fit_sm_salary", "Substance misuse worker salary"),
                ("fit_da_salary", "Domestic abuse worker salary"),
            )
        ),
        InputRange(
            "fit_overhead_per_worker",
            "Flat overhead per worker",
            "gbp",
            "relative",
            -0.50,
            1.00,
            f"{JUDGEMENT}: Appendix 4's flat sum is low because the workers' own agencies "
            "carried most of their management; a team managed wholly by the council would "
            "cost more, so the range reaches further up than down",
            minimum=0.0,
        ),
    )


#: How the FIT chapter words its roll-out section.
WORDING = ro.RolloutWording(
    outputs=(
        ro.RolloutOutput(
            "output", "Full team (one of each)", "Monte Carlo full team", "team_cost", "team"
        ),
    ),
    tornado_title="FIT: what moves the cost of a full team",
    tornado_subject="the annual cost of a full three-worker FIT team",
    histogram_title="FIT: cost of a full team in Monte Carlo draws",
    histogram_subject="the annual cost of a full three-worker FIT team",
    tornado_data_decimals=2,
)


def rollout(
    a: fit.FITAssumptions,
    costs: fit.FITCosts,
    deflators: pd.DataFrame,
    settings: ro.RolloutSettings,
) -> ro.Rollout:
    """A full team's cost at ``price_year`` prices, its tornado and its Monte Carlo."""
    factor = settings.price_factor(deflators)
    rows = [(f"{fit.WORKER_LABELS[k]}, a year", v) for k, v in costs.worker_cost.items()]
    rows += [
        ("Full team (one of each), a year", costs.full_team_cost),
        ("Full team, cheapest mental health worker", costs.full_team_cost_mh_low),
        ("Full team, dearest mental health worker", costs.full_team_cost_mh_high),
    ]
    return ro.cost_rollout(
        "fit",
        fit_team_cost,
        fit_params(a, factor),
        fit_ranges(a),
        rows,
        settings=settings,
        deflators=deflators,
        wording=WORDING,
    )
