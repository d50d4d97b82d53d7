"""The Willow chapter's parameters, declared once."""

from __future__ import annotations

from dataclasses import dataclass

from evidencebook.analysis import prices, rollout
from evidencebook.analysis.chapter import ChapterParameters, param
from evidencebook.chapters.willow import appraisal
from evidencebook.chapters.willow import model as willow


@dataclass(frozen=True)
@prices.with_price_years
@rollout.with_local_rollout
class Parameters(ChapterParameters):
    """The chapter's parameters (the notebook's ``parameters`` cell is generated from these)."""

    overhead_rate: float = param(
        0.2,
        ("Overheads as a share of salary (0.2 means 20%). Source: Appendix 4, PA pilot; Table 25"),
    )
    cse_manager_salary: float = param(
        50789.0,
        (
            "Willow team manager's annual salary (mid-scale for the grade), GBP, before "
            "overheads. Source: Table 25"
        ),
    )
    cse_manager_posts: int = param(
        1,
        "Willow team manager posts costed. Source: Table 25",
    )
    sw_salary: float = param(
        40913.0,
        (
            "Average annual social worker salary, GBP, before overheads. Source: Appendix 4, PA "
            "pilot; Table 25"
        ),
    )
    cse_sw_posts: int = param(
        3,
        "Willow social worker posts costed. Source: Table 25",
    )
    pa_salary: float = param(
        25380.0,
        (
            "Average annual salary of one PA (D grade), GBP, before overheads; also the Willow "
            "team's D grade administrator. Source: Appendix 4, PA pilot; Table 25"
        ),
    )
    cse_admin_d_posts: int = param(
        1,
        "Willow administrator posts at D grade costed. Source: Table 25",
    )
    cse_admin_c_salary: float = param(
        20242.0,
        (
            "Willow administrator's annual salary at C grade (mid-scale), GBP, before overheads. "
            "Source: Table 25"
        ),
    )
    cse_admin_c_posts: int = param(
        1,
        "Willow administrator posts at C grade costed. Source: Table 25",
    )
    input_price_year: str = rollout.input_price_year()
    price_year: str = rollout.price_year()
    optimism_bias: float = rollout.optimism_bias()
    mc_runs: int = rollout.mc_runs()
    mc_seed: int = rollout.mc_seed()

    def assumptions(self) -> willow.WillowAssumptions:
        """Table 25's salaries, posts and overhead rate."""
        return appraisal.assumptions_from(self.values())
