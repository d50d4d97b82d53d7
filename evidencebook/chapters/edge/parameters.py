"""The edge of care chapter's parameters, declared once."""

from __future__ import annotations

from dataclasses import dataclass

from evidencebook.analysis import prices, rollout
from evidencebook.analysis.chapter import ChapterParameters, param
from evidencebook.chapters.edge import appraisal
from evidencebook.chapters.edge import model as edge


@dataclass(frozen=True)
@prices.with_price_years
@rollout.with_local_rollout
class Parameters(ChapterParameters):
    """The chapter's parameters (the notebook's ``parameters`` cell is generated from these)."""

    overhead_rate: float = param(
        0.2,
        "Overheads as a share of salary (0.2 means 20%). Source: Appendix 4, Tables 23 and 24",
    )
    edge_worker_salary: float = param(
        31709.0,
        (
            "Average annual salary of an edge worker, GBP, before overheads (mid-point of the pay "
            "scale). Source: Table 23"
        ),
    )
    edge_young_people_per_worker: float = param(
        21.0,
        (
            "Young people an edge worker works with in a year (about 147 starts a year across 7 "
            "teams). Source: Edge of care findings; Table 23"
        ),
    )
    edge_activities_cost: float = param(
        1065.0,
        (
            "Average cost of the structured activities programme per young person, GBP, as "
            "reported. Source: Table 23"
        ),
    )
    edge_activities_cost_low: float = param(
        675.0,
        "Lowest reported activities programme cost per young person, GBP. Source: Table 23",
    )
    edge_activities_cost_high: float = param(
        2000.0,
        "Highest reported activities programme cost per young person, GBP. Source: Table 23",
    )
    vol_coordinator_salary: float = param(
        31709.0,
        (
            "Average annual salary of a Hampshire volunteer coordinator, GBP, before overheads. "
            "Source: Table 24"
        ),
    )
    vol_per_coordinator: float = param(
        50.0,
        (
            "Active volunteers one full-time coordinator can support at any one time. Source: "
            "Volunteering findings; Table 24"
        ),
    )
    vol_coordinators_hants: int = param(
        4,
        (
            "Full-time Hampshire volunteer coordinators, who share the administration and "
            "marketing costs. Source: Volunteering findings; Table 24"
        ),
    )
    vol_admin_cost: float = param(
        50761.0,
        (
            "Annual administration and marketing costs of Hampshire's volunteering service, GBP, "
            "before overheads. Source: Table 24"
        ),
    )
    vol_expenses_monthly: float = param(
        10.22,
        (
            "Average expenses paid to a volunteer a month, GBP (also applied to the Isle of "
            "Wight). Source: Table 24"
        ),
    )
    vol_interventions_per_volunteer: float = param(
        3.0,
        (
            "Substantive interventions (family support, mentoring, advocacy) a volunteer "
            "completes a year; the report calls 3 conservative. Source: Table 24"
        ),
    )
    input_price_year: str = rollout.input_price_year()
    price_year: str = rollout.price_year()
    optimism_bias: float = rollout.optimism_bias()
    mc_runs: int = rollout.mc_runs()
    mc_seed: int = rollout.mc_seed()

    def assumptions(self) -> edge.EdgeAssumptions:
        """Table 23's assumptions, with the in-house volunteer model behind the mentor."""
        return appraisal.assumptions_from(self.values())
