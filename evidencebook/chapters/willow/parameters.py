"""The Willow chapter's parameters, declared once."""

from __future__ import annotations

from dataclasses import dataclass

from evidencebook.analysis.chapter import ChapterParameters, param
from evidencebook.chapters.willow import appraisal
from evidencebook.chapters.willow import model as willow


@dataclass(frozen=True)
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
    input_price_year: str = param(
        "2015-16",
        (
            "Financial year (YYYY-YY) whose prices the chapter's money inputs are in. Source: "
            "report, Appendix 4 (pilot-period costs)"
        ),
    )
    price_year: str = param(
        "2025-26",
        (
            "Financial year (YYYY-YY) to show money at, uprated with the GDP deflator (table "
            "gdp_deflators). Source: Green Book 2022 (real prices at one price base); HM Treasury "
            "GDP deflators"
        ),
    )
    optimism_bias: float = param(
        0.41,
        (
            "Uplift on costs for optimism bias (0.41 adds 41%). Source: Green Book supplementary "
            "guidance on optimism bias, upper bound for outsourcing (operating costs)"
        ),
    )
    mc_runs: int = param(
        10000,
        "Monte Carlo draws. Source: book's choice (enough for a steady 90% interval)",
    )
    mc_seed: int = param(
        2017,
        (
            "Seed for the Monte Carlo draws: the same seed gives the same figures every run. "
            "Source: book's choice"
        ),
    )

    def assumptions(self) -> willow.WillowAssumptions:
        """Table 25's salaries, posts and overhead rate."""
        return appraisal.assumptions_from(self.values())
