"""The Willow team: Table 25's total as the model of an appraisal at today's prices, with
documented ranges for the tornado and the Monte Carlo.

The report values no benefit, so only the cost is modelled. Each model input is named as the
chapter parameter it comes from (``cse_manager_salary``, ``sw_salary``, ...), plus
``price_factor`` (the deflator at the price year over the deflator at the input prices'
year).
The section "Appraising a roll-out today" is built by :mod:`evidencebook.analysis.rollout`
(:func:`rollout`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from evidencebook.analysis import rollout as ro
from evidencebook.analysis.ranges import JUDGEMENT, OVERHEAD_RANGE, InputRange
from evidencebook.analysis.uncertainty import array_safe
from evidencebook.chapters.willow import model as willow

#: Why each salary is varied (after the judgement label).
MID_SCALE = (
    "Table 25 costs the post at the middle of its grade's pay scale; a post may be paid "
    "anywhere on the scale"
)


#: Table 25's assumptions' fields, named as the chapter's parameters.
INPUTS = ro.NamedInputs(
    willow.WillowAssumptions,
    {
        "manager_salary": "cse_manager_salary",
        "manager_posts": "cse_manager_posts",
        "sw_salary": "sw_salary",
        "sw_posts": "cse_sw_posts",
        "admin_d_salary": "pa_salary",
        "admin_d_posts": "cse_admin_d_posts",
        "admin_c_salary": "cse_admin_c_salary",
        "admin_c_posts": "cse_admin_c_posts",
        "overhead_rate": "overhead_rate",
    },
)


def assumptions_from(params: Mapping[str, Any]) -> willow.WillowAssumptions:
    """Table 25's assumptions from named inputs: the chapter's parameter names."""
    return INPUTS.assumptions(params)


def willow_params(a: willow.WillowAssumptions, price_factor: float) -> dict[str, float]:
    """Inputs of :func:`willow_total`, named as the chapter parameters."""
    return INPUTS.inputs(a, price_factor)


@array_safe
def willow_total(params: Mapping[str, float]) -> float:
    """Table 25's total with overheads (council staff only), at price-year prices."""
    return willow.total_cost(assumptions_from(params)) * params["price_factor"]


def willow_ranges() -> tuple[InputRange, ...]:
    """Ranges of the Willow team's inputs. The posts are not varied: Table
    25 costs the posts in the team, and what it leaves out (partner agencies' staff, police
    time) is not a range but a gap, stated in the chapter."""
    why = f"{JUDGEMENT}: {MID_SCALE}"
    salaries = (
        ("sw_salary", "Social worker salary"),
        ("cse_manager_salary", "Team manager salary"),
        ("pa_salary", "Administrator salary, D grade"),
        ("cse_admin_c_salary", "Administrator salary, C grade"),
    )
    return (
        *(
            InputRange(name, label, "gbp", "relative", -0.10, 0.10, why, 0.0)
            for name, label in salaries
        ),
        OVERHEAD_RANGE,
    )


# --- the section "Appraising a roll-out today" ------------------------------------------

#: How the Willow chapter words its roll-out section.
WORDING = ro.RolloutWording(
    outputs=(
        ro.RolloutOutput(
            "output",
            "Total with overheads (council staff)",
            "Monte Carlo total",
            "total",
            "total",
        ),
    ),
    tornado_title="Willow: what moves the team's total cost",
    tornado_subject="the Willow team's total cost with overheads (council staff only)",
    histogram_title="Willow: total cost in Monte Carlo draws",
    histogram_subject="the Willow team's total cost (council staff only)",
    what_header="What (GBP a year)",
)


def rollout(
    a: willow.WillowAssumptions,
    deflators: pd.DataFrame,
    settings: ro.RolloutSettings,
) -> ro.Rollout:
    """Table 25's costs at ``price_year`` prices, the total's tornado and its Monte Carlo
    (see :mod:`evidencebook.analysis.rollout`)."""
    costs = willow.cost_model(a)
    rows = [(f"{r['resource']} ({r['posts']})", r["total"]) for r in costs.lines.to_dict("records")]
    rows += [
        ("Total staffing", costs.staffing),
        (f"Overheads ({a.overhead_rate:.0%})", costs.overheads),
        ("Total with overheads", costs.total),
    ]
    return ro.cost_rollout(
        "cse",
        willow_total,
        willow_params(a, settings.price_factor(deflators)),
        willow_ranges(),
        rows,
        settings=settings,
        deflators=deflators,
        wording=WORDING,
    )
