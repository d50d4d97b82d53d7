"""The Family Intervention Teams chapter's parameters, declared once."""

from __future__ import annotations

from dataclasses import dataclass

from evidencebook.analysis.chapter import ChapterParameters, param
from evidencebook.chapters.fit import model as fit


@dataclass(frozen=True)
class Parameters(ChapterParameters):
    """The chapter's parameters (the notebook's ``parameters`` cell is generated from these)."""

    fit_da_salary: float = param(
        32825.0,
        (
            "Annual cost of a full-time FIT domestic abuse worker before overheads, GBP. Source: "
            "Appendix 4, FIT pilot"
        ),
    )
    fit_sm_salary: float = param(
        45511.0,
        (
            "Annual cost of a full-time FIT substance misuse worker before overheads, GBP. "
            "Source: Appendix 4, FIT pilot"
        ),
    )
    fit_mh_salary: float = param(
        35853.0,
        (
            "Average annual cost of a full-time FIT mental health worker before overheads, GBP. "
            "Source: Appendix 4, FIT pilot"
        ),
    )
    fit_overhead_per_worker: float = param(
        2000.0,
        (
            "Flat overhead added to each FIT worker's annual cost (a sum, not a rate), GBP. "
            "Source: Appendix 4, FIT pilot"
        ),
    )
    fit_mh_cost_low: float = param(
        28792.0,
        (
            "Lowest annual cost of a FIT mental health worker in practice, GBP. Source: FIT cost "
            "effectiveness"
        ),
    )
    fit_mh_cost_high: float = param(
        46133.0,
        (
            "Highest annual cost of a FIT mental health worker in practice, GBP. Source: FIT cost "
            "effectiveness"
        ),
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

    def assumptions(self) -> fit.FITAssumptions:
        """The FIT cost assumptions."""
        return fit.FITAssumptions(
            da_salary=self.fit_da_salary,
            sm_salary=self.fit_sm_salary,
            mh_salary=self.fit_mh_salary,
            overhead_per_worker=self.fit_overhead_per_worker,
            mh_cost_low=self.fit_mh_cost_low,
            mh_cost_high=self.fit_mh_cost_high,
        )
