"""The social worker surgeries chapter's parameters, declared once."""

from __future__ import annotations

from dataclasses import dataclass

from evidencebook.analysis import prices, rollout
from evidencebook.analysis.chapter import ChapterParameters, param
from evidencebook.chapters.surgeries import model as surgeries


@dataclass(frozen=True)
@prices.with_price_years
@rollout.with_local_rollout
class Parameters(ChapterParameters):
    """The chapter's parameters (the notebook's ``parameters`` cell is generated from these)."""

    sws_authority: str = param(
        "Hampshire",
        (
            "Authority that ran the surgery pilot, whose referrals and Children in Need are set "
            "beside the pilot's targets. Source: SWS findings (Hampshire)"
        ),
    )
    demand_baseline_from: str = param(
        "2015-03",
        (
            "Changes in counts are measured from each series' first count in or after this month "
            "(YYYY-MM). Source: Appendix 3, Tables 9 and 10 (March 2015, when the bid was being "
            "drawn up)"
        ),
    )
    overhead_rate: float = param(
        0.2,
        "Overheads as a share of salary (0.2 means 20%). Source: Appendix 4, PA pilot",
    )
    sws_workers: int = param(
        8,
        (
            "Family support workers a county-wide surgery model would need (the evaluators' "
            "conservative estimate). Source: SWS findings; Executive summary"
        ),
    )
    sws_worker_salary: float = param(
        31709.0,
        (
            "Annual salary of one family support worker, GBP, before overheads. Not stated in the "
            "report: the book assumes Hampshire's average salary for comparable posts (edge "
            "workers, volunteer coordinators), which reproduces the report's total of about "
            "304,000 GBP. Source: Appendix 4, Tables 23 and 24 (assumption)"
        ),
    )
    input_price_year: str = rollout.input_price_year()
    price_year: str = rollout.price_year()
    optimism_bias: float = rollout.optimism_bias()
    mc_runs: int = rollout.mc_runs()
    mc_seed: int = rollout.mc_seed()

    def assumptions(self) -> surgeries.SWSAssumptions:
        """The surgery model's assumptions."""
        return surgeries.SWSAssumptions(
            workers=self.sws_workers,
            worker_salary=self.sws_worker_salary,
            overhead_rate=self.overhead_rate,
            authority=self.sws_authority,
            baseline_from=self.demand_baseline_from,
        )
