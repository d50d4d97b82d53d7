"""The Family Intervention Teams chapter's parameters, declared once."""

from __future__ import annotations

from dataclasses import dataclass

from evidencebook.analysis import prices, rollout
from evidencebook.analysis.chapter import ChapterParameters, param
from evidencebook.chapters.fit import appraisal
from evidencebook.chapters.fit import model as fit


@dataclass(frozen=True)
@prices.with_price_years
@rollout.with_local_rollout
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
    input_price_year: str = rollout.input_price_year()
    price_year: str = rollout.price_year()
    optimism_bias: float = rollout.optimism_bias()
    mc_runs: int = rollout.mc_runs()
    mc_seed: int = rollout.mc_seed()

    def assumptions(self) -> fit.FITAssumptions:
        """The FIT cost assumptions (one mapping from names, shared with the appraisal)."""
        return appraisal.assumptions_from(self.values())
